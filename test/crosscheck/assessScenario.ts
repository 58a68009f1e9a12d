/**
 * A scenario through shifan's own path, as `shifan assess` then `shifan report` run it: nomination workbook →
 * XlsxWorkbookSource → inspectWorkbook → compileWithInputs (the scenario's scores typed in) → writePlanToXlsx;
 * then the written file read back → readAssessment → buildReport, whose output cells are what every
 * spreadsheet must show.
 */
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { writePlanToXlsx } from "../../src/adapters/xlsx/XlsxPlanSink";
import type { IsoDate } from "../../src/engine/core";
import { failureMessage } from "../../src/engine";
import { sheetCellRef } from "../../src/engine/core/CellRef";
import { inspectWorkbook } from "../../src/engine/intake/inspectWorkbook";
import {
  compileWithInputs,
  type CompiledAssessment,
} from "../../src/engine/plan/compileAssessment";
import { judgeSheetName, raterSheetName } from "../../src/engine/plan/assessmentLayout";
import { cachedValueOf } from "../../src/engine/plan/shiftRows";
import type { CellContent, WorkbookPlan } from "../../src/engine/plan/SheetPlan";
import {
  buildReport,
  nomineeCells,
  type AssessmentReport,
} from "../../src/engine/report/buildReport";
import { readAssessment } from "../../src/engine/report/readAssessment";
import { assessmentFigures } from "../../src/engine/report/assessmentFigures";
import { withCachedValues } from "../../src/engine/usecases/cachedValues";
import { BUILTIN_RUBRICS } from "../../src/engine/rubric/builtinRubrics";
import type { Rubric } from "../../src/engine/rubric/Rubric";
import type { ExpectedCell } from "./compareCells";
import type { Scenario } from "./scenarios";
import { nominationWorkbookBytes } from "./sourceWorkbook";

/** Sheets whose every formula cell the cross-check compares with what evaluatePlan cached. */
export const COMPUTED_SHEETS: readonly string[] = ["汇总", "公示名单", "评委分析"];

/** A fixed as-of date (the day seed 000 was signed), so nothing depends on the clock. */
export const AS_OF = "2012-04-01" as IsoDate;

export interface AssessedScenario {
  readonly scenario: Scenario;
  /** The assessment workbook as `shifan assess` writes it. */
  readonly bytes: Uint8Array;
  readonly report: AssessmentReport;
  /** Every output cell of the report with the engine's value, plus each row's 评分进度 (the report does not carry it). */
  readonly expected: readonly ExpectedCell[];
}

/** The built-in rubric with the scenario's judges and only the scenario's quotas (a tier without one has none). */
export function scenarioRubric(scenario: Scenario): Rubric {
  const builtin = BUILTIN_RUBRICS[scenario.rubric];
  return {
    ...builtin,
    judges: scenario.judges,
    minJudges: Math.min(builtin.minJudges, scenario.judges),
    quotas: {
      byTier: { ...scenario.quotas },
      ...(scenario.sectorQuotas === undefined ? {} : { bySectorTier: scenario.sectorQuotas }),
      ...(scenario.candidateRatio === undefined ? {} : { candidateRatio: scenario.candidateRatio }),
    },
  };
}

/** The output cells the cross-check compares: criteria, panel, total, grade, rank, recommended, status. */
export function expectedOutputCells(report: AssessmentReport): ExpectedCell[] {
  return report.nominees.flatMap((nominee) => {
    const o = nominee.outputs;
    const named: [string, { cell: string; value: number | string | null }][] = [
      ...Object.entries(o.criteria),
      ["panel", o.panel],
      ["total", o.total],
      ["grade", o.grade],
      ["rank", o.rank],
      ["sectorRank", o.sectorRank],
      ["recommended", o.recommended],
      ["tie", o.tie],
      ["candidate", o.candidate],
      ["status", o.status],
      // Rater groups' scores on 考核表 (RULES §4.1); the panel and the figure are compared above and as typed.
      ...Object.entries(o.components).filter(([id]) => id !== "panel" && id !== "satisfaction"),
    ];
    return named.map(([what, cell]) => ({
      ref: cell.cell,
      value: cell.value,
      what: `${nominee.id} ${nominee.name ?? ""} ${what}`,
    }));
  });
}

/** The plan with each scenario nominee's `typed` entries in their cells (text, or TRUE/FALSE). */
function withTypedEntries(compiled: CompiledAssessment, scenario: Scenario): WorkbookPlan {
  const { layout } = compiled;
  const typed = new Map<string, CellContent>();
  scenario.nominees.forEach((nominee, i) => {
    for (const entry of nominee.inputs.typed ?? []) {
      const group =
        "group" in entry ? layout.raterSheets.find((s) => s.group === entry.group) : undefined;
      const sheet =
        "group" in entry
          ? raterSheetName(entry.group)
          : entry.judge === null
            ? "考核表"
            : judgeSheetName(entry.judge + 1);
      const col =
        "group" in entry
          ? (group?.scoreColumns[entry.rater] as number)
          : entry.judge === null
            ? layout.main.satisfaction
            : (layout.judgeScoreColumns[entry.criterion] as number);
      const content: CellContent =
        typeof entry.value === "boolean"
          ? { kind: "bool", value: entry.value }
          : { kind: "text", text: entry.value };
      typed.set(`${sheet}|${layout.firstRow + i}|${col}`, content);
    }
  });
  return {
    ...compiled.plan,
    sheets: compiled.plan.sheets.map((sheet) => ({
      ...sheet,
      cells: sheet.cells.map((cell) => {
        const content = typed.get(`${sheet.name}|${cell.row}|${cell.col}`);
        return content === undefined ? cell : { ...cell, content };
      }),
    })),
  };
}

export async function assessScenario(scenario: Scenario): Promise<AssessedScenario> {
  const sourceBytes = await nominationWorkbookBytes(scenario);
  const inspect = inspectWorkbook(await XlsxWorkbookSource.fromBuffer(sourceBytes).read());
  const read = inspect.nominees.map((n) => n.name);
  const meant = scenario.nominees.map((n) => n.name);
  // The cross-check is meaningless if intake read other rows than the scenario wrote.
  if (JSON.stringify(read) !== JSON.stringify(meant)) {
    throw new Error(
      `scenario ${scenario.id}: inspect read ${read.length} nominees, the scenario has ${meant.length}`
    );
  }
  const compiled = compileWithInputs(
    inspect,
    { rubric: scenarioRubric(scenario), asOf: AS_OF, today: AS_OF },
    scenario.nominees.map((n) => n.inputs)
  );
  // Text and TRUE pasted over scores as a person would; then cached values as the use cases write them
  // (withCachedValues: evaluatePlan's value in every formula cell).
  const plan = withTypedEntries(compiled, scenario);
  const cached = withCachedValues(plan, AS_OF);
  const bytes = await writePlanToXlsx(sourceBytes, cached);
  const readBack = readAssessment(await XlsxWorkbookSource.fromBuffer(bytes).read());
  if (!readBack.ok)
    throw new Error(
      `scenario ${scenario.id}: the written workbook cannot be read back: ${failureMessage(readBack.failure)}`
    );
  const report = buildReport(readBack.state, AS_OF);
  const figures = assessmentFigures({
    nominees: readBack.state.nominees,
    rubric: readBack.state.rubric,
    asOf: AS_OF,
  });
  const progress = figures.rows.map((row, i): ExpectedCell => ({
    ref: nomineeCells(compiled.layout, i).progress,
    value: row.progress,
    what: `${report.nominees[i]?.id ?? i} progress`,
  }));
  // 汇总's every figure as evaluatePlan gives it (highest and lowest through 考核表's keyed totals, issue #12 §5), and
  // every cell of 公示名单 (issue #13 §7).
  const summary = cached.sheets
    .filter((sheet) => COMPUTED_SHEETS.includes(sheet.name))
    .flatMap((sheet) =>
      sheet.cells.flatMap((cell): ExpectedCell[] => {
        if (cell.content.kind !== "formula" && cell.content.kind !== "filled") return [];
        const cachedValue = cachedValueOf(sheet, cell, cell.content);
        return [
          {
            ref: sheetCellRef(sheet.name, cell.row, cell.col),
            value: cachedValue === "" ? null : (cachedValue as number | string),
            what: `${sheet.name} row ${cell.row} col ${cell.col}`,
          },
        ];
      })
    );
  return {
    scenario,
    bytes,
    report,
    expected: [...expectedOutputCells(report), ...progress, ...summary],
  };
}

/**
 * Who is recused from whom, as the workbook's own formulas say: 回避's 核对 column decides whether a line is in
 * force, and each judge sheet's 回避 column whether its row is recused (plan/compileRecusalSheet.ts). The
 * interpreter evaluates those columns of the compiled plan; nothing here restates the rule.
 */
import { a1 } from "../core/CellRef";
import { issue, type Issue } from "../core/Issue";
import { evaluatePlan, type PlanValues } from "../compute";
import type { IsoDate } from "../core/IsoDate";
import type { CarriedNominee } from "../plan/AssessmentModel";
import type { AssessmentState } from "../report/readAssessment";
import { rubricLayout, type CompiledAssessment } from "../plan/compileAssessment";
import type { Rubric } from "../rubric/Rubric";
import { judgeRowFormulas, RECUSED_MARK, writeIdentity } from "../plan/compileJudgeSheet";
import { judgeSheetName, MAIN_SHEET, type AssessmentLayout } from "../plan/assessmentLayout";
import { CELL_STYLES } from "../plan/cellStyles";
import { SheetBuilder } from "../plan/SheetBuilder";
import type { WorkbookPlan } from "../plan/SheetPlan";
import {
  compileRecusalSheet,
  RECUSAL_COLUMNS,
  RECUSAL_FIRST_ROW,
  RECUSAL_IN_FORCE,
  RECUSAL_KEY_SEPARATOR,
  type RecusalLine,
} from "../plan/compileRecusalSheet";
import { cellsInColumns } from "../plan/ColumnRunCells";
import type { SheetPlan } from "../plan/SheetPlan";
import { RECUSAL_SHEET } from "../plan/workbookIdentity";

export interface Recusals {
  /** recused[judge - 1]: the ids of the nominees that judge is recused from. */
  readonly recused: readonly ReadonlySet<string>[];
  /** 回避's row of the line that recuses `judge` from `id`, for messages. */
  lineOf(judge: number, id: string): number | null;
  /** Lines of 回避 not in force, with what its 核对 column says. */
  readonly notApplied: readonly { readonly row: number; readonly check: string }[];
}

/**
 * The sheets the recusal formulas read, cut to the columns they read: 回避, 考核表's ids, each judge sheet without
 * its 计入 columns. Evaluating the whole workbook would give the same answer for many times the work.
 */
function recusalView(compiled: CompiledAssessment): SheetPlan[] {
  const { layout } = compiled;
  const firstCounted = layout.judgeCountedColumns[0] ?? Number.POSITIVE_INFINITY;
  return compiled.plan.sheets.flatMap((sheet): SheetPlan[] => {
    if (sheet.name === RECUSAL_SHEET) return [sheet];
    if (sheet.name === MAIN_SHEET)
      return [{ ...sheet, cells: cellsInColumns(sheet.cells, (col) => col === layout.main.id) }];
    if (/^评委\d+$/.test(sheet.name))
      return [{ ...sheet, cells: cellsInColumns(sheet.cells, (col) => col < firstCounted) }];
    return [];
  });
}

/**
 * `values`: an evaluation of `compiled.plan` that holds 回避 and each judge sheet's 回避 column (report's, see
 * assessmentFigures); without it, the recusal columns alone are evaluated.
 *
 * @example
 * const { recused } = findRecusals(compileRows(nominees, [], settings, rubric, lines));
 * recused[2]?.has("SF-0007") // judge 3 is recused from SF-0007
 */
export function findRecusals(
  compiled: CompiledAssessment,
  values: PlanValues = evaluatePlan({ sheets: recusalView(compiled), names: [], styles: {} })
): Recusals {
  const { layout, nominees } = compiled;
  const recused = Array.from({ length: layout.judges }, (_unused, j) => {
    const ids = new Set<string>();
    nominees.forEach((nominee, i) => {
      const shown = values.value(
        judgeSheetName(j + 1),
        layout.firstRow + i,
        layout.judgeRecusalColumn
      );
      if (shown === RECUSED_MARK) ids.add(nominee.id);
    });
    return ids;
  });
  const lines = new Map<string, number>();
  const notApplied: { row: number; check: string }[] = [];
  const recusalSheet = compiled.plan.sheets.find((sheet) => sheet.name === RECUSAL_SHEET);
  let lastRow = 0;
  recusalSheet?.cells.forEach((cell) => {
    lastRow = Math.max(lastRow, cell.row);
  });
  for (let row = RECUSAL_FIRST_ROW; row <= lastRow; row++) {
    const check = values.value(RECUSAL_SHEET, row, RECUSAL_COLUMNS.check);
    const key = values.value(RECUSAL_SHEET, row, RECUSAL_COLUMNS.key);
    if (check === RECUSAL_IN_FORCE && typeof key === "string") {
      if (!lines.has(key.toUpperCase())) lines.set(key.toUpperCase(), row);
    } else if (typeof check === "string" && check !== "") notApplied.push({ row, check });
  }
  return {
    recused,
    lineOf: (judge, id) => lines.get(`${judge}${RECUSAL_KEY_SEPARATOR}${id}`.toUpperCase()) ?? null,
    notApplied,
  };
}

/**
 * The cell of judge `judge`'s score for nominee `id` under criterion `criterion` (0-based) on that judge's sheet as
 * the workbook holds it now: the row by id (a person may have sorted the sheet), the column by the criterion's header
 * (issue #11 §6). null where the sheet has no row or column for it; never a position on 考核表.
 */
export function judgeEntryOf(
  state: Pick<AssessmentState, "judgeRows" | "judgeColumns">,
  judge: number,
  id: string,
  criterion: number
): { readonly row: number; readonly col: number } | null {
  const row = state.judgeRows[judge - 1]?.get(id);
  const col = state.judgeColumns[judge - 1]?.[criterion] ?? null;
  return row === undefined || col === null ? null : { row, col };
}

/** What an assessment read back holds that the recusal formulas need. */
export interface RecusalInputs {
  readonly rubric: Rubric;
  readonly asOf: IsoDate | "today";
  readonly nominees: readonly CarriedNominee[];
  readonly recusals?: readonly RecusalLine[];
}

/**
 * Who the formulas of an assessment read back recuse, with its layout. Only the cells those formulas read and are
 * compiled (recusalCells); the whole assessment compiled for them peaked at 1.3–1.4 GB at 200,000 nominees with one
 * 回避 line (decisions 0032, 0036).
 */
export function recusalsOf(state: RecusalInputs): {
  layout: AssessmentLayout;
  found: Recusals;
} {
  const compiled = recusalCells(state);
  return { layout: compiled.layout, found: findRecusals(compiled) };
}

/**
 * The assessment as findRecusals evaluates it (recusalView), compiled by the compilers' own pieces and nothing more:
 * 回避 whole, each nominee's identity on 考核表 and on each judge sheet (writeIdentity), and each judge sheet's 回避
 * column (judgeRowFormulas' formula, filled down as compileJudgeSheet fills it). Equal to the whole compile's
 * recusals: test/engine/usecases/recusals.test.ts compares them.
 */
export function recusalCells(state: RecusalInputs): CompiledAssessment {
  const { rubric, nominees } = state;
  const layout = rubricLayout(rubric, nominees.length);
  const recusal = compileRecusalSheet(state.recusals ?? [], layout, undefined);
  const identities = (name: string): SheetBuilder => {
    const sheet = new SheetBuilder(name);
    nominees.forEach((nominee, i) => writeIdentity(sheet, layout.firstRow + i, nominee));
    return sheet;
  };
  const judgeSheets = Array.from({ length: rubric.judges }, (_unused, j) => {
    const sheet = identities(judgeSheetName(j + 1));
    const { recused } = judgeRowFormulas(j + 1, layout, recusal.lastRow);
    nominees.forEach((_nominee, i) =>
      sheet.filledFormula(
        layout.firstRow + i,
        layout.judgeRecusalColumn,
        recused,
        i,
        "computedText"
      )
    );
    return sheet.build();
  });
  const plan: WorkbookPlan = {
    sheets: [...judgeSheets, identities(MAIN_SHEET).build(), recusal.sheet],
    names: [],
    styles: CELL_STYLES,
  };
  return { plan, layout, issues: [], nominees, rubric };
}

/**
 * Issues for `report` and `assess`: a score typed on a recused row (not counted), a 回避 line not in force.
 * `entryOf` gives the cell of a judge's score for a nominee (0-based `index` on 考核表, 0-based criterion) on the
 * judge's sheet: by default where `compiled` writes it (assess's new sheets); `report` passes judgeEntryOf over the
 * workbook as read. `sheetNames` the sheets' names now.
 */
export function recusalIssues(
  found: Recusals,
  compiled: CompiledAssessment,
  sheetNames: ReadonlyMap<string, string> = new Map(),
  entryOf: (
    judge: number,
    id: string,
    index: number,
    criterion: number
  ) => { readonly row: number; readonly col: number } | null = (_judge, _id, index, criterion) => ({
    row: compiled.layout.firstRow + index,
    col: compiled.layout.judgeScoreColumns[criterion] ?? 0,
  })
): Issue[] {
  const { layout, nominees } = compiled;
  const recusalName = sheetNames.get("recusal") ?? RECUSAL_SHEET;
  const issues: Issue[] = [];
  found.recused.forEach((ids, j) => {
    const judge = j + 1;
    const sheet = sheetNames.get(`judge_${judge}`) ?? judgeSheetName(judge);
    nominees.forEach((nominee, i) => {
      if (!ids.has(nominee.id)) return;
      layout.judgeScoreColumns.forEach((_layoutCol, c) => {
        const value = nominee.inputs.scores[j]?.[c] ?? null;
        // A value read from the workbook has a cell there, so `at` is null only where nothing was read.
        const at = value === null ? null : entryOf(judge, nominee.id, i, c);
        if (value === null || at === null) return;
        const { row, col } = at;
        issues.push(
          issue(
            "recused_score",
            "warning",
            { sheet, row, cell: a1(row, col), field: null },
            { judge, id: nominee.id, line: found.lineOf(judge, nominee.id), value }
          )
        );
      });
    });
  });
  for (const line of found.notApplied)
    issues.push(
      issue(
        "recusal_not_applied",
        "warning",
        {
          sheet: recusalName,
          row: line.row,
          cell: a1(line.row, RECUSAL_COLUMNS.judge),
          field: null,
        },
        { line: line.row, check: line.check }
      )
    );
  return issues;
}

export type { RecusalLine };

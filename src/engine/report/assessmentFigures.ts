/**
 * The engine's figures for an assessment: the workbook's plan compiled from the inputs as read, every formula
 * evaluated by the interpreter (compute's evaluatePlan), the figures read off the evaluated cells. No rule is
 * computed here: the formulas the compilers emit are the only statement of each rule.
 */
import type { TierCode } from "../core/domain";
import { serialToIsoDate, type IsoDate } from "../core/IsoDate";
import { TO_CORRECT, readDynamicStatus, type DynamicStatus } from "../core/words";
import { evaluatePlan, type PlanInputs, type PlanValues } from "../compute";
import type { CellValue } from "../interpret";
import type { DynamicSite } from "../dynamic/dynamicSites";
import { DYNAMIC_COLUMNS, DYNAMIC_SHEET, siteRow } from "../dynamic/dynamicLayout";
import type { CarriedNominee } from "../plan/AssessmentModel";
import {
  HEADER_ROW,
  MAIN_SHEET,
  RUBRIC_SHEET,
  SUMMARY_SHEET,
  judgeSheetName,
  raterSheetName,
  type AssessmentLayout,
} from "../plan/assessmentLayout";
import { withDynamicSites } from "../plan/attachDynamicManagement";
import type { RecusalLine } from "../plan/compileRecusalSheet";
import {
  compileRows,
  type CompiledAssessment,
  type CompileRowsOptions,
} from "../plan/compileAssessment";
import { summaryLines } from "../plan/compileSummarySheet";
import type { Rubric } from "../rubric/Rubric";
import { RECUSAL_SHEET } from "../plan/workbookIdentity";

/** What one row of 考核表 shows; null where it shows a blank (or an error value). */
export interface RowFigures {
  readonly criteria: readonly (number | null)[];
  readonly panel: number | null;
  /** Each rater group's score, in the rubric's order (none without rater groups). */
  readonly raters: readonly (number | null)[];
  /** The satisfaction figure as its cell holds it (a number, or null). */
  readonly satisfaction: number | null;
  readonly total: number | null;
  readonly grade: string | null;
  readonly rank: number | null;
  /** 类别内排名: the rank within the sector, where the sector has a quota of its own in the tier. */
  readonly sectorRank: number | null;
  /** 是 or 否 as 建议授牌 shows it. */
  readonly recommended: string | null;
  /** 并列 where a tie at a quota line takes the recommendations past the quota. */
  readonly tie: string | null;
  /** 差额候选: 是 or 否 when a 差额 ratio is set. */
  readonly candidate: string | null;
  /** 评分进度 such as `3/5`; null when FiguresOptions.progress is false. */
  readonly progress: string | null;
  /** 动态管理状态; null for a row without a site. */
  readonly status: DynamicStatus | null;
  /** Which figures show 待更正 (an entry no formula counts, RULES §4.3) instead of a number. */
  readonly toCorrect: {
    readonly criteria: readonly boolean[];
    readonly panel: boolean;
    readonly raters: readonly boolean[];
    readonly total: boolean;
  };
}

/** One tier's line of 汇总. */
export interface TierFigures {
  readonly tier: TierCode;
  /** 达线数: totals at or above the pass line, not vetoed. */
  readonly passed: number;
  /** 名额; null: no quota. */
  readonly quota: number | null;
}

/** What one row of 动态管理 shows. */
export interface SiteFigures {
  readonly status: DynamicStatus | null;
  readonly nextDue: IsoDate | null;
  /** Days from the as-of date to the next due date: negative once overdue. */
  readonly daysToDue: number | null;
  /** 待办原因: why the site needs action; '' when it needs none. */
  readonly reason: string;
}

export interface AssessmentFigures {
  /** One per nominee, in 考核表's order. */
  readonly rows: readonly RowFigures[];
  /** One per site given, in order. */
  readonly sites: readonly SiteFigures[];
  /** 汇总's tier lines, in its order. */
  readonly tiers: readonly TierFigures[];
  /** 评分标准's warning that the components' weights do not sum to 1 (RULES §4.1); null when they do. */
  readonly weightWarning: string | null;
  /** Formula cells evaluated (those the figures read and what they depend on). */
  readonly formulaCount: number;
  /**
   * The plan evaluated and its values: 考核表, 动态管理, 汇总's tier columns, and 回避 with each judge sheet's
   * 回避 column, so the recusals are read off the same evaluation (usecases/recusals) instead of a second one.
   */
  readonly evaluated: { readonly compiled: CompiledAssessment; readonly values: PlanValues };
}

export interface FiguresOptions {
  /** false: 评分进度 is not evaluated and RowFigures.progress is null (`report` shows no progress). Default true. */
  readonly progress?: boolean;
}

export interface FiguresRequest {
  /** 公示名单's title as the workbook holds it (absent: the default). */
  readonly publicityTitle?: string;
  readonly nominees: readonly CarriedNominee[];
  readonly rubric: Rubric;
  /** The as-of date the statuses are judged on (评分标准's 考核基准日); absent: =TODAY(), with no sites. */
  readonly asOf?: IsoDate;
  /** Awarded sites, each linked to its 考核表 row by `assessmentRow` (absent: no dynamic management). */
  readonly sites?: readonly DynamicSite[];
  /** 回避's lines as typed: the formulas leave a recused judge's scores out (absent: none). */
  readonly recusals?: readonly RecusalLine[];
}

function numberOf(value: CellValue | undefined): number | null {
  return typeof value === "number" ? value : null;
}

function textOf(value: CellValue | undefined): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * @example
 * const figures = assessmentFigures({ nominees: state.nominees, rubric: state.rubric, asOf: "2014-06-30" });
 * figures.rows[0]?.total // 88.5, what '考核表'!M3 computes
 */
export function assessmentFigures(
  request: FiguresRequest,
  options: FiguresOptions = {}
): AssessmentFigures {
  const { nominees } = request;
  // Only what the figures read is evaluated: 考核表's figure columns (not its keys for 汇总's other lines), 动态管理
  // and 汇总's two tier columns, not 汇总's other lines; and the recusal columns (考核表 depends on them anyway).
  // 公示名单 and 评委分析 are not even compiled: no figure reads them and no other sheet's formula does.
  const { compiled, values } = evaluateAssessmentPlan(
    request,
    (compiled) => {
      const judgeSheets = new Set(
        Array.from({ length: compiled.layout.judges }, (_unused, j) => judgeSheetName(j + 1))
      );
      const recusalColumn = compiled.layout.judgeRecusalColumn;
      const figureColumns = mainFigureColumns(compiled.layout.main, options.progress ?? true);
      return (sheet, col) =>
        (sheet === MAIN_SHEET && figureColumns.has(col)) ||
        (sheet === RUBRIC_SHEET && col === compiled.layout.rubricSheet.weightCheck.col) ||
        sheet === DYNAMIC_SHEET ||
        sheet === RECUSAL_SHEET ||
        (col === recusalColumn && judgeSheets.has(sheet)) ||
        (sheet === SUMMARY_SHEET && (col === SUMMARY_PASSED_COL || col === SUMMARY_QUOTA_COL));
    },
    { leaveOut: ["publicity", "judgeAnalysis"] }
  );
  return {
    rows: rowFigures(compiled, values),
    sites: (request.sites ?? []).map((_site, i) => siteFigures(values, siteRow(i))),
    tiers: tierFigures(nominees, values),
    weightWarning: textOf(
      values.value(
        RUBRIC_SHEET,
        compiled.layout.rubricSheet.weightCheck.row,
        compiled.layout.rubricSheet.weightCheck.col
      )
    ),
    formulaCount: values.formulaCount,
    evaluated: { compiled, values },
  };
}

/** The assessment's plan compiled from the inputs and its formulas evaluated. */
export interface EvaluatedAssessment {
  readonly compiled: CompiledAssessment;
  readonly plan: CompiledAssessment["plan"];
  readonly values: PlanValues;
}

/**
 * The plan compiled from `request`'s inputs, evaluated by the interpreter: every formula cell, or those `columns`
 * picks (given the compiled assessment, whose layout says where things are) and what they depend on.
 */
export function evaluateAssessmentPlan(
  request: FiguresRequest,
  columns?: (compiled: CompiledAssessment) => (sheet: string, col: number) => boolean,
  options: CompileRowsOptions = {}
): EvaluatedAssessment {
  const { rubric, nominees, asOf } = request;
  const rows = compileRows(
    nominees,
    [],
    {
      rubric,
      asOf: asOf ?? "today",
      ...(request.publicityTitle === undefined ? {} : { publicityTitle: request.publicityTitle }),
    },
    rubric,
    request.recusals ?? [],
    options
  );
  const compiled: CompiledAssessment =
    request.sites === undefined ? rows : withDynamicSites(rows, request.sites);
  const values = evaluatePlan(compiled.plan, {
    ...(asOf === undefined ? {} : { today: asOf }),
    ...rejectedInputs(compiled),
    ...(columns === undefined ? {} : { columns: columns(compiled) }),
  });
  return { compiled, plan: compiled.plan, values };
}

/** Text and TRUE/FALSE read from score and satisfaction cells, typed back where the plan has them. */
function rejectedInputs(compiled: CompiledAssessment): { inputs?: PlanInputs } {
  const { layout } = compiled;
  const typed = new Map<string, CellValue>();
  compiled.nominees.forEach((nominee, i) => {
    for (const entry of nominee.inputs.rejected ?? []) {
      const row = layout.firstRow + i;
      const key =
        "group" in entry
          ? `${raterSheetName(entry.group)}|${row}|${layout.raterSheets.find((sheet) => sheet.group === entry.group)?.scoreColumns[entry.rater] ?? 0}`
          : entry.judge === null
            ? `${MAIN_SHEET}|${row}|${layout.main.satisfaction}`
            : `${judgeSheetName(entry.judge + 1)}|${row}|${layout.judgeScoreColumns[entry.criterion] ?? 0}`;
      typed.set(key, entry.value);
    }
  });
  if (typed.size === 0) return {};
  return { inputs: (sheet, row, col) => typed.get(`${sheet}|${row}|${col}`) };
}

/** The columns of 考核表 rowFigures reads, and only those: what they depend on is evaluated with them. */
function mainFigureColumns(m: AssessmentLayout["main"], progress: boolean): ReadonlySet<number> {
  return new Set([
    ...m.criteria,
    m.panel,
    ...m.raters,
    m.satisfaction,
    m.total,
    m.grade,
    m.rank,
    m.sectorRank,
    m.recommended,
    m.tie,
    m.candidate,
    ...(progress ? [m.progress] : []),
    m.status,
  ]);
}

/** 考核表's figures row by row, from the columns mainFigureColumns names. */
function rowFigures(compiled: CompiledAssessment, values: PlanValues): RowFigures[] {
  const { layout } = compiled;
  const m = layout.main;
  return compiled.nominees.map((_nominee, i) => {
    const row = layout.firstRow + i;
    const at = (col: number): CellValue | undefined => values.value(MAIN_SHEET, row, col);
    return {
      criteria: m.criteria.map((col) => numberOf(at(col))),
      panel: numberOf(at(m.panel)),
      raters: m.raters.map((col) => numberOf(at(col))),
      satisfaction: numberOf(at(m.satisfaction)),
      total: numberOf(at(m.total)),
      grade: textOf(at(m.grade)),
      rank: numberOf(at(m.rank)),
      sectorRank: numberOf(at(m.sectorRank)),
      recommended: textOf(at(m.recommended)),
      tie: textOf(at(m.tie)),
      candidate: textOf(at(m.candidate)),
      progress: textOf(at(m.progress)),
      status: readDynamicStatus(at(m.status)),
      toCorrect: {
        criteria: m.criteria.map((col) => at(col) === TO_CORRECT),
        panel: at(m.panel) === TO_CORRECT,
        raters: m.raters.map((col) => at(col) === TO_CORRECT),
        total: at(m.total) === TO_CORRECT,
      },
    };
  });
}

function siteFigures(values: PlanValues, row: number): SiteFigures {
  const at = (col: number): CellValue | undefined => values.value(DYNAMIC_SHEET, row, col);
  const nextDue = numberOf(at(DYNAMIC_COLUMNS.nextDue));
  return {
    status: readDynamicStatus(at(DYNAMIC_COLUMNS.status)),
    nextDue: nextDue === null ? null : serialToIsoDate(nextDue),
    daysToDue: numberOf(at(DYNAMIC_COLUMNS.daysToDue)),
    reason: textOf(at(DYNAMIC_COLUMNS.reason)) ?? "",
  };
}

/** 汇总's columns: 达线数 and 名额. */
const SUMMARY_PASSED_COL = 8;
const SUMMARY_QUOTA_COL = 10;

function tierFigures(nominees: readonly CarriedNominee[], values: PlanValues): TierFigures[] {
  const tiers: TierFigures[] = [];
  summaryLines(nominees).forEach((line, i) => {
    if (line.sector !== null) return;
    const row = HEADER_ROW + 1 + i;
    tiers.push({
      tier: line.tier,
      passed: numberOf(values.value(SUMMARY_SHEET, row, SUMMARY_PASSED_COL)) ?? 0,
      quota: numberOf(values.value(SUMMARY_SHEET, row, SUMMARY_QUOTA_COL)),
    });
  });
  return tiers;
}

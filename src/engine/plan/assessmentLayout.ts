/**
 * Where everything sits in an assessment workbook. Pure arithmetic on a few counts, so the compiler,
 * the reader (readAssessment) and the report agree on every cell without storing positions anywhere.
 */
import { SECTOR_CODES, TIER_CODES, type TierCode } from "../core/domain";
import { range } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import { sheetPrint } from "./printSetup";
import type { PrintPlan } from "./SheetPlan";

export const RUBRIC_SHEET = "评分标准";
export const MAIN_SHEET = "考核表";
export const SUMMARY_SHEET = "汇总";
export const ISSUES_SHEET = "校验结果";
export const PUBLICITY_SHEET = "公示名单";
export const JUDGE_ANALYSIS_SHEET = "评委分析";
const JUDGE_SHEET_PREFIX = "评委";

export function judgeSheetName(judge: number): string {
  return `${JUDGE_SHEET_PREFIX}${judge}`;
}

/** A rater group's entry sheet as the compilers name it (the workbook identity knows it by role, whatever its name). */
export function raterSheetName(groupId: string): string {
  return `评议_${groupId}`;
}

/** Title on row 1, header on row 2, one nominee a row from row 3: on 考核表 and every judge sheet. */
export const HEADER_ROW = 2;

/**
 * How 考核表 and the judge sheets print: A4 landscape, the title and header rows on every page, the id and name
 * columns on every page when the sheet spans pages across; `width` is the sheet's printed width (printedWidth).
 */
export function meetingPrint(width: number): PrintPlan {
  return sheetPrint({
    orientation: "landscape",
    width,
    repeatRows: { first: 1, last: HEADER_ROW },
    repeatColumns: { first: IDENTITY_COLUMNS.id, last: IDENTITY_COLUMNS.name },
  });
}
export const FIRST_NOMINEE_ROW = 3;

/** Identity columns shared by 考核表 and the judge sheets (1-based). */
export const IDENTITY_COLUMNS = { id: 1, name: 2, sector: 3, tier: 4, region: 5 } as const;
const IDENTITY_WIDTH = 5;

/** Parameter rows of 评分标准: label in column A, value in column B. Order is the sheet's order. */
export const PARAMETER_KEYS = [
  "rubricId",
  "judges",
  "minJudges",
  "dropExtremesFrom",
  "scoreStep",
  "weightPanel",
  "weightSatisfaction",
  "passLine",
  "failGrade",
  "asOf",
  "tieBreak",
  "cycleMonths",
  "windowDays",
  // Appended, so every parameter above keeps the row it had in layout 2 (readAssessment finds rows by label anyway).
  "candidateRatio",
] as const;
export type ParameterKey = (typeof PARAMETER_KEYS)[number];

export const PARAMETER_LABELS: Readonly<Record<ParameterKey, string>> = {
  rubricId: "评分细则",
  judges: "评委人数",
  minJudges: "最少评委人数",
  dropExtremesFrom: "去掉最高最低分的评委人数下限",
  scoreStep: "评分步长",
  weightPanel: "评委评分权重",
  weightSatisfaction: "群众满意度权重",
  passLine: "推荐分数线",
  failGrade: "不合格等次名称",
  asOf: "考核基准日",
  tieBreak: "同分排序规则",
  cycleMonths: "动态管理考评周期（月）",
  windowDays: "到期提醒（天）",
  candidateRatio: "差额比例",
};

/** Defined names of parameter cells that formulas read; the rest are shown, not computed with. */
export const PARAMETER_NAMES: Readonly<Partial<Record<ParameterKey, string>>> = {
  minJudges: "SF_MinJudges",
  dropExtremesFrom: "SF_DropFrom",
  scoreStep: "SF_ScoreStep",
  weightPanel: "SF_WeightPanel",
  weightSatisfaction: "SF_WeightSatisfaction",
  passLine: "SF_PassLine",
  failGrade: "SF_FailGrade",
  asOf: "SF_AsOf",
  cycleMonths: "SF_CycleMonths",
  windowDays: "SF_WindowDays",
  candidateRatio: "SF_CandidateRatio",
};

export function maxName(criterionId: string): string {
  return `SF_Max_${criterionId}`;
}

/** A rater group's weight on 评分标准 (the panel's and the figure's are SF_WeightPanel and SF_WeightSatisfaction). */
export function raterWeightName(groupId: string): string {
  return `SF_Weight_${groupId}`;
}
/**
 * 评分标准's grade table, one band a row: the grade words and each band's lowest total. 考核表 looks a total's
 * grade up in them (one flat formula however many bands: issue #12 §3).
 */
export const GRADE_WORDS_NAME = "SF_Grades";
export const GRADE_MINS_NAME = "SF_GradeMins";
/** 评分标准's sector names (the descriptor table's first column), in SECTOR_CODES order: 汇总's line keys number them. */
export const SECTORS_NAME = "SF_Sectors";
/** Far above any total, so one line's keys never reach the next line's (see MainSheetColumns.tierLineKey). */
export const SUMMARY_KEY_SPACING = 1_000_000;
/** A sector line's number within its tier: tier × this + sector (11 sectors). */
export const SECTORS_PER_TIER_KEY = 100;

/** 评分标准's quota table: tier names and quotas, for 考核表 to look a row's quota up by its tier. */
export const QUOTA_TIERS_NAME = "SF_QuotaTiers";
export const QUOTA_VALUES_NAME = "SF_Quotas";
export function quotaName(tier: TierCode): string {
  return `SF_Quota_${tier}`;
}

/**
 * 评分标准's sector quota table (RULES §4.2): one row per sector (SECTOR_CODES order), one column per tier; a blank
 * cell means the sector has no quota of its own in that tier. 考核表 looks a row's up by its sector and tier names.
 */
export const SECTOR_QUOTAS_NAME = "SF_SectorQuotas";
export const SECTOR_QUOTA_SECTORS_NAME = "SF_SectorQuotaSectors";
export const SECTOR_QUOTA_TIERS_NAME = "SF_SectorQuotaTiers";

/** Column A of each block's header row on 评分标准: how readAssessment finds the blocks wherever they now sit. */
export const RUBRIC_BLOCK_HEADERS = {
  criteria: ["编号", "评分项目", "满分"],
  grades: ["等次", "最低分"],
  quotas: ["级别", "名额", "说明"],
  sectorQuotas: ["类别名额"],
  descriptors: ["类别 / 评分要点"],
} as const;

/** Rows of the 评分标准 sheet for a rubric of `criteria` criteria and `bands` grade bands. */
export interface RubricSheetLayout {
  readonly parameterRow: Readonly<Record<ParameterKey, number>>;
  /** Header row of the criteria block; criterion i (0-based) on criteriaHeaderRow + 1 + i: A id, B label, C max. */
  readonly criteriaHeaderRow: number;
  /** Band i on gradesHeaderRow + 1 + i: A grade, B lowest total. */
  readonly gradesHeaderRow: number;
  /** Tier i of TIER_CODES on quotasHeaderRow + 1 + i: A tier name, B quota (blank = none), C tier code. */
  readonly quotasHeaderRow: number;
  /** Sector i of SECTOR_CODES on sectorQuotasHeaderRow + 1 + i: A sector name, then one column per tier (B 省级 …). */
  readonly sectorQuotasHeaderRow: number;
  /** Sector i of SECTOR_CODES on descriptorsHeaderRow + 1 + i: A sector name, then one column per criterion. */
  readonly descriptorsHeaderRow: number;
  /**
   * Rater group g (RULES §4.1) on raterGroupsHeaderRow + 1 + g: A code, B label, C weight, D raters. Written only
   * when the rubric has rater groups; below everything else, so a workbook without them reads as before.
   */
  readonly raterGroupsHeaderRow: number;
  /** The weights' check (they must sum to 1): "" when they do, a warning when not; beside the panel's weight. */
  readonly weightCheck: { readonly row: number; readonly col: number };
}

const FIRST_PARAMETER_ROW = 3;
/** Right of the parameters' hints (column C). */
const WEIGHT_CHECK_COL = 4;

export function rubricSheetLayout(criteria: number, bands: number): RubricSheetLayout {
  const parameterRow = Object.fromEntries(
    PARAMETER_KEYS.map((key, i) => [key, FIRST_PARAMETER_ROW + i])
  ) as Record<ParameterKey, number>;
  const criteriaHeaderRow = FIRST_PARAMETER_ROW + PARAMETER_KEYS.length + 1;
  const gradesHeaderRow = criteriaHeaderRow + criteria + 2;
  const quotasHeaderRow = gradesHeaderRow + bands + 2;
  const sectorQuotasHeaderRow = quotasHeaderRow + TIER_CODES.length + 2;
  const descriptorsHeaderRow = sectorQuotasHeaderRow + SECTOR_CODES.length + 2;
  return {
    parameterRow,
    criteriaHeaderRow,
    gradesHeaderRow,
    quotasHeaderRow,
    sectorQuotasHeaderRow,
    descriptorsHeaderRow,
    raterGroupsHeaderRow: descriptorsHeaderRow + SECTOR_CODES.length + 2,
    weightCheck: { row: parameterRow.weightPanel, col: WEIGHT_CHECK_COL },
  };
}

/** Columns of 考核表 (1-based). Criterion c (0-based) sits at criteria[c]. */
export interface MainSheetColumns {
  readonly id: number;
  readonly name: number;
  readonly sector: number;
  readonly tier: number;
  readonly region: number;
  readonly criteria: readonly number[];
  readonly panel: number;
  /** Rater group g's score (RULES §4.1), between the panel and the satisfaction; none for 百千万 and 五个好. */
  readonly raters: readonly number[];
  readonly satisfaction: number;
  readonly veto: number;
  readonly total: number;
  readonly grade: number;
  readonly rank: number;
  /** 类别内排名: the rank among the row's sector within its tier, shown where that sector has a quota (RULES §4.2). */
  readonly sectorRank: number;
  readonly recommended: number;
  /** 并列: a recommended nominee whose tie at a quota line takes the recommendations past the quota. */
  readonly tie: number;
  /** 差额候选: put forward as a candidate to the next level (RULES §4.2), when a 差额 ratio is set. */
  readonly candidate: number;
  readonly progress: number;
  /** 动态管理状态: reserved for the dynamic-management formulas. */
  readonly status: number;
  /** 备注: marks a nominee no longer in the source (row kept). */
  readonly note: number;
  // Hidden helpers from here on.
  readonly rankKey: number;
  /** The total as a number, -1 when there is none: lets 汇总 take MAX/MIN with SUMPRODUCT. */
  readonly totalValue: number;
  readonly sourceSheet: number;
  readonly sourceRow: number;
  readonly sectorCode: number;
  readonly tierCode: number;
  /**
   * 汇总's highest and lowest totals without array formulas (issue #12 §5): the total keyed by its 汇总 line,
   * line × SUMMARY_KEY_SPACING + total ("" when it has no total), so LARGE/SMALL with a COUNTIF pick a line's own.
   * Appended after the older helpers so a workbook written before them reads the same.
   */
  readonly tierLineKey: number;
  readonly sectorLineKey: number;
  /** The row's sector quota from 评分标准 ("" when its sector has none in its tier). */
  readonly sectorQuota: number;
  readonly lastColumn: number;
  readonly firstHelper: number;
}

export interface AssessmentLayout {
  readonly criteriaIds: readonly string[];
  readonly judges: number;
  readonly nomineeCount: number;
  readonly firstRow: number;
  /** Last nominee row; equals firstRow - 1 when there are none. */
  readonly lastRow: number;
  readonly main: MainSheetColumns;
  /** Score column of criterion c (0-based) on every judge sheet. */
  readonly judgeScoreColumns: readonly number[];
  /** 回避 on every judge sheet, right after the scores: 回避 where the judge is recused from the row's nominee. */
  readonly judgeRecusalColumn: number;
  /** Hidden 计入 column of criterion c on every judge sheet: the score as 考核表 counts it ("" when recused). */
  readonly judgeCountedColumns: readonly number[];
  /** Each rater group's entry sheet, in the rubric's order. */
  readonly raterSheets: readonly RaterSheetLayout[];
  readonly rubricSheet: RubricSheetLayout;
}

/** Column `col` of 考核表 over every nominee's row, fixed ($F$5:$F$104): one row when there are none. */
export function mainColumn(layout: AssessmentLayout, col: number): FormulaNode {
  return range(
    { row: layout.firstRow, col, rowAbsolute: true, colAbsolute: true },
    { row: Math.max(layout.lastRow, layout.firstRow), col, rowAbsolute: true, colAbsolute: true },
    MAIN_SHEET
  );
}

/** A rater group's entry sheet: identity columns, one score column per rater, then each score's hidden 计入 column. */
export interface RaterSheetLayout {
  readonly group: string;
  readonly scoreColumns: readonly number[];
  /** The score as 考核表 counts it: the number, "" when blank, 待更正 when it cannot count (RULES §4.3). */
  readonly countedColumns: readonly number[];
}

/** What the layout needs of a rater group. */
export interface RaterGroupShape {
  readonly id: string;
  readonly raters: number;
}

export function assessmentLayout(
  criteriaIds: readonly string[],
  judges: number,
  nomineeCount: number,
  bands: number,
  raterGroups: readonly RaterGroupShape[] = []
): AssessmentLayout {
  const k = criteriaIds.length;
  const criteria = criteriaIds.map((_id, c) => IDENTITY_WIDTH + 1 + c);
  const panel = IDENTITY_WIDTH + k + 1;
  // Rater groups sit between the panel and the satisfaction; with none, every column is where it always was.
  const at = panel + raterGroups.length;
  const main: MainSheetColumns = {
    ...IDENTITY_COLUMNS,
    criteria,
    panel,
    raters: raterGroups.map((_group, g) => panel + 1 + g),
    satisfaction: at + 1,
    veto: at + 2,
    total: at + 3,
    grade: at + 4,
    rank: at + 5,
    sectorRank: at + 6,
    recommended: at + 7,
    tie: at + 8,
    candidate: at + 9,
    progress: at + 10,
    status: at + 11,
    note: at + 12,
    rankKey: at + 13,
    totalValue: at + 14,
    sourceSheet: at + 15,
    sourceRow: at + 16,
    sectorCode: at + 17,
    tierCode: at + 18,
    tierLineKey: at + 19,
    sectorLineKey: at + 20,
    sectorQuota: at + 21,
    firstHelper: at + 13,
    lastColumn: at + 21,
  };
  return {
    criteriaIds: [...criteriaIds],
    judges,
    nomineeCount,
    firstRow: FIRST_NOMINEE_ROW,
    lastRow: FIRST_NOMINEE_ROW + nomineeCount - 1,
    main,
    judgeScoreColumns: criteriaIds.map((_id, c) => IDENTITY_WIDTH + 1 + c),
    judgeRecusalColumn: IDENTITY_WIDTH + k + 1,
    judgeCountedColumns: criteriaIds.map((_id, c) => IDENTITY_WIDTH + k + 2 + c),
    raterSheets: raterGroups.map((group) => ({
      group: group.id,
      scoreColumns: Array.from({ length: group.raters }, (_u, r) => IDENTITY_WIDTH + 1 + r),
      countedColumns: Array.from(
        { length: group.raters },
        (_u, r) => IDENTITY_WIDTH + group.raters + 1 + r
      ),
    })),
    rubricSheet: rubricSheetLayout(k, bands),
  };
}

/** Sheet row of the nominee at 0-based `index`. */
export function nomineeRow(layout: AssessmentLayout, index: number): number {
  return layout.firstRow + index;
}

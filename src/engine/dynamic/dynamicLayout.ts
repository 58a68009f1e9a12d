/**
 * Where everything sits on the dynamic-management sheets (动态管理, 待办清单, 动态管理汇总). Fixed arithmetic,
 * so the compiler, the reader (readDynamicSheet) and `shifan next-cycle` agree on every cell.
 */
import { DYNAMIC_STATUS, type DynamicStatus } from "../core/words";
import type { IsoDate } from "../core/IsoDate";

/** The parameters a status is judged with (RULES §5): 评分标准's named cells, or 动态管理's row 2. */
export interface DynamicParams {
  readonly asOf: IsoDate;
  readonly cycleMonths: number;
  readonly windowDays: number;
  readonly passLine: number;
}

export const DYNAMIC_SHEET = "动态管理";
export const ACTION_SHEET = "待办清单";
export const DYNAMIC_SUMMARY_SHEET = "动态管理汇总";
/** Written by `shifan next-cycle`: sites eliminated, kept on their own sheet, never dropped. */
export const ELIMINATED_SHEET = "已淘汰";
/** The register `shifan next-cycle` writes (the new workbook's nomination sheet). */
export const NEXT_REGISTER_SHEET = "示范点管理台账";
/** Written by `shifan next-cycle`: one row per past review of every carried site. */
export const HISTORY_SHEET = "考评历史";

/** Sheets dynamic management writes: never read as nomination tables, replaced on re-assessment. */
export const DYNAMIC_SHEET_NAMES: readonly string[] = [
  DYNAMIC_SHEET,
  ACTION_SHEET,
  DYNAMIC_SUMMARY_SHEET,
  ELIMINATED_SHEET,
  HISTORY_SHEET,
];

/** 考评历史 and 已淘汰: title on row 1, header on row 2, entries from row 3 (next-cycle writes them and reads them back). */
export const FIRST_ENTRY_ROW = 3;
export const HISTORY_HEADERS: readonly string[] = [
  "示范点编号",
  "名称",
  "考评日期",
  "考评得分",
  "一票否决",
];
export const ELIMINATED_HEADERS: readonly string[] = [
  "示范点编号",
  "名称",
  "级别",
  "领域",
  "授牌日期",
  "淘汰日期",
  "得分",
  "一票否决",
  "原因",
];

/** Defined names of the four parameters the status formula reads (the compiler's 评分标准 defines the same names). */
export const DYNAMIC_PARAMETER_NAMES = {
  asOf: "SF_AsOf",
  cycleMonths: "SF_CycleMonths",
  windowDays: "SF_WindowDays",
  passLine: "SF_PassLine",
} as const;
export type DynamicParameterKey = keyof typeof DYNAMIC_PARAMETER_NAMES;

/** Row 2 of 动态管理 shows the parameters: label in `labelCol`, value in `valueCol` (the value is read back by next-cycle). */
export const PARAMETER_ROW = 2;
export const PARAMETER_CELLS: Readonly<
  Record<DynamicParameterKey, { label: string; labelCol: number; valueCol: number }>
> = {
  asOf: { label: "考核基准日", labelCol: 1, valueCol: 2 },
  cycleMonths: { label: "考评周期（月）", labelCol: 3, valueCol: 4 },
  windowDays: { label: "到期提醒（天）", labelCol: 5, valueCol: 6 },
  passLine: { label: "分数线", labelCol: 7, valueCol: 8 },
};

export const DYNAMIC_HEADER_ROW = 4;
export const FIRST_SITE_ROW = 5;

/** Columns of 动态管理 (1-based); inputs first, then the computed columns, then hidden helpers. */
export const DYNAMIC_COLUMNS = {
  id: 1,
  name: 2,
  tier: 3,
  sector: 4,
  awardedOn: 5,
  lastReviewOn: 6,
  lastReviewScore: 7,
  lastReviewVeto: 8,
  cycleTotal: 9,
  cycleVeto: 10,
  lastAssessed: 11,
  nextDue: 12,
  daysToDue: 13,
  status: 14,
  reason: 15,
  // Hidden helpers.
  /** Running count of rows that need action: the k-th action row is where it first reaches k. */
  actionCount: 16,
  sourceSheet: 17,
  sourceRow: 18,
} as const;
export type DynamicColumn = keyof typeof DYNAMIC_COLUMNS;

export const DYNAMIC_HEADERS: Readonly<Record<DynamicColumn, string>> = {
  id: "编号",
  name: "名称",
  tier: "级别",
  sector: "领域",
  awardedOn: "授牌日期",
  lastReviewOn: "最近考评日期",
  lastReviewScore: "最近考评得分",
  lastReviewVeto: "一票否决",
  cycleTotal: "本轮总分",
  cycleVeto: "本轮一票否决",
  lastAssessed: "最近考评",
  nextDue: "下次考评",
  daysToDue: "距到期天数",
  status: "状态",
  reason: "待办原因",
  actionCount: "待办计数",
  sourceSheet: "来源工作表",
  sourceRow: "来源行",
};

/** Statuses that go on 待办清单, in the order the summary lists every status. */
export const ACTION_STATUSES: readonly DynamicStatus[] = [
  DYNAMIC_STATUS.overdue,
  DYNAMIC_STATUS.dueSoon,
  DYNAMIC_STATUS.eliminated,
];
export const STATUS_ORDER: readonly DynamicStatus[] = [
  DYNAMIC_STATUS.eliminated,
  DYNAMIC_STATUS.kept,
  DYNAMIC_STATUS.overdue,
  DYNAMIC_STATUS.dueSoon,
  DYNAMIC_STATUS.normal,
];

/** Why a row is on the action list; the status formula's branches, in words. */
export const ACTION_REASONS = {
  cycleVeto: "本轮考核一票否决",
  cycleBelowLine: "本轮考核总分低于分数线",
  lastVeto: "最近考评一票否决",
  lastBelowLine: "最近考评得分低于分数线",
  overdue: "已超过下次考评日期",
  dueSoon: "临近下次考评日期",
} as const;

/** 待办清单: title row 1, as-of row 2, header row 3, one line per possible action from row 4. */
export const ACTION_HEADER_ROW = 3;
export const FIRST_ACTION_ROW = 4;
export const ACTION_COLUMNS = {
  serial: 1,
  id: 2,
  name: 3,
  tier: 4,
  sector: 5,
  status: 6,
  nextDue: 7,
  daysToDue: 8,
  reason: 9,
  /** Hidden: the 动态管理 row offset of the k-th action. */
  match: 10,
} as const;

/** 动态管理汇总: the tier block's header on row 4, the sector block's header after it. */
export const SUMMARY_TIER_HEADER_ROW = 4;

/** Sheet row of the site at 0-based `index` on 动态管理. */
export function siteRow(index: number): number {
  return FIRST_SITE_ROW + index;
}

/**
 * Last row the formulas' ranges reach: the last site, or the first site row when there is none, so every
 * range stays a valid rectangle (an empty row counts nothing).
 */
export function lastRangeRow(siteCount: number): number {
  return FIRST_SITE_ROW + Math.max(siteCount, 1) - 1;
}

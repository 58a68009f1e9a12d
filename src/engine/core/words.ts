/**
 * The domain's own words, as the workbooks show them: one place for each, so a formula, a reader and the pane
 * never spell one differently. (RULES §4 for grades and the veto, §5 for statuses.)
 */

/** How every yes-or-no cell of the workbooks reads. */
export const YES = "是";
export const NO = "否";
export type YesNo = typeof YES | typeof NO;

/** 一票否决: what a person enters for a nominee; 是 takes it out of the running. */
export const VETO_WORDS = { vetoed: YES, notVetoed: NO } as const;

/** 建议授牌: what the recommendation formula shows. */
export const RECOMMENDED_WORDS = { recommended: YES, notRecommended: NO } as const;

export function yesNo(value: boolean): YesNo {
  return value ? YES : NO;
}

/** 是 → true, 否 → false, anything else (blank, other text) → null. */
export function readYesNo(text: string | null | undefined): boolean | null {
  if (text === YES) return true;
  if (text === NO) return false;
  return null;
}

/** 并列: a recommended nominee tied at a quota line with others, so more are recommended than the quota (RULES §4.2). */
export const TIE_WORD = "并列";

/** What a nominee with an entry no formula counts shows instead of its figures (RULES §4.3). */
export const TO_CORRECT = "待更正";

/** A rater group's entry sheet (RULES §4.1): each rater's column and the sheet's title. */
export const RATERS_WORDS = { rater: "评议人", sheetTitle: "评议表" } as const;

/** 动态管理 statuses, in the order the status formula tries them. */
export const DYNAMIC_STATUS = {
  eliminated: "淘汰",
  kept: "保留",
  overdue: "逾期",
  dueSoon: "待考评",
  normal: "正常",
} as const;
export type DynamicStatus = (typeof DYNAMIC_STATUS)[keyof typeof DYNAMIC_STATUS];

const STATUS_WORDS: ReadonlySet<string> = new Set(Object.values(DYNAMIC_STATUS));

/** The status a cell shows, when it is one of the five words; anything else (blank, an error) → null. */
export function readDynamicStatus(value: unknown): DynamicStatus | null {
  return typeof value === "string" && STATUS_WORDS.has(value) ? (value as DynamicStatus) : null;
}

/** The grades of the built-in rubrics, best first; 不合格 is also the grade a veto forces. */
export const GRADE_WORDS = {
  excellent: "优秀",
  good: "良好",
  pass: "合格",
  fail: "不合格",
} as const;

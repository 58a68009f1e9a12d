/** Why merge refused a returned copy, or did not take one of its values: the short code and its text in both languages. */

export const REFUSAL_REASONS = [
  "unreadable",
  "not_a_copy",
  "foreign",
  "wrong_entry_sheet",
  "superseded",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const INVALID_REASONS = [
  "not_a_number",
  "out_of_range",
  "off_step",
  "recused",
  "unknown_nominee",
  "no_master_cell",
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

type Params = Readonly<Record<string, string | number>>;
const v = (p: Params, key: string): string => String(p[key] ?? "");

export const MERGE_REASON_MESSAGES: Readonly<
  Record<RefusalReason | InvalidReason, { zh: (p: Params) => string; en: (p: Params) => string }>
> = {
  unreadable: {
    zh: (p) => `无法读取：${v(p, "detail")}`,
    en: (p) => `cannot be read: ${v(p, "detail")}`,
  },
  not_a_copy: {
    zh: () => "不是 shifan 分发的评委或评议组评分表（没有分发标记）",
    en: () => "not a judge's or rater group's copy issued by shifan (it has no issue stamp)",
  },
  foreign: {
    zh: () => "属于另一份考核工作簿，未合并",
    en: () => "belongs to another assessment; not merged",
  },
  wrong_entry_sheet: {
    zh: (p) => `评分表与分发标记不符（${v(p, "detail")}），未合并`,
    en: (p) => `its entry sheet is not the one its stamp names (${v(p, "detail")}); not merged`,
  },
  superseded: {
    zh: (p) =>
      `${v(p, "whoZh")}已有更新的评分表（${v(p, "newer")} 发出），此份（${v(p, "issuedAt")} 发出）未合并；如确需采用，请加 --prefer-copy`,
    en: (p) =>
      `${v(p, "whoEn")} has a newer copy (issued ${v(p, "newer")}); this one (issued ${v(p, "issuedAt")}) is not merged; add --prefer-copy to take it anyway`,
  },
  not_a_number: {
    zh: (p) => `“${v(p, "value")}”不是分数`,
    en: (p) => `"${v(p, "value")}" is not a score`,
  },
  out_of_range: {
    zh: (p) => `${v(p, "value")} 超出 0～${v(p, "max")}`,
    en: (p) => `${v(p, "value")} is outside 0–${v(p, "max")}`,
  },
  off_step: {
    zh: (p) => `${v(p, "value")} 不是 ${v(p, "step")} 的整数倍`,
    en: (p) => `${v(p, "value")} is not a multiple of ${v(p, "step")}`,
  },
  recused: {
    // Judges only: 回避 lists judges (RULES §4.4); a rater group's scores are never recused.
    zh: () => "该评委对此推荐对象回避，分数不计",
    en: () => "the judge is recused from this nominee; the score does not count",
  },
  unknown_nominee: {
    zh: (p) => `考核工作簿中没有编号 ${v(p, "nominee")}`,
    en: (p) => `the assessment has no nominee ${v(p, "nominee")}`,
  },
  no_master_cell: {
    zh: (p) =>
      `考核工作簿的“${v(p, "sheet")}”表中没有编号 ${v(p, "nominee")} 的行或 ${v(p, "criterion")} 列（被删除、编号被改，或评分标准改后尚未重新生成），此分数未合并；请先运行 assess 重建该表，再合并一次`,
    en: (p) =>
      `the assessment's sheet "${v(p, "sheet")}" has no row for nominee ${v(p, "nominee")} or no column ${v(p, "criterion")} (deleted, its id edited, or 评分标准 changed and not yet regenerated); not merged: run assess to rebuild the sheet, then merge again`,
  },
};

export function mergeReasonText(
  reason: RefusalReason | InvalidReason,
  params: Params = {}
): { zh: string; en: string } {
  const m = MERGE_REASON_MESSAGES[reason];
  return { zh: m.zh(params), en: m.en(params) };
}

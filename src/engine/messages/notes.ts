/** What a use case tells the person it kept or changed on their behalf: one line per note, Chinese and English. */
import type { Note, NoteCode, NoteParams } from "../core/Outcome";
import { TIER_NAMES } from "../core/domain";

const quotaText = (quota: number | null, none: string): string =>
  quota === null ? none : String(quota);

type NoteText = { readonly [K in NoteCode]: (params: NoteParams[K]) => string };

export const NOTE_MESSAGES_ZH: NoteText = {
  scores_kept: (p) => `已保留 ${p.nominees} 个推荐对象已录入的 ${p.scores} 项评分`,
  judges_changed: (p) => `评委人数由 ${p.from} 改为 ${p.to}`,
  rubric_changed: (p) => `评分标准由“${p.from}”改为“${p.to}”，“评分标准”表按新标准重写`,
  rubric_edits_kept: (p) => `已保留“评分标准”表上的修改：${p.fields}`,
  quotas_changed: (p) =>
    `推荐名额：${p.changes.map((c) => `${TIER_NAMES[c.tier]} ${quotaText(c.from, "不限")} → ${quotaText(c.to, "不限")}`).join("；")}`,
  as_of_changed: (p) => `考核基准日由 ${p.from} 改为 ${p.to}`,
  nominees_added: (p) => `新增推荐对象 ${p.count} 个`,
  nominees_gone: (p) => `${p.count} 个推荐对象已不在推荐表中，其行与评分保留并标注`,
  sector_quotas_not_applied: () => "按类别名额不在表格公式中，仅按级别名额推荐",
  parameter_not_a_number: (p) => `${p.label}：${p.cell} 不是数字，按默认值 ${p.used} 计`,
  parameter_below_minimum: (p) => `${p.label}：${p.cell} 小于 ${p.used}，按 ${p.used} 计`,
};

export const NOTE_MESSAGES_EN: NoteText = {
  scores_kept: (p) => `kept the ${p.scores} scores entered for ${p.nominees} nominees`,
  judges_changed: (p) => `judges: ${p.from} → ${p.to}`,
  rubric_changed: (p) => `rubric: ${p.from} → ${p.to}; 评分标准 rewritten for the new rubric`,
  rubric_edits_kept: (p) => `kept the edits on 评分标准: ${p.fields}`,
  quotas_changed: (p) =>
    `quotas: ${p.changes.map((c) => `${c.tier} ${quotaText(c.from, "no limit")} → ${quotaText(c.to, "no limit")}`).join("; ")}`,
  as_of_changed: (p) => `as-of date: ${p.from} → ${p.to}`,
  nominees_added: (p) => `${p.count} new nominees added`,
  nominees_gone: (p) =>
    `${p.count} nominees are no longer in the nominations; their rows and scores are kept and flagged`,
  sector_quotas_not_applied: () => "per-sector quotas are not in the formulas; tier quotas are",
  parameter_not_a_number: (p) =>
    `${p.label}: ${p.cell} is not a number; the default ${p.used} is used`,
  parameter_below_minimum: (p) => `${p.label}: ${p.cell} is below ${p.used}; ${p.used} is used`,
};

/** The note in one language. */
export function noteText(found: Note, lang: "zh" | "en"): string {
  const texts = lang === "zh" ? NOTE_MESSAGES_ZH : NOTE_MESSAGES_EN;
  return (texts[found.code] as (params: NoteParams[NoteCode]) => string)(found.params);
}

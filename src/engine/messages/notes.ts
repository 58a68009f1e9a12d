/** What a use case tells the person it kept or changed on their behalf: one line per note, Chinese and English. */
import type { Note, NoteCode, NoteParams, UnreadPart, UnrenderedPart } from "../core/Outcome";
import { TIER_NAMES } from "../core/domain";

const quotaText = (quota: number | null, none: string): string =>
  quota === null ? none : String(quota);

const UNRENDERED_ZH: Readonly<Record<UnrenderedPart, string>> = {
  validation: "未设置数据验证（超出范围的分数不会在输入时被拦截，但仍会突出显示）",
  filter: "未添加筛选按钮",
  print_setup: "未设置打印格式",
  cell_notes: "未写入单元格批注（加载项不写批注；shifan assess 写出的 .xlsx 文件中有）",
};

const UNRENDERED_EN: Readonly<Record<UnrenderedPart, string>> = {
  validation:
    "no data validation (out-of-range scores are not refused as they are typed, but still highlighted)",
  filter: "no filter buttons",
  print_setup: "no print setup",
  cell_notes:
    "no cell notes (the add-in does not write notes; the .xlsx that shifan assess writes has them)",
};

const UNREAD_ZH: Readonly<Record<UnreadPart, string>> = {
  merged_cells: "未读取合并单元格：两行表头、跨列合并的说明行可能识别有误，请在“识别”页核对",
};

const UNREAD_EN: Readonly<Record<UnreadPart, string>> = {
  merged_cells:
    "merged cells not read: a two-row header or a note line merged across the table may be read wrongly; check them on the Detect tab",
};

type NoteText = { readonly [K in NoteCode]: (params: NoteParams[K]) => string };

export const NOTE_MESSAGES_ZH: NoteText = {
  scores_kept: (p) => `已保留 ${p.nominees} 个推荐对象已录入的 ${p.scores} 项评分`,
  judges_changed: (p) => `评委人数由 ${p.from} 改为 ${p.to}`,
  min_judges_changed: (p) =>
    `最少评委人数由 ${p.from} 改为 ${p.to}${p.to < p.rules ? `（低于规则默认的 ${p.rules} 人，按明确要求设定，已写在“评分标准”表上）` : ""}`,
  rubric_changed: (p) => `评分标准由“${p.from}”改为“${p.to}”，“评分标准”表按新标准重写`,
  rubric_edits_kept: (p) => `已保留“评分标准”表上的修改：${p.fields}`,
  criterion_scores_dropped: (p) =>
    `评分项 ${p.criterion} 已从“评分标准”表删除，评委在该项下录入的 ${p.count} 项评分不再保留`,
  rater_scores_dropped: (p) =>
    `“评分标准”表的评议人数已减少，评议表“${p.sheet}”上 ${p.raters} 列录入的 ${p.count} 项评分不再保留`,
  quotas_changed: (p) =>
    `推荐名额：${p.changes.map((c) => `${TIER_NAMES[c.tier]} ${quotaText(c.from, "不限")} → ${quotaText(c.to, "不限")}`).join("；")}`,
  as_of_changed: (p) => `考核基准日由 ${p.from} 改为 ${p.to}`,
  nominees_added: (p) => `新增推荐对象 ${p.count} 个`,
  nominees_gone: (p) => `${p.count} 个推荐对象已不在推荐表中，其行与评分保留并标注`,
  identity_added: () => "此工作簿由旧版 shifan 生成，已按原工作表名称识别，并写入工作簿标识",
  sheet_renamed_kept: (p) => `${p.roleZh}已改名为“${p.to}”（原“${p.from}”），沿用新名称`,
  sheet_name_taken: (p) =>
    `工作表名“${p.taken}”已被您自己的工作表使用（未作改动），${p.roleZh}写为“${p.used}”`,
  defined_name_taken: (p) =>
    `名称 ${p.taken} 已由您自己定义（未作改动），shifan 的公式改用 ${p.used}`,
  source_sheet_renamed: (p) =>
    `推荐表“${p.from}”已改名为“${p.to}”，其中各推荐对象的编号与评分保持不变`,
  sheet_missing_rebuilt: (p) =>
    `${p.roleZh}（工作表“${p.sheet}”）已不存在，已按工作簿现有内容重新生成`,
  judge_sheet_missing: (p) =>
    `评委${p.judge}评分表（工作表“${p.sheet}”）已被删除：已重建为空表，评委人数仍为 ${p.judges}；该评委的评分需重新录入`,
  recusal_sheet_missing: (p) =>
    `回避（工作表“${p.sheet}”）已被删除：已重建为空表，原表登记的回避已随之删除，请重新登记；评分全部保留`,
  main_sheet_missing: (p) =>
    `考核表（工作表“${p.sheet}”）已被删除：已按各评委评分表重建，评分全部保留；原考核表上录入的群众满意度与一票否决无法恢复，请重新录入`,
  rubric_sheet_missing: (p) =>
    `评分标准（工作表“${p.sheet}”）已被删除：已按“${p.rubric}”的默认参数重建（评委评分的各项指标与之一致），原表上修改过的参数（分数线、名额等）请重新核对`,
  parameter_not_a_number: (p) => `${p.label}：${p.cell} 不是数字，按默认值 ${p.used} 计`,
  parameter_below_minimum: (p) => `${p.label}：${p.cell} 小于 ${p.used}，按 ${p.used} 计`,
  not_rendered: (p) =>
    `${p.sheets.map((sheet) => `“${sheet}”`).join("、")}：${UNRENDERED_ZH[p.part]}` +
    (p.needs ? `，此 Excel 缺少 ExcelApi ${p.needs}` : ""),
  not_read: (p) => `${UNREAD_ZH[p.part]}：此 Excel 缺少 ExcelApi ${p.needs}`,
};

export const NOTE_MESSAGES_EN: NoteText = {
  scores_kept: (p) => `kept the ${p.scores} scores entered for ${p.nominees} nominees`,
  judges_changed: (p) => `judges: ${p.from} → ${p.to}`,
  min_judges_changed: (p) =>
    `minimum judges: ${p.from} → ${p.to}${p.to < p.rules ? ` (below the rules' ${p.rules}, set as asked; stated on 评分标准)` : ""}`,
  rubric_changed: (p) => `rubric: ${p.from} → ${p.to}; 评分标准 rewritten for the new rubric`,
  rubric_edits_kept: (p) => `kept the edits on 评分标准: ${p.fields}`,
  criterion_scores_dropped: (p) =>
    `criterion ${p.criterion} was removed from 评分标准: the ${p.count} entries judges typed under it are not kept`,
  rater_scores_dropped: (p) =>
    `评议人数 was lowered on 评分标准: the ${p.count} entries typed under ${p.raters} on the rater sheet "${p.sheet}" are not kept`,
  quotas_changed: (p) =>
    `quotas: ${p.changes.map((c) => `${c.tier} ${quotaText(c.from, "no limit")} → ${quotaText(c.to, "no limit")}`).join("; ")}`,
  as_of_changed: (p) => `as-of date: ${p.from} → ${p.to}`,
  nominees_added: (p) => `${p.count} new nominees added`,
  nominees_gone: (p) =>
    `${p.count} nominees are no longer in the nominations; their rows and scores are kept and flagged`,
  identity_added: () =>
    "this workbook was made by an earlier shifan: its sheets were found by their names, and its identity is now written",
  sheet_renamed_kept: (p) =>
    `${p.roleEn} was renamed "${p.to}" (was "${p.from}"); the new name is kept`,
  sheet_name_taken: (p) =>
    `the sheet name "${p.taken}" belongs to your own sheet (left as it is); ${p.roleEn} is written as "${p.used}"`,
  defined_name_taken: (p) =>
    `the defined name ${p.taken} is your own (left as it is); shifan's formulas use ${p.used} instead`,
  source_sheet_renamed: (p) =>
    `the nomination sheet "${p.from}" is now called "${p.to}"; its nominees keep their ids and scores`,
  sheet_missing_rebuilt: (p) =>
    `${p.roleEn} ("${p.sheet}") was missing and has been rebuilt from what the workbook holds`,
  judge_sheet_missing: (p) =>
    `judge ${p.judge}'s sheet ("${p.sheet}") was deleted: rebuilt empty, the panel stays at ${p.judges} judges; that judge's scores must be entered again`,
  recusal_sheet_missing: (p) =>
    `the recusal register ("${p.sheet}") was deleted: rebuilt empty; the recusals listed on it went with it and must be listed again; every score kept`,
  main_sheet_missing: (p) =>
    `the assessment sheet ("${p.sheet}") was deleted: rebuilt from the judge sheets, every score kept; public satisfaction and vetoes entered on it are gone and must be entered again`,
  rubric_sheet_missing: (p) =>
    `the rubric sheet ("${p.sheet}") was deleted: rebuilt with the defaults of "${p.rubric}" (the judge sheets' criteria match it); check parameters you had changed there (pass line, quotas …)`,
  parameter_not_a_number: (p) =>
    `${p.label}: ${p.cell} is not a number; the default ${p.used} is used`,
  parameter_below_minimum: (p) => `${p.label}: ${p.cell} is below ${p.used}; ${p.used} is used`,
  not_rendered: (p) =>
    `${p.sheets.map((sheet) => `"${sheet}"`).join(", ")}: ${UNRENDERED_EN[p.part]}` +
    (p.needs ? `; this Excel lacks ExcelApi ${p.needs}` : ""),
  not_read: (p) => `${UNREAD_EN[p.part]}: this Excel lacks ExcelApi ${p.needs}`,
};

/** The note in one language. */
export function noteText(found: Note, lang: "zh" | "en"): string {
  const texts = lang === "zh" ? NOTE_MESSAGES_ZH : NOTE_MESSAGES_EN;
  return (texts[found.code] as (params: NoteParams[NoteCode]) => string)(found.params);
}

import type { Field, IssueCode } from "../core";
import type { IssueText } from "./issueText";

export const FIELD_LABELS_ZH: Readonly<Record<Field, string>> = {
  name: "名称",
  sector: "类别（领域）",
  tier: "级别",
  region: "推荐单位（地区）",
  members: "党员人数",
  secretary: "书记",
  phone: "联系电话",
  nominatedOn: "推荐时间",
  awardedOn: "授牌时间",
  lastReviewOn: "最近考评时间",
  lastReviewScore: "最近考评得分",
  lastReviewVeto: "一票否决",
  notes: "备注",
};

/** Each issue code's name, as a person sees it in the pane's groups, 校验结果 and the command line. */
export const ISSUE_TITLES_ZH: Readonly<Record<IssueCode, string>> = {
  missing_required: "缺少必填项",
  unknown_sector: "无法识别的领域",
  ambiguous_sector: "领域有歧义",
  invalid_tier: "无法识别的级别",
  invalid_date: "无法识别的日期",
  month_only_date: "日期只到月份",
  invalid_number: "不是有效的整数",
  duplicate: "重复推荐",
  unstorable_character: "含无法保存的字符",
  unsafe_text: "像公式的文本",
  sheet_without_table: "没有推荐表格的工作表",
  review_before_award: "考评早于授牌",
  score_out_of_range: "分数超出范围",
  score_off_step: "分数不在步长上",
  invalid_score: "无效的分数",
  satisfaction_out_of_range: "满意度超出范围",
  invalid_veto: "无效的一票否决",
  nominee_vanished: "已不在推荐表中",
  recused_score: "回避评委的分数（不计入）",
  weights_not_one: "权重之和不为 100%",
  invalid_parameter: "评分标准参数无效",
  recusal_not_applied: "未生效的回避登记",
};

/** RULES §4.3: a bad entry counts nowhere, and its nominee shows 待更正 until it is corrected. */
const NOT_COUNTED_ZH = "，不计入，该推荐对象显示“待更正”";

export const ISSUE_MESSAGES_ZH: IssueText = {
  missing_required: (p) => `缺少必填项“${p.label}”`,
  unknown_sector: (p) =>
    `无法识别的领域“${p.value}”` + (p.suggestions ? `，是否为：${p.suggestions}？` : ""),
  ambiguous_sector: (p) => `领域“${p.value}”有歧义，请改为：${p.suggestions}`,
  invalid_tier: (p) => `无法识别的级别“${p.value}”，应为省级、市级或县级`,
  invalid_date: (p) => `无法识别的日期“${p.value}”`,
  month_only_date: (p) => `日期“${p.value}”只到月份，按 ${p.date} 计`,
  invalid_number: (p) => `“${p.value}”不是有效的整数`,
  duplicate: (p) => `与 ${p.otherSheet}!${p.otherCell}（第 ${p.otherRow} 行）重复`,
  unstorable_character: (p) =>
    `“${p.value}”含有 Excel 等表格软件无法保存的字符（如空字符），已替换为 �，请核对原文`,
  unsafe_text: (p) => `“${p.value}”以公式符号开头，已按文本保留，不会作为公式计算`,
  sheet_without_table: () => "此工作表没有推荐表格，已跳过",
  review_before_award: (p) => `最近考评时间 ${p.reviewOn} 早于授牌时间 ${p.awardedOn}`,
  score_out_of_range: (p) => `分数 ${p.value} 超出范围 0～${p.max}${NOT_COUNTED_ZH}`,
  score_off_step: (p) => `分数 ${p.value} 不是 ${p.step} 的整数倍${NOT_COUNTED_ZH}`,
  invalid_score: (p) => `“${p.value}”不是有效的分数${NOT_COUNTED_ZH}`,
  satisfaction_out_of_range: (p) => `群众满意度 ${p.value} 应在 0～100 之间${NOT_COUNTED_ZH}`,
  invalid_veto: (p) => `一票否决应填“是”或“否”，而不是“${p.value}”`,
  nominee_vanished: (p) => `“${p.name}”（${p.id}）已不在推荐表中，评分保留`,
  weights_not_one: (p) =>
    `总分各组成部分的权重之和不为 100%（表上提示：${p.warning}），总分按现有权重计算`,
  invalid_parameter: (p) =>
    `“${p.label}”${p.detail.split(" / ")[0] ?? p.detail}，${p.used === null ? "已按未填写" : `已按 ${p.used}`} 计算（表格公式仍用单元格中的值，请更正）`,
  recused_score: (p) =>
    `评委${p.judge}已回避“${p.id}”（回避表第 ${p.line ?? "?"} 行），此处所填 ${p.value} 不计入`,
  recusal_not_applied: (p) => `回避表第 ${p.line} 行未生效：${p.check}`,
};

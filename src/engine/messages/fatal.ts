/** Errors that stop a whole command (not a row's issue): bilingual, one line, no stack trace. */
import type { FatalCode, FatalParams } from "../core/Outcome";

export type { FatalCode, FatalParams } from "../core/Outcome";

/** The workbook a message names: the file the command line read, or the open workbook in the pane (no file). */
const inZh = (p: { readonly file?: string }): string =>
  p.file === undefined ? "此工作簿" : `${p.file} `;
const inEn = (p: { readonly file?: string }): string => p.file ?? "this workbook";

/** Per code, its text in each language, a function of that code's params (a missing or extra one does not compile). */
export type FatalText = {
  readonly [K in FatalCode]: {
    readonly zh: (p: FatalParams[K]) => string;
    readonly en: (p: FatalParams[K]) => string;
  };
};

export const FATAL_MESSAGES: FatalText = {
  file_not_found: {
    zh: (p) => `找不到文件 ${p.file}`,
    en: (p) => `file not found: ${p.file}`,
  },
  file_unreadable: {
    zh: (p) =>
      `无法读取 ${p.file}：没有读取权限或文件被占用（请检查文件权限，或先在 Excel/WPS 中关闭它）`,
    en: (p) =>
      `cannot read ${p.file}: no permission to read it, or it is locked (check its permissions, or close it in Excel/WPS first)`,
  },
  encrypted: {
    zh: (p) =>
      `${p.file} 设有打开密码（已加密），无法读取。请先在 Excel 或 WPS 中打开它，去掉密码（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码；WPS：文件 → 文档加密 → 密码加密，清空）后另存，再试`,
    en: (p) =>
      `${p.file} is password-protected (encrypted) and cannot be read. Open it in Excel or WPS, remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password, clear it; WPS: File → Document Encryption → Password Encryption, clear it), save, and try again`,
  },
  not_xlsx: {
    zh: (p) =>
      `${p.file} 不是可读取的工作簿（可读取 .xlsx、.xlsm、.xls、.et、.ett、.ods；如为其他格式，请在 Excel 或 WPS 中另存为 .xlsx）`,
    en: (p) =>
      `${p.file} is not a workbook shifan can read (.xlsx, .xlsm, .xls, .et, .ett, .ods; save other kinds as .xlsx in Excel or WPS)`,
  },
  damaged_file: {
    zh: (p) => `${p.file} 已损坏或不完整，无法读取`,
    en: (p) => `${p.file} is damaged or truncated and cannot be read`,
  },
  no_nomination_table: {
    zh: (p) => `${inZh(p)}中没有找到推荐表格`,
    en: (p) => `no nomination table found in ${inEn(p)}`,
  },
  output_is_input: {
    zh: () => "输出文件与输入文件相同；如确需覆盖，请加 --in-place",
    en: () => "the output is the input file; add --in-place to overwrite it",
  },
  output_not_writable: {
    zh: (p) => `无法写入 ${p.file}：${p.reason}`,
    en: (p) => `cannot write ${p.file}: ${p.reason}`,
  },
  rubric_invalid: {
    zh: (p) => `评分标准文件${p.file === undefined ? "" : ` ${p.file} `}有误：${p.detail}`,
    en: (p) => `rubric file${p.file === undefined ? "" : ` ${p.file}`} is invalid: ${p.detail}`,
  },
  not_assessment_workbook: {
    zh: (p) => `${inZh(p)}不是 shifan 生成的考核工作簿（缺少“${p.sheet}”工作表）`,
    en: (p) => `${inEn(p)} is not an assessment workbook made by shifan (no sheet "${p.sheet}")`,
  },
  would_drop_judge_scores: {
    zh: (p) => `评委人数从 ${p.from} 减为 ${p.to} 会丢失“${p.sheets}”中已录入的评分，未作任何修改`,
    en: (p) =>
      `going from ${p.from} judges to ${p.to} would drop the scores entered on ${p.sheets}; nothing was changed`,
  },
  would_drop_rubric_scores: {
    zh: (p) => `“${p.sheets}”中已按“${p.from}”录入评分，改用“${p.to}”会丢失这些评分，未作任何修改`,
    en: (p) =>
      `${p.sheets} hold scores entered under the rubric ${p.from}; switching to ${p.to} would drop them, so nothing was changed`,
  },
  too_few_judges: {
    zh: (p) =>
      `评委人数 ${p.judges} 少于最少评委人数 ${p.minJudges}：每个评分项目都会因评分人数不足而不计分。请增加评委，或明确降低最少评委人数（命令行 --min-judges ${p.judges}，或改“评分标准”表的“最少评委人数”后重新生成）；未作任何修改`,
    en: (p) =>
      `${p.judges} judges is fewer than the minimum of ${p.minJudges}: no criterion could ever be complete. Add judges, or lower the minimum explicitly (--min-judges ${p.judges} on the command line, or 最少评委人数 on 评分标准, then generate again); nothing was changed`,
  },
  bad_argument: {
    zh: (p) => `参数有误：${p.zh}`,
    en: (p) => `bad argument: ${p.en}`,
  },
  newer_layout: {
    zh: (p) => `${inZh(p)}由更新版本的 shifan 生成（版式 ${p.version}），请升级 shifan 后再处理`,
    en: (p) =>
      `${inEn(p)} was written by a newer shifan (layout ${p.version}); upgrade shifan to work on it`,
  },
  missing_rubric_sheet: {
    zh: (p) =>
      `${inZh(p)}的评分标准工作表“${p.sheet}”已被删除，无法确定评分指标；请恢复该工作表，或用 --rubric 指明原来的评分标准`,
    en: (p) =>
      `the rubric sheet "${p.sheet}" of ${inEn(p)} was deleted, so its criteria are unknown; restore the sheet, or give the original rubric with --rubric`,
  },
  rubric_mismatch: {
    zh: (p) =>
      `${inZh(p)}的评分标准工作表“${p.sheet}”已被删除，且评委评分表的指标与所给评分标准不一致（${p.detail}）；未作任何改动。请恢复该工作表，或用 --rubric 指明原来的评分标准`,
    en: (p) =>
      `the rubric sheet "${p.sheet}" of ${inEn(p)} was deleted and the judge sheets' criteria differ from the rubric given (${p.detail}); nothing was changed. Restore the sheet or give the original rubric with --rubric`,
  },
  unplaced_scores: {
    zh: (p) =>
      `${inZh(p)}的工作表“${p.sheet}”上有不属于任何推荐对象的评分（${p.detail}），重新生成会丢失这些评分；未作任何改动，请先核对该行的编号`,
    en: (p) =>
      `sheet "${p.sheet}" of ${inEn(p)} holds scores that belong to no nominee (${p.detail}); rebuilding would lose them, so nothing was changed. Check that row's id first`,
  },
  rater_columns_unclear: {
    zh: (p) =>
      `${inZh(p)}的评议表“${p.sheet}”表头无法确定各评议人的列（${p.cell}：${p.detail}）；为免把一位评议人的评分记到另一位名下或丢失，未作任何改动。请把表头改回“评议人1”“评议人2”……（每位评议人一列，各不相同）`,
    en: (p) =>
      `the header row of the rater sheet "${p.sheet}" in ${inEn(p)} does not say which rater each column belongs to (${p.cell}: ${p.detail}); so that no rater's scores are read as another's or lost, nothing was changed. Put the headers back as 评议人1, 评议人2 … (one column per rater, each once)`,
  },
  no_identity: {
    zh: (p) =>
      `${inZh(p)}由旧版 shifan 生成，尚无工作簿标识；请先运行 shifan assess（或在加载项中重新生成）再分发评分表`,
    en: (p) =>
      `${inEn(p)} was made by an earlier shifan and has no workbook identity yet; run shifan assess on it (or generate again in the add-in) before issuing copies`,
  },
  no_such_judge: {
    zh: (p) => `没有评委 ${p.judge}：此考核工作簿有 ${p.judges} 位评委`,
    en: (p) => `there is no judge ${p.judge}: this assessment has ${p.judges} judges`,
  },
  no_such_group: {
    zh: (p) => `没有评议组“${p.group}”：此考核工作簿的评议组为 ${p.groups}`,
    en: (p) =>
      `there is no rater group "${p.group}": this assessment's rater groups are ${p.groups}`,
  },
  assessment_incomplete: {
    zh: (p) =>
      `${inZh(p)}缺少工作表“${p.sheet}”（已被删除）；请先运行 shifan assess 重建，再查看结果`,
    en: (p) =>
      `${inEn(p)} is missing its sheet "${p.sheet}" (deleted); run shifan assess to rebuild it first`,
  },
  formula_too_long: {
    zh: (p) =>
      `未写入：${p.sheet}!${p.cell} 的公式长 ${p.actual} 个字符，超过 Excel 的上限 ${p.maximum}；请减少评分标准中的等次或指标`,
    en: (p) =>
      `nothing written: the formula at ${p.sheet}!${p.cell} is ${p.actual} characters long, over Excel's ${p.maximum}; use fewer grade bands or criteria in the rubric`,
  },
  formula_too_deep: {
    zh: (p) =>
      `未写入：${p.sheet}!${p.cell} 的公式嵌套 ${p.actual} 层函数，超过 Excel 的上限 ${p.maximum} 层；请减少评分标准中的等次`,
    en: (p) =>
      `nothing written: the formula at ${p.sheet}!${p.cell} nests ${p.actual} functions, over Excel's ${p.maximum}; use fewer grade bands in the rubric`,
  },
};

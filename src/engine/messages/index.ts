import type { Issue } from "../core";
import { ISSUE_MESSAGES_EN, FIELD_LABELS_EN } from "./en";
import { ISSUE_MESSAGES_ZH, FIELD_LABELS_ZH } from "./zh-CN";
import { FATAL_MESSAGES, type FatalCode } from "./fatal";
import { noteText } from "./notes";
import type { Failure, Note } from "../core";

export type Lang = "zh" | "en";
export { FIELD_LABELS_EN, FIELD_LABELS_ZH, FATAL_MESSAGES, type FatalCode };

/** The issue's text in one language, led by where it is: `推荐汇总!C24：…`. */
/** Longest value a message quotes whole: a message lands in one cell of 校验结果, which holds 32,767 characters. */
export const MAX_QUOTED_CHARACTERS = 120;

/** Every text parameter cut to MAX_QUOTED_CHARACTERS, the cut shown by "…". */
function quotable(params: Issue["params"]): Issue["params"] {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] =
      typeof value === "string" && [...value].length > MAX_QUOTED_CHARACTERS
        ? `${[...value].slice(0, MAX_QUOTED_CHARACTERS - 1).join("")}…`
        : value;
  }
  return out as Issue["params"];
}

export function issueMessage(issue: Issue, lang: Lang): string {
  const label = issue.field ? (lang === "zh" ? FIELD_LABELS_ZH : FIELD_LABELS_EN)[issue.field] : "";
  const params = { label, ...quotable(issue.params) };
  const text = (lang === "zh" ? ISSUE_MESSAGES_ZH : ISSUE_MESSAGES_EN)[issue.code](params);
  const where = issue.cell
    ? `${issue.sheet}!${issue.cell}`
    : issue.row !== null
      ? `${issue.sheet} row ${issue.row}`
      : issue.sheet;
  return `${where}${lang === "zh" ? "：" : ": "}${text}`;
}

/** One line, Chinese then English, for fatal errors of the command line and the task pane. */
export function fatalMessage(
  code: FatalCode,
  params: Readonly<Record<string, string>> = {}
): string {
  const m = FATAL_MESSAGES[code];
  return `${m.zh(params)} / ${m.en(params)}`;
}

/** A note, Chinese then English: `已保留 … / kept …`. */
export function noteMessage(found: Note, lang?: Lang): string {
  return lang ? noteText(found, lang) : `${noteText(found, "zh")} / ${noteText(found, "en")}`;
}

/** A use case's failure as one line, Chinese then English (or one language). */
export function failureMessage(failure: Failure, lang?: Lang): string {
  const m = FATAL_MESSAGES[failure.code];
  return lang ? m[lang](failure.params) : fatalMessage(failure.code, failure.params);
}

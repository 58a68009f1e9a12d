import {
  SECTOR_NAMES,
  TIER_NAMES,
  type Issue,
  type IssueCode,
  type SectorCode,
  type TierCode,
} from "../core";
import {
  ISSUE_MESSAGES_EN,
  FIELD_LABELS_EN,
  ISSUE_TITLES_EN,
  SECTOR_NAMES_EN,
  TIER_NAMES_EN,
  countEn,
} from "./en";
import { ISSUE_MESSAGES_ZH, FIELD_LABELS_ZH, ISSUE_TITLES_ZH } from "./zh-CN";
import { FATAL_MESSAGES, type FatalCode, type FatalParams } from "./fatal";
import type { IssueLabel } from "./issueText";
import { noteText } from "./notes";
import type { Failure, Note } from "../core";

export type Lang = "zh" | "en";
export {
  FIELD_LABELS_EN,
  FIELD_LABELS_ZH,
  FATAL_MESSAGES,
  countEn,
  type FatalCode,
  type FatalParams,
};

/** An issue code's name for people (缺少必填项 / Required field empty); the code itself is for filtering. */
export function issueTitle(code: IssueCode, lang: Lang): string {
  return (lang === "zh" ? ISSUE_TITLES_ZH : ISSUE_TITLES_EN)[code];
}

const RUBRIC_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  baiqianwan: { zh: "百千万", en: "百千万 (100 / 1,000 / 10,000 programme)" },
  wuhao: { zh: "五个好", en: "五个好 (Five Goods)" },
  sanpingyi: { zh: "三评议", en: "三评议 (leaders', members' and public review)" },
};

/** The built-in rubric whose Chinese name (百千万) a 评分标准 sheet shows, or the text itself (an id, a custom rubric's). */
export function rubricIdFromName(text: string): string {
  return Object.entries(RUBRIC_NAMES).find(([, name]) => name.zh === text)?.[0] ?? text;
}

/** A built-in rubric's name for people (百千万, 五个好); a custom rubric's id as its file gives it. */
export function rubricName(id: string, lang: Lang): string {
  return RUBRIC_NAMES[id]?.[lang] ?? id;
}

/** The sector's name: the notice's own words in Chinese, a short English name in English. */
export function sectorName(sector: SectorCode, lang: Lang): string {
  return lang === "zh" ? SECTOR_NAMES[sector] : SECTOR_NAMES_EN[sector];
}

export function tierName(tier: TierCode, lang: Lang): string {
  return lang === "zh" ? TIER_NAMES[tier] : TIER_NAMES_EN[tier];
}

/** The issue's text in one language, without where it is: `缺少必填项“名称”`. */
export function issueText(issue: Issue, lang: Lang): string {
  const label = issue.field ? (lang === "zh" ? FIELD_LABELS_ZH : FIELD_LABELS_EN)[issue.field] : "";
  const texts = lang === "zh" ? ISSUE_MESSAGES_ZH : ISSUE_MESSAGES_EN;
  // issue.code and issue.params belong together (Issue is a union keyed by code), which TypeScript cannot follow
  // through the lookup, as in noteText.
  return (texts[issue.code] as (params: IssueLabel) => string)({
    ...quotable(issue.params),
    label,
  });
}

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

/** The issue's text in one language, led by where it is: `推荐汇总!C24：…`. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const text = issueText(issue, lang);
  const where = issue.cell
    ? `${issue.sheet}!${issue.cell}`
    : issue.row === null
      ? issue.sheet
      : lang === "zh"
        ? `${issue.sheet} 第 ${issue.row} 行`
        : `${issue.sheet} row ${issue.row}`;
  return `${where}${lang === "zh" ? "：" : ": "}${text}`;
}

/** The params argument of `fatalMessage(code, …)`: none for a code that quotes nothing. */
export type FatalParamsArg<K extends FatalCode> = keyof FatalParams[K] extends never
  ? []
  : [params: FatalParams[K]];

/** One line, Chinese then English, for fatal errors of the command line and the task pane. */
export function fatalMessage<K extends FatalCode>(code: K, ...params: FatalParamsArg<K>): string {
  return failureMessage({ code, params: params[0] ?? {} } as Failure);
}

/** A note, Chinese then English: `已保留 … / kept …`. */
export function noteMessage(found: Note, lang?: Lang): string {
  return lang ? noteText(found, lang) : `${noteText(found, "zh")} / ${noteText(found, "en")}`;
}

/** A use case's failure as one line, Chinese then English (or one language). */
export function failureMessage(failure: Failure, lang?: Lang): string {
  // failure.code and failure.params belong together (Failure is a union keyed by code), as in issueText.
  const m = FATAL_MESSAGES[failure.code] as {
    readonly zh: (p: FatalParams[FatalCode]) => string;
    readonly en: (p: FatalParams[FatalCode]) => string;
  };
  return lang ? m[lang](failure.params) : `${m.zh(failure.params)} / ${m.en(failure.params)}`;
}

/**
 * Workbook identity: which assessment a workbook is, which layout it follows, and which of its sheets shifan
 * generated, in which role. Stored twice, in places Excel, WPS and LibreOffice all keep (docs/decisions/0010):
 * - workbook-scoped defined names: `_shifan_Assessment` ("<id>"), `_shifan_Layout` (the layout version) and one
 *   `_shifan_Sheet_<role>` per generated sheet referring to that sheet's top-left corner, so renaming or moving
 *   the sheet updates the reference by itself and deleting it turns it into #REF!;
 * - a very hidden sheet (`shifan`) listing the same as text, with each sheet's name as written and the source
 *   sheets' names, for when names are lost and to tell a renamed sheet from a new one.
 * Formulas never read any of it: the identity only tells shifan where things are.
 */
import { range, text, num } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import {
  ISSUES_SHEET,
  MAIN_SHEET,
  PUBLICITY_SHEET,
  JUDGE_ANALYSIS_SHEET,
  RUBRIC_SHEET,
  SUMMARY_SHEET,
  judgeSheetName,
  raterSheetName,
} from "./assessmentLayout";
import {
  ACTION_SHEET,
  DYNAMIC_SHEET,
  DYNAMIC_SUMMARY_SHEET,
  ELIMINATED_SHEET,
  HISTORY_SHEET,
} from "../dynamic/dynamicLayout";
import { SheetBuilder } from "./SheetBuilder";
import type { DefinedNamePlan, SheetPlan } from "./SheetPlan";

/**
 * 1: the first shifan (no identity; sheets known by their names). 2: identity names and sheet. 3: per-sector quotas
 * and 差额 (评分标准's 差额比例 and 类别名额 rows; 考核表's 类别内排名, 并列 and 差额候选 columns, which move 评分进度 and
 * everything after it; 汇总's 差额候选 column): docs/decisions/0019. A workbook of a higher version was written by a
 * newer shifan and is refused, never half-read; this one reads versions 1–3 (by header labels).
 */
export const LAYOUT_VERSION = 3;

/**
 * What a generated sheet is for. Open to more kinds: a rater group's entry sheet (issue #11) is `raters` with
 * the group's code.
 */
export type SheetRole =
  | { readonly kind: "rubric" }
  | { readonly kind: "main" }
  | { readonly kind: "summary" }
  | { readonly kind: "issues" }
  | { readonly kind: "judge"; readonly judge: number }
  | { readonly kind: "raters"; readonly group: string }
  | { readonly kind: "dynamic" }
  | { readonly kind: "actions" }
  | { readonly kind: "dynamicSummary" }
  | { readonly kind: "recusal" }
  /** 公示名单: the recommended sites as a public notice lists them (issue #13 §7). */
  | { readonly kind: "publicity" }
  /** 评委分析: the judges' scoring as a diagnostic (issue #13 §6). */
  | { readonly kind: "judgeAnalysis" }
  | { readonly kind: "mergeLog" }
  /** next-cycle's 考评历史 and 已淘汰. */
  | { readonly kind: "history" }
  | { readonly kind: "eliminated" }
  | { readonly kind: "identity" };

/** Entry sheets: the sheets whose input cells belong to one judge or rater group. */
export function isEntryRole(
  role: SheetRole
): role is Extract<SheetRole, { kind: "judge" | "raters" }> {
  return role.kind === "judge" || role.kind === "raters";
}

/** `judge_3`, `raters_peers`, `main`: the role as it is stored (defined names allow letters, digits and _). */
export function roleKey(role: SheetRole): string {
  switch (role.kind) {
    case "judge":
      return `judge_${role.judge}`;
    case "raters":
      return `raters_${role.group}`;
    default:
      return role.kind;
  }
}

const SIMPLE_ROLES = [
  "rubric",
  "main",
  "summary",
  "issues",
  "dynamic",
  "actions",
  "dynamicSummary",
  "recusal",
  "publicity",
  "judgeAnalysis",
  "mergeLog",
  "history",
  "eliminated",
  "identity",
] as const;

/** The role a stored key names; null for a key this version does not know (it is left alone). */
export function roleFromKey(key: string): SheetRole | null {
  const judge = /^judge_(\d{1,4})$/.exec(key);
  if (judge) return Number(judge[1]) >= 1 ? { kind: "judge", judge: Number(judge[1]) } : null;
  const raters = /^raters_([A-Za-z0-9]{1,40})$/.exec(key);
  if (raters) return { kind: "raters", group: raters[1] as string };
  const simple = SIMPLE_ROLES.find((kind) => kind === key);
  return simple ? ({ kind: simple } as SheetRole) : null;
}

export function sameRole(a: SheetRole, b: SheetRole): boolean {
  return roleKey(a) === roleKey(b);
}

export const IDENTITY_SHEET = "shifan";
export const RECUSAL_SHEET = "回避";
export const MERGE_LOG_SHEET = "合并记录";

/** The name a role's sheet gets when nothing else claims it. */
export function defaultSheetName(role: SheetRole): string {
  switch (role.kind) {
    case "rubric":
      return RUBRIC_SHEET;
    case "main":
      return MAIN_SHEET;
    case "summary":
      return SUMMARY_SHEET;
    case "issues":
      return ISSUES_SHEET;
    case "judge":
      return judgeSheetName(role.judge);
    case "raters":
      return raterSheetName(role.group);
    case "dynamic":
      return DYNAMIC_SHEET;
    case "actions":
      return ACTION_SHEET;
    case "dynamicSummary":
      return DYNAMIC_SUMMARY_SHEET;
    case "recusal":
      return RECUSAL_SHEET;
    case "publicity":
      return PUBLICITY_SHEET;
    case "judgeAnalysis":
      return JUDGE_ANALYSIS_SHEET;
    case "mergeLog":
      return MERGE_LOG_SHEET;
    case "history":
      return HISTORY_SHEET;
    case "eliminated":
      return ELIMINATED_SHEET;
    case "identity":
      return IDENTITY_SHEET;
  }
}

/** The role of a sheet the compilers named by its default name (they compile with default names only). */
export function roleOfDefaultName(name: string): SheetRole | null {
  const judge = /^评委(\d+)$/.exec(name);
  if (judge) return { kind: "judge", judge: Number(judge[1]) };
  const raters = /^评议_([A-Za-z0-9]{1,40})$/.exec(name);
  if (raters) return { kind: "raters", group: raters[1] as string };
  for (const kind of SIMPLE_ROLES) {
    const role = { kind } as SheetRole;
    if (defaultSheetName(role) === name) return role;
  }
  return null;
}

/** How the role reads to a person, in both languages: `评委3 / judge 3's sheet`. */
export function roleLabel(role: SheetRole): { zh: string; en: string } {
  switch (role.kind) {
    case "rubric":
      return { zh: "评分标准", en: "the rubric sheet" };
    case "main":
      return { zh: "考核表", en: "the assessment sheet" };
    case "summary":
      return { zh: "汇总", en: "the summary sheet" };
    case "issues":
      return { zh: "校验结果", en: "the issues sheet" };
    case "judge":
      return { zh: `评委${role.judge}评分表`, en: `judge ${role.judge}'s sheet` };
    case "raters":
      return { zh: `评议组 ${role.group}`, en: `rater group ${role.group}'s sheet` };
    case "dynamic":
      return { zh: "动态管理", en: "the dynamic-management sheet" };
    case "actions":
      return { zh: "待办清单", en: "the action list" };
    case "dynamicSummary":
      return { zh: "动态管理汇总", en: "the dynamic-management summary" };
    case "recusal":
      return { zh: "回避", en: "the recusal register" };
    case "publicity":
      return { zh: "公示名单", en: "the publicity list" };
    case "judgeAnalysis":
      return { zh: "评委分析", en: "the judge analysis" };
    case "mergeLog":
      return { zh: "合并记录", en: "the merge log" };
    case "history":
      return { zh: "考评历史", en: "the review history" };
    case "eliminated":
      return { zh: "已淘汰", en: "the list of eliminated sites" };
    case "identity":
      return { zh: "工作簿标识", en: "the workbook identity" };
  }
}

export const IDENTITY_NAME_PREFIX = "_shifan_";
export const ASSESSMENT_ID_NAME = "_shifan_Assessment";
export const LAYOUT_VERSION_NAME = "_shifan_Layout";
const SHEET_NAME_PREFIX = "_shifan_Sheet_";
const SOURCE_NAME_PREFIX = "_shifan_Source_";

/** A name the workbook identity owns (`_shifan_…`, workbook-scoped). */
export function isIdentityName(definedName: string): boolean {
  return definedName.toLowerCase().startsWith(IDENTITY_NAME_PREFIX.toLowerCase());
}

export function sheetRoleName(role: SheetRole): string {
  return `${SHEET_NAME_PREFIX}${roleKey(role)}`;
}

/** The role a `_shifan_Sheet_…` name stands for; null for any other name. */
export function roleOfIdentityName(definedName: string): SheetRole | null {
  return definedName.toLowerCase().startsWith(SHEET_NAME_PREFIX.toLowerCase())
    ? roleFromKey(definedName.slice(SHEET_NAME_PREFIX.length))
    : null;
}

export function sourceSheetName(index: number): string {
  return `${SOURCE_NAME_PREFIX}${index}`;
}

/** 1-based index of a `_shifan_Source_n` name; null for any other name. */
export function sourceIndexOfName(definedName: string): number | null {
  const m = new RegExp(`^${SOURCE_NAME_PREFIX}(\\d{1,4})$`, "i").exec(definedName);
  return m ? Number(m[1]) : null;
}

/**
 * The corner a sheet's identity name points at: A1:B3, not one cell, so deleting the title row or column A
 * shrinks the reference instead of breaking it. Small on purpose: some readers (ExcelJS) expand a named range
 * cell by cell.
 */
function sheetCorner(sheet: string): FormulaNode {
  return range(
    { row: 1, col: 1, rowAbsolute: true, colAbsolute: true },
    { row: 3, col: 2, rowAbsolute: true, colAbsolute: true },
    sheet
  );
}

/** What a workbook's identity says; `sheets` and `sources` name sheets as they are called when written. */
export interface WorkbookIdentity {
  readonly assessmentId: string;
  readonly layoutVersion: number;
  readonly sheets: readonly { readonly role: SheetRole; readonly name: string }[];
  /** The nomination sheets the nominees were read from. */
  readonly sources: readonly string[];
}

/** The identity's defined names (hidden). */
export function identityNames(identity: WorkbookIdentity): DefinedNamePlan[] {
  return [
    {
      name: ASSESSMENT_ID_NAME,
      refersTo: text(identity.assessmentId),
      hidden: true,
      comment: "shifan: 考核工作簿编号 / assessment id",
    },
    { name: LAYOUT_VERSION_NAME, refersTo: num(identity.layoutVersion), hidden: true },
    ...identity.sheets.map((sheet): DefinedNamePlan => ({
      name: sheetRoleName(sheet.role),
      refersTo: sheetCorner(sheet.name),
      hidden: true,
    })),
    ...identity.sources.map((source, i): DefinedNamePlan => ({
      name: sourceSheetName(i + 1),
      refersTo: sheetCorner(source),
      hidden: true,
    })),
  ];
}

/**
 * A copy's issue stamp, as `key | value` rows of its identity sheet: which judge (or rater group), which copy (a
 * random id, a version counting the copies of that judge or group already merged, the time issued), the entry
 * sheet's role, and the baseline: `baseline:<nominee id> | score | score …`, the entry sheet's cells as issued —
 * a judge's criteria, or a group's raters 1…n (blank as an empty cell).
 */
export const COPY_KEYS = {
  id: "copy.id",
  judge: "copy.judge",
  /** A rater group's copy (三评议): the group's code; such a stamp has no copy.judge. */
  group: "copy.group",
  version: "copy.version",
  issuedAt: "copy.issuedAt",
  entry: "copy.entry",
  baselinePrefix: "baseline:",
} as const;

/** Rows of the identity sheet: title on row 1, `key | value` from row 3, tables below. */
export const IDENTITY_TITLE = "shifan 工作簿标识，请勿修改 / shifan workbook identity, do not edit";
export const IDENTITY_KEYS = {
  assessmentId: "assessment",
  layoutVersion: "layout",
  sheetsHeader: "sheets",
  sourcesHeader: "sources",
} as const;

/** The very hidden identity sheet: plain text, one `key | value` per row, never a formula. */
export function compileIdentitySheet(
  identity: WorkbookIdentity,
  extraRows: readonly (readonly string[])[] = []
): SheetPlan {
  const sheet = new SheetBuilder(IDENTITY_SHEET);
  // No styles: the sheet goes into workbooks whose plans define none (next-cycle's register).
  sheet.text(1, 1, IDENTITY_TITLE);
  const rows: (readonly string[])[] = [
    [IDENTITY_KEYS.assessmentId, identity.assessmentId],
    [IDENTITY_KEYS.layoutVersion, String(identity.layoutVersion)],
    ...extraRows,
    [IDENTITY_KEYS.sheetsHeader, String(identity.sheets.length)],
    ...identity.sheets.map((s) => [roleKey(s.role), s.name]),
    [IDENTITY_KEYS.sourcesHeader, String(identity.sources.length)],
    ...identity.sources.map((source, i) => [String(i + 1), source]),
  ];
  rows.forEach((cells, r) => cells.forEach((value, c) => sheet.text(3 + r, 1 + c, value)));
  sheet.column(1, 16);
  sheet.column(2, 40);
  sheet.protect(undefined);
  sheet.set("visibility", "veryHidden");
  return sheet.build();
}

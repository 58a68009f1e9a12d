/**
 * Finds a workbook's generated sheets through its identity (plan/workbookIdentity.ts), whatever they are called
 * now: a renamed or moved sheet is still found, a deleted one is reported missing, and a person's own sheet that
 * happens to be called 汇总 or 考核表 is never taken for a generated one. Workbooks written before identity
 * existed (layout 1) are recognised by the sheet markers and contents that version wrote, once.
 */
import { cellAt, type SheetGrid, type WorkbookGrid, type WorkbookName } from "../core/Grid";
import {
  ASSESSMENT_ID_NAME,
  IDENTITY_KEYS,
  IDENTITY_SHEET,
  IDENTITY_TITLE,
  IDENTITY_NAME_PREFIX,
  LAYOUT_VERSION,
  LAYOUT_VERSION_NAME,
  defaultSheetName,
  roleFromKey,
  roleKey,
  roleOfIdentityName,
  roleOfDefaultName,
  sourceIndexOfName,
  type SheetRole,
  RECUSAL_SHEET,
  COPY_KEYS,
} from "../plan/workbookIdentity";
import {
  HEADER_ROW,
  ISSUES_SHEET,
  MAIN_SHEET,
  PARAMETER_LABELS,
  RUBRIC_SHEET,
  SUMMARY_SHEET,
} from "../plan/assessmentLayout";
import { IDENTITY_HEADERS } from "../plan/compileJudgeSheet";
import { MAIN_HEADERS } from "../plan/compileMainSheet";
import { ISSUE_HEADERS } from "../plan/compileIssuesSheet";
import { RECUSAL_HEADERS } from "../plan/compileRecusalSheet";
import { PUBLICITY_HEADERS, PUBLICITY_HEADER_ROW } from "../plan/compilePublicitySheet";
import { JUDGE_ANALYSIS_TITLE } from "../plan/compileJudgeAnalysisSheet";
import { DYNAMIC_SHEET_NAMES } from "../dynamic/dynamicLayout";
import type { TargetWorkbook } from "../plan/placeInWorkbook";

/** A generated sheet the identity declares, and the sheet that fills the role now (null: deleted). */
export interface FoundSheet {
  readonly role: SheetRole;
  /** Its name when shifan last wrote it; null when only a defined name knew of it. */
  readonly written: string | null;
  readonly sheet: SheetGrid | null;
}

export interface WorkbookIdentityRead {
  /** `identity`: layout 2 or later. `legacy`: written by the first shifan, recognised by names and contents. */
  readonly kind: "identity" | "legacy";
  readonly assessmentId: string | null;
  readonly layoutVersion: number;
  readonly sheets: readonly FoundSheet[];
  /** Nomination sheets as named when written, and as named now (null: deleted). */
  readonly sources: readonly { readonly written: string; readonly current: string | null }[];
  /**
   * The identity sheet's other `key | value` rows (a copy's issue stamp), but a copy's baseline row with nothing right
   * of its key (a copy issued before any score has 10,000 such rows).
   */
  readonly entries: ReadonlyMap<string, string>;
  /** The same rows whole: key → the values from column B on (a copy's baseline holds one per criterion). */
  readonly entryRows: ReadonlyMap<string, readonly (string | null)[]>;
}

export type IdentityResult =
  | WorkbookIdentityRead
  | { readonly kind: "none" }
  /** Written by a newer shifan: read nothing rather than misread it. */
  | { readonly kind: "newer"; readonly layoutVersion: number };

/** The sheet a reference names (`'评委2'!$A$1:$B$3`, `评委2!A1`); null for a constant or a broken reference. */
export function sheetOfReference(refersTo: string): string | null {
  const formula = refersTo.trim().replace(/^=/, "");
  let sheet: string;
  let rest: string;
  if (formula.startsWith("'")) {
    let i = 1;
    let name = "";
    for (; i < formula.length; i++) {
      const ch = formula[i];
      if (ch === "'") {
        if (formula[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        break;
      }
      name += ch;
    }
    if (formula[i + 1] !== "!") return null;
    sheet = name;
    rest = formula.slice(i + 2);
  } else {
    const m = /^([^!'"]+)!(.+)$/.exec(formula);
    if (!m) return null;
    sheet = m[1] as string;
    rest = m[2] as string;
  }
  if (sheet === "" || /#REF!?/i.test(sheet) || /#REF!/i.test(rest)) return null;
  return /^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(rest) ? sheet : null;
}

/** A string constant's text (`"SF-…"`), or null. */
function stringConstant(refersTo: string): string | null {
  const m = /^="?(.*)"$/s.exec(`=${refersTo.trim().replace(/^=/, "")}`);
  if (!m || !refersTo.trim().replace(/^=/, "").startsWith('"')) return null;
  return (m[1] as string).replace(/""/g, '"');
}

function numberConstant(refersTo: string): number | null {
  const text = refersTo.trim().replace(/^=/, "");
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

function textAt(sheet: SheetGrid, row: number, col: number): string | null {
  const cell = cellAt(sheet, row, col);
  if (!cell) return null;
  if (cell.type === "text") return cell.text.trim() === "" ? null : cell.text;
  if (cell.type === "number") return String(cell.value);
  return null;
}

function workbookNames(grid: WorkbookGrid): readonly WorkbookName[] {
  return (grid.names ?? []).filter((n) => n.scope === undefined);
}

/** The identity sheet's `key | value` rows from row 3, and the tables they head. */
function readIdentitySheet(sheet: SheetGrid): {
  entries: Map<string, string>;
  entryRows: Map<string, (string | null)[]>;
  sheets: { role: SheetRole; written: string }[];
  sources: string[];
} {
  const entries = new Map<string, string>();
  const entryRows = new Map<string, (string | null)[]>();
  const sheets: { role: SheetRole; written: string }[] = [];
  const sources: string[] = [];
  let table: "sheets" | "sources" | null = null;
  for (let row = 3; row <= sheet.rows.length; row++) {
    const key = textAt(sheet, row, 1);
    const value = textAt(sheet, row, 2) ?? "";
    if (key === null) continue;
    if (key === IDENTITY_KEYS.sheetsHeader) table = "sheets";
    else if (key === IDENTITY_KEYS.sourcesHeader) table = "sources";
    else if (table === "sheets") {
      const role = roleFromKey(key);
      if (role) sheets.push({ role, written: value });
    } else if (table === "sources") sources.push(value);
    else {
      // A copy has a baseline row per nominee (10,000): one with nothing issued says no more than its absence.
      const width = sheet.rows[row - 1]?.length ?? 0;
      if (width <= 1 && key.startsWith(COPY_KEYS.baselinePrefix)) continue;
      entries.set(key, value);
      const values: (string | null)[] = [];
      for (let col = 2; col <= width; col++) values.push(textAt(sheet, row, col));
      entryRows.set(key, values);
    }
  }
  return { entries, entryRows, sheets, sources };
}

function isIdentitySheet(sheet: SheetGrid): boolean {
  return textAt(sheet, 1, 1) === IDENTITY_TITLE;
}

/**
 * The workbook's identity: `none` for a workbook shifan never assessed (or one whose generated sheets are all
 * gone), `newer` for one written by a later layout.
 *
 * @example
 * const found = readIdentity(grid);
 * if (found.kind === 'identity') found.sheets.find((s) => s.role.kind === 'main')?.sheet?.name; // '考核表', or what it is called now
 */
export function readIdentity(grid: WorkbookGrid): IdentityResult {
  const byName = new Map(grid.sheets.map((sheet) => [sheet.name, sheet]));
  const names = workbookNames(grid);
  const named = (wanted: string) =>
    names.find((n) => n.name.toLowerCase() === wanted.toLowerCase());

  const idName = named(ASSESSMENT_ID_NAME);
  const roleNames = names
    .map((n) => ({ role: roleOfIdentityName(n.name), refersTo: n.refersTo }))
    .filter((n): n is { role: SheetRole; refersTo: string } => n.role !== null);
  const identityRef = roleNames.find((n) => n.role.kind === "identity");
  const identitySheetName = identityRef ? sheetOfReference(identityRef.refersTo) : null;
  const identitySheet =
    (identitySheetName === null ? undefined : byName.get(identitySheetName)) ??
    grid.sheets.find((s) => s.name === IDENTITY_SHEET && isIdentitySheet(s)) ??
    grid.sheets.find(isIdentitySheet);

  if (!idName && !identitySheet && roleNames.length === 0) return readLegacy(grid);

  const stored = identitySheet ? readIdentitySheet(identitySheet) : null;
  const versionText = named(LAYOUT_VERSION_NAME)?.refersTo;
  const layoutVersion =
    (versionText === undefined ? null : numberConstant(versionText)) ??
    Number(stored?.entries.get(IDENTITY_KEYS.layoutVersion) ?? LAYOUT_VERSION);
  if (layoutVersion > LAYOUT_VERSION) return { kind: "newer", layoutVersion };

  // Every role either place declares; the defined name's reference says where it is now.
  const declared = new Map<string, { role: SheetRole; written: string | null; ref?: string }>();
  for (const entry of stored?.sheets ?? [])
    declared.set(roleKey(entry.role), { role: entry.role, written: entry.written });
  for (const entry of roleNames) {
    const key = roleKey(entry.role);
    declared.set(key, {
      ...(declared.get(key) ?? { role: entry.role, written: null }),
      ref: entry.refersTo,
    });
  }
  const claimed = new Set<string>();
  const located = [...declared.values()].map((entry) => {
    const byRef = entry.ref === undefined ? null : sheetOfReference(entry.ref);
    const now = byRef !== null && byName.has(byRef) ? byRef : null;
    if (now !== null) claimed.add(now);
    return { ...entry, now };
  });
  const sheets: FoundSheet[] = located.map((entry) => {
    // A reference broken by deleting its rows, or lost with the names: the sheet as written, if nothing else claims it.
    let now = entry.now;
    if (now === null && entry.ref === undefined && entry.written !== null) {
      if (byName.has(entry.written) && !claimed.has(entry.written)) {
        now = entry.written;
        claimed.add(now);
      }
    }
    return {
      role: entry.role,
      written: entry.written,
      sheet: now === null ? null : (byName.get(now) ?? null),
    };
  });
  if (identitySheet && !sheets.some((s) => s.role.kind === "identity"))
    sheets.push({ role: { kind: "identity" }, written: identitySheet.name, sheet: identitySheet });

  const sourceRefs = new Map<number, string>();
  for (const n of names) {
    const index = sourceIndexOfName(n.name);
    if (index !== null) sourceRefs.set(index, n.refersTo);
  }
  const sources = (stored?.sources ?? []).map((written, i) => {
    const ref = sourceRefs.get(i + 1);
    const byRef = ref === undefined ? null : sheetOfReference(ref);
    const current =
      byRef !== null && byName.has(byRef) ? byRef : byName.has(written) ? written : null;
    return { written, current };
  });

  return {
    kind: "identity",
    assessmentId:
      (idName ? stringConstant(idName.refersTo) : null) ??
      stored?.entries.get(IDENTITY_KEYS.assessmentId) ??
      null,
    layoutVersion,
    sheets,
    sources,
    entries: stored?.entries ?? new Map(),
    entryRows: stored?.entryRows ?? new Map(),
  };
}

/** The sheet-scoped marker the first shifan put on each sheet it generated (kept by Excel, WPS and LibreOffice). */
const LEGACY_MARKER = "_shifan_generated";
const JUDGE_TITLE = /^评委(\d+) 评分表/;

function rowTexts(sheet: SheetGrid, row: number, count: number): (string | null)[] {
  return Array.from({ length: count }, (_unused, c) => textAt(sheet, row, c + 1));
}

function hasIdentityHeaders(sheet: SheetGrid): boolean {
  return rowTexts(sheet, HEADER_ROW, IDENTITY_HEADERS.length).every(
    (text, i) => text === IDENTITY_HEADERS[i]
  );
}

/** What the first shifan wrote on each sheet: used only when the marker names were not kept (pane-written). */
function legacyRoleByContent(sheet: SheetGrid): SheetRole | null {
  const title = textAt(sheet, 1, 1) ?? "";
  const judge = JUDGE_TITLE.exec(title);
  if (judge && hasIdentityHeaders(sheet)) return { kind: "judge", judge: Number(judge[1]) };
  if (
    sheet.name === MAIN_SHEET &&
    hasIdentityHeaders(sheet) &&
    (sheet.rows[HEADER_ROW - 1] ?? []).some(
      (cell) => cell?.type === "text" && cell.text === MAIN_HEADERS.sourceSheet
    )
  )
    return { kind: "main" };
  if (sheet.name === RUBRIC_SHEET && textAt(sheet, 3, 1) === PARAMETER_LABELS.rubricId)
    return { kind: "rubric" };
  if (
    sheet.name === ISSUES_SHEET &&
    rowTexts(sheet, HEADER_ROW, ISSUE_HEADERS.length).every((t, i) => t === ISSUE_HEADERS[i])
  )
    return { kind: "issues" };
  if (sheet.name === SUMMARY_SHEET && title.startsWith(`${SUMMARY_SHEET} · `))
    return { kind: "summary" };
  if (
    sheet.name === RECUSAL_SHEET &&
    rowTexts(sheet, 1, RECUSAL_HEADERS.length).every((t, i) => t === RECUSAL_HEADERS[i])
  )
    return { kind: "recusal" };
  if (
    sheet.name === defaultSheetName({ kind: "publicity" }) &&
    rowTexts(sheet, PUBLICITY_HEADER_ROW, PUBLICITY_HEADERS.length).every(
      (t, i) => t === PUBLICITY_HEADERS[i]
    )
  )
    return { kind: "publicity" };
  if (sheet.name === defaultSheetName({ kind: "judgeAnalysis" }) && title === JUDGE_ANALYSIS_TITLE)
    return { kind: "judgeAnalysis" };
  return null;
}

function legacyRoleByName(name: string): SheetRole | null {
  const judge = /^评委(\d+)$/.exec(name);
  if (judge) return { kind: "judge", judge: Number(judge[1]) };
  // A plan written without placeInWorkbook (tests, cross-checks) names its rater groups' sheets by default.
  const raters = roleOfDefaultName(name);
  if (raters?.kind === "raters") return raters;
  for (const role of [
    { kind: "rubric" },
    { kind: "main" },
    { kind: "summary" },
    { kind: "issues" },
    { kind: "dynamic" },
    { kind: "actions" },
    { kind: "dynamicSummary" },
    { kind: "history" },
    { kind: "eliminated" },
    { kind: "publicity" },
    { kind: "judgeAnalysis" },
  ] as const)
    if (defaultSheetName(role) === name) return role;
  return null;
}

/** Roles that make a workbook an assessment: without one of them it is, at most, a register next-cycle wrote. */
const ASSESSMENT_ROLE_KINDS: readonly SheetRole["kind"][] = ["main", "rubric", "judge"];

export function declaresAssessment(identity: IdentityResult): boolean {
  return (
    (identity.kind === "identity" || identity.kind === "legacy") &&
    identity.sheets.some((found) => ASSESSMENT_ROLE_KINDS.includes(found.role.kind))
  );
}

/**
 * A workbook of the first shifan: its marked sheets (or, without markers, sheets whose contents are unmistakably
 * shifan's) in their roles by name, a renamed judge sheet by its title. Judges missing between the first and the
 * last found are reported missing, never dropped.
 */
function readLegacy(grid: WorkbookGrid): IdentityResult {
  const marked = new Set(
    (grid.names ?? [])
      .filter((n) => n.scope !== undefined && n.name.toLowerCase() === LEGACY_MARKER.toLowerCase())
      .map((n) => n.scope as string)
  );
  const found = new Map<string, FoundSheet>();
  const add = (role: SheetRole | null, sheet: SheetGrid) => {
    if (role && !found.has(roleKey(role)))
      found.set(roleKey(role), { role, written: sheet.name, sheet });
  };
  for (const sheet of grid.sheets) {
    if (marked.has(sheet.name)) {
      const judge = JUDGE_TITLE.exec(textAt(sheet, 1, 1) ?? "");
      add(
        legacyRoleByName(sheet.name) ?? (judge ? { kind: "judge", judge: Number(judge[1]) } : null),
        sheet
      );
    } else add(legacyRoleByContent(sheet), sheet);
  }
  const roles = [...found.values()];
  const main = roles.some((s) => s.role.kind === "main");
  const rubric = roles.some((s) => s.role.kind === "rubric");
  const judges = roles.flatMap((s) => (s.role.kind === "judge" ? [s.role.judge] : []));
  // A lone sheet titled like a judge sheet is not an assessment; 考核表 or 评分标准 beside judge sheets is.
  const assessment = (main || rubric) && (judges.length > 0 || (main && rubric));
  if (!assessment) {
    for (const key of [...found.keys()])
      if (ASSESSMENT_ROLE_KINDS.includes((found.get(key) as FoundSheet).role.kind))
        found.delete(key);
  } else {
    // Without markers, the dynamic-management sheets count only beside a recognised 考核表.
    if (!marked.size && main)
      for (const sheet of grid.sheets)
        if (DYNAMIC_SHEET_NAMES.includes(sheet.name)) add(legacyRoleByName(sheet.name), sheet);
    const expect = (role: SheetRole) => {
      if (!found.has(roleKey(role))) found.set(roleKey(role), { role, written: null, sheet: null });
    };
    expect({ kind: "rubric" });
    expect({ kind: "main" });
    expect({ kind: "summary" });
    expect({ kind: "issues" });
    for (let j = 1; j <= Math.max(0, ...judges); j++) expect({ kind: "judge", judge: j });
  }
  if (found.size === 0) return { kind: "none" };
  return {
    kind: "legacy",
    assessmentId: null,
    layoutVersion: 1,
    sheets: [...found.values()],
    sources: [],
    entries: new Map(),
    entryRows: new Map(),
  };
}

/** Names shifan wrote in the workbook (its identity, and names pointing into its generated sheets): its own to replace. */
export function ownedNames(grid: WorkbookGrid, identity: IdentityResult): Set<string> {
  const generated = new Set(
    identity.kind === "identity" || identity.kind === "legacy"
      ? identity.sheets.flatMap((s) => (s.sheet ? [s.sheet.name] : []))
      : []
  );
  const owned = new Set<string>();
  for (const n of workbookNames(grid)) {
    const upper = n.name.toUpperCase();
    if (upper.startsWith(IDENTITY_NAME_PREFIX.toUpperCase())) owned.add(upper);
    else {
      const sheet = sheetOfReference(n.refersTo);
      const broken = /#REF!/i.test(n.refersTo);
      if ((sheet !== null && generated.has(sheet)) || (broken && identity.kind !== "none"))
        owned.add(upper);
    }
  }
  return owned;
}

/**
 * The workbook a plan will be written into, for placeInWorkbook: its sheets, which of them shifan generated
 * (by role), the defined names that are the person's own, and the assessment id (kept, or `newId`).
 */
export function targetWorkbook(
  grid: WorkbookGrid,
  newId: string,
  identity: IdentityResult = readIdentity(grid)
): TargetWorkbook {
  const found = identity.kind === "identity" || identity.kind === "legacy" ? identity.sheets : [];
  const owned = ownedNames(grid, identity);
  return {
    sheetNames: grid.sheets.map((sheet) => sheet.name),
    generated: new Map(
      found.flatMap((s) => (s.sheet ? [[roleKey(s.role), s.sheet.name] as const] : []))
    ),
    written: new Map(
      found.flatMap((s) => (s.written !== null ? [[roleKey(s.role), s.written] as const] : []))
    ),
    userNames: new Set(
      workbookNames(grid)
        .map((n) => n.name.toUpperCase())
        .filter((n) => !owned.has(n))
    ),
    assessmentId: (identity.kind === "identity" ? identity.assessmentId : null) ?? newId,
    legacy: identity.kind === "legacy",
  };
}

/**
 * How much of each sheet the use cases that read an assessment workbook (assess again, merge, report, copies, next
 * cycle) look at, decided from the workbook's defined names alone, before any sheet is read. 评委分析 is rebuilt
 * whole and only its title is ever looked at; of 公示名单, its title (kept on re-assessment) and header. At 10,000
 * nominees these two hold 33 MB of the workbook's 96 MB of sheet XML. Of 考核表 and the entry sheets (评委N,
 * 评议_<code>) every value is read, but formula text only in the header rows: below them no use case reads a
 * formula, and 考核表's formulas alone, each follower's text spelled out, were 94 million characters of a
 * 10,000-nominee grid (203 of its 266 MB of heap; about 5 GB at 200,000 nominees).
 */
import type { WorkbookName } from "../core/Grid";
import { HEADER_ROW } from "../plan/assessmentLayout";
import { PUBLICITY_HEADER_ROW, PUBLICITY_TITLE_ROW } from "../plan/compilePublicitySheet";
import { roleOfIdentityName, type SheetRole } from "../plan/workbookIdentity";
import { sheetOfReference } from "./readIdentity";

/** How much of one sheet is read: its first `rows` rows (every row when absent), formula text only in its first `formulaRows`. */
export interface SheetReadLimit {
  readonly rows?: number;
  readonly formulaRows?: number;
  /** Columns `from`…`to` (1-based) whose cells below row `belowRow` are not read (merge's returned copies). */
  readonly columnsLeftOut?: {
    readonly belowRow: number;
    readonly from: number;
    readonly to: number;
  };
}

/** What is read of a sheet holding `role`; undefined: all of it. */
function limitOf(role: SheetRole): SheetReadLimit | undefined {
  switch (role.kind) {
    case "judgeAnalysis":
      return { rows: 1 };
    case "publicity":
      return { rows: Math.max(PUBLICITY_TITLE_ROW, PUBLICITY_HEADER_ROW) };
    // Headers are read as shown, or from a header formula never calculated (readAssessment's headerText).
    case "main":
    case "judge":
    case "raters":
      return { formulaRows: HEADER_ROW };
    default:
      return undefined;
  }
}

/**
 * Sheet name → how much of it is ever read; a sheet not listed is read whole. Only a sheet that the workbook's own
 * identity names for its role is listed, so a person's sheet is never cut short.
 *
 * @example rowsRead(grid.names)?.get("评委分析") // { rows: 1 }
 */
export function rowsRead(names: readonly WorkbookName[]): ReadonlyMap<string, SheetReadLimit> {
  const limits = new Map<string, SheetReadLimit>();
  for (const name of names) {
    if (name.scope !== undefined) continue;
    const role = roleOfIdentityName(name.name);
    const limit = role ? limitOf(role) : undefined;
    const sheet = limit === undefined ? null : sheetOfReference(name.refersTo);
    if (sheet !== null && limit !== undefined) limits.set(sheet, limit);
  }
  return limits;
}

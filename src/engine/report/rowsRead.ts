/**
 * How much of each sheet the use cases that read an assessment workbook (assess again, merge, report, copies, next
 * cycle) look at, decided from the workbook's defined names alone, before any sheet is read. 评委分析 is rebuilt
 * whole and only its title is ever looked at; of 公示名单, its title (kept on re-assessment) and header. Every other
 * sheet is read whole. At 10,000 nominees these two hold 33 MB of the workbook's 96 MB of sheet XML.
 */
import type { WorkbookName } from "../core/Grid";
import { PUBLICITY_HEADER_ROW, PUBLICITY_TITLE_ROW } from "../plan/compilePublicitySheet";
import { roleOfIdentityName, type SheetRole } from "../plan/workbookIdentity";
import { sheetOfReference } from "./readIdentity";

/** The rows read of a sheet holding `role`; undefined: all of them. */
function rowsReadOf(role: SheetRole): number | undefined {
  switch (role.kind) {
    case "judgeAnalysis":
      return 1;
    case "publicity":
      return Math.max(PUBLICITY_TITLE_ROW, PUBLICITY_HEADER_ROW);
    default:
      return undefined;
  }
}

/**
 * Sheet name → the number of rows from the top that are ever read; a sheet not listed is read whole. Only a sheet
 * that the workbook's own identity names for its role is listed, so a person's sheet is never cut short.
 *
 * @example rowsRead(grid.names)?.get("评委分析") // 1
 */
export function rowsRead(names: readonly WorkbookName[]): ReadonlyMap<string, number> {
  const limits = new Map<string, number>();
  for (const name of names) {
    if (name.scope !== undefined) continue;
    const role = roleOfIdentityName(name.name);
    const rows = role ? rowsReadOf(role) : undefined;
    const sheet = rows === undefined ? null : sheetOfReference(name.refersTo);
    if (sheet !== null && rows !== undefined) limits.set(sheet, rows);
  }
  return limits;
}

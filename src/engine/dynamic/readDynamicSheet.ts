/**
 * Reads a 动态管理 sheet back from a workbook (as written, or after a person edited and saved it): the inputs
 * of every site row and the parameters of row 2, so the engine can judge each site again by evaluating the
 * status formula over them (shifan report, shifan next-cycle) without trusting the cached formula results.
 */
import { cellAt, type RawCell, type SheetGrid, type WorkbookGrid } from "../core/Grid";
import { sheetCellRef } from "../core/CellRef";
import { dateOf, numberOf, textOf, vetoOf } from "./cellValues";
import { SECTOR_CODES, SECTOR_NAMES, TIER_CODES, TIER_NAMES } from "../core/domain";
import {
  DYNAMIC_COLUMNS as C,
  DYNAMIC_SHEET,
  FIRST_SITE_ROW,
  PARAMETER_CELLS,
  PARAMETER_ROW,
} from "./dynamicLayout";
import type { DynamicParams } from "./dynamicLayout";
import type { DynamicSite } from "./dynamicSites";

export interface DynamicRecord extends DynamicSite {
  /** 1-based row on 动态管理. */
  readonly row: number;
  /** `'动态管理'!N5`: where the sheet shows this site's status. */
  readonly statusCell: string;
  /** The status the file holds (cached or recalculated), '' when blank. */
  readonly shownStatus: string;
}

export interface DynamicRegisterRead {
  readonly records: readonly DynamicRecord[];
  /** Row 2's values; a parameter that is missing or unreadable is null. */
  readonly params: { readonly [K in keyof DynamicParams]: DynamicParams[K] | null };
}

/**
 * Null when the workbook has no 动态管理 sheet. Reads rows from the first site row until the first without an id.
 * `sheetName`: what the workbook identity says the sheet is called now (a person may have renamed it).
 */
export function readDynamicSheet(
  grid: WorkbookGrid,
  sheetName: string = DYNAMIC_SHEET
): DynamicRegisterRead | null {
  const sheet = grid.sheets.find((s) => s.name === sheetName);
  if (!sheet) return null;
  const records: DynamicRecord[] = [];
  for (let row = FIRST_SITE_ROW; row <= sheet.rows.length; row++) {
    const id = textOf(cellAt(sheet, row, C.id));
    if (id === null) break;
    const awardedOn = dateOf(cellAt(sheet, row, C.awardedOn));
    // A row whose award date was cleared is no longer an awarded site.
    if (awardedOn === null) continue;
    const sourceRow = numberOf(cellAt(sheet, row, C.sourceRow));
    records.push({
      row,
      id,
      name: textOf(cellAt(sheet, row, C.name)),
      tier: codeOf(textOf(cellAt(sheet, row, C.tier)), TIER_CODES, TIER_NAMES),
      sector: codeOf(textOf(cellAt(sheet, row, C.sector)), SECTOR_CODES, SECTOR_NAMES),
      awardedOn,
      lastReviewOn: dateOf(cellAt(sheet, row, C.lastReviewOn)),
      lastReviewScore: numberOf(cellAt(sheet, row, C.lastReviewScore)),
      lastReviewVeto: vetoOf(cellAt(sheet, row, C.lastReviewVeto)),
      cycleTotal: numberOf(cellAt(sheet, row, C.cycleTotal)),
      cycleVeto: vetoOf(cellAt(sheet, row, C.cycleVeto)),
      source: {
        sheet: textOf(cellAt(sheet, row, C.sourceSheet)) ?? DYNAMIC_SHEET,
        row: sourceRow ?? row,
      },
      statusCell: sheetCellRef(DYNAMIC_SHEET, row, C.status),
      shownStatus: textOf(cellAt(sheet, row, C.status)) ?? "",
    });
  }
  return { records, params: readParams(sheet) };
}

export function sourceKey(sheet: string, row: number): string {
  return `${sheet}\u0000${row}`;
}

function readParams(sheet: SheetGrid): DynamicRegisterRead["params"] {
  const value = (key: keyof typeof PARAMETER_CELLS): RawCell | null =>
    cellAt(sheet, PARAMETER_ROW, PARAMETER_CELLS[key].valueCol);
  return {
    asOf: dateOf(value("asOf")),
    cycleMonths: numberOf(value("cycleMonths")),
    windowDays: numberOf(value("windowDays")),
    passLine: numberOf(value("passLine")),
  };
}

function codeOf<Code extends string>(
  label: string | null,
  codes: readonly Code[],
  names: Readonly<Record<Code, string>>
): Code | null {
  if (label === null) return null;
  return codes.find((code) => names[code] === label) ?? null;
}

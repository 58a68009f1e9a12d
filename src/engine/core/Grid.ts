/**
 * A workbook as the engine sees it: plain data read by an adapter (xlsx file, office-js, a test).
 * Rows and columns in the public API are 1-based, as a person reads a sheet.
 */
import type { Note } from "./Outcome";

/** A cell as read, before any normalising: keep the kind the spreadsheet gave it. */
export type RawCell =
  | { readonly type: "text"; readonly text: string; readonly formula?: string }
  | {
      readonly type: "number";
      readonly value: number;
      readonly numberFormat?: string;
      readonly formula?: string;
    }
  /** A date cell, or a number whose number format is a date format: Excel serial (1900 system). */
  | {
      readonly type: "date";
      readonly serial: number;
      readonly numberFormat?: string;
      readonly formula?: string;
    }
  | { readonly type: "boolean"; readonly value: boolean; readonly formula?: string }
  /** An error value such as #N/A or #DIV/0!, usually a formula's result. */
  | { readonly type: "error"; readonly error: string; readonly formula?: string };

/** A rectangle of cells, 1-based and inclusive. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** How a sheet shows in the tab bar: a very hidden sheet is listed by no app's "Unhide" dialog in Excel or WPS. */
export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetGrid {
  readonly name: string;
  /** Hidden or very hidden sheet. */
  readonly hidden: boolean;
  /** As the reader saw it; absent in grids built by hand, where `hidden` says enough (see sheetVisibility). */
  readonly visibility?: SheetVisibility;
  /**
   * rows[r - 1][c - 1] is the cell at row r, column c; a missing row, a missing entry or null is blank.
   * Ragged on purpose: only what was read is stored.
   */
  readonly rows: ReadonlyArray<ReadonlyArray<RawCell | null | undefined> | undefined>;
  readonly merges: readonly CellRange[];
  readonly hiddenRows: readonly number[];
  readonly hiddenColumns: readonly number[];
}

/** A defined name as the file or host holds it: what a formula elsewhere may refer to. */
export interface WorkbookName {
  readonly name: string;
  /**
   * What it refers to, as formula text without the leading "=": `'评委2'!$A$1:$XFD$1048576`, `"text"`, `5`,
   * or `#REF!` once the sheet it pointed at was deleted. Sheet names may be quoted or not (LibreOffice writes
   * `评委2!$A$1`).
   */
  readonly refersTo: string;
  /** The sheet a sheet-scoped name belongs to; absent for a workbook-scoped name. */
  readonly scope?: string;
  /** Hidden from the Name Manager (LibreOffice saves every name visible). */
  readonly hidden: boolean;
}

export interface WorkbookGrid {
  readonly sheets: readonly SheetGrid[];
  /** Defined names, workbook- and sheet-scoped; absent in grids built by hand (read as none). */
  readonly names?: readonly WorkbookName[];
  /**
   * What the reader could not see on this host (`not_read`: merged areas before ExcelApi 1.13), returned with the
   * grid for the person to be told; absent when everything was read.
   */
  readonly notes?: readonly Note[];
}

export function sheetVisibility(sheet: SheetGrid): SheetVisibility {
  return sheet.visibility ?? (sheet.hidden ? "hidden" : "visible");
}

/** The cell at 1-based (row, col), or null when blank. */
export function cellAt(sheet: SheetGrid, row: number, col: number): RawCell | null {
  return sheet.rows[row - 1]?.[col - 1] ?? null;
}

/** Number of rows that may hold a value (1-based last row). */
export function rowCount(sheet: SheetGrid): number {
  return sheet.rows.length;
}

/** Widest row read, in columns. */
export function columnCount(sheet: SheetGrid): number {
  let widest = 0;
  for (const row of sheet.rows) if (row && row.length > widest) widest = row.length;
  return widest;
}

/** True for a cell with nothing a person would see (blank, or text of only spaces). */
export function isBlankCell(cell: RawCell | null | undefined): boolean {
  if (!cell) return true;
  return cell.type === "text" && cell.text.trim() === "";
}

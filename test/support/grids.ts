/**
 * Grids for intake tests, built in code: `gridFromRows([['序号', '名称'], [1, '阳光社区党支部']])`.
 * A string is a text cell ('' is blank), a number a number cell, `date('2011-05-30')` a date cell.
 */
import {
  isoDate,
  isoDateToSerial,
  parseA1,
  type CellRange,
  type RawCell,
  type SheetGrid,
  type WorkbookGrid,
} from "../../src/engine";

export type CellInput = string | number | boolean | null | undefined | RawCell;

export interface SheetOptions {
  readonly name?: string;
  /** A1 ranges: 'A1:J1'. */
  readonly merges?: readonly string[];
  readonly hidden?: boolean;
  readonly hiddenRows?: readonly number[];
  readonly hiddenColumns?: readonly number[];
}

export function rawCell(input: CellInput): RawCell | null {
  if (input === null || input === undefined || input === "") return null;
  if (typeof input === "string") return { type: "text", text: input };
  if (typeof input === "number") return { type: "number", value: input };
  if (typeof input === "boolean") return { type: "boolean", value: input };
  return input;
}

/** A date cell for an ISO date, shown with `format` (yyyy-mm-dd unless told). */
export function date(iso: string, format = "yyyy-mm-dd"): RawCell {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const day = isoDate(y, m, d);
  if (!day) throw new Error(`test fixture: not a date ${iso}`);
  return { type: "date", serial: isoDateToSerial(day), numberFormat: format };
}

export function range(a1Range: string): CellRange {
  const [from, to] = a1Range.split(":") as [string, string | undefined];
  const start = parseA1(from);
  const end = parseA1(to ?? from);
  return { top: start.row, left: start.col, bottom: end.row, right: end.col };
}

export function gridFromRows(
  rows: ReadonlyArray<ReadonlyArray<CellInput> | undefined>,
  options: SheetOptions = {}
): SheetGrid {
  return {
    name: options.name ?? "Sheet1",
    hidden: options.hidden ?? false,
    rows: rows.map((row) => row?.map(rawCell)),
    merges: (options.merges ?? []).map(range),
    hiddenRows: options.hiddenRows ?? [],
    hiddenColumns: options.hiddenColumns ?? [],
  };
}

export function workbookOf(...sheets: SheetGrid[]): WorkbookGrid {
  return { sheets };
}

/** The grid with one cell of one sheet replaced, as a person typing it leaves the workbook. */
export function typed(
  grid: WorkbookGrid,
  sheet: string,
  row: number,
  col: number,
  cell: RawCell | null
): WorkbookGrid {
  return {
    ...grid,
    sheets: grid.sheets.map((s): SheetGrid => {
      if (s.name !== sheet) return s;
      const rows = [...s.rows];
      const line = [...(rows[row - 1] ?? [])];
      while (line.length < col) line.push(null);
      line[col - 1] = cell;
      rows[row - 1] = line;
      return { ...s, rows };
    }),
  };
}

/** The grid with one sheet, found by name, edited; every other sheet as it was. */
export function withSheet(
  grid: WorkbookGrid,
  name: string,
  edit: (sheet: SheetGrid) => SheetGrid
): WorkbookGrid {
  return { ...grid, sheets: grid.sheets.map((s) => (s.name === name ? edit(s) : s)) };
}

/** The sheet with columns `a` and `b` (1-based) swapped on every row, header too: a person moving a column. */
export function withColumnsSwapped(sheet: SheetGrid, a: number, b: number): SheetGrid {
  return {
    ...sheet,
    rows: sheet.rows.map((line) => {
      if (!line) return line;
      const next = [...line];
      [next[a - 1], next[b - 1]] = [line[b - 1] ?? null, line[a - 1] ?? null];
      return next;
    }),
  };
}

/** The sheet's rows from `first` (1-based) down in reverse order, as a person sorting them leaves them. */
export function withRowsReversed(sheet: SheetGrid, first: number): SheetGrid {
  return {
    ...sheet,
    rows: [...sheet.rows.slice(0, first - 1), ...sheet.rows.slice(first - 1).reverse()],
  };
}

/** A number cell, a text cell. */
export const n = (value: number): RawCell => ({ type: "number", value });
export const t = (text: string): RawCell => ({ type: "text", text });

/** The sheet with an empty column inserted before column `at` (1-based), as a person inserting one leaves it. */
export function withColumnInserted(sheet: SheetGrid, at: number): SheetGrid {
  return {
    ...sheet,
    rows: sheet.rows.map((line) =>
      line ? [...line.slice(0, at - 1), null, ...line.slice(at - 1)] : line
    ),
  };
}

/**
 * One ExcelJS worksheet as the engine's SheetGrid: values as the sheet shows them (formula cells by their
 * cached result), masters of merged ranges only (Excel and office-js leave the covered cells blank), hidden
 * rows and columns listed.
 */
import ExcelJS from "exceljs";
import type { CellRange, RawCell, SheetGrid } from "../../engine";

const DAY_MS = 86_400_000;
/** Excel's serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;

/**
 * ExcelJS hands date cells over as Date objects built from the serial in UTC (utils.excelToDate), so the
 * serial comes back exactly by the inverse sum; no local time zone takes part. A 1904 workbook's dates
 * come back as 1900-system serials, which is what RawCell holds.
 */
export function dateToSerial(date: Date): number {
  return date.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** Number formats that show a date (a y or d outside quotes and brackets); ExcelJS already turns most into Date values. */
export function isDateNumberFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"|\\./g, "");
  return /[yd]/i.test(bare);
}

type Worksheet = ExcelJS.Worksheet & { _merges?: Record<string, { model: CellRange }> };

export function readWorksheetGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: Array<Array<RawCell | null> | undefined> = [];
  const hiddenRows: number[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (row.hidden) hiddenRows.push(rowNumber);
    const cells: Array<RawCell | null> = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const raw = readCell(cell);
      if (raw) cells[col - 1] = raw;
    });
    // eachCell leaves holes in a sparse row; the grid wants null there.
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNumber - 1] = cells;
  });
  const hiddenColumns: number[] = [];
  (sheet.columns ?? []).forEach((column, i) => {
    if (column?.hidden) hiddenColumns.push(i + 1);
  });
  return {
    name: sheet.name,
    hidden: sheet.state !== "visible" && sheet.state !== undefined,
    rows,
    merges: readMerges(sheet as Worksheet),
    hiddenRows,
    hiddenColumns,
  };
}

function readMerges(sheet: Worksheet): CellRange[] {
  // ExcelJS keeps merges in _merges (master address → range); the public sheet.model rebuilds every cell to get them.
  const merges = sheet._merges
    ? Object.values(sheet._merges).map((range) => range.model)
    : (sheet.model.merges ?? []).map(rangeOf);
  return merges.map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));
}

function rangeOf(address: string): CellRange {
  const [from, to] = address.split(":");
  const start = parseAddress(from ?? address);
  const end = parseAddress(to ?? from ?? address);
  return { top: start.row, left: start.col, bottom: end.row, right: end.col };
}

function parseAddress(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address.replace(/\$/g, ""));
  if (!m || !m[1] || !m[2]) return { row: 1, col: 1 };
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function readCell(cell: ExcelJS.Cell): RawCell | null {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula: {
      const value = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
      const formula = cell.formula ?? ("formula" in value ? value.formula : undefined) ?? "";
      return withFormula(plainValue(value.result, cell.numFmt), formula);
    }
    default:
      return plainValue(cell.value, cell.numFmt);
  }
}

function withFormula(cell: RawCell | null, formula: string): RawCell {
  // A formula with no cached result (never calculated) shows nothing.
  return { ...(cell ?? { type: "text", text: "" }), formula };
}

function plainValue(value: unknown, numFmt: string | undefined): RawCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return { type: "text", text: value };
  if (typeof value === "number") {
    if (isDateNumberFormat(numFmt))
      return { type: "date", serial: value, numberFormat: numFmt as string };
    return numFmt && numFmt !== "General"
      ? { type: "number", value, numberFormat: numFmt }
      : { type: "number", value };
  }
  if (typeof value === "boolean") return { type: "boolean", value };
  if (value instanceof Date) {
    const serial = dateToSerial(value);
    return numFmt ? { type: "date", serial, numberFormat: numFmt } : { type: "date", serial };
  }
  if (typeof value === "object") {
    const object = value as {
      error?: unknown;
      richText?: unknown;
      text?: unknown;
      result?: unknown;
    };
    if (typeof object.error === "string") return { type: "error", error: object.error };
    if (Array.isArray(object.richText)) return { type: "text", text: richText(object.richText) };
    if ("text" in object) {
      // A hyperlink: its text, itself plain or rich.
      const text = object.text;
      if (typeof text === "string") return { type: "text", text };
      if (
        text &&
        typeof text === "object" &&
        Array.isArray((text as { richText?: unknown }).richText)
      ) {
        return { type: "text", text: richText((text as { richText: unknown[] }).richText) };
      }
    }
    if ("result" in object) return plainValue(object.result, numFmt);
  }
  return { type: "text", text: String(value) };
}

function richText(runs: readonly unknown[]): string {
  return runs
    .map((run) =>
      run && typeof run === "object" ? String((run as { text?: unknown }).text ?? "") : ""
    )
    .join("");
}

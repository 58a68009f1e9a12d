/** Turning what office-js returns for a block of cells into RawCells. Pure: no Excel, no DOM. */
import type { CellRange, RawCell } from "../../engine";
import { parseA1 } from "../../engine";

/**
 * True for number formats that show a date: they contain y or d, or m without h or s (m next to h or s is
 * minutes). Quoted text ("年"), [colours]/[$-804] locale tags and \-escaped characters are ignored first.
 */
export function isDateNumberFormat(numberFormat: string | null | undefined): boolean {
  if (!numberFormat || numberFormat === "General" || numberFormat === "@") return false;
  const bare = numberFormat.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").toLowerCase();
  if (/[yd]/.test(bare)) return true;
  return /m/.test(bare) && !/[hs]/.test(bare);
}

/**
 * One cell as read through office-js. `formula` is the Range.formulas entry: for a constant it is the value
 * itself, so a formula is only recorded when that entry starts with '=' and differs from the value (a text
 * cell holding '=SUM(A1)' reads back the same string twice and stays text).
 */
export function rawCellFromOfficeJs(
  value: unknown,
  valueType: string | undefined,
  numberFormat: string | null | undefined,
  formulaEntry: unknown
): RawCell | null {
  const formula =
    typeof formulaEntry === "string" && formulaEntry.startsWith("=") && formulaEntry !== value
      ? { formula: formulaEntry.slice(1) }
      : {};
  switch (valueType) {
    case "Empty":
      // A formula not calculated yet still is a formula.
      return "formula" in formula ? { type: "text", text: "", ...formula } : null;
    case "Double":
    case "Integer": {
      const number = Number(value);
      const format = numberFormat && numberFormat !== "General" ? { numberFormat } : {};
      return isDateNumberFormat(numberFormat)
        ? { type: "date", serial: number, ...format, ...formula }
        : { type: "number", value: number, ...format, ...formula };
    }
    case "Boolean":
      return { type: "boolean", value: value === true, ...formula };
    case "Error":
      return { type: "error", error: String(value), ...formula };
    default:
      if (value === "" && !("formula" in formula)) return null;
      return { type: "text", text: String(value ?? ""), ...formula };
  }
}

/**
 * Parses RangeAreas.address ("Sheet1!A1:B2, 'My sheet'!D4:E4", or without sheet names) into rectangles.
 * Only A1 areas that end an address item count, so a sheet named like a cell ('A1'!B2) is not mistaken.
 */
export function parseAreasAddress(address: string): CellRange[] {
  const areas: CellRange[] = [];
  const pattern = /(?:^|[!,\s])(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?=\s*,|\s*$)/g;
  for (const match of address.matchAll(pattern)) {
    const [from = "", to = from] = (match[1] ?? "").split(":");
    const start = parseA1(from);
    const end = parseA1(to);
    areas.push({
      top: Math.min(start.row, end.row),
      left: Math.min(start.col, end.col),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.col, end.col),
    });
  }
  return areas;
}

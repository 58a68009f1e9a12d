/**
 * A workbook read from a file that is not an .xlsx package (.xls, .et, .ods) becomes one, so the rest of the
 * write path (adding parts to a package, docs/decisions/0002) is the same for every input. Every sheet keeps
 * its cells' values (formula cells by their cached value), number formats, merges, hidden columns and its
 * visibility; fonts, fills, borders, formulas, hidden rows, notes and charts of the old file are not carried.
 */
import { sheetVisibility } from "../../engine";
import type {
  RawCell,
  SheetGrid,
  StyleId,
  WorkbookGrid,
  CellPlan,
  CellStyle,
  SheetPlan,
} from "../../engine";
import { noSheetWorkbookBytes, writePlanToXlsx } from "./XlsxPlanSink";

/**
 * The .xlsx bytes of `grid`. Sheets `isGenerated` names are marked as a shifan run's own (so re-assessing
 * replaces them), the others are written as the person's source sheets.
 */
export async function gridAsXlsx(
  grid: WorkbookGrid,
  isGenerated: (sheet: SheetGrid) => boolean
): Promise<Uint8Array> {
  const styles: Partial<Record<StyleId, CellStyle>> = {};
  const styleOf = new Map<string, StyleId>();
  const styleFor = (format: string | undefined): StyleId | undefined => {
    if (format === undefined) return undefined;
    let id = styleOf.get(format);
    if (id === undefined) {
      id = `source:${styleOf.size}`;
      styleOf.set(format, id);
      styles[id] = { numberFormat: format };
    }
    return id;
  };
  const sheets = grid.sheets.map((sheet) => sheetPlan(sheet, styleFor));
  const userSheets = new Set(grid.sheets.filter((s) => !isGenerated(s)).map((s) => s.name));
  return writePlanToXlsx(noSheetWorkbookBytes(), { sheets, names: [], styles }, { userSheets });
}

function sheetPlan(
  sheet: SheetGrid,
  styleFor: (format: string | undefined) => StyleId | undefined
): SheetPlan {
  const visibility = sheetVisibility(sheet);
  const cells: CellPlan[] = [];
  // for…in visits the rows and cells present only, in index order.
  for (const r in sheet.rows) {
    const row = sheet.rows[Number(r)];
    if (!row) continue;
    for (const c in row) {
      const raw = row[Number(c)];
      if (!raw) continue;
      const cell = cellPlan(Number(r) + 1, Number(c) + 1, raw, styleFor);
      if (cell) cells.push(cell);
    }
  }
  return {
    name: sheet.name,
    cells,
    columns: sheet.hiddenColumns.map((col) => ({ col, hidden: true })),
    merges: sheet.merges,
    validations: [],
    conditionalFormats: [],
    ...(visibility === "visible" ? {} : { visibility }),
  };
}

function cellPlan(
  row: number,
  col: number,
  raw: RawCell,
  styleFor: (format: string | undefined) => StyleId | undefined
): CellPlan | null {
  switch (raw.type) {
    case "text":
      return raw.text === "" ? null : { row, col, content: { kind: "text", text: raw.text } };
    case "number": {
      const style = styleFor(raw.numberFormat);
      return {
        row,
        col,
        content: { kind: "number", value: raw.value },
        ...(style ? { style } : {}),
      };
    }
    case "date": {
      const style = styleFor(raw.numberFormat ?? "yyyy-mm-dd");
      return {
        row,
        col,
        content: { kind: "date", serial: raw.serial },
        ...(style ? { style } : {}),
      };
    }
    case "boolean":
      return { row, col, content: { kind: "bool", value: raw.value } };
    case "error":
      // An error value cannot be written without its formula; its text keeps what the sheet showed.
      return { row, col, content: { kind: "text", text: raw.error } };
  }
}

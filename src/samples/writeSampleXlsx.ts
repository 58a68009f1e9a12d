/**
 * Writes a WorkbookGrid as an .xlsx with ExcelJS: values, date cells with their date formats, formula cells
 * with cached results, merged ranges, hidden rows, columns and sheets. Tests build .xlsx fixtures with it;
 * `npm run sample` writes the bundled sample nomination workbook.
 */
import ExcelJS from "exceljs";
import type { RawCell, WorkbookGrid } from "../engine";

const DAY_MS = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

export async function writeGridAsXlsx(grid: WorkbookGrid, path: string): Promise<void> {
  await workbookOf(grid).xlsx.writeFile(path);
}

/** The same workbook as bytes, for tests that never touch the disk. */
export async function gridToXlsxBuffer(grid: WorkbookGrid): Promise<Uint8Array> {
  return new Uint8Array(await workbookOf(grid).xlsx.writeBuffer());
}

function workbookOf(grid: WorkbookGrid): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of grid.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      state: sheet.hidden ? "hidden" : "visible",
    });
    sheet.rows.forEach((cells, r) => {
      if (!cells) return;
      const row = worksheet.getRow(r + 1);
      cells.forEach((cell, c) => {
        if (cell) writeCell(row.getCell(c + 1), cell);
      });
    });
    for (const merge of sheet.merges)
      worksheet.mergeCells(merge.top, merge.left, merge.bottom, merge.right);
    for (const row of sheet.hiddenRows) worksheet.getRow(row).hidden = true;
    for (const col of sheet.hiddenColumns) worksheet.getColumn(col).hidden = true;
  }
  return workbook;
}

function writeCell(target: ExcelJS.Cell, cell: RawCell): void {
  const value = cellValue(cell);
  target.value =
    cell.formula === undefined
      ? value
      : ({ formula: cell.formula, result: value } as ExcelJS.CellFormulaValue);
  if (cell.type === "date") target.numFmt = cell.numberFormat ?? "yyyy-mm-dd";
  else if (cell.type === "number" && cell.numberFormat) target.numFmt = cell.numberFormat;
}

function cellValue(cell: RawCell): ExcelJS.CellValue {
  switch (cell.type) {
    case "text":
      return cell.text;
    case "number":
      return cell.value;
    case "date":
      return new Date(Math.round((cell.serial - UNIX_EPOCH_SERIAL) * DAY_MS));
    case "boolean":
      return cell.value;
    case "error":
      return { error: cell.error } as ExcelJS.CellErrorValue;
  }
}

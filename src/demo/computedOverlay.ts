/**
 * What the assessment sheets' formulas show, for the demo's grid view. The in-memory fake stores
 * formulas without calculating them, so the demo asks the engine, whose results the LibreOffice
 * cross-check proves equal to the formulas', and shows those in the formula cells.
 */
import { reportAssessment, reportOutputCells, type WorkbookGrid } from "../engine";
import { splitSheetCell } from "../taskpane/services/WorkbookPaneService";

export type ComputedValue = number | string | null;
/** Computed value by sheet, then A1 address. */
export type ComputedValues = ReadonlyMap<string, ReadonlyMap<string, ComputedValue>>;

export function computedValues(grid: WorkbookGrid): ComputedValues {
  const values = new Map<string, Map<string, ComputedValue>>();
  const reported = reportAssessment(grid);
  if (!reported.ok) return values;
  for (const output of reportOutputCells(reported.report)) {
    const { sheet, cell } = splitSheetCell(output.ref);
    const sheetValues = values.get(sheet) ?? new Map<string, ComputedValue>();
    sheetValues.set(cell, output.value);
    values.set(sheet, sheetValues);
  }
  return values;
}

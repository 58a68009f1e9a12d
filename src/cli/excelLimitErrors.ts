/** A plan Excel could not open (a formula over its limits) as one bilingual line naming the cell. */
import { fatalMessage } from "../engine";
import { ExcelLimitError } from "../adapters/xlsx/excelLimits";
import { CliError } from "./CliIo";

export async function writeWithinExcelLimits<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof ExcelLimitError)) throw err;
    throw new CliError(
      fatalMessage(err.limit === "formula_nesting" ? "formula_too_deep" : "formula_too_long", {
        sheet: err.sheet,
        cell: err.cell,
        actual: err.actual,
        maximum: err.maximum,
      })
    );
  }
}

/** The memory bench's floor: ExcelJS reading a workbook into memory, in a process of its own. */
import ExcelJS from "exceljs";

const file = process.argv[2];
if (!file) throw new Error("usage: node readWithExcelJs.js FILE.xlsx");
new ExcelJS.Workbook().xlsx.readFile(file).then(
  (workbook) => {
    // Keep the workbook reachable until the read is done, as a reader that goes on to use it would.
    process.stdout.write(`${workbook.worksheets.length} sheets\n`);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
);

/**
 * The semantics table against a real spreadsheet: the workbook of semanticsTable.ts is written by shifan's own
 * xlsx writer, recalculated by LibreOffice in one soffice call, and every case must show Excel's value — or,
 * where the table names a difference, LibreOffice's own (`lo`). A new difference fails here until it is named.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { emptyWorkbookBytes, writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import {
  readComputedValues,
  recalculateWorkbooks,
  type ComputedValue,
} from "../../support/libreoffice";
import { describeWithSoffice } from "../../support/loSuite";
import { bookPlan } from "../../support/formulaBook";
import {
  CASE_COLUMN,
  CASE_SHEET,
  SEMANTICS_CASES,
  semanticsBook,
  type Expected,
} from "./semanticsTable";

/** LibreOffice's value as the table writes it: error texts become { error }. */
function asExpected(value: ComputedValue | undefined): Expected | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(value))
    return { error: value };
  return value;
}

describeWithSoffice("the semantics table in LibreOffice", () => {
  let work: string;
  let shown: Map<string, ComputedValue>;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "shifan-semantics-"));
    const file = path.join(work, "semantics.xlsx");
    writeFileSync(file, await writePlanToXlsx(emptyWorkbookBytes(), bookPlan(semanticsBook())));
    const [recalculated] = await recalculateWorkbooks([file], path.join(work, "out"), {
      timeoutMs: 120_000,
    });
    shown = (await readComputedValues(recalculated!, [CASE_SHEET])).get(CASE_SHEET)!;
  }, 150_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const compared = SEMANTICS_CASES.map((c, i) => ({ ...c, row: i + 1 })).filter((c) => !c.unitOnly);

  it.each(
    compared.map((c) => [c.formula, c.lo === undefined ? "as Excel" : "its own value", c] as const)
  )("%s: LibreOffice shows %s", (_formula, _how, c) => {
    expect(asExpected(shown.get(`${CASE_COLUMN}${c.row}`))).toEqual(
      c.lo === undefined ? c.excel : c.lo
    );
  });

  it("really recalculates: cells written without a cached value hold LibreOffice's results", () => {
    // Twin of the cases above: the writer leaves every formula's value empty, so only a recalculation fills them.
    const filled = compared.filter((c) => shown.get(`${CASE_COLUMN}${c.row}`) !== undefined);
    expect(filled.length).toBe(compared.length);
  });
});

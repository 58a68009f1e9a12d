/**
 * The pane's writer is the command line's pipeline with fflate packing the parts (planPackage.ts): what it writes
 * must be, part for part, what `shifan assess` and `shifan copies` write — only the deflated bytes may differ.
 */
import { inflateSync, strFromU8 } from "fflate";
import { writePlanInBrowser } from "../../../src/adapters/xlsx/browserPackage";
import { gridAsXlsx } from "../../../src/adapters/xlsx/gridAsXlsx";
import { readXlsxPackage } from "../../../src/adapters/xlsx/read/readXlsxPackage";
import { sheetlessWorkbookBytes, writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { issueCopies, planAssessment, type IsoDate } from "../../../src/engine";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { storedParts } from "../../support/xlsxPackage";

const today = "2026-01-01" as IsoDate;

/** Each part's text as written (inflated where stored deflated), by name, in the zip's order. */
function partsOf(zip: Uint8Array): Array<[string, string]> {
  return [...storedParts(zip)].map(([name, part]) => [
    name,
    strFromU8(part.method === 8 ? inflateSync(part.data) : part.data),
  ]);
}

function assessmentPlan() {
  const planned = planAssessment(sampleNominationGrid(), {
    newAssessmentId: "pane-writer",
    judges: 3,
    today,
  });
  if (!planned.ok) throw new Error(planned.failure.code);
  return planned.plan;
}

describe("the pane's .xlsx writer", () => {
  it("writes an assessment with the command line's parts, in its order, into a source workbook", async () => {
    const source = await gridAsXlsx(sampleNominationGrid(), () => false);
    const plan = assessmentPlan();
    const cli = partsOf(await writePlanToXlsx(source, plan));
    const pane = partsOf(await writePlanInBrowser(plan, source));
    expect(pane.map(([name]) => name)).toEqual(cli.map(([name]) => name));
    // 汇总 repeats its first column on every printed page: the print titles name both.
    expect(cli.find(([n]) => n === "xl/workbook.xml")?.[1]).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="\d+">'汇总'!\$A:\$A,'汇总'!\$\d+:\$\d+<\/definedName>/
    );
    expect(pane).toEqual(cli);
  });

  it("writes a judge's copy as `shifan copies` does, readable with the judge's sheet", async () => {
    const master = readXlsxPackage(
      await writePlanToXlsx(await gridAsXlsx(sampleNominationGrid(), () => false), assessmentPlan())
    ).grid;
    const issued = issueCopies(master, {
      judges: [2],
      issuedAt: "2026-01-01T10:00:00.000Z",
      today,
      newCopyId: () => "copy-2",
    });
    if (!issued.ok) throw new Error(issued.failure.code);
    const plan = issued.copies[0]?.plan();
    if (!plan) throw new Error("no copy");
    const cli = await writePlanToXlsx(sheetlessWorkbookBytes(), plan);
    const pane = await writePlanInBrowser(plan);
    expect(partsOf(pane)).toEqual(partsOf(cli));
    expect(readXlsxPackage(pane).grid.sheets.map((s) => s.name)).toEqual([
      "评委2",
      "评分标准",
      "shifan",
    ]);
  });
});

import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
/**
 * One small smoke test: LibreOffice opens a written workbook and computes its formulas. The full
 * cross-check harness lives elsewhere (test/crosscheck); this only proves the writer's output loads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import type { WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import {
  PLAN_SHEET,
  SOURCE_SHEET,
  featurePlan,
  richSourceWorkbook,
} from "../../support/xlsxFixtures";
import { recalculateWorkbooks } from "../../support/libreoffice";
import { describeWithSoffice } from "../../support/loSuite";

/** A plan whose cached totals are deliberately wrong: only a real recalculation shows the right ones. */
function planWithWrongCache(): WorkbookPlan {
  const plan = featurePlan({ password: "test" });
  const [scores, ...rest] = plan.sheets;
  if (!scores) throw new Error("fixture plan has no sheets");
  const cells = scores.cells.map((c) =>
    isFormulaContent(c.content) && c.col === 5 ? { ...c, content: { ...c.content, cached: -1 } } : c
  );
  return { ...plan, sheets: [{ ...scores, cells }, ...rest] };
}

describeWithSoffice("LibreOffice opens a written workbook", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "shifan-xlsx-smoke-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("recalculates the written formulas to the engine’s figures", async () => {
    const input = path.join(work, "assessment.xlsx");
    writeFileSync(input, await writePlanToXlsx(await richSourceWorkbook(), planWithWrongCache()));
    // Recalculating on load, in a private profile: only a real recalculation replaces the wrong cached totals.
    const [output] = await recalculateWorkbooks([input], path.join(work, "out"), {
      timeoutMs: 180_000,
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(output as string) as unknown as ExcelJS.Buffer);
    const scores = wb.getWorksheet(PLAN_SHEET);
    expect(scores).toBeDefined();
    // ROUND(88*0.6+90*0.4,1) = 88.8; the file said -1, so this value is LibreOffice's own.
    expect(scores!.getCell("E4").result).toBe(88.8);
    expect(scores!.getCell("E6").result).toBe(75.4);
    // E8 had no cached value at all: SUM(E4:E6) = 88.8 + 89.5 + 75.4.
    expect(scores!.getCell("E8").result).toBeCloseTo(253.7, 9);
    expect(scores!.getCell("A8").value).toBe("=SUM(A1)");
    expect(wb.getWorksheet(SOURCE_SHEET)?.getCell("A2").value).toBe("城关镇党委");
  }, 200_000);
});

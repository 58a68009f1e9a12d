import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { timeLibreOfficeStages } from "../../src/tools/libreofficeTiming";
import { readComputedValues } from "./libreoffice";
import { describeWithSoffice } from "./loSuite";

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "shifan-lo-timing-test-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Formula cells whose cached results are wrong on purpose: only a recalculation corrects them. */
async function staleWorkbook(file: string, b1: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("计时");
  sheet.getCell("B1").value = b1;
  sheet.getCell("A1").value = { formula: "1+1", result: 5 };
  sheet.getCell("A2").value = { formula: "B1*2", result: 0 };
  await workbook.xlsx.writeFile(file);
}

describeWithSoffice("timeLibreOfficeStages", () => {
  it("times load, recalculation and save of each workbook in one soffice run, and really recalculates", async () => {
    const first = path.join(work, "first.xlsx");
    const second = path.join(work, "second.xlsx");
    await staleWorkbook(first, 3);
    await staleWorkbook(second, 21);

    const times = await timeLibreOfficeStages([first, second], path.join(work, "out"), {
      timeoutMs: 180_000,
    });

    expect(times).toHaveLength(2);
    for (const stage of times) {
      for (const ms of [stage.loadMs, stage.recalcMs, stage.saveMs]) {
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
      }
    }
    // The profile never recalculates on load, so correct values prove calculateAll() ran, file by file.
    const a = (await readComputedValues(times[0]?.output as string)).get("计时");
    const b = (await readComputedValues(times[1]?.output as string)).get("计时");
    expect([a?.get("A1"), a?.get("A2")]).toEqual([2, 6]);
    expect([b?.get("A1"), b?.get("A2")]).toEqual([2, 42]);
  }, 200_000);

  it("skips the recalculation when asked: the cached values stay", async () => {
    const stale = path.join(work, "stale.xlsx");
    await staleWorkbook(stale, 3);
    const [times] = await timeLibreOfficeStages([stale], path.join(work, "out-kept"), {
      timeoutMs: 180_000,
      recalculate: false,
    });
    const values = (await readComputedValues(times?.output as string)).get("计时");
    // 1+1 was cached as 5: kept, where the recalculating runs above read 2.
    expect(values?.get("A1")).toBe(5);
  }, 200_000);

  it("names a missing workbook instead of starting soffice", async () => {
    await expect(
      timeLibreOfficeStages([path.join(work, "absent.xlsx")], path.join(work, "out2"))
    ).rejects.toThrow(/no such file .*absent\.xlsx/);
  });
});

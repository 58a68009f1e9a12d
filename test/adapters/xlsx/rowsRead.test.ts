/**
 * Reading an assessment workbook with the engine's rowsRead: 评委分析 and 公示名单 cut to the rows any use case looks
 * at, and every use case's result the same as from the whole workbook.
 */
import { gridAsXlsx } from "../../../src/adapters/xlsx/gridAsXlsx";
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { readWorkbookBytes } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import {
  mergeReturns,
  planAssessment,
  reportAssessment,
  rowsRead,
  type IsoDate,
  type WorkbookGrid,
} from "../../../src/engine";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { nominationGrid } from "../../cli/assessFixtures";

const NAMES = Array.from({ length: 12 }, (_unused, i) => `第${i + 1}示范点党支部`);
const FIXED = {
  newAssessmentId: "00000000-0000-4000-8000-000000000001",
  today: "2012-04-01" as IsoDate,
};

async function assessedBytes(): Promise<Uint8Array> {
  const source = await gridAsXlsx(nominationGrid(NAMES), () => false);
  const planned = planAssessment(nominationGrid(NAMES), { judges: 5, ...FIXED });
  if (!planned.ok) throw new Error("not planned");
  // The official's own title on 公示名单, which assessing again keeps: read from the sheet's first row.
  const parts = unzipSync(await writePlanToXlsx(source, planned.plan));
  const titled = Object.keys(parts).filter((name) => {
    const xml = strFromU8(parts[name] as Uint8Array);
    if (!name.startsWith("xl/worksheets/") || !xml.includes("建议授牌名单</t>")) return false;
    parts[name] = strToU8(
      xml.replace(/<t>[^<]*建议授牌名单<\/t>/, "<t>某市示范点建议授牌名单（自拟）</t>")
    );
    return true;
  });
  expect(titled).toHaveLength(1);
  return zipSync(parts);
}

const rowCount = (grid: WorkbookGrid, name: string): number =>
  grid.sheets.find((s) => s.name === name)?.rows.length ?? -1;

describe("rowsRead", () => {
  let whole: WorkbookGrid;
  let cut: WorkbookGrid;
  beforeAll(async () => {
    const bytes = await assessedBytes();
    whole = (await readWorkbookBytes(bytes)).grid;
    cut = (await readWorkbookBytes(bytes, { rowsRead })).grid;
  });

  it("names 评委分析 and 公示名单 by the workbook's identity, and nothing of a workbook without one", () => {
    expect([...rowsRead(whole.names ?? [])]).toEqual([
      ["公示名单", 3],
      ["评委分析", 1],
    ]);
    expect(rowsRead(nominationGrid(NAMES).names ?? []).size).toBe(0);
  });

  it("reads those sheets only to their limit (failure twin: read whole, they are longer)", () => {
    expect(rowCount(cut, "评委分析")).toBe(1);
    expect(rowCount(cut, "公示名单")).toBeLessThanOrEqual(3);
    expect(rowCount(whole, "评委分析")).toBeGreaterThan(10);
    expect(rowCount(whole, "公示名单")).toBeGreaterThan(3);
    for (const sheet of whole.sheets)
      if (sheet.name !== "评委分析" && sheet.name !== "公示名单")
        expect(cut.sheets.find((s) => s.name === sheet.name)).toEqual(sheet);
  });

  it("leaves assessing again, report and merge as they are from the whole workbook", () => {
    const again = (grid: WorkbookGrid) => {
      const planned = planAssessment(grid, FIXED);
      return JSON.stringify(planned.ok ? [planned.plan, planned.issues, planned.notes] : planned);
    };
    expect(again(cut)).toBe(again(whole));
    expect(again(whole)).toContain("某市示范点建议授牌名单（自拟）");
    const report = (grid: WorkbookGrid) => {
      const reported = reportAssessment(grid);
      return JSON.stringify(
        reported.ok ? [reported.report, reported.issues, reported.notes] : reported
      );
    };
    expect(report(cut)).toBe(report(whole));
    const merge = (grid: WorkbookGrid) => {
      const merged = mergeReturns(grid, [], {
        mergedAt: "2012-04-02T00:00:00Z",
        output: "workbook",
        today: FIXED.today,
      });
      return JSON.stringify(merged.ok ? [merged.report, merged.plan.sheets.length] : merged);
    };
    expect(merge(cut)).toBe(merge(whole));
  });
});

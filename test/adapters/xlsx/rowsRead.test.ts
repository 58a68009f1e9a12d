/**
 * Reading an assessment workbook with the engine's rowsRead: 评委分析 and 公示名单 cut to the rows any use case looks
 * at, 考核表's and the judge sheets' formula text read only in their header rows, and every use case's result the same
 * as from the whole workbook.
 */
import { gridAsXlsx } from "../../../src/adapters/xlsx/gridAsXlsx";
import { writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { readWorkbookBytes } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import {
  issueCopies,
  mergeReturns,
  planAssessment,
  reportAssessment,
  rowsRead,
  type IsoDate,
  type RawCell,
  type SheetGrid,
  type WorkbookGrid,
} from "../../../src/engine";
import { inflateRawSync } from "node:zlib";
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

const FORMULA_ROWS_READ = ["考核表", "评委1", "评委2", "评委3", "评委4", "评委5"];

/** The formula cells of a sheet below `row`. */
const formulasBelow = (sheet: SheetGrid | undefined, row: number): number =>
  (sheet?.rows ?? [])
    .slice(row)
    .reduce(
      (count, cells) => count + (cells ?? []).filter((c) => c?.formula !== undefined).length,
      0
    );

/** The sheet with the formula text of its rows below `row` left out, values kept. */
function withoutFormulasBelow(sheet: SheetGrid, row: number): SheetGrid {
  const valueOnly = (cell: RawCell | null | undefined): RawCell | null | undefined => {
    if (cell?.formula === undefined) return cell;
    const { formula: _formula, ...value } = cell;
    return value as RawCell;
  };
  return {
    ...sheet,
    rows: sheet.rows.map((cells, i) => (i < row || !cells ? cells : cells.map(valueOnly))),
  };
}

describe("rowsRead", () => {
  let whole: WorkbookGrid;
  let cut: WorkbookGrid;
  beforeAll(async () => {
    const bytes = await assessedBytes();
    whole = (await readWorkbookBytes(bytes)).grid;
    cut = (await readWorkbookBytes(bytes, { rowsRead })).grid;
  });

  it("names 评委分析 and 公示名单 by the workbook's identity, and nothing of a workbook without one", () => {
    expect(new Map(rowsRead(whole.names ?? []))).toEqual(
      new Map([
        ["公示名单", { rows: 3 }],
        ["评委分析", { rows: 1 }],
        ...FORMULA_ROWS_READ.map((name): [string, object] => [name, { formulaRows: 2 }]),
      ])
    );
    expect(rowsRead(nominationGrid(NAMES).names ?? []).size).toBe(0);
  });

  it("reads those sheets only to their limit (failure twin: read whole, they are longer)", () => {
    expect(rowCount(cut, "评委分析")).toBe(1);
    expect(rowCount(cut, "公示名单")).toBeLessThanOrEqual(3);
    expect(rowCount(whole, "评委分析")).toBeGreaterThan(10);
    expect(rowCount(whole, "公示名单")).toBeGreaterThan(3);
    for (const sheet of whole.sheets)
      if (sheet.name !== "评委分析" && sheet.name !== "公示名单")
        expect(cut.sheets.find((s) => s.name === sheet.name)).toEqual(
          FORMULA_ROWS_READ.includes(sheet.name) ? withoutFormulasBelow(sheet, 2) : sheet
        );
  });

  it("leaves a sheet cut short to fflate, which stops where the reading does, not to a native inflater that inflates it whole (failure twin: read whole, every sheet goes native)", async () => {
    const bytes = await assessedBytes();
    const partsInflated = async (options: { rowsRead?: typeof rowsRead }) => {
      const inflated: number[] = [];
      const inflateRaw = (data: Uint8Array) => {
        const out = inflateRawSync(data);
        inflated.push(out.length);
        return out;
      };
      const grid = (await readWorkbookBytes(bytes, { ...options, inflateRaw })).grid;
      return { grid, count: inflated.length };
    };
    const natively = await partsInflated({ rowsRead });
    const wholeNatively = await partsInflated({});
    expect(natively.grid).toEqual(cut);
    expect(wholeNatively.grid).toEqual(whole);
    // 评委分析 and 公示名单: the two sheets rowsRead cuts short.
    expect(natively.count).toBe(wholeNatively.count - 2);
  });

  it("reads 考核表's and the judge sheets' formula text in their header rows only (failure twin: read whole, every nominee row has formulas)", () => {
    for (const name of FORMULA_ROWS_READ) {
      const cutSheet = cut.sheets.find((s) => s.name === name);
      const wholeSheet = whole.sheets.find((s) => s.name === name);
      expect(formulasBelow(cutSheet, 2)).toBe(0);
      expect(formulasBelow(wholeSheet, 2)).toBeGreaterThanOrEqual(NAMES.length);
      expect(cutSheet?.rows.slice(0, 2)).toEqual(wholeSheet?.rows.slice(0, 2));
    }
    // The as-of date's TODAY() on 评分标准 is still read.
    expect(
      formulasBelow(
        cut.sheets.find((s) => s.name === "评分标准"),
        2
      )
    ).toBeGreaterThan(0);
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
    const copies = (grid: WorkbookGrid) => {
      let id = 0;
      const issued = issueCopies(grid, {
        issuedAt: "2012-04-02T00:00:00.000Z",
        today: FIXED.today,
        newCopyId: () => `copy-${++id}`,
      });
      return JSON.stringify(
        issued.ok ? issued.copies.map((copy) => ({ ...copy, plan: copy.plan() })) : issued
      );
    };
    expect(copies(cut)).toBe(copies(whole));
    expect(copies(whole)).toContain("copy-5");
  });
});

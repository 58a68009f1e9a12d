/**
 * 汇总's charts made by the pane (issue #13 §5) through office-js's chart API, over the in-memory Excel: what
 * ChartCollection.add and the series calls left in the workbook, after a first generation and after regenerating.
 */
import { FakeWorkbook, parseAddress } from "../../src/adapters/officejs/fake/FakeExcel";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { workbookAccessOverHost } from "../../src/taskpane/services/officeJsAccess";
import { WorkbookPaneService } from "../../src/taskpane/services/WorkbookPaneService";
import { CHART_TITLES, a1 } from "../../src/engine";

const noProgress = () => undefined;

async function generate(service: WorkbookPaneService): Promise<void> {
  await service.generate(
    { rubricId: "baiqianwan", judges: 3, quotas: {}, password: "", mappingOverrides: {} },
    { progress: noProgress, cancel: { cancelled: false } }
  );
}

function cellsOf(address: string): string[] {
  const range = parseAddress(address);
  const cells: string[] = [];
  for (let row = range.top; row <= range.bottom; row++)
    for (let col = range.left; col <= range.right; col++) cells.push(a1(row, col));
  return cells;
}

describe("汇总's charts made by the pane", () => {
  const book = FakeWorkbook.fromGrid(sampleNominationGrid());
  const service = new WorkbookPaneService(workbookAccessOverHost(book.host()));

  beforeAll(async () => {
    await service.inspect({});
    await generate(service);
  });

  it("adds three charts to 汇总 with their types, titles and places", () => {
    const charts = book.charts("汇总");
    expect(charts.map((c) => [c.type, c.seriesBy, c.title])).toEqual([
      ["ColumnStacked", "Columns", CHART_TITLES.grades],
      ["ColumnClustered", "Columns", CHART_TITLES.quota],
      ["BarStacked", "Columns", CHART_TITLES.progress],
    ]);
    // Placed below the tables they draw: the first across A…H, the two per tier side by side below it.
    const places = charts.map((c) => ({
      top: parseAddress(c.position?.start ?? "").top,
      left: parseAddress(c.position?.start ?? "").left,
      right: parseAddress(c.position?.end ?? "").right,
    }));
    expect(places.map((p) => [p.left, p.right])).toEqual([
      [1, 8],
      [1, 3],
      [4, 8],
    ]);
    const lastSeriesRow = Math.max(
      ...charts.flatMap((c) => c.series.map((s) => parseAddress(s.values).bottom))
    );
    expect(Math.min(...places.map((p) => p.top))).toBeGreaterThan(lastSeriesRow);
    expect(places[1]?.top).toBe(places[2]?.top);
    expect(places[1]?.top).toBeGreaterThan(parseAddress(charts[0]?.position?.end ?? "").bottom);
    expect(book.charts("评委1")).toEqual([]);
  });

  it("names every series and points it at formula cells of 汇总, over the categories beside them", () => {
    const [grades, quota, progress] = book.charts("汇总");
    expect(grades?.series.map((s) => s.name)).toEqual([
      "优秀",
      "良好",
      "合格",
      "不合格",
      "未定等次",
    ]);
    expect(quota?.series.map((s) => s.name)).toEqual(["建议授牌", "名额"]);
    expect(progress?.series.map((s) => s.name)).toEqual(["已完成", "未完成"]);
    for (const chart of book.charts("汇总")) {
      for (const series of chart.series) {
        expect(series.fill).toMatch(/^#[0-9A-F]{6}$/);
        for (const cell of cellsOf(series.values))
          expect({ cell, formula: book.cellFormula("汇总", cell)?.startsWith("=") }).toEqual({
            cell,
            formula: true,
          });
        // Categories: the table's first column, the same rows as the values.
        const values = parseAddress(series.values);
        const categories = parseAddress(series.xValues ?? "");
        expect(categories).toEqual({ top: values.top, bottom: values.bottom, left: 1, right: 1 });
      }
    }
    expect(
      cellsOf(progress?.series[0]?.xValues ?? "").map((cell) => book.cellValue("汇总", cell))
    ).toEqual(["省级", "市级", "县级"]);
  });

  it("leaves three charts after regenerating, not six", async () => {
    await generate(service);
    expect(book.charts("汇总")).toHaveLength(3);
  });
});

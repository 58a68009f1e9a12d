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

  it("links every series' name to its label cell, so the legend follows 评分标准's grade words", () => {
    const [grades, quota, progress] = book.charts("汇总");
    for (const chart of book.charts("汇总"))
      for (const series of chart.series) {
        // No fixed text: the name is the cell above the series' values, in the table's first row.
        expect(series.name).toBeUndefined();
        const values = parseAddress(series.values);
        expect(parseAddress(series.nameSource ?? "")).toEqual({
          top: parseAddress(chart.source).top,
          bottom: parseAddress(chart.source).top,
          left: values.left,
          right: values.right,
        });
        expect(values.top).toBe(parseAddress(chart.source).top + 1);
      }
    // The grades' names are formulas over 评分标准's grade words (as edited there), then the fixed 未定等次.
    const nameCells = (chart: typeof grades) =>
      (chart?.series ?? []).map((s) => ({
        formula: book.cellFormula("汇总", s.nameSource ?? ""),
        value: book.cellValue("汇总", s.nameSource ?? ""),
      }));
    const gradeNames = nameCells(grades);
    expect(gradeNames).toHaveLength(5);
    for (const name of gradeNames.slice(0, 4)) expect(name.formula).toMatch(/^=/);
    expect(gradeNames[4]).toEqual({ formula: null, value: "未定等次" });
    expect(nameCells(quota).map((n) => n.value)).toEqual(["建议授牌", "名额"]);
    expect(nameCells(progress).map((n) => n.value)).toEqual(["已完成", "未完成"]);
  });

  it("points every series at formula cells of 汇总, over the categories beside them", () => {
    const [, , progress] = book.charts("汇总");
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

  it("starts a printed page above the charts, as the .xlsx file's row break does", () => {
    const first = book.charts("汇总")[0];
    expect(book.rowBreaks("汇总")).toEqual([parseAddress(first?.position?.start ?? "").top]);
    expect(book.rowBreaks("考核表")).toEqual([]);
  });

  it("leaves three charts after regenerating, not six, and one page break", async () => {
    await generate(service);
    expect(book.charts("汇总")).toHaveLength(3);
    expect(book.rowBreaks("汇总")).toHaveLength(1);
  });
});

describe("汇总's charts on Excel 2019 (ExcelApi 1.7)", () => {
  it("are made with linked names, and no page break where the host has no print setup (failure twin)", async () => {
    const book = FakeWorkbook.fromGrid(sampleNominationGrid());
    const service = new WorkbookPaneService(
      workbookAccessOverHost(book.host({ apiVersion: "1.7" }))
    );
    await service.inspect({});
    await generate(service);
    expect(book.charts("汇总")).toHaveLength(3);
    expect(book.charts("汇总")[0]?.series[0]?.nameSource).toBeDefined();
    expect(book.rowBreaks("汇总")).toEqual([]);
  });
});

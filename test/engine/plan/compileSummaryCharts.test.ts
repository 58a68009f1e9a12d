import {
  BUILTIN_RUBRICS,
  chartSeries,
  type CellRange,
  type ChartPlan,
  type IsoDate,
  type WorkbookPlan,
} from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { CHART_TITLES } from "../../../src/engine/plan/compileSummaryCharts";
import { a1, columnLetter } from "../../../src/engine/core";
import { computedAt, formulaAt, nominee, planCell } from "./assessmentFixtures";

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3, quotas: { province: 1 } });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
const panel = (criteria: readonly number[], satisfaction: number): EnteredInputs => ({
  scores: [0, 1, 2].map(() => [...criteria]),
  satisfaction,
  veto: null,
});

// Totals (0.8 × panel + 0.2 × satisfaction): a 100 优秀, b 92 优秀, c 80 良好, d unfinished, e 0 不合格.
const compiled = compileWithInputs(
  {
    nominees: [
      nominee({ name: "a", sector: "community" }),
      nominee({ name: "b", sector: "community" }),
      nominee({ name: "c", sector: "village" }),
      nominee({ name: "d", sector: "community" }),
      nominee({ name: "e", sector: "village", tier: "city" }),
    ],
    issues: [],
  },
  settings,
  [
    panel([30, 20, 25, 25], 100),
    panel([20, 20, 25, 25], 100),
    panel([5, 20, 25, 25], 100),
    { scores: [], satisfaction: null, veto: null },
    panel([0, 0, 0, 0], 0),
  ]
);

function summaryCharts(plan: WorkbookPlan): readonly ChartPlan[] {
  return plan.sheets.find((s) => s.name === "汇总")?.charts ?? [];
}

function cellsOf(range: CellRange): string[] {
  const cells: string[] = [];
  for (let row = range.top; row <= range.bottom; row++)
    for (let col = range.left; col <= range.right; col++) cells.push(a1(row, col));
  return cells;
}

/** A chart's table as the workbook computes it: series names, then per category its label and values. */
function computedTable(plan: WorkbookPlan, chart: ChartPlan) {
  const series = chartSeries(chart);
  const shown = (at: string): unknown => {
    const content = planCell(plan, "汇总", at)?.content;
    return content?.kind === "text" ? content.text : computedAt(plan, "汇总", at);
  };
  return {
    names: series.map((s) => shown(a1(s.name.row, s.name.col))),
    rows: cellsOf((series[0] as { categories: CellRange }).categories).map((at, i) => [
      shown(at),
      ...series.map((s) => shown(cellsOf(s.values)[i] as string)),
    ]),
  };
}

describe("汇总's charts", () => {
  const charts = summaryCharts(compiled.plan);

  it("draws three charts: grades by sector, recommended against quota, scoring progress", () => {
    expect(charts.map((c) => [c.kind, c.title])).toEqual([
      ["columnStacked", CHART_TITLES.grades],
      ["columnClustered", CHART_TITLES.quota],
      ["barStacked", CHART_TITLES.progress],
    ]);
    // One colour per series; the charts below their tables, none over another: the first across A…H, the two per
    // tier side by side below it.
    for (const chart of charts) expect(chart.colours).toHaveLength(chartSeries(chart).length);
    const lastTableRow = Math.max(...charts.map((c) => c.table.bottom));
    for (const chart of charts) expect(chart.anchor.top).toBeGreaterThan(lastTableRow);
    const overlap = (x: CellRange, y: CellRange): boolean =>
      x.left <= y.right && y.left <= x.right && x.top <= y.bottom && y.top <= x.bottom;
    charts.forEach((x, i) =>
      charts.slice(i + 1).forEach((y) => expect(overlap(x.anchor, y.anchor)).toBe(false))
    );
    expect(charts.map((c) => [c.anchor.left, c.anchor.right])).toEqual([
      [1, 8],
      [1, 3],
      [4, 8],
    ]);
  });

  it("points every series at formula cells of 汇总, so the charts recompute with the scores", () => {
    for (const chart of charts)
      for (const series of chartSeries(chart))
        for (const at of cellsOf(series.values)) {
          const content = planCell(compiled.plan, "汇总", at)?.content;
          expect({ at, formula: content !== undefined && isFormulaContent(content) }).toEqual({
            at,
            formula: true,
          });
        }
  });

  it("counts each sector's nominees by grade, the grade words read from 评分标准", () => {
    const [grades] = charts;
    expect(computedTable(compiled.plan, grades as ChartPlan)).toEqual({
      names: ["优秀", "良好", "合格", "不合格", "未定等次"],
      rows: [
        ["村党组织", 0, 1, 0, 1, 0],
        ["社区党组织", 2, 0, 0, 0, 1],
      ],
    });
    const table = (grades as ChartPlan).table;
    const header = table.top;
    const grade = columnLetter(compiled.layout.main.grade);
    expect(formulaAt(compiled.plan, "汇总", a1(header, 2))).toBe("INDEX(SF_Grades,1)");
    expect(formulaAt(compiled.plan, "汇总", a1(header, 5))).toBe("SF_FailGrade");
    expect(formulaAt(compiled.plan, "汇总", a1(header + 1, 2))).toBe(
      `COUNTIFS('考核表'!$C$3:$C$7,$A${header + 1},'考核表'!$${grade}$3:$${grade}$7,B$${header})`
    );
  });

  it("takes recommended, quota and progress per tier from 汇总's own tier lines", () => {
    const [, quota, progress] = charts as [ChartPlan, ChartPlan, ChartPlan];
    // Province: quota 1, a recommended; city: no quota set, e below the pass line.
    expect(computedTable(compiled.plan, quota)).toEqual({
      names: ["建议授牌", "名额"],
      rows: [
        ["省级", 1, 1],
        ["市级", 0, ""],
      ],
    });
    expect(computedTable(compiled.plan, progress)).toEqual({
      names: ["已完成", "未完成"],
      rows: [
        ["省级", 3, 1],
        ["市级", 1, 0],
      ],
    });
    const row = quota.table.top + 1;
    expect(formulaAt(compiled.plan, "汇总", a1(row, 2))).toMatch(/^I\d+$/);
    expect(formulaAt(compiled.plan, "汇总", a1(progress.table.top + 1, 3))).toMatch(/^C\d+-D\d+$/);
  });

  it("draws no chart for a workbook without nominees", () => {
    const empty = compileWithInputs({ nominees: [], issues: [] }, settings, []);
    expect(summaryCharts(empty.plan)).toEqual([]);
  });
});

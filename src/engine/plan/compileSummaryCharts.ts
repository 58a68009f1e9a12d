/**
 * 汇总's charts (issue #13 §5): three small tables of formulas below the summary lines, and a native chart over
 * each. The tables read 考核表 and 汇总's own lines, so the charts recompute as scores change in any application
 * that recalculates (Excel, WPS, LibreOffice), without the add-in. Each table puts its series names in its first
 * row and its categories in its first column with the corner left empty, the layout every one of them reads the
 * same way when a chart is made from a range (office-js's ChartCollection.add does exactly that).
 */
import { SECTOR_CODES, SECTOR_NAMES, TIER_NAMES } from "../core/domain";
import type { CellRange } from "../core/Grid";
import { call, name, num, op, range, ref } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  mainColumn,
  GRADE_WORDS_NAME,
  PARAMETER_NAMES,
  type AssessmentLayout,
} from "./assessmentLayout";
import type { SummaryLine } from "./compileSummarySheet";
import type { SheetBuilder } from "./SheetBuilder";
import type { ChartKind, ChartPlan } from "./SheetPlan";

/** Where 汇总's lines are and which of its columns the charts read. */
export interface SummaryTable {
  /** Line i is on row firstRow + i. */
  readonly lines: readonly SummaryLine[];
  readonly firstRow: number;
  readonly columns: {
    readonly assessed: number;
    readonly completed: number;
    readonly recommended: number;
    readonly quota: number;
  };
}

export const CHART_SECTION_TITLE = "图表数据（公式，随评分自动更新）";
export const NO_GRADE_LABEL = "未定等次";

export const CHART_TITLES = {
  grades: "各类别等次分布",
  quota: "各级别建议授牌与名额",
  progress: "各级别评分进度",
} as const;

/** Each chart's height in rows: legible on screen, and two bands of charts fit one printed A4 page. */
const CHART_ROWS = 16;

interface ChartTable {
  readonly kind: ChartKind;
  readonly title: string;
  readonly table: CellRange;
  readonly colours: readonly string[];
}

/** Series colours: told apart in print and with the common colour-vision deficiencies; grey for "not yet". */
const COLOURS = {
  blue: "2E75B6",
  green: "70AD47",
  gold: "FFC000",
  orange: "ED7D31",
  purple: "7030A0",
  navy: "264478",
  red: "C00000",
  grey: "A5A5A5",
} as const;
const BAND_COLOURS = [
  COLOURS.blue,
  COLOURS.green,
  COLOURS.gold,
  COLOURS.orange,
  COLOURS.purple,
  COLOURS.navy,
];

/**
 * Writes the chart tables from `firstRow` down and the charts below them; returns the charts for the sheet plan
 * (none when 汇总 has no lines). Rows used end at the last chart's bottom row.
 */
export function compileSummaryCharts(
  sheet: SheetBuilder,
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  layout: AssessmentLayout,
  summary: SummaryTable,
  firstRow: number
): ChartPlan[] {
  const tierLines = summary.lines.flatMap((line, i) =>
    line.sector === null ? [{ tier: line.tier, row: summary.firstRow + i }] : []
  );
  if (tierLines.length === 0) return [];
  const m = layout.main;
  const column = (col: number): FormulaNode => mainColumn(layout, col);
  const tables: ChartTable[] = [];
  let row = firstRow;
  sheet.text(row, 1, CHART_SECTION_TITLE, "note");
  row += 2;

  // A table: its caption above it, the corner empty, series names across, categories down.
  const table = (
    kind: ChartKind,
    title: string,
    colours: readonly string[],
    seriesNames: readonly ((col: number) => void)[],
    categories: readonly string[],
    cell: (category: number, series: number, row: number, col: number) => void
  ): void => {
    sheet.text(row, 1, title);
    row += 1;
    const top = row;
    sheet.text(top, 1, null, "header");
    seriesNames.forEach((write, s) => write(2 + s));
    categories.forEach((category, c) => {
      const r = top + 1 + c;
      sheet.text(r, 1, category, "text");
      seriesNames.forEach((_write, s) => cell(c, s, r, 2 + s));
    });
    tables.push({
      kind,
      title,
      colours,
      table: { top, left: 1, bottom: top + categories.length, right: 1 + seriesNames.length },
    });
    row = top + categories.length + 2;
  };
  const header = (label: string) => (col: number) => sheet.text(row, col, label, "header");

  // Grades by sector, across tiers: one series per grade of 评分标准 (its words as edited there), the grade below
  // every band (and a veto's), then the nominees with no grade yet (not finished, or an entry to correct).
  const sectors = SECTOR_CODES.filter((code) => nominees.some((n) => n.sector === code));
  const grades: FormulaNode[] = [
    ...rubric.gradeBands.map((_band, b) => call("INDEX", name(GRADE_WORDS_NAME), num(b + 1))),
    name(PARAMETER_NAMES.failGrade as string),
  ];
  if (sectors.length > 0) {
    const headerRow = row + 1;
    table(
      "columnStacked",
      CHART_TITLES.grades,
      [
        ...rubric.gradeBands.map((_band, b) => BAND_COLOURS[b % BAND_COLOURS.length] as string),
        COLOURS.red,
        COLOURS.grey,
      ],
      [
        ...grades.map((grade) => (col: number) => sheet.formula(row, col, grade, "header")),
        header(NO_GRADE_LABEL),
      ],
      sectors.map((code) => SECTOR_NAMES[code]),
      (_c, s, r, col) => {
        const bySector = [column(m.sector), ref(r, 1, { absolute: "col" })];
        sheet.formula(
          r,
          col,
          s < grades.length
            ? call(
                "COUNTIFS",
                ...bySector,
                column(m.grade),
                ref(headerRow, col, { absolute: "row" })
              )
            : op(
                call("COUNTIFS", ...bySector),
                "-",
                call("SUM", range({ row: r, col: 2 }, { row: r, col: col - 1 }))
              ),
          "count"
        );
      }
    );
  }

  // Per tier, straight from 汇总's tier lines: recommended against the quota, and how far scoring has come.
  const tierNames = tierLines.map((line) => TIER_NAMES[line.tier]);
  const lineCell = (t: number, col: number): FormulaNode =>
    ref((tierLines[t] as { row: number }).row, col);
  const c = summary.columns;
  table(
    "columnClustered",
    CHART_TITLES.quota,
    [COLOURS.blue, COLOURS.orange],
    [header("建议授牌"), header("名额")],
    tierNames,
    (t, s, r, col) => sheet.formula(r, col, lineCell(t, s === 0 ? c.recommended : c.quota), "count")
  );
  table(
    "barStacked",
    CHART_TITLES.progress,
    [COLOURS.green, COLOURS.grey],
    [header("已完成"), header("未完成")],
    tierNames,
    (t, s, r, col) =>
      sheet.formula(
        r,
        col,
        s === 0
          ? lineCell(t, c.completed)
          : op(lineCell(t, c.assessed), "-", lineCell(t, c.completed)),
        "count"
      )
  );

  // The widest chart (one column per sector) across A…H, the two per tier side by side below it: A…C and D…H
  // are equally wide. The two bands fit one printed A4 page, which 汇总 starts before them.
  const second = row + CHART_ROWS + 1;
  const anchors: CellRange[] = [
    { top: row, left: 1, bottom: row + CHART_ROWS - 1, right: 8 },
    { top: second, left: 1, bottom: second + CHART_ROWS - 1, right: 3 },
    { top: second, left: 4, bottom: second + CHART_ROWS - 1, right: 8 },
  ];
  const places = tables.length === 3 ? anchors : anchors.slice(1);
  return tables.map((chart, i) => ({ ...chart, anchor: places[i] as CellRange }));
}

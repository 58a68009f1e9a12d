/** The series a ChartPlan's table holds, as both adapters and the tests read them. */
import type { CellRange } from "../core/Grid";
import type { ChartPlan } from "./SheetPlan";

export interface ChartSeries {
  /** The cell naming the series (1-based, on the chart's sheet). */
  readonly name: { readonly row: number; readonly col: number };
  readonly categories: CellRange;
  readonly values: CellRange;
}

/**
 * One series per column after the first: named by the table's first row, over the categories down its first column.
 *
 * @example
 * chartSeries({ kind: "columnClustered", title: "t", table: { top: 5, left: 1, bottom: 8, right: 3 }, anchor })
 * // [{ name: { row: 5, col: 2 }, categories: A6:A8, values: B6:B8 }, { name: C5, categories: A6:A8, values: C6:C8 }]
 */
export function chartSeries(chart: ChartPlan): ChartSeries[] {
  const { top, left, bottom, right } = chart.table;
  const categories: CellRange = { top: top + 1, left, bottom, right: left };
  return Array.from({ length: right - left }, (_unused, i) => ({
    name: { row: top, col: left + 1 + i },
    categories,
    values: { top: top + 1, left: left + 1 + i, bottom, right: left + 1 + i },
  }));
}

/**
 * The declarative result of compiling a rubric against nominees: everything an adapter must render.
 * Adapters (xlsx file, office-js) only render this; they decide nothing about content.
 */
import type { CellRange } from "../core";
import type { FormulaNode } from "../formula/ast";
import type { StyleId } from "./cellStyles";

/** A value the engine computed for a formula: what the sheet should show before any recalculation. */
export type ScalarValue = number | string | boolean | null;

export type CellContent =
  /** Written as text whatever it looks like: `=SUM(A1)` from a nomination sheet stays text. */
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  /** A date, written as an Excel serial with a date number format. */
  | { readonly kind: "date"; readonly serial: number }
  /** `cached` is the engine's own result, stored so viewers that do not recalculate on load show it. */
  | { readonly kind: "formula"; readonly formula: FormulaNode; readonly cached: ScalarValue }
  /**
   * The formula `base` filled down `offset` rows, as a spreadsheet fills a formula down: row parts without `$`
   * move. Plain data: the formula itself is `formulaOf(content)`; cells holding the same `base` object are one
   * fill-down, which the xlsx writer may write as one shared formula.
   */
  | {
      readonly kind: "filled";
      readonly base: FormulaNode;
      readonly offset: number;
      readonly cached: ScalarValue;
    }
  /** An input cell left empty (a score not yet entered). */
  | { readonly kind: "blank" };

/** A cell that computes: a formula written out, or one filled down from another row's. */
export type FormulaContent = Extract<CellContent, { readonly kind: "formula" | "filled" }>;

export interface CellPlan {
  /** 1-based. */
  readonly row: number;
  readonly col: number;
  readonly content: CellContent;
  /** Key into WorkbookPlan.styles. */
  readonly style?: StyleId;
  /** Internal link, e.g. from 校验结果 to the source cell. */
  readonly link?: { readonly sheet: string; readonly cell: string };
  /** A cell note (comment) in plain text. */
  readonly note?: string;
}

/**
 * A sheet's cells. SheetBuilder keeps them as runs down each column (plan/ColumnRunCells.ts) and gives them in
 * row-major order, each visit a CellPlan of its own, never kept: iterate them, do not hold them. A plain array
 * of CellPlan is SheetCells too (a hand-made plan, a copy), in its own order.
 */
export interface SheetCells extends Iterable<CellPlan> {
  readonly length: number;
  forEach(visit: (cell: CellPlan, index: number) => void): void;
  filter(keep: (cell: CellPlan) => unknown): CellPlan[];
  map<T>(to: (cell: CellPlan) => T): T[];
  flatMap<T>(to: (cell: CellPlan) => T | readonly T[]): T[];
  find(found: (cell: CellPlan) => unknown): CellPlan | undefined;
  some(found: (cell: CellPlan) => unknown): boolean;
  every(holds: (cell: CellPlan) => unknown): boolean;
}

export interface CellStyle {
  readonly numberFormat?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string; // 'RRGGBB'
  readonly fill?: string; // 'RRGGBB'
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "center" | "bottom";
  readonly wrap?: boolean;
  readonly border?: boolean;
  /** Default true, as in Excel: only input cells are unlocked. */
  readonly locked?: boolean;
  readonly fontSize?: number;
}

export interface ValidationPlan {
  /** Cells it applies to (one rectangle). */
  readonly range: CellRange;
  readonly rule:
    | { readonly type: "decimal"; readonly min: FormulaNode; readonly max: FormulaNode }
    | { readonly type: "whole"; readonly min: FormulaNode; readonly max: FormulaNode }
    /** A fixed list of choices (是/否). */
    | { readonly type: "list"; readonly choices: readonly string[] }
    | { readonly type: "date"; readonly min: FormulaNode; readonly max: FormulaNode };
  readonly allowBlank: boolean;
  readonly prompt?: { readonly title: string; readonly text: string };
  /** Stop alert: the entry is refused. */
  readonly error: { readonly title: string; readonly text: string };
}

export interface ConditionalFormatPlan {
  readonly range: CellRange;
  /** TRUE/FALSE formula written relative to the range's top-left cell (refs without $ shift). */
  readonly when: FormulaNode;
  readonly style: { readonly fill?: string; readonly fontColor?: string; readonly bold?: boolean };
  /** Lower first. */
  readonly priority: number;
}

export interface ColumnPlan {
  readonly col: number;
  readonly width?: number; // characters
  readonly hidden?: boolean;
}

/** A row given its own height, in points (a header whose labels wrap, a row of long wrapped text). */
export interface RowPlan {
  readonly row: number;
  readonly height: number;
  /**
   * The height is only the engine's estimate of the row's wrapped text (printSetup's wrappedRowHeight), needed where
   * nothing measures text (the .xlsx file): a host that measures it (Excel through office-js) fits the row instead.
   */
  readonly fitsText?: true;
}

/** What a page header or footer shows in one place: text and the printer's own fields. */
export type PageField = "page" | "pages" | "sheet" | "date";
/** A header or footer part: literal text, a field the printer fills in, or the font of the parts after it. */
export type PageText = readonly (
  string | { readonly field: PageField } | { readonly font: string }
)[];
/** Left, centre and right of a page header or footer. */
export interface PageBand {
  readonly left?: PageText;
  readonly center?: PageText;
  readonly right?: PageText;
}

export interface PrintPlan {
  readonly orientation: "landscape" | "portrait";
  readonly paper: "A4";
  /** Rows repeated at the top of every printed page (1-based, inclusive). */
  readonly repeatRows?: { readonly first: number; readonly last: number };
  /** Columns repeated at the left of every printed page when the sheet spans pages across. */
  readonly repeatColumns?: { readonly first: number; readonly last: number };
  /** One page wide, as many tall as needed. Absent when `scale` is given. */
  readonly fitToWidth?: boolean;
  /** A fixed scale in percent, across as many pages as that needs: for a sheet too wide to fit legibly. */
  readonly scale?: number;
  readonly header?: PageBand;
  readonly footer?: PageBand;
  /** Rows that start a new printed page (汇总's charts, kept whole on a page of their own). */
  readonly pageBreaksBefore?: readonly number[];
}

/** How a chart draws its series: upright columns side by side or stacked, or horizontal stacked bars. */
export type ChartKind = "columnClustered" | "columnStacked" | "barStacked";

/**
 * A native chart over a table on its own sheet, so it follows the sheet's name and recomputes with its formulas.
 * The table's first row names the series (its top-left cell left empty), its first column holds the categories,
 * and every further column is one series: the layout Excel's "insert chart" reads by columns.
 */
export interface ChartPlan {
  readonly kind: ChartKind;
  readonly title: string;
  readonly table: CellRange;
  /** Each series' fill, 'RRGGBB', in the table's order. */
  readonly colours: readonly string[];
  /** The cells the chart covers, corner to corner. */
  readonly anchor: CellRange;
}

/**
 * The values a sheet's formula cells show, held beside its cells (usecases/withCachedValues) rather than copied
 * into every formula cell's content: at 200,000 nominees that copy cost more than half the plan again.
 */
export interface CachedValues {
  /** The value the formula cell at (row, col) shows; null: nothing cached. */
  at(row: number, col: number): ScalarValue;
}

export interface SheetPlan {
  readonly name: string;
  readonly cells: SheetCells;
  /** When present, the cached value of every formula cell, in place of each content's own `cached` (see cachedValueOf). */
  readonly cachedValues?: CachedValues;
  readonly columns: readonly ColumnPlan[];
  readonly merges: readonly CellRange[];
  readonly validations: readonly ValidationPlan[];
  readonly conditionalFormats: readonly ConditionalFormatPlan[];
  /** Rows and columns kept in view (frozen panes). */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly autoFilter?: CellRange;
  /** Sheet protection: locked cells cannot be edited; password optional. */
  readonly protection?: { readonly password?: string };
  readonly print?: PrintPlan;
  /** Rows with a height of their own; every other row keeps the default height. */
  readonly rows?: readonly RowPlan[];
  readonly tabColor?: string;
  /** Native charts drawn over the sheet (汇总's), in order. */
  readonly charts?: readonly ChartPlan[];
  /** Visible when absent. A very hidden sheet is not offered by Excel's or WPS's "Unhide" (LibreOffice saves it as hidden). */
  readonly visibility?: "hidden" | "veryHidden";
}

export interface DefinedNamePlan {
  readonly name: string;
  readonly refersTo: FormulaNode;
  readonly comment?: string;
  /** Kept out of the Name Manager (shifan's identity names); LibreOffice saves every name visible. */
  readonly hidden?: boolean;
}

export interface WorkbookPlan {
  /** Sheets to create or replace, in tab order after the source sheets. Source sheets are never touched. */
  readonly sheets: readonly SheetPlan[];
  /**
   * Existing sheets the plan may replace: shifan's own, as the workbook identity found them. A writer replaces
   * no other sheet (the first version's sheet markers also allow it).
   */
  readonly replaceable?: readonly string[];
  readonly names: readonly DefinedNamePlan[];
  /** How each style a cell names looks: CELL_STYLES for every generated plan. */
  readonly styles: Readonly<Partial<Record<StyleId, CellStyle>>>;
  /** Sheets an earlier generation made that this plan drops (a judge fewer): adapters delete them. */
  readonly removeSheets?: readonly string[];
}

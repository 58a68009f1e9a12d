/** Collects one sheet's plan cell by cell; the sheet compilers stay declarative. */
import type { CellRange } from "../core/Grid";
import type { FormulaNode } from "../formula/ast";
import type { StyleId } from "./cellStyles";
import { ColumnRunCellsBuilder } from "./ColumnRunCells";
import { printedWidth, wrappedRowHeight } from "./printSetup";
import type {
  CellContent,
  CellPlan,
  ColumnPlan,
  ConditionalFormatPlan,
  RowPlan,
  SheetPlan,
  ValidationPlan,
} from "./SheetPlan";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type CellExtras = Pick<CellPlan, "link" | "note">;
/** Sheet-wide settings: freeze, filter, protection, print, tab colour, hidden. */
export type SheetExtras = Partial<
  Mutable<
    Omit<
      SheetPlan,
      "name" | "cells" | "columns" | "rows" | "merges" | "validations" | "conditionalFormats"
    >
  >
>;

/** One shared empty cell: plans are read-only, and most input cells start empty. */
const BLANK: CellContent = { kind: "blank" };

/** A text cell's content; null or "" is the shared empty cell. Made once, it may be put on many sheets. */
export function textContent(value: string | null): CellContent {
  return value === null || value === "" ? BLANK : { kind: "text", text: value };
}

export class SheetBuilder {
  private readonly cells = new ColumnRunCellsBuilder();
  private readonly columns = new Map<number, ColumnPlan>();
  private readonly merges: CellRange[] = [];
  private readonly validations: ValidationPlan[] = [];
  private readonly conditionalFormats: ConditionalFormatPlan[] = [];
  private readonly extras: SheetExtras = {};
  private readonly repeated = new Map<string, CellContent>();
  private readonly rowHeights = new Map<number, number>();
  /** Heights that are only the estimate of a row's wrapped text (RowPlan.fitsText). */
  private readonly textHeights = new Map<number, number>();

  constructor(readonly name: string) {}

  put(row: number, col: number, content: CellContent, style?: StyleId, extras?: CellExtras): void {
    // Kept as runs down each column (ColumnRunCells.ts): a cell filled down from the cell above joins its run.
    this.cells.put(row, col, content, style, extras?.link, extras?.note);
  }

  /** Text as typed: never parsed, never a formula. A null text leaves the cell empty but styled. */
  text(row: number, col: number, value: string | null, style?: StyleId, extras?: CellExtras): void {
    this.put(row, col, textContent(value), style, extras);
  }

  number(row: number, col: number, value: number | null, style?: StyleId): void {
    this.put(row, col, value === null ? BLANK : { kind: "number", value }, style);
  }

  /** A formula without its value: the use case caches what evaluatePlan gives it (usecases/cachedValues). */
  formula(row: number, col: number, formula: FormulaNode, style?: StyleId): void {
    this.put(row, col, { kind: "formula", formula, cached: null }, style);
  }

  /** `base` filled down `offset` rows: no tree is built per row; the xlsx writer may share the column's formula. */
  filledFormula(
    row: number,
    col: number,
    base: FormulaNode,
    offset: number,
    style?: StyleId
  ): void {
    this.put(row, col, { kind: "filled", base, offset, cached: null }, style);
  }

  /**
   * Text that repeats down the sheet (a code, a source sheet's name): one content object per distinct text,
   * not one per cell. Never for per-row text such as names: the lookup would cost more than it saves.
   */
  repeatedText(row: number, col: number, value: string | null, style?: StyleId): void {
    if (value === null || value === "") {
      this.put(row, col, BLANK, style);
      return;
    }
    let content = this.repeated.get(value);
    if (!content) {
      content = { kind: "text", text: value };
      this.repeated.set(value, content);
    }
    this.put(row, col, content, style);
  }

  column(col: number, width: number, hidden = false): void {
    this.columns.set(col, { col, width, ...(hidden ? { hidden } : {}) });
  }

  /** Gives `row` at least `height` points. */
  rowHeight(row: number, height: number): void {
    this.rowHeights.set(row, Math.max(this.rowHeights.get(row) ?? 0, height));
  }

  /**
   * Gives `row` at least `height` points as the estimate of its wrapped text (wrappedRowHeight): written into the
   * .xlsx file as it is, while Excel through office-js fits the row to the text itself.
   */
  textRowHeight(row: number, height: number): void {
    this.textHeights.set(row, Math.max(this.textHeights.get(row) ?? 0, height));
  }

  /** Makes `row` tall enough for the wrapped text of the given columns, at their widths set so far. */
  fitRowToText(
    row: number,
    texts: readonly { readonly col: number; readonly text: string }[]
  ): void {
    const height = wrappedRowHeight(
      texts.map(({ col, text }) => ({ text, width: this.printedWidth(col, col) }))
    );
    if (height !== null) this.textRowHeight(row, height);
  }

  /** The printed width of columns `first…last` as set so far (see printSetup's printedWidth). */
  printedWidth(first: number, last: number): number {
    return printedWidth([...this.columns.values()], first, last);
  }

  merge(range: CellRange): void {
    this.merges.push(range);
  }

  validate(validation: ValidationPlan): void {
    this.validations.push(validation);
  }

  highlight(format: Omit<ConditionalFormatPlan, "priority">): void {
    this.conditionalFormats.push({ ...format, priority: this.conditionalFormats.length + 1 });
  }

  set<K extends keyof SheetExtras>(key: K, value: NonNullable<SheetExtras[K]>): void {
    this.extras[key] = value;
  }

  /** Protects the sheet: locked cells cannot be edited; no password unless one is given. */
  protect(password: string | undefined): void {
    this.extras.protection = password === undefined ? {} : { password };
  }

  /** A row with a height of its own keeps the larger of both; one with only its text's is fitted where a host can. */
  private rowPlans(): RowPlan[] {
    const rows = [...new Set([...this.rowHeights.keys(), ...this.textHeights.keys()])].sort(
      (a, b) => a - b
    );
    return rows.map((row) => {
      const own = this.rowHeights.get(row);
      const text = this.textHeights.get(row) ?? 0;
      return own === undefined
        ? { row, height: text, fitsText: true }
        : { row, height: Math.max(own, text) };
    });
  }

  build(): SheetPlan {
    return {
      name: this.name,
      cells: this.cells.done(),
      columns: [...this.columns.values()].sort((a, b) => a.col - b.col),
      merges: this.merges,
      validations: this.validations,
      conditionalFormats: this.conditionalFormats,
      ...(this.rowHeights.size + this.textHeights.size > 0 ? { rows: this.rowPlans() } : {}),
      ...this.extras,
    };
  }
}

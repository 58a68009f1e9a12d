/**
 * A sheet's cells kept as runs down each column, the representation under SheetBuilder: a formula filled down
 * 200,000 rows is one run (its base and first offset), a column of names one array of strings, a column of empty
 * input cells one run. A plan of 28 million cells then costs a few bytes a cell, not two objects (about 110
 * bytes). CellPlan objects are made while the cells are visited and never kept (docs/decisions/0024).
 */
import type { FormulaNode } from "../formula/ast";
import type { StyleId } from "./cellStyles";
import type { CellContent, CellPlan, SheetCells } from "./SheetPlan";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type CellLink = CellPlan["link"];

/** Every cell of the run holds the one content object. */
const SAME = 0;
/** Cell i holds `base` filled down `offset + i` rows. */
const FILLED = 1;
/** Cell i holds the text texts[i]. */
const TEXTS = 2;
/** Cell i holds the number numbers[i]. */
const NUMBERS = 3;

/** Consecutive cells of one column, rows `row … row + count - 1`, one style, no link or note (but a run of one). */
class Run {
  count = 1;
  base: FormulaNode | undefined = undefined;
  offset = 0;
  texts: string[] | undefined = undefined;
  numbers: number[] | undefined = undefined;
  link: CellLink = undefined;
  note: string | undefined = undefined;

  constructor(
    public kind: number,
    readonly row: number,
    readonly style: StyleId | undefined,
    public content: CellContent | undefined
  ) {}

  /** True when `content` at the next row joins this run (the caller has checked row and style). */
  extend(content: CellContent): boolean {
    switch (this.kind) {
      case SAME: {
        if (this.link !== undefined || this.note !== undefined) return false;
        if (content === this.content) {
          this.count++;
          return true;
        }
        if (this.count !== 1) return false;
        // A run of one cell becomes a run of its kind when the next cell is of the same kind.
        const first = this.content as CellContent;
        if (first.kind === "text" && content.kind === "text") {
          this.kind = TEXTS;
          this.texts = [first.text, content.text];
        } else if (first.kind === "number" && content.kind === "number") {
          this.kind = NUMBERS;
          this.numbers = [first.value, content.value];
        } else if (
          first.kind === "filled" &&
          content.kind === "filled" &&
          first.cached === null &&
          content.cached === null &&
          content.base === first.base &&
          content.offset === first.offset + 1
        ) {
          this.kind = FILLED;
          this.base = first.base;
          this.offset = first.offset;
        } else return false;
        this.content = undefined;
        this.count = 2;
        return true;
      }
      case FILLED:
        if (
          content.kind !== "filled" ||
          content.base !== this.base ||
          content.cached !== null ||
          content.offset !== this.offset + this.count
        )
          return false;
        this.count++;
        return true;
      case TEXTS:
        if (content.kind !== "text") return false;
        (this.texts as string[]).push(content.text);
        this.count++;
        return true;
      default:
        if (content.kind !== "number") return false;
        (this.numbers as number[]).push(content.value);
        this.count++;
        return true;
    }
  }

  /** The content of the run's cell `i` (0-based). */
  contentAt(i: number): CellContent {
    switch (this.kind) {
      case SAME:
        return this.content as CellContent;
      case FILLED:
        return {
          kind: "filled",
          base: this.base as FormulaNode,
          offset: this.offset + i,
          cached: null,
        };
      case TEXTS:
        return { kind: "text", text: (this.texts as string[])[i] as string };
      default:
        return { kind: "number", value: (this.numbers as number[])[i] as number };
    }
  }

  cellAt(i: number, col: number): CellPlan {
    const row = this.row + i;
    const content = this.contentAt(i);
    const cell: Mutable<CellPlan> =
      this.style === undefined ? { row, col, content } : { row, col, content, style: this.style };
    if (this.link !== undefined) cell.link = this.link;
    if (this.note !== undefined) cell.note = this.note;
    return cell;
  }
}

/** One column's runs; `ordered` while each run starts below the end of the one before. */
interface Column {
  readonly col: number;
  runs: Run[];
  ordered: boolean;
}

/** Collects cells as SheetBuilder puts them; `done()` gives the SheetCells. */
export class ColumnRunCellsBuilder {
  private readonly columns = new Map<number, Column>();
  private count = 0;

  put(
    row: number,
    col: number,
    content: CellContent,
    style: StyleId | undefined,
    link: CellLink,
    note: string | undefined
  ): void {
    this.count++;
    let column = this.columns.get(col);
    if (!column) {
      column = { col, runs: [], ordered: true };
      this.columns.set(col, column);
    }
    const last = column.runs[column.runs.length - 1];
    if (last !== undefined) {
      const next = last.row + last.count;
      if (
        row === next &&
        style === last.style &&
        link === undefined &&
        note === undefined &&
        last.extend(content)
      )
        return;
      if (row < next) column.ordered = false;
    }
    const run = new Run(SAME, row, style, content);
    run.link = link;
    run.note = note;
    column.runs.push(run);
  }

  done(): SheetCells {
    const columns = [...this.columns.values()].sort((a, b) => a.col - b.col);
    for (const column of columns) if (!column.ordered) column.runs = inRowOrder(column.runs);
    return new ColumnRunCells(columns, this.count);
  }
}

/**
 * The runs of a column whose cells were not put top to bottom (a table written above one already there), in row
 * order. Where runs overlap (two cells put at one address), one run per cell: cells put at one address stay in
 * the order put, so a writer still finds and refuses them.
 */
function inRowOrder(runs: readonly Run[]): Run[] {
  // Array.prototype.sort is stable.
  const sorted = [...runs].sort((a, b) => a.row - b.row);
  const overlap = sorted.some(
    (run, i) => i > 0 && run.row < (sorted[i - 1] as Run).row + (sorted[i - 1] as Run).count
  );
  if (!overlap) return sorted;
  const single: Run[] = [];
  for (const run of sorted) {
    for (let i = 0; i < run.count; i++) {
      const cell = new Run(SAME, run.row + i, run.style, run.contentAt(i));
      cell.link = run.link;
      cell.note = run.note;
      single.push(cell);
    }
  }
  return single.sort((a, b) => a.row - b.row);
}

/**
 * The cells of the columns `keep` accepts, without a copy of SheetBuilder's runs (the recusal formulas read a few
 * columns of sheets holding millions of cells).
 */
export function cellsInColumns(cells: SheetCells, keep: (col: number) => boolean): SheetCells {
  if (!(cells instanceof ColumnRunCells)) return cells.filter((cell) => keep(cell.col));
  return cells.inColumns(keep);
}

/**
 * The cells with each cell's formula and link changed as `change` says (renamePlan), without a copy of
 * SheetBuilder's runs: `change` sees each run's first cell, and a fill-down's new base fills its run.
 */
export function cellsChanged(cells: SheetCells, change: (cell: CellPlan) => CellPlan): SheetCells {
  if (!(cells instanceof ColumnRunCells)) return cells.map(change);
  return cells.changed(change);
}

/**
 * A column's cells as stored, for a reader that goes column by column (evaluatePlan): `count` cells from `row`
 * down, each holding `content`; a fill-down of `base` from `offset`; or one text or number a cell.
 */
export type ColumnRun =
  | {
      readonly kind: "same";
      readonly row: number;
      readonly count: number;
      readonly content: CellContent;
    }
  | {
      readonly kind: "filled";
      readonly row: number;
      readonly count: number;
      readonly base: FormulaNode;
      readonly offset: number;
    }
  | { readonly kind: "texts"; readonly row: number; readonly texts: readonly string[] }
  | { readonly kind: "numbers"; readonly row: number; readonly numbers: readonly number[] };

/**
 * Visits each column's cells as runs, top to bottom within a column (cells put at one address in the order put),
 * columns in no promised order, without a CellPlan per cell; a plain array of cells as runs of one cell.
 */
export function forEachColumnRun(
  cells: SheetCells,
  visit: (col: number, run: ColumnRun) => void
): void {
  if (!(cells instanceof ColumnRunCells)) {
    cells.forEach((cell) =>
      visit(cell.col, { kind: "same", row: cell.row, count: 1, content: cell.content })
    );
    return;
  }
  cells.forEachRun(visit);
}

/**
 * `cells` with `more` added (a column appended to a built sheet: a copy's 已评完), SheetBuilder's runs shared rather
 * than made into an array of CellPlan (a 200,000-nominee judge sheet holds 2.8 million cells). Cells put at one
 * address stay in the order given, `cells` first, so a writer still refuses them.
 */
export function cellsWith(cells: SheetCells, more: readonly CellPlan[]): SheetCells {
  if (!(cells instanceof ColumnRunCells)) return [...cells, ...more];
  return cells.with(more);
}

/** The cells of a sheet built by SheetBuilder, visited in row-major order. */
class ColumnRunCells implements SheetCells {
  constructor(
    private readonly columns: readonly Column[],
    readonly length: number
  ) {}

  changed(change: (cell: CellPlan) => CellPlan): ColumnRunCells {
    const columns = this.columns.map((column): Column => {
      const runs = column.runs.map((run) => {
        if (run.kind === TEXTS || run.kind === NUMBERS) return run;
        const first = run.cellAt(0, column.col);
        const changed = change(first);
        if (changed.content === first.content && changed.link === first.link) return run;
        const content = changed.content;
        if (run.kind === FILLED) {
          if (content.kind !== "filled") throw new Error("a fill-down must stay a fill-down");
          const moved = new Run(FILLED, run.row, run.style, undefined);
          moved.count = run.count;
          moved.base = content.base;
          moved.offset = run.offset;
          return moved;
        }
        const same = new Run(SAME, run.row, run.style, content);
        same.count = run.count;
        same.link = changed.link;
        same.note = run.note;
        return same;
      });
      return { col: column.col, runs, ordered: true };
    });
    return new ColumnRunCells(columns, this.length);
  }

  forEachRun(visit: (col: number, run: ColumnRun) => void): void {
    for (const column of this.columns) {
      const col = column.col;
      for (const run of column.runs) {
        switch (run.kind) {
          case SAME:
            visit(col, {
              kind: "same",
              row: run.row,
              count: run.count,
              content: run.content as CellContent,
            });
            break;
          case FILLED:
            visit(col, {
              kind: "filled",
              row: run.row,
              count: run.count,
              base: run.base as FormulaNode,
              offset: run.offset,
            });
            break;
          case TEXTS:
            visit(col, { kind: "texts", row: run.row, texts: run.texts as string[] });
            break;
          default:
            visit(col, { kind: "numbers", row: run.row, numbers: run.numbers as number[] });
        }
      }
    }
  }

  with(more: readonly CellPlan[]): ColumnRunCells {
    const added = new ColumnRunCellsBuilder();
    for (const cell of more)
      added.put(cell.row, cell.col, cell.content, cell.style, cell.link, cell.note);
    const byColumn = new Map(this.columns.map((column) => [column.col, column]));
    // A column in both gets new runs of its own (inRowOrder never changes a run), never a run of this one extended.
    for (const column of (added.done() as ColumnRunCells).columns) {
      const existing = byColumn.get(column.col);
      byColumn.set(
        column.col,
        existing
          ? { col: column.col, runs: inRowOrder([...existing.runs, ...column.runs]), ordered: true }
          : column
      );
    }
    const columns = [...byColumn.values()].sort((a, b) => a.col - b.col);
    return new ColumnRunCells(columns, this.length + more.length);
  }

  inColumns(keep: (col: number) => boolean): ColumnRunCells {
    const kept = this.columns.filter((column) => keep(column.col));
    let count = 0;
    for (const column of kept) for (const run of column.runs) count += run.count;
    return new ColumnRunCells(kept, count);
  }

  /** Visits every cell by row, then column; each visit gets a CellPlan of its own. */
  forEach(visit: (cell: CellPlan, index: number) => void): void {
    const columns = this.columns;
    const n = columns.length;
    const runIndex = new Int32Array(n);
    const inRun = new Int32Array(n);
    let index = 0;
    for (;;) {
      let row = Infinity;
      for (let j = 0; j < n; j++) {
        const run = (columns[j] as Column).runs[runIndex[j] as number];
        if (run !== undefined && run.row + (inRun[j] as number) < row)
          row = run.row + (inRun[j] as number);
      }
      if (row === Infinity) return;
      for (let j = 0; j < n; j++) {
        const column = columns[j] as Column;
        let run = column.runs[runIndex[j] as number];
        while (run !== undefined && run.row + (inRun[j] as number) === row) {
          visit(run.cellAt(inRun[j] as number, column.col), index++);
          const at = (inRun[j] as number) + 1;
          if (at === run.count) {
            inRun[j] = 0;
            const next = (runIndex[j] as number) + 1;
            runIndex[j] = next;
            run = column.runs[next];
          } else inRun[j] = at;
        }
      }
    }
  }

  [Symbol.iterator](): Iterator<CellPlan> {
    return new RowMajorCursor(this.columns);
  }

  filter(keep: (cell: CellPlan) => unknown): CellPlan[] {
    const kept: CellPlan[] = [];
    this.forEach((cell) => {
      if (keep(cell)) kept.push(cell);
    });
    return kept;
  }

  map<T>(to: (cell: CellPlan) => T): T[] {
    const mapped: T[] = [];
    this.forEach((cell) => mapped.push(to(cell)));
    return mapped;
  }

  flatMap<T>(to: (cell: CellPlan) => T | readonly T[]): T[] {
    const mapped: T[] = [];
    this.forEach((cell) => {
      const out = to(cell);
      if (Array.isArray(out)) mapped.push(...(out as T[]));
      else mapped.push(out as T);
    });
    return mapped;
  }

  find(found: (cell: CellPlan) => unknown): CellPlan | undefined {
    for (const cell of this) if (found(cell)) return cell;
    return undefined;
  }

  some(found: (cell: CellPlan) => unknown): boolean {
    return this.find(found) !== undefined;
  }

  every(holds: (cell: CellPlan) => unknown): boolean {
    return this.find((cell) => !holds(cell)) === undefined;
  }
}

/** The iterator over ColumnRunCells: the same order as forEach, one cell at a time. */
class RowMajorCursor implements Iterator<CellPlan> {
  private readonly runIndex: Int32Array;
  private readonly inRun: Int32Array;
  private row = 0;
  /** The column the current row is read from; past the last, the next row is found. */
  private j: number;

  constructor(private readonly columns: readonly Column[]) {
    this.runIndex = new Int32Array(columns.length);
    this.inRun = new Int32Array(columns.length);
    this.j = columns.length;
  }

  next(): IteratorResult<CellPlan> {
    const columns = this.columns;
    const n = columns.length;
    for (;;) {
      if (this.j === n) {
        let row = Infinity;
        for (let j = 0; j < n; j++) {
          const run = (columns[j] as Column).runs[this.runIndex[j] as number];
          if (run !== undefined && run.row + (this.inRun[j] as number) < row)
            row = run.row + (this.inRun[j] as number);
        }
        if (row === Infinity) return { value: undefined, done: true };
        this.row = row;
        this.j = 0;
      }
      const j = this.j;
      const column = columns[j] as Column;
      const run = column.runs[this.runIndex[j] as number];
      const at = this.inRun[j] as number;
      if (run !== undefined && run.row + at === this.row) {
        // The column stays current: cells put at one address follow each other.
        if (at + 1 === run.count) {
          this.inRun[j] = 0;
          this.runIndex[j] = (this.runIndex[j] as number) + 1;
        } else this.inRun[j] = at + 1;
        return { value: run.cellAt(at, column.col), done: false };
      }
      this.j++;
    }
  }
}

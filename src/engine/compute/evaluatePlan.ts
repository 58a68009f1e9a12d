/**
 * Evaluates every formula of a WorkbookPlan as a spreadsheet would, with the interpreter: the one source of
 * every figure shifan shows (cached values, `shifan report`, the pane's live figures). Values are kept by
 * column in typed arrays, so a 200,000-row plan costs a few bytes per cell, not an object per value.
 */
import { cellAt, type RawCell, type WorkbookGrid } from "../core/Grid";
import { isoDateToSerial, type IsoDate } from "../core/IsoDate";
import type { FormulaNode } from "../formula/ast";
import { Interpreter, type CellColumn, type PreparedFormula } from "../interpret/Interpreter";
import { ERROR_CODES, FormulaError, type CellValue, type ErrorCode } from "../interpret/values";
import { forEachColumnRun, type ColumnRun } from "../plan/ColumnRunCells";
import type { CellContent, FormulaContent, SheetPlan, WorkbookPlan } from "../plan/SheetPlan";

/** What a position holds in a column store. */
type Tag = number;
/** No cell in the plan. */
const ABSENT: Tag = 0;
/** A plan cell left empty. */
const BLANK: Tag = 1;
const NUMBER: Tag = 2;
const TEXT: Tag = 3;
const BOOL: Tag = 4;
const ERROR: Tag = 5;
/** A formula not yet evaluated. */
const FORMULA: Tag = 6;
/** A formula being evaluated: meeting it again is a circular reference. */
const EVALUATING: Tag = 7;
/** A formula waiting on the explicit stack for a deeper cell (see evaluateDeep): meeting it is circular too. */
const PENDING: Tag = 8;
/** Error codes are stored by their index in ERROR_CODES; a circular reference's error adds this. */
const CIRCULAR_CODE = 100;

/**
 * A column's formulas as runs, as the plan's cells come: a fill-down is one run (its first cell's tree and
 * offset, the rows after it moved one more row each), any other formula a run of one. Holding a content per
 * formula cell cost more than the plan itself at 200,000 nominees.
 */
class FormulaRun {
  /** The formula ready to evaluate (Interpreter.prepare), once the run's first cell is evaluated. */
  prepared: PreparedFormula | undefined = undefined;
  constructor(
    readonly row: number,
    public count: number,
    readonly node: FormulaNode,
    /** The first row's offset; 0 for a formula written out. */
    readonly offset: number,
    readonly filled: boolean
  ) {}
}

/**
 * One column of a sheet: tags, numbers (booleans 0/1, errors by code index) and, where present, texts and formulas.
 * It is the interpreter's reader of the column too (CellColumn), once its evaluation is set.
 */
class ColumnStore implements CellColumn {
  readonly tags: Uint8Array;
  nums: Float64Array | undefined;
  texts: (string | undefined)[] | undefined;
  /** Formula runs in row order. */
  formulas: FormulaRun[] | undefined;
  /** Formulas put above a run already recorded (a hand-made plan out of order): they win over the runs. */
  formulasOutOfOrder: Map<number, FormulaRun> | undefined;
  /** The run formulaAt found last: a column is read mostly down its rows. */
  private lastRun = 0;
  /** The evaluation reading this column, and where the column is (Evaluation's constructor sets them). */
  evaluation: Evaluation | undefined = undefined;
  sheet = 0;
  col = 0;
  /**
   * The number `cell` read last and its row. A fraction read from `nums` is a new heap number each time (about
   * 37 MB per scored evaluation); a row read again next (a formula naming M3 three times) gets the same one.
   * Null, not a number, first, so the field holds a reference and not a double of its own.
   */
  private lastNumber: CellValue = null;
  private lastNumberRow = -1;

  constructor(rows: number) {
    this.tags = new Uint8Array(rows + 1);
  }

  addFormula(row: number, content: FormulaContent): void {
    if (content.kind === "filled") this.addFilled(row, 1, content.base, content.offset);
    else this.addRun(new FormulaRun(row, 1, content.formula, 0, false));
  }

  /** `count` cells from `row` down holding `base` filled down from `offset`. */
  addFilled(row: number, count: number, base: FormulaNode, offset: number): void {
    const last = this.formulas?.[this.formulas.length - 1];
    if (
      last !== undefined &&
      row === last.row + last.count &&
      last.filled &&
      base === last.node &&
      offset === last.offset + last.count
    ) {
      this.tags.fill(FORMULA, row, row + count);
      last.count += count;
      return;
    }
    if (last !== undefined && row < last.row + last.count) {
      for (let i = 0; i < count; i++)
        this.addRun(new FormulaRun(row + i, 1, base, offset + i, true));
      return;
    }
    this.addRun(new FormulaRun(row, count, base, offset, true));
  }

  private addRun(run: FormulaRun): void {
    const runs = (this.formulas ??= []);
    const last = runs[runs.length - 1];
    this.tags.fill(FORMULA, run.row, run.row + run.count);
    if (last !== undefined && run.row < last.row + last.count) {
      (this.formulasOutOfOrder ??= new Map()).set(run.row, run);
      return;
    }
    runs.push(run);
  }

  /** The formula run holding `row` (out-of-order formulas first), or undefined when there is none. */
  formulaAt(row: number): FormulaRun | undefined {
    const outOfOrder = this.formulasOutOfOrder?.get(row);
    if (outOfOrder !== undefined) return outOfOrder;
    const runs = this.formulas;
    if (!runs) return undefined;
    const near = runs[this.lastRun];
    if (near !== undefined && row >= near.row && row < near.row + near.count) return near;
    let low = 0;
    let high = runs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const run = runs[middle] as FormulaRun;
      if (row < run.row) high = middle - 1;
      else if (row >= run.row + run.count) low = middle + 1;
      else {
        this.lastRun = middle;
        return run;
      }
    }
    return undefined;
  }

  /** Calls `visit` with every row holding a formula. */
  forEachFormulaRow(visit: (row: number) => void): void {
    for (const run of this.formulas ?? []) {
      for (let row = run.row; row < run.row + run.count; row++) visit(row);
    }
    for (const row of this.formulasOutOfOrder?.keys() ?? []) visit(row);
  }

  setNumber(row: number, tag: Tag, value: number): void {
    if (row === this.lastNumberRow) this.lastNumberRow = -1;
    this.tags[row] = tag;
    (this.nums ??= new Float64Array(this.tags.length))[row] = value;
  }

  setText(row: number, text: string): void {
    this.tags[row] = TEXT;
    (this.texts ??= [])[row] = text;
  }

  /** An input cell's content as the plan holds it. */
  setContent(row: number, content: Exclude<CellContent, FormulaContent>): void {
    switch (content.kind) {
      case "blank":
        this.tags[row] = BLANK;
        break;
      case "number":
        this.setNumber(row, NUMBER, content.value);
        break;
      case "date":
        this.setNumber(row, NUMBER, content.serial);
        break;
      case "bool":
        this.setNumber(row, BOOL, content.value ? 1 : 0);
        break;
      case "text":
        this.setText(row, content.text);
        break;
    }
  }

  setValue(row: number, value: CellValue): void {
    if (value === null) this.tags[row] = BLANK;
    else if (typeof value === "number") this.setNumber(row, NUMBER, value);
    else if (typeof value === "string") this.setText(row, value);
    else if (typeof value === "boolean") this.setNumber(row, BOOL, value ? 1 : 0);
    else
      this.setNumber(
        row,
        ERROR,
        ERROR_CODES.indexOf(value.code) + (value.circular ? CIRCULAR_CODE : 0)
      );
  }

  /**
   * The value of the cell in `row` for the interpreter (Evaluation.cellValue): a formula not yet evaluated is
   * evaluated, one being evaluated is a circular reference, a row off the column is blank.
   */
  cell(row: number): CellValue {
    switch (this.tags[row]) {
      case NUMBER:
        if (row !== this.lastNumberRow) {
          this.lastNumber = (this.nums as Float64Array)[row] as number;
          this.lastNumberRow = row;
        }
        return this.lastNumber;
      case TEXT:
        return (this.texts as string[])[row] as string;
      case FORMULA:
        return (this.evaluation as Evaluation).evaluate(this.sheet, row, this.col, this);
      case EVALUATING:
      case PENDING:
        (this.evaluation as Evaluation).circularMet = true;
        return FormulaError.cycle;
      default:
        return this.value(row);
    }
  }

  value(row: number): CellValue {
    switch (this.tags[row]) {
      case NUMBER:
        return (this.nums as Float64Array)[row] as number;
      case TEXT:
        return (this.texts as string[])[row] as string;
      case BOOL:
        return (this.nums as Float64Array)[row] === 1;
      case ERROR: {
        const code = (this.nums as Float64Array)[row] as number;
        return code >= CIRCULAR_CODE
          ? FormulaError.cycle
          : FormulaError.of(ERROR_CODES[code] ?? "#VALUE!");
      }
      default:
        return null;
    }
  }
}

class SheetStore {
  readonly columns: (ColumnStore | undefined)[] = [];
  constructor(readonly name: string) {}
}

/** Thrown when evaluation reaches `MAX_DEPTH` nested cells: the driver evaluates the cell first and retries. */
class Deferral {
  constructor(
    readonly sheet: number,
    readonly row: number,
    readonly col: number
  ) {}
}

/**
 * How many formula cells may be evaluated one inside another before the rest is deferred to an explicit stack:
 * a chain of 20,000 cells (a running count down a column) then never overflows the JavaScript stack.
 */
const MAX_DEPTH = 64;

export interface PlanCell {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** Values a person entered after the plan was compiled, replacing its input cells (never its formulas). */
export type PlanInputs = (sheet: string, row: number, col: number) => CellValue | undefined;

export interface EvaluatePlanOptions {
  /** What TODAY() gives; without it, TODAY() is #N/A (the engine never reads the clock). */
  readonly today?: IsoDate;
  /** Entered values by cell; undefined keeps the plan's own input. */
  readonly inputs?: PlanInputs;
  /**
   * The columns whose formulas are wanted: only they, and the cells they depend on, are evaluated; any other
   * formula cell reads as undefined. Absent: every formula. (`report` reads 汇总's two tier columns, not its
   * SUMPRODUCT lines.)
   */
  readonly columns?: (sheet: string, col: number) => boolean;
  /**
   * Keep the values of formula cells only: a column holding no formula is let go once everything is evaluated
   * (cached values read formula cells alone; at 200,000 nominees the input columns' values cost about 100 MB).
   */
  readonly formulasOnly?: boolean;
}

/** The value of every cell of a plan after evaluation. */
export class PlanValues {
  /** Formula cells that depend on themselves (their value is #REF!, flagged circular). */
  readonly circular: readonly PlanCell[];
  /** How many formula cells were evaluated (with `columns`, those asked for and what they depend on). */
  readonly formulaCount: number;

  constructor(
    private readonly sheets: readonly SheetStore[],
    private readonly sheetNumbers: ReadonlyMap<string, number>,
    circular: readonly PlanCell[],
    formulaCount: number
  ) {
    this.circular = circular;
    this.formulaCount = formulaCount;
  }

  /**
   * The value a cell shows (null: blank), or undefined when the plan has no such cell (or it is a formula left
   * out by `columns`).
   *
   * @example values.value('考核表', 3, 11) // 88.5
   */
  value(sheet: string, row: number, col: number): CellValue | undefined {
    const number = this.sheetNumbers.get(sheet);
    const column = number === undefined ? undefined : this.sheets[number]?.columns[col];
    if (!column || row >= column.tags.length || column.tags[row] === ABSENT) return undefined;
    return column.value(row);
  }
}

/**
 * Evaluates every formula cell of `plan` over its input cells (or `options.inputs`). A filled formula is
 * evaluated from its first row's tree, moved by its offset; no tree is built per row.
 *
 * @example
 * const values = evaluatePlan(compiled.plan, { today: '2024-06-30' });
 * values.value('考核表', 3, 14) // the first nominee's total
 */
export function evaluatePlan(plan: WorkbookPlan, options: EvaluatePlanOptions = {}): PlanValues {
  const sheets = plan.sheets.map((sheet) => storeOf(sheet, options.inputs));
  const sheetNumbers = new Map(plan.sheets.map((sheet, i) => [sheet.name, i]));
  const names = new Map(plan.names.map((n) => [n.name.toUpperCase(), n.refersTo]));
  const evaluation = new Evaluation(sheets, sheetNumbers, names, options.today);
  const wanted = options.columns;
  sheets.forEach((store, s) => {
    store.columns.forEach((column, col) => {
      if (!column?.formulas || (wanted && !wanted(store.name, col))) return;
      column.forEachFormulaRow((row) => {
        if (column.tags[row] === FORMULA) evaluation.evaluateDeep(s, row, col);
      });
    });
  });
  // Every formula wanted now holds its value: the plan's contents and the evaluation (its interpreter, indexes and
  // closures) are no longer needed, so PlanValues keeps none alive. A formula never evaluated reads as no cell.
  let formulaCount = 0;
  for (const store of sheets) {
    if (options.formulasOnly)
      store.columns.forEach((column, col) => {
        if (!column?.formulas) store.columns[col] = undefined;
      });
    for (const column of store.columns) {
      if (column === undefined) continue;
      column.evaluation = undefined;
      if (!column.formulas) continue;
      column.forEachFormulaRow((row) => {
        if (column.tags[row] === FORMULA) column.tags[row] = ABSENT;
        else formulaCount++;
      });
      column.formulas = undefined;
      column.formulasOutOfOrder = undefined;
    }
  }
  return new PlanValues(sheets, sheetNumbers, evaluation.circular, formulaCount);
}

/**
 * Columns sized to their last row, filled from the plan's cells column by column, a run at a time (two passes:
 * sizes, then values): a fill-down is recorded whole, with no cell object made per row.
 */
function storeOf(sheet: SheetPlan, inputs: PlanInputs | undefined): SheetStore {
  const store = new SheetStore(sheet.name);
  const lastRow: number[] = [];
  forEachColumnRun(sheet.cells, (col, run) => {
    const last = run.row + runLength(run) - 1;
    if (!((lastRow[col] ?? 0) >= last)) lastRow[col] = last;
  });
  lastRow.forEach((rows, col) => {
    if (rows !== undefined) store.columns[col] = new ColumnStore(rows);
  });
  const name = sheet.name;
  forEachColumnRun(sheet.cells, (col, run) => {
    const column = store.columns[col] as ColumnStore;
    const row = run.row;
    switch (run.kind) {
      case "filled":
        column.addFilled(row, run.count, run.base, run.offset);
        return;
      case "texts":
        run.texts.forEach((text, i) => {
          const entered = inputs?.(name, row + i, col);
          if (entered === undefined) column.setText(row + i, text);
          else column.setValue(row + i, entered);
        });
        return;
      case "numbers":
        run.numbers.forEach((value, i) => {
          const entered = inputs?.(name, row + i, col);
          if (entered === undefined) column.setNumber(row + i, NUMBER, value);
          else column.setValue(row + i, entered);
        });
        return;
      case "same": {
        const content = run.content;
        if (content.kind === "formula" || content.kind === "filled") {
          for (let i = 0; i < run.count; i++) column.addFormula(row + i, content);
          return;
        }
        for (let at = row; at < row + run.count; at++) {
          const entered = inputs?.(name, at, col);
          if (entered === undefined) column.setContent(at, content);
          else column.setValue(at, entered);
        }
      }
    }
  });
  return store;
}

function runLength(run: ColumnRun): number {
  switch (run.kind) {
    case "texts":
      return run.texts.length;
    case "numbers":
      return run.numbers.length;
    default:
      return run.count;
  }
}

/** One evaluation of a plan: the interpreter's view of the stores, formula cells computed on demand. */
class Evaluation {
  readonly interpreter: Interpreter;
  readonly circular: PlanCell[] = [];
  readonly today: number | undefined;
  /** A cell was read while it was being evaluated (WorkbookContext.circularMet). */
  circularMet = false;
  private depth = 0;
  private readonly nameSpellings = new Map<string, FormulaNode | null>();
  /** What a column the plan has no cell in reads as: blank everywhere. */
  private readonly noColumn = new ColumnStore(0);

  constructor(
    private readonly sheets: readonly SheetStore[],
    private readonly sheetNumbers: ReadonlyMap<string, number>,
    private readonly names: ReadonlyMap<string, FormulaNode>,
    today: IsoDate | undefined
  ) {
    this.today = today === undefined ? undefined : isoDateToSerial(today);
    this.interpreter = new Interpreter(this);
    sheets.forEach((store, s) =>
      store.columns.forEach((column, col) => {
        if (column === undefined) return;
        column.evaluation = this;
        column.sheet = s;
        column.col = col;
      })
    );
    this.noColumn.evaluation = this;
  }

  sheetIndex(name: string): number | undefined {
    return this.sheetNumbers.get(name);
  }

  definedName(name: string): FormulaNode | undefined {
    // Names are case-insensitive; each spelling met is folded once.
    let found = this.nameSpellings.get(name);
    if (found === undefined) {
      found = this.names.get(name.toUpperCase()) ?? null;
      this.nameSpellings.set(name, found);
    }
    return found ?? undefined;
  }

  cellValue(sheet: number, row: number, col: number): CellValue {
    return this.column(sheet, col).cell(row);
  }

  column(sheet: number, col: number): ColumnStore {
    return this.sheets[sheet]?.columns[col] ?? this.noColumn;
  }

  /**
   * Evaluates a cell whose dependencies may nest deeper than MAX_DEPTH: a cell too deep is deferred and
   * evaluated first from an explicit stack (`evaluateStack`), then the waiting cells are evaluated again (their
   * finished dependencies are kept). Cells waiting on the stack read as circular, as they are part of the chain.
   */
  evaluateDeep(sheet: number, row: number, col: number): void {
    const column = this.sheets[sheet]?.columns[col] as ColumnStore;
    this.depth = 0;
    try {
      this.evaluate(sheet, row, col, column);
      return;
    } catch (error) {
      if (!(error instanceof Deferral)) throw error;
      column.tags[row] = PENDING;
      this.evaluateStack([new Deferral(sheet, row, col), error]);
    }
  }

  private evaluateStack(stack: Deferral[]): void {
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Deferral;
      const column = this.sheets[top.sheet]?.columns[top.col] as ColumnStore;
      const tag = column.tags[top.row];
      if (tag !== FORMULA && tag !== PENDING) {
        stack.pop();
        continue;
      }
      this.depth = 0;
      try {
        this.evaluate(top.sheet, top.row, top.col, column);
        stack.pop();
      } catch (error) {
        if (!(error instanceof Deferral)) throw error;
        column.tags[top.row] = PENDING;
        stack.push(error);
      }
    }
  }

  evaluate(sheet: number, row: number, col: number, column: ColumnStore): CellValue {
    if (this.depth >= MAX_DEPTH) throw new Deferral(sheet, row, col);
    const previous = column.tags[row] as number;
    // A filled formula is evaluated from its first row's tree with the offset: no tree is built for this row.
    const run = column.formulaAt(row);
    if (!run) throw new Error("not a formula cell");
    const prepared = (run.prepared ??= this.interpreter.prepare(run.node));
    column.tags[row] = EVALUATING;
    this.depth++;
    let value: CellValue;
    try {
      value = prepared.evaluateAt(sheet, row, col, run.offset + (row - run.row));
    } catch (error) {
      column.tags[row] = previous;
      throw error;
    } finally {
      this.depth--;
    }
    if (value instanceof FormulaError && value.circular) {
      const sheetName = this.sheets[sheet]?.name ?? "";
      this.circular.push({ sheet: sheetName, row, col });
    }
    column.setValue(row, value);
    return value;
  }
}

/**
 * A workbook as it was read, as the inputs of a plan: every input cell of the plan takes what the sheet of the
 * same name holds (an empty cell is blank, so a cleared score counts as cleared); sheets the grid lacks keep
 * the plan's own inputs. A cell a person typed a formula into gives the value read with it.
 *
 * @example evaluatePlan(plan, { inputs: inputsFromGrid(grid), today })
 */
export function inputsFromGrid(grid: WorkbookGrid): PlanInputs {
  const sheets = new Map(grid.sheets.map((sheet) => [sheet.name, sheet]));
  return (sheetName, row, col) => {
    const sheet = sheets.get(sheetName);
    if (!sheet) return undefined;
    return rawCellValue(cellAt(sheet, row, col));
  };
}

function rawCellValue(cell: RawCell | null): CellValue {
  if (cell === null) return null;
  switch (cell.type) {
    case "text":
      return cell.text;
    case "number":
      return cell.value;
    case "date":
      return cell.serial;
    case "boolean":
      return cell.value;
    case "error":
      return ERROR_CODES.includes(cell.error as ErrorCode)
        ? FormulaError.of(cell.error as ErrorCode)
        : FormulaError.value;
  }
}

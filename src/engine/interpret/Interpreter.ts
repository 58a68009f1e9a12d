/**
 * Evaluates a FormulaNode as Excel would, over a workbook it reads through `WorkbookContext`. The meaning of
 * each function lives here once (builtins.ts and its neighbours), as in HyperFormula's interpreter; the plan
 * compilers only build formulas, and every figure shifan shows comes from evaluating them.
 *
 * Three ways to evaluate a node: `scalar` (a value for an operator or a plain argument: a reference gives the
 * cell's value, a range its implicit intersection with the formula's row or column), `value` (references kept
 * as references, for functions that take a range: SUM, COUNTIFS, INDEX …) and, inside SUMPRODUCT, array mode,
 * where operators and plain functions act element by element on whole ranges.
 */
import type { BinaryOperator, CellAddress, FormulaNode } from "../formula/ast";
import { toNumber } from "./coerce";
import { compileFormula, type CompiledScalar } from "./compileFormula";
import { CALLABLE, applyScalar, type Builtin } from "./builtins";
import { binaryOperation, broadcast, elementwise, mapValues } from "./operators";
import { RangeIndexes } from "./RangeIndexes";
import {
  ArrayValue,
  FormulaError,
  MAX_COL,
  MAX_ROW,
  RangeRef,
  type CellValue,
  type Value,
} from "./values";

/** What the interpreter reads a workbook through. Sheets are numbered by the context. */
export interface WorkbookContext {
  /** The number of a sheet, or undefined when the workbook has no such sheet (the reference is #REF!). */
  sheetIndex(name: string): number | undefined;
  /**
   * The value of a cell, a formula cell computed on demand (and so it may throw whatever the context uses to
   * defer deep evaluations; the interpreter never catches). Blank is null.
   */
  cellValue(sheet: number, row: number, col: number): CellValue;
  /** What a workbook-scope defined name refers to, or undefined (#NAME?). */
  definedName(name: string): FormulaNode | undefined;
  /** TODAY() as a serial; the engine never reads the clock. Undefined: TODAY() gives #N/A. */
  readonly today: number | undefined;
  /**
   * Whether a circular reference has been met so far in this evaluation (a cell read while it is being
   * evaluated). Given, the compiled closures may keep a part's value per value of the one cell it reads
   * (compileFormula's memo) until it turns true; absent, they never do.
   */
  readonly circularMet?: boolean;
  /**
   * One column of a sheet as something that reads its rows: `column(s, c).cell(r)` is `cellValue(s, r, c)`, for a
   * row off the column too (blank). Given, the compiled closures find a reference's column once instead of per
   * read (a 10,000-nominee plan reads cells 6.8 million times); absent, they call cellValue.
   */
  column?(sheet: number, col: number): CellColumn;
}

/** A column of one sheet (WorkbookContext.column). */
export interface CellColumn {
  /** The value of the cell in `row` (1-based), as WorkbookContext.cellValue gives it. */
  cell(row: number): CellValue;
}

/** Where a formula is being evaluated; `offset` moves the relative rows of a filled formula's first-row tree. */
export interface Frame {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
  readonly offset: number;
  /** Array mode: inside SUMPRODUCT, ranges are arrays and operators work element by element. */
  readonly arrays: boolean;
  /**
   * Calls that occur more than once in this cell's formula (the compiler reuses one COUNT node three times in a
   * criterion score) and the values they gave: a formula is pure, so within one cell each is evaluated once.
   */
  readonly repeated?: RepeatedCalls | undefined;
  /**
   * Which evaluation of a cell this is, unique within the process: one frame object serves a formula's cells one
   * after another (PreparedFormula), so what is kept per cell is kept by frame and this number.
   */
  readonly cell?: number;
}

/** A handful of nodes at most: two short arrays, searched in order, cost less than a Map per cell. */
interface RepeatedCalls {
  readonly nodes: readonly FormulaNode[];
  readonly values: (Value | undefined)[];
}

export interface InterpreterOptions {
  /**
   * Criteria and exact-match lookups over ranges of at least this many cells go through indexes built once
   * per Interpreter (default 64). Tests set 0 or Infinity to compare the two paths.
   */
  readonly indexFrom?: number;
  /**
   * A formula tree evaluated this many times (a filled formula's first-row tree, once per row) is turned into
   * closures (compileFormula.ts) from then on (default 2: a tree evaluated once is cheaper to walk). Tests set 1
   * or Infinity to compare the two paths.
   */
  readonly compileFrom?: number;
}

/**
 * One evaluation of a workbook: cell values must not change while it lives, since the indexes it builds over
 * ranges are kept.
 *
 * @example
 * const interpreter = new Interpreter(context);
 * interpreter.evaluateCell(call('ROUND', num(2.675), num(2)), { sheet: 0, row: 1, col: 1 }) // 2.68
 */
export class Interpreter {
  readonly indexes: RangeIndexes;
  private readonly namesInUse = new Set<string>();
  private readonly nameReferences = new Map<string, Value>();
  /** Whole ranges read into arrays (inside SUMPRODUCT), kept: every 汇总 line reads the same columns. */
  private readonly rangeArrays = new Map<string, ArrayValue>();
  private readonly compileFrom: number;
  /** Per formula tree: its repeated calls, how often it was evaluated so far, its closures once compiled. */
  private readonly prepared = new Map<FormulaNode, PreparedFormula>();

  constructor(
    readonly book: WorkbookContext,
    options: InterpreterOptions = {}
  ) {
    this.indexes = new RangeIndexes(this, options.indexFrom ?? 64);
    this.compileFrom = options.compileFrom ?? 2;
  }

  /**
   * The value a cell holding `formula` shows: a blank result is 0, a range its implicit intersection.
   * `offset` evaluates a filled formula from its first row's tree, moved down `offset` rows.
   */
  evaluateCell(
    formula: FormulaNode,
    at: { readonly sheet: number; readonly row: number; readonly col: number },
    offset = 0
  ): CellValue {
    return this.evaluateAt(formula, at.sheet, at.row, at.col, offset);
  }

  /** evaluateCell with the position as numbers. */
  evaluateAt(
    formula: FormulaNode,
    sheet: number,
    row: number,
    col: number,
    offset: number
  ): CellValue {
    return this.prepare(formula).evaluateAt(sheet, row, col, offset);
  }

  /**
   * `formula` ready to be evaluated at any cell (evaluatePlan keeps it per fill-down and calls it once per row):
   * its repeated calls found once and, from its `compileFrom`th evaluation, its closures.
   */
  prepare(formula: FormulaNode): PreparedFormula {
    let prepared = this.prepared.get(formula);
    if (prepared === undefined) {
      prepared = new PreparedFormula(this, formula, this.compileFrom);
      this.prepared.set(formula, prepared);
    }
    return prepared;
  }

  /** A node's value for an operator or a plain argument. */
  scalar(node: FormulaNode, f: Frame): CellValue {
    switch (node.kind) {
      case "number":
      case "text":
      case "bool":
        return node.value;
      case "ref": {
        const sheet = this.sheetOf(node.sheet, f);
        if (sheet === undefined) return FormulaError.ref;
        const row = this.rowOf(node.at, f);
        if (row === undefined) return FormulaError.ref;
        return this.book.cellValue(sheet, row, node.at.col);
      }
      case "binary":
        if (f.arrays) return this.single(this.arrayBinary(node.op, node.left, node.right, f), f);
        return binaryOperation(node.op, this.scalar(node.left, f), this.scalar(node.right, f));
      case "negate": {
        if (f.arrays) return this.single(this.value(node, f), f);
        const operand = toNumber(this.scalar(node.operand, f));
        return typeof operand === "number" ? (operand === 0 ? 0 : -operand) : operand;
      }
      case "empty":
        return null;
      default:
        return this.single(this.value(node, f), f);
    }
  }

  /** A node's value with references kept: what SUM, COUNTIFS, INDEX, ROW … take. */
  value(node: FormulaNode, f: Frame): Value {
    switch (node.kind) {
      case "ref": {
        const sheet = this.sheetOf(node.sheet, f);
        const row = this.rowOf(node.at, f);
        if (sheet === undefined || row === undefined) return FormulaError.ref;
        return new RangeRef(sheet, row, node.at.col, row, node.at.col);
      }
      case "range": {
        const sheet = this.sheetOf(node.sheet, f);
        const top = this.rowOf(node.from, f);
        const bottom = this.rowOf(node.to, f);
        if (sheet === undefined || top === undefined || bottom === undefined)
          return FormulaError.ref;
        return new RangeRef(
          sheet,
          Math.min(top, bottom),
          Math.min(node.from.col, node.to.col),
          Math.max(top, bottom),
          Math.max(node.from.col, node.to.col)
        );
      }
      case "name":
        return this.nameValue(node.name, f);
      case "call": {
        const repeated = f.arrays ? undefined : f.repeated;
        const at = repeated ? repeated.nodes.indexOf(node) : -1;
        if (at === -1) return this.call(node.fn, node.args, f);
        const values = (repeated as RepeatedCalls).values;
        let known = values[at];
        if (known === undefined) {
          known = this.call(node.fn, node.args, f);
          values[at] = known;
        }
        return known;
      }
      case "binary":
        if (f.arrays) return this.arrayBinary(node.op, node.left, node.right, f);
        return this.scalar(node, f);
      case "negate":
        if (f.arrays) {
          return mapValues(this.operand(node.operand, f), (v) => {
            const n = toNumber(v);
            return typeof n === "number" ? (n === 0 ? 0 : -n) : n;
          });
        }
        return this.scalar(node, f);
      default:
        return this.scalar(node, f);
    }
  }

  /** A Value as one cell's value: a reference's implicit intersection, an array's first element. */
  single(value: Value, f: Frame): CellValue {
    if (value instanceof RangeRef) return this.intersect(value, f);
    if (value instanceof ArrayValue) return value.item(0);
    return value;
  }

  /** A Value in array mode as a scalar or an array (a reference read into an array). */
  toArray(value: Value): CellValue | ArrayValue {
    if (value instanceof RangeRef) {
      if (value.size === 1) return this.book.cellValue(value.sheet, value.top, value.left);
      return this.readRange(value);
    }
    return value;
  }

  /** A node in array mode, references read: what an operator inside SUMPRODUCT works on. */
  operand(node: FormulaNode, f: Frame): CellValue | ArrayValue {
    return this.toArray(this.value(node, f));
  }

  /** Every cell of a range, row by row (read once per Interpreter: values do not change while it lives). */
  readRange(range: RangeRef): ArrayValue {
    const key = `${range.sheet}!${range.top}:${range.left}:${range.bottom}:${range.right}`;
    const known = this.rangeArrays.get(key);
    if (known) return known;
    const values = new Array<CellValue>(range.size);
    let i = 0;
    for (let row = range.top; row <= range.bottom; row++)
      for (let col = range.left; col <= range.right; col++)
        values[i++] = this.book.cellValue(range.sheet, row, col);
    const array = ArrayValue.compact(range.rows, range.cols, values);
    this.rangeArrays.set(key, array);
    return array;
  }

  /**
   * Excel's implicit intersection: a range used where one value is wanted gives the cell in the formula's row
   * (a one-column range) or column (a one-row range); anything else is #VALUE!.
   */
  intersect(range: RangeRef, f: Frame): CellValue {
    if (range.size === 1) return this.book.cellValue(range.sheet, range.top, range.left);
    if (range.left === range.right && f.row >= range.top && f.row <= range.bottom)
      return this.book.cellValue(range.sheet, f.row, range.left);
    if (range.top === range.bottom && f.col >= range.left && f.col <= range.right)
      return this.book.cellValue(range.sheet, range.top, f.col);
    return FormulaError.value;
  }

  private sheetOf(name: string | undefined, f: Frame): number | undefined {
    return name === undefined ? f.sheet : this.book.sheetIndex(name);
  }

  private rowOf(at: CellAddress, f: Frame): number | undefined {
    const row = at.rowAbsolute ? at.row : at.row + f.offset;
    return row >= 1 && row <= MAX_ROW && at.col >= 1 && at.col <= MAX_COL ? row : undefined;
  }

  private nameValue(name: string, f: Frame): Value {
    const known = this.nameReferences.get(name);
    if (known !== undefined) return known;
    const refersTo = this.book.definedName(name);
    if (refersTo === undefined) return FormulaError.name;
    if (isPlainReference(refersTo)) {
      // A name for a cell, a range or a constant means the same wherever it is used: resolved once.
      const value = this.value(refersTo, f);
      this.nameReferences.set(name, value);
      return value;
    }
    if (this.namesInUse.has(name)) return FormulaError.cycle;
    this.namesInUse.add(name);
    try {
      // A name's formula is evaluated where it is used, never moved by the user's fill offset.
      return this.value(refersTo, f.offset === 0 || isAbsolute(refersTo) ? f : { ...f, offset: 0 });
    } finally {
      this.namesInUse.delete(name);
    }
  }

  private call(fn: string, args: readonly FormulaNode[], f: Frame): Value {
    const callable = CALLABLE.get(fn) ?? CALLABLE.get(fn.toUpperCase());
    if (!callable) return FormulaError.name;
    if (args.length < callable.minArgs || args.length > callable.maxArgs) return FormulaError.value;
    const builtin = callable.builtin;
    if (builtin.kind === "custom") return builtin.evaluate(this, args, f);
    return this.scalarCall(builtin, args, f);
  }

  /** A function of plain values: errors in its arguments propagate unless it inspects them; in array mode it is applied element by element. */
  private scalarCall(
    builtin: Extract<Builtin, { kind: "scalar" }>,
    args: readonly FormulaNode[],
    f: Frame
  ): Value {
    if (!f.arrays) {
      const values = new Array<CellValue>(args.length);
      for (let i = 0; i < args.length; i++) values[i] = this.scalar(args[i] as FormulaNode, f);
      return applyScalar(builtin, values, f);
    }
    const operands = args.map((arg) => this.operand(arg, f));
    if (!operands.some((v) => v instanceof ArrayValue))
      return applyScalar(builtin, operands as CellValue[], f);
    return broadcast(operands, (values) => applyScalar(builtin, values, f));
  }

  private arrayBinary(
    op: BinaryOperator,
    left: FormulaNode,
    right: FormulaNode,
    f: Frame
  ): CellValue | ArrayValue {
    const a = this.operand(left, f);
    const b = this.operand(right, f);
    if (!(a instanceof ArrayValue) && !(b instanceof ArrayValue)) return binaryOperation(op, a, b);
    return elementwise(op, a, b);
  }
}

/** Numbers the cells' evaluations (Frame.cell). */
let cellsEvaluated = 0;

/** A frame a formula's cells take in turn: set for each cell, its repeated calls' values cleared. */
class CellFrame implements Frame {
  sheet = 0;
  row = 0;
  col = 0;
  offset = 0;
  readonly arrays = false;
  readonly repeated: RepeatedCalls | undefined;
  cell = 0;

  constructor(nodes: readonly FormulaNode[]) {
    this.repeated =
      nodes.length === 0
        ? undefined
        : { nodes, values: new Array<Value | undefined>(nodes.length).fill(undefined) };
  }

  at(sheet: number, row: number, col: number, offset: number): this {
    this.sheet = sheet;
    this.row = row;
    this.col = col;
    this.offset = offset;
    this.cell = ++cellsEvaluated;
    this.repeated?.values.fill(undefined);
    return this;
  }
}

/** A formula tree and what evaluating it at many cells shares (Interpreter.prepare). */
export class PreparedFormula {
  private readonly repeated: readonly FormulaNode[];
  private evaluations = 0;
  private compiled: CompiledScalar | undefined;
  /**
   * A frame no cell is using: a cell takes it and gives it back when done, so 10,000 rows of a fill-down make one
   * frame, not 10,000. A cell evaluated while another of the same formula is (a row reading the next row) makes
   * its own.
   */
  private spare: CellFrame | undefined;

  constructor(
    private readonly ev: Interpreter,
    readonly formula: FormulaNode,
    private readonly compileFrom: number
  ) {
    this.repeated = repeatedCalls(formula);
  }

  /** The value a cell holding the formula, moved down `offset` rows, shows: a blank result is 0. */
  evaluateAt(sheet: number, row: number, col: number, offset: number): CellValue {
    const nodes = this.repeated;
    let frame = this.spare;
    if (frame === undefined) frame = new CellFrame(nodes);
    else this.spare = undefined;
    frame.at(sheet, row, col, offset);
    let compiled = this.compiled;
    // A tree evaluated once is cheaper to walk than to compile.
    if (compiled === undefined && ++this.evaluations >= this.compileFrom)
      compiled = this.compiled = compileFormula(this.ev, this.formula, nodes);
    try {
      const result = compiled ? compiled(frame) : this.ev.scalar(this.formula, frame);
      return result ?? 0;
    } finally {
      this.spare = frame;
    }
  }
}

const NO_REPEATS: readonly FormulaNode[] = [];
/** Per formula tree (a filled formula's first-row tree serves every row): its calls that occur more than once. */
const repeatedCallsOf = new WeakMap<FormulaNode, readonly FormulaNode[]>();

function repeatedCalls(root: FormulaNode): readonly FormulaNode[] {
  let known = repeatedCallsOf.get(root);
  if (!known) {
    const seen = new Set<FormulaNode>();
    const repeated = new Set<FormulaNode>();
    const walk = (node: FormulaNode): void => {
      if (node.kind === "call") {
        if (seen.has(node)) {
          repeated.add(node);
          return;
        }
        seen.add(node);
        node.args.forEach(walk);
      } else if (node.kind === "binary") {
        walk(node.left);
        walk(node.right);
      } else if (node.kind === "negate") walk(node.operand);
    };
    walk(root);
    known = repeated.size === 0 ? NO_REPEATS : [...repeated];
    repeatedCallsOf.set(root, known);
  }
  return known;
}

/** An absolute cell or range (on a named sheet) or a constant: a name for it never depends on where it is used. */
function isPlainReference(node: FormulaNode): boolean {
  switch (node.kind) {
    case "number":
    case "text":
    case "bool":
      return true;
    case "ref":
      return node.sheet !== undefined && node.at.rowAbsolute === true;
    case "range":
      return (
        node.sheet !== undefined && node.from.rowAbsolute === true && node.to.rowAbsolute === true
      );
    default:
      return false;
  }
}

/** Whether a defined name's formula holds no relative row (so the fill offset cannot move it). */
const absoluteNames = new WeakMap<FormulaNode, boolean>();
function isAbsolute(node: FormulaNode): boolean {
  let known = absoluteNames.get(node);
  if (known === undefined) {
    known = !hasRelativeRow(node);
    absoluteNames.set(node, known);
  }
  return known;
}

function hasRelativeRow(node: FormulaNode): boolean {
  switch (node.kind) {
    case "ref":
      return !node.at.rowAbsolute;
    case "range":
      return !node.from.rowAbsolute || !node.to.rowAbsolute;
    case "call":
      return node.args.some(hasRelativeRow);
    case "binary":
      return hasRelativeRow(node.left) || hasRelativeRow(node.right);
    case "negate":
      return hasRelativeRow(node.operand);
    default:
      return false;
  }
}

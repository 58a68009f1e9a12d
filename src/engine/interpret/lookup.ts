/** INDEX, MATCH, VLOOKUP, CHOOSE and the reference functions ROW(S), COLUMN(S). */
import type { FormulaNode } from "../formula/ast";
import { compareText, compareValues, toBoolean, toNumber } from "./coerce";
import { wildcardPattern } from "./criteria";
import type { Frame, Interpreter } from "./Interpreter";
import { exactMatchKey } from "./RangeIndexes";
import { ArrayValue, FormulaError, RangeRef, type CellValue, type Value } from "./values";

/** A whole number argument (truncated), or its error. An omitted argument is `fallback`. */
function integerArg(
  ev: Interpreter,
  node: FormulaNode | undefined,
  f: Frame,
  fallback: number
): number | FormulaError {
  if (node === undefined || node.kind === "empty") return fallback;
  const n = toNumber(ev.scalar(node, f));
  return n instanceof FormulaError ? n : Math.trunc(n);
}

/**
 * INDEX(range, row, [col]): a reference into the range (so INDEX(…)="" sees a blank cell as blank). In a
 * one-row range the single number counts columns; 0 takes the whole row or column.
 */
export function index(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const source = ev.value(args[0] as FormulaNode, f);
  if (source instanceof FormulaError) return source;
  const rows = source instanceof RangeRef || source instanceof ArrayValue ? source.rows : 1;
  const cols = source instanceof RangeRef || source instanceof ArrayValue ? source.cols : 1;
  let row = integerArg(ev, args[1], f, 0);
  if (row instanceof FormulaError) return row;
  let col = integerArg(ev, args[2], f, 0);
  if (col instanceof FormulaError) return col;
  if (args.length < 3 && rows === 1 && cols > 1) {
    col = row;
    row = 1;
  } else if (args.length < 3 && cols === 1) {
    col = 1;
  }
  if (row < 0 || col < 0) return FormulaError.value;
  if (row > rows || col > cols) return FormulaError.ref;
  if (!(source instanceof RangeRef || source instanceof ArrayValue)) return source;
  const top = row === 0 ? 0 : row - 1;
  const bottom = row === 0 ? rows - 1 : row - 1;
  const left = col === 0 ? 0 : col - 1;
  const right = col === 0 ? cols - 1 : col - 1;
  if (source instanceof RangeRef) {
    return new RangeRef(
      source.sheet,
      source.top + top,
      source.left + left,
      source.top + bottom,
      source.left + right
    );
  }
  if (top === bottom && left === right) return source.at(top, left);
  const values: CellValue[] = [];
  for (let r = top; r <= bottom; r++)
    for (let c = left; c <= right; c++) values.push(source.at(r, c));
  return new ArrayValue(bottom - top + 1, right - left + 1, values);
}

/** A one-row or one-column range or array as a list MATCH can walk; undefined for a 2-D one. */
interface Vector {
  readonly length: number;
  at(i: number): CellValue;
  readonly range?: RangeRef;
}

/** A one-row or one-column range read in place: one object per lookup (考核表's grade and quotas, 评委分析's tier). */
class RangeVector implements Vector {
  readonly length: number;
  private readonly down: boolean;

  constructor(
    private readonly ev: Interpreter,
    readonly range: RangeRef
  ) {
    this.length = range.size;
    this.down = range.cols === 1;
  }

  at(i: number): CellValue {
    const range = this.range;
    return this.down
      ? this.ev.book.cellValue(range.sheet, range.top + i, range.left)
      : this.ev.book.cellValue(range.sheet, range.top, range.left + i);
  }
}

function vectorOf(ev: Interpreter, value: Value): Vector | FormulaError | undefined {
  if (value instanceof FormulaError) return value;
  if (value instanceof RangeRef) {
    if (value.rows !== 1 && value.cols !== 1) return undefined;
    return new RangeVector(ev, value);
  }
  if (value instanceof ArrayValue) {
    if (value.rows !== 1 && value.cols !== 1) return undefined;
    return { length: value.size, at: (i) => value.item(i) };
  }
  return { length: 1, at: () => value };
}

/** Equal as MATCH(…, 0) compares: same type, text case-insensitive (with wildcards when the sought text has them). */
function exactEqual(sought: CellValue, cell: CellValue, pattern: RegExp | undefined): boolean {
  if (typeof sought === "string") {
    if (typeof cell !== "string") return false;
    return pattern ? pattern.test(cell) : compareText(cell, sought) === 0;
  }
  return typeof cell === typeof sought && cell === sought;
}

/**
 * Position (0-based) of `sought` in `vector`, or #N/A. Type 0: the first equal value. Type 1: the last value
 * not above it, reading an ascending list; −1: the last value not below it in a descending list. On a list not
 * sorted that way Excel's binary search may answer otherwise: shifan's formulas only look up exact values.
 */
function position(
  ev: Interpreter,
  sought: CellValue,
  vector: Vector,
  type: number
): number | FormulaError {
  if (sought instanceof FormulaError) return sought;
  if (sought === null) return FormulaError.na;
  if (type === 0) {
    const pattern = typeof sought === "string" ? wildcardPattern(sought) : undefined;
    if (!pattern && vector.range && ev.indexes.indexes(vector.range)) {
      const key = exactMatchKey(sought);
      const found = key === undefined ? undefined : ev.indexes.firstExact(vector.range, key);
      return found ?? FormulaError.na;
    }
    for (let i = 0; i < vector.length; i++) if (exactEqual(sought, vector.at(i), pattern)) return i;
    return FormulaError.na;
  }
  let best: number | undefined;
  for (let i = 0; i < vector.length; i++) {
    const cell = vector.at(i);
    if (cell === null || cell instanceof FormulaError || typeof cell !== typeof sought) continue;
    const order = compareValues(cell, sought);
    if (type > 0 ? order > 0 : order < 0) break;
    best = i;
  }
  return best ?? FormulaError.na;
}

export function match(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const sought = ev.scalar(args[0] as FormulaNode, f);
  const vector = vectorOf(ev, ev.value(args[1] as FormulaNode, f));
  if (vector instanceof FormulaError) return vector;
  if (!vector) return FormulaError.na;
  const typeValue = args[2] === undefined ? 1 : toNumber(ev.scalar(args[2], f));
  if (typeValue instanceof FormulaError) return typeValue;
  const found = position(ev, sought, vector, Math.sign(typeValue));
  return found instanceof FormulaError ? found : found + 1;
}

export function vlookup(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const sought = ev.scalar(args[0] as FormulaNode, f);
  const table = ev.value(args[1] as FormulaNode, f);
  if (table instanceof FormulaError) return table;
  const col = integerArg(ev, args[2], f, 0);
  if (col instanceof FormulaError) return col;
  const approximate =
    args[3] === undefined || args[3].kind === "empty" ? true : toBoolean(ev.scalar(args[3], f));
  if (approximate instanceof FormulaError) return approximate;
  const cols = table instanceof RangeRef || table instanceof ArrayValue ? table.cols : 1;
  if (col < 1) return FormulaError.value;
  if (col > cols) return FormulaError.ref;
  const firstColumn =
    table instanceof RangeRef
      ? new RangeRef(table.sheet, table.top, table.left, table.bottom, table.left)
      : table instanceof ArrayValue
        ? new ArrayValue(
            table.rows,
            1,
            Array.from({ length: table.rows }, (_u, r) => table.at(r, 0))
          )
        : table;
  const vector = vectorOf(ev, firstColumn) as Vector;
  const found = position(ev, sought, vector, approximate ? 1 : 0);
  if (found instanceof FormulaError) return found;
  if (table instanceof RangeRef)
    return ev.book.cellValue(table.sheet, table.top + found, table.left + col - 1);
  if (table instanceof ArrayValue) return table.at(found, col - 1);
  return table;
}

/** CHOOSE(n, v1, v2, …): the n-th value, a reference kept as a reference. */
export function choose(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const n = integerArg(ev, args[0], f, 0);
  if (n instanceof FormulaError) return n;
  const chosen = args[n];
  if (n < 1 || !chosen) return FormulaError.value;
  return chosen.kind === "empty" ? 0 : ev.value(chosen, f);
}

/** ROW and COLUMN: of the formula's own cell, or a reference's first row or column (all of them in array mode). */
export function rowOrColumn(which: "row" | "column") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    if (args.length === 0 || args[0]?.kind === "empty") return which === "row" ? f.row : f.col;
    const target = ev.value(args[0] as FormulaNode, f);
    if (target instanceof FormulaError) return target;
    if (!(target instanceof RangeRef)) return FormulaError.value;
    const first = which === "row" ? target.top : target.left;
    const count = which === "row" ? target.rows : target.cols;
    if (!f.arrays || count === 1) return first;
    const values = Array.from({ length: count }, (_u, i) => first + i);
    return which === "row" ? new ArrayValue(count, 1, values) : new ArrayValue(1, count, values);
  };
}

export function dimension(which: "rows" | "columns") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const target = ev.value(args[0] as FormulaNode, f);
    if (target instanceof FormulaError) return target;
    if (target instanceof RangeRef || target instanceof ArrayValue)
      return which === "rows" ? target.rows : target.cols;
    return 1;
  };
}

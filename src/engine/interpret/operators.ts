/** Operators and element-wise application, shared by the interpreter and the functions. */
import type { BinaryOperator } from "../formula/ast";
import {
  add,
  approxEqual,
  compareValues,
  meetsOrder,
  numberToText,
  subtract,
  toNumber,
  toText,
  type ComparisonOperator,
} from "./coerce";
import { ArrayValue, FormulaError, type CellValue } from "./values";

/** Applies `fn` to every element of a value that may be an array. */
export function mapValues(
  value: CellValue | ArrayValue,
  fn: (value: CellValue) => CellValue
): CellValue | ArrayValue {
  if (!(value instanceof ArrayValue)) return fn(value);
  return new ArrayValue(value.rows, value.cols, value.values.map(fn));
}

/**
 * Element-wise over arrays of any shapes, as Excel does: a one-row or one-column array (or a single value) is
 * repeated along the other dimension; where shapes do not meet, the element is #N/A.
 */
export function broadcast(
  operands: readonly (CellValue | ArrayValue)[],
  fn: (values: CellValue[]) => CellValue
): ArrayValue {
  let rows = 1;
  let cols = 1;
  for (const operand of operands) {
    if (operand instanceof ArrayValue) {
      rows = Math.max(rows, operand.rows);
      cols = Math.max(cols, operand.cols);
    }
  }
  const values = new Array<CellValue>(rows * cols);
  const args = new Array<CellValue>(operands.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      for (let k = 0; k < operands.length; k++) {
        const operand = operands[k] as CellValue | ArrayValue;
        if (!(operand instanceof ArrayValue)) args[k] = operand;
        else {
          const rr = operand.rows === 1 ? 0 : r;
          const cc = operand.cols === 1 ? 0 : c;
          args[k] = rr < operand.rows && cc < operand.cols ? operand.at(rr, cc) : FormulaError.na;
        }
      }
      values[r * cols + c] = fn(args);
    }
  }
  return new ArrayValue(rows, cols, values);
}

/** One operator on two values, Excel's coercions and error order (the left error wins). */
export function binaryOperation(op: BinaryOperator, left: CellValue, right: CellValue): CellValue {
  // Two numbers are most of the work (inside SUMPRODUCT, tens of thousands per formula): no coercion needed.
  if (typeof left === "number" && typeof right === "number") return numbers(op, left, right);
  if (left instanceof FormulaError) return left;
  if (right instanceof FormulaError) return right;
  switch (op) {
    case "&": {
      const a = toText(left);
      const b = toText(right);
      if (a instanceof FormulaError) return a;
      if (b instanceof FormulaError) return b;
      return a + b;
    }
    case "+":
    case "-":
    case "*":
    case "/":
    case "^":
      return arithmetic(op, left, right);
    default:
      return meetsOrder(op, compareValues(left, right));
  }
}

function arithmetic(op: "+" | "-" | "*" | "/" | "^", left: CellValue, right: CellValue): CellValue {
  const a = toNumber(left);
  if (a instanceof FormulaError) return a;
  const b = toNumber(right);
  if (b instanceof FormulaError) return b;
  return numbers(op, a, b);
}

/** Excel has no infinities, NaN or negative zero. */
export function finite(value: number): number | FormulaError {
  if (!Number.isFinite(value)) return FormulaError.num;
  return value === 0 ? 0 : value;
}

function numbers(op: BinaryOperator, a: number, b: number): CellValue {
  switch (op) {
    case "+":
      return finite(add(a, b));
    case "-":
      return finite(subtract(a, b));
    case "*":
      return finite(a * b);
    case "/":
      return b === 0 ? FormulaError.div0 : finite(a / b);
    case "^":
      // 0^0 is #NUM! in Excel (LibreOffice gives 1).
      return a === 0 && b === 0 ? FormulaError.num : finite(a ** b);
    case "&":
      return numberToText(a) + numberToText(b);
    case "=":
      return approxEqual(a, b);
    case "<>":
      return !approxEqual(a, b);
    case "<":
      return a < b && !approxEqual(a, b);
    case "<=":
      return a < b || approxEqual(a, b);
    case ">":
      return a > b && !approxEqual(a, b);
    case ">=":
      return a > b || approxEqual(a, b);
  }
}

/** A side of an array operation as numbers, when it is one: a number, a boolean (1/0), or a typed array of either. */
type NumericSide = number | Float64Array | Uint8Array;

function numericSide(value: CellValue | ArrayValue, booleansToo: boolean): NumericSide | undefined {
  if (typeof value === "number") return value;
  if (value instanceof ArrayValue)
    return value.numbers ?? (booleansToo ? value.booleans : undefined);
  if (booleansToo && typeof value === "boolean") return value ? 1 : 0;
  return undefined;
}

function sideAt(side: NumericSide, i: number): number {
  return typeof side === "number" ? side : (side[i] as number);
}

function cellAt(value: CellValue | ArrayValue, i: number): CellValue {
  return value instanceof ArrayValue ? value.item(i) : value;
}

/**
 * An operator over arrays: two arrays of one shape, or an array and a value, in one loop; other shapes broadcast.
 * Numbers and masks go through typed arrays (TRUE is 1 in arithmetic); anything else, element by element.
 */
export function elementwise(
  op: BinaryOperator,
  a: CellValue | ArrayValue,
  b: CellValue | ArrayValue
): ArrayValue {
  // Arrays never change and the operation is pure: every 汇总 line repeats `tier=t`, `total+1`, `BIG−total` over
  // the same columns, so a result is kept for as long as its operand arrays live (one evaluation).
  const cache = resultsFor(op, a, b);
  const known = cache?.map.get(cache.key);
  if (known) return known;
  const result = computeElementwise(op, a, b);
  cache?.map.set(cache.key, result);
  return result;
}

/** Results by operator and operands: an array with a value (keyed by the value), or two arrays. */
const withValue = new WeakMap<ArrayValue, Map<string, ArrayValue>>();
const withArray = new WeakMap<ArrayValue, WeakMap<ArrayValue, Map<string, ArrayValue>>>();

function resultsFor(
  op: BinaryOperator,
  a: CellValue | ArrayValue,
  b: CellValue | ArrayValue
): { map: Map<string, ArrayValue>; key: string } | undefined {
  if (a instanceof ArrayValue && b instanceof ArrayValue) {
    let inner = withArray.get(a);
    if (!inner) withArray.set(a, (inner = new WeakMap()));
    let map = inner.get(b);
    if (!map) inner.set(b, (map = new Map()));
    return { map, key: op };
  }
  const array = (a instanceof ArrayValue ? a : b) as ArrayValue;
  const value = (a instanceof ArrayValue ? b : a) as CellValue;
  let map = withValue.get(array);
  if (!map) withValue.set(array, (map = new Map()));
  const valueKey =
    value instanceof FormulaError ? `e${value.code}` : `${typeof value}:${String(value)}`;
  return { map, key: `${a instanceof ArrayValue ? "L" : "R"}${op}${valueKey}` };
}

function computeElementwise(
  op: BinaryOperator,
  a: CellValue | ArrayValue,
  b: CellValue | ArrayValue
): ArrayValue {
  const shape = a instanceof ArrayValue ? a : (b as ArrayValue);
  if (
    a instanceof ArrayValue &&
    b instanceof ArrayValue &&
    (a.rows !== b.rows || a.cols !== b.cols)
  )
    return broadcast([a, b], ([x = null, y = null]) => binaryOperation(op, x, y));
  const n = shape.size;
  const arithmeticOp = op === "+" || op === "-" || op === "*" || op === "/";
  const x = numericSide(a, arithmeticOp);
  const y = numericSide(b, arithmeticOp);
  if (x !== undefined && y !== undefined) {
    const typed = arithmeticOp ? numericArithmetic(op, x, y, n) : numericComparison(op, x, y, n);
    if (typed) return new ArrayValue(shape.rows, shape.cols, typed);
  }
  const comparison = op !== "&" && !arithmeticOp && op !== "^";
  if (comparison && a instanceof ArrayValue !== b instanceof ArrayValue) {
    const array = (a instanceof ArrayValue ? a : b) as ArrayValue;
    const value = (a instanceof ArrayValue ? b : a) as CellValue;
    if (!(value instanceof FormulaError)) {
      const mask = maskAgainst(op, array, value, a instanceof ArrayValue);
      if (mask) return new ArrayValue(shape.rows, shape.cols, mask);
    }
  }
  // Element by element; a comparison's results (all booleans unless an element is an error) go straight into a mask.
  let mask: Uint8Array | undefined = new Uint8Array(n);
  let values: CellValue[] | undefined;
  for (let i = 0; i < n; i++) {
    const r = binaryOperation(op, cellAt(a, i), cellAt(b, i));
    if (mask && typeof r === "boolean") {
      mask[i] = r ? 1 : 0;
      continue;
    }
    if (!values) {
      values = new Array<CellValue>(n);
      for (let k = 0; k < i; k++) values[k] = mask ? mask[k] === 1 : null;
      mask = undefined;
    }
    values[i] = r;
  }
  if (mask) return new ArrayValue(shape.rows, shape.cols, mask);
  return ArrayValue.compact(shape.rows, shape.cols, values as CellValue[]);
}

/** + − × ÷ over numbers, or undefined when an element would be an error (the caller then goes element by element). */
function numericArithmetic(
  op: BinaryOperator,
  x: NumericSide,
  y: NumericSide,
  n: number
): Float64Array | undefined {
  const out = new Float64Array(n);
  const xs = typeof x === "number" ? undefined : x;
  const ys = typeof y === "number" ? undefined : y;
  const xv = typeof x === "number" ? x : 0;
  const yv = typeof y === "number" ? y : 0;
  // One loop per operator, no call per element: these run over whole columns for every 汇总 line.
  switch (op) {
    case "*":
      for (let i = 0; i < n; i++)
        out[i] = (xs ? (xs[i] as number) : xv) * (ys ? (ys[i] as number) : yv);
      break;
    case "/":
      for (let i = 0; i < n; i++) {
        const q = ys ? (ys[i] as number) : yv;
        if (q === 0) return undefined;
        out[i] = (xs ? (xs[i] as number) : xv) / q;
      }
      break;
    case "+":
      for (let i = 0; i < n; i++)
        out[i] = add(xs ? (xs[i] as number) : xv, ys ? (ys[i] as number) : yv);
      break;
    default:
      for (let i = 0; i < n; i++)
        out[i] = subtract(xs ? (xs[i] as number) : xv, ys ? (ys[i] as number) : yv);
  }
  for (let i = 0; i < n; i++) {
    const r = out[i] as number;
    if (r - r !== 0) return undefined; // Infinity or NaN
    if (r === 0) out[i] = 0; // no negative zero
  }
  return out;
}

/** `column = value` (or <>, <, …) where the column holds no error: straight into a mask. */
function maskAgainst(
  op: BinaryOperator,
  array: ArrayValue,
  value: number | string | boolean | null,
  arrayOnLeft: boolean
): Uint8Array | undefined {
  const n = array.size;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cell = array.item(i);
    if (cell instanceof FormulaError) return undefined;
    const order = arrayOnLeft ? compareValues(cell, value) : compareValues(value, cell);
    out[i] = meetsOrder(op as ComparisonOperator, order) ? 1 : 0;
  }
  return out;
}

function numericComparison(
  op: BinaryOperator,
  x: NumericSide,
  y: NumericSide,
  n: number
): Uint8Array | undefined {
  if (op === "&" || op === "^") return undefined;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = numbers(op, sideAt(x, i), sideAt(y, i)) === true ? 1 : 0;
  return out;
}

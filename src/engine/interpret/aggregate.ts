/**
 * Functions over many values: SUM, COUNT, AVERAGE, MAX … and SUMPRODUCT, AND, OR. Excel treats an argument
 * by where it comes from: a number, TRUE or numeric text typed as the argument itself counts (SUM("3") is 3),
 * while the same text or TRUE inside a referenced cell or an array is skipped. Errors propagate, except in
 * COUNT and COUNTA, which only count.
 */
import type { FormulaNode } from "../formula/ast";
import { parseNumberText, toBoolean } from "./coerce";
import type { Frame, Interpreter } from "./Interpreter";
import { ArrayValue, FormulaError, RangeRef, type CellValue, type Value } from "./values";

/** How a direct (typed) argument that is not a number is treated. */
type DirectRule = "convert" | "skip";

/**
 * Calls `visit` with every number the arguments hold, by Excel's rules; returns the first error met (only
 * `lenient` functions skip errors), or undefined.
 */
function eachNumber(
  ev: Interpreter,
  args: readonly FormulaNode[],
  f: Frame,
  direct: DirectRule,
  lenient: boolean,
  visit: (value: number) => void
): FormulaError | undefined {
  const inRange = (cell: CellValue): FormulaError | undefined => {
    if (typeof cell === "number") visit(cell);
    else if (cell instanceof FormulaError && !lenient) return cell;
    return undefined;
  };
  for (const arg of args) {
    if (arg.kind === "empty") continue;
    // A single-cell reference is the common case (COUNT(评委1!F3, 评委2!F3, …)): no RangeRef is made for it.
    if (arg.kind === "ref") {
      const error = inRange(ev.scalar(arg, f));
      if (error) return error;
      continue;
    }
    const value = ev.value(arg, f);
    const error =
      value instanceof RangeRef || value instanceof ArrayValue
        ? eachCell(ev, value, inRange)
        : directNumber(value, direct, lenient, visit);
    if (error) return error;
  }
  return undefined;
}

function directNumber(
  value: CellValue,
  direct: DirectRule,
  lenient: boolean,
  visit: (value: number) => void
): FormulaError | undefined {
  if (typeof value === "number") visit(value);
  else if (typeof value === "boolean") visit(value ? 1 : 0);
  else if (typeof value === "string") {
    const number = parseNumberText(value);
    if (number !== undefined) visit(number);
    else if (direct === "convert" && !lenient) return FormulaError.value;
  } else if (value instanceof FormulaError && !lenient) return value;
  return undefined;
}

/** Visits every cell of a range or element of an array until `visit` returns an error. */
export function eachCell(
  ev: Interpreter,
  value: RangeRef | ArrayValue,
  visit: (cell: CellValue) => FormulaError | undefined
): FormulaError | undefined {
  if (value instanceof ArrayValue) {
    for (const cell of value.values) {
      const error = visit(cell);
      if (error) return error;
    }
    return undefined;
  }
  for (let row = value.top; row <= value.bottom; row++) {
    for (let col = value.left; col <= value.right; col++) {
      const error = visit(ev.book.cellValue(value.sheet, row, col));
      if (error) return error;
    }
  }
  return undefined;
}

export function sum(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  let total = 0;
  const error = eachNumber(ev, args, f, "convert", false, (v) => (total += v));
  return error ?? (Number.isFinite(total) ? total : FormulaError.num);
}

export function count(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  let n = 0;
  eachNumber(ev, args, f, "skip", true, () => n++);
  return n;
}

export function average(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  let total = 0;
  let n = 0;
  const error = eachNumber(ev, args, f, "convert", false, (v) => {
    total += v;
    n++;
  });
  if (error) return error;
  return n === 0 ? FormulaError.div0 : total / n;
}

/** MAX and MIN of nothing are 0, as in Excel. */
export function extreme(which: "max" | "min") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    let best: number | undefined;
    const error = eachNumber(ev, args, f, "convert", false, (v) => {
      if (best === undefined || (which === "max" ? v > best : v < best)) best = v;
    });
    return error ?? best ?? 0;
  };
}

/** LARGE(values, k) and SMALL(values, k): the k-th largest or smallest number. */
export function kth(which: "large" | "small") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const [valuesArg, kArg] = args as [FormulaNode, FormulaNode];
    const numbers: number[] = [];
    const error = eachNumber(ev, [valuesArg], f, "convert", false, (v) => numbers.push(v));
    if (error) return error;
    const kValue = ev.scalar(kArg, f);
    const k = toPosition(kValue);
    if (k instanceof FormulaError) return k;
    if (k < 1 || k > numbers.length) return FormulaError.num;
    numbers.sort((a, b) => (which === "large" ? b - a : a - b));
    return numbers[Math.ceil(k) - 1] ?? FormulaError.num;
  };
}

function toPosition(value: CellValue): number | FormulaError {
  if (value instanceof FormulaError) return value;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === null) return 0;
  return parseNumberText(value) ?? FormulaError.value;
}

export function counta(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  let n = 0;
  for (const arg of args) {
    if (arg.kind === "empty") continue;
    const value = arg.kind === "ref" ? ev.scalar(arg, f) : ev.value(arg, f);
    if (value instanceof RangeRef || value instanceof ArrayValue) {
      eachCell(ev, value, (cell) => {
        if (cell !== null) n++;
        return undefined;
      });
    } else if (value !== null || arg.kind !== "ref") {
      // A typed argument counts whatever it is ("" and errors too); a reference to an empty cell does not.
      if (value !== null) n++;
    }
  }
  return n;
}

/** COUNTBLANK counts empty cells and cells holding "" (a formula's blank result), never 0. */
export function countblank(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const value = ev.value(args[0] as FormulaNode, f);
  if (!(value instanceof RangeRef))
    return value instanceof FormulaError ? value : FormulaError.value;
  let n = 0;
  eachCell(ev, value, (cell) => {
    if (cell === null || cell === "") n++;
    return undefined;
  });
  return n;
}

/**
 * SUMPRODUCT evaluates its arguments as arrays (so `(A1:A9="x")*B1:B9` works without Ctrl+Shift+Enter); the
 * arrays must have one shape; anything not a number counts as 0, an error is the result.
 */
export function sumproduct(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const arrayFrame: Frame = { ...f, arrays: true };
  const arrays = args.map((arg) => ev.operand(arg, arrayFrame));
  const first = arrays[0];
  const rows = first instanceof ArrayValue ? first.rows : 1;
  const cols = first instanceof ArrayValue ? first.cols : 1;
  for (const array of arrays) {
    const r = array instanceof ArrayValue ? array.rows : 1;
    const c = array instanceof ArrayValue ? array.cols : 1;
    if (r !== rows || c !== cols) return FormulaError.value;
  }
  let total = 0;
  for (let i = 0; i < rows * cols; i++) {
    let product = 1;
    for (const array of arrays) {
      const cell = array instanceof ArrayValue ? (array.values[i] ?? null) : array;
      if (cell instanceof FormulaError) return cell;
      product *= typeof cell === "number" ? cell : 0;
    }
    total += product;
  }
  return Number.isFinite(total) ? total : FormulaError.num;
}

/**
 * AND and OR: references and arrays contribute their booleans and numbers (text and blanks skipped), typed
 * arguments must read as booleans; with nothing to decide on, #VALUE!.
 */
export function logical(which: "and" | "or") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    let seen = false;
    let result = which === "and";
    const take = (b: boolean): void => {
      seen = true;
      result = which === "and" ? result && b : result || b;
    };
    const inRange = (cell: CellValue): FormulaError | undefined => {
      if (cell instanceof FormulaError) return cell;
      if (typeof cell === "boolean") take(cell);
      else if (typeof cell === "number") take(cell !== 0);
      return undefined;
    };
    for (const arg of args) {
      if (arg.kind === "empty") continue;
      const value = arg.kind === "ref" ? ev.scalar(arg, f) : ev.value(arg, f);
      if (value instanceof RangeRef || value instanceof ArrayValue) {
        const error = eachCell(ev, value, inRange);
        if (error) return error;
      } else if (arg.kind === "ref") {
        const error = inRange(value);
        if (error) return error;
      } else if (value !== null) {
        const b = toBoolean(value);
        if (b instanceof FormulaError) return b;
        take(b);
      }
    }
    return seen ? result : FormulaError.value;
  };
}

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

/** What SUM, COUNT, AVERAGE, MAX, MIN and LARGE need of the numbers met, gathered in one pass, no closure per cell. */
class Numbers {
  count = 0;
  sum = 0;
  max = -Infinity;
  min = Infinity;
  /** The first error met by a lenient gathering (COUNT skips it; SUM, MAX and MIN of the same cells return it). */
  firstError: FormulaError | undefined;
  constructor(readonly list?: number[]) {}

  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
    this.list?.push(value);
  }
}

/**
 * Gathers every number the arguments hold, by Excel's rules; returns the first error met (only `lenient`
 * functions skip errors), or undefined.
 */
function collect(
  ev: Interpreter,
  args: readonly FormulaNode[],
  f: Frame,
  direct: DirectRule,
  lenient: boolean,
  into: Numbers
): FormulaError | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as FormulaNode;
    if (arg.kind === "empty") continue;
    // A single-cell reference is the common case (COUNT(评委1!F3, 评委2!F3, …)): no RangeRef is made for it.
    if (arg.kind === "ref") {
      const cell = ev.scalar(arg, f);
      if (typeof cell === "number") into.add(cell);
      else if (cell instanceof FormulaError) {
        if (!lenient) return cell;
        into.firstError ??= cell;
      }
      continue;
    }
    const value = ev.value(arg, f);
    if (value instanceof RangeRef) {
      for (let row = value.top; row <= value.bottom; row++) {
        for (let col = value.left; col <= value.right; col++) {
          const cell = ev.book.cellValue(value.sheet, row, col);
          if (typeof cell === "number") into.add(cell);
          else if (cell instanceof FormulaError) {
            if (!lenient) return cell;
            into.firstError ??= cell;
          }
        }
      }
    } else if (value instanceof ArrayValue) {
      if (value.numbers) for (const n of value.numbers) into.add(n);
      else if (!value.booleans) {
        for (let i = 0; i < value.size; i++) {
          const cell = value.item(i);
          if (typeof cell === "number") into.add(cell);
          else if (cell instanceof FormulaError) {
            if (!lenient) return cell;
            into.firstError ??= cell;
          }
        }
      }
    } else {
      const error = directNumber(value, direct, lenient, into);
      if (error) return error;
    }
  }
  return undefined;
}

/**
 * The last cell's gathering of single-cell references: a criterion score takes COUNT, SUM, MAX and MIN of the
 * same judges' cells (seven calls in one formula), so the cells are read once per formula cell, not seven times.
 * Keyed by the frame and its cell (one cell's evaluation) and the very argument nodes; a cell's values never change.
 */
let lastGathering:
  | {
      readonly frame: Frame;
      readonly cell: number | undefined;
      readonly args: readonly FormulaNode[];
      readonly numbers: Numbers;
    }
  | undefined;

/** Numbers of the arguments, or the error a strict function returns: all references gathered once per cell. */
function gather(
  ev: Interpreter,
  args: readonly FormulaNode[],
  f: Frame,
  direct: DirectRule,
  lenient: boolean,
  list?: number[]
): Numbers | FormulaError {
  if (list === undefined && args.length > 1 && args.every((arg) => arg.kind === "ref")) {
    const last = lastGathering;
    let numbers: Numbers;
    if (last && last.frame === f && last.cell === f.cell && sameNodes(last.args, args))
      numbers = last.numbers;
    else {
      numbers = new Numbers();
      collect(ev, args, f, direct, true, numbers);
      lastGathering = { frame: f, cell: f.cell, args, numbers };
    }
    return !lenient && numbers.firstError ? numbers.firstError : numbers;
  }
  const numbers = new Numbers(list);
  const error = collect(ev, args, f, direct, lenient, numbers);
  return error ?? numbers;
}

function sameNodes(a: readonly FormulaNode[], b: readonly FormulaNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function directNumber(
  value: CellValue,
  direct: DirectRule,
  lenient: boolean,
  into: Numbers
): FormulaError | undefined {
  if (typeof value === "number") into.add(value);
  else if (typeof value === "boolean") into.add(value ? 1 : 0);
  else if (typeof value === "string") {
    const number = parseNumberText(value);
    if (number !== undefined) into.add(number);
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
    const n = value.size;
    for (let i = 0; i < n; i++) {
      const error = visit(value.item(i));
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
  const numbers = gather(ev, args, f, "convert", false);
  if (numbers instanceof FormulaError) return numbers;
  return Number.isFinite(numbers.sum) ? numbers.sum : FormulaError.num;
}

export function count(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const numbers = gather(ev, args, f, "skip", true);
  return numbers instanceof FormulaError ? 0 : numbers.count;
}

export function average(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const numbers = gather(ev, args, f, "convert", false);
  if (numbers instanceof FormulaError) return numbers;
  return numbers.count === 0 ? FormulaError.div0 : numbers.sum / numbers.count;
}

/** MAX and MIN of nothing are 0, as in Excel. */
export function extreme(which: "max" | "min") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const numbers = gather(ev, args, f, "convert", false);
    if (numbers instanceof FormulaError) return numbers;
    if (numbers.count === 0) return 0;
    return which === "max" ? numbers.max : numbers.min;
  };
}

/** LARGE(values, k) and SMALL(values, k): the k-th largest or smallest number. */
export function kth(which: "large" | "small") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const [valuesArg, kArg] = args as [FormulaNode, FormulaNode];
    const sorted = sortedNumbers(ev, valuesArg, f);
    if (sorted instanceof FormulaError) return sorted;
    const kValue = ev.scalar(kArg, f);
    const k = toPosition(kValue);
    if (k instanceof FormulaError) return k;
    if (k < 1 || k > sorted.length) return FormulaError.num;
    const at = Math.ceil(k) - 1;
    return (which === "large" ? sorted[sorted.length - 1 - at] : sorted[at]) ?? FormulaError.num;
  };
}

/**
 * The numbers of LARGE/SMALL's first argument, ascending. A range is sorted once per evaluation: 汇总 takes each
 * line's highest and lowest from the same 10,000-row key column (sorting it for every line was most of the time).
 */
const sortedRanges = new WeakMap<Interpreter, Map<string, Float64Array | FormulaError>>();
function sortedNumbers(ev: Interpreter, arg: FormulaNode, f: Frame): Float64Array | FormulaError {
  const value = arg.kind === "ref" ? undefined : ev.value(arg, f);
  const key =
    value instanceof RangeRef
      ? `${value.sheet}:${value.top}:${value.left}:${value.bottom}:${value.right}`
      : undefined;
  let cache = sortedRanges.get(ev);
  const known = key === undefined ? undefined : cache?.get(key);
  if (known !== undefined) return known;
  const gathered = gather(ev, [arg], f, "convert", false, []);
  const sorted =
    gathered instanceof FormulaError
      ? gathered
      : new Float64Array(gathered.list as number[]).sort();
  if (key !== undefined) {
    if (!cache) sortedRanges.set(ev, (cache = new Map()));
    cache.set(key, sorted);
  }
  return sorted;
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
      let factor: number;
      if (array instanceof ArrayValue) {
        if (array.numbers) factor = array.numbers[i] as number;
        else if (array.booleans) factor = 0;
        else {
          const cell = array.item(i);
          if (cell instanceof FormulaError) return cell;
          factor = typeof cell === "number" ? cell : 0;
        }
      } else {
        if (array instanceof FormulaError) return array;
        factor = typeof array === "number" ? array : 0;
      }
      product *= factor;
    }
    total += product;
  }
  return Number.isFinite(total) ? total : FormulaError.num;
}

/** What AND or OR has decided so far, one per call: no closure is made per formula cell. */
export class Decision {
  seen = false;
  result: boolean;
  constructor(readonly and: boolean) {
    this.result = and;
  }

  /** Undecided again, for another call (a compiled AND/OR keeps one). */
  reset(): this {
    this.seen = false;
    this.result = this.and;
    return this;
  }

  take(b: boolean): void {
    this.seen = true;
    this.result = this.and ? this.result && b : this.result || b;
  }

  /** A referenced cell or an array element: booleans and numbers count, text and blanks are skipped. */
  takeCell(cell: CellValue): FormulaError | undefined {
    if (cell instanceof FormulaError) return cell;
    if (typeof cell === "boolean") this.take(cell);
    else if (typeof cell === "number") this.take(cell !== 0);
    return undefined;
  }
}

/**
 * AND and OR: references and arrays contribute their booleans and numbers (text and blanks skipped), typed
 * arguments must read as booleans; with nothing to decide on, #VALUE!.
 */
export function logical(which: "and" | "or") {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const decision = new Decision(which === "and");
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as FormulaNode;
      if (arg.kind === "empty") continue;
      const value = arg.kind === "ref" ? ev.scalar(arg, f) : ev.value(arg, f);
      if (value instanceof RangeRef || value instanceof ArrayValue) {
        const error = eachCell(ev, value, (cell) => decision.takeCell(cell));
        if (error) return error;
      } else if (arg.kind === "ref") {
        const error = decision.takeCell(value);
        if (error) return error;
      } else if (value !== null) {
        const b = toBoolean(value);
        if (b instanceof FormulaError) return b;
        decision.take(b);
      }
    }
    return decision.seen ? decision.result : FormulaError.value;
  };
}

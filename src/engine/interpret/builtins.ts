/**
 * Every whitelisted function's meaning (src/engine/formula/functions.ts), once. A `scalar` function takes plain
 * values (a reference gives its cell's value) and, in array mode, is applied element by element; a `custom`
 * one receives its argument nodes, to evaluate lazily (IF), keep references (INDEX, SUM) or read ranges.
 */
import type { FormulaNode } from "../formula/ast";
import { knownFunctions } from "../formula/functions";
import {
  average,
  count,
  counta,
  countblank,
  extreme,
  kth,
  logical,
  sum,
  sumproduct,
} from "./aggregate";
import { toBoolean, toNumber, toText, parseNumberText } from "./coerce";
import { countifs, sumif, sumifs } from "./conditional";
import { addMonthsToSerial, dateSerial, serialDate } from "./dates";
import { excelRound } from "./excelRound";
import type { Frame, Interpreter } from "./Interpreter";
import { choose, dimension, index, match, rowOrColumn, vlookup } from "./lookup";
import { broadcast, finite } from "./operators";
import { formatValue } from "./textFormat";
import { ArrayValue, FormulaError, type CellValue, type Value } from "./values";

export type Builtin =
  | {
      readonly kind: "scalar";
      /** True: an error among the arguments is the result before the function runs. */
      readonly propagatesErrors: boolean;
      evaluate(values: readonly CellValue[], f: Frame): CellValue;
    }
  | {
      readonly kind: "custom";
      evaluate(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value;
    };

function scalar(evaluate: (values: readonly CellValue[], f: Frame) => CellValue): Builtin {
  return { kind: "scalar", propagatesErrors: true, evaluate };
}

/** A scalar function that sees errors itself (ISERROR, ISNUMBER …). */
function inspecting(evaluate: (values: readonly CellValue[]) => CellValue): Builtin {
  return { kind: "scalar", propagatesErrors: false, evaluate };
}

function custom(
  evaluate: (ev: Interpreter, args: readonly FormulaNode[], f: Frame) => Value
): Builtin {
  return { kind: "custom", evaluate };
}

/**
 * The first argument's value, blank when absent. Functions read their values by index: a destructuring pattern
 * (`([value]) =>`) walks an iterator, an object per call, until the optimiser removes it.
 */
function first(values: readonly CellValue[]): CellValue {
  return values[0] ?? null;
}

/** The numbers of a function's arguments, or the first argument that is not one. */
function numbers(values: readonly CellValue[]): number[] | FormulaError {
  const out: number[] = [];
  for (const value of values) {
    const n = toNumber(value);
    if (n instanceof FormulaError) return n;
    out.push(n);
  }
  return out;
}

function numeric(fn: (a: number, b?: number, c?: number) => CellValue): Builtin {
  return scalar((values) => {
    // Up to three arguments, read without building a list: ROUND alone runs ten times a row.
    const a = toNumber(values[0] ?? null);
    if (a instanceof FormulaError) return a;
    if (values.length === 1) return fn(a);
    const b = toNumber(values[1] ?? null);
    if (b instanceof FormulaError) return b;
    if (values.length === 2) return fn(a, b);
    const c = toNumber(values[2] ?? null);
    if (c instanceof FormulaError) return c;
    return fn(a, b, c);
  });
}

function text(fn: (value: string, ...rest: number[]) => CellValue): Builtin {
  return scalar((values) => {
    const first = toText(values[0] ?? null);
    if (first instanceof FormulaError) return first;
    const rest = numbers(values.slice(1));
    return rest instanceof FormulaError ? rest : fn(first, ...rest);
  });
}

/** IF evaluates only the branch taken; an omitted branch taken is 0 (Excel; LibreOffice leaves it blank). */
function ifFunction(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  // Indexed, not destructured: an array pattern walks an iterator until the optimiser removes it.
  const conditionArg = args[0] as FormulaNode;
  const thenArg = args[1] as FormulaNode;
  const elseArg = args[2];
  const condition = f.arrays ? ev.operand(conditionArg, f) : ev.scalar(conditionArg, f);
  if (condition instanceof ArrayValue) {
    const whenTrue = ev.toArray(branch(ev, thenArg, true, f));
    const whenFalse = ev.toArray(branch(ev, elseArg, false, f));
    return broadcast([condition, whenTrue, whenFalse], ([c = null, t = null, e = null]) => {
      const b = toBoolean(c);
      return b instanceof FormulaError ? b : b ? t : e;
    });
  }
  const b = toBoolean(condition);
  if (b instanceof FormulaError) return b;
  return b ? branch(ev, thenArg, true, f) : branch(ev, elseArg, false, f);
}

function branch(ev: Interpreter, node: FormulaNode | undefined, taken: boolean, f: Frame): Value {
  if (node === undefined) return taken;
  return node.kind === "empty" ? 0 : ev.value(node, f);
}

/** IFERROR and IFNA: the first argument unless it is an error (of the kind caught). */
function catching(onlyNa: boolean) {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const valueArg = args[0] as FormulaNode;
    const fallbackArg = args[1] as FormulaNode;
    const caught = (v: CellValue): boolean =>
      v instanceof FormulaError && (!onlyNa || v.code === "#N/A");
    const value = f.arrays ? ev.operand(valueArg, f) : ev.scalar(valueArg, f);
    if (value instanceof ArrayValue) {
      const fallback = ev.operand(fallbackArg, f);
      return broadcast([value, fallback], ([v = null, alt = null]) => (caught(v) ? alt : v));
    }
    if (!caught(value)) return value;
    return fallbackArg.kind === "empty" ? 0 : ev.value(fallbackArg, f);
  };
}

function today(ev: Interpreter): Value {
  return ev.book.today ?? FormulaError.na;
}

/** YEAR, MONTH and DAY of a serial. */
function datePart(part: "year" | "month" | "day"): Builtin {
  return numeric((serial) => {
    const date = serialDate(serial);
    return date ? date[part] : FormulaError.num;
  });
}

function trimSpaces(value: string): string {
  // TRIM removes ASCII spaces only: a full-width space (U+3000) or a no-break space stays.
  return value.replace(/ {2,}/g, " ").replace(/^ | $/g, "");
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["SUM", custom(sum)],
  ["COUNT", custom(count)],
  ["COUNTA", custom(counta)],
  ["COUNTBLANK", custom(countblank)],
  ["COUNTIF", custom(countifs)],
  ["COUNTIFS", custom(countifs)],
  ["SUMIF", custom(sumif(false))],
  ["SUMIFS", custom(sumifs(false))],
  ["AVERAGE", custom(average)],
  ["AVERAGEIF", custom(sumif(true))],
  ["AVERAGEIFS", custom(sumifs(true))],
  ["MAX", custom(extreme("max"))],
  ["MIN", custom(extreme("min"))],
  ["LARGE", custom(kth("large"))],
  ["SMALL", custom(kth("small"))],
  ["SUMPRODUCT", custom(sumproduct)],
  [
    "ROUND",
    numeric((x, digits) =>
      finite(excelRound(x, Math.trunc(Math.max(-308, Math.min(308, digits ?? 0)))))
    ),
  ],
  ["INT", numeric((x) => Math.floor(x))],
  ["ABS", numeric((x) => Math.abs(x))],
  ["IF", custom(ifFunction)],
  ["IFERROR", custom(catching(false))],
  ["IFNA", custom(catching(true))],
  ["AND", custom(logical("and"))],
  ["OR", custom(logical("or"))],
  [
    "NOT",
    scalar((values) => {
      const b = toBoolean(first(values));
      return b instanceof FormulaError ? b : !b;
    }),
  ],
  ["ISNUMBER", inspecting((values) => typeof values[0] === "number")],
  ["ISBLANK", inspecting((values) => first(values) === null)],
  ["ISTEXT", inspecting((values) => typeof values[0] === "string")],
  ["ISLOGICAL", inspecting((values) => typeof values[0] === "boolean")],
  [
    "TYPE",
    inspecting((values) => {
      const value = first(values);
      return value instanceof FormulaError
        ? 16
        : typeof value === "string"
          ? 2
          : typeof value === "boolean"
            ? 4
            : 1;
    }),
  ],
  ["ISERROR", inspecting((values) => values[0] instanceof FormulaError)],
  [
    "ISNA",
    inspecting((values) => {
      const value = values[0];
      return value instanceof FormulaError && value.code === "#N/A";
    }),
  ],
  [
    "N",
    scalar((values) => {
      const value = first(values);
      return typeof value === "number" ? value : typeof value === "boolean" ? (value ? 1 : 0) : 0;
    }),
  ],
  ["NA", scalar(() => FormulaError.na)],
  ["INDEX", custom(index)],
  ["MATCH", custom(match)],
  ["VLOOKUP", custom(vlookup)],
  ["CHOOSE", custom(choose)],
  ["ROWS", custom(dimension("rows"))],
  ["COLUMNS", custom(dimension("columns"))],
  ["ROW", custom(rowOrColumn("row"))],
  ["COLUMN", custom(rowOrColumn("column"))],
  ["DATE", numeric((y, m, d) => dateSerial(y ?? 0, m ?? 0, d ?? 0, true) ?? FormulaError.num)],
  ["TODAY", custom(today)],
  [
    "EDATE",
    numeric((start, months) =>
      start < 0 ? FormulaError.num : (addMonthsToSerial(start, months ?? 0) ?? FormulaError.num)
    ),
  ],
  ["YEAR", datePart("year")],
  ["MONTH", datePart("month")],
  ["DAY", datePart("day")],
  [
    "TEXT",
    scalar((values) => {
      const value = first(values);
      const pattern = toText(values[1] ?? null);
      if (pattern instanceof FormulaError) return pattern;
      return formatValue(value === null ? 0 : (value as number | string | boolean), pattern);
    }),
  ],
  ["LEN", text((value) => value.length)],
  ["TRIM", text((value) => trimSpaces(value))],
  ["LEFT", scalar((values) => leftOrRight("left", values))],
  ["RIGHT", scalar((values) => leftOrRight("right", values))],
  [
    "MID",
    text((value, start = 1, length = 0) => {
      const from = Math.trunc(start);
      const n = Math.trunc(length);
      if (from < 1 || n < 0) return FormulaError.value;
      return value.slice(from - 1, from - 1 + n);
    }),
  ],
  [
    "CONCATENATE",
    scalar((values) => {
      let out = "";
      for (const value of values) {
        const t = toText(value);
        if (t instanceof FormulaError) return t;
        out += t;
      }
      return out;
    }),
  ],
  [
    "VALUE",
    scalar((values) => {
      const value = first(values);
      if (typeof value === "number") return value;
      if (value === null) return 0;
      if (typeof value === "string") return parseNumberText(value) ?? FormulaError.value;
      return FormulaError.value;
    }),
  ],
  // HYPERLINK shows its friendly name (or the link): what a cell holding it displays and compares as.
  ["HYPERLINK", scalar((values) => (values.length > 1 ? (values[1] ?? 0) : (values[0] ?? 0)))],
]);

/** LEFT(text, [n]) and RIGHT(text, [n]): n defaults to 1; a negative n is #VALUE!. */
function leftOrRight(which: "left" | "right", values: readonly CellValue[]): CellValue {
  const value = toText(values[0] ?? null);
  if (value instanceof FormulaError) return value;
  const n = values.length > 1 ? toNumber(values[1] ?? null) : 1;
  if (n instanceof FormulaError) return n;
  const count = Math.trunc(n);
  if (count < 0) return FormulaError.value;
  return which === "left" ? value.slice(0, count) : count === 0 ? "" : value.slice(-count);
}

/** A whitelisted, allowed function with its meaning and argument counts: what a call looks up, once per name. */
export interface Callable {
  readonly builtin: Builtin;
  readonly minArgs: number;
  readonly maxArgs: number;
}

export const CALLABLE: ReadonlyMap<string, Callable> = new Map(
  knownFunctions().flatMap((fn) => {
    const builtin = BUILTINS.get(fn.name);
    return fn.allowed && builtin
      ? [[fn.name, { builtin, minArgs: fn.minArgs, maxArgs: fn.maxArgs }] as const]
      : [];
  })
);

/** A plain-value function applied: errors among its arguments propagate first unless it inspects them. */
export function applyScalar(
  builtin: Extract<Builtin, { kind: "scalar" }>,
  values: readonly CellValue[],
  f: Frame
): CellValue {
  if (builtin.propagatesErrors) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value instanceof FormulaError) return value;
    }
  }
  return builtin.evaluate(values, f);
}

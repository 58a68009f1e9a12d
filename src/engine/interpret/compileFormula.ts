/**
 * A formula tree turned into closures, once per tree: a filled formula's first-row tree serves every row of its
 * column, so walking it node by node for each of 10,000 rows (a switch on the node's kind, a function lookup by
 * name, a sheet lookup by name per reference) is work done 10,000 times over. The closures do only what depends
 * on the row. Meaning stays in one place: a closure does exactly what Interpreter.scalar/value would for its node
 * (outside array mode) and hands every node it has no closure for back to the interpreter, so functions other than
 * IF, AND, OR, COUNTIF(S) over fixed ranges, COUNT/SUM/AVERAGE/MAX/MIN of single cells and small ranges and the
 * plain-value ones (ISNUMBER, ROUND …) are still evaluated by their builtins. A closure keeps what it can reuse
 * from call to call (its argument list, criteria read before) rather than making garbage per cell, and makes it
 * anew when it is entered again while still working (a cell it reads holds the same formula).
 */
import type { BinaryOperator, FormulaNode } from "../formula/ast";
import { eachCell, Decision } from "./aggregate";
import { CALLABLE, applyScalar, type Builtin } from "./builtins";
import { add, approxEqual, subtract, toBoolean, toNumber } from "./coerce";
import { isCriterionOperator, numberCriterion, parseCriterion, type Criterion } from "./criteria";
import type { CellColumn, Frame, Interpreter, WorkbookContext } from "./Interpreter";
import { binaryOperation, finite } from "./operators";
import {
  ArrayValue,
  FormulaError,
  MAX_COL,
  MAX_ROW,
  RangeRef,
  type CellValue,
  type Value,
} from "./values";

/** A node's value for an operator or a plain argument (Interpreter.scalar), outside array mode. */
export type CompiledScalar = (f: Frame) => CellValue;
/** A node's value with references kept (Interpreter.value), outside array mode. */
type CompiledValue = (f: Frame) => Value;

/** The numbers among some cells, and the first error among them (one object per gathering, rewritten per cell). */
interface Gathered {
  count: number;
  sum: number;
  max: number;
  min: number;
  error: FormulaError | undefined;
}
type Gather = (f: Frame) => Gathered;

function sameNodes(a: readonly FormulaNode[], b: readonly FormulaNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type RefNode = Extract<FormulaNode, { kind: "ref" }>;
/** A context that reads cells by column (WorkbookContext.column). */
type ColumnBook = Required<Pick<WorkbookContext, "column">>;

/**
 * Functions whose value is fixed by their arguments' values (over ranges fixed in the formula): nothing that
 * depends on where it is evaluated (ROW, COLUMN), reads around a reference (OFFSET, INDIRECT) or changes (TODAY).
 */
const VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  "ABS",
  "AND",
  "COUNT",
  "COUNTIF",
  "COUNTIFS",
  "IF",
  "IFERROR",
  "INDEX",
  "INT",
  "ISBLANK",
  "ISERROR",
  "ISLOGICAL",
  "ISNUMBER",
  "ISTEXT",
  "LARGE",
  "MATCH",
  "MAX",
  "MIN",
  "NOT",
  "OR",
  "ROUND",
  "SMALL",
  "SUM",
  "TYPE",
]);

/**
 * What a part of a formula depends on: constants, fixed cells and ranges (with `$` rows) and defined names for
 * them, and at most one row-relative cell (`variable`), which `eager` says it reads whatever branch is taken.
 * Such a part gives the same value wherever that cell holds the same value (on one sheet, within one
 * evaluation), so its value can be kept per value of that cell: a criterion score checks each judge's entry with
 * `IF(ISNUMBER(F3),OR(ISLOGICAL(F3),TYPE(F3)<>1,F3<0,F3>SF_Max_C1,ABS(F3/SF_ScoreStep-ROUND(…))>1E-9),F3<>"")`,
 * 30 nodes over one cell whose values are the few scores a rubric allows.
 */
interface Shape {
  readonly size: number;
  /** The row-relative cells read, at most MEMO_CELLS. */
  readonly variables: readonly Variable[];
}

interface Variable {
  readonly node: RefNode;
  /** The cell's position, to tell two references to one cell from references to two. */
  readonly key: string;
  readonly eager: boolean;
}

const CONSTANT: Shape = { size: 1, variables: [] };
/** A part reading more cells than this is not kept: its values seldom repeat. */
const MEMO_CELLS = 2;

/** Ranges up to this many cells are read by a compiled COUNT/SUM/AVERAGE/MAX/MIN cell by cell (a judge's row of scores). */
const AGGREGATE_CELLS = 64;

/** Parts smaller than this are cheaper to evaluate than to look up. */
const MEMO_MIN_NODES = 8;
/** A memo is dropped once it has missed this many times with fewer hits than misses: values that never repeat. */
const MEMO_TRIAL = 256;

function refKey(node: RefNode): string {
  return `${node.sheet ?? ""}!${node.at.row}:${node.at.col}:${node.at.colAbsolute === true}`;
}

/** The parts' shapes joined under one node of `size` (null when two cells vary or a part is not a value). */
function joined(
  size: number,
  parts: readonly (Shape | null)[],
  eagerParts: readonly boolean[]
): Shape | null {
  let total = size;
  const variables: Variable[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === null || part === undefined) return null;
    total += part.size;
    for (const variable of part.variables) {
      const eager = eagerParts[i] === true && variable.eager;
      const at = variables.findIndex((known) => known.key === variable.key);
      if (at < 0) variables.push({ ...variable, eager });
      else if (eager && !variables[at]?.eager) variables[at] = { ...variable, eager };
    }
    if (variables.length > MEMO_CELLS) return null;
  }
  return { size: total, variables };
}

/**
 * `inner` with its values kept per value of the cell `variable` reads, on each sheet. An error in that cell, array
 * mode, or a circular reference met anywhere in the evaluation (WorkbookContext.circularMet: a value read inside
 * a cycle is not the cell's final value) evaluate `inner` as it is.
 */
function memoised<T extends Value>(
  ev: Interpreter,
  variables: readonly CompiledScalar[],
  inner: (f: Frame) => T
): (f: Frame) => T {
  const bySheet = new Map<number, Map<CellValue, T | Map<CellValue, T>>>();
  let sheet = -1;
  let memo: Map<CellValue, T | Map<CellValue, T>> = new Map();
  let hits = 0;
  let misses = 0;
  let off = ev.book.circularMet === undefined;
  const first = variables[0] as CompiledScalar;
  const second = variables[1];
  return (f) => {
    if (off || f.arrays) return inner(f);
    const key = first(f);
    if (key instanceof FormulaError) return inner(f);
    const key2 = second === undefined ? undefined : second(f);
    if (key2 instanceof FormulaError) return inner(f);
    if (f.sheet !== sheet) {
      sheet = f.sheet;
      memo = bySheet.get(sheet) ?? new Map();
      bySheet.set(sheet, memo);
    }
    // One cell: value → result; two: first value → second value → result.
    let values = memo as Map<CellValue, T>;
    if (second !== undefined) {
      let inner2 = memo.get(key) as Map<CellValue, T> | undefined;
      if (inner2 === undefined) memo.set(key, (inner2 = new Map()));
      values = inner2;
    }
    const lookup = second === undefined ? key : (key2 as CellValue);
    const known = values.get(lookup);
    if (known !== undefined) {
      hits++;
      return known;
    }
    const value = inner(f);
    if (value !== undefined && ev.book.circularMet === false) values.set(lookup, value);
    if (++misses >= MEMO_TRIAL && hits < misses) {
      off = true;
      bySheet.clear();
    }
    return value;
  };
}

/**
 * Criteria read so far, by the value they were read from (a tier's name on every row; a judge's totals, a few
 * hundred values), until values stop repeating (回避's keys, rank keys: one per nominee). A criterion is never
 * changed once read, so one serves every row with the same value; −0 is read apart (a Map takes it for 0).
 */
class CriteriaByValue<K extends string | number> {
  private known: Map<K, Criterion> | undefined = new Map();
  private hits = 0;
  private misses = 0;

  get(value: K): Criterion | undefined {
    if (this.known === undefined || Object.is(value, -0)) return undefined;
    const criterion = this.known.get(value);
    if (criterion !== undefined) this.hits++;
    return criterion;
  }

  /** Keeps `criterion` for `value` (while values repeat) and returns it. */
  keep(value: K, criterion: Criterion): Criterion {
    if (this.known === undefined || Object.is(value, -0)) return criterion;
    if (++this.misses >= MEMO_TRIAL && this.hits < this.misses) this.known = undefined;
    else this.known.set(value, criterion);
    return criterion;
  }
}

/**
 * binaryOperation for one operator, decided once: two numbers (most of the work) go straight to the operator's
 * arithmetic or comparison, as binaryOperation's first line sends them; a value compared with a written text
 * (`J3="待更正"`, `F3=""`) that is that very text, or blank against "", is equal without folding case, and a
 * number or TRUE/FALSE never is (type order), nor is "" or blank any other text or any other text "" (folding
 * case keeps a text's length above 0); `=` and `<>` of the very same text, and `+` of numbers and TRUE/FALSE
 * (评委分析 adds comparisons up), need no coercion either; anything else is binaryOperation's.
 */
function operation(
  op: BinaryOperator,
  left: CompiledScalar,
  right: CompiledScalar,
  rightNode: FormulaNode
): CompiledScalar {
  if ((op === "=" || op === "<>") && rightNode.kind === "text") {
    const text = rightNode.value;
    const equal = op === "=";
    const blankToo = text === "";
    return (f) => {
      const a = left(f);
      if (a === text || (a === null && blankToo)) return equal;
      if (
        a === null ||
        typeof a === "number" ||
        typeof a === "boolean" ||
        (typeof a === "string" && (blankToo || a === ""))
      )
        return !equal;
      return binaryOperation(op, a, text);
    };
  }
  switch (op) {
    case "+":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return finite(add(a, b));
        if (
          (typeof a === "number" || typeof a === "boolean") &&
          (typeof b === "number" || typeof b === "boolean")
        )
          return finite(add(Number(a), Number(b)));
        return binaryOperation(op, a, b);
      };
    case "-":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return finite(subtract(a, b));
        return binaryOperation(op, a, b);
      };
    case "*":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return finite(a * b);
        return binaryOperation(op, a, b);
      };
    case "/":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number")
          return b === 0 ? FormulaError.div0 : finite(a / b);
        return binaryOperation(op, a, b);
      };
    case "=":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return approxEqual(a, b);
        if (typeof a === "string" && a === b) return true;
        return binaryOperation(op, a, b);
      };
    case "<>":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return !approxEqual(a, b);
        if (typeof a === "string" && a === b) return false;
        return binaryOperation(op, a, b);
      };
    case "<":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return a < b && !approxEqual(a, b);
        return binaryOperation(op, a, b);
      };
    case "<=":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return a < b || approxEqual(a, b);
        return binaryOperation(op, a, b);
      };
    case ">":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return a > b && !approxEqual(a, b);
        return binaryOperation(op, a, b);
      };
    case ">=":
      return (f) => {
        const a = left(f);
        const b = right(f);
        if (typeof a === "number" && typeof b === "number") return a > b || approxEqual(a, b);
        return binaryOperation(op, a, b);
      };
    case "^":
      return (f) => {
        const a = left(f);
        const b = right(f);
        // 0^0 is #NUM! in Excel (LibreOffice gives 1), as binaryOperation says.
        if (typeof a === "number" && typeof b === "number")
          return a === 0 && b === 0 ? FormulaError.num : finite(a ** b);
        return binaryOperation(op, a, b);
      };
    default:
      return (f) => binaryOperation(op, left(f), right(f));
  }
}

/**
 * Closures for `root`. `repeated`: calls occurring more than once in the tree, which the interpreter evaluates
 * once per cell through the frame's cache (Frame.repeated); they are handed back to it.
 */
export function compileFormula(
  ev: Interpreter,
  root: FormulaNode,
  repeated: readonly FormulaNode[]
): CompiledScalar {
  const handedBack = new Set(repeated);
  const shapes = new Map<FormulaNode, Shape | null>();
  /** True while compiling the inside of a memoised part: no memo is nested in another. */
  let insideMemo = false;

  function scalarOf(node: FormulaNode): CompiledScalar {
    const variables = insideMemo ? undefined : memoVariables(node);
    if (variables === undefined) return plainScalarOf(node);
    insideMemo = true;
    const inner = plainScalarOf(node);
    insideMemo = false;
    return memoised(ev, variables.map(reference), inner);
  }

  function valueOf(node: FormulaNode): CompiledValue {
    const variables = insideMemo || node.kind !== "call" ? undefined : memoVariables(node);
    if (variables === undefined) return plainValueOf(node);
    insideMemo = true;
    const inner = plainValueOf(node);
    insideMemo = false;
    return memoised(ev, variables.map(reference), inner);
  }

  /**
   * The one row-relative cell a part of the formula reads when its value is fixed by that cell's value alone
   * (see Shape), read whatever branch is taken, and the part is worth a memo (MEMO_MIN_NODES); else undefined.
   */
  function memoVariables(node: FormulaNode): RefNode[] | undefined {
    if (node.kind !== "call" && node.kind !== "binary") return undefined;
    const shape = shapeOf(node);
    return shape &&
      shape.variables.length > 0 &&
      shape.variables.every((variable) => variable.eager) &&
      shape.size >= MEMO_MIN_NODES
      ? shape.variables.map((variable) => variable.node)
      : undefined;
  }

  function shapeOf(node: FormulaNode): Shape | null {
    let known = shapes.get(node);
    if (known === undefined) {
      // A name met again inside its own formula reads as not a value: no endless walk.
      shapes.set(node, null);
      known = nodeShape(node);
      shapes.set(node, known);
    }
    return known;
  }

  /** Shape of a node (null: its value depends on more than one cell's value, or on where it is evaluated). */
  function nodeShape(node: FormulaNode): Shape | null {
    switch (node.kind) {
      case "number":
      case "text":
      case "bool":
      case "empty":
        return CONSTANT;
      case "ref":
        return node.at.rowAbsolute === true
          ? CONSTANT
          : { size: 1, variables: [{ node, key: refKey(node), eager: true }] };
      case "range":
        return node.from.rowAbsolute === true && node.to.rowAbsolute === true ? CONSTANT : null;
      case "name": {
        const refersTo = ev.book.definedName(node.name);
        if (refersTo === undefined) return CONSTANT;
        const shape = shapeOf(refersTo);
        return shape !== null && shape.variables.length === 0 ? CONSTANT : null;
      }
      case "negate":
        return joined(1, [shapeOf(node.operand)], [true]);
      case "binary":
        return joined(1, [shapeOf(node.left), shapeOf(node.right)], [true, true]);
      case "call": {
        const fn = node.fn.toUpperCase();
        if (!VALUE_FUNCTIONS.has(fn)) return null;
        // IF and IFERROR evaluate only the branch taken: a cell read in a branch alone is not read always.
        const lazyFrom = fn === "IF" || fn === "IFERROR" ? 1 : node.args.length;
        return joined(
          1,
          node.args.map(shapeOf),
          node.args.map((_arg, i) => i < lazyFrom)
        );
      }
    }
  }

  function plainScalarOf(node: FormulaNode): CompiledScalar {
    switch (node.kind) {
      case "number":
      case "text":
      case "bool": {
        const value = node.value;
        return () => value;
      }
      case "empty":
        return () => null;
      case "ref":
        return reference(node);
      case "binary": {
        const op = node.op;
        return operation(op, scalarOf(node.left), scalarOf(node.right), node.right);
      }
      case "negate": {
        const operand = scalarOf(node.operand);
        return (f) => {
          const n = toNumber(operand(f));
          return typeof n === "number" ? (n === 0 ? 0 : -n) : n;
        };
      }
      case "call": {
        const compiled = aggregate(node) ?? (handedBack.has(node) ? undefined : call(node));
        if (compiled) return compiled.scalar;
        return (f) => ev.scalar(node, f);
      }
      case "name": {
        // A name for a fixed cell on a named sheet (SF_PassLine …) is that cell wherever it is used
        // (Interpreter.nameValue resolves it to the same one-cell range): read it as the reference.
        const refersTo = ev.book.definedName(node.name);
        if (refersTo?.kind === "ref" && refersTo.sheet !== undefined && refersTo.at.rowAbsolute)
          return reference(refersTo);
        return (f) => ev.scalar(node, f);
      }
      default:
        return (f) => ev.scalar(node, f);
    }
  }

  function plainValueOf(node: FormulaNode): CompiledValue {
    switch (node.kind) {
      case "ref":
      case "range":
      case "name":
        return (f) => ev.value(node, f);
      case "call": {
        const compiled = aggregate(node) ?? (handedBack.has(node) ? undefined : call(node));
        if (compiled) return compiled.value;
        return (f) => ev.value(node, f);
      }
      default:
        return scalarOf(node);
    }
  }

  /** A single cell, its sheet found once; an address off the sheet is #REF!, as Interpreter.rowOf says. */
  function reference(node: RefNode): CompiledScalar {
    const book = ev.book;
    const { row, col } = node.at;
    const named = node.sheet === undefined ? undefined : book.sheetIndex(node.sheet);
    if ((node.sheet !== undefined && named === undefined) || col < 1 || col > MAX_COL)
      return () => FormulaError.ref;
    const absolute = node.at.rowAbsolute === true;
    if (absolute && (row < 1 || row > MAX_ROW)) return () => FormulaError.ref;
    if (book.column !== undefined)
      return columnReference(book as ColumnBook, named, absolute ? row : undefined, row, col);
    if (absolute) {
      return named === undefined
        ? (f) => book.cellValue(f.sheet, row, col)
        : () => book.cellValue(named, row, col);
    }
    if (named === undefined) {
      return (f) => {
        const at = row + f.offset;
        return at >= 1 && at <= MAX_ROW ? book.cellValue(f.sheet, at, col) : FormulaError.ref;
      };
    }
    return (f) => {
      const at = row + f.offset;
      return at >= 1 && at <= MAX_ROW ? book.cellValue(named, at, col) : FormulaError.ref;
    };
  }

  /**
   * A single cell read through its column (WorkbookContext.column), as `reference` reads it through cellValue: on
   * a named sheet the column is found once, on the formula's own sheet once per sheet it is evaluated on.
   * `fixedRow`: the row of an absolute reference (already known to be on the sheet).
   */
  function columnReference(
    book: ColumnBook,
    named: number | undefined,
    fixedRow: number | undefined,
    row: number,
    col: number
  ): CompiledScalar {
    if (named !== undefined) {
      const column = book.column(named, col);
      if (fixedRow !== undefined) return () => column.cell(fixedRow);
      return (f) => {
        const at = row + f.offset;
        return at >= 1 && at <= MAX_ROW ? column.cell(at) : FormulaError.ref;
      };
    }
    let sheet = -1;
    let column: CellColumn | undefined;
    const columnOn = (on: number): CellColumn => {
      if (on !== sheet) {
        sheet = on;
        column = book.column(on, col);
      }
      return column as CellColumn;
    };
    if (fixedRow !== undefined) return (f) => columnOn(f.sheet).cell(fixedRow);
    return (f) => {
      const at = row + f.offset;
      return at >= 1 && at <= MAX_ROW ? columnOn(f.sheet).cell(at) : FormulaError.ref;
    };
  }

  /** A call in both modes, or undefined where the interpreter's builtin must see the argument nodes. */
  function call(
    node: Extract<FormulaNode, { kind: "call" }>
  ): { scalar: CompiledScalar; value: CompiledValue } | undefined {
    const callable = CALLABLE.get(node.fn) ?? CALLABLE.get(node.fn.toUpperCase());
    if (!callable) return constant(FormulaError.name);
    const args = node.args;
    if (args.length < callable.minArgs || args.length > callable.maxArgs)
      return constant(FormulaError.value);
    const builtin = callable.builtin;
    if (builtin.kind === "scalar") {
      const compiled = scalarCall(builtin, args.map(scalarOf));
      return { scalar: compiled, value: compiled };
    }
    switch (node.fn.toUpperCase()) {
      case "IF":
        return ifCall(args);
      case "COUNTIF":
      case "COUNTIFS": {
        const compiled = countIfs(node);
        return compiled && { scalar: compiled, value: compiled };
      }
      case "AND":
      case "OR": {
        const compiled = logicalCall(node.fn.toUpperCase() === "AND", args);
        return { scalar: compiled, value: compiled };
      }
      default:
        return undefined;
    }
  }

  function constant(value: CellValue): { scalar: CompiledScalar; value: CompiledValue } {
    return { scalar: () => value, value: () => value };
  }

  /** Interpreter.scalarCall outside array mode: every argument's value, then the function. */
  function scalarCall(
    builtin: Extract<Builtin, { kind: "scalar" }>,
    args: readonly CompiledScalar[]
  ): CompiledScalar {
    const n = args.length;
    // One list per call site for one or two arguments (ROUND and ISNUMBER run ten times a row): filled only once
    // every argument is evaluated, since evaluating one may evaluate another cell through this very closure, and
    // a scalar builtin reads its values without evaluating anything or keeping the list.
    if (n === 1) {
      const only = args[0] as CompiledScalar;
      const values: CellValue[] = [null];
      return (f) => {
        values[0] = only(f);
        return applyScalar(builtin, values, f);
      };
    }
    if (n === 2) {
      const [first, second] = args as [CompiledScalar, CompiledScalar];
      const values: CellValue[] = [null, null];
      return (f) => {
        const a = first(f);
        const b = second(f);
        values[0] = a;
        values[1] = b;
        return applyScalar(builtin, values, f);
      };
    }
    return (f) => {
      const values = new Array<CellValue>(n);
      for (let i = 0; i < n; i++) values[i] = (args[i] as CompiledScalar)(f);
      return applyScalar(builtin, values, f);
    };
  }

  /** builtins' ifFunction outside array mode: only the branch taken is evaluated; an omitted one taken is TRUE/FALSE, an empty one 0. */
  function ifCall(args: readonly FormulaNode[]): {
    scalar: CompiledScalar;
    value: CompiledValue;
  } {
    const condition = scalarOf(args[0] as FormulaNode);
    const branch = <T extends Value>(
      node: FormulaNode | undefined,
      taken: boolean,
      of: (node: FormulaNode) => (f: Frame) => T
    ): ((f: Frame) => T | boolean | number) => {
      if (node === undefined) return () => taken;
      if (node.kind === "empty") return () => 0;
      return of(node);
    };
    const whenTrueScalar = branch(args[1], true, scalarOf);
    const whenFalseScalar = branch(args[2], false, scalarOf);
    const whenTrueValue = branch(args[1], true, valueOf);
    const whenFalseValue = branch(args[2], false, valueOf);
    return {
      scalar: (f) => {
        const b = toBoolean(condition(f));
        if (b instanceof FormulaError) return b;
        return b ? whenTrueScalar(f) : whenFalseScalar(f);
      },
      value: (f) => {
        const b = toBoolean(condition(f));
        if (b instanceof FormulaError) return b;
        return b ? whenTrueValue(f) : whenFalseValue(f);
      },
    };
  }

  /**
   * aggregate's logical() outside array mode: every argument is evaluated (an error after a decided FALSE still
   * propagates); a referenced cell counts only as a boolean or number, a typed argument must read as a boolean.
   */
  function logicalCall(and: boolean, args: readonly FormulaNode[]): CompiledScalar {
    const present = args.filter((arg) => arg.kind !== "empty");
    const cells = present.map((arg) => (arg.kind === "ref" ? scalarOf(arg) : undefined));
    const values = present.map((arg) => (arg.kind === "ref" ? undefined : valueOf(arg)));
    const n = present.length;
    // One decision per call site, made anew only when this closure is entered again while deciding (an argument
    // evaluates another cell holding the same formula).
    const own = new Decision(and);
    let deciding = false;
    return (f) => {
      const reentered = deciding;
      const decision = reentered ? new Decision(and) : own.reset();
      deciding = true;
      try {
        return decide(decision, f);
      } finally {
        deciding = reentered;
      }
    };

    function decide(decision: Decision, f: Frame): CellValue {
      for (let i = 0; i < n; i++) {
        const cell = cells[i];
        if (cell !== undefined) {
          const error = decision.takeCell(cell(f));
          if (error) return error;
          continue;
        }
        const value = (values[i] as CompiledValue)(f);
        if (value instanceof RangeRef || value instanceof ArrayValue) {
          const error = eachCell(ev, value, (c) => decision.takeCell(c));
          if (error) return error;
        } else if (value !== null) {
          const b = toBoolean(value);
          if (b instanceof FormulaError) return b;
          decision.take(b);
        }
      }
      return decision.seen ? decision.result : FormulaError.value;
    }
  }

  /** Gatherings of single-cell references, one per list of argument nodes (see `aggregate`). */
  const gatherings: { readonly args: readonly FormulaNode[]; readonly gather: Gather }[] = [];

  function gatheringOf(args: readonly FormulaNode[], refs: readonly RefNode[]): Gather {
    const known = gatherings.find((g) => sameNodes(g.args, args));
    if (known) return known.gather;
    const cells = refs.map(scalarOf);
    const n = cells.length;
    let lastFrame: Frame | undefined;
    let lastCell: number | undefined;
    // Rewritten in place: every caller reads it before anything else is evaluated.
    const last: Gathered = { count: 0, sum: 0, max: -Infinity, min: Infinity, error: undefined };
    const gather: Gather = (f) => {
      if (f === lastFrame && f.cell === lastCell) return last;
      let count = 0;
      let sum = 0;
      let max = -Infinity;
      let min = Infinity;
      let error: FormulaError | undefined;
      for (let i = 0; i < n; i++) {
        const cell = (cells[i] as CompiledScalar)(f);
        if (typeof cell === "number") {
          count++;
          sum += cell;
          if (cell > max) max = cell;
          if (cell < min) min = cell;
        } else if (cell instanceof FormulaError) error ??= cell;
      }
      lastFrame = f;
      lastCell = f.cell;
      last.count = count;
      last.sum = sum;
      last.max = max;
      last.min = min;
      last.error = error;
      return last;
    };
    gatherings.push({ args, gather });
    return gather;
  }

  /**
   * aggregate's COUNT, SUM, AVERAGE, MAX and MIN of single-cell references and small ranges (COUNT('评委1'!K3, …,
   * '评委5'!K3), SUM('评委1'!K3:N3)): a referenced cell counts only as a number, COUNT skips errors and the others
   * return the first, in the range's order, as aggregate's collect reads a range. A criterion score takes COUNT,
   * SUM, MAX and MIN of the same cells: they are read once per formula cell.
   */
  function aggregate(
    node: Extract<FormulaNode, { kind: "call" }>
  ): { scalar: CompiledScalar; value: CompiledValue } | undefined {
    const args = node.args;
    if (args.length === 0) return undefined;
    const name = node.fn.toUpperCase();
    const callable = CALLABLE.get(name);
    if (!callable || args.length > callable.maxArgs) return undefined;
    const cells = cellsOf(args);
    if (cells === undefined) return undefined;
    let compiled: CompiledScalar;
    const gather = (): Gather => gatheringOf(args, cells.refs);
    switch (name) {
      case "COUNT": {
        const g = gather();
        compiled = (f) => g(f).count;
        break;
      }
      case "SUM": {
        const g = gather();
        compiled = (f) => {
          const { error, sum } = g(f);
          return error ?? (Number.isFinite(sum) ? sum : FormulaError.num);
        };
        break;
      }
      case "AVERAGE": {
        const g = gather();
        compiled = (f) => {
          const { error, sum, count } = g(f);
          return error ?? (count === 0 ? FormulaError.div0 : sum / count);
        };
        break;
      }
      case "MAX":
      case "MIN": {
        const g = gather();
        const max = name === "MAX";
        compiled = (f) => {
          const gathered = g(f);
          if (gathered.error) return gathered.error;
          if (gathered.count === 0) return 0;
          return max ? gathered.max : gathered.min;
        };
        break;
      }
      default:
        return undefined;
    }
    const within = cells.within;
    if (within !== undefined) {
      // A range moved off the sheet is one #REF! for the interpreter, not a #REF! per cell.
      const inner = compiled;
      compiled = (f) => (within(f) ? inner(f) : ev.scalar(node, f));
    }
    return { scalar: compiled, value: compiled };
  }

  /**
   * The cells of arguments that are single-cell references or ranges of at most AGGREGATE_CELLS cells, each
   * range's cells row by row as single-cell references; `within` tells whether the relative ranges stay on the
   * sheet at a frame (absent when there are none). Undefined for any other argument.
   */
  function cellsOf(
    args: readonly FormulaNode[]
  ): { refs: RefNode[]; within: ((f: Frame) => boolean) | undefined } | undefined {
    const refs: RefNode[] = [];
    let top = MAX_ROW;
    let bottom = 1;
    for (const arg of args) {
      if (arg.kind === "ref") {
        refs.push(arg);
        continue;
      }
      if (arg.kind !== "range") return undefined;
      const { from, to, sheet } = arg;
      const absolute = from.rowAbsolute === true;
      if ((to.rowAbsolute === true) !== absolute) return undefined;
      if (sheet !== undefined && ev.book.sheetIndex(sheet) === undefined) return undefined;
      const rows = [Math.min(from.row, to.row), Math.max(from.row, to.row)] as const;
      const cols = [Math.min(from.col, to.col), Math.max(from.col, to.col)] as const;
      if (rows[0] < 1 || rows[1] > MAX_ROW || cols[0] < 1 || cols[1] > MAX_COL) return undefined;
      if ((rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1) > AGGREGATE_CELLS) return undefined;
      if (!absolute) {
        top = Math.min(top, rows[0]);
        bottom = Math.max(bottom, rows[1]);
      }
      for (let row = rows[0]; row <= rows[1]; row++)
        for (let col = cols[0]; col <= cols[1]; col++)
          refs.push({
            kind: "ref",
            ...(sheet === undefined ? {} : { sheet }),
            at: { row, col, rowAbsolute: absolute },
          });
    }
    const relativeRanges = top <= bottom;
    return {
      refs,
      within: relativeRanges
        ? (f) => top + f.offset >= 1 && bottom + f.offset <= MAX_ROW
        : undefined,
    };
  }

  /**
   * conditional's countifs over ranges fixed in the formula (rows with `$`): the ranges are resolved once per
   * sheet, and the same array is handed to the indexes every time. Other ranges: undefined (the interpreter).
   */
  function countIfs(node: Extract<FormulaNode, { kind: "call" }>): CompiledScalar | undefined {
    const args = node.args;
    const rangeNodes: Extract<FormulaNode, { kind: "range" }>[] = [];
    const criteria: ((f: Frame) => Criterion)[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      const range = fixedRangeNode(args[i] as FormulaNode);
      if (range === undefined) return undefined;
      rangeNodes.push(range);
      criteria.push(criterionOf(args[i + 1] as FormulaNode));
    }
    let sheetOfRanges = -1;
    let ranges: RangeRef[] | undefined;
    const n = criteria.length;
    const rangesOn = (sheet: number): RangeRef[] | undefined => {
      if (sheet !== sheetOfRanges) {
        sheetOfRanges = sheet;
        ranges = fixedRanges(rangeNodes, sheet);
      }
      return ranges;
    };
    // One list of criteria per call site, made anew only when this closure is entered again while counting (the
    // index it counts in may evaluate cells holding the same formula).
    const own = new Array<Criterion>(n);
    let counting = false;
    return (f) => {
      const fixed = rangesOn(f.sheet);
      if (!fixed) return ev.scalar(node, f);
      const reentered = counting;
      const parsed = reentered ? new Array<Criterion>(n) : own;
      counting = true;
      try {
        for (let i = 0; i < n; i++) parsed[i] = (criteria[i] as (f: Frame) => Criterion)(f);
        return ev.indexes.count(fixed, parsed, true);
      } finally {
        counting = reentered;
      }
    };
  }

  /**
   * A range with fixed rows, written out or through a defined name for one (`SF_GradeMins`: the interpreter
   * resolves such a name once, to the same range); else undefined.
   */
  function fixedRangeNode(node: FormulaNode): Extract<FormulaNode, { kind: "range" }> | undefined {
    const range = node.kind === "name" ? ev.book.definedName(node.name) : node;
    if (range?.kind !== "range" || !range.from.rowAbsolute || !range.to.rowAbsolute)
      return undefined;
    // A name's range is used wherever the name is: only one on a named sheet means the same on every sheet.
    if (node.kind === "name" && range.sheet === undefined) return undefined;
    return range;
  }

  /**
   * A criteria argument as parseCriterion reads its value. `op & x` (`">"&W3`) with a number x gives its
   * criterion without writing the number as text and reading it back; a text met before is not parsed again
   * (a tier's name on every row), until texts stop repeating (回避's keys: one per nominee).
   */
  function criterionOf(node: FormulaNode): (f: Frame) => Criterion {
    if (node.kind === "number" || node.kind === "text" || node.kind === "bool") {
      // A criterion written in the formula (1, ">=0") is read once.
      const criterion = parseCriterion(node.value);
      return () => criterion;
    }
    if (
      node.kind === "binary" &&
      node.op === "&" &&
      node.left.kind === "text" &&
      isCriterionOperator(node.left.value)
    ) {
      const op = node.left.value;
      const operand = scalarOf(node.right);
      const known = new CriteriaByValue<number>();
      return (f) => {
        const value = operand(f);
        if (typeof value !== "number") return parseCriterion(binaryOperation("&", op, value));
        return known.get(value) ?? known.keep(value, numberCriterion(op, value));
      };
    }
    const value = scalarOf(node);
    const known = new CriteriaByValue<string | number>();
    return (f) => {
      const v = value(f);
      if (typeof v !== "string" && typeof v !== "number") return parseCriterion(v);
      return known.get(v) ?? known.keep(v, parseCriterion(v));
    };
  }

  /** The ranges as RangeRefs on `sheet` (for ranges without a sheet), or undefined where the interpreter must say #REF! or #VALUE!. */
  function fixedRanges(
    nodes: readonly Extract<FormulaNode, { kind: "range" }>[],
    sheet: number
  ): RangeRef[] | undefined {
    const ranges: RangeRef[] = [];
    for (const node of nodes) {
      const on = node.sheet === undefined ? sheet : ev.book.sheetIndex(node.sheet);
      const { from, to } = node;
      const valid = (row: number, col: number): boolean =>
        row >= 1 && row <= MAX_ROW && col >= 1 && col <= MAX_COL;
      if (on === undefined || !valid(from.row, from.col) || !valid(to.row, to.col))
        return undefined;
      const range = new RangeRef(
        on,
        Math.min(from.row, to.row),
        Math.min(from.col, to.col),
        Math.max(from.row, to.row),
        Math.max(from.col, to.col)
      );
      const first = ranges[0];
      if (first && (first.rows !== range.rows || first.cols !== range.cols)) return undefined;
      ranges.push(range);
    }
    return ranges;
  }

  return scalarOf(root);
}

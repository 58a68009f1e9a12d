/**
 * The criteria of COUNTIF(S), SUMIF(S) and AVERAGEIF(S) as Excel reads them. A criterion is a value: a number
 * or TRUE matches equal cells; a text may start with = <> < <= > >= and what follows is read as a number
 * (`">"&85` is ">85"), TRUE/FALSE, an error text, or text matched case-insensitively with the wildcards * ?
 * and ~. Where Excel's rule is irregular, the comment says so; Apache POI's Countif, written against Excel,
 * documents the same cases.
 */
import {
  compareText,
  foldCase,
  meetsOrder,
  numberTextValue,
  numberToText,
  parseNumberText,
  type ComparisonOperator,
} from "./coerce";
import { ERROR_CODES, FormulaError, type CellValue, type ErrorCode } from "./values";

export type CriterionOperator = ComparisonOperator;

export type CriterionOperand =
  | { readonly kind: "number"; readonly value: number }
  /** `pattern` is set when the text holds a wildcard (= and <> only). */
  | {
      readonly kind: "text";
      readonly value: string;
      readonly pattern?: RegExp;
    }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "error"; readonly code: ErrorCode }
  /** "" or a bare operator: "=" is blank cells, "<>" non-blank ones. */
  | { readonly kind: "empty" };

export interface Criterion {
  readonly op: CriterionOperator;
  /** False when no operator was written ("x", 5): "" then also matches "" text, "=" does not. */
  readonly explicit: boolean;
  readonly operand: CriterionOperand;
}

const OPERATORS: readonly CriterionOperator[] = [">=", "<=", "<>", ">", "<", "="];

/**
 * Reads a criteria argument's value.
 *
 * @example parseCriterion('>85') // { op: '>', explicit: true, operand: { kind: 'number', value: 85 } }
 */
export function parseCriterion(value: CellValue): Criterion {
  if (value === null) {
    // Microsoft's COUNTIFS reference: "If the criteria argument is a reference to an empty cell, the
    // COUNTIFS function treats the empty cell as a 0 value."
    return { op: "=", explicit: false, operand: { kind: "number", value: 0 } };
  }
  if (typeof value === "number")
    return { op: "=", explicit: false, operand: { kind: "number", value } };
  if (typeof value === "boolean")
    return { op: "=", explicit: false, operand: { kind: "boolean", value } };
  if (value instanceof FormulaError)
    return { op: "=", explicit: false, operand: { kind: "error", code: value.code } };
  const op = operatorAt(value);
  const rest = op === undefined ? value : value.slice(op.length);
  return { op: op ?? "=", explicit: op !== undefined, operand: operandOf(rest, op ?? "=") };
}

/**
 * The criterion `op & value` gives when `value` is a number (`">"&W3`, `"<="&M3`): what parseCriterion reads
 * from the text `&` writes, without writing it. `op` is one of the operators (OPERATORS).
 *
 * @example numberCriterion('>', 85) // { op: '>', explicit: true, operand: { kind: 'number', value: 85 } }
 */
export function numberCriterion(op: CriterionOperator, value: number): Criterion {
  const read = numberTextValue(value);
  return read === undefined
    ? parseCriterion(op + numberToText(value))
    : { op, explicit: true, operand: { kind: "number", value: read } };
}

/** Whether `text` is one of the operators a criterion may start with, as a whole. */
export function isCriterionOperator(text: string): text is CriterionOperator {
  return (OPERATORS as readonly string[]).includes(text);
}

/** The operator `text` starts with (the longest), or undefined. */
function operatorAt(text: string): CriterionOperator | undefined {
  const first = text.charCodeAt(0);
  const second = text.charCodeAt(1);
  if (first === 61) return "="; // =
  if (first === 62) return second === 61 ? ">=" : ">"; // > >=
  if (first === 60) return second === 61 ? "<=" : second === 62 ? "<>" : "<"; // < <= <>
  return undefined;
}

function operandOf(text: string, op: CriterionOperator): CriterionOperand {
  if (text === "") return { kind: "empty" };
  const number = parseNumberText(text);
  if (number !== undefined) return { kind: "number", value: number };
  // TRUE/FALSE and the error texts (all starting with #) are the only other words a criterion reads.
  if (text.length === 4 || text.length === 5 || text.charCodeAt(0) === 35) {
    const upper = text.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE" };
    const code = ERROR_CODES.find((c) => c === upper);
    if (code) return { kind: "error", code };
  }
  const pattern = op === "=" || op === "<>" ? wildcardPattern(text) : undefined;
  return pattern ? { kind: "text", value: text, pattern } : { kind: "text", value: text };
}

/**
 * A case-insensitive whole-text pattern for text with * (any run) or ? (one character); ~ makes the next
 * character literal. Undefined when the text has no wildcard, so plain text compares without a RegExp.
 */
export function wildcardPattern(text: string): RegExp | undefined {
  if (!hasWildcardCharacter(text)) return undefined;
  let source = "";
  let wild = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "~" && i + 1 < text.length && /[*?~]/.test(text[i + 1] as string)) {
      source += escapeRegExp(text[i + 1] as string);
      i++;
    } else if (ch === "*") {
      source += "[\\s\\S]*";
      wild = true;
    } else if (ch === "?") {
      source += "[\\s\\S]";
      wild = true;
    } else {
      source += escapeRegExp(ch);
    }
  }
  // "~*" alone is the literal text "*": matched as plain text, no pattern needed.
  return wild ? new RegExp(`^${source}$`, "iu") : new RegExp(`^${source}$`, "iu");
}

/** Whether `text` holds * ? or ~; a loop, where a RegExp test on a text built by & (回避's keys) copied it first. */
function hasWildcardCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 42 || code === 63 || code === 126) return true; // * ? ~
  }
  return false;
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** True when `cell` (a value in the criteria range) meets `criterion`. */
export function meetsCriterion(criterion: Criterion, cell: CellValue): boolean {
  const { op, operand } = criterion;
  switch (operand.kind) {
    case "number":
      return meetsNumber(op, operand.value, cell);
    case "boolean":
      if (typeof cell === "boolean")
        return meetsOrder(op, cell === operand.value ? 0 : cell ? 1 : -1);
      return op === "<>";
    case "error":
      if (cell instanceof FormulaError) return meetsOrder(op, cell.code === operand.code ? 0 : 1);
      return op === "<>";
    case "empty":
      return meetsEmpty(criterion, cell);
    case "text":
      return meetsText(op, operand, cell);
  }
}

function meetsNumber(op: CriterionOperator, value: number, cell: CellValue): boolean {
  if (typeof cell === "number") return meetsOrder(op, cell === value ? 0 : cell < value ? -1 : 1);
  if (typeof cell === "string") {
    // Text that reads as the number counts for "=" (why COUNTIF finds 16-digit ids stored as text equal).
    // "<>5" matches every text, "5" included, and < > never match text: Excel is irregular here (POI's
    // NumberMatcher notes the same).
    if (op === "=") return parseNumberText(cell) === value;
    return op === "<>";
  }
  return op === "<>";
}

function meetsEmpty(criterion: Criterion, cell: CellValue): boolean {
  const isEmptyText = cell === "";
  switch (criterion.op) {
    case "=":
      // "" matches blank cells and cells holding ""; "=" only blank cells.
      return cell === null || (!criterion.explicit && isEmptyText);
    case "<>":
      return cell !== null;
    default:
      // "<" and ">" with nothing after them compare text with "".
      return typeof cell === "string" && meetsOrder(criterion.op, compareText(cell, ""));
  }
}

function meetsText(
  op: CriterionOperator,
  operand: Extract<CriterionOperand, { kind: "text" }>,
  cell: CellValue
): boolean {
  if (op === "=" || op === "<>") {
    let equal = false;
    if (typeof cell === "string") {
      equal = operand.pattern ? operand.pattern.test(cell) : compareText(cell, operand.value) === 0;
    }
    return op === "=" ? equal : !equal;
  }
  return typeof cell === "string" && meetsOrder(op, compareText(cell, operand.value));
}

/**
 * The key under which a criteria-range value is found by an "=" criterion without wildcards, or undefined when
 * no such criterion can match it. One key per value: numbers and numeric text by their number (the number itself,
 * −0 as 0: no text made per cell), other text by its folded form, booleans apart (texts "t…", "b0", "b1", never
 * equal to a number key in a Map). Used by the range indexes; `equalityKeyOfCriterion` gives the query side.
 */
export function equalityKeyOfCell(cell: CellValue): EqualityKey | undefined {
  switch (typeof cell) {
    case "number":
      return cell === 0 ? 0 : cell;
    case "string": {
      const number = parseNumberText(cell);
      if (number !== undefined) return number === 0 ? 0 : number;
      const upper = cell.toUpperCase();
      // Text TRUE/FALSE and error texts are never equal to a criterion (which would read as a boolean or error).
      if (upper === "TRUE" || upper === "FALSE" || ERROR_CODES.some((c) => c === upper))
        return undefined;
      return cell === "" ? undefined : `t${foldCase(cell)}`;
    }
    case "boolean":
      return cell ? "b1" : "b0";
    default:
      return undefined;
  }
}

/** An equality key: a number for numbers, a text for text and booleans (see equalityKeyOfCell). */
export type EqualityKey = number | string;

/** The key an "=" criterion looks up, or undefined when it cannot use an equality index (wildcards, "", errors). */
export function equalityKeyOfCriterion(criterion: Criterion): EqualityKey | undefined {
  if (criterion.op !== "=") return undefined;
  const operand = criterion.operand;
  switch (operand.kind) {
    case "number":
      return operand.value === 0 ? 0 : operand.value;
    case "text":
      return operand.pattern ? undefined : `t${foldCase(operand.value)}`;
    case "boolean":
      return operand.value ? "b1" : "b0";
    default:
      return undefined;
  }
}

/** Whether equalityKeyOfCriterion gives a key, without making it. */
export function hasEqualityKey(criterion: Criterion): boolean {
  if (criterion.op !== "=") return false;
  const operand = criterion.operand;
  return (
    operand.kind === "number" ||
    operand.kind === "boolean" ||
    (operand.kind === "text" && operand.pattern === undefined)
  );
}

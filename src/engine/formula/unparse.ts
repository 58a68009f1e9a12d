import { columnLetter, quoteSheetName } from "../core/CellRef";
import type { BinaryOperator, CellAddress, FormulaDialect, FormulaNode } from "./ast";
import { requireAllowedFunction } from "./functions";

/** Excel's limit for a string literal inside a formula. */
export const MAX_FORMULA_TEXT_LENGTH = 255;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
const MAX_SHEET_NAME_LENGTH = 31;

/** Binding strength, Excel's order: comparison < & < + - < * / < ^. Unary minus binds tighter still. */
const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  "=": 1,
  "<>": 1,
  "<": 1,
  "<=": 1,
  ">": 1,
  ">=": 1,
  "&": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "^": 5,
};

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/**
 * Writes a formula AST as text for one destination. Throws on broken invariants (a function off the
 * whitelist, a string literal over 255 characters, an impossible cell address): the plan compiler
 * must never build those.
 *
 * @example
 * unparse(call('ROUND', ref(2, 3), num(2)), 'ooxml')    // 'ROUND(C2,2)'
 * unparse(call('ROUND', ref(2, 3), num(2)), 'officejs') // '=ROUND(C2,2)'
 * unparse(ref(2, 3, { sheet: '评分' }), 'ooxml', '汇总')   // "'评分'!C2"
 */
export function unparse(node: FormulaNode, dialect: FormulaDialect, hostSheet?: string): string {
  if (node.kind === "empty") throw new Error("an omitted argument cannot be a whole formula");
  const body = unparseNode(node, dialect, hostSheet, undefined);
  return dialect === "officejs" ? `=${body}` : body;
}

/**
 * A formula's text cut where its moving rows go (row parts without `$`): filled down `offset` rows, its text is
 * `pieces[0] + (rows[0] + offset) + pieces[1] + …`, the text `unparse(shiftRows(node, offset))` gives, without
 * building or walking a tree per row. The xlsx writer writes the formulas of a 10,000-row column this way.
 */
export interface FillDownText {
  readonly pieces: readonly string[];
  /** The moving rows of the unshifted formula, in text order; one fewer than `pieces`. */
  readonly rows: readonly number[];
}

/** Stands for a moving row while the text is built; a formula whose own text holds it gets no template. */
const ROW_MARK = "\u0000";

/**
 * The fill-down text of `node` (see FillDownText), or undefined in the one case it cannot be cut: a string
 * literal holding U+0000. Throws what unparse throws.
 *
 * @example fillDownTextAt(fillDownText(op(ref(3, 1), "+", ref(1, 4, { absolute: true })), "ooxml")!, 2) // "A5+$D$1"
 */
export function fillDownText(
  node: FormulaNode,
  dialect: FormulaDialect,
  hostSheet?: string
): FillDownText | undefined {
  if (node.kind === "empty") throw new Error("an omitted argument cannot be a whole formula");
  const rows: number[] = [];
  const body = unparseNode(node, dialect, hostSheet, rows);
  const pieces = (dialect === "officejs" ? `=${body}` : body).split(ROW_MARK);
  return pieces.length === rows.length + 1 ? { pieces, rows } : undefined;
}

/** The text of a fill-down `offset` rows below its base; throws, as unparse does, for a row off the sheet. */
export function fillDownTextAt(text: FillDownText, offset: number): string {
  const { pieces, rows } = text;
  let out = pieces[0] as string;
  for (let i = 0; i < rows.length; i++) {
    const row = (rows[i] as number) + offset;
    if (!Number.isInteger(row) || row < 1 || row > MAX_ROW)
      throw new Error(`row out of range: ${row}`);
    out += row + (pieces[i + 1] as string);
  }
  return out;
}

/** `rows`, when given, collects each moving row and the text holds ROW_MARK in its place. */
function unparseNode(
  node: FormulaNode,
  dialect: FormulaDialect,
  hostSheet: string | undefined,
  rows: number[] | undefined
): string {
  switch (node.kind) {
    case "number":
      return formatNumber(node.value);
    case "text":
      return formatText(node.value);
    case "bool":
      return node.value ? "TRUE" : "FALSE";
    case "ref":
      return sheetPrefix(node.sheet, hostSheet) + formatAddress(node.at, rows);
    case "range":
      return `${sheetPrefix(node.sheet, hostSheet)}${formatAddress(node.from, rows)}:${formatAddress(node.to, rows)}`;
    case "name":
      return checkDefinedName(node.name);
    case "call": {
      const fn = requireAllowedFunction(node.fn, node.args.length);
      const prefix = dialect === "ooxml" && fn.xlfnPrefix ? "_xlfn." : "";
      const args = node.args.map((arg) =>
        arg.kind === "empty" ? "" : unparseNode(arg, dialect, hostSheet, rows)
      );
      return `${prefix}${fn.name}(${args.join(",")})`;
    }
    case "binary": {
      const left = operand(node.left, node.op, "left", dialect, hostSheet, rows);
      const right = operand(node.right, node.op, "right", dialect, hostSheet, rows);
      return `${left}${node.op}${right}`;
    }
    case "negate": {
      const inner = unparseNode(node.operand, dialect, hostSheet, rows);
      return needsParensUnderNegate(node.operand) ? `-(${inner})` : `-${inner}`;
    }
    case "empty":
      throw new Error("an omitted argument is only allowed as a function argument");
    default:
      return assertNever(node);
  }
}

/**
 * Parenthesises an operand so the written formula evaluates in the AST's order — the exact order
 * matters for floating point, so a+(b+c) keeps its parentheses. Comparison and ^ chains are always
 * parenthesised, since spreadsheets disagree on their associativity; negative operands too (2^(-1)).
 */
function operand(
  child: FormulaNode,
  parentOp: BinaryOperator,
  side: "left" | "right",
  dialect: FormulaDialect,
  hostSheet: string | undefined,
  rows: number[] | undefined
): string {
  const text = unparseNode(child, dialect, hostSheet, rows);
  if (child.kind === "negate" || (child.kind === "number" && isNegative(child.value)))
    return `(${text})`;
  if (child.kind !== "binary") return text;
  const parent = PRECEDENCE[parentOp];
  const own = PRECEDENCE[child.op];
  const chainUnsafe = own === parent && (parent === PRECEDENCE["^"] || parent === PRECEDENCE["="]);
  const wrap = own < parent || (side === "right" && own === parent) || chainUnsafe;
  return wrap ? `(${text})` : text;
}

function needsParensUnderNegate(operandNode: FormulaNode): boolean {
  return (
    operandNode.kind === "binary" ||
    operandNode.kind === "negate" ||
    (operandNode.kind === "number" && isNegative(operandNode.value))
  );
}

function isNegative(value: number): boolean {
  return value < 0;
}

function sheetPrefix(sheet: string | undefined, hostSheet: string | undefined): string {
  if (sheet === undefined || sheet === hostSheet) return "";
  checkSheetName(sheet);
  return `${quoteSheetName(sheet)}!`;
}

function checkSheetName(sheet: string): void {
  if (
    sheet.length === 0 ||
    sheet.length > MAX_SHEET_NAME_LENGTH ||
    /[[\]:*?/\\]/.test(sheet) ||
    sheet.startsWith("'") ||
    sheet.endsWith("'")
  ) {
    throw new Error(`not a valid sheet name: ${JSON.stringify(sheet)}`);
  }
}

function formatAddress(at: CellAddress, rows: number[] | undefined): string {
  if (!Number.isInteger(at.row) || at.row < 1 || at.row > MAX_ROW)
    throw new Error(`row out of range: ${at.row}`);
  if (!Number.isInteger(at.col) || at.col < 1 || at.col > MAX_COL)
    throw new Error(`column out of range: ${at.col}`);
  const column = `${at.colAbsolute ? "$" : ""}${columnLetter(at.col)}`;
  if (rows && !at.rowAbsolute) {
    rows.push(at.row);
    return column + ROW_MARK;
  }
  return `${column}${at.rowAbsolute ? "$" : ""}${at.row}`;
}

/** Defined names: a letter, _ or \ first; no spaces; never something Excel would read as a cell or TRUE/FALSE. */
function checkDefinedName(name: string): string {
  const looksLikeCell =
    /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name);
  const isBool = /^(true|false)$/i.test(name);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || name.length > 255 || looksLikeCell || isBool) {
    throw new Error(`not a valid defined name: ${JSON.stringify(name)}`);
  }
  return name;
}

function formatText(value: string): string {
  if (value.length > MAX_FORMULA_TEXT_LENGTH) {
    throw new Error(
      `text literal of ${value.length} characters exceeds Excel's ${MAX_FORMULA_TEXT_LENGTH}: put long text in a cell`
    );
  }
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * The shortest decimal that reads back as the same double, written without an exponent
 * (1e21 → 1000000000000000000000, 1e-7 → 0.0000001) so every spreadsheet's parser accepts it.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  if (Object.is(value, -0) || value === 0) return "0";
  const shortest = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!match) return shortest;
  const sign = match[1] ?? "";
  const digits = (match[2] ?? "") + (match[3] ?? "");
  const exponent = Number(match[4]);
  // digits represent d.ddd × 10^exponent: the decimal point sits after (exponent + 1) digits.
  const pointAt = exponent + 1;
  if (pointAt >= digits.length) return sign + digits + "0".repeat(pointAt - digits.length);
  if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

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
  const body = unparseNode(node, dialect, hostSheet);
  return dialect === "officejs" ? `=${body}` : body;
}

function unparseNode(
  node: FormulaNode,
  dialect: FormulaDialect,
  hostSheet: string | undefined
): string {
  switch (node.kind) {
    case "number":
      return formatNumber(node.value);
    case "text":
      return formatText(node.value);
    case "bool":
      return node.value ? "TRUE" : "FALSE";
    case "ref":
      return sheetPrefix(node.sheet, hostSheet) + formatAddress(node.at);
    case "range":
      return `${sheetPrefix(node.sheet, hostSheet)}${formatAddress(node.from)}:${formatAddress(node.to)}`;
    case "name":
      return checkDefinedName(node.name);
    case "call": {
      const fn = requireAllowedFunction(node.fn, node.args.length);
      const prefix = dialect === "ooxml" && fn.xlfnPrefix ? "_xlfn." : "";
      const args = node.args.map((arg) =>
        arg.kind === "empty" ? "" : unparseNode(arg, dialect, hostSheet)
      );
      return `${prefix}${fn.name}(${args.join(",")})`;
    }
    case "binary": {
      const left = operand(node.left, node.op, "left", dialect, hostSheet);
      const right = operand(node.right, node.op, "right", dialect, hostSheet);
      return `${left}${node.op}${right}`;
    }
    case "negate": {
      const inner = unparseNode(node.operand, dialect, hostSheet);
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
  hostSheet: string | undefined
): string {
  const text = unparseNode(child, dialect, hostSheet);
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

function formatAddress(at: CellAddress): string {
  if (!Number.isInteger(at.row) || at.row < 1 || at.row > MAX_ROW)
    throw new Error(`row out of range: ${at.row}`);
  if (!Number.isInteger(at.col) || at.col < 1 || at.col > MAX_COL)
    throw new Error(`column out of range: ${at.col}`);
  return `${at.colAbsolute ? "$" : ""}${columnLetter(at.col)}${at.rowAbsolute ? "$" : ""}${at.row}`;
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

/** Small typed builders for formula ASTs, used by the plan compiler. */
import { parseA1 } from "../core/CellRef";
import type { BinaryOperator, CellAddress, FormulaNode } from "./ast";
import { requireAllowedFunction } from "./functions";

/** Which parts of an address get a `$`: true = both. */
export type Absolute = boolean | "row" | "col";

export function num(value: number): FormulaNode {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return { kind: "number", value };
}

/** A quoted string literal: the only way text from a nomination sheet may enter a formula. */
export function text(value: string): FormulaNode {
  return { kind: "text", value };
}

export function bool(value: boolean): FormulaNode {
  return { kind: "bool", value };
}

/** A cell address (1-based), with `$` as `absolute` says. */
export function at(row: number, col: number, absolute: Absolute = false): CellAddress {
  const rowAbsolute = absolute === true || absolute === "row";
  const colAbsolute = absolute === true || absolute === "col";
  return {
    row,
    col,
    ...(rowAbsolute ? { rowAbsolute } : {}),
    ...(colAbsolute ? { colAbsolute } : {}),
  };
}

/** `B7`, `$B$7` → CellAddress; `$` marks carry over. */
export function atA1(a1: string): CellAddress {
  const { row, col } = parseA1(a1);
  const m = /^(\$?)[A-Za-z]+(\$?)\d+$/.exec(a1.trim());
  return {
    row,
    col,
    ...(m?.[2] ? { rowAbsolute: true } : {}),
    ...(m?.[1] ? { colAbsolute: true } : {}),
  };
}

export function ref(
  row: number,
  col: number,
  options: { sheet?: string; absolute?: Absolute } = {}
): FormulaNode {
  const address = at(row, col, options.absolute ?? false);
  return options.sheet === undefined
    ? { kind: "ref", at: address }
    : { kind: "ref", sheet: options.sheet, at: address };
}

/** A rectangle; corners as CellAddress or A1 text (`'$B$2'`). */
export function range(
  from: CellAddress | string,
  to: CellAddress | string,
  sheet?: string
): FormulaNode {
  const fromAddress = typeof from === "string" ? atA1(from) : from;
  const toAddress = typeof to === "string" ? atA1(to) : to;
  return sheet === undefined
    ? { kind: "range", from: fromAddress, to: toAddress }
    : { kind: "range", sheet, from: fromAddress, to: toAddress };
}

/** A workbook-scope defined name. */
export function name(definedName: string): FormulaNode {
  return { kind: "name", name: definedName };
}

/** A function call; throws at build time when `fn` is off the whitelist or the argument count is wrong. */
export function call(fn: string, ...args: FormulaNode[]): FormulaNode {
  const entry = requireAllowedFunction(fn, args.length);
  return { kind: "call", fn: entry.name, args };
}

export function op(left: FormulaNode, operator: BinaryOperator, right: FormulaNode): FormulaNode {
  return { kind: "binary", op: operator, left, right };
}

export function neg(operand: FormulaNode): FormulaNode {
  return { kind: "negate", operand };
}

/** An omitted argument, as in IF(a,,b). Its value is not portable (IF(FALSE,1,) is 0 in Excel, blank in LibreOffice): never let a result depend on it. */
export function empty(): FormulaNode {
  return { kind: "empty" };
}

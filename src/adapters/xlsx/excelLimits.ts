/**
 * Excel's limits on what a workbook holds ("Excel specifications and limits"): a file that breaks them is
 * "repaired" (content dropped) or refused when Excel opens it, while LibreOffice opens it silently. The writer
 * keeps them for everything it writes.
 */
import type { FormulaNode } from "../../engine";

/** Characters in one cell. */
export const MAX_CELL_CHARACTERS = 32_767;
/** Characters in one formula's text. */
export const MAX_FORMULA_CHARACTERS = 8_192;
/** Levels of nested function calls in one formula. */
export const MAX_FORMULA_NESTING = 64;

/** A plan holds a formula Excel cannot take: a broken promise of the compiler, named with its cell. */
export class ExcelLimitError extends Error {
  constructor(
    readonly limit: "formula_nesting" | "formula_length",
    readonly sheet: string,
    readonly cell: string,
    readonly actual: number,
    readonly maximum: number
  ) {
    super(
      limit === "formula_nesting"
        ? `the formula at '${sheet}'!${cell} nests ${actual} functions deep; Excel allows ${maximum}`
        : `the formula at '${sheet}'!${cell} is ${actual} characters long; Excel allows ${maximum}`
    );
    this.name = "ExcelLimitError";
  }
}

/**
 * Text cut to what a cell holds, the cut shown by a closing "…" so nobody mistakes it for the whole. A
 * surrogate pair is never split.
 * @example clipCellText("x".repeat(40_000)).length === 32_767
 */
export function clipCellText(text: string): string {
  if (text.length <= MAX_CELL_CHARACTERS) return text;
  let end = MAX_CELL_CHARACTERS - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The deepest run of function calls inside one another: `IF(A1,ROUND(B1,2),0)` is 2. */
export function functionNesting(node: FormulaNode): number {
  switch (node.kind) {
    case "call": {
      let deepest = 0;
      for (const arg of node.args) deepest = Math.max(deepest, functionNesting(arg));
      return deepest + 1;
    }
    case "binary":
      return Math.max(functionNesting(node.left), functionNesting(node.right));
    case "negate":
      return functionNesting(node.operand);
    default:
      return 0;
  }
}

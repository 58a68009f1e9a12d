/**
 * Formulas as a small AST, written out by unparse.ts. Text from a nomination sheet reaches a formula
 * only as a `text` node (a quoted string literal), never spliced into formula source.
 */

/** A cell address inside a reference; `$` where absolute. 1-based. */
export interface CellAddress {
  readonly row: number;
  readonly col: number;
  readonly rowAbsolute?: boolean;
  readonly colAbsolute?: boolean;
}

export type BinaryOperator =
  "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | "<=" | ">" | ">=";

export type FormulaNode =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "bool"; readonly value: boolean }
  /** A single cell; `sheet` absent means the formula's own sheet. */
  | { readonly kind: "ref"; readonly sheet?: string; readonly at: CellAddress }
  | {
      readonly kind: "range";
      readonly sheet?: string;
      readonly from: CellAddress;
      readonly to: CellAddress;
    }
  /** A defined name (workbook scope). */
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly FormulaNode[] }
  | {
      readonly kind: "binary";
      readonly op: BinaryOperator;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly kind: "negate"; readonly operand: FormulaNode }
  /** An omitted argument, as in IF(a,,b). */
  | { readonly kind: "empty" };

/** Where the formula text goes: an .xlsx part (no leading '=', `_xlfn.` prefixes) or office-js Range.formulas ('=' and plain names). */
export type FormulaDialect = "ooxml" | "officejs";

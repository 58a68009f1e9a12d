/**
 * The values a formula computes with, as Excel has them: numbers, text, booleans, the empty cell and error
 * values. Blank, "" and 0 are three different values: only a reference to an empty cell is blank.
 */

/** Excel's error values, by the text a sheet shows. */
export type ErrorCode = "#NULL!" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#N/A";

export const ERROR_CODES: readonly ErrorCode[] = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
];

/**
 * An error value, as HyperFormula's CellError: a value like any other (it flows through formulas until
 * IFERROR, ISERROR … catch it), never a thrown exception.
 */
export class FormulaError {
  private constructor(
    readonly code: ErrorCode,
    /** True for the error a circular reference gives: Excel shows 0 and warns, LibreOffice Err:522. */
    readonly circular = false
  ) {}

  static readonly div0 = new FormulaError("#DIV/0!");
  static readonly na = new FormulaError("#N/A");
  static readonly value = new FormulaError("#VALUE!");
  static readonly ref = new FormulaError("#REF!");
  static readonly name = new FormulaError("#NAME?");
  static readonly num = new FormulaError("#NUM!");
  static readonly null = new FormulaError("#NULL!");
  /** A cell that depends on itself: written as #REF!, flagged so callers can say which cells form the cycle. */
  static readonly cycle = new FormulaError("#REF!", true);

  static of(code: ErrorCode): FormulaError {
    switch (code) {
      case "#DIV/0!":
        return FormulaError.div0;
      case "#N/A":
        return FormulaError.na;
      case "#VALUE!":
        return FormulaError.value;
      case "#REF!":
        return FormulaError.ref;
      case "#NAME?":
        return FormulaError.name;
      case "#NUM!":
        return FormulaError.num;
      case "#NULL!":
        return FormulaError.null;
    }
  }

  toString(): string {
    return this.code;
  }
}

/** What one cell holds once computed; `null` is an empty cell (blank), never "" or 0. */
export type CellValue = number | string | boolean | FormulaError | null;

/** A rectangle of cells on one sheet (1-based, inclusive); a single cell is a 1×1 reference. */
export class RangeRef {
  constructor(
    readonly sheet: number,
    readonly top: number,
    readonly left: number,
    readonly bottom: number,
    readonly right: number
  ) {}

  get rows(): number {
    return this.bottom - this.top + 1;
  }

  get cols(): number {
    return this.right - this.left + 1;
  }

  get size(): number {
    return this.rows * this.cols;
  }
}

/** An array of values computed in array mode (inside SUMPRODUCT), row by row. */
export class ArrayValue {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly values: CellValue[]
  ) {}

  at(row: number, col: number): CellValue {
    return this.values[row * this.cols + col] ?? null;
  }
}

/** What evaluating a formula node gives before it lands in a cell: a value, a reference or an array. */
export type Value = CellValue | RangeRef | ArrayValue;

export function isError(value: unknown): value is FormulaError {
  return value instanceof FormulaError;
}

/** The largest row and column Excel has: a reference moved past them is #REF!. */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

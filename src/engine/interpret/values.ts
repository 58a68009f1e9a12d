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

/**
 * An array of values computed in array mode (inside SUMPRODUCT), row by row. A whole column of numbers or of
 * booleans (a mask such as `tier="省级"`) is held in a typed array, so a 汇总 line over 10,000 rows is a few
 * tight loops rather than 10,000 boxed values per step; `values` gives the plain list when one is needed.
 */
export class ArrayValue {
  private cells: CellValue[] | undefined;
  /** Every element a number: their values. */
  readonly numbers: Float64Array | undefined;
  /** Every element a boolean: 1 for TRUE. */
  readonly booleans: Uint8Array | undefined;

  constructor(
    readonly rows: number,
    readonly cols: number,
    values: CellValue[] | Float64Array | Uint8Array
  ) {
    if (values instanceof Float64Array) this.numbers = values;
    else if (values instanceof Uint8Array) this.booleans = values;
    else this.cells = values;
  }

  get size(): number {
    return this.rows * this.cols;
  }

  get values(): CellValue[] {
    if (!this.cells) {
      const n = this.size;
      const cells = new Array<CellValue>(n);
      for (let i = 0; i < n; i++) cells[i] = this.item(i);
      this.cells = cells;
    }
    return this.cells;
  }

  /** The i-th element, row by row. */
  item(i: number): CellValue {
    if (this.numbers) return this.numbers[i] ?? null;
    if (this.booleans) return this.booleans[i] === undefined ? null : this.booleans[i] === 1;
    return (this.cells as CellValue[])[i] ?? null;
  }

  at(row: number, col: number): CellValue {
    return this.item(row * this.cols + col);
  }

  /** The same values, in a typed array when they are all numbers or all booleans. */
  static compact(rows: number, cols: number, values: CellValue[]): ArrayValue {
    const n = values.length;
    let numbers = n > 0;
    let booleans = n > 0;
    for (let i = 0; i < n && (numbers || booleans); i++) {
      const t = typeof values[i];
      if (t !== "number") numbers = false;
      if (t !== "boolean") booleans = false;
    }
    if (numbers) return new ArrayValue(rows, cols, Float64Array.from(values as number[]));
    if (booleans)
      return new ArrayValue(
        rows,
        cols,
        Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0))
      );
    return new ArrayValue(rows, cols, values);
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

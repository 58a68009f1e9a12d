/**
 * One worksheet part, streamed, as the engine's SheetGrid. Only what the part holds is stored: a row object
 * for each `<row>` that has a cell, an entry for each `<c>` with a value. Nothing declared drives an
 * allocation — `<dimension>`, `spans`, row and column numbers and merge ranges are read as numbers and
 * never turn into arrays of that size — so a sheet with one cell at row 1,048,576 costs one cell.
 */
import type { CellRange, RawCell } from "../../../engine";
import { decodeCellText } from "../xmlText";
import { shiftFormulaText } from "./shiftFormulaText";
import { ownCopy } from "./xmlEvents";
import { elementText, type ScanHandler, type TagAttributes } from "./xmlScanner";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Days between the 1904 and 1900 date systems' day 0: a 1904 workbook's serials read as 1900 ones. */
const DATE_1904_OFFSET = 1462;

/** Thrown by a handler told to read only the first rows, at the first row beyond them: the rest is not read. */
export class RowsReadEnough extends Error {
  constructor() {
    super("the rows asked for are read");
    this.name = "RowsReadEnough";
  }
}

/** A worksheet part that breaks Excel's own rules so that reading it further would be guessing. */
export class WorksheetDamageError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "WorksheetDamageError";
  }
}

export interface WorksheetContext {
  readonly sharedStrings: readonly string[];
  /**
   * One cell object per distinct text, shared by every sheet of the workbook read (RawCell is read-only): an
   * assessment writes each nominee's id, name, sector and the blanks its formulas show on 考核表 and again on every
   * judge's sheet, each an inline string, which at 200,000 nominees was 17.6 million objects and 1.1 GB of grid.
   * Null: a cell of its own per text cell (ReadOptions.shareTextCells).
   */
  readonly textCells: Map<string, RawCell> | null;
  /** One cell per number of General format from 0 to 200 in half steps (index: twice the value), likewise shared. */
  readonly numberCells: RawCell[];
  /** Number format by cell format index (undefined: General). */
  readonly formats: ReadonlyArray<string | undefined>;
  readonly date1904: boolean;
}

export interface WorksheetContent {
  readonly rows: Array<Array<RawCell | null> | undefined>;
  readonly merges: CellRange[];
  readonly hiddenRows: number[];
  readonly hiddenColumns: number[];
}

type Collecting = "none" | "value" | "formula" | "inline";

export class WorksheetHandler implements ScanHandler {
  readonly content: WorksheetContent = { rows: [], merges: [], hiddenRows: [], hiddenColumns: [] };
  private readonly hiddenColumnSet = new Set<number>();
  /** By style index: its number format shows a date (dateStyle). */
  private readonly dateStyles: boolean[] = [];
  private readonly sharedMasters = new Map<string, { text: string; row: number; col: number }>();
  private row = 0;
  private col = 0;
  // The cell being read.
  private type = "n";
  private styleIndex = 0;
  private value = "";
  private hasValue = false;
  private formula: string | undefined;
  /** The formula is a shared one's follower, moved from its master: a string of its own already. */
  private formulaOwned = false;
  /** The cell has a formula whose text is not read (below the rows whose formulas are read). */
  private formulaSkipped = false;
  private sharedIndex: string | undefined;
  private sharedMaster = false;
  private inline = "";
  private phoneticDepth = 0;
  private collecting: Collecting = "none";
  /** The cell being read is in a column left out: its value is neither collected nor stored. */
  private leftOut = false;

  constructor(
    private readonly partName: string,
    private readonly context: WorksheetContext,
    /** Rows from the top to read; the part's rows come in order, so reading stops at the first beyond. */
    private readonly rowsRead = Infinity,
    /** Rows from the top whose formula text is read; below, a formula cell keeps only its value. */
    private readonly formulaRows = Infinity,
    /** Columns whose cells below a row are not read at all. */
    private readonly columnsLeftOut?: {
      readonly belowRow: number;
      readonly from: number;
      readonly to: number;
    }
  ) {}

  open(name: string, attributes: TagAttributes): void {
    switch (name) {
      case "row": {
        const r = attributes.read("r", wholeNumber);
        this.row = r !== undefined ? this.index(r, attributes, MAX_ROWS, "row") : this.row + 1;
        if (this.row > this.rowsRead) throw new RowsReadEnough();
        this.col = 0;
        if (isTrue(attributes.get("hidden"))) this.content.hiddenRows.push(this.row);
        return;
      }
      case "c":
        this.startCell(attributes);
        return;
      case "v":
        if (this.leftOut) return;
        this.collecting = "value";
        this.value = "";
        this.hasValue = true;
        return;
      case "f":
        // Neither collected nor, for a shared formula's follower, moved from its master: nobody reads it.
        this.formulaSkipped = this.row > this.formulaRows;
        this.collecting = this.formulaSkipped ? "none" : "formula";
        this.formula = "";
        this.formulaOwned = false;
        this.sharedIndex = attributes.get("t") === "shared" ? attributes.get("si") : undefined;
        this.sharedMaster = this.sharedIndex !== undefined && attributes.get("ref") !== undefined;
        return;
      case "is":
        this.inline = "";
        this.hasValue = true;
        return;
      case "rPh":
        this.phoneticDepth++;
        return;
      case "t":
        if (this.type === "inlineStr" && this.phoneticDepth === 0 && !this.leftOut)
          this.collecting = "inline";
        return;
      case "col":
        this.hideColumns(attributes);
        return;
      case "mergeCell":
        this.addMerge(attributes.get("ref"));
        return;
      default:
        return;
    }
  }

  /** A cell of one value or one plain inline string, as its events would have read it. */
  valueCell(
    attributes: TagAttributes,
    inline: boolean,
    raw: string,
    start: number,
    end: number
  ): void {
    this.startCell(attributes);
    // As open("is") / open("v") and the text they collect: an inline string's text only in an inlineStr cell.
    if (inline) {
      this.hasValue = true;
      if (this.type === "inlineStr" && !this.leftOut && end > start)
        this.inline = elementText(raw.slice(start, end));
    } else if (!this.leftOut) {
      this.hasValue = true;
      // A plain number's cell made from the digits in place, without the text cut out (most value cells).
      if (this.type === "n" && this.formula === undefined) {
        const value = plainNumber(raw, start, end);
        if (value !== undefined) {
          this.store(this.numberCell(value));
          return;
        }
      }
      if (end > start) this.value = elementText(raw.slice(start, end));
    }
    this.finishCell();
  }

  wantsText(): boolean {
    return this.collecting !== "none";
  }

  text(text: string): void {
    switch (this.collecting) {
      case "value":
        this.value += text;
        return;
      case "formula":
        this.formula += text;
        return;
      case "inline":
        this.inline += text;
        return;
      case "none":
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case "v":
      case "f":
      case "t":
        this.collecting = "none";
        if (name === "f") this.finishFormula();
        return;
      case "rPh":
        this.phoneticDepth--;
        return;
      case "c":
        this.finishCell();
        return;
      case "row":
        this.trimRow();
        return;
      default:
        return;
    }
  }

  private startCell(attributes: TagAttributes): void {
    const packed = attributes.read("r", packedCellRef);
    if (packed !== undefined) {
      if (packed < 0)
        throw new WorksheetDamageError(
          `${this.partName}: cell reference "${attributes.get("r") ?? ""}"`
        );
      const row = Math.floor(packed / COLUMN_SPAN);
      const col = packed % COLUMN_SPAN;
      if (row > MAX_ROWS || col > MAX_COLUMNS)
        this.checkLimits(row, col, attributes.get("r") ?? "");
      if (row > this.rowsRead) throw new RowsReadEnough();
      // A cell whose row disagrees with its <row r> is taken at its own address, as Excel does.
      this.row = row;
      this.col = col;
    } else {
      this.col++;
      this.checkLimits(Math.max(this.row, 1), this.col, `column ${this.col}`);
      if (this.row === 0) this.row = 1;
    }
    const left = this.columnsLeftOut;
    this.leftOut =
      left !== undefined &&
      this.row > left.belowRow &&
      this.col >= left.from &&
      this.col <= left.to;
    this.type = attributes.get("t") ?? "n";
    const style = attributes.read("s", wholeNumber);
    this.styleIndex = style === undefined ? 0 : style >= 0 ? style : Number(attributes.get("s"));
    this.value = "";
    this.hasValue = false;
    this.formula = undefined;
    this.formulaSkipped = false;
    this.sharedIndex = undefined;
    this.sharedMaster = false;
    this.inline = "";
    this.phoneticDepth = 0;
  }

  private finishFormula(): void {
    const si = this.sharedIndex;
    if (si === undefined || this.formulaSkipped) return;
    if (this.sharedMaster && this.formula) {
      this.sharedMasters.set(si, { text: this.formula, row: this.row, col: this.col });
      return;
    }
    const master = this.sharedMasters.get(si);
    if (master && !this.formula) {
      this.formula = shiftFormulaText(master.text, this.row - master.row, this.col - master.col);
      this.formulaOwned = true;
    }
  }

  private finishCell(): void {
    if (this.leftOut) return;
    const cell = this.cellValue();
    if (cell) this.store(cell);
  }

  private store(cell: RawCell): void {
    const rows = this.content.rows;
    let cells = rows[this.row - 1];
    if (!cells) {
      cells = [];
      rows[this.row - 1] = cells;
    }
    cells[this.col - 1] = cell;
  }

  /**
   * A row's array cut to its length: filled cell by cell from empty, V8 gives it room for 17 cells (200,000
   * five-column rows: 101 MB of grid, 82 MB trimmed).
   */
  private trimRow(): void {
    const cells = this.content.rows[this.row - 1];
    if (cells) this.content.rows[this.row - 1] = cells.slice();
  }

  private cellValue(): RawCell | null {
    const plain = this.plainValue();
    // A formula never calculated shows nothing, as below.
    if (this.formulaSkipped) return plain ?? this.textCell("");
    if (!this.formula) return plain;
    const formula = this.formulaOwned ? this.formula : ownCopy(this.formula);
    // A formula never calculated shows nothing.
    return withFormula(plain ?? this.textCell(""), formula);
  }

  /** The workbook read's one cell holding `text`; `text` may be a slice of the part's XML, copied only when kept. */
  private textCell(text: string): RawCell {
    const cells = this.context.textCells;
    if (cells === null) return { type: "text", text: ownCopy(text) };
    let cell = cells.get(text);
    if (cell === undefined) {
      const own = ownCopy(text);
      cell = { type: "text", text: own };
      cells.set(own, cell);
    }
    return cell;
  }

  private plainValue(): RawCell | null {
    if (!this.hasValue) return null;
    switch (this.type) {
      case "s": {
        const text = this.context.sharedStrings[Number(this.value)];
        return text === undefined ? null : this.textCell(text);
      }
      case "inlineStr":
        return this.textCell(decodeCellText(this.inline));
      case "str":
        return this.textCell(decodeCellText(this.value));
      case "b":
        return {
          type: "boolean",
          value: this.value.trim() === "1" || this.value.trim() === "true",
        };
      case "e":
        return { type: "error", error: ownCopy(this.value.trim()) };
      case "d":
        return this.isoDate(this.value.trim());
      default:
        return this.number(this.value.trim());
    }
  }

  private number(text: string): RawCell | null {
    if (text === "") return null;
    const value = Number(text);
    if (!Number.isFinite(value)) return { type: "text", text: ownCopy(text) };
    return this.numberCell(value);
  }

  private numberCell(value: number): RawCell {
    const format = this.context.formats[this.styleIndex];
    if (format !== undefined && this.dateStyle(format)) {
      const serial = this.context.date1904 ? value + DATE_1904_OFFSET : value;
      return { type: "date", serial, numberFormat: format };
    }
    if (format !== undefined && format !== "General")
      return { type: "number", value, numberFormat: format };
    // Half steps from 0 to 200 (scores, counts) share one cell each: RawCell is read-only, as text cells are.
    const half = value * 2;
    if (half >= 0 && half <= 400 && Number.isInteger(half) && !Object.is(value, -0)) {
      const shared = this.context.numberCells;
      return shared[half] ?? (shared[half] = { type: "number", value });
    }
    return { type: "number", value };
  }

  /** Whether the cell's style shows a date, worked out once per style (two expressions a number cell before). */
  private dateStyle(format: string): boolean {
    let known = this.dateStyles[this.styleIndex];
    if (known === undefined) {
      known = isDateNumberFormat(format);
      this.dateStyles[this.styleIndex] = known;
    }
    return known;
  }

  /** `t="d"`: an ISO 8601 date-time (Strict files, some generators) as a 1900-system serial. */
  private isoDate(text: string): RawCell | null {
    const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
    if (Number.isNaN(ms)) return text === "" ? null : { type: "text", text: ownCopy(text) };
    const serial = ms / 86_400_000 + 25569;
    const format = this.context.formats[this.styleIndex];
    return format !== undefined
      ? { type: "date", serial, numberFormat: format }
      : { type: "date", serial };
  }

  private hideColumns(attributes: TagAttributes): void {
    if (!isTrue(attributes.get("hidden"))) return;
    const minText = attributes.get("min");
    const min = Math.max(1, Math.floor(Number(minText)));
    const max = Math.min(MAX_COLUMNS, Math.floor(Number(attributes.get("max") ?? minText)));
    if (!Number.isFinite(min) || !Number.isFinite(max)) return;
    // At most 16,384 columns in all, however the ranges are declared.
    for (let col = min; col <= max; col++) {
      if (!this.hiddenColumnSet.has(col)) {
        this.hiddenColumnSet.add(col);
        this.content.hiddenColumns.push(col);
      }
    }
  }

  private addMerge(ref: string | undefined): void {
    if (!ref) return;
    const [from, to] = ref.split(":");
    const start = parseCellRef(from ?? "");
    const end = parseCellRef(to ?? from ?? "");
    if (!start || !end) return;
    this.content.merges.push({
      top: Math.min(start.row, end.row),
      left: Math.min(start.col, end.col),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.col, end.col),
    });
  }

  /** A row number `read` found (-1: not a plain whole number), within Excel's grid. */
  private index(read: number, attributes: TagAttributes, max: number, what: string): number {
    const n = read >= 0 ? read : Number(attributes.get("r"));
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new WorksheetDamageError(
        `${this.partName}: ${what} number "${attributes.get("r") ?? ""}" is outside Excel's grid`
      );
    return n;
  }

  private checkLimits(row: number, col: number, ref: string): void {
    if (row > MAX_ROWS || col > MAX_COLUMNS)
      throw new WorksheetDamageError(`${this.partName}: cell ${ref} is outside Excel's grid`);
  }
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** Digits only, up to nine (surrounding whitespace allowed), as a number; -1 for anything else. */
function wholeNumber(text: string, start: number, end: number): number {
  let i = start;
  let last = end;
  while (i < last && text.charCodeAt(i) <= 32) i++;
  while (last > i && text.charCodeAt(last - 1) <= 32) last--;
  if (last === i || last - i > 9) return -1;
  let n = 0;
  for (; i < last; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    n = n * 10 + (code - 48);
  }
  return n;
}

/** Powers of ten exact in a double: a decimal of at most 15 digits divided by one is the number Number() reads. */
const EXACT_POWERS_OF_TEN = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/**
 * `-?digits(.digits)?` of at most 15 digits, read in place, or undefined for anything else (whitespace, an exponent,
 * more digits), which Number() reads instead. Both the digits and the power of ten are exact doubles, so their
 * quotient is correctly rounded: the same double as Number(text).
 */
export function plainNumber(text: string, start: number, end: number): number | undefined {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (code === 46 && decimals < 0) decimals = 0;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = decimals > 0 ? mantissa / (EXACT_POWERS_OF_TEN[decimals] as number) : mantissa;
  return negative ? -value : value;
}

/** `B7` or `$B$7` as 1-based row and column; undefined for anything else. */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const packed = packedCellRef(ref, 0, ref.length);
  return packed < 0
    ? undefined
    : { row: Math.floor(packed / COLUMN_SPAN), col: packed % COLUMN_SPAN };
}

/** Above the largest column number packedCellRef can read (ZZZ = 18,278). */
const COLUMN_SPAN = 32_768;

/**
 * `B7` or `$B$7` (surrounding whitespace allowed) as row × COLUMN_SPAN + column, -1 for anything else: up to three
 * letters and seven digits, row ≥ 1. Read character by character, without a match object per cell.
 */
function packedCellRef(ref: string, start: number, last: number): number {
  let i = start;
  let end = last;
  while (i < end && ref.charCodeAt(i) <= 32) i++;
  while (end > i && ref.charCodeAt(end - 1) <= 32) end--;
  if (ref.charCodeAt(i) === 36) i++;
  let col = 0;
  let letters = 0;
  for (; i < end; i++) {
    const code = ref.charCodeAt(i) | 32; // lower case
    if (code < 97 || code > 122) break;
    col = col * 26 + (code - 96);
    letters++;
  }
  if (letters === 0 || letters > 3) return -1;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  for (; i < end; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    row = row * 10 + (code - 48);
    digits++;
  }
  if (digits === 0 || digits > 7 || row < 1) return -1;
  return row * COLUMN_SPAN + col;
}

/** The cell's value with its formula, built without spreading the value into a new object. */
function withFormula(cell: RawCell, formula: string): RawCell {
  switch (cell.type) {
    case "text":
      return { type: "text", text: cell.text, formula };
    case "number":
      return cell.numberFormat === undefined
        ? { type: "number", value: cell.value, formula }
        : { type: "number", value: cell.value, numberFormat: cell.numberFormat, formula };
    default:
      return { ...cell, formula };
  }
}

/** Number formats that show a date (a y or d outside quotes and brackets). */
export function isDateNumberFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"|\\./g, "");
  return /[yd]/i.test(bare);
}

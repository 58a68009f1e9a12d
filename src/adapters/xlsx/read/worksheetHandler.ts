/**
 * One worksheet part, streamed, as the engine's SheetGrid. Only what the part holds is stored: a row object
 * for each `<row>` that has a cell, an entry for each `<c>` with a value. Nothing declared drives an
 * allocation — `<dimension>`, `spans`, row and column numbers and merge ranges are read as numbers and
 * never turn into arrays of that size — so a sheet with one cell at row 1,048,576 costs one cell.
 */
import type { CellRange, RawCell } from "../../../engine";
import { decodeCellText } from "../xmlText";
import { shiftFormulaText } from "./shiftFormulaText";
import { ownCopy, type XmlHandler } from "./xmlEvents";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Days between the 1904 and 1900 date systems' day 0: a 1904 workbook's serials read as 1900 ones. */
const DATE_1904_OFFSET = 1462;

/** A worksheet part that breaks Excel's own rules so that reading it further would be guessing. */
export class WorksheetDamageError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "WorksheetDamageError";
  }
}

export interface WorksheetContext {
  readonly sharedStrings: readonly string[];
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

export class WorksheetHandler implements XmlHandler {
  readonly content: WorksheetContent = { rows: [], merges: [], hiddenRows: [], hiddenColumns: [] };
  private readonly hiddenColumnSet = new Set<number>();
  private readonly sharedMasters = new Map<string, { text: string; row: number; col: number }>();
  private row = 0;
  private col = 0;
  // The cell being read.
  private type = "n";
  private styleIndex = 0;
  private value = "";
  private hasValue = false;
  private formula: string | undefined;
  private sharedIndex: string | undefined;
  private sharedMaster = false;
  private inline = "";
  private phoneticDepth = 0;
  private collecting: Collecting = "none";

  constructor(
    private readonly partName: string,
    private readonly context: WorksheetContext
  ) {}

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    switch (name) {
      case "row":
        this.row =
          attributes.r !== undefined ? this.index(attributes.r, MAX_ROWS, "row") : this.row + 1;
        this.col = 0;
        if (isTrue(attributes.hidden)) this.content.hiddenRows.push(this.row);
        return;
      case "c":
        this.startCell(attributes);
        return;
      case "v":
        this.collecting = "value";
        this.value = "";
        this.hasValue = true;
        return;
      case "f":
        this.collecting = "formula";
        this.formula = "";
        this.sharedIndex = attributes.t === "shared" ? attributes.si : undefined;
        this.sharedMaster = this.sharedIndex !== undefined && attributes.ref !== undefined;
        return;
      case "is":
        this.inline = "";
        this.hasValue = true;
        return;
      case "rPh":
        this.phoneticDepth++;
        return;
      case "t":
        if (this.type === "inlineStr" && this.phoneticDepth === 0) this.collecting = "inline";
        return;
      case "col":
        this.hideColumns(attributes);
        return;
      case "mergeCell":
        this.addMerge(attributes.ref);
        return;
      default:
        return;
    }
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

  private startCell(attributes: Readonly<Record<string, string>>): void {
    if (attributes.r !== undefined) {
      const at = parseCellRef(attributes.r);
      if (!at) throw new WorksheetDamageError(`${this.partName}: cell reference "${attributes.r}"`);
      this.checkLimits(at.row, at.col, attributes.r);
      // A cell whose row disagrees with its <row r> is taken at its own address, as Excel does.
      this.row = at.row;
      this.col = at.col;
    } else {
      this.col++;
      this.checkLimits(Math.max(this.row, 1), this.col, `column ${this.col}`);
      if (this.row === 0) this.row = 1;
    }
    this.type = attributes.t ?? "n";
    this.styleIndex = attributes.s !== undefined ? Number(attributes.s) : 0;
    this.value = "";
    this.hasValue = false;
    this.formula = undefined;
    this.sharedIndex = undefined;
    this.sharedMaster = false;
    this.inline = "";
    this.phoneticDepth = 0;
  }

  private finishFormula(): void {
    const si = this.sharedIndex;
    if (si === undefined) return;
    if (this.sharedMaster && this.formula) {
      this.sharedMasters.set(si, { text: this.formula, row: this.row, col: this.col });
      return;
    }
    const master = this.sharedMasters.get(si);
    if (master && !this.formula)
      this.formula = shiftFormulaText(master.text, this.row - master.row, this.col - master.col);
  }

  private finishCell(): void {
    const cell = this.cellValue();
    if (!cell) return;
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
    const formula = this.formula ? ownCopy(this.formula) : undefined;
    const plain = this.plainValue();
    if (formula === undefined) return plain;
    // A formula never calculated shows nothing.
    return { ...(plain ?? { type: "text", text: "" }), formula };
  }

  private plainValue(): RawCell | null {
    if (!this.hasValue) return null;
    switch (this.type) {
      case "s": {
        const text = this.context.sharedStrings[Number(this.value)];
        return text === undefined ? null : { type: "text", text };
      }
      case "inlineStr":
        return { type: "text", text: ownCopy(decodeCellText(this.inline)) };
      case "str":
        return { type: "text", text: ownCopy(decodeCellText(this.value)) };
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
    const format = this.context.formats[this.styleIndex];
    if (format !== undefined && isDateNumberFormat(format)) {
      const serial = this.context.date1904 ? value + DATE_1904_OFFSET : value;
      return { type: "date", serial, numberFormat: format };
    }
    return format !== undefined && format !== "General"
      ? { type: "number", value, numberFormat: format }
      : { type: "number", value };
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

  private hideColumns(attributes: Readonly<Record<string, string>>): void {
    if (!isTrue(attributes.hidden)) return;
    const min = Math.max(1, Math.floor(Number(attributes.min)));
    const max = Math.min(MAX_COLUMNS, Math.floor(Number(attributes.max ?? attributes.min)));
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

  private index(text: string, max: number, what: string): number {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new WorksheetDamageError(
        `${this.partName}: ${what} number "${text}" is outside Excel's grid`
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

/** `B7` or `$B$7` as 1-based row and column; undefined for anything else. */
export function parseCellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m || !m[1] || !m[2]) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1) return undefined;
  return { row, col };
}

/** Number formats that show a date (a y or d outside quotes and brackets). */
export function isDateNumberFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"|\\./g, "");
  return /[yd]/i.test(bare);
}

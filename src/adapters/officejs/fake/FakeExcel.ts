/**
 * A typed, in-memory stand-in for the Excel JavaScript API subset in ../excelApiSubset.ts, for tests,
 * the bench and the try-it-without-Excel demo (so it must stay browser-safe: no node imports).
 * office-addin-mock cannot model collections (OfficeDev/Office-Addin-Scripts #729, #904), hence this fake.
 *
 * It enforces what breaks add-ins in real Excel: a property read before it was loaded and synced throws
 * PropertyNotLoaded; queued writes apply only on sync(), in order; a request over 5 MB is refused whole
 * (RequestPayloadSizeLimitExceeded, as Excel on the web does); strings written through `values` are read
 * as Excel reads typing ('=SUM(A1)' becomes a formula unless the cell is formatted '@'); locked cells of a
 * protected sheet refuse writes; members newer than the pretend host's ExcelApi version throw ApiNotFound.
 * It stores formula text and never calculates.
 */
import type { CellRange, RawCell, SheetGrid, WorkbookGrid } from "../../../engine";
import { a1, columnLetter, columnNumber, wrappedRowHeight } from "../../../engine";
import type {
  XlApplication,
  XlAutoFilter,
  XlCellValue,
  XlChart,
  XlChartCollection,
  XlChartSeries,
  XlPageBreakCollection,
  XlConditionalFormat,
  XlConditionalFormatCollection,
  XlContext,
  XlCustomConditionalFormat,
  XlDataValidation,
  XlDataValidationErrorAlert,
  XlDataValidationPrompt,
  XlDataValidationRule,
  XlFormatProtection,
  XlFreezePanes,
  XlHyperlink,
  XlNamedItem,
  XlNamedItemCollection,
  XlHeaderFooter,
  XlHeaderFooterGroup,
  XlPageLayout,
  XlProtectionOptions,
  XlRange,
  XlRangeAreas,
  XlRangeBorder,
  XlRangeBorderCollection,
  XlRangeFill,
  XlRangeFont,
  XlRangeFormat,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetCollection,
  XlWorksheetProtection,
} from "../excelApiSubset";
import type { ExcelBatch, ExcelHost } from "../OfficeJsWorkbook";
import { EXCEL_API_REQUIREMENTS, type ExcelApiMember } from "../excelApiSubset";
import {
  TEXT_NUMBER_FORMAT,
  escapedJsonLength,
  interpretTypedString,
  utf8Length,
} from "./excelText";

/** Excel on the web refuses requests larger than 5 MB. */
export const FAKE_REQUEST_LIMIT_BYTES = 5_000_000;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
const ROW_KEY = 20_000;

export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidObjectPath"
  | "ApiNotFound";

/** Carries `code` like OfficeExtension.Error, so callers can tell the failures apart. */
export class FakeExcelError extends Error {
  constructor(
    readonly code: FakeErrorCode,
    message: string
  ) {
    super(`${code}: ${message}`);
    this.name = "FakeExcelError";
  }
}

export interface FakeCellFormat {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fill?: string;
  horizontal?: string;
  vertical?: string;
  wrap?: boolean;
  locked?: boolean;
  border?: string;
  borderColor?: string;
}

interface FakeCell {
  value?: string | number | boolean;
  error?: boolean;
  formula?: string;
  numberFormat?: string;
  format?: FakeCellFormat;
  hyperlink?: XlHyperlink;
}

export interface FakeValidation {
  readonly range: string;
  rule: XlDataValidationRule;
  errorAlert?: XlDataValidationErrorAlert;
  prompt?: XlDataValidationPrompt;
  ignoreBlanks: boolean;
}

export interface FakeConditionalFormatRecord {
  readonly range: string;
  readonly type: string;
  formula: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  priority: number;
  stopIfTrue: boolean;
}

export interface FakeProtection {
  protected: boolean;
  options?: XlProtectionOptions;
  password?: string;
}

/** A chart as the fake's charts.add and the chart proxies left it; addresses are on the chart's own sheet. */
export interface FakeChartRecord {
  readonly type: string;
  readonly source: string;
  readonly seriesBy: string;
  title?: string;
  position?: { readonly start: string; readonly end?: string };
  readonly series: FakeChartSeriesRecord[];
}

export interface FakeChartSeriesRecord {
  /** A name set as text (series.name). */
  name?: string;
  /** The cell a name is linked to (charts.add over a labelled block): the legend shows what it holds. */
  nameSource?: string;
  values: string;
  xValues?: string;
  fill?: string;
}

export interface FakePageLayout {
  orientation?: string;
  paperSize?: string;
  printTitleRows?: string;
  printTitleColumns?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** Every page's header and footer parts as set (leftHeader … rightFooter), in Excel's codes. */
  headersFooters?: Partial<Record<keyof XlHeaderFooter, string>>;
}

class SheetData {
  deleted = false;
  visibility = "Visible";
  tabColor = "";
  readonly cells = new Map<number, FakeCell>();
  readonly merges: CellRange[] = [];
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly validations: FakeValidation[] = [];
  readonly conditionalFormats: FakeConditionalFormatRecord[] = [];
  protection: FakeProtection = { protected: false };
  freeze: { rows: number; columns: number } | null = null;
  autoFilter: string | null = null;
  pageLayout: FakePageLayout = {};
  readonly charts: FakeChartRecord[] = [];
  /** Rows a horizontal page break is above, in the order added. */
  readonly rowBreaks: number[] = [];

  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(row * ROW_KEY + col);
  }

  /**
   * Excel's autofit of rows `top…bottom`, modelled with the engine's own estimate of wrapped text (printSetup's
   * wrappedRowHeight) at the column widths set when it runs: a row whose wrapped text takes several lines gets that
   * height, any other row loses a height of its own. Merged cells are left out, as Excel leaves them out.
   */
  autofitRows(top: number, bottom: number): void {
    const texts = new Map<number, { text: string; width: number }[]>();
    for (const [key, cell] of this.cells) {
      const row = Math.floor(key / ROW_KEY);
      const col = key % ROW_KEY;
      if (row < top || row > bottom || cell.format?.wrap !== true) continue;
      if (
        typeof cell.value !== "string" ||
        this.merges.some((m) => intersects(m, { top: row, left: col, bottom: row, right: col }))
      )
        continue;
      const points = this.columnWidths.get(col);
      // Column width points back to characters (planSteps' columnWidthPoints); Excel's default is 8.43.
      const width = points === undefined ? 8.43 : Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
      texts.set(row, [...(texts.get(row) ?? []), { text: cell.value, width }]);
    }
    for (let row = top; row <= bottom; row++) {
      const height = wrappedRowHeight(texts.get(row) ?? []);
      if (height === null) this.rowHeights.delete(row);
      else this.rowHeights.set(row, height);
    }
  }

  cellForWrite(row: number, col: number): FakeCell {
    const key = row * ROW_KEY + col;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {};
      this.cells.set(key, cell);
    }
    return cell;
  }

  usedRange(valuesOnly: boolean): CellRange | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const [key, cell] of this.cells) {
      if (valuesOnly && cell.value === undefined && cell.formula === undefined) continue;
      const row = Math.floor(key / ROW_KEY);
      const col = key % ROW_KEY;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return bottom === 0 ? null : { top, left, bottom, right };
  }

  isLockedForWrite(row: number, col: number): boolean {
    return this.protection.protected && this.cell(row, col)?.format?.locked !== false;
  }
}

/** Parses 'B7', 'A1:C5', 'C:E', '3:4', with or without `$` and a sheet prefix, into a 1-based rectangle. */
export function parseAddress(address: string): CellRange {
  const bang = address.lastIndexOf("!");
  const local = (bang >= 0 ? address.slice(bang + 1) : address)
    .replace(/\$/g, "")
    .trim()
    .toUpperCase();
  const [from = "", to = from] = local.split(":");
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const fromCell = cell.exec(from);
  const toCell = cell.exec(to);
  if (fromCell && toCell) {
    return normalise(
      Number(fromCell[2]),
      columnNumber(fromCell[1] ?? ""),
      Number(toCell[2]),
      columnNumber(toCell[1] ?? "")
    );
  }
  if (/^[A-Z]{1,3}$/.test(from) && /^[A-Z]{1,3}$/.test(to))
    return normalise(1, columnNumber(from), MAX_ROW, columnNumber(to));
  if (/^\d+$/.test(from) && /^\d+$/.test(to))
    return normalise(Number(from), 1, Number(to), MAX_COL);
  throw new FakeExcelError("InvalidArgument", `not an address: ${address}`);
}

function normalise(r1: number, c1: number, r2: number, c2: number): CellRange {
  const range = {
    top: Math.min(r1, r2),
    left: Math.min(c1, c2),
    bottom: Math.max(r1, r2),
    right: Math.max(c1, c2),
  };
  if (range.top < 1 || range.left < 1 || range.bottom > MAX_ROW || range.right > MAX_COL) {
    throw new FakeExcelError(
      "InvalidArgument",
      `address out of the sheet: ${JSON.stringify(range)}`
    );
  }
  return range;
}

/** Excel quotes a sheet name in an address only when it must. */
function sheetPrefix(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? `${name}!`
    : `'${name.replace(/'/g, "''")}'!`;
}

export function formatArea(range: CellRange): string {
  const start = a1(range.top, range.left);
  const end = a1(range.bottom, range.right);
  if (range.top === 1 && range.bottom === MAX_ROW)
    return `${columnLetter(range.left)}:${columnLetter(range.right)}`;
  return start === end ? start : `${start}:${end}`;
}

function intersects(a: CellRange, b: CellRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  const bare = numberFormat.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").toLowerCase();
  return /[yd]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
}

type ChangeListener = (change: { sheets: readonly string[] }) => void;

export interface FakeHostOptions {
  /** Highest ExcelApi requirement set the pretend host supports, e.g. '1.8' to test fallbacks. Default '1.13'. */
  readonly apiVersion?: string;
}

/** The pretend workbook: its state, a host to run batches against it, and read-only inspection for tests. */
export class FakeWorkbook {
  /** @internal */ readonly sheets: SheetData[] = [];
  /** @internal */ readonly names = new Map<
    string,
    { name: string; reference: string; comment: string; visible: boolean }
  >();
  /** @internal */ selection: { sheet: string; address: string } | null = null;
  /** @internal */ activeSheet: string | null = null;
  /** What batches asked of calculation, in order: "suspend" once per request that suspended it, "calculate Full" … */
  readonly calculationLog: string[] = [];
  readonly stats = {
    syncs: 0,
    requestBytes: [] as number[],
    largestRequest: 0,
    /** JSON bytes of what each sync sent back (loaded properties). */
    responseBytes: [] as number[],
    largestResponse: 0,
  };
  private readonly listeners = new Set<ChangeListener>();

  static fromGrid(grid: WorkbookGrid): FakeWorkbook {
    const book = new FakeWorkbook();
    for (const sheet of grid.sheets) book.sheets.push(sheetFromGrid(sheet));
    // Workbook-scoped names only: office-js's workbook.names holds those (sheet-scoped ones are not modelled).
    for (const n of grid.names ?? [])
      if (n.scope === undefined)
        book.names.set(n.name.toLowerCase(), {
          name: n.name,
          reference: `=${n.refersTo}`,
          comment: "",
          visible: !n.hidden,
        });
    book.activeSheet = book.sheets[0]?.name ?? null;
    return book;
  }

  host(options: FakeHostOptions = {}): ExcelHost {
    const version = options.apiVersion ?? "1.13";
    return {
      run: async <T>(batch: ExcelBatch<T>): Promise<T> => {
        const context = new FakeRequestContext(this, version);
        try {
          // The one cast in the fake: batches are typed against the real API, which XlContext is checked to be a subset of.
          const result = await batch(context as unknown as Parameters<ExcelBatch<T>>[0]);
          if (context.pendingCount > 0) await context.sync(); // Excel.run flushes what is left, as here
          return result;
        } finally {
          context.close();
        }
      },
      isSetSupported: (api, wanted) => api === "ExcelApi" && compareVersions(wanted, version) <= 0,
    };
  }

  /** The workbook as plain grids: what a reader of the saved file would see (formulas keep their cached value). */
  toGrid(): WorkbookGrid {
    return {
      sheets: this.liveSheets().map(sheetToGrid),
      names: [...this.names.values()].map((n) => ({
        name: n.name,
        refersTo: n.reference.replace(/^=/, ""),
        hidden: !n.visible,
      })),
    };
  }

  /**
   * Renames a sheet as a person does in Excel: every formula and defined name that refers to it follows.
   * (office-js can rename too; the adapter never does, so this is the person's edit, for tests.)
   */
  renameSheet(from: string, to: string): void {
    const sheet = this.sheetData(from);
    if (this.findSheet(to))
      throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${to} exists`);
    const rewrite = (formula: string): string =>
      rewriteSheetReferences(formula, sheet.name, quoteForFormula(to));
    for (const data of this.liveSheets())
      for (const cell of data.cells.values())
        if (cell.formula !== undefined) cell.formula = rewrite(cell.formula);
    for (const n of this.names.values()) n.reference = rewrite(n.reference);
    if (this.activeSheet === sheet.name) this.activeSheet = to;
    sheet.name = to;
    this.notify([to]);
  }

  /** Deletes a sheet as a person does: formulas and names that referred to it become #REF!. */
  deleteSheet(name: string): void {
    const sheet = this.sheetData(name);
    const rewrite = (formula: string): string => rewriteSheetReferences(formula, sheet.name, null);
    sheet.deleted = true;
    for (const data of this.liveSheets())
      for (const cell of data.cells.values())
        if (cell.formula !== undefined) cell.formula = rewrite(cell.formula);
    for (const n of this.names.values()) n.reference = rewrite(n.reference);
    if (this.activeSheet === sheet.name) this.activeSheet = this.liveSheets()[0]?.name ?? null;
    this.notify([name]);
  }

  /** Calls `listener` after every sync that changed sheets (and after typeInto); returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  resetStats(): void {
    this.stats.syncs = 0;
    this.stats.requestBytes.length = 0;
    this.stats.largestRequest = 0;
    this.stats.responseBytes.length = 0;
    this.stats.largestResponse = 0;
  }

  sheetNames(): string[] {
    return this.liveSheets().map((s) => s.name);
  }

  cellValue(sheet: string, address: string): string | number | boolean | null {
    const { top, left } = parseAddress(address);
    return this.sheetData(sheet).cell(top, left)?.value ?? null;
  }

  /** Formula text with its leading '=', or null for a constant or blank cell. */
  cellFormula(sheet: string, address: string): string | null {
    const { top, left } = parseAddress(address);
    return this.sheetData(sheet).cell(top, left)?.formula ?? null;
  }

  cellNumberFormat(sheet: string, address: string): string {
    const { top, left } = parseAddress(address);
    return this.sheetData(sheet).cell(top, left)?.numberFormat ?? "General";
  }

  cellFormat(sheet: string, address: string): Readonly<FakeCellFormat> {
    const { top, left } = parseAddress(address);
    return { ...this.sheetData(sheet).cell(top, left)?.format };
  }

  cellHyperlink(sheet: string, address: string): XlHyperlink | null {
    const { top, left } = parseAddress(address);
    return this.sheetData(sheet).cell(top, left)?.hyperlink ?? null;
  }

  /** Types into a cell as a person would (Excel's reading of strings applies); for the demo and tests. */
  typeInto(sheet: string, address: string, value: string | number | boolean | null): void {
    const { top, left } = parseAddress(address);
    const data = this.sheetData(sheet);
    if (data.isLockedForWrite(top, left))
      throw new FakeExcelError("InvalidOperation", `${sheet}!${address} is protected`);
    writeValue(data.cellForWrite(top, left), value === null ? "" : value);
    this.notify([sheet]);
  }

  merges(sheet: string): string[] {
    return this.sheetData(sheet).merges.map(formatArea);
  }

  validations(sheet: string): readonly FakeValidation[] {
    return this.sheetData(sheet).validations;
  }

  /** In precedence order: the first one wins where formats conflict. */
  conditionalFormats(sheet: string): readonly FakeConditionalFormatRecord[] {
    return this.sheetData(sheet).conditionalFormats;
  }

  protection(sheet: string): Readonly<FakeProtection> {
    return this.sheetData(sheet).protection;
  }

  freeze(sheet: string): { rows: number; columns: number } | null {
    return this.sheetData(sheet).freeze;
  }

  autoFilter(sheet: string): string | null {
    return this.sheetData(sheet).autoFilter;
  }

  /** The sheet's charts in the order they were added. */
  charts(sheet: string): readonly FakeChartRecord[] {
    return this.sheetData(sheet).charts;
  }

  /** Rows a horizontal page break is above, in the order added. */
  rowBreaks(sheet: string): readonly number[] {
    return this.sheetData(sheet).rowBreaks;
  }

  pageLayout(sheet: string): Readonly<FakePageLayout> {
    return this.sheetData(sheet).pageLayout;
  }

  /** Width in points, or null when never set. */
  rowHeight(sheet: string, row: number): number | null {
    return this.sheetData(sheet).rowHeights.get(row) ?? null;
  }

  columnWidth(sheet: string, column: string): number | null {
    return this.sheetData(sheet).columnWidths.get(columnNumber(column)) ?? null;
  }

  isColumnHidden(sheet: string, column: string): boolean {
    return this.sheetData(sheet).hiddenColumns.has(columnNumber(column));
  }

  sheetVisibility(sheet: string): string {
    return this.sheetData(sheet).visibility;
  }

  sheetTabColor(sheet: string): string {
    return this.sheetData(sheet).tabColor;
  }

  definedNames(): { name: string; reference: string; comment: string; visible: boolean }[] {
    return [...this.names.values()];
  }

  selectedCell(): { sheet: string; address: string } | null {
    return this.selection;
  }

  activeSheetName(): string | null {
    return this.activeSheet;
  }

  /** @internal */
  liveSheets(): SheetData[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  /** @internal */
  findSheet(name: string): SheetData | undefined {
    const wanted = name.toLowerCase();
    return this.liveSheets().find((s) => s.name.toLowerCase() === wanted);
  }

  /** @internal */
  recordSync(bytes: number): void {
    this.stats.syncs++;
    this.stats.requestBytes.push(bytes);
    this.stats.largestRequest = Math.max(this.stats.largestRequest, bytes);
  }

  /** @internal */
  recordResponse(bytes: number): void {
    this.stats.responseBytes.push(bytes);
    this.stats.largestResponse = Math.max(this.stats.largestResponse, bytes);
  }

  /** @internal */
  notify(sheets: readonly string[]): void {
    for (const listener of this.listeners) listener({ sheets });
  }

  private sheetData(name: string): SheetData {
    const sheet = this.findSheet(name);
    if (!sheet) throw new FakeExcelError("ItemNotFound", `no sheet named ${name}`);
    return sheet;
  }
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function sheetFromGrid(grid: SheetGrid): SheetData {
  const sheet = new SheetData(grid.name);
  if (grid.hidden) sheet.visibility = grid.visibility === "veryHidden" ? "VeryHidden" : "Hidden";
  grid.rows.forEach((row, r) =>
    row?.forEach((raw, c) => {
      if (!raw) return;
      const cell = sheet.cellForWrite(r + 1, c + 1);
      switch (raw.type) {
        case "text":
          cell.value = raw.text;
          break;
        case "number":
          cell.value = raw.value;
          if (raw.numberFormat) cell.numberFormat = raw.numberFormat;
          break;
        case "date":
          cell.value = raw.serial;
          cell.numberFormat =
            raw.numberFormat && isDateFormat(raw.numberFormat) ? raw.numberFormat : "yyyy-mm-dd";
          break;
        case "boolean":
          cell.value = raw.value;
          break;
        case "error":
          cell.value = raw.error;
          cell.error = true;
          break;
      }
      if (raw.formula !== undefined)
        cell.formula = raw.formula.startsWith("=") ? raw.formula : `=${raw.formula}`;
    })
  );
  sheet.merges.push(...grid.merges);
  for (const row of grid.hiddenRows) sheet.hiddenRows.add(row);
  for (const col of grid.hiddenColumns) sheet.hiddenColumns.add(col);
  return sheet;
}

/** A sheet name as a formula writes it: quoted unless it is plain letters, digits and _. */
function quoteForFormula(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Every reference to `sheet` in a formula, pointed at `to` (already quoted as needed) or, when `to` is null,
 * broken into #REF! the way Excel breaks references to a deleted sheet.
 */
function rewriteSheetReferences(formula: string, sheet: string, to: string | null): string {
  const quoted = `'${sheet.replace(/'/g, "''")}'!`;
  const bare = `${sheet}!`;
  const reference = /^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?/;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // A string literal is text: copied as it is.
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const prev = i === 0 ? "" : (formula[i - 1] ?? "");
    const boundary = !/[\p{L}\p{N}_.'$]/u.test(prev);
    const match = formula.startsWith(quoted, i)
      ? quoted
      : boundary && formula.startsWith(bare, i)
        ? bare
        : null;
    if (match) {
      const rest = formula.slice(i + match.length);
      const address = reference.exec(rest)?.[0] ?? "";
      out += to === null ? "#REF!" : `${to}!${address}`;
      i += match.length + address.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function sheetToGrid(sheet: SheetData): SheetGrid {
  const rows: (RawCell | null)[][] = [];
  for (const [key, cell] of sheet.cells) {
    const raw = rawCellOf(cell);
    if (!raw) continue;
    const row = Math.floor(key / ROW_KEY);
    const col = key % ROW_KEY;
    const line = (rows[row - 1] ??= []);
    while (line.length < col - 1) line.push(null);
    line[col - 1] = raw;
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return {
    name: sheet.name,
    hidden: sheet.visibility !== "Visible",
    visibility:
      sheet.visibility === "VeryHidden"
        ? "veryHidden"
        : sheet.visibility === "Hidden"
          ? "hidden"
          : "visible",
    rows,
    merges: [...sheet.merges],
    hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
    hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
  };
}

function rawCellOf(cell: FakeCell): RawCell | null {
  const formula = cell.formula !== undefined ? { formula: cell.formula.slice(1) } : {};
  const value = cell.value;
  if (value === undefined)
    return cell.formula !== undefined ? { type: "text", text: "", ...formula } : null;
  if (cell.error) return { type: "error", error: String(value), ...formula };
  if (typeof value === "boolean") return { type: "boolean", value, ...formula };
  if (typeof value === "string") return { type: "text", text: value, ...formula };
  const numberFormat = cell.numberFormat ? { numberFormat: cell.numberFormat } : {};
  return isDateFormat(cell.numberFormat)
    ? { type: "date", serial: value, ...numberFormat, ...formula }
    : { type: "number", value, ...numberFormat, ...formula };
}

/** Writes one entry of a `values` array, reading strings as Excel does. */
function writeValue(cell: FakeCell, value: unknown): void {
  delete cell.error;
  if (value === "") {
    delete cell.value;
    delete cell.formula;
    return;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new FakeExcelError("InvalidArgument", `not a finite number: ${value}`);
    cell.value = value;
    delete cell.formula;
    return;
  }
  if (typeof value === "boolean") {
    cell.value = value;
    delete cell.formula;
    return;
  }
  if (typeof value !== "string")
    throw new FakeExcelError("InvalidArgument", `cannot write ${JSON.stringify(value)} to a cell`);
  const entry = interpretTypedString(value, cell.numberFormat);
  delete cell.formula;
  switch (entry.kind) {
    case "text":
      cell.value = entry.text;
      return;
    case "number":
      cell.value = entry.value;
      if (entry.numberFormat && (cell.numberFormat ?? "General") === "General")
        cell.numberFormat = entry.numberFormat;
      return;
    case "boolean":
      cell.value = entry.value;
      return;
    case "formula":
      delete cell.value; // the fake does not calculate
      cell.formula = entry.formula;
      return;
  }
}

/** Writes one entry of a `formulas` array: '=…' is a formula unless the cell is formatted as text. */
function writeFormula(cell: FakeCell, value: unknown): void {
  if (
    typeof value === "string" &&
    value.startsWith("=") &&
    value.length > 1 &&
    cell.numberFormat !== TEXT_NUMBER_FORMAT
  ) {
    delete cell.value;
    delete cell.error;
    cell.formula = value;
    return;
  }
  writeValue(cell, value);
}

interface QueuedOperation {
  readonly run: () => void;
}

/** One batch: queues operations, and on sync() measures, refuses or applies them in order. */
class FakeRequestContext implements XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  private queue: QueuedOperation[] = [];
  private queueBytes = 0;
  /** What this sync's loads send back: their size, and how each becomes readable once the response is accepted. */
  private response: { bytes: number; commits: (() => void)[] } = { bytes: 0, commits: [] };
  private closed = false;
  private touched = new Set<string>();

  constructor(
    readonly book: FakeWorkbook,
    private readonly apiVersion: string
  ) {
    this.workbook = {
      worksheets: new FakeWorksheetCollection(this),
      names: new FakeNamedItemCollection(this),
    };
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue({ op: "suspendApiCalculationUntilNextSync" }, () =>
          this.book.calculationLog.push("suspend")
        ),
      calculate: (calculationType: string) =>
        this.enqueue({ op: "calculate", calculationType }, () =>
          this.book.calculationLog.push(`calculate ${calculationType}`)
        ),
      suspendScreenUpdatingUntilNextSync: () => {
        this.requireApi("Application.suspendScreenUpdatingUntilNextSync");
        this.enqueue({ op: "suspendScreenUpdatingUntilNextSync" }, () => undefined);
      },
    };
  }

  /** A member newer than the pretend host's ExcelApi version does not exist there (versions as Microsoft's tables give them). */
  requireApi(member: ExcelApiMember): void {
    const version = EXCEL_API_REQUIREMENTS[member];
    if (compareVersions(version, this.apiVersion) > 0) {
      throw new FakeExcelError(
        "ApiNotFound",
        `${member} needs ExcelApi ${version}; this host has ${this.apiVersion}`
      );
    }
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  /** Queues an operation; `record` is what goes over the wire, so its JSON size is the request's size. */
  enqueue(record: object, run: () => void, sheet?: string): void {
    if (this.closed)
      throw new FakeExcelError(
        "InvalidObjectPath",
        "the batch has ended; objects from it cannot be used"
      );
    this.queueBytes += utf8Length(JSON.stringify(record)) + 1;
    this.queue.push({ run });
    if (sheet !== undefined) this.touched.add(sheet);
  }

  async sync(): Promise<void> {
    if (this.closed) throw new FakeExcelError("InvalidObjectPath", "the batch has ended");
    const operations = this.queue;
    const bytes = this.queueBytes + 2;
    this.queue = [];
    this.queueBytes = 0;
    const touched = [...this.touched];
    this.touched.clear();
    if (bytes > FAKE_REQUEST_LIMIT_BYTES) {
      throw new FakeExcelError(
        "RequestPayloadSizeLimitExceeded",
        `request of ${bytes} bytes is over the ${FAKE_REQUEST_LIMIT_BYTES}-byte limit`
      );
    }
    this.book.recordSync(bytes);
    const response: FakeRequestContext["response"] = { bytes: 2, commits: [] };
    this.response = response;
    try {
      for (const operation of operations) operation.run(); // operations before a failure stay applied, as in Excel
    } finally {
      if (touched.length) this.book.notify(touched);
    }
    // Excel on the web refuses responses over 5 MB too; nothing loaded in this sync becomes readable then.
    // Non-ASCII text is counted as \uXXXX escapes, the most JSON can spend on it (escapedJsonLength).
    if (response.bytes > FAKE_REQUEST_LIMIT_BYTES) {
      throw new FakeExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `response of ${response.bytes} bytes is over the ${FAKE_REQUEST_LIMIT_BYTES}-byte limit`
      );
    }
    this.book.recordResponse(response.bytes);
    for (const commit of response.commits) commit();
    await Promise.resolve();
  }

  close(): void {
    this.closed = true;
  }

  /** @internal A load's result: counted in this sync's response, readable only if the response is accepted. */
  respond(values: ReadonlyMap<string, unknown>, commit: () => void): void {
    this.response.bytes += responseSize(values);
    this.response.commits.push(commit);
  }
}

/** JSON size of loaded values; a loaded proxy (a collection's items) counts as its own loaded values. */
function responseSize(values: ReadonlyMap<string, unknown>): number {
  const plain = (value: unknown): unknown =>
    value instanceof FakeClientObject ? Object.fromEntries(value.loadedValues()) : value;
  return escapedJsonLength(
    JSON.stringify(
      Object.fromEntries(
        [...values].map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map(plain) : plain(value),
        ])
      )
    )
  );
}

/** Base of every proxy: properties become readable only through load() + sync(). */
abstract class FakeClientObject {
  protected loaded: Map<string, unknown> | null = null;

  protected constructor(
    readonly context: FakeRequestContext,
    readonly path: string
  ) {}

  protected abstract snapshot(property: string): unknown;

  protected loadProperties(propertyNames: string): void {
    const names = propertyNames
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    this.context.enqueue({ op: "load", path: this.path, names }, () => {
      const values = new Map<string, unknown>([["isNullObject", this.snapshot("isNullObject")]]);
      if (values.get("isNullObject") !== true)
        for (const name of names) values.set(name.split("/")[0] ?? name, this.snapshot(name));
      this.context.respond(values, () => {
        const loaded = (this.loaded ??= new Map());
        for (const [key, value] of values) loaded.set(key, value);
      });
    });
  }

  /** @internal What a load has made readable. */
  loadedValues(): ReadonlyMap<string, unknown> {
    return this.loaded ?? new Map();
  }

  protected read<T>(property: string): T {
    if (!this.loaded?.has(property)) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        `${this.path}.${property} was read before load('${property}') and sync()`
      );
    }
    if (property !== "isNullObject" && this.loaded.get("isNullObject") === true) {
      throw new FakeExcelError("InvalidObjectPath", `${this.path} is a null object`);
    }
    return this.loaded.get(property) as T;
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }
}

class FakeWorksheetCollection extends FakeClientObject implements XlWorksheetCollection {
  constructor(context: FakeRequestContext) {
    super(context, "worksheets");
  }

  get items(): XlWorksheet[] {
    return this.read<XlWorksheet[]>("items");
  }

  load(propertyNames: string): XlWorksheetCollection {
    this.loadProperties(
      propertyNames.split(",").some((p) => p.trim().startsWith("items")) ? "items" : propertyNames
    );
    return this;
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return false;
    return this.context.book
      .liveSheets()
      .map((data) => FakeWorksheet.loadedFor(this.context, data));
  }

  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.context, key, false);
  }

  getItemOrNullObject(key: string): XlWorksheet {
    return new FakeWorksheet(this.context, key, true);
  }

  add(name?: string): XlWorksheet {
    const book = this.context.book;
    const wanted = name ?? `Sheet${book.sheets.length + 1}`;
    const sheet = new FakeWorksheet(this.context, wanted, false);
    this.context.enqueue(
      { op: "worksheets.add", name: wanted },
      () => {
        if (wanted.length === 0 || wanted.length > 31 || /[[\]:*?/\\]/.test(wanted)) {
          throw new FakeExcelError("InvalidArgument", `not a valid sheet name: ${wanted}`);
        }
        if (book.findSheet(wanted))
          throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${wanted} exists`);
        book.sheets.push(new SheetData(wanted));
      },
      wanted
    );
    return sheet;
  }
}

class FakeWorksheet extends FakeClientObject implements XlWorksheet {
  private resolved: SheetData | null | undefined;

  constructor(
    context: FakeRequestContext,
    private readonly key: string,
    private readonly orNull: boolean
  ) {
    super(context, `worksheets('${key}')`);
  }

  get keyName(): string {
    return this.key;
  }

  static loadedFor(context: FakeRequestContext, data: SheetData): FakeWorksheet {
    const sheet = new FakeWorksheet(context, data.name, false);
    sheet.resolved = data;
    sheet.presetLoaded(data);
    return sheet;
  }

  private presetLoaded(data: SheetData): void {
    // Collection loads of 'items/name' fill the items' scalar properties at once.
    this.loaded = new Map<string, unknown>([
      ["isNullObject", false],
      ["name", data.name],
      ["visibility", data.visibility],
      ["tabColor", data.tabColor],
    ]);
  }

  /** @internal Finds the sheet when an operation runs, and keeps it (a later rename or delete does not retarget). */
  data(): SheetData {
    const found = this.locate();
    if (!found)
      throw new FakeExcelError(
        this.orNull ? "InvalidObjectPath" : "ItemNotFound",
        `no sheet named ${this.key}`
      );
    if (found.deleted)
      throw new FakeExcelError("InvalidObjectPath", `sheet ${found.name} was deleted`);
    return found;
  }

  private locate(): SheetData | null {
    if (this.resolved === undefined) this.resolved = this.context.book.findSheet(this.key) ?? null;
    return this.resolved;
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") {
      const found = this.locate();
      if (!found && !this.orNull)
        throw new FakeExcelError("ItemNotFound", `no sheet named ${this.key}`);
      return !found || found.deleted;
    }
    const data = this.data();
    switch (property) {
      case "name":
        return data.name;
      case "visibility":
        return data.visibility;
      case "tabColor":
        return data.tabColor;
      default:
        throw new FakeExcelError("InvalidArgument", `the fake worksheet cannot load ${property}`);
    }
  }

  get name(): string {
    return this.read<string>("name");
  }

  get visibility(): string {
    return this.read<string>("visibility");
  }

  set visibility(value: string) {
    this.set("visibility", value, (data) => (data.visibility = value));
  }

  get tabColor(): string {
    return this.read<string>("tabColor");
  }

  set tabColor(value: string) {
    this.context.requireApi("Worksheet.tabColor");
    this.set("tabColor", value, (data) => (data.tabColor = value));
  }

  /** @internal */
  set(property: string, value: unknown, apply: (data: SheetData) => void): void {
    this.context.enqueue(
      { op: "set", path: this.path, property, value },
      () => apply(this.data()),
      this.key
    );
  }

  get freezePanes(): XlFreezePanes {
    this.context.requireApi("Worksheet.freezePanes");
    const freeze = (rows: number, columns: number): void =>
      this.set(
        "freezePanes",
        { rows, columns },
        (data) => (data.freeze = rows || columns ? { rows, columns } : null)
      );
    return {
      freezeAt: (frozenRange) => {
        const range =
          typeof frozenRange === "string"
            ? parseAddress(frozenRange)
            : (frozenRange as FakeRange).area();
        freeze(range.bottom, range.right);
      },
      freezeRows: (count = 1) => freeze(count, 0),
      freezeColumns: (count = 1) => freeze(0, count),
    };
  }

  get protection(): XlWorksheetProtection {
    return new FakeWorksheetProtection(this);
  }

  get autoFilter(): XlAutoFilter {
    return {
      apply: (range) => {
        this.context.requireApi("AutoFilter.apply");
        const address =
          typeof range === "string"
            ? formatArea(parseAddress(range))
            : (range as FakeRange).areaAddress();
        this.set("autoFilter", address, (data) => (data.autoFilter = address));
      },
    };
  }

  get pageLayout(): XlPageLayout {
    return new FakePageLayoutProxy(this);
  }

  get horizontalPageBreaks(): XlPageBreakCollection {
    this.context.requireApi("Worksheet.horizontalPageBreaks");
    return {
      add: (pageBreakRange) => {
        this.context.requireApi("PageBreakCollection.add");
        const { top } =
          typeof pageBreakRange === "string"
            ? parseAddress(pageBreakRange)
            : (pageBreakRange as FakeRange).area();
        this.set("horizontalPageBreaks.add", top, (data) => data.rowBreaks.push(top));
        return {};
      },
    };
  }

  get charts(): XlChartCollection {
    this.context.requireApi("Worksheet.charts");
    return new FakeChartCollection(this);
  }

  load(propertyNames: string): XlWorksheet {
    this.loadProperties(propertyNames);
    return this;
  }

  delete(): void {
    this.context.enqueue(
      { op: "delete", path: this.path },
      () => {
        const data = this.data();
        const visible = this.context.book.liveSheets().filter((s) => s.visibility === "Visible");
        if (visible.length === 1 && visible[0] === data) {
          throw new FakeExcelError(
            "InvalidOperation",
            "a workbook must keep at least one visible sheet"
          );
        }
        data.deleted = true;
        if (this.context.book.activeSheet === data.name)
          this.context.book.activeSheet = this.context.book.liveSheets()[0]?.name ?? null;
      },
      this.key
    );
  }

  activate(): void {
    this.context.enqueue(
      { op: "activate", path: this.path },
      () => (this.context.book.activeSheet = this.data().name)
    );
  }

  getRange(address?: string): XlRange {
    return new FakeRange(this, address ?? "A1:XFD1048576", () =>
      address === undefined ? parseAddress("A1:XFD1048576") : parseAddress(address)
    );
  }

  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number
  ): XlRange {
    this.context.requireApi("Worksheet.getRangeByIndexes");
    if (rowCount < 1 || columnCount < 1)
      throw new FakeExcelError("InvalidArgument", "a range needs at least one row and column");
    const range = normalise(
      startRow + 1,
      startColumn + 1,
      startRow + rowCount,
      startColumn + columnCount
    );
    return new FakeRange(this, formatArea(range), () => range);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange {
    return new FakeRange(
      this,
      `usedRange(${valuesOnly === true})`,
      () => this.data().usedRange(valuesOnly === true),
      true
    );
  }
}

/** The address of a range argument, on the sheet it belongs to. */
function rangeAddress(range: XlRange | string): string {
  return typeof range === "string"
    ? formatArea(parseAddress(range))
    : (range as FakeRange).areaAddress();
}

/**
 * charts.add as Excel does: one series per column (or row) of the source. When the block's top-left cell is empty
 * its first row and first column are labels (Excel's rule): the series take their names from the label cells,
 * linked, and their categories from the other labels. A protected sheet refuses a new chart, as Excel does while
 * its objects are protected.
 */
class FakeChartCollection implements XlChartCollection {
  constructor(private readonly sheet: FakeWorksheet) {}

  add(type: string, sourceData: XlRange, seriesBy = "Auto"): XlChart {
    this.sheet.context.requireApi("ChartCollection.add");
    const source = rangeAddress(sourceData);
    const chart = new FakeChart(this.sheet);
    this.sheet.set("charts.add", { type, source, seriesBy }, (data) => {
      if (data.protection.protected)
        throw new FakeExcelError("InvalidOperation", `sheet ${data.name} is protected`);
      const block = parseAddress(source);
      const corner = data.cell(block.top, block.left);
      const labelled =
        block.bottom > block.top &&
        block.right > block.left &&
        (corner?.value ?? "") === "" &&
        corner?.formula === undefined;
      const area = labelled ? { ...block, top: block.top + 1, left: block.left + 1 } : block;
      const byRows =
        seriesBy === "Rows" ||
        (seriesBy === "Auto" && area.right - area.left > area.bottom - area.top);
      const count = byRows ? area.bottom - area.top + 1 : area.right - area.left + 1;
      const series = Array.from({ length: count }, (_unused, i): FakeChartSeriesRecord => {
        const values = byRows
          ? { ...area, top: area.top + i, bottom: area.top + i }
          : { ...area, left: area.left + i, right: area.left + i };
        if (!labelled) return { values: formatArea(values) };
        return {
          values: formatArea(values),
          nameSource: byRows ? a1(values.top, block.left) : a1(block.top, values.left),
          xValues: formatArea(
            byRows
              ? { ...area, top: block.top, bottom: block.top }
              : { ...area, left: block.left, right: block.left }
          ),
        };
      });
      const record: FakeChartRecord = { type, source, seriesBy, series };
      data.charts.push(record);
      chart.record = record;
    });
    return chart;
  }
}

class FakeChart implements XlChart {
  /** @internal Set when the add runs; the operations queued after it run after it. */
  record: FakeChartRecord | undefined;

  constructor(private readonly sheet: FakeWorksheet) {}

  /** @internal */
  added(): FakeChartRecord {
    if (!this.record) throw new FakeExcelError("InvalidObjectPath", "the chart was not added");
    return this.record;
  }

  get title(): { text: string } {
    this.sheet.context.requireApi("Chart.title");
    const sheet = this.sheet;
    const added = (): FakeChartRecord => this.added();
    return {
      get text(): string {
        throw new FakeExcelError("PropertyNotLoaded", "the fake does not load chart titles");
      },
      set text(value: string) {
        sheet.context.requireApi("ChartTitle.text");
        sheet.set("chart.title.text", value, () => (added().title = value));
      },
    };
  }

  get series(): { getItemAt(index: number): XlChartSeries } {
    this.sheet.context.requireApi("Chart.series");
    return {
      getItemAt: (index) => {
        this.sheet.context.requireApi("ChartSeriesCollection.getItemAt");
        return new FakeChartSeries(this.sheet, () => {
          const found = this.added().series[index];
          if (!found) throw new FakeExcelError("ItemNotFound", `the chart has no series ${index}`);
          return found;
        });
      },
    };
  }

  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void {
    this.sheet.context.requireApi("Chart.setPosition");
    const start = rangeAddress(startCell);
    const end = endCell === undefined ? undefined : rangeAddress(endCell);
    this.sheet.set(
      "chart.setPosition",
      { start, end },
      () => (this.added().position = end === undefined ? { start } : { start, end })
    );
  }
}

class FakeChartSeries implements XlChartSeries {
  constructor(
    private readonly sheet: FakeWorksheet,
    private readonly found: () => FakeChartSeriesRecord
  ) {}

  get name(): string {
    throw new FakeExcelError("PropertyNotLoaded", "the fake does not load series names");
  }
  set name(value: string) {
    this.sheet.context.requireApi("ChartSeries.name");
    this.sheet.set("series.name", value, () => (this.found().name = value));
  }

  get format(): { fill: { setSolidColor(color: string): void } } {
    this.sheet.context.requireApi("ChartSeries.format");
    this.sheet.context.requireApi("ChartSeriesFormat.fill");
    return {
      fill: {
        setSolidColor: (color) => {
          this.sheet.context.requireApi("ChartFill.setSolidColor");
          this.sheet.set("series.fill", color, () => (this.found().fill = color));
        },
      },
    };
  }

  setValues(sourceData: XlRange): void {
    this.sheet.context.requireApi("ChartSeries.setValues");
    const address = rangeAddress(sourceData);
    this.sheet.set("series.setValues", address, () => (this.found().values = address));
  }

  setXAxisValues(sourceData: XlRange): void {
    this.sheet.context.requireApi("ChartSeries.setXAxisValues");
    const address = rangeAddress(sourceData);
    this.sheet.set("series.setXAxisValues", address, () => (this.found().xValues = address));
  }
}

class FakePageLayoutProxy implements XlPageLayout {
  constructor(private readonly sheet: FakeWorksheet) {}

  private notLoaded(): never {
    throw new FakeExcelError(
      "PropertyNotLoaded",
      "the fake does not load pageLayout; inspect FakeWorkbook instead"
    );
  }

  get orientation(): string {
    return this.notLoaded();
  }
  set orientation(value: string) {
    this.sheet.context.requireApi("PageLayout.orientation");
    this.sheet.set(
      "pageLayout.orientation",
      value,
      (data) => (data.pageLayout.orientation = value)
    );
  }
  get paperSize(): string {
    return this.notLoaded();
  }
  set paperSize(value: string) {
    this.sheet.context.requireApi("PageLayout.paperSize");
    this.sheet.set("pageLayout.paperSize", value, (data) => (data.pageLayout.paperSize = value));
  }
  get zoom(): NonNullable<FakePageLayout["zoom"]> {
    return this.notLoaded();
  }
  set zoom(value: NonNullable<FakePageLayout["zoom"]>) {
    this.sheet.context.requireApi("PageLayout.zoom");
    this.sheet.set("pageLayout.zoom", value, (data) => (data.pageLayout.zoom = { ...value }));
  }

  setPrintTitleRows(rows: XlRange | string): void {
    const address = typeof rows === "string" ? rows : (rows as FakeRange).areaAddress();
    this.sheet.context.requireApi("PageLayout.setPrintTitleRows");
    this.sheet.set(
      "pageLayout.printTitleRows",
      address,
      (data) => (data.pageLayout.printTitleRows = address)
    );
  }

  setPrintTitleColumns(columns: XlRange | string): void {
    const address = typeof columns === "string" ? columns : (columns as FakeRange).areaAddress();
    this.sheet.context.requireApi("PageLayout.setPrintTitleColumns");
    this.sheet.set(
      "pageLayout.printTitleColumns",
      address,
      (data) => (data.pageLayout.printTitleColumns = address)
    );
  }

  get headersFooters(): XlHeaderFooterGroup {
    this.sheet.context.requireApi("PageLayout.headersFooters");
    return { defaultForAllPages: new FakeHeaderFooter(this.sheet) };
  }
}

/** Write-only, as the fake's other page settings: tests read them from the FakeWorkbook. */
class FakeHeaderFooter implements XlHeaderFooter {
  constructor(private readonly sheet: FakeWorksheet) {}

  private notLoaded(): never {
    throw new FakeExcelError(
      "PropertyNotLoaded",
      "the fake does not load headers and footers; inspect FakeWorkbook instead"
    );
  }

  private setPart(part: keyof XlHeaderFooter, code: string): void {
    this.sheet.context.requireApi(`HeaderFooter.${part}`);
    this.sheet.set(`pageLayout.headersFooters.defaultForAllPages.${part}`, code, (data) => {
      data.pageLayout.headersFooters = { ...data.pageLayout.headersFooters, [part]: code };
    });
  }

  get leftHeader(): string {
    return this.notLoaded();
  }
  set leftHeader(code: string) {
    this.setPart("leftHeader", code);
  }
  get centerHeader(): string {
    return this.notLoaded();
  }
  set centerHeader(code: string) {
    this.setPart("centerHeader", code);
  }
  get rightHeader(): string {
    return this.notLoaded();
  }
  set rightHeader(code: string) {
    this.setPart("rightHeader", code);
  }
  get leftFooter(): string {
    return this.notLoaded();
  }
  set leftFooter(code: string) {
    this.setPart("leftFooter", code);
  }
  get centerFooter(): string {
    return this.notLoaded();
  }
  set centerFooter(code: string) {
    this.setPart("centerFooter", code);
  }
  get rightFooter(): string {
    return this.notLoaded();
  }
  set rightFooter(code: string) {
    this.setPart("rightFooter", code);
  }
}

class FakeWorksheetProtection extends FakeClientObject implements XlWorksheetProtection {
  constructor(private readonly sheet: FakeWorksheet) {
    super(sheet.context, `${sheet.path}.protection`);
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return false;
    if (property === "protected") return this.sheet.data().protection.protected;
    throw new FakeExcelError("InvalidArgument", `the fake protection cannot load ${property}`);
  }

  get protected(): boolean {
    return this.read<boolean>("protected");
  }

  protect(options?: XlProtectionOptions, password?: string): void {
    if (password !== undefined) this.context.requireApi("WorksheetProtection.protect");
    this.sheet.set(
      "protection.protect",
      { options, password: password === undefined ? undefined : "***" },
      (data) => {
        if (data.protection.protected)
          throw new FakeExcelError("InvalidOperation", `sheet ${data.name} is already protected`);
        data.protection = {
          protected: true,
          ...(options ? { options: { ...options } } : {}),
          ...(password !== undefined ? { password } : {}),
        };
      }
    );
  }

  load(propertyNames: string): XlWorksheetProtection {
    this.loadProperties(propertyNames);
    return this;
  }
}

type CellWriter = (cell: FakeCell, value: unknown) => void;

class FakeRange extends FakeClientObject implements XlRange {
  private resolved: CellRange | null | undefined;

  constructor(
    readonly sheet: FakeWorksheet,
    address: string,
    private readonly locateArea: () => CellRange | null,
    private readonly orNull = false
  ) {
    super(sheet.context, `${sheet.path}.range('${address}')`);
  }

  /** @internal The rectangle, fixed when first needed by an operation (a used range does not grow later). */
  area(): CellRange {
    if (this.resolved === undefined) this.resolved = this.locateArea();
    if (!this.resolved)
      throw new FakeExcelError("InvalidObjectPath", `${this.path} is a null object`);
    return this.resolved;
  }

  /** @internal */
  areaAddress(): string {
    return formatArea(this.area());
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") {
      if (this.resolved === undefined) this.resolved = this.locateArea();
      return this.resolved === null;
    }
    const data = this.sheet.data();
    const range = this.area();
    const rows = range.bottom - range.top + 1;
    const cols = range.right - range.left + 1;
    const grid = <T>(of: (cell: FakeCell | undefined, row: number, col: number) => T): T[][] => {
      if (rows * cols > 5_000_000)
        throw new FakeExcelError(
          "InvalidArgument",
          `${this.path} is too large to load cell by cell`
        );
      return Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) =>
          of(data.cell(range.top + r, range.left + c), range.top + r, range.left + c)
        )
      );
    };
    switch (property) {
      case "address":
        return `${sheetPrefix(data.name)}${formatArea(range)}`;
      case "rowIndex":
        return range.top - 1;
      case "columnIndex":
        return range.left - 1;
      case "rowCount":
        return rows;
      case "columnCount":
        return cols;
      case "values":
        return grid((cell) => cell?.value ?? "");
      case "formulas":
        return grid((cell) => cell?.formula ?? cell?.value ?? "");
      case "numberFormat":
        return grid((cell) => cell?.numberFormat ?? "General");
      case "valueTypes":
        return grid((cell) => valueTypeOf(cell));
      case "rowHidden":
        return allOrNone(range.top, range.bottom, (row) => data.hiddenRows.has(row));
      case "columnHidden":
        return allOrNone(range.left, range.right, (col) => data.hiddenColumns.has(col));
      default:
        throw new FakeExcelError("InvalidArgument", `the fake range cannot load ${property}`);
    }
  }

  load(propertyNames: string): XlRange {
    this.loadProperties(propertyNames);
    return this;
  }

  get address(): string {
    return this.read<string>("address");
  }
  get rowIndex(): number {
    return this.read<number>("rowIndex");
  }
  get columnIndex(): number {
    return this.read<number>("columnIndex");
  }
  get rowCount(): number {
    return this.read<number>("rowCount");
  }
  get columnCount(): number {
    return this.read<number>("columnCount");
  }
  get values(): XlCellValue[][] {
    return this.read<XlCellValue[][]>("values");
  }
  set values(matrix: XlCellValue[][]) {
    this.writeMatrix("values", matrix, writeValue);
  }
  get formulas(): XlCellValue[][] {
    return this.read<XlCellValue[][]>("formulas");
  }
  set formulas(matrix: XlCellValue[][]) {
    this.writeMatrix("formulas", matrix, writeFormula);
  }
  get numberFormat(): (string | null)[][] {
    return this.read<(string | null)[][]>("numberFormat");
  }
  set numberFormat(matrix: (string | null)[][]) {
    this.writeMatrix("numberFormat", matrix, (cell, value) => {
      if (typeof value !== "string")
        throw new FakeExcelError(
          "InvalidArgument",
          `not a number format: ${JSON.stringify(value)}`
        );
      if (value === "" || value === "General") delete cell.numberFormat;
      else cell.numberFormat = value;
    });
  }
  get valueTypes(): string[][] {
    return this.read<string[][]>("valueTypes");
  }
  get rowHidden(): boolean {
    return this.read<boolean>("rowHidden");
  }
  set rowHidden(hidden: boolean) {
    this.setOnSheet("rowHidden", hidden, (data, range) => {
      for (let row = range.top; row <= range.bottom; row++) {
        if (hidden) data.hiddenRows.add(row);
        else data.hiddenRows.delete(row);
      }
    });
  }
  get columnHidden(): boolean {
    return this.read<boolean>("columnHidden");
  }
  set columnHidden(hidden: boolean) {
    this.setOnSheet("columnHidden", hidden, (data, range) => {
      for (let col = range.left; col <= range.right; col++) {
        if (hidden) data.hiddenColumns.add(col);
        else data.hiddenColumns.delete(col);
      }
    });
  }
  get hyperlink(): XlHyperlink {
    throw new FakeExcelError("PropertyNotLoaded", "the fake does not load hyperlinks");
  }
  set hyperlink(link: XlHyperlink) {
    this.context.requireApi("Range.hyperlink");
    this.setOnSheet("hyperlink", link, (data, range) =>
      this.eachCell(data, range, (cell) => (cell.hyperlink = { ...link }))
    );
  }

  get format(): XlRangeFormat {
    return new FakeRangeFormat(this);
  }

  get dataValidation(): XlDataValidation {
    this.context.requireApi("Range.dataValidation");
    return new FakeDataValidation(this);
  }

  get conditionalFormats(): XlConditionalFormatCollection {
    this.context.requireApi("Range.conditionalFormats");
    return {
      add: (type: string): XlConditionalFormat => {
        const record: FakeConditionalFormatRecord = {
          range: "",
          type,
          formula: "",
          priority: 0,
          stopIfTrue: false,
        };
        this.setOnSheet("conditionalFormats.add", type, (data, range) => {
          (record as { range: string }).range = formatArea(range);
          data.conditionalFormats.unshift(record); // like Excel: the newest format takes precedence over the others
        });
        return fakeConditionalFormat(this, record);
      },
    };
  }

  merge(across?: boolean): void {
    this.setOnSheet("merge", across === true, (data, range) => {
      const rows = across
        ? Array.from({ length: range.bottom - range.top + 1 }, (_, i) => range.top + i)
        : [range.top];
      for (const row of rows) {
        const merge = across
          ? { top: row, left: range.left, bottom: row, right: range.right }
          : range;
        if (data.merges.some((m) => intersects(m, merge)))
          throw new FakeExcelError(
            "InvalidOperation",
            `${formatArea(merge)} overlaps a merged area`
          );
        data.merges.push(merge);
      }
    });
  }

  select(): void {
    this.setOnSheet("select", null, (data, range) => {
      if (this.context.book.activeSheet !== data.name)
        throw new FakeExcelError(
          "InvalidOperation",
          `activate ${data.name} before selecting on it`
        );
      this.context.book.selection = { sheet: data.name, address: formatArea(range) };
    });
  }

  getMergedAreasOrNullObject(): XlRangeAreas {
    this.context.requireApi("Range.getMergedAreasOrNullObject");
    return new FakeMergedAreas(this);
  }

  /** @internal Queues a change to this range's cells or sheet. */
  setOnSheet(
    property: string,
    value: unknown,
    apply: (data: SheetData, range: CellRange) => void
  ): void {
    this.context.enqueue(
      { op: "set", path: this.path, property, value },
      () => apply(this.sheet.data(), this.area()),
      this.sheet.keyName
    );
  }

  /** @internal */
  eachCell(
    data: SheetData,
    range: CellRange,
    visit: (cell: FakeCell, row: number, col: number) => void
  ): void {
    for (let row = range.top; row <= range.bottom; row++) {
      for (let col = range.left; col <= range.right; col++)
        visit(data.cellForWrite(row, col), row, col);
    }
  }

  /** @internal Formatting refused on a protected sheet unless its protection allows formatting cells. */
  formatCells(property: string, value: unknown, apply: (cell: FakeCell) => void): void {
    this.setOnSheet(property, value, (data, range) => {
      if (data.protection.protected && !data.protection.options?.allowFormatCells) {
        throw new FakeExcelError("InvalidOperation", `sheet ${data.name} is protected`);
      }
      this.eachCell(data, range, apply);
    });
  }

  private writeMatrix(property: string, matrix: XlCellValue[][], write: CellWriter): void {
    this.setOnSheet(property, matrix, (data, range) => {
      const rows = range.bottom - range.top + 1;
      const cols = range.right - range.left + 1;
      if (
        !Array.isArray(matrix) ||
        matrix.length !== rows ||
        matrix.some((line) => !Array.isArray(line) || line.length !== cols)
      ) {
        throw new FakeExcelError(
          "InvalidArgument",
          `${property} must be a ${rows}×${cols} array for ${formatArea(range)}`
        );
      }
      matrix.forEach((line, r) =>
        line.forEach((value, c) => {
          if (value === null) return; // null leaves the cell as it is
          const row = range.top + r;
          const col = range.left + c;
          if (property !== "numberFormat" && data.isLockedForWrite(row, col)) {
            throw new FakeExcelError(
              "InvalidOperation",
              `${a1(row, col)} on ${data.name} is locked and the sheet is protected`
            );
          }
          write(data.cellForWrite(row, col), value);
        })
      );
    });
  }
}

function valueTypeOf(cell: FakeCell | undefined): string {
  const value = cell?.value;
  if (value === undefined) return "Empty";
  if (cell?.error) return "Error";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "number") return "Double";
  return "String";
}

function allOrNone(from: number, to: number, test: (index: number) => boolean): boolean | null {
  let hidden = 0;
  for (let i = from; i <= to; i++) if (test(i)) hidden++;
  if (hidden === 0) return false;
  return hidden === to - from + 1 ? true : null;
}

class FakeMergedAreas extends FakeClientObject implements XlRangeAreas {
  constructor(private readonly range: FakeRange) {
    super(range.context, `${range.path}.mergedAreas`);
  }

  private found(): CellRange[] {
    const area = this.range.area();
    return this.range.sheet.data().merges.filter((m) => intersects(m, area));
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return this.found().length === 0;
    if (property === "address") {
      const prefix = sheetPrefix(this.range.sheet.data().name);
      return this.found()
        .map((m) => `${prefix}${formatArea(m)}`)
        .join(", ");
    }
    throw new FakeExcelError("InvalidArgument", `the fake range areas cannot load ${property}`);
  }

  get address(): string {
    return this.read<string>("address");
  }

  load(propertyNames: string): XlRangeAreas {
    this.loadProperties(propertyNames);
    return this;
  }
}

class FakeRangeFormat implements XlRangeFormat {
  constructor(private readonly range: FakeRange) {}

  private notLoaded(): never {
    throw new FakeExcelError(
      "PropertyNotLoaded",
      "the fake does not load range formats; inspect FakeWorkbook instead"
    );
  }

  get columnWidth(): number {
    return this.notLoaded();
  }
  set columnWidth(points: number) {
    this.range.setOnSheet("format.columnWidth", points, (data, range) => {
      for (let col = range.left; col <= range.right; col++) data.columnWidths.set(col, points);
    });
  }
  get rowHeight(): number {
    return this.notLoaded();
  }
  set rowHeight(points: number) {
    this.range.setOnSheet("format.rowHeight", points, (data, range) => {
      for (let row = range.top; row <= range.bottom; row++) data.rowHeights.set(row, points);
    });
  }
  autofitRows(): void {
    this.range.setOnSheet("format.autofitRows", null, (data, range) =>
      data.autofitRows(range.top, range.bottom)
    );
  }
  get horizontalAlignment(): string {
    return this.notLoaded();
  }
  set horizontalAlignment(value: string) {
    this.range.formatCells(
      "format.horizontalAlignment",
      value,
      (cell) => (style(cell).horizontal = value)
    );
  }
  get verticalAlignment(): string {
    return this.notLoaded();
  }
  set verticalAlignment(value: string) {
    this.range.formatCells(
      "format.verticalAlignment",
      value,
      (cell) => (style(cell).vertical = value)
    );
  }
  get wrapText(): boolean {
    return this.notLoaded();
  }
  set wrapText(value: boolean) {
    this.range.formatCells("format.wrapText", value, (cell) => (style(cell).wrap = value));
  }

  get font(): XlRangeFont {
    const range = this.range;
    const notLoaded = (): never => this.notLoaded();
    return {
      get bold(): boolean {
        return notLoaded();
      },
      set bold(value: boolean) {
        range.formatCells("format.font.bold", value, (cell) => (style(cell).bold = value));
      },
      get italic(): boolean {
        return notLoaded();
      },
      set italic(value: boolean) {
        range.formatCells("format.font.italic", value, (cell) => (style(cell).italic = value));
      },
      get color(): string {
        return notLoaded();
      },
      set color(value: string) {
        range.formatCells("format.font.color", value, (cell) => (style(cell).fontColor = value));
      },
      get size(): number {
        return notLoaded();
      },
      set size(value: number) {
        range.formatCells("format.font.size", value, (cell) => (style(cell).fontSize = value));
      },
    };
  }

  get fill(): XlRangeFill {
    const range = this.range;
    const notLoaded = (): never => this.notLoaded();
    return {
      get color(): string {
        return notLoaded();
      },
      set color(value: string) {
        range.formatCells("format.fill.color", value, (cell) => (style(cell).fill = value));
      },
    };
  }

  get protection(): XlFormatProtection {
    const range = this.range;
    const notLoaded = (): never => this.notLoaded();
    return {
      get locked(): boolean {
        return notLoaded();
      },
      set locked(value: boolean) {
        range.formatCells(
          "format.protection.locked",
          value,
          (cell) => (style(cell).locked = value)
        );
      },
    };
  }

  get borders(): XlRangeBorderCollection {
    const range = this.range;
    const notLoaded = (): never => this.notLoaded();
    return {
      getItem: (index: string): XlRangeBorder => ({
        get style(): string {
          return notLoaded();
        },
        set style(value: string) {
          range.formatCells(
            `format.borders(${index}).style`,
            value,
            (cell) => (style(cell).border = value)
          );
        },
        get color(): string {
          return notLoaded();
        },
        set color(value: string) {
          range.formatCells(
            `format.borders(${index}).color`,
            value,
            (cell) => (style(cell).borderColor = value)
          );
        },
      }),
    };
  }
}

function style(cell: FakeCell): FakeCellFormat {
  return (cell.format ??= {});
}

class FakeDataValidation extends FakeClientObject implements XlDataValidation {
  constructor(private readonly range: FakeRange) {
    super(range.context, `${range.path}.dataValidation`);
  }

  private entry(data: SheetData, range: CellRange): FakeValidation {
    const address = formatArea(range);
    const found = data.validations.find((v) => v.range === address);
    if (found) return found;
    const created: FakeValidation = { range: address, rule: {}, ignoreBlanks: true };
    data.validations.push(created);
    return created;
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return false;
    const data = this.range.sheet.data();
    const entry = data.validations.find((v) => v.range === formatArea(this.range.area()));
    switch (property) {
      case "rule":
        return entry?.rule ?? {};
      case "errorAlert":
        return entry?.errorAlert ?? { message: "", showAlert: true, style: "Stop", title: "" };
      case "prompt":
        return entry?.prompt ?? { message: "", showPrompt: false, title: "" };
      case "ignoreBlanks":
        return entry?.ignoreBlanks ?? true;
      default:
        throw new FakeExcelError(
          "InvalidArgument",
          `the fake data validation cannot load ${property}`
        );
    }
  }

  load(propertyNames: string): XlDataValidation {
    this.loadProperties(propertyNames);
    return this;
  }

  get rule(): XlDataValidationRule {
    return this.read<XlDataValidationRule>("rule");
  }
  set rule(rule: XlDataValidationRule) {
    const kinds = Object.keys(rule);
    if (kinds.length !== 1)
      throw new FakeExcelError("InvalidArgument", "a validation rule has exactly one kind");
    this.range.setOnSheet(
      "dataValidation.rule",
      rule,
      (data, range) => (this.entry(data, range).rule = structuredCopy(rule))
    );
  }
  get errorAlert(): XlDataValidationErrorAlert {
    return this.read<XlDataValidationErrorAlert>("errorAlert");
  }
  set errorAlert(alert: XlDataValidationErrorAlert) {
    this.range.setOnSheet(
      "dataValidation.errorAlert",
      alert,
      (data, range) => (this.entry(data, range).errorAlert = { ...alert })
    );
  }
  get prompt(): XlDataValidationPrompt {
    return this.read<XlDataValidationPrompt>("prompt");
  }
  set prompt(prompt: XlDataValidationPrompt) {
    this.range.setOnSheet(
      "dataValidation.prompt",
      prompt,
      (data, range) => (this.entry(data, range).prompt = { ...prompt })
    );
  }
  get ignoreBlanks(): boolean {
    return this.read<boolean>("ignoreBlanks");
  }
  set ignoreBlanks(value: boolean) {
    this.range.setOnSheet(
      "dataValidation.ignoreBlanks",
      value,
      (data, range) => (this.entry(data, range).ignoreBlanks = value)
    );
  }
}

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function fakeConditionalFormat(
  range: FakeRange,
  record: FakeConditionalFormatRecord
): XlConditionalFormat {
  const update = (property: string, value: unknown, apply: () => void): void =>
    range.setOnSheet(property, value, apply);
  const notLoaded = (): never => {
    throw new FakeExcelError(
      "PropertyNotLoaded",
      "the fake does not load conditional formats; inspect FakeWorkbook instead"
    );
  };
  const custom: XlCustomConditionalFormat = {
    rule: {
      get formula(): string {
        return notLoaded();
      },
      set formula(value: string) {
        update("custom.rule.formula", value, () => (record.formula = value));
      },
    },
    format: {
      fill: {
        get color(): string {
          return notLoaded();
        },
        set color(value: string) {
          update("custom.format.fill.color", value, () => (record.fill = value));
        },
      },
      font: {
        get color(): string {
          return notLoaded();
        },
        set color(value: string) {
          update("custom.format.font.color", value, () => (record.fontColor = value));
        },
        get bold(): boolean {
          return notLoaded();
        },
        set bold(value: boolean) {
          update("custom.format.font.bold", value, () => (record.bold = value));
        },
      },
    },
  };
  return {
    get priority(): number {
      return notLoaded();
    },
    set priority(value: number) {
      update("priority", value, () => (record.priority = value));
    },
    get stopIfTrue(): boolean {
      return notLoaded();
    },
    set stopIfTrue(value: boolean) {
      update("stopIfTrue", value, () => (record.stopIfTrue = value));
    },
    get custom(): XlCustomConditionalFormat {
      if (record.type !== "Custom")
        throw new FakeExcelError("InvalidOperation", `a ${record.type} format has no custom rule`);
      return custom;
    },
  };
}

class FakeNamedItemCollection extends FakeClientObject implements XlNamedItemCollection {
  constructor(context: FakeRequestContext) {
    super(context, "names");
  }

  protected snapshot(property: string): unknown {
    if (property === "isNullObject") return false;
    return [...this.context.book.names.values()].map((n) =>
      FakeNamedItem.loadedFor(this.context, n)
    );
  }

  get items(): XlNamedItem[] {
    return this.read<XlNamedItem[]>("items");
  }

  load(propertyNames: string): XlNamedItemCollection {
    this.loadProperties(
      propertyNames.split(",").some((p) => p.trim().startsWith("items")) ? "items" : propertyNames
    );
    return this;
  }

  add(name: string, reference: XlRange | string, comment?: string): XlNamedItem {
    const book = this.context.book;
    this.context.enqueue(
      {
        op: "names.add",
        name,
        reference: typeof reference === "string" ? reference : "range",
        comment,
      },
      () => {
        if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) {
          throw new FakeExcelError("InvalidArgument", `not a valid name: ${name}`);
        }
        if (book.names.has(name.toLowerCase()))
          throw new FakeExcelError("ItemAlreadyExists", `the name ${name} exists`);
        const target =
          typeof reference === "string" ? reference : `=${(reference as FakeRange).areaAddress()}`;
        book.names.set(name.toLowerCase(), {
          name,
          reference: target,
          comment: comment ?? "",
          visible: true,
        });
      }
    );
    return new FakeNamedItem(this.context, name);
  }

  getItemOrNullObject(name: string): XlNamedItem {
    return new FakeNamedItem(this.context, name);
  }
}

class FakeNamedItem extends FakeClientObject implements XlNamedItem {
  constructor(
    context: FakeRequestContext,
    private readonly key: string
  ) {
    super(context, `names('${key}')`);
  }

  static loadedFor(
    context: FakeRequestContext,
    found: { name: string; reference: string; visible: boolean }
  ): FakeNamedItem {
    const item = new FakeNamedItem(context, found.name);
    item.loaded = new Map<string, unknown>([
      ["isNullObject", false],
      ["name", found.name],
      ["formula", found.reference],
      ["visible", found.visible],
    ]);
    return item;
  }

  protected snapshot(property: string): unknown {
    const found = this.context.book.names.get(this.key.toLowerCase());
    if (property === "isNullObject") return !found;
    if (property === "name" && found) return found.name;
    if (property === "formula" && found) {
      this.context.requireApi("NamedItem.formula");
      return found.reference;
    }
    if (property === "visible" && found) return found.visible;
    throw new FakeExcelError("InvalidArgument", `the fake name cannot load ${property}`);
  }

  get name(): string {
    return this.read<string>("name");
  }

  get formula(): unknown {
    return this.read<unknown>("formula");
  }

  get visible(): boolean {
    return this.read<boolean>("visible");
  }

  set visible(value: boolean) {
    this.context.enqueue({ op: "set", path: this.path, property: "visible", value }, () => {
      const found = this.context.book.names.get(this.key.toLowerCase());
      if (!found) throw new FakeExcelError("ItemNotFound", `no name ${this.key}`);
      found.visible = value;
    });
  }

  delete(): void {
    this.context.enqueue({ op: "names.delete", name: this.key }, () => {
      if (!this.context.book.names.delete(this.key.toLowerCase()))
        throw new FakeExcelError("ItemNotFound", `no name ${this.key}`);
    });
  }

  load(propertyNames: string): XlNamedItem {
    this.loadProperties(propertyNames);
    return this;
  }
}

/**
 * Renders one SheetPlan as a complete worksheet part. Child elements follow the order of CT_Worksheet
 * (ECMA-376 §18.3.1.99): Excel refuses a part whose children are out of order.
 */
import {
  a1,
  cachedValueOf,
  columnLetter,
  fillDownText,
  fillDownTextAt,
  quoteSheetName,
  unparse,
  pageTextCode,
  formulaOf,
} from "../../engine";
import type {
  CellRange,
  FillDownText,
  FormulaNode,
  CellPlan,
  ConditionalFormatPlan,
  SheetCells,
  FormulaContent,
  PageBand,
  RowPlan,
  SheetPlan,
  ValidationPlan,
} from "../../engine";
import {
  ExcelLimitError,
  MAX_FORMULA_CHARACTERS,
  MAX_FORMULA_NESTING,
  clipCellText,
  functionNesting,
} from "./excelLimits";
import { joinPieces } from "./bytePieces";
import { legacyPasswordHash } from "./legacyPasswordHash";
import type { NotedCell } from "./notesXml";
import { SharedFormulaRuns, type SharedFormulaRole } from "./sharedFormulas";
import type { StyleAllocator } from "./styleSheetSurgery";
import { SPREADSHEET_NS } from "./styleSheetSurgery";
import { escapeAttr, escapeCellText, escapeText } from "./xmlText";
import { takeSegment } from "./segmentPool";

export const RELATIONSHIPS_NS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Excel's limits for a validation's titles and messages; longer ones make Excel "repair" the file. */
const MAX_VALIDATION_TITLE = 32;
const MAX_VALIDATION_TEXT = 255;

export interface WorksheetRenderOptions {
  readonly styles: StyleAllocator;
  /** The relationship id of the sheet's legacy VML drawing, when the sheet has notes. */
  readonly legacyDrawingRelId?: string;
  /** The relationship id of the sheet's drawing, when the sheet has charts. */
  readonly drawingRelId?: string;
  /** Called every few thousand rows with the number of rows written so far. */
  readonly onRows?: (rowsDone: number) => void;
  /** The cells' survey, when the caller has it already (it needed the notes first). */
  readonly survey?: SheetSurvey;
}

/**
 * The cells of a sheet ordered by row then column; throws when a plan puts two cells at one address. SheetBuilder's
 * cells come in that order (and two at one address are refused while rendering); an array one pass usually proves
 * in order, so no copy is made.
 */
export function sortedCells(sheet: SheetPlan): SheetCells {
  if (!Array.isArray(sheet.cells)) return sheet.cells;
  const array = sheet.cells as readonly CellPlan[];
  const cells = inRowMajorOrder(array)
    ? array
    : [...array].sort((x, y) => x.row - y.row || x.col - y.col);
  for (let i = 1; i < cells.length; i++) {
    const prev = cells[i - 1] as CellPlan;
    const cell = cells[i] as CellPlan;
    if (prev.row === cell.row && prev.col === cell.col) twoCellsAt(sheet, cell);
  }
  return cells;
}

function twoCellsAt(sheet: SheetPlan, cell: CellPlan): never {
  throw new Error(`sheet plan "${sheet.name}" puts two cells at ${a1(cell.row, cell.col)}`);
}

/** True when no cell comes after a cell below it or to its right in the same row (equal addresses pass). */
function inRowMajorOrder(cells: readonly CellPlan[]): boolean {
  for (let i = 1; i < cells.length; i++) {
    const prev = cells[i - 1] as CellPlan;
    const cell = cells[i] as CellPlan;
    if (cell.row < prev.row || (cell.row === prev.row && cell.col < prev.col)) return false;
  }
  return true;
}

/** The worksheet part as UTF-8 bytes, in one array. */
export function renderWorksheet(
  sheet: SheetPlan,
  cells: SheetCells,
  options: WorksheetRenderOptions
): Uint8Array<ArrayBuffer> {
  const segments: Uint8Array[] = [];
  renderWorksheetSegments(sheet, cells, options, (segment) => segments.push(segment));
  return joinPieces(segments);
}

/**
 * The worksheet part as UTF-8 bytes handed to `onSegment` in order, a few megabytes at a time, so a caller can
 * deflate the first while the rest is rendered. Rows are appended to one growing string that is encoded and
 * dropped every ~64 K characters: short-lived strings keep the garbage collector out of the way on 20,000-row plans.
 */
export function renderWorksheetSegments(
  sheet: SheetPlan,
  cells: SheetCells,
  options: WorksheetRenderOptions,
  onSegment: (segment: Uint8Array) => void
): void {
  const out = new SegmentedUtf8Writer(onSegment);
  const surveyed = options.survey ?? surveyCells(cells);
  out.write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${SPREADSHEET_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
      sheetProperties(sheet) +
      `<dimension ref="${surveyed.dimension}"/>` +
      sheetViews(sheet) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      columns(sheet)
  );
  const links = sheetData(out, sheet, cells, surveyed.roleOf, options);
  out.write(
    protection(sheet) +
      (sheet.autoFilter ? `<autoFilter ref="${rangeRef(sheet.autoFilter)}"/>` : "") +
      mergeCells(sheet.merges) +
      conditionalFormats(sheet, options.styles) +
      dataValidations(sheet) +
      hyperlinks(links) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      pageSetup(sheet) +
      (options.drawingRelId ? `<drawing r:id="${options.drawingRelId}"/>` : "") +
      (options.legacyDrawingRelId ? `<legacyDrawing r:id="${options.legacyDrawingRelId}"/>` : "") +
      "</worksheet>"
  );
  out.finish();
}

// A 1 M-character buffer lived long enough to be promoted, and doubled the time spent in full collections
// over a 20,000-row plan's heap (measured: 2.0 s → 1.0 s); 16 K and 64 K measured alike.
const CHUNK_CHARS = 1 << 16;
/** Bytes per segment handed on: large enough to deflate well, small enough to start deflating early. */
export const SEGMENT_BYTES = 1 << 21;
const utf8 = new TextEncoder();

/**
 * Encodes straight into fixed-size segments (encodeInto, no per-chunk arrays to join): the bytes are allocated
 * once, which also keeps V8's external-memory accounting from forcing full collections over the plan's heap.
 */
class SegmentedUtf8Writer {
  private pending = "";
  private segment = takeSegment(SEGMENT_BYTES);
  private used = 0;

  constructor(private readonly onSegment: (segment: Uint8Array) => void) {}

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) this.encodePending();
  }

  finish(): void {
    this.encodePending();
    if (this.used > 0) this.onSegment(this.segment.subarray(0, this.used));
    this.segment = new Uint8Array(0);
    this.used = 0;
  }

  private encodePending(): void {
    let text = this.pending;
    this.pending = "";
    for (;;) {
      const { read, written } = utf8.encodeInto(text, this.segment.subarray(this.used));
      this.used += written;
      if (read === text.length) return;
      // The segment is full (encodeInto never splits a character): hand it on and go on in a fresh one.
      this.onSegment(this.segment.subarray(0, this.used));
      this.segment = takeSegment(SEGMENT_BYTES);
      this.used = 0;
      text = text.slice(read);
    }
  }
}

export function rangeRef(range: CellRange): string {
  const from = a1(range.top, range.left);
  const to = a1(range.bottom, range.right);
  return from === to ? from : `${from}:${to}`;
}

function argb(rgb: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(rgb)) throw new Error(`colour must be RRGGBB, got "${rgb}"`);
  return `FF${rgb.toUpperCase()}`;
}

function sheetProperties(sheet: SheetPlan): string {
  const tab = sheet.tabColor !== undefined ? `<tabColor rgb="${argb(sheet.tabColor)}"/>` : "";
  const fit = sheet.print?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "";
  return tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "";
}

/** What one pass over a sheet's cells finds before their rows are written. */
export interface SheetSurvey {
  /** The used range, as <dimension> gives it. */
  readonly dimension: string;
  /** Each cell's shared-formula role, by its index in row order. */
  readonly roleOf: (i: number) => SharedFormulaRole | undefined;
  /** The cells with a note, for the comments part (written before the sheet). */
  readonly notes: NotedCell[];
}

/**
 * One pass over the cells (ordered by row) before their rows are written: the sheet's used range, each cell's
 * shared-formula role and the notes. One pass, not one for notes and one for the rest: each visit of a plan's
 * cells makes a CellPlan per cell (about 50 ms for a 10,000-nominee plan's 1.4 million).
 */
export function surveyCells(cells: SheetCells): SheetSurvey {
  const runs = new SharedFormulaRuns(cells.length);
  const notes: NotedCell[] = [];
  let left = Infinity;
  let right = 0;
  let top = 0;
  let bottom = 1;
  cells.forEach((cell, i) => {
    if (i === 0) top = cell.row;
    bottom = cell.row;
    if (cell.col < left) left = cell.col;
    if (cell.col > right) right = cell.col;
    runs.add(cell, i);
    if (cell.note !== undefined && cell.note !== "")
      notes.push({ row: cell.row, col: cell.col, note: cell.note });
  });
  const dimension = cells.length === 0 ? "A1" : rangeRef({ top, left, bottom, right });
  return { dimension, roleOf: runs.finish(), notes };
}

function sheetViews(sheet: SheetPlan): string {
  const rows = sheet.freeze?.rows ?? 0;
  const cols = sheet.freeze?.columns ?? 0;
  if (rows <= 0 && cols <= 0) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const activePane = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  const topLeft = a1(rows + 1, cols + 1);
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}`;
  return (
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane${split} topLeftCell="${topLeft}" activePane="${activePane}" state="frozen"/>` +
    `<selection pane="${activePane}" activeCell="${topLeft}" sqref="${topLeft}"/>` +
    "</sheetView></sheetViews>"
  );
}

function columns(sheet: SheetPlan): string {
  if (sheet.columns.length === 0) return "";
  const cols = [...sheet.columns]
    .filter((c) => c.width !== undefined || c.hidden)
    .sort((x, y) => x.col - y.col)
    .map((c) => {
      const width =
        c.width !== undefined ? ` width="${c.width}" customWidth="1"` : ' width="9.140625"';
      return `<col min="${c.col}" max="${c.col}"${width}${c.hidden ? ' hidden="1"' : ""}/>`;
    });
  return cols.length ? `<cols>${cols.join("")}</cols>` : "";
}

const ROWS_PER_PROGRESS = 2000;

function rowHeight(height: RowPlan): string {
  return ` ht="${height.height}" customHeight="1"`;
}

/** Writes the rows; gives back the cells that link elsewhere, for <hyperlinks>. */
function sheetData(
  out: SegmentedUtf8Writer,
  sheet: SheetPlan,
  cells: SheetCells,
  roleOf: (i: number) => SharedFormulaRole | undefined,
  options: WorksheetRenderOptions
): CellPlan[] {
  out.write("<sheetData>");
  let rowXml = "";
  let row = 0;
  let col = 0;
  let rowsDone = 0;
  const links: CellPlan[] = [];
  const formulas = new FormulaTexts(sheet.name);
  // Rows with a height of their own, in order; one without cells is written as an empty row.
  const heights = [...(sheet.rows ?? [])].sort((a, b) => a.row - b.row);
  let nextHeight = 0;
  const rowsWithoutCellsBefore = (limit: number): string => {
    let xml = "";
    while (nextHeight < heights.length && (heights[nextHeight] as RowPlan).row < limit) {
      const height = heights[nextHeight++] as RowPlan;
      if (height.row !== row) xml += `<row r="${height.row}"${rowHeight(height)}/>`;
    }
    return xml;
  };
  cells.forEach((cell, i) => {
    if (cell.row !== row) {
      if (row !== 0) out.write(`${rowXml}</row>`);
      const skipped = rowsWithoutCellsBefore(cell.row);
      row = cell.row;
      const own =
        heights[nextHeight]?.row === row ? rowHeight(heights[nextHeight++] as RowPlan) : "";
      rowXml = `${skipped}<row r="${row}"${own}>`;
      rowsDone++;
      if (options.onRows && rowsDone % ROWS_PER_PROGRESS === 0) options.onRows(rowsDone);
    } else if (cell.col === col) twoCellsAt(sheet, cell);
    col = cell.col;
    if (cell.link) links.push(cell);
    rowXml += cellXml(cell, sheet, options.styles, roleOf(i), formulas);
  });
  if (row !== 0) out.write(`${rowXml}</row>`);
  out.write(rowsWithoutCellsBefore(Infinity));
  out.write("</sheetData>");
  options.onRows?.(rowsDone);
  return links;
}

/** Column letters are computed once per column, not once per cell. */
const columnLetters: string[] = [];
function cellRef(row: number, col: number): string {
  const letters = columnLetters[col] ?? (columnLetters[col] = columnLetter(col));
  return `${letters}${row}`;
}

function cellXml(
  cell: CellPlan,
  sheet: SheetPlan,
  styles: StyleAllocator,
  shared: SharedFormulaRole | undefined,
  formulas: FormulaTexts
): string {
  const sheetName = sheet.name;
  const content = cell.content;
  const ref = cellRef(cell.row, cell.col);
  const styleIndex = styles.cellFormat(cell.style, content.kind === "date");
  const s = styleIndex === 0 ? "" : ` s="${styleIndex}"`;
  switch (content.kind) {
    case "text":
      // A text cell, whatever it starts with: "=SUM(A1)" typed in a nomination sheet stays text.
      if (content.text === "") return `<c r="${ref}"${s}/>`;
      return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(clipCellText(content.text))}</is></c>`;
    case "number":
      return `<c r="${ref}"${s}><v>${numberText(content.value, sheetName, ref)}</v></c>`;
    case "bool":
      return `<c r="${ref}"${s} t="b"><v>${content.value ? 1 : 0}</v></c>`;
    case "date":
      return `<c r="${ref}"${s}><v>${numberText(content.serial, sheetName, ref)}</v></c>`;
    case "formula":
    case "filled": {
      const formula = formulaXml(content, cell, shared, formulas);
      const cached = cachedValueOf(sheet, cell, content);
      // No cached value: LibreOffice shows an empty cell until it recalculates; Excel recalculates on
      // load because the workbook carries fullCalcOnLoad. The command line always passes cached values.
      if (cached === null) return `<c r="${ref}"${s}>${formula}</c>`;
      if (typeof cached === "number")
        return `<c r="${ref}"${s}>${formula}<v>${numberText(cached, sheetName, ref)}</v></c>`;
      if (typeof cached === "boolean")
        return `<c r="${ref}"${s} t="b">${formula}<v>${cached ? 1 : 0}</v></c>`;
      return `<c r="${ref}"${s} t="str">${formula}<v>${escapeCellText(clipCellText(cached))}</v></c>`;
    }
    case "blank":
      return `<c r="${ref}"${s}/>`;
  }
}

/**
 * `<t>` with xml:space="preserve" only where whitespace could be lost (at either end, tabs, line breaks,
 * runs of spaces): the attribute on every one of 100,000s of names is a fifth of a judge sheet's bytes.
 */
export function textElement(text: string): string {
  const preserve = /^\s|\s$|[\t\n\r]| {2}/.test(text) ? ' xml:space="preserve"' : "";
  return `<t${preserve}>${escapeCellText(text)}</t>`;
}

/**
 * A follower of a shared formula names its group; only the master's formula is written out, so a follower's
 * tree is never read (a filled-down cell would build it on demand).
 */
function formulaXml(
  content: FormulaContent,
  cell: CellPlan,
  shared: SharedFormulaRole | undefined,
  formulas: FormulaTexts
): string {
  if (shared?.kind === "follower") return `<f t="shared" si="${shared.si}"/>`;
  const text = formulas.xml(content, cell);
  if (!shared) return `<f>${text}</f>`;
  const range = `${cellRef(cell.row, cell.col)}:${cellRef(shared.lastRow, cell.col)}`;
  return `<f t="shared" ref="${range}" si="${shared.si}">${text}</f>`;
}

/** A fill-down's text cut at its moving rows, as written (escaped for XML) and as Excel counts it. */
interface FilledText {
  readonly raw: FillDownText;
  readonly escaped: FillDownText;
  /** Its rows' digits could take it over Excel's length limit: each row's text is measured. */
  readonly mayBeTooLong: boolean;
}

/**
 * The formula texts of one sheet. A filled formula's text comes from its base's fill-down text, cut once per base:
 * 考核表's rank and 评委分析's COUNTIFS columns are written whole in every row (never shared, see sharedFormulas.ts),
 * and unparsing each row's moved tree was a fifth of the write.
 */
class FormulaTexts {
  private readonly byBase = new Map<FormulaNode, FilledText | null>();

  constructor(private readonly sheetName: string) {}

  /** The formula's text escaped for XML; throws where Excel would refuse it. */
  xml(content: FormulaContent, cell: CellPlan): string {
    const filled = content.kind === "filled" ? this.filledText(content.base, cell) : null;
    if (!filled || content.kind !== "filled") {
      const formula = formulaOf(content);
      const unparsed = unparse(formula, "ooxml", this.sheetName);
      checkFormulaLimits(formula, unparsed, this.sheetName, cellRef(cell.row, cell.col));
      return escapeText(unparsed);
    }
    if (filled.mayBeTooLong) {
      const length = fillDownTextAt(filled.raw, content.offset).length;
      if (length > MAX_FORMULA_CHARACTERS)
        throw new ExcelLimitError(
          "formula_length",
          this.sheetName,
          cellRef(cell.row, cell.col),
          length,
          MAX_FORMULA_CHARACTERS
        );
    }
    return fillDownTextAt(filled.escaped, content.offset);
  }

  /** Null when the base cannot be cut (its text holds the row mark): each row is unparsed then. */
  private filledText(base: FormulaNode, cell: CellPlan): FilledText | null {
    let filled = this.byBase.get(base);
    if (filled !== undefined) return filled;
    const raw = fillDownText(base, "ooxml", this.sheetName);
    filled = null;
    if (raw) {
      // Nesting does not move with the rows: checked once, on the base, where the text is long enough to hold it.
      const baseLength = raw.pieces.reduce((sum, piece) => sum + piece.length, 0);
      if (baseLength > 2 * MAX_FORMULA_NESTING) {
        const nesting = functionNesting(base);
        if (nesting > MAX_FORMULA_NESTING)
          throw new ExcelLimitError(
            "formula_nesting",
            this.sheetName,
            cellRef(cell.row, cell.col),
            nesting,
            MAX_FORMULA_NESTING
          );
      }
      filled = {
        raw,
        escaped: { pieces: raw.pieces.map(escapeText), rows: raw.rows },
        // A row has at most 7 digits (1,048,576).
        mayBeTooLong: baseLength + 7 * raw.rows.length > MAX_FORMULA_CHARACTERS,
      };
    }
    this.byBase.set(base, filled);
    return filled;
  }
}

/**
 * Refuses a formula Excel would not open: over 8,192 characters, or functions nested over 64 deep. Nesting needs
 * two characters a level, so only long formulas are walked.
 */
function checkFormulaLimits(
  formula: FormulaNode,
  text: string,
  sheetName: string,
  ref: string
): void {
  if (text.length > MAX_FORMULA_CHARACTERS)
    throw new ExcelLimitError(
      "formula_length",
      sheetName,
      ref,
      text.length,
      MAX_FORMULA_CHARACTERS
    );
  if (text.length > 2 * MAX_FORMULA_NESTING) {
    const nesting = functionNesting(formula);
    if (nesting > MAX_FORMULA_NESTING)
      throw new ExcelLimitError("formula_nesting", sheetName, ref, nesting, MAX_FORMULA_NESTING);
  }
}

/**
 * The texts of 0 to 200 in half steps, each made once: a merged workbook writes ~300,000 scores and totals such as
 * 12.5 on its judges' sheets, and String() of a fraction costs several times a lookup.
 */
const HALF_STEP_TEXTS: string[] = [];

function numberText(value: number, sheetName: string, ref: string): string {
  const half = value * 2;
  // (-0 lands on 0's text, which is String(-0) too.)
  if (half >= 0 && half <= 400 && (half | 0) === half)
    return (HALF_STEP_TEXTS[half] ??= String(value));
  if (!Number.isFinite(value))
    throw new Error(`sheet plan "${sheetName}" has a non-finite number at ${ref}`);
  return String(value);
}

function protection(sheet: SheetPlan): string {
  if (!sheet.protection) return "";
  const password = sheet.protection.password ? legacyPasswordHash(sheet.protection.password) : "";
  // "0" on these attributes ALLOWS the action: judges may format, sort and filter a protected sheet.
  return (
    `<sheetProtection${password ? ` password="${password}"` : ""} sheet="1" objects="1" scenarios="1"` +
    ' formatCells="0" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>'
  );
}

function mergeCells(merges: readonly CellRange[]): string {
  if (merges.length === 0) return "";
  return `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join("")}</mergeCells>`;
}

function conditionalFormats(sheet: SheetPlan, styles: StyleAllocator): string {
  return [...sheet.conditionalFormats]
    .sort((x, y) => x.priority - y.priority)
    .map((format: ConditionalFormatPlan) => {
      const dxfId = styles.differentialFormat(format.style);
      const unparsed = unparse(format.when, "ooxml", sheet.name);
      checkFormulaLimits(format.when, unparsed, sheet.name, rangeRef(format.range));
      const formula = escapeText(unparsed);
      return (
        `<conditionalFormatting sqref="${rangeRef(format.range)}">` +
        `<cfRule type="expression" dxfId="${dxfId}" priority="${format.priority}"><formula>${formula}</formula></cfRule>` +
        "</conditionalFormatting>"
      );
    })
    .join("");
}

function dataValidations(sheet: SheetPlan): string {
  if (sheet.validations.length === 0) return "";
  const items = sheet.validations.map((v) => dataValidation(v, sheet.name));
  return `<dataValidations count="${items.length}">${items.join("")}</dataValidations>`;
}

function dataValidation(validation: ValidationPlan, sheetName: string): string {
  const rule = validation.rule;
  const prompt = validation.prompt
    ? ` showInputMessage="1" promptTitle="${escapeAttr(clip(validation.prompt.title, MAX_VALIDATION_TITLE))}" prompt="${escapeAttr(clip(validation.prompt.text, MAX_VALIDATION_TEXT))}"`
    : "";
  const common =
    `${validation.allowBlank ? ' allowBlank="1"' : ""} showErrorMessage="1"` +
    ` errorTitle="${escapeAttr(clip(validation.error.title, MAX_VALIDATION_TITLE))}" error="${escapeAttr(clip(validation.error.text, MAX_VALIDATION_TEXT))}"` +
    `${prompt} sqref="${rangeRef(validation.range)}"`;
  if (rule.type === "list") {
    return `<dataValidation type="list"${common}><formula1>${escapeText(listFormula(rule.choices))}</formula1></dataValidation>`;
  }
  const min = escapeText(unparse(rule.min, "ooxml", sheetName));
  const max = escapeText(unparse(rule.max, "ooxml", sheetName));
  return `<dataValidation type="${rule.type}" operator="between"${common}><formula1>${min}</formula1><formula2>${max}</formula2></dataValidation>`;
}

/** An in-cell list of fixed choices: `"是,否"`. A choice holding a comma or quote cannot be written this way. */
function listFormula(choices: readonly string[]): string {
  for (const choice of choices) {
    if (/[,"]/.test(choice))
      throw new Error(
        `list choice ${JSON.stringify(choice)} holds a comma or quote, which an in-cell list cannot carry`
      );
  }
  const list = `"${choices.join(",")}"`;
  if (list.length > MAX_VALIDATION_TEXT)
    throw new Error(`list of choices is over ${MAX_VALIDATION_TEXT} characters`);
  return list;
}

function clip(text: string, max: number): string {
  return [...text].slice(0, max).join("");
}

function hyperlinks(cells: readonly CellPlan[]): string {
  const links: string[] = [];
  for (const cell of cells) {
    if (!cell.link) continue;
    const location = `${quoteSheetName(cell.link.sheet)}!${cell.link.cell}`;
    links.push(
      `<hyperlink ref="${a1(cell.row, cell.col)}" location="${escapeAttr(location)}" display="${escapeAttr(location)}"/>`
    );
  }
  return links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "";
}

function pageSetup(sheet: SheetPlan): string {
  const print = sheet.print;
  if (!print) return "";
  // A4 is paperSize 9; fitToHeight 0 means "as many pages tall as needed".
  const fit = print.fitToWidth
    ? ' fitToWidth="1" fitToHeight="0"'
    : print.scale !== undefined
      ? ` scale="${Math.round(print.scale)}"`
      : "";
  const header = print.header ? `<oddHeader>${escapeText(bandCode(print.header))}</oddHeader>` : "";
  const footer = print.footer ? `<oddFooter>${escapeText(bandCode(print.footer))}</oddFooter>` : "";
  // A break's id is the last row of the page before it.
  const breaks = print.pageBreaksBefore ?? [];
  const rowBreaks =
    breaks.length > 0
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">` +
        breaks.map((row) => `<brk id="${row - 1}" max="16383" man="1"/>`).join("") +
        "</rowBreaks>"
      : "";
  return (
    `<pageSetup paperSize="9" orientation="${print.orientation}"${fit}/>` +
    (header || footer ? `<headerFooter>${header}${footer}</headerFooter>` : "") +
    rowBreaks
  );
}

/** A header or footer as one SpreadsheetML string: &L, &C and &R open its three parts. */
function bandCode(band: PageBand): string {
  return (
    (band.left ? `&L${pageTextCode(band.left)}` : "") +
    (band.center ? `&C${pageTextCode(band.center)}` : "") +
    (band.right ? `&R${pageTextCode(band.right)}` : "")
  );
}

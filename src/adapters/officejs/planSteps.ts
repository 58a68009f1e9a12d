/**
 * A WorkbookPlan cut into small write steps, each with an estimate of the bytes it adds to a request, so
 * OfficeJsPlanSink can pack them into requests under the 5 MB limit of Excel on the web. Steps only queue
 * operations on an `XlWorksheet`; nothing here syncs. Order: values, formulas, validation, formats,
 * sheet settings, protection (a protected sheet refuses the writes before it).
 */
import type {
  CellPlan,
  CellRange,
  ChartKind,
  CellStyle,
  Note,
  RowPlan,
  SheetPlan,
  StyleId,
  UnrenderedPart,
  WorkbookPlan,
} from "../../engine";
import {
  a1,
  chartSeries,
  columnLetter,
  formulaOf,
  note,
  pageTextCode,
  quoteSheetName,
  unparse,
} from "../../engine";
import type { XlCellValue, XlRange, XlWorkbook, XlWorksheet } from "./excelApiSubset";
import { TEXT_NUMBER_FORMAT, utf8Length } from "./fake/excelText";

export type ApplyStage =
  "sheets" | "values" | "formulas" | "validation" | "formats" | "settings" | "protection";

export interface WriteStep {
  readonly stage: ApplyStage;
  /** Estimated request bytes: payload JSON plus a fixed allowance per operation. */
  readonly bytes: number;
  readonly queue: (target: WriteTarget) => void;
}

/** What a step writes into: the plan's sheets, looked up once per request. */
export interface WriteTarget {
  readonly workbook: XlWorkbook;
  sheet(name: string): XlWorksheet;
}

/** Capabilities that depend on the host's ExcelApi version. */
export interface HostFeatures {
  /** ExcelApi 1.8: Range.dataValidation. */
  readonly dataValidation: boolean;
  /** ExcelApi 1.9: autoFilter.apply and pageLayout. */
  readonly autoFilterAndPageLayout: boolean;
}

/** Per operation: object path, property name, JSON punctuation (generous, so estimates stay above the real size). */
export const OPERATION_OVERHEAD_BYTES = 240;
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

const jsonBytes = (value: unknown): number => utf8Length(JSON.stringify(value));
const operations = (count: number, sheetName: string): number =>
  count * (OPERATION_OVERHEAD_BYTES + 2 * utf8Length(sheetName));

/** Excel column width in characters of the default font → points (Calibri 11: 7 px a character plus 5 px padding). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

export interface PlanStepOptions {
  /** Aim for steps this large at most, so packing wastes little of each request. */
  readonly stepBytes: number;
  readonly features: HostFeatures;
}

export interface PlanSteps {
  readonly steps: WriteStep[];
  /** What the host cannot render, one `not_rendered` note per part naming its sheets (shown to the person applying). */
  readonly notes: Note[];
}

/** The ExcelApi set each part needs; null: the adapter writes it in no Excel (ExcelApi 1.7's subset has no notes). */
const PART_NEEDS: Readonly<Record<UnrenderedPart, string | null>> = {
  validation: "1.8",
  filter: "1.9",
  print_setup: "1.9",
  cell_notes: null,
};

/** Sheets left without each part, in the parts' order. */
class Unrendered {
  private readonly sheets = new Map<UnrenderedPart, string[]>(
    (Object.keys(PART_NEEDS) as UnrenderedPart[]).map((part) => [part, []])
  );

  add(part: UnrenderedPart, sheet: string): void {
    this.sheets.get(part)?.push(sheet);
  }

  notes(): Note[] {
    return [...this.sheets]
      .filter(([, sheets]) => sheets.length > 0)
      .map(([part, sheets]) => note("not_rendered", { part, sheets, needs: PART_NEEDS[part] }));
  }
}

/** Steps for every sheet of the plan, in apply order; the caller adds the structure step in front. */
export function planSteps(plan: WorkbookPlan, options: PlanStepOptions): PlanSteps {
  const skipped = new Unrendered();
  const byStage: Record<Exclude<ApplyStage, "sheets">, WriteStep[]> = {
    values: [],
    formulas: [],
    validation: [],
    formats: [],
    settings: [],
    protection: [],
  };
  for (const sheet of plan.sheets) {
    const rows = cellsByRow(sheet.cells);
    byStage.values.push(...valueSteps(sheet, rows, plan.styles, options.stepBytes));
    byStage.formulas.push(...formulaSteps(sheet, rows, options.stepBytes));
    if (options.features.dataValidation) byStage.validation.push(...validationSteps(sheet));
    else if (sheet.validations.length) skipped.add("validation", sheet.name);
    byStage.formats.push(...formatSteps(sheet, plan.styles, options.stepBytes));
    byStage.settings.push(...settingsSteps(sheet, options.features, skipped));
    byStage.settings.push(...chartSteps(sheet));
    if (sheet.protection) byStage.protection.push(protectionStep(sheet));
    if (sheet.cells.some((cell) => cell.note !== undefined)) skipped.add("cell_notes", sheet.name);
  }
  const steps = [
    ...byStage.values,
    ...byStage.formulas,
    ...byStage.validation,
    ...byStage.formats,
    ...byStage.settings,
    ...byStage.protection,
  ];
  return { steps, notes: skipped.notes() };
}

function cellsByRow(cells: Iterable<CellPlan>): Map<number, CellPlan[]> {
  const rows = new Map<number, CellPlan[]>();
  for (const cell of cells) {
    const line = rows.get(cell.row);
    if (line) line.push(cell);
    else rows.set(cell.row, [cell]);
  }
  return new Map([...rows.entries()].sort((a, b) => a[0] - b[0]));
}

/** Consecutive rows gathered until the step is large enough; a long gap starts a new block instead of null rows. */
function rowBlocks(
  rows: Map<number, CellPlan[]>,
  rowBytes: (cells: CellPlan[]) => number,
  stepBytes: number
): CellPlan[][][] {
  const blocks: CellPlan[][][] = [];
  let block: CellPlan[][] = [];
  let bytes = 0;
  let lastRow = -Infinity;
  for (const [row, cells] of rows) {
    const size = rowBytes(cells);
    if (block.length && (bytes + size > stepBytes || row - lastRow > 50)) {
      blocks.push(block);
      block = [];
      bytes = 0;
    }
    block.push(cells);
    bytes += size;
    lastRow = row;
  }
  if (block.length) blocks.push(block);
  return blocks;
}

function columnSpan(cells: Iterable<CellPlan>): { left: number; right: number } {
  let left = Infinity;
  let right = 0;
  for (const cell of cells) {
    left = Math.min(left, cell.col);
    right = Math.max(right, cell.col);
  }
  return { left, right };
}

/**
 * Values and number formats, one rectangle per row block (null leaves a cell alone, per office-js).
 * Text is written with the text format '@' set first in the same request, so '=SUM(A1)', '+abc', '00123'
 * or '2020-01-05' from a nomination sheet stay text: Excel reads strings written to Range.values as typing.
 */
function valueSteps(
  sheet: SheetPlan,
  rows: Map<number, CellPlan[]>,
  styles: WorkbookPlan["styles"],
  stepBytes: number
): WriteStep[] {
  const { left, right } = columnSpan(sheet.cells);
  if (right === 0) return [];
  const width = right - left + 1;
  const entryBytes = (cell: CellPlan): number => {
    const { value, numberFormat } = valueAndFormat(cell, styles);
    return jsonBytes(value) + jsonBytes(numberFormat) - 8;
  };
  const steps: WriteStep[] = [];
  for (const block of rowBlocks(
    rows,
    (cells) => cells.reduce((sum, c) => sum + entryBytes(c), width * 10 + 4),
    stepBytes
  )) {
    const top = block[0]?.[0]?.row ?? 1;
    const bottom = block[block.length - 1]?.[0]?.row ?? top;
    const values: XlCellValue[][] = Array.from({ length: bottom - top + 1 }, () =>
      new Array<XlCellValue>(width).fill(null)
    );
    const formats: (string | null)[][] = Array.from({ length: bottom - top + 1 }, () =>
      new Array<string | null>(width).fill(null)
    );
    let anyValue = false;
    let anyFormat = false;
    for (const line of block) {
      for (const cell of line) {
        const { value, numberFormat } = valueAndFormat(cell, styles);
        const valueRow = values[cell.row - top];
        const formatRow = formats[cell.row - top];
        if (!valueRow || !formatRow) continue;
        valueRow[cell.col - left] = value;
        formatRow[cell.col - left] = numberFormat;
        anyValue ||= value !== null;
        anyFormat ||= numberFormat !== null;
      }
    }
    if (!anyValue && !anyFormat) continue;
    const payload = (anyValue ? jsonBytes(values) : 0) + (anyFormat ? jsonBytes(formats) : 0);
    steps.push({
      stage: "values",
      bytes: payload + operations(2, sheet.name),
      queue: (target) => {
        const range = target
          .sheet(sheet.name)
          .getRangeByIndexes(top - 1, left - 1, bottom - top + 1, width);
        if (anyFormat) range.numberFormat = formats; // before values: '@' must be in place when the text arrives
        if (anyValue) range.values = values;
      },
    });
  }
  return steps;
}

function valueAndFormat(
  cell: CellPlan,
  styles: WorkbookPlan["styles"]
): { value: XlCellValue; numberFormat: string | null } {
  const styled = (cell.style !== undefined ? styles[cell.style]?.numberFormat : undefined) ?? null;
  const content = cell.content;
  switch (content.kind) {
    case "text":
      return { value: content.text, numberFormat: TEXT_NUMBER_FORMAT };
    case "number":
      return { value: content.value, numberFormat: styled };
    case "bool":
      return { value: content.value, numberFormat: styled };
    case "date":
      return { value: content.serial, numberFormat: styled ?? DEFAULT_DATE_FORMAT };
    case "formula":
    case "filled":
    case "blank":
      return { value: null, numberFormat: styled };
  }
}

/** Formulas after all values, so cross-sheet references land on filled cells; null holes leave values alone. */
function formulaSteps(
  sheet: SheetPlan,
  rows: Map<number, CellPlan[]>,
  stepBytes: number
): WriteStep[] {
  const formulaRows = new Map<number, { cell: CellPlan; text: string }[]>();
  for (const [row, cells] of rows) {
    const formulas = cells.flatMap((cell) =>
      cell.content.kind === "formula" || cell.content.kind === "filled"
        ? [{ cell, text: unparse(formulaOf(cell.content), "officejs", sheet.name) }]
        : []
    );
    if (formulas.length) formulaRows.set(row, formulas);
  }
  const textByCell = new Map<CellPlan, string>();
  const rowsOfCells = new Map<number, CellPlan[]>();
  for (const [row, entries] of formulaRows) {
    rowsOfCells.set(
      row,
      entries.map((e) => e.cell)
    );
    for (const entry of entries) textByCell.set(entry.cell, entry.text);
  }
  const steps: WriteStep[] = [];
  const rowBytes = (cells: CellPlan[]): number =>
    cells.reduce((sum, c) => sum + utf8Length(textByCell.get(c) ?? "") + 12, 8);
  for (const block of rowBlocks(rowsOfCells, rowBytes, stepBytes)) {
    const cells = block.flat();
    const { left, right } = columnSpan(cells);
    const top = cells[0]?.row ?? 1;
    const bottom = cells[cells.length - 1]?.row ?? top;
    const width = right - left + 1;
    const matrix: XlCellValue[][] = Array.from({ length: bottom - top + 1 }, () =>
      new Array<XlCellValue>(width).fill(null)
    );
    for (const cell of cells) {
      const line = matrix[cell.row - top];
      if (line) line[cell.col - left] = textByCell.get(cell) ?? null;
    }
    steps.push({
      stage: "formulas",
      bytes: jsonBytes(matrix) + operations(1, sheet.name),
      queue: (target) => {
        target
          .sheet(sheet.name)
          .getRangeByIndexes(top - 1, left - 1, bottom - top + 1, width).formulas = matrix;
      },
    });
  }
  return steps;
}

function rangeOf(worksheet: XlWorksheet, range: CellRange): XlRange {
  return worksheet.getRangeByIndexes(
    range.top - 1,
    range.left - 1,
    range.bottom - range.top + 1,
    range.right - range.left + 1
  );
}

function validationSteps(sheet: SheetPlan): WriteStep[] {
  return sheet.validations.map((validation) => {
    const bound = (node: Parameters<typeof unparse>[0]): string =>
      unparse(node, "officejs", sheet.name);
    const rule = validation.rule;
    const dataRule =
      rule.type === "list"
        ? { list: { inCellDropDown: true, source: rule.choices.join(",") } }
        : {
            [rule.type === "whole" ? "wholeNumber" : rule.type]: {
              formula1: bound(rule.min),
              formula2: bound(rule.max),
              operator: "Between",
            },
          };
    const errorAlert = {
      showAlert: true,
      style: "Stop",
      title: validation.error.title,
      message: validation.error.text,
    };
    const prompt = validation.prompt
      ? { showPrompt: true, title: validation.prompt.title, message: validation.prompt.text }
      : null;
    return {
      stage: "validation" as const,
      bytes: jsonBytes([dataRule, errorAlert, prompt]) + operations(4, sheet.name),
      queue: (target: WriteTarget) => {
        const validationTarget = rangeOf(target.sheet(sheet.name), validation.range).dataValidation;
        validationTarget.rule = dataRule;
        validationTarget.errorAlert = errorAlert;
        if (prompt) validationTarget.prompt = prompt;
        validationTarget.ignoreBlanks = validation.allowBlank;
      },
    };
  });
}

/** Cells of one style gathered into rectangles: runs along a row, then runs stacked over rows. */
export function styleRectangles(cells: Iterable<CellPlan>): { style: StyleId; range: CellRange }[] {
  const byRow = new Map<number, CellPlan[]>();
  for (const cell of cells) {
    if (cell.style === undefined) continue;
    const line = byRow.get(cell.row);
    if (line) line.push(cell);
    else byRow.set(cell.row, [cell]);
  }
  const open = new Map<
    string,
    { style: StyleId; range: { top: number; left: number; bottom: number; right: number } }
  >();
  const done: { style: StyleId; range: CellRange }[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const line = (byRow.get(row) ?? []).sort((a, b) => a.col - b.col);
    const runs: { style: StyleId; left: number; right: number }[] = [];
    for (const cell of line) {
      const style = cell.style;
      if (style === undefined) continue;
      const last = runs[runs.length - 1];
      if (last && last.style === style && last.right === cell.col - 1) last.right = cell.col;
      else runs.push({ style, left: cell.col, right: cell.col });
    }
    const seen = new Set<string>();
    for (const run of runs) {
      const key = `${run.style}\u0000${run.left}\u0000${run.right}`;
      seen.add(key);
      const rect = open.get(key);
      if (rect && rect.range.bottom === row - 1) rect.range.bottom = row;
      else {
        if (rect) done.push(rect);
        open.set(key, {
          style: run.style,
          range: { top: row, left: run.left, bottom: row, right: run.right },
        });
      }
    }
    for (const [key, rect] of open) {
      if (!seen.has(key) && rect.range.bottom < row) {
        done.push(rect);
        open.delete(key);
      }
    }
  }
  done.push(...open.values());
  return done;
}

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", center: "Center", bottom: "Bottom" } as const;

/** The range-format operations a style needs (its number format went with the values). */
function styleOperations(style: CellStyle, range: CellRange): ((target: XlRange) => void)[] {
  const ops: ((target: XlRange) => void)[] = [];
  if (style.bold !== undefined) ops.push((r) => (r.format.font.bold = style.bold === true));
  if (style.italic !== undefined) ops.push((r) => (r.format.font.italic = style.italic === true));
  if (style.fontColor !== undefined) ops.push((r) => (r.format.font.color = `#${style.fontColor}`));
  if (style.fontSize !== undefined) ops.push((r) => (r.format.font.size = style.fontSize ?? 11));
  if (style.fill !== undefined) ops.push((r) => (r.format.fill.color = `#${style.fill}`));
  if (style.horizontal !== undefined)
    ops.push((r) => (r.format.horizontalAlignment = HORIZONTAL[style.horizontal ?? "left"]));
  if (style.vertical !== undefined)
    ops.push((r) => (r.format.verticalAlignment = VERTICAL[style.vertical ?? "top"]));
  if (style.wrap !== undefined) ops.push((r) => (r.format.wrapText = style.wrap === true));
  if (style.border) {
    const edges = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (range.right > range.left) edges.push("InsideVertical");
    if (range.bottom > range.top) edges.push("InsideHorizontal");
    for (const edge of edges)
      ops.push((r) => (r.format.borders.getItem(edge).style = "Continuous"));
  }
  // Cells are locked by default; only input cells are unlocked, so only `false` needs writing.
  if (style.locked === false) ops.push((r) => (r.format.protection.locked = false));
  return ops;
}

/**
 * The plan's row heights as office-js sets them. Rows whose height is only the estimate of their wrapped text
 * (RowPlan.fitsText) are fitted by Excel itself, a run of them by one autofitRows (ExcelApi 1.2) instead of one
 * rowHeight per row: the rows between them in a run have no height of their own, and Excel fits them to one line as
 * it would anyway. Setting the heights of rows apart in one operation needs getRanges (ExcelApi 1.9), which
 * volume-licensed Office 2019 (1.8) lacks. A run stops at a row with a height of its own and at a merged row (Excel's
 * autofit leaves merged cells out, so such a row keeps its estimate).
 */
export function rowFits(sheet: SheetPlan): {
  fitted: { top: number; bottom: number }[];
  own: RowPlan[];
} {
  const merged = new Set<number>();
  for (const merge of sheet.merges)
    for (let row = merge.top; row <= merge.bottom; row++) merged.add(row);
  const fitted: { top: number; bottom: number }[] = [];
  const own: RowPlan[] = [];
  let run: { top: number; bottom: number } | null = null;
  for (const height of sheet.rows ?? []) {
    const fits = height.fitsText === true && !merged.has(height.row);
    // A run spans only rows that hold no height of their own and no merge.
    if (run && (!fits || [...rowsBetween(run.bottom, height.row)].some((r) => merged.has(r)))) {
      fitted.push(run);
      run = null;
    }
    if (!fits) own.push(height);
    else if (run) run.bottom = height.row;
    else run = { top: height.row, bottom: height.row };
  }
  if (run) fitted.push(run);
  return { fitted, own };
}

function* rowsBetween(above: number, below: number): Iterable<number> {
  for (let row = above + 1; row < below; row++) yield row;
}

function formatSteps(
  sheet: SheetPlan,
  styles: WorkbookPlan["styles"],
  stepBytes: number
): WriteStep[] {
  type Operation = { bytes: number; queue: (worksheet: XlWorksheet) => void };
  const all: Operation[] = [];
  for (const { style: key, range } of styleRectangles(sheet.cells)) {
    const style = styles[key];
    if (!style) continue;
    const ops = styleOperations(style, range);
    if (ops.length === 0) continue;
    all.push({
      bytes: operations(ops.length, sheet.name),
      queue: (worksheet) => {
        const target = rangeOf(worksheet, range);
        for (const op of ops) op(target);
      },
    });
  }
  for (const merge of sheet.merges) {
    all.push({
      bytes: operations(1, sheet.name),
      queue: (worksheet) => rangeOf(worksheet, merge).merge(false),
    });
  }
  for (const column of sheet.columns) {
    const letter = columnLetter(column.col);
    if (column.width !== undefined) {
      const points = columnWidthPoints(column.width);
      all.push({
        bytes: operations(1, sheet.name),
        queue: (worksheet) =>
          (worksheet.getRange(`${letter}:${letter}`).format.columnWidth = points),
      });
    }
    if (column.hidden) {
      all.push({
        bytes: operations(1, sheet.name),
        queue: (worksheet) => (worksheet.getRange(`${letter}:${letter}`).columnHidden = true),
      });
    }
  }
  // After the column widths: Excel fits wrapped text to the widths it has when asked. Heights of their own after
  // the fits, so a row inside a run keeps its own.
  const { fitted, own } = rowFits(sheet);
  for (const run of fitted) {
    all.push({
      bytes: operations(1, sheet.name),
      queue: (worksheet) => worksheet.getRange(`${run.top}:${run.bottom}`).format.autofitRows(),
    });
  }
  for (const height of own) {
    all.push({
      bytes: operations(1, sheet.name),
      queue: (worksheet) =>
        (worksheet.getRange(`${height.row}:${height.row}`).format.rowHeight = height.height),
    });
  }
  for (const cell of sheet.cells) {
    const link = cell.link;
    if (!link) continue;
    const documentReference = `${quoteSheetName(link.sheet)}!${link.cell}`;
    all.push({
      bytes: operations(1, sheet.name) + utf8Length(documentReference),
      queue: (worksheet) =>
        (worksheet.getRange(a1(cell.row, cell.col)).hyperlink = { documentReference }),
    });
  }
  // Excel puts each added format on top of the others, so the first in priority is added last.
  const conditional = [...sheet.conditionalFormats].sort((a, b) => b.priority - a.priority);
  for (const format of conditional) {
    const formula = unparse(format.when, "officejs", sheet.name);
    all.push({
      bytes: operations(5, sheet.name) + utf8Length(formula),
      queue: (worksheet) => {
        const added = rangeOf(worksheet, format.range).conditionalFormats.add("Custom");
        added.custom.rule.formula = formula;
        if (format.style.fill !== undefined)
          added.custom.format.fill.color = `#${format.style.fill}`;
        if (format.style.fontColor !== undefined)
          added.custom.format.font.color = `#${format.style.fontColor}`;
        if (format.style.bold !== undefined) added.custom.format.font.bold = format.style.bold;
      },
    });
  }
  return groupOperations(all, stepBytes, sheet.name, "formats");
}

function groupOperations(
  all: { bytes: number; queue: (worksheet: XlWorksheet) => void }[],
  stepBytes: number,
  sheetName: string,
  stage: ApplyStage
): WriteStep[] {
  const steps: WriteStep[] = [];
  let group: typeof all = [];
  let bytes = 0;
  const flush = (): void => {
    if (!group.length) return;
    const members = group;
    steps.push({
      stage,
      bytes,
      queue: (target) => members.forEach((op) => op.queue(target.sheet(sheetName))),
    });
    group = [];
    bytes = 0;
  };
  for (const op of all) {
    if (bytes + op.bytes > stepBytes) flush();
    group.push(op);
    bytes += op.bytes;
  }
  flush();
  return steps;
}

function settingsSteps(sheet: SheetPlan, features: HostFeatures, skipped: Unrendered): WriteStep[] {
  const ops: ((worksheet: XlWorksheet) => void)[] = [];
  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.columns > 0)) {
    if (freeze.rows > 0 && freeze.columns > 0) {
      ops.push((w) =>
        w.freezePanes.freezeAt(w.getRangeByIndexes(0, 0, freeze.rows, freeze.columns))
      );
    } else if (freeze.rows > 0) ops.push((w) => w.freezePanes.freezeRows(freeze.rows));
    else ops.push((w) => w.freezePanes.freezeColumns(freeze.columns));
  }
  const filter = sheet.autoFilter;
  if (filter) {
    if (features.autoFilterAndPageLayout) ops.push((w) => w.autoFilter.apply(rangeOf(w, filter)));
    else skipped.add("filter", sheet.name);
  }
  const print = sheet.print;
  if (print) {
    if (features.autoFilterAndPageLayout) {
      ops.push(
        (w) =>
          (w.pageLayout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait")
      );
      ops.push((w) => (w.pageLayout.paperSize = print.paper));
      const repeat = print.repeatRows;
      if (repeat)
        ops.push((w) => w.pageLayout.setPrintTitleRows(`$${repeat.first}:$${repeat.last}`));
      const columns = print.repeatColumns;
      if (columns) {
        const area = `$${columnLetter(columns.first)}:$${columnLetter(columns.last)}`;
        ops.push((w) => w.pageLayout.setPrintTitleColumns(area));
      }
      // One page wide, as many tall as needed: 0 pages tall is "automatic", as fitToHeight="0" in the .xlsx path.
      if (print.fitToWidth)
        ops.push((w) => (w.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }));
      else if (print.scale !== undefined) {
        const scale = print.scale;
        ops.push((w) => (w.pageLayout.zoom = { scale }));
      }
      // A row that starts a printed page (汇总's charts): a break above column A's cell is a horizontal one only.
      for (const row of print.pageBreaksBefore ?? [])
        ops.push((w) => w.horizontalPageBreaks.add(a1(row, 1)));
      // The same codes as the .xlsx file's headerFooter (&P, &N, &A, &D), one part at a time.
      const parts = [
        ["leftHeader", print.header?.left],
        ["centerHeader", print.header?.center],
        ["rightHeader", print.header?.right],
        ["leftFooter", print.footer?.left],
        ["centerFooter", print.footer?.center],
        ["rightFooter", print.footer?.right],
      ] as const;
      for (const [part, text] of parts) {
        if (text === undefined) continue;
        const code = pageTextCode(text);
        ops.push((w) => (w.pageLayout.headersFooters.defaultForAllPages[part] = code));
      }
    } else {
      skipped.add("print_setup", sheet.name);
    }
  }
  const visibility = sheet.visibility;
  if (visibility !== undefined)
    ops.push((w) => (w.visibility = visibility === "veryHidden" ? "VeryHidden" : "Hidden"));
  if (!ops.length) return [];
  return [
    {
      stage: "settings",
      bytes: operations(ops.length + 2, sheet.name),
      queue: (target) => {
        const worksheet = target.sheet(sheet.name);
        for (const op of ops) op(worksheet);
      },
    },
  ];
}

/** office-js's chart types for the plan's kinds. */
const CHART_TYPES: Readonly<Record<ChartKind, string>> = {
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  barStacked: "BarStacked",
};

/**
 * One step per chart, before protection (a sheet whose objects are protected refuses a new chart). The chart is
 * made from its whole table, whose top-left cell is empty: Excel then reads the first row as the series' names,
 * linked to those cells, and the first column as the categories, whatever the cells hold — their formulas are not
 * computed yet, as calculation is suspended while the plan is written (the "blank top-left cell" rule, e.g.
 * peltiertech.com's "Prepare your data"). So a legend follows 评分标准's grade words when they are edited, as the
 * .xlsx file's series names (references) do. Each series is then pointed at its values and categories explicitly
 * (ExcelApi 1.7) so what it draws never rests on that reading.
 */
function chartSteps(sheet: SheetPlan): WriteStep[] {
  return (sheet.charts ?? []).map((chart): WriteStep => {
    const series = chartSeries(chart);
    return {
      stage: "settings",
      bytes:
        operations(3 + 4 * series.length, sheet.name) +
        jsonBytes(chart.title) +
        jsonBytes(chart.colours),
      queue: (target) => {
        const worksheet = target.sheet(sheet.name);
        const added = worksheet.charts.add(
          CHART_TYPES[chart.kind],
          rangeOf(worksheet, chart.table),
          "Columns"
        );
        added.title.text = chart.title;
        added.setPosition(
          a1(chart.anchor.top, chart.anchor.left),
          a1(chart.anchor.bottom, chart.anchor.right)
        );
        series.forEach((s, i) => {
          const item = added.series.getItemAt(i);
          item.setValues(rangeOf(worksheet, s.values));
          item.setXAxisValues(rangeOf(worksheet, s.categories));
          const colour = chart.colours[i];
          if (colour !== undefined) item.format.fill.setSolidColor(`#${colour}`);
        });
      },
    };
  });
}

function protectionStep(sheet: SheetPlan): WriteStep {
  const password = sheet.protection?.password;
  // Sorting and filtering stay allowed so the judges' meeting can reorder the list without unprotecting it.
  const options = {
    allowAutoFilter: true,
    allowSort: true,
    allowFormatColumns: true,
    allowFormatRows: true,
  };
  return {
    stage: "protection",
    bytes: operations(1, sheet.name) + jsonBytes(options) + (password ? utf8Length(password) : 0),
    queue: (target) => {
      const protection = target.sheet(sheet.name).protection;
      if (password !== undefined) protection.protect(options, password);
      else protection.protect(options);
    },
  };
}

/**
 * Packs steps into requests in order: a request closes when the next step would push it over the budget.
 * A single step above the budget is a broken invariant (steps are cut far smaller), so it throws.
 */
export function packSteps(steps: readonly WriteStep[], budgetBytes: number): WriteStep[][] {
  const chunks: WriteStep[][] = [];
  let chunk: WriteStep[] = [];
  let bytes = 0;
  for (const step of steps) {
    if (step.bytes > budgetBytes)
      throw new Error(
        `a ${step.stage} step of ${step.bytes} bytes exceeds the ${budgetBytes}-byte request budget`
      );
    if (chunk.length && bytes + step.bytes > budgetBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(step);
    bytes += step.bytes;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

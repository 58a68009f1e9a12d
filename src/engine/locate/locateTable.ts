import type { Field } from "../core/domain";
import { isBlankCell, type CellRange, type RawCell, type SheetGrid } from "../core/Grid";
import type { ColumnMapping, RowKind, TableLayout } from "../core/Table";
import { foldText } from "../normalize/foldText";

/**
 * What locating needs to know about header words, supplied by the headers stage (which comes later in the
 * data flow): locate knows the shape of a table, headers knows the words.
 */
export interface HeaderVocabulary {
  /** The field a header names (null for none) and how sure the match is, 0…1. */
  match(header: string): { readonly field: Field | null; readonly confidence: number };
  /** The mapping of a header's columns: each field to one column at most. */
  mapColumns(labels: ReadonlyArray<{ col: number; header: string }>): ColumnMapping[];
  /** 序号 and its spellings. */
  isSerial(header: string): boolean;
  /** A match below this does not count. */
  readonly minConfidence: number;
  /** Folded text longer than this is a title or a note, never a header. */
  readonly maxHeaderLength: number;
}

/** The header is looked for in the first rows only: a table starts near the top of a sheet. */
export const HEADER_SEARCH_ROWS = 100;
/** A header names at least this many fields, one of them name, sector or tier. */
const MIN_HEADER_FIELDS = 2;

const TOTAL_ROW = /^(小计|合计|总计|共计)/;
/** 注：…, 注1. …, 说明：…, 备注：… — but not 注册会计师协会. */
const NOTE_ROW = /^(注|说明|备注|附注)(\d|:|\.|、|\(|$)/;
/** Sign-off lines under a table: 审核人：…, 填表人：…, 填报单位（盖章）：…. */
const SIGN_OFF = /^(审核|审批|填表|制表|填报|负责人|联系人|经办人|签字|签名|盖章|报送)[^:]{0,6}:/;

interface HeaderChoice {
  readonly rows: readonly number[];
  readonly labels: ReadonlyArray<{ col: number; header: string }>;
  /** Folded header words by column (group, sub-header and both), to recognise a header repeated mid-table. */
  readonly words: ReadonlySet<string>;
  readonly fieldCount: number;
}

/**
 * Finds the nomination table on a sheet: its one- or two-row header, the mapping of each column to a
 * field, and what every non-blank row is (title, header, data, total, note, stray). Null when no row
 * reads as a header.
 * @example locateTable(sheet, HEADER_VOCABULARY)?.rowKinds.get(17) // 'total' for a 小计 row
 */
export function locateTable(sheet: SheetGrid, vocabulary: HeaderVocabulary): TableLayout | null {
  const merges = new MergeIndex(sheet.merges);
  const header = findHeader(sheet, merges, vocabulary);
  if (!header) return null;
  const columns = vocabulary.mapColumns(header.labels);
  const firstCol = Math.min(...columns.map((c) => c.col));
  const lastCol = Math.max(...columns.map((c) => c.col));
  const headerEnd = header.rows[header.rows.length - 1] as number;
  const context: RowContext = {
    firstCol,
    lastCol,
    fieldCols: new Set(columns.filter((c) => c.field !== null).map((c) => c.col)),
    serialCols: new Set(columns.filter((c) => vocabulary.isSerial(c.header)).map((c) => c.col)),
    headerWords: header.words,
    merges,
  };

  const rowKinds = new Map<number, RowKind>();
  let firstDataRow = 0;
  let lastDataRow = 0;
  for (let row = 1; row <= sheet.rows.length; row++) {
    const cells = nonBlankCells(sheet.rows[row - 1]);
    if (cells.length === 0) continue;
    let kind: RowKind;
    if (row < (header.rows[0] as number)) kind = "title";
    else if (row <= headerEnd) kind = "header";
    else kind = classifyBodyRow(row, cells, context);
    rowKinds.set(row, kind);
    if (kind === "data") {
      if (firstDataRow === 0) firstDataRow = row;
      lastDataRow = row;
    }
  }
  if (firstDataRow === 0) {
    firstDataRow = headerEnd + 1;
    lastDataRow = headerEnd;
  }
  return {
    sheet: sheet.name,
    headerRows: header.rows,
    firstDataRow,
    lastDataRow,
    columns,
    rowKinds,
  };
}

interface RowContext {
  readonly firstCol: number;
  readonly lastCol: number;
  readonly fieldCols: ReadonlySet<number>;
  readonly serialCols: ReadonlySet<number>;
  readonly headerWords: ReadonlySet<string>;
  readonly merges: MergeIndex;
}

interface PlacedCell {
  readonly col: number;
  readonly cell: RawCell;
}

function nonBlankCells(row: ReadonlyArray<RawCell | null | undefined> | undefined): PlacedCell[] {
  const cells: PlacedCell[] = [];
  if (!row) return cells;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell && !isBlankCell(cell)) cells.push({ col: i + 1, cell });
  }
  return cells;
}

function classifyBodyRow(row: number, cells: readonly PlacedCell[], context: RowContext): RowKind {
  const first = cells[0] as PlacedCell;
  const firstKey = first.cell.type === "text" ? foldText(first.cell.text) : "";
  if (TOTAL_ROW.test(firstKey)) return "total";
  // A serial number before 合计 still makes a total row (序号 column holding 合计 is caught above).
  const second = cells[1];
  if (
    second &&
    context.serialCols.has(first.col) &&
    second.cell.type === "text" &&
    TOTAL_ROW.test(foldText(second.cell.text))
  ) {
    return "total";
  }
  if (NOTE_ROW.test(firstKey)) return "note";
  if (context.headerWords.has(firstKey) && repeatsHeader(cells, context.headerWords))
    return "header";
  if (cells.every((c) => c.col < context.firstCol || c.col > context.lastCol)) return "stray";
  if (SIGN_OFF.test(firstKey) && cells.every((c) => c.cell.type === "text")) return "stray";
  if (cells.length === 1) {
    if (isFullWidthMergedText(row, first, context)) return "note";
    // A numbered line of an empty form: only its 序号 is filled in.
    if (context.serialCols.has(first.col) && first.cell.type === "number") return "blank";
    // A lone value in a field's column is a nominee with the rest missing: its issues will say so.
    if (!context.fieldCols.has(first.col)) return "stray";
  } else if (cells.every((c) => context.serialCols.has(c.col) && c.cell.type === "number")) {
    return "blank";
  }
  return "data";
}

/** Most of the row's cells are header words: the header printed again on a new page. */
function repeatsHeader(cells: readonly PlacedCell[], words: ReadonlySet<string>): boolean {
  if (cells.length < 2) return false;
  let hits = 0;
  for (const { cell } of cells) if (cell.type === "text" && words.has(foldText(cell.text))) hits++;
  return hits >= 2 && hits >= Math.ceil(cells.length * 0.6);
}

/** One text cell merged across most of the table: a note or a section line, never a nominee. */
function isFullWidthMergedText(row: number, placed: PlacedCell, context: RowContext): boolean {
  if (placed.cell.type !== "text") return false;
  const merge = context.merges.startingAt(row, placed.col);
  if (!merge || merge.top !== merge.bottom) return false;
  const width = context.lastCol - context.firstCol + 1;
  return merge.right - merge.left + 1 >= Math.max(3, Math.ceil(width * 0.6));
}

// ---------------------------------------------------------------------------------------------------------
// Header

function findHeader(
  sheet: SheetGrid,
  merges: MergeIndex,
  vocabulary: HeaderVocabulary
): HeaderChoice | null {
  const lastRow = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  let best: HeaderChoice | null = null;
  for (let row = 1; row <= lastRow; row++) {
    for (const choice of [
      singleHeader(sheet, row, vocabulary),
      pairedHeader(sheet, merges, row, vocabulary),
    ]) {
      if (!choice || !isTableHeader(choice, vocabulary)) continue;
      // On a tie the single-row header wins, then the earlier row: a merged title is no group header.
      if (
        !best ||
        choice.fieldCount > best.fieldCount ||
        (choice.fieldCount === best.fieldCount && choice.rows.length < best.rows.length)
      ) {
        best = choice;
      }
    }
  }
  return best;
}

function isTableHeader(choice: HeaderChoice, vocabulary: HeaderVocabulary): boolean {
  if (choice.fieldCount < MIN_HEADER_FIELDS) return false;
  return choice.labels.some(({ header }) => {
    const field = vocabulary.match(header).field;
    return field === "name" || field === "sector" || field === "tier";
  });
}

/** Text a header cell shows, or null when the cell cannot be a header (blank, long text, a number or date). */
function headerText(cell: RawCell | null | undefined, vocabulary: HeaderVocabulary): string | null {
  if (!cell || cell.type !== "text") return null;
  const text = cell.text.trim();
  if (text === "" || foldText(text).length > vocabulary.maxHeaderLength) return null;
  return text;
}

function singleHeader(
  sheet: SheetGrid,
  row: number,
  vocabulary: HeaderVocabulary
): HeaderChoice | null {
  const cells = sheet.rows[row - 1];
  if (!cells) return null;
  const labels: Array<{ col: number; header: string }> = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (isBlankCell(cell)) continue;
    // A number or a date in the row: data, not a header.
    if (cell?.type !== "text") return null;
    const text = headerText(cell, vocabulary);
    if (text !== null) labels.push({ col: i + 1, header: text });
  }
  return labels.length
    ? headerChoice(
        [row],
        labels,
        labels.map((l) => l.header),
        vocabulary
      )
    : null;
}

/**
 * A group row over a sub-header row, tied by merges: 党组织基本情况 merged over 名称 | 类别, and
 * 序号 merged down both rows. Columns read 党组织基本情况/名称; a vertically merged one keeps its one label.
 */
function pairedHeader(
  sheet: SheetGrid,
  merges: MergeIndex,
  top: number,
  vocabulary: HeaderVocabulary
): HeaderChoice | null {
  const textOf = (cell: RawCell | null | undefined): string | null => headerText(cell, vocabulary);
  const sub = top + 1;
  const topCells = sheet.rows[top - 1];
  const subCells = sheet.rows[sub - 1];
  if (!topCells || !subCells) return null;
  const width = Math.max(topCells.length, subCells.length);
  const labels: Array<{ col: number; header: string }> = [];
  const words: string[] = [];
  let tied = false;
  for (let col = 1; col <= width; col++) {
    const topCell = topCells[col - 1];
    const subCell = subCells[col - 1];
    if (!isBlankCell(topCell) && textOf(topCell) === null) return null;
    if (!isBlankCell(subCell) && textOf(subCell) === null) return null;
    const topMerge = merges.covering(top, col);
    let group = textOf(topCell);
    if (group === null && topMerge && topMerge.top === top)
      group = textOf(cellOf(sheet, top, topMerge.left));
    if (topMerge && topMerge.top === top && topMerge.bottom >= sub) {
      tied = true;
      if (group !== null) {
        labels.push({ col, header: group });
        words.push(group);
      }
      continue;
    }
    let under = textOf(subCell);
    const subMerge = merges.covering(sub, col);
    if (under === null && subMerge && subMerge.top === sub)
      under = textOf(cellOf(sheet, sub, subMerge.left));
    if (topMerge && topMerge.top === top && topMerge.left < topMerge.right && under !== null)
      tied = true;
    if (group !== null) words.push(group);
    if (under !== null) words.push(under);
    const header =
      group !== null && under !== null
        ? group === under
          ? group
          : `${group}/${under}`
        : (group ?? under);
    if (header !== null) labels.push({ col, header });
  }
  if (!tied || labels.length === 0) return null;
  // One cell merged over every column is a title above a one-row header, not a group.
  const spansAll = merges.startingAt(top, labels[0]?.col ?? 0);
  if (
    spansAll &&
    spansAll.bottom === top &&
    spansAll.right >= (labels[labels.length - 1]?.col ?? 0)
  )
    return null;
  return headerChoice([top, sub], labels, words, vocabulary);
}

function headerChoice(
  rows: readonly number[],
  labels: ReadonlyArray<{ col: number; header: string }>,
  words: readonly string[],
  vocabulary: HeaderVocabulary
): HeaderChoice {
  const fields = new Set<string>();
  for (const { header } of labels) {
    const match = vocabulary.match(header);
    if (match.field && match.confidence >= vocabulary.minConfidence) fields.add(match.field);
  }
  const folded = new Set(words.map(foldText));
  for (const { header } of labels) folded.add(foldText(header));
  return { rows, labels, words: folded, fieldCount: fields.size };
}

function cellOf(sheet: SheetGrid, row: number, col: number): RawCell | null {
  return sheet.rows[row - 1]?.[col - 1] ?? null;
}

/** Merged ranges looked up by their top row, so a 50,000-row sheet is not scanned once per cell. */
class MergeIndex {
  private readonly byTop = new Map<number, CellRange[]>();
  private readonly tall: CellRange[] = [];

  constructor(merges: readonly CellRange[]) {
    for (const merge of merges) {
      const list = this.byTop.get(merge.top);
      if (list) list.push(merge);
      else this.byTop.set(merge.top, [merge]);
      if (merge.bottom > merge.top) this.tall.push(merge);
    }
  }

  startingAt(row: number, col: number): CellRange | undefined {
    return this.byTop.get(row)?.find((m) => m.left === col);
  }

  covering(row: number, col: number): CellRange | undefined {
    const inside = (m: CellRange): boolean =>
      m.top <= row && row <= m.bottom && m.left <= col && col <= m.right;
    return this.byTop.get(row)?.find(inside) ?? this.tall.find(inside);
  }
}

/**
 * Reading used ranges in requests whose responses stay under Excel on the web's 5 MB, which holds for responses as
 * well as requests (RichApi ResponsePayloadSizeLimitExceeded). A cell's size is unknown until it is read, so the
 * first rows of each sheet are read first and give that sheet's bytes per row; the rest is cut into blocks by that
 * estimate. Text varies down a sheet: a request refused as too large is split in halves and sent again.
 * Sizes count non-ASCII characters as JSON escapes (escapedJsonLength), the most a response can spend on them.
 */
import type { XlCellValue, XlContext, XlRange, XlWorksheet } from "./excelApiSubset";
import { escapedJsonLength } from "./fake/excelText";
import { OPERATION_OVERHEAD_BYTES } from "./planSteps";

/** Per request, for what is sent and for what comes back, as JSON bytes: room under the 5 MB limit. */
export const READ_BUDGET_BYTES = 4_000_000;
/** Rows read first from each sheet to learn what its rows weigh. */
const SAMPLE_ROWS = 50;
/** What a cell is taken to weigh before its sheet's sample is in: four short entries (value, type, format, formula). */
const ASSUMED_CELL_BYTES = 100;
/** Estimates from the rows read so far get this much room for longer rows further down. */
const ESTIMATE_MARGIN = 1.5;
const MAX_ROWS_PER_BLOCK = 5_000;

/** A used range to read, 0-based as office-js counts. */
export interface AreaToRead {
  readonly worksheet: XlWorksheet;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  /** Some rows are hidden and others not: ask each row (the area's rowHidden is null then). */
  readonly probeRows: boolean;
}

/** A rectangle of one area, 0-based and relative to the sheet. */
export interface CellBlock {
  readonly area: number;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface BlockCells {
  readonly values: XlCellValue[][];
  readonly valueTypes: string[][];
  readonly numberFormat: (string | null)[][];
  readonly formulas: XlCellValue[][];
  /** Per row of the block, when the area asks for row probes. */
  readonly rowHidden: boolean[] | null;
}

export interface ReadOptions {
  readonly budgetBytes?: number;
  /** Queued into the first request (merged areas, column probes); queued again if that request is refused. */
  readonly extras?: () => void;
}

export interface ReadStats {
  readonly requests: number;
  /** Requests refused as too large and sent again in halves. */
  readonly retries: number;
}

/** True for Excel's refusal of a request or a response over its payload limit. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/** Row probes go with the slice that starts the area's columns (a wide row is read in slices). */
const probesRows = (block: CellBlock, area: AreaToRead): boolean =>
  area.probeRows && block.col === area.columnIndex;

const requestBytes = (block: CellBlock, area: AreaToRead): number =>
  (2 + (probesRows(block, area) ? 2 * block.rows : 0)) * OPERATION_OVERHEAD_BYTES;

/**
 * Reads every area in blocks, calling `onBlock` with each block's cells in sheet order of arrival. A single cell is
 * never split further: one over the budget is Excel's refusal to pass on (a cell holds at most 32,767 characters).
 */
export async function readAreas(
  xl: XlContext,
  areas: readonly AreaToRead[],
  onBlock: (block: CellBlock, cells: BlockCells) => void,
  options: ReadOptions = {}
): Promise<ReadStats> {
  const budget = options.budgetBytes ?? READ_BUDGET_BYTES;
  // Bytes per row of each area, learned from what was read; per cell before anything was.
  const bytesPerRow: (number | null)[] = areas.map(() => null);
  const estimate = (block: CellBlock): number => {
    const area = areas[block.area];
    const perRow = bytesPerRow[block.area];
    const full = perRow ?? (area?.columnCount ?? block.cols) * ASSUMED_CELL_BYTES;
    return Math.ceil((full * block.rows * block.cols) / (area?.columnCount ?? block.cols));
  };
  let requests = 0;
  let retries = 0;
  let extrasPending = options.extras !== undefined;

  const runRequest = async (blocks: readonly CellBlock[]): Promise<void> => {
    if (extrasPending) options.extras?.();
    const loaded = blocks.map((block) => {
      const area = areas[block.area];
      if (!area) throw new RangeError(`no area ${block.area}`);
      const range = area.worksheet
        .getRangeByIndexes(block.row, block.col, block.rows, block.cols)
        .load("values,valueTypes,numberFormat,formulas");
      const probes: XlRange[] | null = probesRows(block, area)
        ? Array.from({ length: block.rows }, (_, r) =>
            area.worksheet
              .getRangeByIndexes(block.row + r, area.columnIndex, 1, 1)
              .load("rowHidden")
          )
        : null;
      return { block, range, probes };
    });
    requests++;
    try {
      await xl.sync();
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      const halves = splitRequest(blocks);
      if (!halves) throw error;
      retries++;
      for (const half of halves) await runRequest(half);
      return;
    }
    extrasPending = false;
    for (const { block, range, probes } of loaded) {
      const cells: BlockCells = {
        values: range.values,
        valueTypes: range.valueTypes,
        numberFormat: range.numberFormat,
        formulas: range.formulas,
        rowHidden: probes ? probes.map((probe) => probe.rowHidden) : null,
      };
      const measured =
        escapedJsonLength(
          JSON.stringify([cells.values, cells.valueTypes, cells.numberFormat, cells.formulas])
        ) +
        (cells.rowHidden?.length ?? 0) * 8;
      const area = areas[block.area];
      const perFullRow = ((measured / block.rows) * (area?.columnCount ?? block.cols)) / block.cols;
      bytesPerRow[block.area] = Math.max(
        bytesPerRow[block.area] ?? 0,
        perFullRow * ESTIMATE_MARGIN
      );
      onBlock(block, cells);
    }
  };

  /** Sends blocks in order, as many to a request as the estimates allow. */
  const runAll = async (blocks: readonly CellBlock[]): Promise<void> => {
    let request: CellBlock[] = [];
    let response = 0;
    let sent = 0;
    for (const block of blocks) {
      const area = areas[block.area];
      if (!area) continue;
      const size = estimate(block);
      const out = requestBytes(block, area);
      if (request.length && (response + size > budget || sent + out > budget)) {
        await runRequest(request);
        request = [];
        response = 0;
        sent = 0;
      }
      request.push(block);
      response += size;
      sent += out;
    }
    if (request.length) await runRequest(request);
  };

  // First the sample rows of every sheet, together (with the extras), then the rest cut by what they weighed.
  const samples: CellBlock[] = [];
  areas.forEach((area, index) => {
    if (area.rowCount < 1 || area.columnCount < 1) return;
    const affordable = Math.floor(budget / (area.columnCount * ASSUMED_CELL_BYTES));
    const rows = Math.max(1, Math.min(SAMPLE_ROWS, area.rowCount, affordable));
    samples.push(...columnSlices(index, area, area.rowIndex, rows, budget, null));
  });
  if (samples.length) await runAll(samples);
  else if (extrasPending) {
    options.extras?.();
    await xl.sync();
    requests++;
  }

  const rest: CellBlock[] = [];
  areas.forEach((area, index) => {
    const sampled = samples.filter((s) => s.area === index && s.col === area.columnIndex);
    const done = sampled.reduce((sum, s) => sum + s.rows, 0);
    const perRow = bytesPerRow[index] ?? area.columnCount * ASSUMED_CELL_BYTES;
    const probeBytes = area.probeRows ? 2 * OPERATION_OVERHEAD_BYTES : 0;
    const rowsPerBlock = Math.max(
      1,
      Math.min(MAX_ROWS_PER_BLOCK, Math.floor(budget / Math.max(perRow, probeBytes, 1)))
    );
    for (let start = done; start < area.rowCount; start += rowsPerBlock) {
      const rows = Math.min(rowsPerBlock, area.rowCount - start);
      rest.push(...columnSlices(index, area, area.rowIndex + start, rows, budget, perRow));
    }
  });
  await runAll(rest);
  return { requests, retries };
}

/** Whole rows, or for rows wider than the budget, slices of columns. */
function columnSlices(
  index: number,
  area: AreaToRead,
  row: number,
  rows: number,
  budget: number,
  bytesPerRow: number | null
): CellBlock[] {
  const perCell = (bytesPerRow ?? area.columnCount * ASSUMED_CELL_BYTES) / area.columnCount;
  const colsPerBlock = Math.max(
    1,
    Math.min(area.columnCount, Math.floor(budget / Math.max(1, perCell * rows)))
  );
  const slices: CellBlock[] = [];
  for (let col = 0; col < area.columnCount; col += colsPerBlock) {
    slices.push({
      area: index,
      row,
      col: area.columnIndex + col,
      rows,
      cols: Math.min(colsPerBlock, area.columnCount - col),
    });
  }
  return slices;
}

/** Two smaller requests for one that was refused: halves of the blocks, or of the one block; null for one cell. */
function splitRequest(blocks: readonly CellBlock[]): CellBlock[][] | null {
  if (blocks.length > 1) {
    const middle = Math.ceil(blocks.length / 2);
    return [blocks.slice(0, middle), blocks.slice(middle)];
  }
  const [block] = blocks;
  if (!block) return null;
  if (block.rows > 1) {
    const top = Math.ceil(block.rows / 2);
    return [
      [{ ...block, rows: top }],
      [{ ...block, row: block.row + top, rows: block.rows - top }],
    ];
  }
  if (block.cols > 1) {
    const left = Math.ceil(block.cols / 2);
    return [
      [{ ...block, cols: left }],
      [{ ...block, col: block.col + left, cols: block.cols - left }],
    ];
  }
  return null;
}

/**
 * `shifan merge`'s returned copies, read on a worker thread while the main thread reads the assessment: on two
 * cores the returns' XML is parsed beside the master's instead of after it. Only what merge reads of a return
 * crosses to the main thread (mergeReadOf: the identity and entry sheets' values), as JSON text with a plain number
 * or text cell written as its bare value: structured-cloning a return's 100,000 cell objects cost the main thread
 * more than reading the file (five 10,000-row returns: 7.3 s active on the main thread), and JSON of whole cell
 * objects 0.2–0.4 s to parse. A row or cell left out (blank) comes back as null, which a grid reads as blank too.
 * Run from the TypeScript sources (the tests), there is no compiled worker beside this file: the copies are read
 * on this thread, the same function either way.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  fatalMessage,
  mergeReadOf,
  returnRowsRead,
  type RawCell,
  type ReturnedCopy,
  type SheetGrid,
  type WorkbookGrid,
} from "../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../adapters/xlsx/XlsxWorkbookSource";
import { NATIVE_INFLATE } from "./nativeInflate";

/** A returned copy: what merge reads of it, or why it cannot be read (the merge goes on without it). */
export async function readReturnedCopy(file: string): Promise<ReturnedCopy> {
  const name = path.basename(file);
  try {
    const grid = await XlsxWorkbookSource.fromFile(file, {
      ...NATIVE_INFLATE,
      rowsRead: returnRowsRead,
    }).read();
    return { file: name, grid: mergeReadOf(grid) };
  } catch (err) {
    if (err instanceof XlsxReadError)
      return { file: name, grid: null, unreadable: fatalMessage(err.code, { file: name }) };
    throw err;
  }
}

/** A cell as posted: a number or text cell with nothing else to it as its bare value, blank as null, others whole. */
type PostedCell = number | string | RawCell | null;

function post(cell: RawCell | null | undefined): PostedCell {
  if (!cell) return null;
  if (cell.type === "number" && cell.formula === undefined && cell.numberFormat === undefined)
    return cell.value;
  if (cell.type === "text" && cell.formula === undefined) return cell.text;
  return cell;
}

/**
 * A receiver of one copy's cells: a bare number or text comes back as one cell object per distinct value (RawCell is
 * read-only, as the reader's text cells are): a full return's 40,000 scores are a few dozen values, and the grids of
 * five returns outweighed the master's three times while the merged workbook was evaluated.
 */
const EMPTY_TEXT: RawCell = { type: "text", text: "" };

function receiver(): (cell: PostedCell) => RawCell | null {
  const numbers = new Map<number, RawCell>();
  return (cell) => {
    if (typeof cell === "number") {
      let shared = numbers.get(cell);
      if (shared === undefined) {
        shared = { type: "number", value: cell };
        numbers.set(cell, shared);
      }
      return shared;
    }
    if (typeof cell === "string") return cell === "" ? EMPTY_TEXT : { type: "text", text: cell };
    return cell;
  };
}

function mapRows<From, To>(grid: WorkbookGrid, each: (cell: From) => To): WorkbookGrid {
  return {
    ...grid,
    sheets: grid.sheets.map((sheet): SheetGrid => ({
      ...sheet,
      // A row left out stays so (JSON makes it null, read as blank, as before).
      rows: sheet.rows.map((row) =>
        row ? row.map((cell) => each(cell as From)) : row
      ) as SheetGrid["rows"],
    })),
  };
}

/** A returned copy as JSON text, its cells posted compactly. */
export function postedCopy(copy: ReturnedCopy): string {
  return JSON.stringify(copy.grid ? { ...copy, grid: mapRows(copy.grid, post) } : copy);
}

/** postedCopy's text back to the copy. */
export function receivedCopy(json: string): ReturnedCopy {
  const copy = JSON.parse(json) as ReturnedCopy;
  return copy.grid ? { ...copy, grid: mapRows(copy.grid, receiver()) } : copy;
}

/** What the worker posts for each file, in order. */
export type CopyMessage =
  { readonly ok: true; readonly json: string } | { readonly ok: false; readonly message: string };

const WORKER_SCRIPT = path.join(__dirname, "readReturnedCopiesWorker.js");

/** Starts reading `files`; `stop` ends the worker when the merge fails before it needs them. */
export function startReadingCopies(files: readonly string[]): {
  readonly copies: Promise<ReturnedCopy[]>;
  stop(): void;
} {
  if (files.length === 0 || !existsSync(WORKER_SCRIPT))
    return { copies: Promise.all(files.map(readReturnedCopy)), stop: () => undefined };
  const worker = new Worker(WORKER_SCRIPT, { workerData: files });
  const copies = new Promise<ReturnedCopy[]>((resolve, reject) => {
    const read: ReturnedCopy[] = [];
    worker.on("message", (message: CopyMessage) => {
      if (!message.ok) {
        reject(new Error(message.message));
        return;
      }
      read.push(receivedCopy(message.json));
      if (read.length === files.length) resolve(read);
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (read.length < files.length)
        reject(new Error(`the worker reading returned copies stopped (exit ${code})`));
    });
  });
  // Handled here so a merge that stops early leaves no unobserved rejection; the caller awaits `copies`.
  copies.catch(() => undefined);
  return { copies, stop: () => void worker.terminate() };
}

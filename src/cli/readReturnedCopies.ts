/**
 * `shifan merge`'s returned copies, read on a worker thread while the main thread reads the assessment: on two
 * cores the returns' XML is parsed beside the master's instead of after it. Only what merge takes of a return
 * crosses to the main thread: the engine's copyReadOf (the stamp, each entry sheet's ids and names, its cells and
 * baseline as typed arrays), posted with its buffers transferred, so the main thread neither parses nor copies a
 * grid (structured-cloning a return's cell objects cost more than reading the file; JSON of them 70–250 ms for
 * five; decisions 0028, 0042). Run from the TypeScript sources (the tests), there is no compiled worker beside this
 * file: the copies are read on this thread, the same function either way.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  copyReadBuffers,
  copyReadOf,
  fatalMessage,
  returnRowsRead,
  type ReturnedCopy,
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
      shareTextCells: false,
    }).read();
    return { file: name, read: copyReadOf(grid) };
  } catch (err) {
    if (err instanceof XlsxReadError)
      return { file: name, grid: null, unreadable: fatalMessage(err.code, { file: name }) };
    throw err;
  }
}

/** A copy's buffers, transferred with it when posted: the receiving thread takes them over, nothing is copied. */
export function transferList(copy: ReturnedCopy): ArrayBuffer[] {
  return "read" in copy ? copyReadBuffers(copy.read) : [];
}

/** What the worker posts for each file, in order. */
export type CopyMessage =
  | { readonly ok: true; readonly copy: ReturnedCopy }
  | { readonly ok: false; readonly message: string };

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
      read.push(message.copy);
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

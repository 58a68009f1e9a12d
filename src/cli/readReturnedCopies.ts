/**
 * `shifan merge`'s returned copies, read on a worker thread while the main thread reads the assessment: on two
 * cores the returns' XML is parsed beside the master's instead of after it. A grid comes back as JSON text:
 * structured-cloning a return's 100,000 cell objects cost the main thread more than reading the file (five
 * 10,000-row returns: 7.3 s active on the main thread, against about 1 s to JSON.parse them). JSON keeps every
 * cell; a row or cell left out (blank) comes back as null, which a grid reads as blank too.
 * Run from the TypeScript sources (the tests), there is no compiled worker beside this file: the copies are read
 * on this thread, the same function either way.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { fatalMessage, type ReturnedCopy } from "../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../adapters/xlsx/XlsxWorkbookSource";

/** A returned copy: its grid, or why it cannot be read (the merge goes on without it). */
export async function readReturnedCopy(file: string): Promise<ReturnedCopy> {
  const name = path.basename(file);
  try {
    return { file: name, grid: await XlsxWorkbookSource.fromFile(file).read() };
  } catch (err) {
    if (err instanceof XlsxReadError)
      return { file: name, grid: null, unreadable: fatalMessage(err.code, { file: name }) };
    throw err;
  }
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
      read.push(JSON.parse(message.json) as ReturnedCopy);
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

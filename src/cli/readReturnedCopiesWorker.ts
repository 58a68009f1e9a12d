/** The worker thread of readReturnedCopies.ts: reads each file given, in order, and posts what merge takes of it. */
import { parentPort, workerData } from "node:worker_threads";
import { readReturnedCopy, transferList, type CopyMessage } from "./readReturnedCopies";

async function readAll(files: readonly string[]): Promise<void> {
  for (const file of files) {
    let message: CopyMessage;
    let transfer: ArrayBuffer[] = [];
    try {
      const copy = await readReturnedCopy(file);
      message = { ok: true, copy };
      transfer = transferList(copy);
    } catch (err) {
      message = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(message, transfer);
  }
}

void readAll(workerData as readonly string[]);

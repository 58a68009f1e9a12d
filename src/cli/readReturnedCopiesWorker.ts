/** The worker thread of readReturnedCopies.ts: reads each file given, in order, and posts it as JSON text. */
import { parentPort, workerData } from "node:worker_threads";
import { postedCopy, readReturnedCopy, type CopyMessage } from "./readReturnedCopies";

async function readAll(files: readonly string[]): Promise<void> {
  for (const file of files) {
    let message: CopyMessage;
    try {
      message = { ok: true, json: postedCopy(await readReturnedCopy(file)) };
    } catch (err) {
      message = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(message);
  }
}

void readAll(workerData as readonly string[]);

/**
 * The command line's side of the .xlsx writer (planPackage.ts): Node's zlib packs the parts, and the finished
 * package reaches the disk through a temporary file renamed into place.
 */
import { promises as fs, rmSync } from "node:fs";
import path from "node:path";
import type {
  WorkbookPlan,
  ApplyResult,
  CancelToken,
  PlanSink,
  ProgressListener,
} from "../../engine";
import {
  WriteCancelledError,
  writePlanPackage,
  writePlanPackagePieces,
  type WritePlanOptions,
} from "./planPackage";
import { NODE_PART_PACKER } from "./zipPackage";

export {
  WriteCancelledError,
  emptyWorkbookBytes,
  noSheetWorkbookBytes,
  sheetlessWorkbookBytes,
  type CompressionLevel,
  type WritePlanOptions,
} from "./planPackage";

/**
 * Writes `plan` into a copy of `sourceBytes` and returns the new package. Plan sheets a previous run
 * generated are replaced in place; a plan sheet named like one of the user's own sheets is a broken
 * invariant (the compiler chooses names) and throws.
 */
export async function writePlanToXlsx(
  sourceBytes: Uint8Array,
  plan: WorkbookPlan,
  options: WritePlanOptions = {}
): Promise<Uint8Array> {
  return writePlanPackage(sourceBytes, plan, options, NODE_PART_PACKER);
}

/**
 * writePlanToXlsx's package as the pieces that make it up, in order (for atomicWriteFile): a large package is
 * never copied into one array.
 */
export async function writePlanToXlsxPieces(
  sourceBytes: Uint8Array,
  plan: WorkbookPlan,
  options: WritePlanOptions = {}
): Promise<Uint8Array[]> {
  return writePlanPackagePieces(sourceBytes, plan, options, NODE_PART_PACKER);
}

/** The PlanSink over an .xlsx file's bytes: hands the finished package to `onDone` (e.g. atomicWriteFile). */
export class XlsxPlanSink implements PlanSink {
  constructor(
    private readonly sourceBytes: Uint8Array,
    private readonly onDone: (bytes: Uint8Array) => Promise<void> | void
  ) {}

  /** When `cancel` stops the work, returns without calling onDone: nothing is written. A file holds every part of a plan, so no notes. */
  async apply(
    plan: WorkbookPlan,
    options: { progress?: ProgressListener; cancel?: CancelToken } = {}
  ): Promise<ApplyResult> {
    let bytes: Uint8Array;
    try {
      bytes = await writePlanToXlsx(this.sourceBytes, plan, options);
    } catch (err) {
      if (err instanceof WriteCancelledError) return { notes: [] };
      throw err;
    }
    await this.onDone(bytes);
    return { notes: [] };
  }
}

/** Temporary files being written now: an interrupted process removes them (src/cli/processHygiene.ts). */
const pendingTemporaryFiles = new Set<string>();

/** Removes every temporary file a write left unfinished, synchronously (a signal handler cannot wait); returns how many. */
export function removePendingTemporaryFiles(): number {
  let removed = 0;
  for (const temp of pendingTemporaryFiles) {
    try {
      rmSync(temp, { force: true });
      removed++;
    } catch {
      // Nothing more can be done as the process ends; the name starts with "." and ends in ".tmp".
    }
  }
  pendingTemporaryFiles.clear();
  return removed;
}

/**
 * Writes through a temporary file in the same folder, fsyncs it and renames it over `filePath`; on failure the
 * temporary file is removed. `bytes` may come in pieces, written one after another.
 */
export async function atomicWriteFile(
  filePath: string,
  bytes: Uint8Array | readonly Uint8Array[]
): Promise<void> {
  const dir = path.dirname(filePath);
  const temp = path.join(
    dir,
    `.${path.basename(filePath)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`
  );
  let handle: fs.FileHandle | undefined;
  pendingTemporaryFiles.add(temp);
  try {
    handle = await fs.open(temp, "wx");
    for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) {
      for (let done = 0; done < piece.length;)
        done += (await handle.write(piece, done, piece.length - done)).bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, filePath);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    pendingTemporaryFiles.delete(temp);
  }
}

/**
 * Writes a plan as an .xlsx in the task pane, with the command line's own writer (planPackage.ts) and fflate's
 * JavaScript deflate in place of Node's zlib: the pane's judges' copies are the same files `shifan copies` writes.
 */
import { zipSync, type Zippable } from "fflate";
import type { WorkbookPlan } from "../../engine";
import {
  COMPRESSION_LEVEL,
  sheetlessWorkbookBytes,
  writePlanPackage,
  type PartZipper,
} from "./planPackage";

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(pieces.reduce((size, piece) => size + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return bytes;
}

/** Parts are kept whole until the end, where fflate zips them in one call. */
const FFLATE_ZIPPER: PartZipper<Uint8Array> = {
  segmented: () => {
    const pieces: Uint8Array[] = [];
    return {
      add: (segment) => void pieces.push(segment),
      finish: async () => concat(pieces),
    };
  },
  whole: (bytes) => bytes,
  zip: (parts) => {
    const files: Zippable = {};
    for (const [partPath, bytes] of parts) files[partPath] = bytes;
    return zipSync(files, { level: COMPRESSION_LEVEL });
  },
};

/** `plan` written into `sourceBytes` (a workbook's bytes, or none: a workbook of the plan's sheets only). */
export function writePlanInBrowser(
  plan: WorkbookPlan,
  sourceBytes: Uint8Array = sheetlessWorkbookBytes()
): Promise<Uint8Array> {
  return writePlanPackage(sourceBytes, plan, {}, FFLATE_ZIPPER);
}

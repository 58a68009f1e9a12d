/**
 * Writes a plan as an .xlsx in the task pane with the command line's own pipeline (planPackage.ts), fflate's
 * JavaScript deflate packing the parts in place of Node's zlib: the pane's judges' copies are the same parts
 * `shifan copies` writes, in the same zip container.
 */
import { deflateSync, type DeflateOptions } from "fflate";
import type { WorkbookPlan } from "../../engine";
import { sheetlessWorkbookBytes, writePlanPackage } from "./planPackage";
import { joinPieces } from "./bytePieces";
import { packedPart, type PackedPart, type PartPacker } from "./packedZip";
import { crc32 } from "./read/zipDirectory";

function packWhole(bytes: Uint8Array, level: number): PackedPart {
  const deflated =
    level > 0 && bytes.length > 0
      ? deflateSync(bytes, { level: level as DeflateOptions["level"] })
      : undefined;
  return packedPart(bytes, crc32(bytes, 0), deflated);
}

/** A worksheet's segments are joined when it is finished and deflated whole: the pane has no thread pool to use. */
const FFLATE_PART_PACKER: PartPacker = {
  segmented: (level) => {
    const pieces: Uint8Array[] = [];
    return {
      add: (segment) => void pieces.push(segment),
      finish: async () => packWhole(joinPieces(pieces), level),
    };
  },
  whole: packWhole,
};

/** `plan` written into `sourceBytes` (a workbook's bytes, or none: a workbook of the plan's sheets only). */
export function writePlanInBrowser(
  plan: WorkbookPlan,
  sourceBytes: Uint8Array = sheetlessWorkbookBytes()
): Promise<Uint8Array> {
  return writePlanPackage(sourceBytes, plan, {}, FFLATE_PART_PACKER);
}

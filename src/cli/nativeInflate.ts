/**
 * Node's zlib for the .xlsx reader on the command line: a worksheet part inflated whole, natively, instead of by
 * fflate in JavaScript (a 10,000-nominee assessment's first read in a fresh process: about 15 % less CPU). Every
 * command that reads a workbook file passes it; the task pane has no zlib and keeps fflate.
 */
import { inflateRawSync } from "node:zlib";

/**
 * A part is inflated by Node's zlib, whole, up to this size (a 10,000-nominee copy's entry sheet is 5.7 MB);
 * a larger one (or a zip bomb) is inflated by the reader's fflate in bounded chunks instead.
 */
const NATIVE_INFLATE_LIMIT = 64 * 1024 * 1024;

/** Node's native inflate for the reader: null when the part is larger than `limit`. */
export function inflateNatively(
  compressed: Uint8Array,
  limit = NATIVE_INFLATE_LIMIT
): Uint8Array | null {
  try {
    return inflateRawSync(compressed, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw err;
  }
}

/** The read options every command's workbook read takes (`{ ...NATIVE_INFLATE, rowsRead }`). */
export const NATIVE_INFLATE = {
  inflateRaw: (compressed: Uint8Array) => inflateNatively(compressed),
};

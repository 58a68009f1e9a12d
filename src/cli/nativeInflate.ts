/**
 * Node's zlib for the .xlsx reader on the command line: a worksheet part inflated whole, natively, instead of by
 * fflate in JavaScript (a 10,000-nominee assessment's first read in a fresh process: about 15 % less CPU), and each
 * part's CRC-32 checked by zlib.crc32 instead of the reader's JavaScript table loop. Every command that reads a
 * workbook file passes it; the task pane has no zlib and keeps fflate and the JavaScript CRC.
 *
 * Node has no public synchronous streaming inflate (inflateRawSync closes its engine after one call), so a part is
 * either inflated whole here or in bounded chunks by fflate: the whole part lives while it is scanned, which is why
 * the limit is small (decision 0036).
 */
import { crc32, inflateRawSync } from "node:zlib";
import type { NativeZip } from "../adapters/xlsx/XlsxWorkbookSource";

/**
 * A part is inflated by Node's zlib, whole, up to this size: a 10,000-nominee assessment's 考核表 is 23 MB (its
 * 评委分析, 29 MB, is read one row deep and so by fflate); a 200,000-nominee source sheet (45 MB) is not. A larger
 * part (or a zip bomb) is inflated by the reader's fflate in bounded chunks instead, which held inspect of 200,000
 * nominees at 287 MB against 421 MB with a 64 MB limit.
 */
const NATIVE_INFLATE_LIMIT = 32 * 1024 * 1024;

/**
 * Node's native inflate for the reader: null when the part is larger than `limit`. `inflatedSize` (the zip
 * directory's word, which a hostile file may get wrong) sizes the one output buffer, so a part that declares its
 * size truly is inflated into one buffer and never copied again (zlib otherwise joins 16 KB pieces: twice the
 * part at once).
 */
export function inflateNatively(
  compressed: Uint8Array,
  limit = NATIVE_INFLATE_LIMIT,
  inflatedSize?: number
): Uint8Array | null {
  if (inflatedSize !== undefined && inflatedSize > limit) return null;
  try {
    return inflateRawSync(compressed, {
      maxOutputLength: limit,
      // One byte more than the part, so zlib sees room left and does not start a second buffer.
      ...(inflatedSize === undefined ? {} : { chunkSize: Math.max(16 * 1024, inflatedSize + 1) }),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw err;
  }
}

/** The read options every command's workbook read takes (`{ ...NATIVE_INFLATE, rowsRead }`). */
export const NATIVE_INFLATE: Required<NativeZip> = {
  inflateRaw: (compressed: Uint8Array, inflatedSize: number) =>
    inflateNatively(compressed, NATIVE_INFLATE_LIMIT, inflatedSize),
  // zlib's CRC-32 is the zip's (ISO-HDLC), continued from `previous` as the reader's JavaScript one is.
  crc32: (chunk: Uint8Array, previous: number) => crc32(chunk, previous),
};

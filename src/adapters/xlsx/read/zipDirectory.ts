/**
 * Random access to the parts of a zip package held in memory (APPNOTE 6.3.x): the central directory lists
 * every part with its offset, and a part is inflated in bounded chunks by fflate's streaming Inflate. fflate's
 * own unzipSync inflates every chosen part whole into a buffer of the size the directory declares, which a
 * hostile file sets to gigabytes; here no declared size allocates anything, and a part is read only when asked.
 * No Node APIs: the task pane runs this too.
 */
import { Inflate } from "fflate";
import { joinPieces } from "../bytePieces";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const STORED = 0;
const DEFLATED = 8;
/** General purpose bit 0: the part is encrypted (zip encryption, not Office's). */
const ENCRYPTED_FLAG = 0x0001;
const UTF8_NAMES = 0x0800;
/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1,032×, so each output is ≤ 16 MB. */
const INFLATE_STEP = 1 << 14;

/** The zip is not one: truncated, damaged, or another kind of file. */
export class ZipFormatError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "ZipFormatError";
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  /**
   * As the directory declares it: shown in messages, and a native inflater's first guess at its buffer (bounded by
   * that inflater's own cap), never trusted for more.
   */
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
  /** CRC-32 of the part's bytes, checked once it is read: a damaged byte is refused, never read as data. */
  readonly crc: number;
}

/** The package's parts by name, from its central directory. Throws ZipFormatError when there is none. */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(bytes, view);
  let count = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const zip64 = readZip64End(view, end);
    count = zip64.count;
    directorySize = zip64.size;
    directoryOffset = zip64.offset;
  }
  if (directoryOffset + directorySize > end)
    throw new ZipFormatError("the central directory lies outside the file (truncated?)");

  const entries = new Map<string, ZipEntry>();
  const latin1 = new TextDecoder("latin1");
  const utf8 = new TextDecoder("utf-8");
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER)
      throw new ZipFormatError(`central directory entry ${i + 1} is damaged`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Office writes UTF-8 names without always setting bit 11; part names are ASCII in practice.
    const name = (flags & UTF8_NAMES ? utf8 : isAscii(nameBytes) ? latin1 : utf8).decode(nameBytes);
    const extraStart = at + 46 + nameLength;
    if (
      compressedSize === 0xffffffff ||
      declaredSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff
    ) {
      const sizes = readZip64Extra(view, extraStart, extraLength, {
        declaredSize,
        compressedSize,
        localHeaderOffset,
      });
      ({ declaredSize, compressedSize, localHeaderOffset } = sizes);
    }
    if (localHeaderOffset + 30 > bytes.length || localHeaderOffset + compressedSize > bytes.length)
      throw new ZipFormatError(`part ${name} lies outside the file (truncated?)`);
    // Folders and duplicate names: the first entry of a name wins, as Excel reads it.
    if (!name.endsWith("/") && !entries.has(name))
      entries.set(name, {
        name,
        method,
        flags,
        compressedSize,
        declaredSize,
        localHeaderOffset,
        crc,
      });
    at = extraStart + extraLength + commentLength;
  }
  return entries;
}

/**
 * The part's bytes as the zip stores them (compressed with `entry.method`), a view into `bytes`: what a writer
 * copies into a new package for a part it does not change.
 */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.flags & ENCRYPTED_FLAG) throw new ZipFormatError(`part ${entry.name} is encrypted`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (view.getUint32(local, true) !== LOCAL_HEADER)
    throw new ZipFormatError(`part ${entry.name} has no local header`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError(`part ${entry.name} is truncated`);
  return bytes.subarray(start, end);
}

/**
 * A native inflater a front end may hand the reader (the command line: Node's zlib, about twice fflate's speed and
 * without its warm-up): a raw deflate stream inflated whole, or null when it would be larger than the inflater
 * holds in one piece, and the part is then inflated by fflate in bounded chunks as before. `inflatedSize` is the
 * size the zip directory declares (a hostile file may lie about it). Throws on a damaged stream.
 */
export type RawInflater = (compressed: Uint8Array, inflatedSize: number) => Uint8Array | null;

/** The CRC-32 of `chunk` continued from `previous` (0 for a part's first chunk), as zip records it. */
export type Crc32 = (chunk: Uint8Array, previous: number) => number;

/**
 * Native code a front end may hand the reader in place of its JavaScript (the command line: Node's zlib); the task
 * pane hands none and reads with fflate and this module's crc32.
 */
export interface NativeZip {
  readonly inflateRaw?: RawInflater | undefined;
  /** Node's zlib.crc32: the JavaScript one below was 2–3 % of reading a workbook on the command line. */
  readonly crc32?: Crc32 | undefined;
}

/** Calls `onChunk` with the part's bytes in order, a bounded chunk at a time. */
export function readEntryChunks(
  bytes: Uint8Array,
  entry: ZipEntry,
  onChunk: (chunk: Uint8Array) => void,
  native: NativeZip = {}
): void {
  const data = entryData(bytes, entry);
  const crcOf = native.crc32 ?? crc32;
  const inflateRaw = native.inflateRaw;
  let crc = 0;
  // What the reader of the chunks throws (a damaged cell, or enough read) is its own, not an inflating error.
  let readerError: { error: unknown } | undefined;
  const checked = (chunk: Uint8Array): void => {
    crc = crcOf(chunk, crc);
    try {
      onChunk(chunk);
    } catch (error) {
      readerError = { error };
      throw error;
    }
  };
  const checkCrc = (): void => {
    if (crc !== entry.crc)
      throw new ZipFormatError(`part ${entry.name} is damaged (its CRC does not match)`);
  };
  if (entry.method === STORED) {
    for (let at = 0; at < data.length; at += INFLATE_STEP * 64)
      checked(data.subarray(at, at + INFLATE_STEP * 64));
    checkCrc();
    return;
  }
  if (entry.method !== DEFLATED)
    throw new ZipFormatError(`part ${entry.name} uses compression method ${entry.method}`);
  let whole: Uint8Array | null = null;
  try {
    whole = inflateRaw ? inflateRaw(data, entry.declaredSize) : null;
  } catch (err) {
    throw new ZipFormatError(
      `part ${entry.name} cannot be inflated: ${err instanceof Error ? err.message : String(err)}`
    );
  }
  if (whole !== null) {
    for (let at = 0; at < whole.length; at += INFLATE_STEP * 64)
      checked(whole.subarray(at, at + INFLATE_STEP * 64));
    checkCrc();
    return;
  }
  let finished = false;
  const inflate = new Inflate((chunk, final) => {
    if (chunk.length > 0) checked(chunk);
    if (final) finished = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const last = at + INFLATE_STEP >= data.length;
      inflate.push(data.subarray(at, at + INFLATE_STEP), last);
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (readerError) throw readerError.error;
    throw new ZipFormatError(
      `part ${entry.name} cannot be inflated: ${err instanceof Error ? err.message : String(err)}`
    );
  }
  if (!finished) throw new ZipFormatError(`part ${entry.name} is truncated`);
  checkCrc();
}

/**
 * CRC-32 (ISO-HDLC, the zip polynomial), eight bytes a step over eight tables (Intel's slicing-by-8): a quarter of
 * the byte-at-a-time loop's time, which was 6 % of reading an assessment. fflate keeps its own private.
 */
const CRC_TABLES = (() => {
  const table = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++)
    for (let k = 1; k < 8; k++) {
      const previous = table[(k - 1) * 256 + n] as number;
      table[k * 256 + n] = (previous >>> 8) ^ (table[previous & 0xff] as number);
    }
  return table;
})();

export function crc32(chunk: Uint8Array, previous: number): number {
  const t = CRC_TABLES;
  const n = chunk.length;
  let c = ~previous;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const low =
      c ^
      ((chunk[i] as number) |
        ((chunk[i + 1] as number) << 8) |
        ((chunk[i + 2] as number) << 16) |
        ((chunk[i + 3] as number) << 24));
    c =
      (t[1792 + (low & 0xff)] as number) ^
      (t[1536 + ((low >>> 8) & 0xff)] as number) ^
      (t[1280 + ((low >>> 16) & 0xff)] as number) ^
      (t[1024 + (low >>> 24)] as number) ^
      (t[768 + (chunk[i + 4] as number)] as number) ^
      (t[512 + (chunk[i + 5] as number)] as number) ^
      (t[256 + (chunk[i + 6] as number)] as number) ^
      (t[chunk[i + 7] as number] as number);
  }
  for (; i < n; i++) c = (t[(c ^ (chunk[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** The whole part's bytes, inflated in bounded steps: the array is as long as the part really is. */
export function readEntryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const pieces: Uint8Array[] = [];
  readEntryChunks(bytes, entry, (chunk) => pieces.push(chunk.slice()));
  if (pieces.length === 1) return pieces[0] as Uint8Array;
  return joinPieces(pieces);
}

/** The whole part as text (UTF-8, a byte-order mark dropped), for the small parts: workbook, relationships, styles. */
export function readEntryText(bytes: Uint8Array, entry: ZipEntry, native?: NativeZip): string {
  const decoder = new TextDecoder("utf-8");
  const pieces: string[] = [];
  readEntryChunks(
    bytes,
    entry,
    (chunk) => pieces.push(decoder.decode(chunk, { stream: true })),
    native
  );
  pieces.push(decoder.decode());
  return pieces.join("");
}

/**
 * Bytes decoded at a time by streamEntryText, so that no decoded piece is over 64 KB (32 K characters, two bytes each
 * at most): V8 puts a string over 128 KB in its large-object space, and Node 20's TextDecoder made such strings from
 * 1 MB chunks about ten times slower than from 32 KB ones (a returned copy's 5.7 MB entry sheet: 40 against 4.4 ms),
 * each one old-generation memory for the collector to mark (docs/decisions/0045).
 */
export const DECODE_STEP = 32 * 1024;

/** Feeds the part as text to `onText` in order, one decoded piece of at most DECODE_STEP bytes at a time. */
export function streamEntryText(
  bytes: Uint8Array,
  entry: ZipEntry,
  onText: (text: string) => void,
  native?: NativeZip
): void {
  const decoder = new TextDecoder("utf-8");
  readEntryChunks(
    bytes,
    entry,
    (chunk) => {
      for (let at = 0; at < chunk.length; at += DECODE_STEP) {
        const text = decoder.decode(chunk.subarray(at, at + DECODE_STEP), { stream: true });
        if (text) onText(text);
      }
    },
    native
  );
  const rest = decoder.decode();
  if (rest) onText(rest);
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError("no end of central directory (truncated or not a zip)");
}

function readZip64End(
  view: DataView,
  end: number
): { count: number; size: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_END_LOCATOR)
    throw new ZipFormatError("zip64 directory locator missing");
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_END)
    throw new ZipFormatError("zip64 end of central directory damaged");
  return {
    count: Number(view.getBigUint64(record + 32, true)),
    size: Number(view.getBigUint64(record + 40, true)),
    offset: Number(view.getBigUint64(record + 48, true)),
  };
}

function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  sizes: { declaredSize: number; compressedSize: number; localHeaderOffset: number }
): { declaredSize: number; compressedSize: number; localHeaderOffset: number } {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      // Only the fields whose 32-bit value is saturated are present, in this order.
      let field = at + 4;
      const next = (): number => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      return {
        declaredSize: sizes.declaredSize === 0xffffffff ? next() : sizes.declaredSize,
        compressedSize: sizes.compressedSize === 0xffffffff ? next() : sizes.compressedSize,
        localHeaderOffset:
          sizes.localHeaderOffset === 0xffffffff ? next() : sizes.localHeaderOffset,
      };
    }
    at += 4 + size;
  }
  throw new ZipFormatError("zip64 sizes missing");
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

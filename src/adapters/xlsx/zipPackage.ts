/**
 * Writes the parts of a package as a zip (APPNOTE 6.3.x, no zip64: a workbook stays far below 4 GB and
 * 65,535 parts), compressing with Node's native zlib: on a 20,000-row assessment (77 MB of XML) it deflates
 * in 0.2 s where fflate's JavaScript deflate took 0.85 s at the same level. Reading stays with fflate.
 */
import { crc32, deflateRawSync } from "node:zlib";

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
/** General purpose bit 11: file names are UTF-8. */
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
/** 1980-01-01 00:00 in MS-DOS form: a fixed time keeps the same plan's package byte for byte the same. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

interface Entry {
  readonly name: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
  offset: number;
}

const utf8 = new TextEncoder();

/**
 * The zip of `files` (path → bytes) in their insertion order; `level` 0 stores every part, 1–9 deflate the
 * parts that shrink. Paths ending in `/` are written as folder entries, as they came from the source.
 */
export function zipParts(
  files: Readonly<Record<string, Uint8Array>>,
  level: number
): Uint8Array<ArrayBuffer> {
  const entries: Entry[] = [];
  for (const [path, bytes] of Object.entries(files)) {
    const deflated = level > 0 && bytes.length > 0 ? deflateRawSync(bytes, { level }) : undefined;
    const useDeflated = deflated !== undefined && deflated.length < bytes.length;
    entries.push({
      name: utf8.encode(path),
      method: useDeflated ? DEFLATED : STORED,
      crc: crc32(bytes),
      size: bytes.length,
      data: useDeflated ? deflated : bytes,
      offset: 0,
    });
  }
  if (entries.length > MAX_ENTRIES)
    throw new Error(
      `a package of ${entries.length} parts needs zip64, which this writer does not write`
    );

  let localSize = 0;
  let centralSize = 0;
  for (const entry of entries) {
    if (entry.size > MAX_SIZE || entry.data.length > MAX_SIZE)
      throw new Error("a part over 4 GB needs zip64, which this writer does not write");
    localSize += 30 + entry.name.length + entry.data.length;
    centralSize += 46 + entry.name.length;
  }
  if (localSize + centralSize > MAX_SIZE)
    throw new Error("a package over 4 GB needs zip64, which this writer does not write");

  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value: number): void => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number): void => {
    view.setUint32(at, value >>> 0, true);
    at += 4;
  };
  const bytes = (value: Uint8Array): void => {
    out.set(value, at);
    at += value.length;
  };
  // The fields local and central headers share, from "version needed" through the name's length.
  const common = (entry: Entry): void => {
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(entry.method);
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(entry.crc);
    u32(entry.data.length);
    u32(entry.size);
    u16(entry.name.length);
    u16(0); // extra field length
  };

  for (const entry of entries) {
    entry.offset = at;
    u32(LOCAL_HEADER);
    common(entry);
    bytes(entry.name);
    bytes(entry.data);
  }
  const centralStart = at;
  for (const entry of entries) {
    u32(CENTRAL_HEADER);
    u16(VERSION); // made by: MS-DOS attributes, spec 2.0
    common(entry);
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(entry.offset);
    bytes(entry.name);
  }
  const centralLength = at - centralStart;
  u32(END_OF_CENTRAL_DIRECTORY);
  u16(0); // this disk
  u16(0); // disk where the central directory starts
  u16(entries.length);
  u16(entries.length);
  u32(centralLength);
  u32(centralStart);
  u16(0); // comment length
  return out;
}

/**
 * Writes the parts of a package as a zip (APPNOTE 6.3.x, no zip64: a workbook stays far below 4 GB and
 * 65,535 parts) from parts already packed by a PartPacker: Node's native zlib on the command line (zipPackage.ts),
 * fflate's deflate in the task pane (browserPackage.ts). No Node API here, so both write the same container.
 */
import { joinPieces } from "./bytePieces";

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
/** General purpose bit 11: file names are UTF-8. */
const UTF8_NAMES = 0x0800;
export const STORED = 0;
export const DEFLATED = 8;
/** 1980-01-01 00:00 in MS-DOS form: a fixed time keeps the same plan's package byte for byte the same. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

/** One part ready for the zip: its bytes as stored (deflated or not), with what the headers record of the original. */
export interface PackedPart {
  readonly method: number;
  readonly crc: number;
  /** Length before compression. */
  readonly size: number;
  /**
   * The stored bytes in order, as they came: joining them here would hold each part twice next to the package
   * (70 MB of deflated sheets for a 200,000-row assessment); the zip copies them once.
   */
  readonly pieces: readonly Uint8Array[];
}

/** How parts are compressed for the zip: the writer's one dependency on its platform. */
export interface PartPacker {
  /** A part that arrives in segments (a worksheet being rendered). */
  segmented(level: number): { add(segment: Uint8Array): void; finish(): Promise<PackedPart> };
  /** A whole part; `level` 0 stores it, 1–9 deflate it when that shrinks it. */
  whole(bytes: Uint8Array, level: number): PackedPart;
  /** Awaited between worksheets, so background deflates can hand back their segments (Node's thread pool). */
  betweenParts?(): Promise<void>;
}

/** A whole part as stored: deflated when that is smaller, else as it is. */
export function packedPart(
  bytes: Uint8Array,
  crc: number,
  deflated: Uint8Array | undefined
): PackedPart {
  const useDeflated = deflated !== undefined && deflated.length < bytes.length;
  return {
    method: useDeflated ? DEFLATED : STORED,
    crc,
    size: bytes.length,
    pieces: [useDeflated ? deflated : bytes],
  };
}

interface Entry extends PackedPart {
  readonly name: Uint8Array;
  /** Length of the stored bytes. */
  readonly storedSize: number;
  offset: number;
}

const utf8 = new TextEncoder();

/** The zip of parts already packed, in the given order. */
export function zipPackedParts(
  parts: ReadonlyArray<readonly [string, PackedPart]>
): Uint8Array<ArrayBuffer> {
  return joinPieces(zipPackedPieces(parts));
}

/**
 * The zip of parts already packed, as the pieces that make it up in order: the headers between the parts' own
 * pieces, never copied into one array (a 200,000-row assessment's package is 150 MB; a file takes the pieces as
 * they are).
 */
export function zipPackedPieces(parts: ReadonlyArray<readonly [string, PackedPart]>): Uint8Array[] {
  const entries: Entry[] = parts.map(([path, part]) => ({
    ...part,
    name: utf8.encode(path),
    storedSize: part.pieces.reduce((size, piece) => size + piece.length, 0),
    offset: 0,
  }));
  if (entries.length > MAX_ENTRIES)
    throw new Error(
      `a package of ${entries.length} parts needs zip64, which this writer does not write`
    );

  let localSize = 0;
  let centralSize = 0;
  for (const entry of entries) {
    if (entry.size > MAX_SIZE || entry.storedSize > MAX_SIZE)
      throw new Error("a part over 4 GB needs zip64, which this writer does not write");
    localSize += 30 + entry.name.length + entry.storedSize;
    centralSize += 46 + entry.name.length;
  }
  if (localSize + centralSize > MAX_SIZE)
    throw new Error("a package over 4 GB needs zip64, which this writer does not write");

  const pieces: Uint8Array[] = [];
  /** Where the next header is written, in the package. */
  let at = 0;
  let header = new Uint8Array(0);
  let view = new DataView(header.buffer);
  let inHeader = 0;
  const startHeader = (length: number): void => {
    header = new Uint8Array(length);
    view = new DataView(header.buffer);
    inHeader = 0;
    pieces.push(header);
    at += length;
  };
  const u16 = (value: number): void => {
    view.setUint16(inHeader, value, true);
    inHeader += 2;
  };
  const u32 = (value: number): void => {
    view.setUint32(inHeader, value >>> 0, true);
    inHeader += 4;
  };
  const bytes = (value: Uint8Array): void => {
    header.set(value, inHeader);
    inHeader += value.length;
  };
  // The fields local and central headers share, from "version needed" through the name's length.
  const common = (entry: Entry): void => {
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(entry.method);
    u16(DOS_TIME);
    u16(DOS_DATE);
    u32(entry.crc);
    u32(entry.storedSize);
    u32(entry.size);
    u16(entry.name.length);
    u16(0); // extra field length
  };

  for (const entry of entries) {
    entry.offset = at;
    startHeader(30 + entry.name.length);
    u32(LOCAL_HEADER);
    common(entry);
    bytes(entry.name);
    for (const piece of entry.pieces) {
      pieces.push(piece);
      at += piece.length;
    }
  }
  const centralStart = at;
  startHeader(centralSize + 22);
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
  u32(END_OF_CENTRAL_DIRECTORY);
  u16(0); // this disk
  u16(0); // disk where the central directory starts
  u16(entries.length);
  u16(entries.length);
  u32(centralSize);
  u32(centralStart);
  u16(0); // comment length
  return pieces;
}

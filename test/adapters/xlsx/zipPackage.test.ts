import { strToU8, unzipSync } from "fflate";
import { inflateRawSync } from "node:zlib";
import {
  BackgroundPartPacker,
  packPart,
  zipPackedParts,
  zipParts,
  type PackedPart,
} from "../../../src/adapters/xlsx/zipPackage";
import { joinPieces } from "../../../src/adapters/xlsx/bytePieces";
import { zipPackedPieces } from "../../../src/adapters/xlsx/packedZip";
import { takeSegment } from "../../../src/adapters/xlsx/segmentPool";
import { SEGMENT_BYTES } from "../../../src/adapters/xlsx/worksheetXml";

/** CRC-32 (IEEE, reflected, as zip uses it) bit by bit: an oracle independent of zlib. */
function crc32Reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

interface CentralEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The central directory, read by hand from the end-of-central-directory record. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength;
  }
  return entries;
}

/** A packed part's stored bytes in one array. */
const stored = (part: { pieces: readonly Uint8Array[] }): Uint8Array => Buffer.concat(part.pieces);

const xml = strToU8(
  `<?xml version="1.0"?><sheetData>${'<row><c t="inlineStr"><is><t>阳光社区党支部</t></is></c></row>'.repeat(200)}</sheetData>`
);
const parts: Record<string, Uint8Array> = {
  "[Content_Types].xml": strToU8("<Types/>"),
  "xl/": new Uint8Array(0),
  "xl/worksheets/评分 sheet1.xml": xml,
  "xl/media/tiny.bin": new Uint8Array([7]),
};

describe("zipParts", () => {
  it("reads back part for part, in order, names in UTF-8", () => {
    const unzipped = unzipSync(zipParts(parts, 3));
    expect(Object.keys(unzipped)).toEqual(Object.keys(parts));
    for (const [name, bytes] of Object.entries(parts)) expect(unzipped[name]).toEqual(bytes);
  });

  it("records each part’s CRC-32 and sizes as the reference computes them", () => {
    const zip = zipParts(parts, 3);
    const entries = centralDirectory(zip);
    expect(entries.map((e) => e.name)).toEqual(Object.keys(parts));
    for (const entry of entries) {
      const original = parts[entry.name] as Uint8Array;
      expect([entry.name, entry.crc, entry.size]).toEqual([
        entry.name,
        crc32Reference(original),
        original.length,
      ]);
      // The local header the central entry points at agrees.
      const view = new DataView(zip.buffer, zip.byteOffset);
      expect(view.getUint32(entry.offset, true)).toBe(0x04034b50);
      expect(view.getUint32(entry.offset + 14, true)).toBe(entry.crc);
    }
  });

  it("deflates parts that shrink and stores the rest", () => {
    const byName = new Map(centralDirectory(zipParts(parts, 3)).map((e) => [e.name, e]));
    const sheet = byName.get("xl/worksheets/评分 sheet1.xml");
    expect(sheet?.method).toBe(8);
    expect(sheet?.compressedSize).toBeLessThan(xml.length / 10);
    expect(byName.get("xl/media/tiny.bin")?.method).toBe(0);
    expect(byName.get("xl/")?.method).toBe(0);
  });

  it("stores everything at level 0", () => {
    const entries = centralDirectory(zipParts(parts, 0));
    expect(entries.map((e) => e.method)).toEqual([0, 0, 0, 0]);
    expect(unzipSync(zipParts(parts, 0))["xl/worksheets/评分 sheet1.xml"]).toEqual(xml);
  });

  it("writes the same bytes for the same parts", () => {
    expect(zipParts(parts, 3)).toEqual(zipParts(parts, 3));
  });
});

describe("BackgroundPartPacker", () => {
  /** `bytes` cut into segments of `size` bytes, the way a worksheet is handed on while it renders. */
  const segmentsOf = (bytes: Uint8Array, size: number): Uint8Array[] =>
    Array.from({ length: Math.ceil(bytes.length / size) }, (_u, i) =>
      bytes.subarray(i * size, (i + 1) * size)
    );

  async function packedInSegments(bytes: Uint8Array, size: number, level: number) {
    const packer = new BackgroundPartPacker(level);
    for (const segment of segmentsOf(bytes, size)) packer.add(segment);
    return packer.finish();
  }

  it("deflates segments into one stream that inflates to the whole part", async () => {
    const packed = await packedInSegments(xml, 1000, 3);
    expect(packed.method).toBe(8);
    expect(packed.size).toBe(xml.length);
    expect(packed.crc).toBe(crc32Reference(xml));
    expect(new Uint8Array(inflateRawSync(stored(packed)))).toEqual(xml);
    expect(stored(packed).length).toBeLessThan(xml.length / 5);
  });

  it("zips to a package other readers open, next to parts packed at once", async () => {
    const zip = zipPackedParts([
      ["[Content_Types].xml", packPart(parts["[Content_Types].xml"] as Uint8Array, 3)],
      ["xl/worksheets/sheet1.xml", await packedInSegments(xml, 777, 3)],
    ]);
    const unzipped = unzipSync(zip);
    expect(unzipped["xl/worksheets/sheet1.xml"]).toEqual(xml);
    expect(centralDirectory(zip).map((e) => e.crc)).toEqual([
      crc32Reference(parts["[Content_Types].xml"] as Uint8Array),
      crc32Reference(xml),
    ]);
  });

  it("gives the same package in pieces, holding each part's own bytes rather than a copy", async () => {
    const sheet = await packedInSegments(xml, 777, 3);
    const packed: [string, PackedPart][] = [
      ["[Content_Types].xml", packPart(parts["[Content_Types].xml"] as Uint8Array, 3)],
      ["xl/worksheets/sheet1.xml", sheet],
    ];
    const pieces = zipPackedPieces(packed);
    const zip = joinPieces(pieces);
    expect(unzipSync(zip)["xl/worksheets/sheet1.xml"]).toEqual(xml);
    expect(centralDirectory(zip).map((e) => e.name)).toEqual(packed.map(([name]) => name));
    for (const piece of sheet.pieces) expect(pieces.includes(piece)).toBe(true);
  });

  it("stores the joined segments at level 0, and packs an empty part", async () => {
    const atLevel0 = await packedInSegments(xml, 1000, 0);
    expect(atLevel0.method).toBe(0);
    expect(new Uint8Array(stored(atLevel0))).toEqual(xml);
    const empty = await new BackgroundPartPacker(3).finish();
    expect([empty.size, empty.crc]).toEqual([0, 0]);
    expect(inflateRawSync(stored(empty)).length).toBe(0);
  });

  /** A full segment of worksheet XML, as the renderer hands it on (about 10 % of it deflated). */
  function worksheetSegment(): Uint8Array {
    const segment = takeSegment(SEGMENT_BYTES);
    const encoder = new TextEncoder();
    let used = 0;
    for (let row = 1; used < segment.length; row++) {
      const xmlRow = `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>测试示范点${row}党支部</t></is></c><c r="B${row}"><f>ROUND(AVERAGE(C${row}:G${row}),2)</f><v>${(row * 37) % 101}</v></c></row>`;
      used += encoder.encodeInto(xmlRow, segment.subarray(used)).written;
      if (used > segment.length - 200) break;
    }
    return segment.subarray(0, used);
  }

  it("deflates a segment in a few turns of a busy thread, not one per 16 KB of output", async () => {
    // A sheet renders synchronously for seconds, and a background deflate goes on only when this thread is free: at
    // zlib's default output of 16 KB at a time the segment (about 200 KB deflated) needed some 14 turns, and stayed
    // raw until the sheet was done. Each turn here: this thread busy (a deflate of 2 MB takes some 30 ms on one core)
    // and then free once.
    const segment = worksheetSegment();
    const packer = new BackgroundPartPacker(3);
    packer.add(segment);
    let deflated = false;
    void packer.finish().then(() => (deflated = true));
    let turns = 0;
    while (!deflated && turns < 12) {
      for (const until = Date.now() + 400; Date.now() < until;);
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect(turns).toBeLessThanOrEqual(4);
  });

  it("keeps only the deflated bytes of each piece, not zlib's output buffer", async () => {
    // A sheet's last segment is short: zlib holds all of it back until the flush, whose output alone came as a view
    // into a 512 KB buffer.
    const short = worksheetSegment().slice(0, 3000);
    // Random bytes do not shrink: their deflate fills more than one output buffer.
    const random = new Uint8Array(SEGMENT_BYTES);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    const packer = new BackgroundPartPacker(3);
    packer.add(short);
    packer.add(random);
    const packed = await packer.finish();
    for (const piece of packed.pieces) expect(piece.byteLength).toBe(piece.buffer.byteLength);
    // Compared as buffers: Jest's toEqual walks 2 MB one element at a time.
    expect(inflateRawSync(stored(packed)).equals(joinPieces([short, random]))).toBe(true);
  });

  it("records the CRC of the bytes as given, not of any segment alone", async () => {
    const packed = await packedInSegments(xml, 1000, 3);
    expect(packed.crc).not.toBe(crc32Reference(xml.subarray(0, 1000)));
  });
});

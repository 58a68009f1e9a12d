import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import {
  DECODE_STEP,
  crc32,
  readZipDirectory,
  streamEntryText,
  type NativeZip,
} from "../../../src/adapters/xlsx/read/zipDirectory";
import { NATIVE_INFLATE } from "../../../src/cli/nativeInflate";

describe("crc32 (the reader's, pure)", () => {
  it("agrees with zlib's over any bytes, whole or fed in pieces (failure twin: one byte changed)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 4 }),
        (bytes, cuts) => {
          const at = [
            0,
            ...cuts.filter((c) => c < bytes.length).sort((a, b) => a - b),
            bytes.length,
          ];
          let crc = 0;
          for (let k = 1; k < at.length; k++) crc = crc32(bytes.subarray(at[k - 1], at[k]), crc);
          expect(crc).toBe(zlibCrc32(bytes));
          expect(crc32(bytes, 0)).toBe(zlibCrc32(bytes));
          if (bytes.length > 0) {
            const changed = bytes.slice();
            changed[changed.length - 1] ^= 1;
            expect(crc32(changed, 0)).not.toBe(zlibCrc32(bytes));
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe("streamEntryText", () => {
  // 1, 3 and 4 bytes a character, so characters straddle every DECODE_STEP boundary; over 1 MB, so the native
  // inflater's and the stored part's 1 MB chunks are each cut into steps too.
  const unit = '<c r="A1"><v>测试示范点</v></c>😀x';
  const text = unit.repeat(Math.ceil((1.5 * 1024 * 1024) / strToU8(unit).length));
  const zip = zipSync({
    "deflated.xml": [strToU8(text), { level: 6 }],
    "stored.xml": [strToU8(text), { level: 0 }],
  });
  const entries = readZipDirectory(zip);

  it.each<[string, string, NativeZip]>([
    ["deflated, native inflate", "deflated.xml", NATIVE_INFLATE],
    ["deflated, fflate", "deflated.xml", {}],
    ["stored", "stored.xml", {}],
  ])(
    "hands the part over in pieces of at most DECODE_STEP bytes, characters whole (%s)",
    (_case, name, native) => {
      const pieces: string[] = [];
      streamEntryText(zip, entries.get(name)!, (piece) => pieces.push(piece), native);
      expect(pieces.join("")).toBe(text);
      expect(pieces.length).toBeGreaterThan(1.5 * 32);
      // UTF-8 takes at least a byte per UTF-16 unit: a step's bytes, and up to 3 of a character begun in the step
      // before, make at most that many units.
      expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(DECODE_STEP + 3);
    }
  );
});

import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { crc32 } from "../../../src/adapters/xlsx/read/zipDirectory";

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

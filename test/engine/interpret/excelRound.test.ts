import fc from "fast-check";
import { excelRound, roundDecimalString } from "../../../src/engine/interpret/excelRound";

describe("excelRound: Excel ROUND on the decimal value", () => {
  it.each<[number, number, number]>([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [0.285, 2, 0.29],
    [1.0049999, 2, 1],
    [1.015, 2, 1.02],
    [8.345, 2, 8.35],
    [22.625, 2, 22.63],
    [-22.625, 2, -22.63],
    [0.1 + 0.2, 2, 0.3],
    [0.1 + 0.7, 1, 0.8],
    [1234.5, 0, 1235],
    [-0.5, 0, -1],
    [0.4999, 0, 0],
    [0.5, 0, 1],
    [1234, -2, 1200],
    [1250, -2, 1300],
    [-1250, -2, -1300],
    [49, -2, 0],
    [50, -2, 100],
    [0.0000001234, 8, 0.00000012],
    [0.000000125, 8, 0.00000013],
    [99.995, 2, 100],
    [0, 2, 0],
  ])("ROUND(%p, %p) = %p", (x, digits, expected) => {
    expect(excelRound(x, digits)).toBe(expected);
  });

  it("rounds the figures score arithmetic produces", () => {
    // (SUM−MAX−MIN)/(COUNT−2) of 27, 28.5, 26, 29, 25.5 is 81.5/3 = 27.1666…
    expect(excelRound((136 - 29 - 25.5) / 3, 2)).toBe(27.17);
    // 89.33·0.8 + 90·0.2 = 89.464 whatever the binary noise in 71.464
    expect(excelRound(89.33 * 0.8 + 90 * 0.2, 2)).toBe(89.46);
    // 85.55·0.8 + 86.5·0.2 = 68.44 + 17.3 = 85.74
    expect(excelRound(85.55 * 0.8 + 86.5 * 0.2, 2)).toBe(85.74);
    // A plain round-half-up on the double misses these: their doubles lie below the half.
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(excelRound(1.005, 2)).toBe(1.01);
  });

  it("returns a value with more decimals than it keeps unchanged", () => {
    expect(excelRound(123456789.123456, 8)).toBe(123456789.123456);
    expect(excelRound(1e20, 2)).toBe(1e20);
    expect(excelRound(1e-300, 2)).toBe(0);
  });

  it("never returns negative zero", () => {
    expect(Object.is(excelRound(-0.001, 2), 0)).toBe(true);
    expect(Object.is(excelRound(-0, 2), 0)).toBe(true);
  });

  it("refuses non-finite values and fractional digit counts", () => {
    expect(() => excelRound(Number.NaN, 2)).toThrow(RangeError);
    expect(() => excelRound(Infinity, 2)).toThrow(RangeError);
    expect(() => excelRound(1.5, 0.5)).toThrow(/digits/);
  });

  it("rounds an exact half away from zero at any decimal place", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (k, d, negative) => {
          const sign = negative ? "-" : "";
          // The decimal k.5 × 10^-d, whose double may sit on either side of the half.
          const half = Number(`${sign}${k}5e-${d + 1}`);
          const awayFromZero = Number(`${sign}${k + 1}e-${d}`);
          expect(excelRound(half, d)).toBe(awayFromZero === 0 ? 0 : awayFromZero);
        }
      )
    );
  });

  it("leaves a value already at d decimals alone, even after a tiny binary error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999, max: 99_999_999 }),
        fc.integer({ min: 0, max: 6 }),
        (k, d) => {
          const exact = Number(`${k}e-${d}`);
          const expected = exact === 0 ? 0 : exact;
          expect(excelRound(exact, d)).toBe(expected);
          // One ulp either side is invisible at 15 significant digits.
          const ulpAbove = exact + Math.abs(exact) * Number.EPSILON;
          expect(excelRound(ulpAbove, d)).toBe(expected);
        }
      )
    );
  });

  it("agrees with integer arithmetic on panel·0.8 + satisfaction·0.2", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (panelHundredths, satisfactionHundredths) => {
          const computed = excelRound(
            (panelHundredths / 100) * 0.8 + (satisfactionHundredths / 100) * 0.2,
            2
          );
          // Exactly (8P + 2S)/1000; half-up to hundredths in integers.
          const thousandths = 8 * panelHundredths + 2 * satisfactionHundredths;
          const expectedHundredths = Math.floor((thousandths + 5) / 10);
          expect(computed).toBe(expectedHundredths / 100);
        }
      )
    );
  });
});

describe("excelRound's fast path", () => {
  it("gives what rounding the 15-digit decimal string gives, for any value and digits", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
          fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 8)
        ),
        fc.integer({ min: -4, max: 8 }),
        (x, digits) => {
          expect(excelRound(x, digits)).toBe(roundDecimalString(x, digits));
        }
      ),
      { numRuns: 5000 }
    );
  });
});

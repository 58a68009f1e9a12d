import fc from "fast-check";
import {
  compareValues,
  numberTextValue,
  numberToText,
  parseNumberText,
} from "../../../src/engine/interpret/coerce";
import {
  meetsCriterion,
  numberCriterion,
  parseCriterion,
} from "../../../src/engine/interpret/criteria";
import { addMonthsToSerial, dateSerial, serialDate } from "../../../src/engine/interpret/dates";

describe("numbers written as text (& and CONCATENATE)", () => {
  it.each<[number, string]>([
    [85, "85"],
    [-12.5, "-12.5"],
    [0.1 + 0.2, "0.3"],
    [1 / 3, "0.333333333333333"],
    [100000000000000, "100000000000000"],
    [1e15, "1E+15"],
    [-1e15, "-1E+15"],
    [1.5e-10, "1.5E-10"],
    [0.000001, "0.000001"],
    [123456789.12345679, "123456789.123457"],
  ])("%p → %p", (value, text) => expect(numberToText(value)).toBe(text));
});

describe('a number as its text reads back (criteria such as ">"&x, made without the text)', () => {
  it.each<[number, number]>([
    [0.1 + 0.2, 0.3],
    [30.000000000000004, 30],
    [1 / 3, 0.333333333333333],
    [-0, 0],
    [1e15, 1e15],
    [89620000000000, 89620000000000],
    [123456789.12345679, 123456789.123457],
    // A few doubles from a 15-digit decimal: times 10^k each rounds to a whole number, yet the decimal reads as
    // another double (found by search), so the text is needed.
    [56581.073748616196, 56581.0737486162],
    [0.0059897459326077995, 0.0059897459326078],
    [1672326552889.3599, 1672326552889.36],
    [2823.6330578288503, 2823.63305782885],
    // Rank keys as 评委分析 makes them: two decimals, read back as themselves without the text.
    [20085.5, 20085.5],
    [30012.75, 30012.75],
  ])("%p → %p", (value, read) => expect(numberTextValue(value)).toBe(read));

  it("is what the text numberToText writes reads back as, for any number", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
          fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
          // Doubles a few steps from a decimal of 15 digits, where reading the digits back is closest to wrong.
          fc
            .tuple(
              fc.integer({ min: 1e14, max: 1e15 - 1 }),
              fc.integer({ min: 0, max: 21 }),
              fc.integer({ min: -3, max: 3 })
            )
            .map(([digits, k, steps]) => nextDouble(digits / 10 ** k, steps))
        ),
        (value) => {
          expect(numberTextValue(value)).toBe(parseNumberText(numberToText(value)));
          for (const op of [">=", "<=", "<>", ">", "<", "="] as const)
            expect(numberCriterion(op, value)).toEqual(parseCriterion(op + numberToText(value)));
        }
      ),
      { numRuns: 5000 }
    );
  });
});

/** The double `steps` representable numbers above (or below) a positive `value`. */
function nextDouble(value: number, steps: number): number {
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0] = (bits[0] as bigint) + BigInt(steps);
  return new Float64Array(bits.buffer)[0] as number;
}

describe("text read as a number", () => {
  it.each<[string, number | undefined]>([
    ["85", 85],
    [" 85 ", 85],
    ["-1.5e2", -150],
    ["1,234.5", 1234.5],
    ["50%", 0.5],
    [".5", 0.5],
    ["2024-01-31", 45322],
    ["2024/2/29", 45351],
    ["12:00", 0.5],
    ["+1E+3", 1000],
    ["2024-01-31T12:00", 45322.5],
    ["2024-01-31 06:00:00.0", 45322.25],
    // failure twins: not numbers
    ["1|SF-0001", undefined],
    ["2024-01-31t12:00", undefined],
    ["", undefined],
    ["1,23", undefined],
    ["2023-02-29", undefined],
    ["85分", undefined],
    ["TRUE", undefined],
    ["１２", undefined],
  ])("%p → %p", (text, value) => expect(parseNumberText(text)).toBe(value));
});

describe("comparison order", () => {
  it.each<[number | string | boolean | null, number | string | boolean | null, number]>([
    [1, "0", -1],
    ["a", true, -1],
    [false, true, -1],
    [null, 0, 0],
    [null, "", 0],
    [null, false, 0],
    ["ABC", "abc", 0],
    [0.1 + 0.2, 0.3, 0],
    [0.3, 0.31, -1],
  ])("%p vs %p → %p", (a, b, order) => expect(compareValues(a, b)).toBe(order));
});

describe("the 1900 date system", () => {
  it("keeps Lotus's 29 February 1900 as serial 60", () => {
    expect(dateSerial(1900, 2, 29, false)).toBe(60);
    expect(serialDate(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(serialDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(serialDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
  });

  it("refuses a day that does not exist unless normalising as DATE does", () => {
    expect(dateSerial(2023, 2, 29, false)).toBeUndefined();
    expect(dateSerial(2023, 2, 29, true)).toBe(dateSerial(2023, 3, 1, false));
  });

  it("moves to the month's last day in EDATE", () => {
    const jan31 = dateSerial(2023, 1, 31, false)!;
    expect(serialDate(addMonthsToSerial(jan31, 1)!)).toEqual({ year: 2023, month: 2, day: 28 });
    expect(serialDate(addMonthsToSerial(jan31, 13)!)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(serialDate(addMonthsToSerial(jan31, -1)!)).toEqual({ year: 2022, month: 12, day: 31 });
  });

  it("has no dates before 1900-01-00 or after 9999-12-31", () => {
    expect(serialDate(-1)).toBeUndefined();
    expect(dateSerial(9999, 12, 32, true)).toBeUndefined();
    expect(serialDate(2958465)).toEqual({ year: 9999, month: 12, day: 31 });
  });
});

describe("criteria with ~ (a literal *, ? or ~ after it)", () => {
  it.each<[string, string, boolean]>([
    ["a~~b", "a~b", true],
    ["a~~b", "a~~b", false],
    ["a~b", "a~b", true],
    ["~~", "~", true],
    ["a~*b", "a*b", true],
    ["a~*b", "axb", false],
    ["A~?", "a?", true],
  ])("%p matches %p: %p", (criterion, cell, meets) =>
    expect(meetsCriterion(parseCriterion(criterion), cell)).toBe(meets)
  );
});

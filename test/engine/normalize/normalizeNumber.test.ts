import { normalizeCount, normalizeScore } from "../../../src/engine/normalize/normalizeNumber";
import { bool, dateCell, err, formulaNum, num, text } from "./cells";

const value = (n: number) => ({ kind: "number", value: n });
const INVALID = { kind: "invalid" };
const BLANK = { kind: "blank" };

describe("normalizeCount", () => {
  it.each([
    ["a number", num(35), 35],
    ["zero", num(0), 0],
    ["a formula result", formulaNum(35, "SUM(B2:B4)"), 35],
    ["a formula result with float noise", formulaNum(34.99999999999999, "B2*0.7/0.7"), 35],
    ["digits", text("35"), 35],
    ["digits and 人", text("35人"), 35],
    ["digits and 名", text("35名"), 35],
    ["full-width digits", text("３５"), 35],
    ["full-width digits and 人", text("３５人"), 35],
    ["spaces around", text(" 35 人 "), 35],
    ["thousands separators", text("1,234"), 1234],
    ["full-width thousands separators", text("1，234"), 1234],
    ["a whole decimal", text("35.0"), 35],
  ])("reads %s", (_case, cell, expected) => {
    expect(normalizeCount(cell)).toEqual(value(expected));
  });

  it.each([
    ["a fraction", num(12.5)],
    ["a negative number", num(-3)],
    ["negative text", text("-3")],
    ["fraction text", text("12.5")],
    ["若干", text("若干")],
    ["约35人", text("约35人")],
    ["35-40", text("35-40")],
    ["misplaced thousands separators", text("12,34")],
    ["a Chinese numeral", text("三十五")],
    ["an error", err("#N/A")],
    ["a boolean", bool(true)],
    ["a date cell", dateCell(40693)],
    ["infinity", num(Number.POSITIVE_INFINITY)],
    ["NaN", num(Number.NaN)],
  ])("refuses %s", (_case, cell) => {
    expect(normalizeCount(cell)).toEqual(INVALID);
  });

  it.each([
    ["null", null],
    ["spaces", text("  ")],
  ])("calls %s blank", (_case, cell) => {
    expect(normalizeCount(cell)).toEqual(BLANK);
  });
});

describe("normalizeScore", () => {
  it.each([
    ["a number", num(91.5), 91.5],
    ["a whole number", num(90), 90],
    ["a sum with float noise", num(0.1 + 0.2), 0.3],
    ["text", text("91.5"), 91.5],
    ["full-width digits and point", text("９１．５"), 91.5],
    ["a trailing 分", text("91.5分"), 91.5],
    ["a trailing %", text("91.5%"), 91.5],
    ["a full-width ％", text("91.5％"), 91.5],
    ["a percentage-formatted number as shown", num(0.915, "0.0%"), 91.5],
    ["a leading point", text(".5"), 0.5],
    // The range is validation's business: a negative score is read and reported there.
    ["a negative number", text("-2"), -2],
  ])("reads %s", (_case, cell, expected) => {
    expect(normalizeScore(cell)).toEqual(value(expected));
  });

  it.each([
    ["a grade word", text("优")],
    ["a grade word with 分", text("优分")],
    ["two numbers", text("91.5/100")],
    ["a decimal comma", text("91,5")],
    ["a unit alone", text("分")],
    ["an error", err("#DIV/0!")],
    ["a boolean", bool(false)],
    ["a date cell", dateCell(40693)],
    ["infinity", num(Number.NEGATIVE_INFINITY)],
  ])("refuses %s", (_case, cell) => {
    expect(normalizeScore(cell)).toEqual(INVALID);
  });

  it.each([
    ["null", null],
    ["empty text", text("")],
  ])("calls %s blank", (_case, cell) => {
    expect(normalizeScore(cell)).toEqual(BLANK);
  });
});

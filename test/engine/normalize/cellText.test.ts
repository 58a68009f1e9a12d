import { cellText, isPercentFormat, numberText } from "../../../src/engine/normalize/cellText";
import { bool, dateCell, err, formulaNum, num, text } from "./cells";

describe("cellText", () => {
  it.each([
    ["a blank cell", null, ""],
    ["text as typed, spaces kept", text(" 阳光社区 "), " 阳光社区 "],
    ["a whole number", num(35), "35"],
    ["a number with float noise", num(12.499999999999998), "12.5"],
    ["a sum with float noise", num(0.1 + 0.2), "0.3"],
    ["a phone typed as a number", num(13812345678), "13812345678"],
    ["a negative number", num(-3.25), "-3.25"],
    ["negative zero", num(-0), "0"],
    ["a percentage format", num(0.915, "0.0%"), "91.5%"],
    ["a formula result", formulaNum(35, "SUM(A1:A3)"), "35"],
    // 40693 days after Excel's 1899-12-30 origin is 2011-05-30 (25569 is 1970-01-01, + 15124 days).
    ["a date cell", dateCell(40693), "2011-05-30"],
    ["a date cell with a time of day", dateCell(40693.75), "2011-05-30"],
    ["a serial before March 1900 shows as its number", dateCell(10), "10"],
    ["TRUE", bool(true), "TRUE"],
    ["FALSE", bool(false), "FALSE"],
    ["an error value", err("#N/A"), "#N/A"],
  ])("shows %s", (_case, cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });

  it("keeps digits that are not noise", () => {
    expect(numberText(12.4999)).toBe("12.4999");
    expect(numberText(12.4999)).not.toBe("12.5");
  });

  it.each([
    ["0%", true],
    ["0.00%", true],
    ['0.0"%"', false],
    ["0\\%", false],
    ["General", false],
    [undefined, false],
  ])("tells whether %s is a percentage format", (format, expected) => {
    expect(isPercentFormat(format)).toBe(expected);
  });
});

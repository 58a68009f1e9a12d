import { isoDateToSerial, type IsoDate } from "../../../src/engine/core/IsoDate";
import { normalizeDate, type DateReading } from "../../../src/engine/normalize/normalizeDate";
import { bool, dateCell, err, num, text } from "./cells";

const day = (date: string): DateReading => ({
  kind: "date",
  date: date as IsoDate,
  monthOnly: false,
});
const month = (date: string): DateReading => ({
  kind: "date",
  date: date as IsoDate,
  monthOnly: true,
});
const INVALID: DateReading = { kind: "invalid" };
const BLANK: DateReading = { kind: "blank" };
const serialOf = (date: string): number => isoDateToSerial(date as IsoDate);

describe("normalizeDate", () => {
  describe("text forms", () => {
    it.each([
      ["2011-05-30", day("2011-05-30")],
      ["2011-5-30", day("2011-05-30")],
      ["2011/5/30", day("2011-05-30")],
      ["2011.5.30", day("2011-05-30")],
      ["20110530", day("2011-05-30")],
      ["2011年5月30日", day("2011-05-30")],
      ["2011年5月30号", day("2011-05-30")],
      ["2011年5月30號", day("2011-05-30")],
      ["2011年05月03日", day("2011-05-03")],
      ["2011 年 5 月 30 日", day("2011-05-30")],
      ["  2011-05-30  ", day("2011-05-30")],
      ["２０１１年５月３０日", day("2011-05-30")],
      ["２０１１．５．３０", day("2011-05-30")],
      ["二〇一二年四月一日", day("2012-04-01")],
      ["二零一二年四月十一日", day("2012-04-11")],
      ["二〇一一年十二月三十日", day("2011-12-30")],
      ["二○一一年十月三十一日", day("2011-10-31")],
      ["二〇一一年五月二十日", day("2011-05-20")],
      ["二O一二年四月一日", day("2012-04-01")],
      ["二Ｏ一二年四月一日", day("2012-04-01")],
      ["2011-05-28T00:00:00.000Z", day("2011-05-28")],
      // The date part as written: a late-evening UTC time is not moved to the next day in China.
      ["2011-05-28T23:30:00Z", day("2011-05-28")],
      ["2011-05-28T00:00:00+08:00", day("2011-05-28")],
      ["2011-05-28 00:00:00", day("2011-05-28")],
      ["2012-02-29", day("2012-02-29")],
      ["1949-10-01", day("1949-10-01")],
      ["2100-12-31", day("2100-12-31")],
    ])("reads %s", (typed, expected) => {
      expect(normalizeDate(text(typed))).toEqual(expected);
    });

    it.each([
      ["2011年5月", month("2011-05-01")],
      ["2011年5月份", month("2011-05-01")],
      ["二〇一一年五月", month("2011-05-01")],
      ["2011-05", month("2011-05-01")],
      ["2011.5", month("2011-05-01")],
      ["2011/12", month("2011-12-01")],
    ])("reads the month-only %s as the 1st, flagged", (typed, expected) => {
      expect(normalizeDate(text(typed))).toEqual(expected);
    });

    it.each([
      ["2011-02-30", "no 30 February"],
      ["2011-02-29", "2011 is not a leap year"],
      ["2011-13-01", "no month 13"],
      ["2011-00-10", "no month 0"],
      ["2011-04-31", "April has 30 days"],
      ["20110230", "yyyymmdd of an impossible day"],
      ["2011年2月30日", "Chinese form of an impossible day"],
      ["二〇一一年二月三十日", "numerals of an impossible day"],
      ["2011年13月", "month-only with no such month"],
      ["1948-12-31", "before 1949"],
      ["2101-01-01", "after 2100"],
      ["0211-05-30", "a mistyped year"],
      ["2011-5/30", "mixed separators"],
      ["2011-05-30T25", "a broken time"],
      ["2011年5月30日上午", "words after the date"],
      ["二〇一一年十十月一日", "a malformed numeral"],
      ["二〇一一年五月零十日", "zero tens"],
      ["5/30/2011", "month-first order"],
      ["30.5.2011", "day-first order"],
      ["2011", "a year alone"],
      ["201105", "six digits"],
      ["待定", "words"],
      ["2011-05-30 至 2011-06-01", "a range"],
    ])("refuses %s (%s)", (typed) => {
      expect(normalizeDate(text(typed))).toEqual(INVALID);
    });
  });

  describe("cells that are not text", () => {
    it("reads a date cell from its serial", () => {
      expect(normalizeDate(dateCell(serialOf("2011-05-30")))).toEqual(day("2011-05-30"));
    });

    it("drops the time of day of a date cell", () => {
      expect(normalizeDate(dateCell(serialOf("2011-05-30") + 0.99))).toEqual(day("2011-05-30"));
    });

    it("refuses a date cell outside 1949…2100", () => {
      expect(normalizeDate(dateCell(serialOf("1948-12-31")))).toEqual(INVALID);
      expect(normalizeDate(dateCell(serialOf("2101-01-01")))).toEqual(INVALID);
      expect(normalizeDate(dateCell(0))).toEqual(INVALID);
      expect(normalizeDate(dateCell(-5))).toEqual(INVALID);
    });

    it("reads a plain 8-digit number as yyyymmdd", () => {
      expect(normalizeDate(num(20110530))).toEqual(day("2011-05-30"));
    });

    it("refuses a plain 8-digit number that is no day", () => {
      expect(normalizeDate(num(20110230))).toEqual(INVALID);
      expect(normalizeDate(num(99999999))).toEqual(INVALID);
    });

    it("reads another plain number in a date column as a serial whose format was lost", () => {
      expect(normalizeDate(num(serialOf("2011-05-30")))).toEqual(day("2011-05-30"));
    });

    it.each([
      [0, "zero"],
      [-40693, "negative"],
      [35, "a small count (1900)"],
      [2958466, "past 9999-12-31"],
      [123456789, "nine digits"],
      [Number.NaN, "NaN"],
    ])("refuses the plain number %s (%s)", (value) => {
      expect(normalizeDate(num(value))).toEqual(INVALID);
    });

    it.each([
      ["a boolean", bool(true)],
      ["an error", err("#VALUE!")],
    ])("refuses %s", (_case, cell) => {
      expect(normalizeDate(cell)).toEqual(INVALID);
    });
  });

  it.each([
    ["null", null],
    ["empty text", text("")],
    ["spaces", text("   ")],
    ["a full-width space", text("\u3000")],
  ])("calls %s blank", (_case, cell) => {
    expect(normalizeDate(cell)).toEqual(BLANK);
  });
});

import type { RawCell } from "../core/Grid";
import { isoDate, isoParts, serialToIsoDate, type IsoDate } from "../core/IsoDate";
import { toHalfWidth, toSimplified } from "./foldText";

export type DateReading =
  { kind: "date"; date: IsoDate; monthOnly: boolean } | { kind: "blank" } | { kind: "invalid" };

/**
 * Years a nomination, award or review date can fall in. The programme dates from the People's Republic
 * (1949 at the earliest); 2100 is the horizon. Outside it, a date is a typing error such as 0211 or 20111.
 */
export const EARLIEST_DATE_YEAR = 1949;
export const LATEST_DATE_YEAR = 2100;

/** Excel's last serial (9999-12-31) + 1: a larger number cannot be a date. */
const SERIAL_LIMIT = 2_958_466;

const BLANK: DateReading = { kind: "blank" };
const INVALID: DateReading = { kind: "invalid" };

/**
 * Reads a date the way officials type them (RULES.md §6) without ever rolling an impossible date over.
 * - a date cell: its serial;
 * - a number: 8 digits are yyyymmdd (20110530); any other number in 1 ≤ n < 2958466 is taken as a serial,
 *   because this is only called on date columns, where a bare 40693 is a date whose format was lost;
 * - text: 2011-05-30, 2011/5/30, 2011.5.30, 20110530, 2011年5月30日(号), Chinese numerals (二〇一二年四月一日),
 *   full-width digits, ISO with a time (the date part as written, no time-zone shift);
 *   2011年5月, 2011-05 and 2011.5 are month-only: the 1st of the month, with `monthOnly` for the caller to warn.
 * Years outside 1949…2100 are invalid.
 * @example normalizeDate({ type: 'text', text: '二〇一二年四月一日' }) // { kind: 'date', date: '2012-04-01', monthOnly: false }
 */
export function normalizeDate(cell: RawCell | null): DateReading {
  if (!cell) return BLANK;
  switch (cell.type) {
    case "date":
      return fromSerial(cell.serial);
    case "number":
      return fromNumber(cell.value);
    case "text":
      return fromText(cell.text);
    case "boolean":
    case "error":
      return INVALID;
  }
}

function fromNumber(value: number): DateReading {
  if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999) {
    const digits = String(value);
    return fromParts(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8), false);
  }
  if (value >= 1 && value < SERIAL_LIMIT) return fromSerial(value);
  return INVALID;
}

function fromSerial(serial: number): DateReading {
  if (!Number.isFinite(serial) || serial < 1 || serial >= SERIAL_LIMIT) return INVALID;
  const date = serialToIsoDate(serial);
  if (!date) return INVALID;
  const { year } = isoParts(date);
  return inRange(year) ? { kind: "date", date, monthOnly: false } : INVALID;
}

/** The time after an ISO date: T or a space, hh:mm[:ss[.fff]], optional Z or offset (kept out of the date). */
const TIME_SUFFIX = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const SEPARATED_DAY = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME_SUFFIX}$`);
const SEPARATED_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE_DAY = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const CHINESE_MONTH = /^(\d{4})年(\d{1,2})月份?$/;

function fromText(rawText: string): DateReading {
  // Simplified too: 2011年5月30號 is 30号.
  const trimmed = toSimplified(toHalfWidth(rawText)).trim();
  if (trimmed === "") return BLANK;
  // The time form needs its one inner space; every other form is read with all spaces removed (2011 年 5 月).
  const withTime = SEPARATED_DAY.exec(trimmed);
  if (withTime) return fromParts(withTime[1], withTime[3], withTime[4], false);
  const text = arabicDigits(trimmed.replace(/\s+/g, ""));
  if (text === null) return INVALID;
  const separated = SEPARATED_DAY.exec(text);
  if (separated) return fromParts(separated[1], separated[3], separated[4], false);
  const chineseDay = CHINESE_DAY.exec(text);
  if (chineseDay) return fromParts(chineseDay[1], chineseDay[2], chineseDay[3], false);
  const compact = COMPACT_DAY.exec(text);
  if (compact) return fromParts(compact[1], compact[2], compact[3], false);
  const chineseMonth = CHINESE_MONTH.exec(text);
  if (chineseMonth) return fromParts(chineseMonth[1], chineseMonth[2], "1", true);
  const separatedMonth = SEPARATED_MONTH.exec(text);
  if (separatedMonth) return fromParts(separatedMonth[1], separatedMonth[2], "1", true);
  return INVALID;
}

function fromParts(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  monthOnly: boolean
): DateReading {
  if (year === undefined || month === undefined || day === undefined) return INVALID;
  const y = Number(year);
  if (!inRange(y)) return INVALID;
  const date = isoDate(y, Number(month), Number(day));
  return date ? { kind: "date", date, monthOnly } : INVALID;
}

function inRange(year: number): boolean {
  return year >= EARLIEST_DATE_YEAR && year <= LATEST_DATE_YEAR;
}

/** 〇, ○, 零 and the letter O typed for 〇 all write zero in dates (二〇一二, 二零一二, 二O一二). */
const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  "○": 0,
  零: 0,
  O: 0,
  o: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_NUMERAL_RUN = /[〇○零Oo一二三四五六七八九十]+/g;

/** Replaces each run of Chinese numerals with its Arabic value; null when a run is not a number (十十). */
function arabicDigits(text: string): string | null {
  let malformed = false;
  const replaced = text.replace(CHINESE_NUMERAL_RUN, (run) => {
    const value = chineseNumeral(run);
    if (value === null) malformed = true;
    return value ?? "";
  });
  return malformed ? null : replaced;
}

/**
 * One run of Chinese numerals: digit by digit for years (二〇一二 → 2012), tens with 十 for months and days
 * (十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31).
 */
function chineseNumeral(run: string): string | null {
  const chars = [...run];
  const tenAt = chars.indexOf("十");
  if (tenAt < 0) return chars.map((ch) => String(CHINESE_DIGITS[ch] ?? "")).join("");
  if (chars.lastIndexOf("十") !== tenAt || tenAt > 1 || chars.length - tenAt > 2) return null;
  const tensChar = tenAt === 1 ? chars[0] : undefined;
  const unitsChar = chars[tenAt + 1];
  const tens = tensChar === undefined ? 1 : CHINESE_DIGITS[tensChar];
  const units = unitsChar === undefined ? 0 : CHINESE_DIGITS[unitsChar];
  // 零十 or 十零 is not how anyone writes a number.
  if (
    tens === undefined ||
    units === undefined ||
    tens === 0 ||
    (unitsChar !== undefined && units === 0)
  )
    return null;
  return String(tens * 10 + units);
}

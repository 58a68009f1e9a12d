/**
 * Excel's 1900 date system: serial 1 is 1900-01-01 and, after Lotus 1-2-3, 1900 is a leap year, so serial 60
 * is the 29 February 1900 that never was and every later serial is one day past a plain day count from
 * 1899-12-31. LibreOffice counts from 1899-12-30 with no such day: the two agree from 1900-03-01 (serial 61) on.
 */

/** 9999-12-31, the last day Excel has. */
export const MAX_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;
/** 1970-01-01 as a serial: from 1900-03-01 on, serial = days since the Unix epoch + this. */
const UNIX_EPOCH_SERIAL = 25_569;

export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Serial of the first day of (year, month) after Excel's calendar; month is 1-based and already in 1…12. */
function firstOfMonth(year: number, month: number): number {
  if (year === 1900 && month <= 2) return month === 1 ? 1 : 32;
  return Date.UTC(year, month - 1, 1) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/**
 * The serial of a date. `normalize` as DATE does it (years 0…1899 are 1900…3799, months and days past their
 * end roll over, DATE(2024,14,0) is 2025-01-31); otherwise only a real date (or 1900-02-29) has a serial.
 * Undefined when the result falls outside 1900-01-00 … 9999-12-31.
 */
export function dateSerial(
  year: number,
  month: number,
  day: number,
  normalize: boolean
): number | undefined {
  let y = Math.trunc(year);
  const m = Math.trunc(month);
  const d = Math.trunc(day);
  if (normalize) {
    if (y < 0 || y > 9999) return undefined;
    if (y < 1900) y += 1900;
  } else if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return undefined;
  }
  const months = y * 12 + (m - 1);
  const normalYear = Math.floor(months / 12);
  const normalMonth = months - normalYear * 12 + 1;
  if (normalYear < 1900 || normalYear > 9999) return undefined;
  const serial = firstOfMonth(normalYear, normalMonth) + d - 1;
  return serial < 0 || serial > MAX_SERIAL ? undefined : serial;
}

/** The date of a serial (fraction dropped); serial 0 is 1900-01-00 and 60 is 1900-02-29, as Excel shows them. */
export function serialDate(serial: number): YearMonthDay | undefined {
  const s = Math.floor(serial);
  if (!(s >= 0 && s <= MAX_SERIAL)) return undefined;
  if (s === 0) return { year: 1900, month: 1, day: 0 };
  if (s === 60) return { year: 1900, month: 2, day: 29 };
  if (s < 60)
    return s <= 31 ? { year: 1900, month: 1, day: s } : { year: 1900, month: 2, day: s - 31 };
  const date = new Date((s - UNIX_EPOCH_SERIAL) * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Days in a month of Excel's calendar, where February 1900 has 29. */
export function daysInMonth(year: number, month: number): number {
  if (year === 1900 && month === 2) return 29;
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * EDATE: the same day `months` later, on the month's last day when the month is shorter (Jan 31 + 1 → Feb 28
 * or 29). Undefined outside Excel's dates.
 */
export function addMonthsToSerial(serial: number, months: number): number | undefined {
  const start = serialDate(serial);
  if (!start) return undefined;
  const index = start.year * 12 + (start.month - 1) + Math.trunc(months);
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 1900 || year > 9999) return undefined;
  const day = Math.min(start.day, daysInMonth(year, month));
  const result = firstOfMonth(year, month) + day - 1;
  return result < 0 || result > MAX_SERIAL ? undefined : result;
}

/** h:m:s as a fraction of a day, or undefined when minutes or seconds are 60 or more. */
export function timeFraction(hours: number, minutes: number, seconds: number): number | undefined {
  if (minutes >= 60 || seconds >= 60) return undefined;
  return (hours * 3600 + minutes * 60 + seconds) / 86_400;
}

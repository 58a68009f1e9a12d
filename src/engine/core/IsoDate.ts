/** A calendar date as `YYYY-MM-DD`. Brand keeps raw strings from passing as dates. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

const DAY_MS = 86_400_000;
/** Excel's serial 25569 is 1970-01-01 in the 1900 date system (Lotus leap-year bug included before March 1900). */
const UNIX_EPOCH_SERIAL = 25569;

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds an IsoDate, or null when the date does not exist (2011-02-30 is never rolled over). */
export function isoDate(year: number, month: number, day: number): IsoDate | null {
  if (!isValidYmd(year, month, day)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as IsoDate;
}

export function parseIsoDate(text: string): IsoDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isoParts(date: IsoDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

/** Excel serial (1900 system) → IsoDate; fractional time is dropped. Serials before 1900-03-01 are refused. */
export function serialToIsoDate(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 61) return null;
  const d = new Date((Math.floor(serial) - UNIX_EPOCH_SERIAL) * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function isoDateToSerial(date: IsoDate): number {
  const { year, month, day } = isoParts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** Like Excel's EDATE: same day n calendar months later, clamped to the month's last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = isoParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const result = isoDate(y, m, Math.min(day, daysInMonth(y, m)));
  if (!result) throw new RangeError(`date out of range: ${date} + ${months} months`);
  return result;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const result = serialToIsoDate(isoDateToSerial(date) + days);
  if (!result) throw new RangeError(`date out of range: ${date} + ${days} days`);
  return result;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return isoDateToSerial(b) - isoDateToSerial(a);
}

/** Today by the local clock: read only where the front end gives no date (a use case, report's default). */
export function todayFromClock(): IsoDate {
  const now = new Date();
  const today = isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  if (!today) throw new Error("the clock gave an impossible date");
  return today;
}

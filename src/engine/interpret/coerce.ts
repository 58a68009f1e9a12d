/**
 * Excel's conversions between value types and its comparison order. Where Excel's result depends on the
 * locale (thousands separators, slash dates), only the forms every locale reads alike are accepted.
 */
import { dateSerial, timeFraction } from "./dates";
import { FormulaError, type CellValue } from "./values";

/** Excel keeps 15 significant decimal digits. */
const SIGNIFICANT_DIGITS = 15;
/** Two doubles this close (relative) are one number to a spreadsheet: LibreOffice's rtl::math::approxEqual. */
const APPROX = 2 ** -48;

const NUMBER_TEXT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?(%?)$/;
const ISO_DATE_TEXT =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?$/;
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/**
 * The number a text reads as in arithmetic (`"85"+0`, VALUE, numeric criteria), or undefined: digits with
 * an optional sign, decimal point, exponent, `,` thousands groups and trailing `%`; ISO dates (2024-01-31,
 * 2024/1/31) and times (12:30). Spaces around are ignored, "" is not a number.
 */
export function parseNumberText(text: string): number | undefined {
  if (isPlainDecimal(text)) return Number(text);
  // Every form read below starts with a digit, a sign, a point or a space: names and tiers are refused at once.
  const first = text.charCodeAt(0);
  if (!(
    (first >= 48 && first <= 57) ||
    first === 43 ||
    first === 45 ||
    first === 46 ||
    first === 32
  ))
    return undefined;
  if (!onlyNumberCharacters(text)) return undefined;
  const trimmed = text.replace(/^ +| +$/g, "");
  if (trimmed === "") return undefined;
  const m = NUMBER_TEXT.exec(trimmed);
  if (m) {
    const whole = (m[2] ?? "").replace(/,/g, "");
    const fraction = m[3] ?? "";
    if (whole === "" && fraction === "") return undefined;
    const value = Number(`${m[1] ?? ""}${whole || "0"}.${fraction || "0"}e${m[4] ?? "0"}`);
    if (!Number.isFinite(value)) return undefined;
    return m[5] ? value / 100 : value;
  }
  const d = ISO_DATE_TEXT.exec(trimmed);
  if (d) {
    const serial = dateSerial(Number(d[1]), Number(d[2]), Number(d[3]), false);
    if (serial === undefined) return undefined;
    if (d[4] === undefined) return serial;
    const time = timeFraction(Number(d[4]), Number(d[5]), Number(d[6] ?? 0));
    return time === undefined ? undefined : serial + time;
  }
  const t = TIME_TEXT.exec(trimmed);
  if (t) return timeFraction(Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  return undefined;
}

/**
 * False when `text` holds a character none of parseNumberText's forms has (digits, sign, point, comma, exponent,
 * %, date and time separators, spaces): a key such as `1|SF-0001` (回避's COUNTIF criterion) is refused before
 * three regular expressions are tried on it.
 */
function onlyNumberCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 58) continue; // 0-9 and :
    if (c === 32 || c === 37 || c === 43 || c === 44 || c === 45 || c === 46 || c === 47) continue; // space % + , - . /
    if (c === 69 || c === 84 || c === 101) continue; // E T e
    return false;
  }
  return true;
}

/** "-12.5", "85": the common criteria text (`">"&key` leaves the digits), read without a regular expression. */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 20) return false;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let digits = 0;
  let point = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !point) point = true;
    else return false;
  }
  return digits > 0 && text.charCodeAt(n - 1) !== 46;
}

/** A value as a number for arithmetic: blank 0, TRUE 1, numeric text its number, other text #VALUE!. */
export function toNumber(value: CellValue): number | FormulaError {
  switch (typeof value) {
    case "number":
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "string":
      return parseNumberText(value) ?? FormulaError.value;
    default:
      return value === null ? 0 : value;
  }
}

/** A value as text for `&` and text functions: numbers as Excel's General format writes them. */
export function toText(value: CellValue): string | FormulaError {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return numberToText(value);
    case "boolean":
      return value ? "TRUE" : "FALSE";
    default:
      return value === null ? "" : value;
  }
}

/** A value as a condition (IF, AND, NOT): numbers non-zero, text only "TRUE"/"FALSE", blank FALSE. */
export function toBoolean(value: CellValue): boolean | FormulaError {
  switch (typeof value) {
    case "boolean":
      return value;
    case "number":
      return value !== 0;
    case "string": {
      const upper = value.toUpperCase();
      if (upper === "TRUE") return true;
      if (upper === "FALSE") return false;
      return FormulaError.value;
    }
    default:
      return value === null ? false : value;
  }
}

/**
 * A number as `&` and CONCATENATE write it: at most 15 significant digits, trailing zeros dropped, scientific
 * (1E+15, 1.5E-10) outside 1e-9 … 1e15 — the General format without a column width.
 *
 * @example numberToText(0.1 + 0.2) // '0.3'
 */
export function numberToText(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return "0";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const [mantissa = "0", exponentText = "0"] = value
    .toExponential(SIGNIFICANT_DIGITS - 1)
    .split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace(/^-/, "").replace(".", "").replace(/0+$/, "") || "0";
  const sign = negative ? "-" : "";
  if (exponent >= SIGNIFICANT_DIGITS || exponent < -9) {
    const head = digits.length > 1 ? `${digits[0] ?? ""}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${head}E${exponent < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1)
    return sign + digits + "0".repeat(exponent + 1 - digits.length);
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * The number numberToText(value) reads back as (parseNumberText), without writing the text: the value itself
 * when the text shows it whole, else the value kept to 15 significant digits; undefined when the text reads as
 * no number (the largest doubles round up past the largest one).
 *
 * @example numberTextValue(0.1 + 0.2) // 0.3
 */
export function numberTextValue(value: number): number | undefined {
  if (value === 0 || !Number.isFinite(value)) return 0;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value;
  if (showsWhole(value)) return value;
  const read = Number(value.toExponential(SIGNIFICANT_DIGITS - 1));
  return Number.isFinite(read) ? read : undefined;
}

/** 10^k for k = 0 … 22: each one a double exactly. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_u, k) => Number(`1e${k}`));

/**
 * Whether `value` (not 0, not a whole number below 10^15) is the double nearest some decimal of at most 15
 * significant digits, so that its 15-digit text reads back as itself; found without writing the text (a rank key
 * `"<"&key` on every row of 评委分析 is such a number). m = value × 10^k, k giving at most 15 digits: when m is whole,
 * the product before rounding was within 1/16 of it (m < 2^50), so m is value's digits, and m / 10^k (both exact,
 * one rounding) is the double those digits read as. False only sends the caller to the text.
 */
function showsWhole(value: number): boolean {
  const magnitude = Math.abs(value);
  if (magnitude < 1e-7 || magnitude >= 1e15) return false;
  const k = SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(magnitude));
  const scale = POWERS_OF_TEN[k];
  if (scale === undefined) return false;
  const digits = value * scale;
  return Math.abs(digits) < 1e15 && Number.isInteger(digits) && digits / scale === value;
}

/** Equal as a spreadsheet compares numbers: the same double, or within the last bits of the 15-digit precision. */
export function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (a === 0 || b === 0) return false;
  const d = Math.abs(a - b);
  return d < Math.abs(a) * APPROX && d < Math.abs(b) * APPROX;
}

/** a + b, with a result that only binary noise keeps from zero made zero (Excel and LibreOffice both do). */
export function add(a: number, b: number): number {
  if (((a < 0 && b > 0) || (a > 0 && b < 0)) && approxEqual(a, -b)) return 0;
  return a + b;
}

export function subtract(a: number, b: number): number {
  return approxEqual(a, b) ? 0 : a - b;
}

/** Type order of a comparison: every number is below every text, every text below FALSE and TRUE. */
function typeRank(value: number | string | boolean): number {
  return typeof value === "number" ? 0 : typeof value === "string" ? 1 : 2;
}

/** Text as Excel compares it: case-insensitive. */
export function foldCase(text: string): string {
  // Text without a character that has a case (most Chinese text) is its own folded form.
  for (let i = 0; i < text.length; i++)
    if (mayHaveCase(text.charCodeAt(i))) return text.toLowerCase();
  return text;
}

/** −1, 0 or 1. Errors never reach here; blank takes the other side's type (0, "" or FALSE). */
export function compareValues(
  left: number | string | boolean | null,
  right: number | string | boolean | null
): number {
  const a = left ?? blankLike(right);
  const b = right ?? blankLike(left);
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return approxEqual(a, b) ? 0 : a < b ? -1 : 1;
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  return a === b ? 0 : a ? 1 : -1;
}

function blankLike(other: number | string | boolean | null): number | string | boolean {
  if (typeof other === "string") return "";
  if (typeof other === "boolean") return false;
  return 0;
}

/**
 * Case-insensitive, by UTF-16 code unit (Excel sorts by its locale's collation; shifan only tests equality of
 * text). Texts are compared as they are up to the first difference; only a difference in a character that may
 * have a case (a letter outside CJK) folds both texts, so 是/否 and tier names never allocate.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (mayHaveCase(x) || mayHaveCase(y)) {
      const fa = foldCase(a);
      const fb = foldCase(b);
      return fa === fb ? 0 : fa < fb ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** ASCII letters and everything outside ASCII except the CJK block U+3000…U+FEFF, where no character has a case. */
function mayHaveCase(code: number): boolean {
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return code < 0x3000 || code >= 0xff00;
}

export type ComparisonOperator = "=" | "<>" | "<" | "<=" | ">" | ">=";

/** Whether a comparison's order (−1, 0, 1 from compareValues) satisfies the operator. */
export function meetsOrder(op: ComparisonOperator, order: number): boolean {
  switch (op) {
    case "=":
      return order === 0;
    case "<>":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

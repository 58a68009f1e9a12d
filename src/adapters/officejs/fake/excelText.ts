/**
 * How Excel reads a string written through Range.values, as if typed into a cell. Shared by the fake
 * (which must turn '=SUM(A1)' into a formula, like Excel) and the adapter (which must stop that).
 * Browser-safe: no imports from node.
 */

export type TypedEntry =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number; readonly numberFormat?: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "formula"; readonly formula: string };

export const TEXT_NUMBER_FORMAT = "@";

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const PERCENT_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/;
const DATE_PATTERN = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const UNIX_EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

/**
 * What a cell holds after `text` is written to it through Range.values. A cell formatted as text ('@')
 * keeps the string as it is; otherwise Excel drops a leading apostrophe, and turns '=…' (and '+x', '-x', '@x' that are not numbers) into
 * formulas, numeric strings such as '00123' into numbers, 'TRUE' into a boolean and '2020-01-05' into a date.
 */
export function interpretTypedString(text: string, numberFormat: string | undefined): TypedEntry {
  if (numberFormat === TEXT_NUMBER_FORMAT || text === "") return { kind: "text", text };
  // A leading apostrophe marks typed text and is not part of the value.
  if (text.startsWith("'")) return { kind: "text", text: text.slice(1) };
  const trimmed = text.trim();
  if (NUMBER_PATTERN.test(trimmed)) return { kind: "number", value: Number(trimmed) };
  const first = text[0];
  if (text.length > 1 && (first === "=" || first === "+" || first === "-" || first === "@")) {
    return { kind: "formula", formula: first === "=" ? text : `=${text}` };
  }
  if (PERCENT_PATTERN.test(trimmed))
    return { kind: "number", value: Number(trimmed.slice(0, -1)) / 100, numberFormat: "0%" };
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE" };
  const date = DATE_PATTERN.exec(trimmed);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const utc = Date.UTC(year, month - 1, day);
    const check = new Date(utc);
    if (
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day &&
      year >= 1900
    ) {
      return {
        kind: "number",
        value: utc / DAY_MS + UNIX_EPOCH_SERIAL,
        numberFormat: "yyyy-mm-dd",
      };
    }
  }
  return { kind: "text", text };
}

/** True when Excel would store `text` as something other than that exact text, unless the cell is formatted '@'. */
export function excelWouldReinterpret(text: string): boolean {
  const entry = interpretTypedString(text, undefined);
  return entry.kind !== "text" || entry.text !== text;
}

/** Bytes of `text` encoded as UTF-8 (the request limit counts bytes, and Chinese text is 3 bytes a character). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Length of JSON text with every character outside ASCII written as a `\uXXXX` escape: the most a JSON payload can
 * spend on it. Responses are measured this way (by the fake, and by the reader's estimates) because how Excel on the
 * web encodes them is not documented; 300 characters of Chinese then count 1,800 bytes.
 */
export function escapedJsonLength(json: string): number {
  let bytes = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) bytes += 5;
  return bytes;
}

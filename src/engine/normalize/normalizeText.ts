import type { RawCell } from "../core/Grid";
import { cellText } from "./cellText";
import { tidyText } from "./foldText";

/**
 * Names and other free text: `text` tidied (trimmed, inner white space folded to one space), `display` as
 * typed; null when blank. A number (a phone typed as a number) becomes its display text: 13812345678.
 * @example normalizeText({ type: 'text', text: ' 阳光社区  党支部 ' }) // { text: '阳光社区 党支部', display: ' 阳光社区  党支部 ' }
 */
export function normalizeText(cell: RawCell | null): { text: string; display: string } | null {
  const display = cellText(cell);
  const text = tidyText(display);
  return text === "" ? null : { text, display };
}

/** After a leading + or -, what a phone number or a signed number may hold: nothing a formula could compute with. */
const SIGNED_NUMBER_REST = /^[\d\s.,()/%+-]*$/;

/**
 * Text that a spreadsheet would take for a formula (after trimming): it starts with = or @, or with + or -
 * not followed by a digit. A leading +/- followed by a digit is safe ('-5', '+86 731 8888 8888') only while
 * the rest holds digits, spaces and . , ( ) / % + - — letters after it ('-5+A1') could name a cell or a
 * function. A lone + or - is safe: nothing follows to compute, and '-' is how sheets write "none".
 * @example isUnsafeText('=HYPERLINK("http://x")') === true
 * @example isUnsafeText('+86 731 8888 8888') === false
 */
export function isUnsafeText(text: string): boolean {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (first === "=" || first === "@") return true;
  if (first !== "+" && first !== "-") return false;
  const rest = trimmed.slice(1);
  if (rest === "") return false;
  const startsWithNumber = /^\.?\d/.test(rest);
  return !startsWithNumber || !SIGNED_NUMBER_REST.test(rest);
}

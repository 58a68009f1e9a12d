import type { RawCell } from "../core/Grid";
import { serialToIsoDate } from "../core/IsoDate";

/** Excel shows at most 15 significant digits, so anything beyond is float noise (0.1 + 0.2). */
const SIGNIFICANT_DIGITS = 15;

/**
 * A number as a person reads it: 15 significant digits at most, no exponent for ordinary magnitudes.
 * @example numberText(12.499999999999998) === '12.5'
 */
export function numberText(value: number): string {
  if (Number.isNaN(value)) return "#NUM!";
  if (!Number.isFinite(value)) return "#NUM!";
  if (Object.is(value, -0) || value === 0) return "0";
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  // String() switches to exponent form only below 1e-6 and from 1e21 on, the same bounds as Excel's General.
  return String(rounded);
}

/**
 * Display text of a raw cell as a person sees it ('' for null).
 * Numbers without float noise, dates as YYYY-MM-DD, booleans TRUE/FALSE, errors as written (#N/A).
 * @example cellText({ type: 'number', value: 12.499999999999998 }) === '12.5'
 * @example cellText({ type: 'date', serial: 40693 }) === '2011-05-30'
 */
export function cellText(cell: RawCell | null): string {
  if (!cell) return "";
  switch (cell.type) {
    case "text":
      return cell.text;
    case "number":
      return isPercentFormat(cell.numberFormat)
        ? `${numberText(cell.value * 100)}%`
        : numberText(cell.value);
    case "date":
      // A serial before March 1900 has no calendar date here (Lotus's leap-year bug): show the number itself.
      return serialToIsoDate(cell.serial) ?? numberText(cell.serial);
    case "boolean":
      return cell.value ? "TRUE" : "FALSE";
    case "error":
      return cell.error;
    default:
      return assertNever(cell);
  }
}

/** A number format that shows the value times 100 with a % sign ('0.0%'); a quoted or escaped % is literal text. */
export function isPercentFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  return numberFormat.replace(/"[^"]*"|\\./g, "").includes("%");
}

function assertNever(value: never): never {
  throw new Error(`unexpected raw cell: ${JSON.stringify(value)}`);
}

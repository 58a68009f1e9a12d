import type { RawCell } from "../core/Grid";
import { isPercentFormat } from "./cellText";
import { compactText } from "./matchKey";

export type NumberReading =
  { kind: "number"; value: number } | { kind: "invalid" } | { kind: "blank" };

const BLANK: NumberReading = { kind: "blank" };
const INVALID: NumberReading = { kind: "invalid" };

/** A formula's whole result can come back as 34.99999999999999; closer than this to a whole number is that number. */
const WHOLE_TOLERANCE = 1e-9;

/** Units written after a head count (35人, 35名). */
const COUNT_UNIT = /(?:人|名|个|位)$/;
/** Units written after a score or a percentage (91.5分, 91.5%). */
const SCORE_UNIT = /(?:分|%)$/;
/** 1234, 1,234 (thousands grouped by three only), 35.0. */
const COUNT_TEXT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Whole non-negative count: 35, '35', '35人', '３５', '35名', '1,234', formula result 35 → 35;
 * 12.5, '若干', #N/A, -3 → invalid.
 * @example normalizeCount({ type: 'text', text: '３５人' }) // { kind: 'number', value: 35 }
 */
export function normalizeCount(cell: RawCell | null): NumberReading {
  if (!cell) return BLANK;
  let value: number;
  switch (cell.type) {
    case "number":
      value = cell.value;
      break;
    case "text": {
      const text = compactText(cell.text);
      if (text === "") return BLANK;
      const digits = text.replace(COUNT_UNIT, "");
      if (!COUNT_TEXT.test(digits)) return INVALID;
      value = Number(digits.replace(/,/g, ""));
      break;
    }
    case "date":
    case "boolean":
    case "error":
      return INVALID;
  }
  if (!Number.isFinite(value) || value < 0) return INVALID;
  const whole = Math.round(value);
  return Math.abs(value - whole) < WHOLE_TOLERANCE ? { kind: "number", value: whole } : INVALID;
}

/**
 * A score or percentage: 91.5, '91.5', '９１．５', '91.5分', '91.5%' → 91.5; a number cell formatted as a
 * percentage (0.915 shown as 91.5%) → 91.5, as the person reads it. Text like '优' → invalid.
 * The range is not checked here: validation reports a score out of range with its own issue.
 * @example normalizeScore({ type: 'text', text: '９１．５分' }) // { kind: 'number', value: 91.5 }
 */
export function normalizeScore(cell: RawCell | null): NumberReading {
  if (!cell) return BLANK;
  switch (cell.type) {
    case "number": {
      if (!Number.isFinite(cell.value)) return INVALID;
      const shown = isPercentFormat(cell.numberFormat) ? cell.value * 100 : cell.value;
      return { kind: "number", value: withoutFloatNoise(shown) };
    }
    case "text": {
      const text = compactText(cell.text);
      if (text === "") return BLANK;
      const digits = text.replace(SCORE_UNIT, "");
      if (!DECIMAL_TEXT.test(digits)) return INVALID;
      return { kind: "number", value: Number(digits) };
    }
    case "date":
    case "boolean":
    case "error":
      return INVALID;
  }
}

/** 91.49999999999999 → 91.5: 15 significant digits, as Excel displays and compares. */
function withoutFloatNoise(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

/** Excel keeps 15 significant decimal digits; ROUND acts on that decimal value, not on the binary double. */
const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * Excel's ROUND: half away from zero on the decimal value Excel shows (15 significant digits), so
 * 1.005 → 1.01 and 2.675 → 2.68 although their doubles lie just below the half. Negative `digits`
 * round to tens, hundreds… as ROUND(x, -2) does.
 *
 * @example
 * excelRound(1.005, 2)      // 1.01
 * excelRound(-1.005, 2)     // -1.01
 * excelRound(0.1 + 0.2, 2)  // 0.3
 * excelRound(1234, -2)      // 1200
 */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round a non-finite number: ${x}`);
  if (!Number.isInteger(digits))
    throw new RangeError(`digits must be a whole number, got ${digits}`);
  if (x === 0) return 0;
  return roundAwayFromHalf(x, digits) ?? roundDecimalString(x, digits);
}

/** ROUND through x's 15-digit decimal string: exact for every x, and slow. Exported for the test that holds the fast path to it. */
export function roundDecimalString(x: number, digits: number): number {
  if (x === 0) return 0;
  // "d.dddddddddddddde±n": Excel's 15 significant digits and the decimal exponent of the first.
  const [mantissa = "", exponentText = "0"] = Math.abs(x)
    .toExponential(EXCEL_SIGNIFICANT_DIGITS - 1)
    .split("e");
  const significand = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  // How many of the 15 significant digits survive rounding to `digits` decimal places.
  const kept = exponent + 1 + digits;
  if (kept >= EXCEL_SIGNIFICANT_DIGITS) return x;
  if (kept < 0) return 0;
  const firstDropped = Number(significand[kept] ?? "0");
  // At most 14 digits, so a double holds them and their +1 exactly (no BigInt: the pane runs where there is none).
  const keptDigits =
    (kept === 0 ? 0 : Number(significand.slice(0, kept))) + (firstDropped >= 5 ? 1 : 0);
  if (keptDigits === 0) return 0;
  // Parsing "digits e power" yields the double nearest the decimal result, as Excel stores it.
  const magnitude = Number(`${keptDigits}e${exponent + 1 - kept}`);
  return x < 0 ? -magnitude : magnitude;
}

/** Powers of ten a double holds exactly. */
const EXACT_POWERS = Array.from({ length: 23 }, (_unused, i) => 10 ** i);

/**
 * The common case without the decimal string: when x·10^digits is far from a half (further than the 15-digit
 * rounding could move it) and small enough that all its digits are kept, the rounded integer divided by the
 * exact power of ten is the double nearest the decimal result, as Excel stores it. Undefined otherwise.
 */
function roundAwayFromHalf(x: number, digits: number): number | undefined {
  const power = EXACT_POWERS[Math.abs(digits)];
  if (power === undefined) return undefined;
  const scaled = digits >= 0 ? Math.abs(x) * power : Math.abs(x) / power;
  if (!(scaled < 1e14)) return undefined;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  if (Math.abs(fraction - 0.5) <= 1e-9 * Math.max(1, scaled)) return undefined;
  const kept = fraction > 0.5 ? whole + 1 : whole;
  if (kept === 0) return 0;
  const magnitude = digits >= 0 ? kept / power : kept * power;
  return x < 0 ? -magnitude : magnitude;
}

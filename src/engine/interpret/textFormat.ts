/**
 * TEXT(value, format) for the number format codes a workbook uses: digits (0 # ?), decimals, thousands
 * separators and scaling commas, %, scientific E+, dates and times (yyyy m d h mm ss AM/PM), literal text
 * ("…", \x, and characters such as 年 月 日), up to four sections (positive;negative;zero;text). Colours and
 * conditions in brackets are ignored; elapsed times ([h]) and fractions (# ?/?) are not supported and give
 * #VALUE!, so a formula relying on them fails loudly rather than showing a wrong text.
 */
import { excelRound } from "./excelRound";
import { numberToText, parseNumberText } from "./coerce";
import { serialDate } from "./dates";
import { FormulaError } from "./values";

type Token =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "digit"; readonly char: "0" | "#" | "?" }
  | { readonly kind: "point" }
  | { readonly kind: "comma" }
  | { readonly kind: "percent" }
  | { readonly kind: "exponent"; readonly sign: "+" | "-" }
  | { readonly kind: "date"; readonly code: string }
  | { readonly kind: "ampm"; readonly code: string }
  | { readonly kind: "text" }
  | { readonly kind: "general" };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Splits a format at `;` outside quotes, brackets and escapes. */
function sections(format: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch === "\\" && !quoted && i + 1 < format.length) {
      current += ch + (format[++i] as string);
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "[") bracket = true;
    else if (!quoted && ch === "]") bracket = false;
    if (ch === ";" && !quoted && !bracket) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function tokenize(section: string): Token[] | FormulaError {
  const tokens: Token[] = [];
  const lower = section.toLowerCase();
  for (let i = 0; i < section.length;) {
    const ch = section[i] as string;
    const rest = lower.slice(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end === -1 ? section.length : end;
      tokens.push({ kind: "literal", text: section.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === "\\") {
      tokens.push({ kind: "literal", text: section[i + 1] ?? "" });
      i += 2;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const inside = section.slice(i + 1, end === -1 ? section.length : end);
      if (/^h+$|^m+$|^s+$/i.test(inside)) return FormulaError.value;
      i = end === -1 ? section.length : end + 1;
    } else if (ch === "_") {
      tokens.push({ kind: "literal", text: " " });
      i += 2;
    } else if (ch === "*") {
      i += 2;
    } else if (rest.startsWith("general")) {
      tokens.push({ kind: "general" });
      i += 7;
    } else if (rest.startsWith("am/pm") || rest.startsWith("a/p")) {
      const length = rest.startsWith("am/pm") ? 5 : 3;
      tokens.push({ kind: "ampm", code: section.slice(i, i + length) });
      i += length;
    } else if ("0#?".includes(ch)) {
      tokens.push({ kind: "digit", char: ch as "0" | "#" | "?" });
      i++;
    } else if (ch === ".") {
      tokens.push({ kind: "point" });
      i++;
    } else if (ch === ",") {
      tokens.push({ kind: "comma" });
      i++;
    } else if (ch === "%") {
      tokens.push({ kind: "percent" });
      i++;
    } else if ((ch === "E" || ch === "e") && (section[i + 1] === "+" || section[i + 1] === "-")) {
      tokens.push({ kind: "exponent", sign: section[i + 1] as "+" | "-" });
      i += 2;
    } else if ("ymdhs".includes(ch.toLowerCase())) {
      let j = i;
      while (j < section.length && (section[j] as string).toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: "date", code: lower.slice(i, j) });
      i = j;
    } else if (ch === "@") {
      tokens.push({ kind: "text" });
      i++;
    } else if (ch === "/" && tokens.some((t) => t.kind === "digit")) {
      return FormulaError.value;
    } else {
      tokens.push({ kind: "literal", text: ch });
      i++;
    }
  }
  return tokens;
}

/**
 * The text TEXT(value, format) gives.
 *
 * @example formatValue(0.856, '0.0%') // '85.6%'
 * @example formatValue(45292, 'yyyy-mm-dd') // '2024-01-01'
 */
export function formatValue(
  value: number | string | boolean,
  format: string
): string | FormulaError {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const parts = sections(format);
  if (typeof value === "string") {
    const number = parseNumberText(value);
    if (number === undefined) {
      const textSection =
        parts[3] ?? (parts.length === 1 && parts[0]?.includes("@") ? parts[0] : undefined);
      if (textSection === undefined) return value;
      const tokens = tokenize(textSection);
      if (tokens instanceof FormulaError) return tokens;
      return tokens
        .map((t) => (t.kind === "text" ? value : t.kind === "literal" ? t.text : ""))
        .join("");
    }
    value = number;
  }
  let section = parts[0] ?? "";
  let sign = value < 0 ? "-" : "";
  let magnitude = value;
  if (value < 0 && parts.length >= 2) {
    section = parts[1] ?? "";
    sign = "";
    magnitude = -value;
  } else if (value === 0 && parts.length >= 3) {
    section = parts[2] ?? "";
  }
  const tokens = tokenize(section);
  if (tokens instanceof FormulaError) return tokens;
  if (tokens.some((t) => t.kind === "date" || t.kind === "ampm"))
    return formatDate(magnitude < 0 ? -magnitude : magnitude, tokens, sign);
  return formatNumber(Math.abs(magnitude), tokens, sign);
}

function formatNumber(value: number, tokens: Token[], sign: string): string {
  if (tokens.length === 0) return "";
  if (tokens.every((t) => t.kind === "literal" || t.kind === "general" || t.kind === "text")) {
    return tokens
      .map((t) =>
        t.kind === "literal" ? t.text : t.kind === "general" ? sign + generalText(value) : ""
      )
      .join("");
  }
  let scaled = value;
  for (const t of tokens) if (t.kind === "percent") scaled *= 100;
  // Commas right after the last digit placeholder (before the point or the end) divide by 1000 each.
  const digitPositions = tokens.flatMap((t, i) => (t.kind === "digit" ? [i] : []));
  const pointAt = tokens.findIndex((t) => t.kind === "point");
  const lastIntegerDigit = digitPositions.filter((i) => pointAt === -1 || i < pointAt).pop() ?? -1;
  let grouping = false;
  const scalingCommas = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.kind !== "comma") return;
    const before = digitPositions.some((d) => d < i);
    const afterInteger = digitPositions.some((d) => d > i && (pointAt === -1 || d < pointAt));
    if (before && afterInteger) grouping = true;
    else if (i > lastIntegerDigit && (pointAt === -1 || i < pointAt) && before)
      scalingCommas.add(i);
  });
  scaled /= 1000 ** scalingCommas.size;

  const exponentAt = tokens.findIndex((t) => t.kind === "exponent");
  const mantissaTokens = exponentAt === -1 ? tokens : tokens.slice(0, exponentAt);
  const decimals = mantissaTokens.filter(
    (t, i) => t.kind === "digit" && pointAt !== -1 && i > pointAt
  ).length;
  let exponent = 0;
  if (exponentAt !== -1 && scaled !== 0) {
    const integerPlaces = Math.max(
      1,
      mantissaTokens.filter((t, i) => t.kind === "digit" && (pointAt === -1 || i < pointAt)).length
    );
    exponent = Math.floor(Math.log10(scaled)) - (integerPlaces - 1);
    scaled /= 10 ** exponent;
  }
  const rounded = excelRound(scaled, decimals);
  const [integerText = "0", fractionText = ""] = rounded.toFixed(decimals).split(".");
  const integerDigits = integerText === "0" ? "" : integerText;

  const integerSlots = mantissaTokens
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => t.kind === "digit" && (pointAt === -1 || i < pointAt));
  const out: string[] = mantissaTokens.map((t) =>
    t.kind === "literal" ? t.text : t.kind === "point" ? "." : t.kind === "percent" ? "%" : ""
  );
  // Integer digits fill the placeholders from the right; the leftmost placeholder takes what is left.
  let remaining = integerDigits;
  for (let s = integerSlots.length - 1; s >= 0; s--) {
    const { t, i } = integerSlots[s] as { t: Extract<Token, { kind: "digit" }>; i: number };
    if (s === 0) {
      out[i] = remaining !== "" ? remaining : t.char === "0" ? "0" : t.char === "?" ? " " : "";
      remaining = "";
    } else if (remaining !== "") {
      out[i] = remaining.slice(-1);
      remaining = remaining.slice(0, -1);
    } else {
      out[i] = t.char === "0" ? "0" : t.char === "?" ? " " : "";
    }
  }
  if (grouping && integerSlots.length > 0) {
    const first = (integerSlots[0] as { i: number }).i;
    const last = (integerSlots[integerSlots.length - 1] as { i: number }).i;
    const digits = out.slice(first, last + 1).join("");
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    for (let i = first; i <= last; i++) out[i] = "";
    out[first] = grouped;
  }
  // Fraction digits from the left; trailing optional placeholders drop their zeros.
  const fractionSlots = mantissaTokens
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => t.kind === "digit" && pointAt !== -1 && i > pointAt);
  let keep = fractionText.length;
  while (keep > 0) {
    const slot = fractionSlots[keep - 1]?.t as Extract<Token, { kind: "digit" }> | undefined;
    if (slot && slot.char !== "0" && fractionText[keep - 1] === "0") keep--;
    else break;
  }
  fractionSlots.forEach(({ t, i }, k) => {
    const char = (t as Extract<Token, { kind: "digit" }>).char;
    out[i] = k < keep ? (fractionText[k] ?? "0") : char === "?" ? " " : "";
  });
  let text = out.join("");
  if (exponentAt !== -1) {
    const exponentToken = tokens[exponentAt] as Extract<Token, { kind: "exponent" }>;
    const exponentDigits = tokens.slice(exponentAt + 1).filter((t) => t.kind === "digit").length;
    const e = String(Math.abs(exponent)).padStart(Math.max(1, exponentDigits), "0");
    const eSign = exponent < 0 ? "-" : exponentToken.sign === "+" ? "+" : "";
    const after = tokens
      .slice(exponentAt + 1)
      .filter((t) => t.kind === "literal")
      .map((t) => (t as { text: string }).text)
      .join("");
    text += `E${eSign}${e}${after}`;
  }
  return sign + text;
}

/** General inside TEXT: up to 10 significant digits, as a default-width cell shows them. */
function generalText(value: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e11 || magnitude < 1e-9) return numberToText(Number(value.toPrecision(6)));
  return numberToText(Number(value.toPrecision(10)));
}

function formatDate(serial: number, tokens: Token[], sign: string): string {
  let day = Math.floor(serial);
  let seconds = Math.round((serial - day) * 86_400);
  if (seconds >= 86_400) {
    day += 1;
    seconds -= 86_400;
  }
  const date = serialDate(day) ?? { year: 1900, month: 1, day: 0 };
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds % 3600) / 60);
  const second = seconds % 60;
  const twelveHour = tokens.some((t) => t.kind === "ampm");
  const weekday = WEEKDAYS[(day + 6) % 7] ?? "";
  const monthName = MONTHS[date.month - 1] ?? "";
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === "literal") out.push(t.text);
    else if (t.kind === "point") out.push(".");
    else if (t.kind === "ampm") {
      const pm = hour >= 12;
      out.push(t.code.length === 5 ? (pm ? "PM" : "AM") : pm ? "P" : "A");
    } else if (t.kind === "date") {
      const c = t.code;
      const letter = c[0];
      if (letter === "y") out.push(c.length <= 2 ? pad(date.year % 100, 2) : String(date.year));
      else if (letter === "d") {
        if (c.length === 1) out.push(String(date.day));
        else if (c.length === 2) out.push(pad(date.day, 2));
        else out.push(c.length === 3 ? weekday.slice(0, 3) : weekday);
      } else if (letter === "h") {
        const h = twelveHour ? hour % 12 || 12 : hour;
        out.push(c.length === 1 ? String(h) : pad(h, 2));
      } else if (letter === "s") out.push(c.length === 1 ? String(second) : pad(second, 2));
      else if (letter === "m") {
        if (isMinute(tokens, i)) out.push(c.length === 1 ? String(minute) : pad(minute, 2));
        else if (c.length === 1) out.push(String(date.month));
        else if (c.length === 2) out.push(pad(date.month, 2));
        else if (c.length === 3) out.push(monthName.slice(0, 3));
        else if (c.length === 5) out.push(monthName.slice(0, 1));
        else out.push(monthName);
      }
    } else if (t.kind === "digit") out.push(t.char === "0" ? "0" : "");
  });
  return sign + out.join("");
}

/** An m or mm right after an hour or right before seconds means minutes. */
function isMinute(tokens: readonly Token[], at: number): boolean {
  const code = (tokens[at] as { code: string }).code;
  if (code.length > 2) return false;
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.kind === "date") return t.code[0] === "h";
    if (t.kind !== "literal") break;
  }
  for (let i = at + 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "date") return t.code[0] === "s";
    if (t.kind !== "literal") break;
  }
  return false;
}

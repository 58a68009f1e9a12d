import fc from "fast-check";
import type { RawCell } from "../../../src/engine/core/Grid";
import { daysInMonth, isoDate } from "../../../src/engine/core/IsoDate";
import { SECTOR_CODES } from "../../../src/engine/core/domain";
import { cellText } from "../../../src/engine/normalize/cellText";
import { normalizeDate } from "../../../src/engine/normalize/normalizeDate";
import { normalizeCount, normalizeScore } from "../../../src/engine/normalize/normalizeNumber";
import { normalizeSector } from "../../../src/engine/normalize/normalizeSector";
import { normalizeText, isUnsafeText } from "../../../src/engine/normalize/normalizeText";
import { normalizeTier } from "../../../src/engine/normalize/normalizeTier";
import { normalizeVeto } from "../../../src/engine/normalize/normalizeVeto";
import { SECTOR_SPELLINGS } from "../../../src/engine/normalize/sectorSpellings";
import { text } from "./cells";

const RUNS = { numRuns: 300 };

/** Text that looks like sheet content: CJK, digits, date and number punctuation, full-width forms, any code point. */
const sheetLikeText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({
    unit: fc.constantFrom(
      ..."0123456789年月日号〇零○一二三四五六七八九十-/.:T Z,，．%分人是否党组织村社区街道（）、　２０１１"
    ),
    maxLength: 20,
  })
);

const anyCell: fc.Arbitrary<RawCell | null> = fc.oneof(
  fc.constant(null),
  sheetLikeText.map((value): RawCell => ({ type: "text", text: value })),
  fc.double().map((value): RawCell => ({ type: "number", value })),
  fc
    .tuple(fc.double(), fc.constantFrom("0%", '0.0"%"', "General"))
    .map(([value, numberFormat]): RawCell => ({ type: "number", value, numberFormat })),
  fc.double().map((serial): RawCell => ({ type: "date", serial })),
  fc.boolean().map((value): RawCell => ({ type: "boolean", value })),
  fc
    .constantFrom("#N/A", "#VALUE!", "#REF!", "")
    .map((error): RawCell => ({ type: "error", error }))
);

describe("no normaliser throws", () => {
  it("for any raw cell", () => {
    fc.assert(
      fc.property(anyCell, (cell) => {
        cellText(cell);
        normalizeDate(cell);
        normalizeSector(cell);
        normalizeTier(cell);
        normalizeCount(cell);
        normalizeScore(cell);
        normalizeVeto(cell);
        const read = normalizeText(cell);
        if (read) isUnsafeText(read.text);
      }),
      RUNS
    );
  });

  it("gives at most 3 suggestions and only for unknown sectors", () => {
    fc.assert(
      fc.property(sheetLikeText, (typed) => {
        const reading = normalizeSector(text(typed));
        if (reading.kind === "unknown") expect(reading.suggestions.length).toBeLessThanOrEqual(3);
      }),
      RUNS
    );
  });
});

// --- dates -------------------------------------------------------------------------------------------

const NUMERALS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const ZEROS = ["〇", "零", "○"];

/** Year digit by digit with a chosen zero; month and day with 十 (十, 十二, 二十, 三十一). */
function chineseYear(year: number, zero: string): string {
  return [...String(year)]
    .map((digit) => (digit === "0" ? zero : NUMERALS[Number(digit)]))
    .join("");
}
function chineseSmall(n: number): string {
  if (n < 10) return NUMERALS[n] as string;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? "" : NUMERALS[tens]}十${units === 0 ? "" : NUMERALS[units]}`;
}
function fullWidth(ascii: string): string {
  return ascii.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}
const pad2 = (n: number): string => String(n).padStart(2, "0");

/** The styles RULES.md §6 and the brief list, each written independently of the code under test. */
const DATE_STYLES: readonly ((y: number, m: number, d: number, zero: string) => string)[] = [
  (y, m, d) => `${y}-${pad2(m)}-${pad2(d)}`,
  (y, m, d) => `${y}-${m}-${d}`,
  (y, m, d) => `${y}/${m}/${d}`,
  (y, m, d) => `${y}.${m}.${d}`,
  (y, m, d) => `${y}${pad2(m)}${pad2(d)}`,
  (y, m, d) => `${y}年${m}月${d}日`,
  (y, m, d) => `${y}年${pad2(m)}月${pad2(d)}号`,
  (y, m, d, zero) => `${chineseYear(y, zero)}年${chineseSmall(m)}月${chineseSmall(d)}日`,
  (y, m, d) => fullWidth(`${y}年${m}月${d}日`),
  (y, m, d) => `${y}-${pad2(m)}-${pad2(d)}T00:00:00.000Z`,
  (y, m, d) => `${y}-${pad2(m)}-${pad2(d)} 00:00:00`,
  (y, m, d) => `  ${y}/${m}/${d}\u3000`,
];

const styleIndex = fc.integer({ min: 0, max: DATE_STYLES.length - 1 });
const zero = fc.constantFrom(...ZEROS);

describe("normalizeDate properties", () => {
  it("round-trips every valid date written in any supported style", () => {
    const validDate = fc
      .tuple(fc.integer({ min: 1949, max: 2100 }), fc.integer({ min: 1, max: 12 }))
      .chain(([y, m]) =>
        fc.tuple(fc.constant(y), fc.constant(m), fc.integer({ min: 1, max: daysInMonth(y, m) }))
      );
    fc.assert(
      fc.property(validDate, styleIndex, zero, ([y, m, d], style, z) => {
        const typed = (DATE_STYLES[style] as (typeof DATE_STYLES)[number])(y, m, d, z);
        expect(normalizeDate(text(typed))).toEqual({
          kind: "date",
          date: isoDate(y, m, d),
          monthOnly: false,
        });
      }),
      RUNS
    );
  });

  it("never yields a date for a day the month does not have", () => {
    const impossibleDate = fc
      .tuple(fc.integer({ min: 1949, max: 2100 }), fc.integer({ min: 1, max: 12 }))
      .chain(([y, m]) =>
        fc.tuple(
          fc.constant(y),
          fc.constant(m),
          fc.integer({ min: daysInMonth(y, m) + 1, max: 39 })
        )
      );
    fc.assert(
      fc.property(impossibleDate, styleIndex, zero, ([y, m, d], style, z) => {
        const typed = (DATE_STYLES[style] as (typeof DATE_STYLES)[number])(y, m, d, z);
        expect(normalizeDate(text(typed)).kind).toBe("invalid");
      }),
      RUNS
    );
  });

  it("never yields a date for a month past 12", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1949, max: 2100 }),
        fc.integer({ min: 13, max: 39 }),
        fc.integer({ min: 1, max: 28 }),
        styleIndex,
        zero,
        (y, m, d, style, z) => {
          const typed = (DATE_STYLES[style] as (typeof DATE_STYLES)[number])(y, m, d, z);
          expect(normalizeDate(text(typed)).kind).toBe("invalid");
        }
      ),
      RUNS
    );
  });

  it("reads month-only text as the 1st of the month, flagged", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1949, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("年月", "-", ".", "/"),
        (y, m, form) => {
          const typed = form === "年月" ? `${y}年${m}月` : `${y}${form}${m}`;
          expect(normalizeDate(text(typed))).toEqual({
            kind: "date",
            date: isoDate(y, m, 1),
            monthOnly: true,
          });
        }
      ),
      RUNS
    );
  });
});

// --- sectors -----------------------------------------------------------------------------------------

/** Hand-picked simplified → traditional pairs covering the characters of the listed spellings. */
const TRADITIONAL_OF: Readonly<Record<string, string>> = {
  党: "黨",
  组: "組",
  织: "織",
  区: "區",
  乡: "鄉",
  镇: "鎮",
  业: "業",
  关: "關",
  机: "機",
  学: "學",
  单: "單",
  卫: "衛",
  体: "體",
  会: "會",
  团: "團",
  经: "經",
  济: "濟",
  国: "國",
  营: "營",
  协: "協",
  办: "辦",
  总: "總",
  农: "農",
  职: "職",
  属: "屬",
  医: "醫",
  县: "縣",
  专: "專",
  构: "構",
  务: "務",
  类: "類",
  队: "隊",
  层: "層",
  与: "與",
  级: "級",
  点: "點",
  设: "設",
  员: "員",
  实: "實",
  发: "發",
};

const SPELLINGS = SECTOR_CODES.flatMap((code) =>
  SECTOR_SPELLINGS[code].map((spelling) => ({ code, spelling }))
);

describe("normalizeSector properties", () => {
  it("reads every listed spelling as its own sector", () => {
    for (const { code, spelling } of SPELLINGS)
      expect(normalizeSector(text(spelling))).toEqual({ kind: "sector", sector: code });
  });

  it("reads any traditional / simplified mix of a listed spelling as the simplified one", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPELLINGS),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        ({ code, spelling }, flips) => {
          const mixed = [...spelling]
            .map((ch, i) => (flips[i] ? (TRADITIONAL_OF[ch] ?? ch) : ch))
            .join("");
          expect(normalizeSector(text(mixed))).toEqual({ kind: "sector", sector: code });
        }
      ),
      RUNS
    );
  });

  it("changes every listed spelling that has a traditional form in the map", () => {
    // Guards the test itself: the map must actually turn spellings traditional, or the property above proves nothing.
    const changed = SPELLINGS.filter(({ spelling }) =>
      [...spelling].some((ch) => TRADITIONAL_OF[ch] && TRADITIONAL_OF[ch] !== ch)
    );
    expect(changed.length).toBeGreaterThan(SPELLINGS.length / 2);
  });

  it("ignores spaces, full-width spaces and a trailing 党支部 around a listed spelling", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPELLINGS),
        fc.constantFrom("", " ", "\u3000", "  "),
        fc.constantFrom("", "党支部", "黨支部", "党委"),
        ({ code, spelling }, space, suffix) => {
          expect(normalizeSector(text(`${space}${spelling}${space}${suffix}`))).toEqual({
            kind: "sector",
            sector: code,
          });
        }
      ),
      RUNS
    );
  });
});

// --- numbers and text --------------------------------------------------------------------------------

describe("number properties", () => {
  it("reads any whole count written plain, with 人/名, full-width or grouped", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom("plain", "人", "名", "full", "grouped", "number"),
        (n, style) => {
          const cell: RawCell =
            style === "number"
              ? { type: "number", value: n }
              : text(
                  style === "plain"
                    ? String(n)
                    : style === "full"
                      ? fullWidth(String(n))
                      : style === "grouped"
                        ? n.toLocaleString("en-US")
                        : `${n}${style}`
                );
          expect(normalizeCount(cell)).toEqual({ kind: "number", value: n });
        }
      ),
      RUNS
    );
  });

  it("refuses any count with a fractional part", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 99 }),
        (whole, hundredths) => {
          const fraction = `${whole}.${String(hundredths).padStart(2, "0")}`;
          expect(normalizeCount(text(fraction)).kind).toBe("invalid");
          expect(normalizeCount({ type: "number", value: Number(fraction) }).kind).toBe("invalid");
        }
      ),
      RUNS
    );
  });

  it("reads any score with up to two decimals written as text, full-width or with 分", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom("", "分", "full"),
        (hundredths, style) => {
          const written = (hundredths / 100).toFixed(2);
          const typed = style === "full" ? fullWidth(written) : `${written}${style}`;
          expect(normalizeScore(text(typed))).toEqual({ kind: "number", value: hundredths / 100 });
        }
      ),
      RUNS
    );
  });
});

describe("isUnsafeText properties", () => {
  it("flags anything that starts with = or @", () => {
    fc.assert(
      fc.property(fc.constantFrom("=", "@", " =", "\u3000@"), fc.string(), (lead, rest) => {
        expect(isUnsafeText(`${lead}${rest}`)).toBe(true);
      }),
      RUNS
    );
  });

  it("lets any signed number through", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        (n) => {
          const written = n.toFixed(2);
          expect(isUnsafeText(n >= 0 ? `+${written}` : written)).toBe(false);
        }
      ),
      RUNS
    );
  });
});

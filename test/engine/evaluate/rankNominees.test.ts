import fc from "fast-check";
import type { SectorCode, TierCode } from "../../../src/engine/core/domain";
import {
  compositeRankKey,
  rankNominees,
  rankWithinSector,
  recommend,
  type RankRow,
} from "../../../src/engine/evaluate/rankNominees";
import { BUILTIN_RUBRICS, type Rubric } from "../../../src/engine/rubric";

const rubric = BUILTIN_RUBRICS.baiqianwan;

function row(
  total: number | null,
  panel: number | null = total,
  satisfaction: number | null = 90,
  extra: Partial<RankRow> = {}
): RankRow {
  return { tier: "city", eligible: total !== null, total, panel, satisfaction, ...extra };
}

describe("compositeRankKey", () => {
  it("packs total, panel and satisfaction in hundredths", () => {
    expect(compositeRankKey(89.46, 89.33, 90)).toBe(89_460_893_309_000);
  });

  it("stays an exact integer below 10^15 that prints without an exponent", () => {
    const largest = compositeRankKey(100, 100, 100);
    expect(largest).toBe(100_001_000_010_000);
    expect(Number.isSafeInteger(largest)).toBe(true);
    expect(largest).toBeLessThan(1e15);
    expect(String(largest)).toBe("100001000010000");
  });

  it("reads scores with binary noise as their hundredths", () => {
    expect(compositeRankKey(0.1 + 0.2, 0, 0)).toBe(compositeRankKey(0.3, 0, 0));
  });

  it("rounds satisfaction to hundredths, half away from zero", () => {
    expect(compositeRankKey(80, 80, 87.555)).toBe(compositeRankKey(80, 80, 87.56));
    expect(compositeRankKey(80, 80, 87.554)).toBe(compositeRankKey(80, 80, 87.55));
  });

  it("orders by total before panel before satisfaction", () => {
    expect(compositeRankKey(85.01, 0, 0)).toBeGreaterThan(compositeRankKey(85, 100, 100));
    expect(compositeRankKey(85, 80.01, 0)).toBeGreaterThan(compositeRankKey(85, 80, 100));
    expect(compositeRankKey(85, 80, 90.01)).toBeGreaterThan(compositeRankKey(85, 80, 90));
  });

  it("follows a declared tie-break order", () => {
    expect(compositeRankKey(85, 80, 90, ["total"])).toBe(compositeRankKey(85, 99, 10, ["total"]));
    expect(compositeRankKey(85, 80, 90.01, ["total", "satisfaction"])).toBeGreaterThan(
      compositeRankKey(85, 99, 90, ["total", "satisfaction"])
    );
    expect(() => compositeRankKey(85, 80, 90, ["panel", "total"])).toThrow(/start with total/);
  });
});

describe("rankNominees", () => {
  it("shares a rank between full ties and skips the next (1, 2, 2, 4)", () => {
    expect(rankNominees([row(90), row(88, 86, 90), row(88, 86, 90), row(80)], rubric)).toEqual([
      1, 2, 2, 4,
    ]);
  });

  it("breaks a tie on total by panel", () => {
    expect(rankNominees([row(88, 86, 95), row(88, 87, 85)], rubric)).toEqual([2, 1]);
  });

  it("breaks a tie on total and panel by satisfaction", () => {
    // 80·0.8 + 90·0.2 = 82 and 80·0.8 + 90.01·0.2 = 82.002 → 82.00: equal totals and panels.
    expect(rankNominees([row(82, 80, 90), row(82, 80, 90.01)], rubric)).toEqual([2, 1]);
  });

  it("shares ranks on equal totals when the rubric declares no tie-break", () => {
    const totalOnly: Rubric = { ...rubric, tieBreak: ["total"] };
    expect(rankNominees([row(88, 86, 95), row(88, 87, 85), row(87)], totalOnly)).toEqual([1, 1, 3]);
  });

  it("ranks each tier on its own", () => {
    const rows = [
      row(90, 90, 90, { tier: "province" }),
      row(80, 80, 80, { tier: "city" }),
      row(85, 85, 85, { tier: "province" }),
    ];
    expect(rankNominees(rows, rubric)).toEqual([1, 1, 2]);
  });

  it("gives ineligible rows no rank and does not count them", () => {
    const vetoed = row(99, 99, 99, { eligible: false });
    expect(rankNominees([vetoed, row(90), row(80)], rubric)).toEqual([null, 1, 2]);
  });

  it("gives incomplete rows and rows without a tier no rank", () => {
    expect(rankNominees([row(null), row(90, 90, 90, { tier: null }), row(80)], rubric)).toEqual([
      null,
      null,
      1,
    ]);
  });

  it("ranks within tier and sector for sector quotas", () => {
    const rows = [
      row(90, 90, 90, { sector: "village" }),
      row(95, 95, 95, { sector: "organ" }),
      row(85, 85, 85, { sector: "village" }),
      row(99, 99, 99, { sector: null }),
    ];
    expect(rankWithinSector(rows, rubric)).toEqual([1, 1, 2, null]);
  });

  const tiers: (TierCode | null)[] = ["province", "city", "county", null];
  const anyRow = fc.record({
    tier: fc.constantFrom(...tiers),
    eligible: fc.boolean(),
    // Few distinct values so that ties are frequent.
    total: fc.option(
      fc.integer({ min: 8000, max: 8004 }).map((h) => h / 100),
      { freq: 6 }
    ),
    panel: fc.option(
      fc.integer({ min: 7000, max: 7002 }).map((h) => h / 100),
      { freq: 6 }
    ),
    satisfaction: fc.option(fc.constantFrom(90, 90.01), { freq: 6 }),
  });

  it("agrees with a lexicographic reference on random rows", () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 30 }), (rows) => {
        const ranks = rankNominees(rows, rubric);
        const ranked = (r: RankRow) =>
          r.eligible &&
          r.tier !== null &&
          r.total !== null &&
          r.panel !== null &&
          r.satisfaction !== null;
        const beats = (a: RankRow, b: RankRow) => {
          const pairs: [number, number][] = [
            [a.total ?? 0, b.total ?? 0],
            [a.panel ?? 0, b.panel ?? 0],
            [a.satisfaction ?? 0, b.satisfaction ?? 0],
          ];
          for (const [x, y] of pairs) if (x !== y) return x > y;
          return false;
        };
        rows.forEach((r, i) => {
          const expected = ranked(r)
            ? 1 + rows.filter((o) => ranked(o) && o.tier === r.tier && beats(o, r)).length
            : null;
          expect(ranks[i]).toBe(expected);
        });
      })
    );
  });

  it("lets equal keys share a rank and skips as many ranks as shared it", () => {
    fc.assert(
      fc.property(
        fc.array(
          anyRow.map((r) => ({ ...r, tier: "city" as const })),
          { maxLength: 30 }
        ),
        (rows) => {
          const ranks = rankNominees(rows, rubric)
            .filter((r): r is number => r !== null)
            .sort((a, b) => a - b);
          let expectedNext = 1;
          for (let i = 0; i < ranks.length;) {
            const rank = ranks[i];
            expect(rank).toBe(expectedNext);
            let shared = 0;
            while (ranks[i] === rank) {
              shared++;
              i++;
            }
            expectedNext += shared;
          }
        }
      )
    );
  });
});

/** The definition itself, O(n²): 1 + the eligible rows of the same group whose composite key is larger. */
function naiveRanks(
  rows: readonly RankRow[],
  groupOf: (row: RankRow) => string | null,
  tieBreak = rubric.tieBreak
): (number | null)[] {
  const keyOf = (r: RankRow): number | null =>
    !r.eligible ||
    groupOf(r) === null ||
    r.total === null ||
    r.panel === null ||
    r.satisfaction === null
      ? null
      : compositeRankKey(r.total, r.panel, r.satisfaction, tieBreak);
  return rows.map((r) => {
    const key = keyOf(r);
    if (key === null) return null;
    return (
      1 + rows.filter((o) => groupOf(o) === groupOf(r) && (keyOf(o) ?? -Infinity) > key).length
    );
  });
}

describe("rankNominees against the quadratic definition", () => {
  const sectors: (SectorCode | null)[] = ["village", "organ", null];
  // Two or three values per component over a few hundred rows: most rows tie with many others.
  const tiedRow = fc.record({
    tier: fc.constantFrom<TierCode | null>("province", "city", "county", null),
    sector: fc.constantFrom(...sectors),
    eligible: fc.boolean(),
    total: fc.option(fc.constantFrom(80, 80.004, 80.01, 85.5), { freq: 8 }),
    panel: fc.option(fc.constantFrom(70, 70.01), { freq: 8 }),
    satisfaction: fc.option(fc.constantFrom(90, 90.005, 95), { freq: 8 }),
  });
  const tieBreaks = fc.constantFrom<Rubric["tieBreak"]>(
    ["total", "panel", "satisfaction"],
    ["total"],
    ["total", "satisfaction", "panel"]
  );

  it("gives every row the same rank within its tier", () => {
    fc.assert(
      fc.property(fc.array(tiedRow, { maxLength: 300 }), tieBreaks, (rows, tieBreak) => {
        expect(rankNominees(rows, { tieBreak })).toEqual(naiveRanks(rows, (r) => r.tier, tieBreak));
      }),
      { numRuns: 200 }
    );
  });

  it("gives every row the same rank within its tier and sector", () => {
    fc.assert(
      fc.property(fc.array(tiedRow, { maxLength: 300 }), tieBreaks, (rows, tieBreak) => {
        const group = (r: RankRow) =>
          r.tier === null || r.sector == null ? null : `${r.tier}/${r.sector}`;
        expect(rankWithinSector(rows, { tieBreak })).toEqual(naiveRanks(rows, group, tieBreak));
      }),
      { numRuns: 200 }
    );
  });

  it("disagrees with the definition when one row is dropped from the ranking (the comparison can fail)", () => {
    const rows: RankRow[] = [row(90), row(90), row(80)];
    const withoutFirst = naiveRanks(rows.slice(1), (r) => r.tier);
    expect(rankNominees(rows, rubric).slice(1)).not.toEqual(withoutFirst);
  });

  it("ranks 20,000 rows in three tied blocks", () => {
    const rows = Array.from({ length: 20_000 }, (_u, i) => row(80 + (i % 3), 70, 90));
    const ranks = rankNominees(rows, rubric);
    // i % 3 = 2 → 82 (6,666 rows), 1 → 81 (6,667 rows), 0 → 80: ranks 1, 6,667 and 6,666 + 6,667 + 1.
    expect([ranks[2], ranks[1], ranks[0], ranks[19_999]]).toEqual([1, 6_667, 13_334, 6_667]);
  });
});

describe("recommend", () => {
  const quota1: Rubric = { ...rubric, quotas: { byTier: { city: 1 } } };

  it("recommends a complete nominee at or above the pass line within the quota", () => {
    expect(recommend(row(85), 1, quota1)).toBe(true);
    expect(recommend(row(90), 1, quota1)).toBe(true);
  });

  it("refuses a total below the pass line", () => {
    expect(recommend(row(84.99), 1, quota1)).toBe(false);
  });

  it("refuses a rank beyond the quota, and accepts any rank without one", () => {
    expect(recommend(row(90), 2, quota1)).toBe(false);
    const noQuota: Rubric = { ...rubric, quotas: { byTier: {} } };
    expect(recommend(row(90), 2000, noQuota)).toBe(true);
  });

  it("recommends everyone who shares the last rank within the quota", () => {
    const rows = [row(90), row(90), row(89)];
    const ranks = rankNominees(rows, quota1);
    expect(rows.map((r, i) => recommend(r, ranks[i] ?? null, quota1))).toEqual([true, true, false]);
  });

  it("refuses a vetoed complete nominee, and cannot decide for an incomplete one", () => {
    expect(recommend(row(99, 99, 99, { eligible: false }), null, quota1)).toBe(false);
    expect(recommend(row(null), null, quota1)).toBeNull();
    expect(recommend(row(90, 90, 90, { tier: null }), null, quota1)).toBeNull();
  });

  it("also holds a nominee to its sector quota when the rubric sets one", () => {
    const bySector: Rubric = {
      ...rubric,
      quotas: { byTier: { city: 10 }, bySectorTier: { city: { village: 1 } } },
    };
    const village = row(90, 90, 90, { sector: "village" as SectorCode });
    expect(recommend(village, 2, bySector, 1)).toBe(true);
    expect(recommend(village, 2, bySector, 2)).toBe(false);
    expect(recommend(row(90, 90, 90, { sector: "organ" }), 2, bySector, 5)).toBe(true);
  });
});

/**
 * RULES §4–§5 from the rules, not from the code: every figure below was worked out by hand from RULES.md (the
 * arithmetic is in the comments), and the engine computes it the only way it can, by evaluating the workbook's
 * own formulas (assessmentFigures and judgeSites: the compiled plan through the interpreter). Every boundary the
 * rules name has a case on each side.
 */
import type { SectorCode, TierCode } from "../../../src/engine/core/domain";
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import type { DynamicSite } from "../../../src/engine/dynamic/dynamicSites";
import type { CarriedNominee, EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { assessmentLayout } from "../../../src/engine/plan/assessmentLayout";
import { assessmentFigures, type RowFigures } from "../../../src/engine/report/assessmentFigures";
import { judgeSites } from "../../../src/engine/report/judgeSites";
import { BUILTIN_RUBRICS } from "../../../src/engine/rubric";
import { withOverrides, type Rubric } from "../../../src/engine/rubric/Rubric";

/** 百千万: C1 30, C2 20, C3 25, C4 25; 5 judges, at least 3, drop high/low from 5; 0.8/0.2; line 85. */
const RUBRIC = BUILTIN_RUBRICS.baiqianwan;
const AS_OF = "2014-06-30" as IsoDate;

type Scores = readonly (number | null)[];

/** Every judge gives the same four scores: each criterion is that score, the panel their sum. */
function unanimous(criteria: Scores, judges = RUBRIC.judges): Scores[] {
  return Array.from({ length: judges }, () => criteria);
}

/** Four criterion scores summing to `panel` (each within its maximum, in steps of 0.5). */
function panelOf(panel: number): Scores {
  // 30 : 20 : 25 : 25 shares, C4 takes the remainder.
  const c1 = Math.round(panel * 0.3 * 2) / 2;
  const c2 = Math.round(panel * 0.2 * 2) / 2;
  const c3 = Math.round(panel * 0.25 * 2) / 2;
  return [c1, c2, c3, panel - c1 - c2 - c3];
}

interface Row {
  readonly scores: Scores[];
  readonly satisfaction?: number | null;
  readonly veto?: boolean;
  readonly tier?: TierCode | null;
  readonly sector?: SectorCode | null;
}

function carried(rows: readonly Row[], rubric: Rubric): CarriedNominee[] {
  return rows.map((row, i) => {
    const inputs: EnteredInputs = {
      scores: Array.from({ length: rubric.judges }, (_u, j) =>
        Array.from({ length: rubric.criteria.length }, (_v, c) => row.scores[j]?.[c] ?? null)
      ),
      satisfaction: row.satisfaction === undefined ? 90 : row.satisfaction,
      veto: row.veto ?? null,
    };
    return {
      id: `SF-${String(i + 1).padStart(4, "0")}`,
      name: `示范点${i + 1}`,
      sector: row.sector === undefined ? "village" : row.sector,
      tier: row.tier === undefined ? "city" : row.tier,
      region: null,
      source: { sheet: "推荐表", row: i + 3 },
      inputs,
      vanished: false,
    };
  });
}

function figures(rows: readonly Row[], rubric: Rubric = RUBRIC): readonly RowFigures[] {
  return assessmentFigures({ nominees: carried(rows, rubric), rubric, asOf: AS_OF }).rows;
}

function one(row: Row, rubric: Rubric = RUBRIC): RowFigures {
  const [only] = figures([row], rubric);
  if (!only) throw new Error("no figures");
  return only;
}

describe("RULES §4: a criterion's score from the judges' scores", () => {
  // C1 from the five judges; C2–C4 unanimous 18, 22, 22.
  const withC1 = (c1: Scores): Row => ({
    scores: c1.map((score) => [score, 18, 22, 22]),
  });
  it.each([
    ["five scores: drop one highest and one lowest", [27, 28.5, 26, 29, 25.5], 27.17], // (136 − 29 − 25.5)/3 = 27.1667
    ["four scores: the plain mean", [30, null, 26, 27, 20], 25.75], // 103/4
    [
      "four scores ending in 5 at the third place round away from zero",
      [22.5, 23, 22.5, 22.5, null],
      22.63,
    ], // 90.5/4 = 22.625
    ["three scores: the plain mean", [30, null, null, 27, 24], 27], // 81/3
    ["two scores: incomplete", [28, 28, null, null, null], null],
    ["a zero is a score", [0, 20, 20, 20, null], 15], // 60/4
    ["a blank is an abstention, never a zero", [null, 20, 20, 20, null], 20], // 60/3
    ["five with ties at the top and bottom drop one of each", [30, 30, 30, 20, 25], 28.33], // (135 − 30 − 20)/3
  ] as const)("%s: %p → %p", (_case, c1, expected) => {
    expect(one(withC1(c1)).criteria[0]).toBe(expected);
  });

  it("leaves the panel, total and grade blank while a criterion is incomplete, with progress", () => {
    // Judges 1–2 score everything; judges 3–5 leave C4 blank: C4 has 2 scores (< 3), progress 2/5.
    const row: Row = {
      scores: [
        [27, 18, 22, 22],
        [27, 18, 22, 22],
        [27, 18, 22, null],
        [27, 18, 22, null],
        [27, 18, 22, null],
      ],
    };
    expect(one(row)).toMatchObject({
      criteria: [27, 18, 22, null],
      panel: null,
      total: null,
      grade: null,
      rank: null,
      recommended: null,
      progress: "2/5",
    });
  });
});

describe("figures a caller does not ask for", () => {
  it("leaves 评分进度 unevaluated for report, every other figure the same", () => {
    const row: Row = { scores: unanimous(panelOf(90)) };
    const nominees = carried([row], RUBRIC);
    const [whole] = assessmentFigures({ nominees, rubric: RUBRIC, asOf: AS_OF }).rows;
    const [lean] = assessmentFigures(
      { nominees, rubric: RUBRIC, asOf: AS_OF },
      { progress: false }
    ).rows;
    expect(whole?.progress).toBe("5/5");
    expect(lean).toEqual({ ...whole, progress: null });
  });
});

describe("RULES §4: panel, total, grade", () => {
  it("panel = ROUND(Σ criteria, 2), total = ROUND(panel × 0.8 + satisfaction × 0.2, 2)", () => {
    // Three judges (plain means): C1 27, C2 17.67, C3 22.33, C4 22.33 → panel 89.33 (89.3333 rounded);
    // total 89.33 × 0.8 + 90 × 0.2 = 71.464 + 18 = 89.464 → 89.46.
    const rubric = withOverrides(RUBRIC, { judges: 3 });
    const row: Row = {
      scores: [
        [28, 18, 22, 23],
        [27, 18, 23, 22],
        [26, 17, 22, 22],
      ],
    };
    expect(one(row, rubric)).toMatchObject({
      criteria: [27, 17.67, 22.33, 22.33],
      panel: 89.33,
      total: 89.46,
      grade: "良好",
      progress: "3/3",
    });
  });

  it("a nominee without satisfaction is incomplete: no total, grade, rank or recommendation", () => {
    expect(one({ scores: unanimous(panelOf(90)), satisfaction: null })).toMatchObject({
      panel: 90,
      total: null,
      grade: null,
      rank: null,
      recommended: null,
    });
  });

  // Panel p and satisfaction s give p × 0.8 + s × 0.2: 90 & 90 → 90; 90 & 89.95 → 72 + 17.99 = 89.99, and so on.
  it.each([
    [90, 90, 90, "优秀"],
    [90, 89.95, 89.99, "良好"],
    [80, 80, 80, "良好"],
    [80, 79.95, 79.99, "合格"],
    [60, 60, 60, "合格"],
    [60, 59.95, 59.99, "不合格"],
  ] as const)("panel %p, satisfaction %p → total %p, %s", (panel, satisfaction, total, grade) => {
    expect(one({ scores: unanimous(panelOf(panel)), satisfaction })).toMatchObject({
      panel,
      total,
      grade,
    });
  });

  it("a veto forces 不合格, no rank and no recommendation; the total still shows", () => {
    expect(one({ scores: unanimous(panelOf(95)), satisfaction: 95, veto: true })).toMatchObject({
      total: 95,
      grade: "不合格",
      rank: null,
      recommended: "否",
    });
  });

  it("a veto on an incomplete nominee: incomplete wins, no grade", () => {
    expect(one({ scores: unanimous(panelOf(95)), satisfaction: null, veto: true })).toMatchObject({
      total: null,
      grade: null,
    });
  });

  it("a nominee without a tier gets total and grade, no rank and no recommendation", () => {
    expect(one({ scores: unanimous(panelOf(95)), satisfaction: 95, tier: null })).toMatchObject({
      total: 95,
      grade: "优秀",
      rank: null,
      recommended: null,
    });
  });
});

describe("RULES §4: rank within the tier, tie-break, recommendation", () => {
  // City tier:   A panel 90 sat 90 → 90 | C panel 87 sat 92 → 69.6 + 18.4 = 88 | F panel 86 sat 96.01 → 68.8 +
  // 19.202 = 88.002 → 88 | B and D panel 86 sat 96 → 88 | E panel 80 sat 80 → 80 | V vetoed 95 | I incomplete.
  // Province tier: P panel 70 sat 70 → 70.
  // Ranks: A 1; C (panel 87) 2; F (satisfaction 96.01 over 96) 3; B and D equal all along → 4, 4; E 6 (skips 5).
  const ROWS: Row[] = [
    { scores: unanimous(panelOf(90)), satisfaction: 90 }, // A
    { scores: unanimous(panelOf(86)), satisfaction: 96 }, // B
    { scores: unanimous(panelOf(87)), satisfaction: 92 }, // C
    { scores: unanimous(panelOf(86)), satisfaction: 96 }, // D
    { scores: unanimous(panelOf(80)), satisfaction: 80 }, // E
    { scores: unanimous(panelOf(86)), satisfaction: 96.01 }, // F
    { scores: unanimous(panelOf(95)), satisfaction: 95, veto: true }, // V
    { scores: unanimous(panelOf(95)), satisfaction: null }, // I
    { scores: unanimous(panelOf(70)), satisfaction: 70, tier: "province" }, // P
  ];

  it("ranks by total, then panel, then satisfaction at 0.01; exact ties share a rank and skip the next", () => {
    const rows = figures(ROWS);
    expect(rows.map((r) => r.total)).toEqual([90, 88, 88, 88, 80, 88, 95, null, 70]);
    expect(rows.map((r) => r.rank)).toEqual([1, 4, 2, 4, 6, 3, null, null, 1]);
  });

  it("without a quota recommends every complete, unvetoed nominee at or above the pass line", () => {
    expect(figures(ROWS).map((r) => r.recommended)).toEqual([
      "是",
      "是",
      "是",
      "是",
      "否", // 80 < 85
      "是",
      "否", // vetoed
      null, // incomplete
      "否", // 70 < 85
    ]);
  });

  it("with a quota recommends rank ≤ quota only: rank 3 in, the two sharing rank 4 out", () => {
    const rubric = withOverrides(RUBRIC, { quotas: { city: 3 } });
    expect(figures(ROWS, rubric).map((r) => r.recommended)).toEqual([
      "是",
      "否",
      "是",
      "否",
      "否",
      "是",
      "否",
      null,
      "否",
    ]);
  });

  it("with the quota at a shared rank recommends both sharing it", () => {
    const rubric = withOverrides(RUBRIC, { quotas: { city: 4 } });
    expect(
      figures(ROWS, rubric)
        .map((r) => r.recommended)
        .slice(0, 6)
    ).toEqual(["是", "是", "是", "是", "否", "是"]);
  });

  it.each([
    [85, 85, 85, "是"], // at the line
    [85, 84.95, 84.99, "否"], // 68 + 16.99 = 84.99, below
  ] as const)(
    "panel %p, satisfaction %p → total %p: recommended %s",
    (panel, satisfaction, total, recommended) => {
      expect(one({ scores: unanimous(panelOf(panel)), satisfaction })).toMatchObject({
        total,
        recommended,
      });
    }
  );

  it("tells 汇总's 达线数 per tier: totals at or above the line, not vetoed", () => {
    const rubric = withOverrides(RUBRIC, { quotas: { city: 3 } });
    const result = assessmentFigures({ nominees: carried(ROWS, rubric), rubric, asOf: AS_OF });
    // City: A, B, C, D, F pass (V vetoed, E 80, I incomplete); province: P 70 does not.
    expect(result.tiers).toEqual([
      { tier: "province", passed: 0, quota: null },
      { tier: "city", passed: 5, quota: 3 },
    ]);
  });
});

describe("RULES §4.2: sector quotas, ties at the line, 差额", () => {
  // City tier, every nominee unanimous, total = panel × 0.8 + satisfaction × 0.2 = the figure given to both.
  // Tier ranks: V1 95 → 1, V2 92 → 2, O1 91 → 3, V3 and V4 90 (equal all along) → 4, 4, O2 88 → 6, V5 86 → 7,
  // O3 84 → 8 (below the pass line 85). Within 村党组织: V1 1, V2 2, V3 3, V4 3, V5 5; within 机关: O1 1, O2 2, O3 3.
  const at = (figure: number, sector: SectorCode): Row => ({
    scores: unanimous(panelOf(figure)),
    satisfaction: figure,
    sector,
  });
  const ROWS: Row[] = [
    at(95, "village"), // V1
    at(92, "village"), // V2
    at(91, "organ"), // O1
    at(90, "village"), // V3
    at(90, "village"), // V4
    at(88, "organ"), // O2
    at(86, "village"), // V5
    at(84, "organ"), // O3
  ];
  const quotas = (quotas: Rubric["quotas"]): Rubric => ({ ...RUBRIC, quotas });
  const show = (rubric: Rubric) => {
    const rows = figures(ROWS, rubric);
    return {
      rank: rows.map((r) => r.rank),
      sectorRank: rows.map((r) => r.sectorRank),
      recommended: rows.map((r) => r.recommended),
      tie: rows.map((r) => r.tie),
      candidate: rows.map((r) => r.candidate),
    };
  };

  it("with a tier quota alone: rank ≤ 6 passes, no sector rank, the tie inside the quota is no 并列", () => {
    expect(show(quotas({ byTier: { city: 6 } }))).toEqual({
      rank: [1, 2, 3, 4, 4, 6, 7, 8],
      sectorRank: [null, null, null, null, null, null, null, null],
      recommended: ["是", "是", "是", "是", "是", "是", "否", "否"],
      tie: [null, null, null, null, null, null, null, null],
      candidate: [null, null, null, null, null, null, null, null],
    });
  });

  it("with a sector quota too, both must hold: 村 2 leaves V3 and V4 (村 rank 3) out, 机关 follows the tier", () => {
    expect(show(quotas({ byTier: { city: 6 }, bySectorTier: { city: { village: 2 } } }))).toEqual({
      rank: [1, 2, 3, 4, 4, 6, 7, 8],
      sectorRank: [1, 2, null, 3, 3, null, 5, null],
      recommended: ["是", "是", "是", "否", "否", "是", "否", "否"],
      tie: [null, null, null, null, null, null, null, null],
      candidate: [null, null, null, null, null, null, null, null],
    });
  });

  it("the sector quota binds when the tier's is not set: 机关 1 takes O1 only", () => {
    expect(show(quotas({ byTier: {}, bySectorTier: { city: { organ: 1 } } })).recommended).toEqual([
      "是",
      "是",
      "是",
      "是",
      "是",
      "否", // 机关 rank 2 > 1
      "是",
      "否", // 84 < 85
    ]);
  });

  it("a tie at the sector line: 村 3 recommends V3 and V4 (both 村 rank 3), each marked 并列", () => {
    const shown = show(quotas({ byTier: { city: 6 }, bySectorTier: { city: { village: 3 } } }));
    expect(shown.recommended).toEqual(["是", "是", "是", "是", "是", "是", "否", "否"]);
    // 村 rank 3 + 2 sharing it − 1 = 4 > 3: four recommended for three places.
    expect(shown.tie).toEqual([null, null, null, "并列", "并列", null, null, null]);
  });

  it("a tie at the tier line: quota 4 recommends V3 and V4 (rank 4), 并列, and O2 (rank 6) not", () => {
    const shown = show(quotas({ byTier: { city: 4 } }));
    expect(shown.recommended).toEqual(["是", "是", "是", "是", "是", "否", "否", "否"]);
    expect(shown.tie).toEqual([null, null, null, "并列", "并列", null, null, null]);
  });

  it("twin: quota 5 holds the tie (4 + 2 − 1 = 5), so nobody is marked 并列", () => {
    const shown = show(quotas({ byTier: { city: 5 } }));
    expect(shown.recommended).toEqual(["是", "是", "是", "是", "是", "否", "否", "否"]);
    expect(shown.tie).toEqual([null, null, null, null, null, null, null, null]);
  });

  it.each([
    // quota 4 × 1.2 = 4.8 → 5 places: ranks 1–5 (V3, V4 at 4), O2 (6) out.
    [4, 1.2, ["是", "是", "是", "是", "是", "否", "否", "否"]],
    // quota 4 × 1.5 = 6 places: O2 in; V5 (7) out; O3 (rank 8) fails the pass line anyway.
    [4, 1.5, ["是", "是", "是", "是", "是", "是", "否", "否"]],
    // quota 4 × 2 = 8 places: O3 within them, but 84 < 85: only those that pass go forward.
    [4, 2, ["是", "是", "是", "是", "是", "是", "是", "否"]],
  ] as const)("差额: quota %p at 1:%p puts forward %p", (quota, ratio, candidate) => {
    const shown = show(quotas({ byTier: { city: quota }, candidateRatio: ratio }));
    expect(shown.candidate).toEqual(candidate);
    // The recommendation still follows the quota itself.
    expect(shown.recommended.filter((r) => r === "是")).toHaveLength(5);
  });

  it("差额 with a sector quota: 村 2 × 1.2 = 2.4 → 3 places, so V3 and V4 (村 rank 3) go forward", () => {
    const shown = show(
      quotas({ byTier: { city: 6 }, bySectorTier: { city: { village: 2 } }, candidateRatio: 1.2 })
    );
    // Tier places ROUNDUP(6 × 1.2) = 8; 村 places 3: V5 (村 rank 5) out; O3 fails the pass line.
    expect(shown.candidate).toEqual(["是", "是", "是", "是", "是", "是", "否", "否"]);
    expect(shown.recommended).toEqual(["是", "是", "是", "否", "否", "是", "否", "否"]);
  });

  it("差额 places are exact: 25 × 1.12 = 28 places (28.000000000000004 in binary), rank 29 out", () => {
    // Thirty nominees at 100, 99.5, … 85.5: ranks 1–30, all passing.
    const rows: Row[] = Array.from({ length: 30 }, (_u, i) => ({
      scores: unanimous(panelOf(100 - i / 2)),
      satisfaction: 100 - i / 2,
    }));
    const rubric = quotas({ byTier: { city: 25 }, candidateRatio: 1.12 });
    const shown = figures(rows, rubric);
    expect(shown.map((r) => r.rank)).toEqual(Array.from({ length: 30 }, (_u, i) => i + 1));
    expect(shown.map((r) => r.candidate)).toEqual([
      ...Array.from({ length: 28 }, () => "是"),
      "否",
      "否",
    ]);
  });

  it("a nominee without a sector is held to the tier quota only", () => {
    const rows: Row[] = [
      at(95, "village"),
      at(94, "village"),
      { ...at(93, "village"), sector: null },
    ];
    const rubric = quotas({ byTier: {}, bySectorTier: { city: { village: 1 } } });
    expect(figures(rows, rubric).map((r) => [r.sectorRank, r.recommended])).toEqual([
      [1, "是"],
      [2, "否"],
      [null, "是"],
    ]);
  });
});

describe("RULES §5: dynamic management, first match wins", () => {
  const PARAMS = { asOf: AS_OF, cycleMonths: 24, windowDays: 90, passLine: 85 };

  function site(awardedOn: string, more: Partial<DynamicSite> = {}): DynamicSite {
    return {
      id: "S",
      name: "某党支部",
      tier: "city",
      sector: "village",
      awardedOn: awardedOn as IsoDate,
      lastReviewOn: null,
      lastReviewScore: null,
      lastReviewVeto: null,
      cycleTotal: null,
      cycleVeto: null,
      source: { sheet: "台账", row: 3 },
      ...more,
    };
  }

  // As of 2014-06-30, 24 months, 90 days: awarded 2012-06-30 is due 2014-06-30 (due soon: as-of = due date);
  // awarded 2012-06-29 is due 2014-06-29 (overdue by a day); due − 90 days: due 2014-09-28 (awarded 2012-09-28)
  // is due soon on the first day of the window; due 2014-09-29 is still 正常.
  it.each([
    [
      "this cycle at the line: 保留",
      site("2012-01-01", { cycleTotal: 85, cycleVeto: false }),
      "保留",
    ],
    [
      "this cycle below the line: 淘汰",
      site("2012-01-01", { cycleTotal: 84.99, cycleVeto: false }),
      "淘汰",
    ],
    [
      "this cycle vetoed whatever the total: 淘汰",
      site("2012-01-01", { cycleTotal: 99, cycleVeto: true }),
      "淘汰",
    ],
    [
      "this cycle passing outweighs an old low review: 保留",
      site("2012-01-01", {
        lastReviewOn: "2013-01-01" as IsoDate,
        lastReviewScore: 60,
        cycleTotal: 90,
      }),
      "保留",
    ],
    [
      "no total this cycle, last review below the line: 淘汰",
      site("2013-01-01", { lastReviewOn: "2013-06-30" as IsoDate, lastReviewScore: 84.99 }),
      "淘汰",
    ],
    [
      "no total this cycle, last review at the line: by the calendar",
      site("2013-01-01", { lastReviewOn: "2013-06-30" as IsoDate, lastReviewScore: 85 }),
      "正常",
    ],
    [
      "no total this cycle, last review vetoed: 淘汰",
      site("2013-01-01", {
        lastReviewOn: "2013-06-30" as IsoDate,
        lastReviewScore: 95,
        lastReviewVeto: true,
      }),
      "淘汰",
    ],
    ["a day past the due date: 逾期", site("2012-06-29"), "逾期"],
    ["on the due date: 待考评", site("2012-06-30"), "待考评"],
    ["the window's first day (due − 90 days): 待考评", site("2012-09-28"), "待考评"],
    ["a day before the window: 正常", site("2012-09-29"), "正常"],
    [
      "a review later than the award restarts the cycle",
      site("2011-01-01", { lastReviewOn: "2013-01-01" as IsoDate, lastReviewScore: 90 }),
      "正常", // due 2015-01-01
    ],
    [
      "a review earlier than the award does not move the cycle back",
      site("2012-06-30", { lastReviewOn: "2010-01-01" as IsoDate, lastReviewScore: 90 }),
      "待考评", // due 2014-06-30 from the award
    ],
  ] as const)("%s", (_case, theSite, status) => {
    expect(judgeSites([theSite], PARAMS)[0]?.status).toBe(status);
  });

  it("adds calendar months as EDATE does: 29 February and month ends", () => {
    // Awarded 2012-02-29, 12-month cycle: due 2013-02-28; as of 2013-02-28 due soon, as of 2013-03-01 overdue.
    const leap = site("2012-02-29");
    const yearly = { ...PARAMS, cycleMonths: 12 };
    expect(judgeSites([leap], { ...yearly, asOf: "2013-02-28" as IsoDate })[0]?.status).toBe(
      "待考评"
    );
    expect(judgeSites([leap], { ...yearly, asOf: "2013-03-01" as IsoDate })[0]?.status).toBe(
      "逾期"
    );
    // Awarded 2012-08-31, 1 month: due 2012-09-30 (September has 30 days); as of 2012-10-01 overdue.
    const monthEnd = site("2012-08-31");
    const monthly = { ...PARAMS, cycleMonths: 1, windowDays: 0 };
    expect(judgeSites([monthEnd], { ...monthly, asOf: "2012-09-30" as IsoDate })[0]?.status).toBe(
      "待考评"
    );
    expect(judgeSites([monthEnd], { ...monthly, asOf: "2012-10-01" as IsoDate })[0]?.status).toBe(
      "逾期"
    );
  });

  it("says why a site needs action, and nothing for 保留 and 正常", () => {
    const judged = judgeSites(
      [
        site("2012-01-01", { cycleTotal: 99, cycleVeto: true }),
        site("2012-01-01", { cycleTotal: 80 }),
        site("2013-01-01", { lastReviewOn: "2013-06-30" as IsoDate, lastReviewScore: 80 }),
        site("2012-06-29"),
        site("2012-06-30"),
        site("2012-01-01", { cycleTotal: 90 }),
        site("2013-01-01"),
      ],
      PARAMS
    );
    expect(judged.map((j) => [j.status, j.reason])).toEqual([
      ["淘汰", "本轮考核一票否决"],
      ["淘汰", "本轮考核总分低于分数线"],
      ["淘汰", "最近考评得分低于分数线"],
      ["逾期", "已超过下次考评日期"],
      ["待考评", "临近下次考评日期"],
      ["保留", ""],
      ["正常", ""],
    ]);
  });

  it("takes this cycle's total and veto from 考核表, and gives a candidate no status", () => {
    // Rows: 85 (保留), 84.99 (淘汰), 95 vetoed (淘汰), incomplete (by the calendar: awarded 2012-06-29 → 逾期),
    // a candidate without an award date (no status).
    const rows: Row[] = [
      { scores: unanimous(panelOf(85)), satisfaction: 85 },
      { scores: unanimous(panelOf(85)), satisfaction: 84.95 },
      { scores: unanimous(panelOf(95)), satisfaction: 95, veto: true },
      { scores: unanimous(panelOf(95)), satisfaction: null },
      { scores: unanimous(panelOf(95)), satisfaction: 95 },
    ];
    const nominees = carried(rows, RUBRIC);
    const firstRow = assessmentLayout(
      ["C1", "C2", "C3", "C4"],
      RUBRIC.judges,
      rows.length,
      3
    ).firstRow;
    const sites = ["2012-01-01", "2012-01-01", "2012-01-01", "2012-06-29"].map((awarded, i) =>
      site(awarded, { id: `S${i}`, assessmentRow: firstRow + i })
    );
    const result = assessmentFigures({ nominees, rubric: RUBRIC, asOf: AS_OF, sites });
    expect(result.rows.map((r) => r.status)).toEqual(["保留", "淘汰", "淘汰", "逾期", null]);
  });
});

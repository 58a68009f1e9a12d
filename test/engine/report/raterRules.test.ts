/**
 * RULES §4.1 (rater groups, 三评议) and §4.3 (bad entries) from the rules, not from the code: every figure below
 * was worked out by hand (the arithmetic is in the comments); the engine computes it only by evaluating the
 * workbook's own formulas (assessmentFigures: the compiled plan through the interpreter).
 */
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import type {
  CarriedNominee,
  EnteredInputs,
  RejectedEntry,
} from "../../../src/engine/plan/AssessmentModel";
import {
  assessmentFigures,
  type AssessmentFigures,
  type RowFigures,
} from "../../../src/engine/report/assessmentFigures";
import { BUILTIN_RUBRICS } from "../../../src/engine/rubric";
import { withWeights, type Rubric } from "../../../src/engine/rubric/Rubric";

/** 三评议: 百千万's criteria scored by 5 leaders (the panel, 0.4), 10 members (党员互评, 0.3), 群众评议 (0.3). */
const RUBRIC = BUILTIN_RUBRICS.sanpingyi;
const AS_OF = "2014-06-30" as IsoDate;

type Scores = readonly (number | null)[];

interface Row {
  /** Every leader gives these four scores: the panel is their sum. */
  readonly panel?: Scores;
  /** The members' scores, rater by rater (missing raters blank). */
  readonly peers: Scores;
  readonly satisfaction?: number | null;
  readonly rejected?: readonly RejectedEntry[];
}

function carried(rows: readonly Row[], rubric: Rubric): CarriedNominee[] {
  return rows.map((row, i) => {
    const inputs: EnteredInputs = {
      scores: Array.from({ length: rubric.judges }, () => row.panel ?? [27, 18, 22.5, 22.5]),
      satisfaction: row.satisfaction === undefined ? 90 : row.satisfaction,
      veto: null,
      raters: { peers: row.peers },
      ...(row.rejected ? { rejected: row.rejected } : {}),
    };
    return {
      id: `SF-${String(i + 1).padStart(4, "0")}`,
      name: `示范点${i + 1}`,
      sector: "village",
      tier: "city",
      region: null,
      source: { sheet: "推荐表", row: i + 3 },
      inputs,
      vanished: false,
    };
  });
}

function evaluate(rows: readonly Row[], rubric: Rubric = RUBRIC): AssessmentFigures {
  return assessmentFigures({ nominees: carried(rows, rubric), rubric, asOf: AS_OF });
}

function one(row: Row, rubric: Rubric = RUBRIC): RowFigures {
  const [only] = evaluate([row], rubric).rows;
  if (!only) throw new Error("no figures");
  return only;
}

describe("RULES §4.1: a rater group's score", () => {
  it.each<[string, Scores, number | null]>([
    // 80 + 90 + 70 = 240 / 3.
    ["three raters: the plain mean", [80, 90, 70], 80],
    // (80 + 90 + 70 + 85) / 4 = 81.25.
    ["four raters: the plain mean", [80, 90, 70, 85], 81.25],
    // Five: drop 95 and 60, (80 + 90 + 70) / 3 = 80.
    ["five raters: one highest and one lowest dropped", [80, 90, 70, 95, 60], 80],
    // Ten: drop 100 and 50; 70+75+80+85+90+80+75+70 = 625 / 8 = 78.125 → 78.13 (half away from zero).
    ["ten raters, rounded half away from zero", [100, 70, 75, 80, 85, 90, 80, 75, 70, 50], 78.13],
    // Two raters: below the minimum of 3.
    ["two raters: incomplete", [80, 90], null],
    // Blanks are abstentions: 3 present → plain mean (60 + 70 + 80) / 3 = 70.
    ["blanks are abstentions, never zeros", [60, null, 70, null, 80], 70],
    // Five present among blanks: drop 100 and 0 → (50 + 60 + 70) / 3 = 60.
    ["zero is a score", [null, 100, 50, 0, 60, null, 70], 60],
  ])("%s", (_case, peers, expected) => {
    expect(one({ peers }).raters).toEqual([expected]);
  });
});

describe("RULES §4.1: the total of 三评议", () => {
  it("weights the three components 0.4 / 0.3 / 0.3 and rounds to 0.01", () => {
    // Panel 27 + 18 + 22.5 + 22.5 = 90; peers 81.25; satisfaction 87.
    // 90 × 0.4 + 81.25 × 0.3 + 87 × 0.3 = 36 + 24.375 + 26.1 = 86.475 → 86.48.
    const row = one({ peers: [80, 90, 70, 85], satisfaction: 87 });
    expect(row.panel).toBe(90);
    expect(row.total).toBe(86.48);
    expect(row.grade).toBe("良好");
    expect(row.recommended).toBe("是");
  });

  it("leaves the total blank while the rater group is incomplete", () => {
    const row = one({ peers: [80, 90] });
    expect(row.total).toBeNull();
    expect(row.grade).toBeNull();
    expect(row.rank).toBeNull();
  });

  it("ranks by the weighted total", () => {
    // Same panel (90) and satisfaction (90): 36 + 27 = 63 plus 0.3 × peers. 90 → 90.0, 80 → 87.0.
    const rows = evaluate([{ peers: [80, 80, 80] }, { peers: [90, 90, 90] }]).rows;
    expect(rows.map((r) => r.total)).toEqual([87, 90]);
    expect(rows.map((r) => r.rank)).toEqual([2, 1]);
  });

  it("takes the weights as 评分标准 holds them (an official's edit)", () => {
    // 0.5 / 0.2 / 0.3: 90 × 0.5 + 80 × 0.2 + 90 × 0.3 = 45 + 16 + 27 = 88.
    const edited = withWeights(
      RUBRIC,
      new Map([
        ["panel", 0.5],
        ["peers", 0.2],
        ["satisfaction", 0.3],
      ])
    );
    expect(one({ peers: [80, 80, 80] }, edited).total).toBe(88);
  });
});

describe("RULES §4.1: the weights sum to 1", () => {
  it("says nothing when they do (0.4 + 0.3 + 0.3)", () => {
    expect(evaluate([{ peers: [80, 80, 80] }]).weightWarning).toBeNull();
  });

  it("warns, with the sum, when they do not (0.4 + 0.4 + 0.3 = 110%)", () => {
    const edited = withWeights(RUBRIC, new Map([["peers", 0.4]]));
    const figures = evaluate([{ peers: [80, 80, 80] }], edited);
    expect(figures.weightWarning).toBe("⚠ 各部分权重之和应为 100%，现为 110%");
    // The total still weighs as the sheet says: 36 + 32 + 27 = 95.
    expect(figures.rows[0]?.total).toBe(95);
  });

  it("warns for 百千万 too (0.8 + 0.1 = 90%)", () => {
    const edited = withWeights(BUILTIN_RUBRICS.baiqianwan, new Map([["satisfaction", 0.1]]));
    const figures = assessmentFigures({
      nominees: [],
      rubric: edited,
      asOf: AS_OF,
    });
    expect(figures.weightWarning).toBe("⚠ 各部分权重之和应为 100%，现为 90%");
  });
});

describe("RULES §4.3: a rater's entry that cannot count", () => {
  it.each<[string, Row]>([
    ["above 100", { peers: [80, 90, 100.5] }],
    ["below 0", { peers: [80, 90, -1] }],
    ["off the 0.5 step", { peers: [80, 90, 70.3] }],
    ["text", { peers: [80, 90, 70, null], rejected: [{ group: "peers", rater: 3, value: "优" }] }],
    ["TRUE", { peers: [80, 90, 70, null], rejected: [{ group: "peers", rater: 3, value: true }] }],
  ])("%s: the group and the total show 待更正, no grade or rank", (_case, row) => {
    const figures = one(row);
    expect(figures.toCorrect.raters).toEqual([true]);
    expect(figures.toCorrect.total).toBe(true);
    expect(figures.grade).toBeNull();
    expect(figures.rank).toBeNull();
    expect(figures.recommended).toBeNull();
  });

  it.each<[string, Scores, number]>([
    ["exactly 100", [100, 100, 100], 100],
    ["exactly 0", [0, 0, 0], 0],
    ["a half point", [80.5, 80.5, 80.5], 80.5],
  ])("%s counts", (_case, peers, expected) => {
    const figures = one({ peers });
    expect(figures.toCorrect.raters).toEqual([false]);
    expect(figures.raters).toEqual([expected]);
  });
});

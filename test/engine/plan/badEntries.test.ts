/**
 * RULES §4.3 (issue #11 §3): a score above its maximum, below 0, off the 0.5 step, text or TRUE/FALSE, or a
 * satisfaction outside 0…100, is counted by no formula; the nominee shows 待更正 with no total, grade, rank or
 * recommendation. A blank (or an empty text) is an abstention. Worked by hand with 3 judges on 百千万
 * (maxima 30/20/25/25), evaluated from the plan's own formulas; text and TRUE are typed over the plan's inputs.
 */
import { evaluatePlan } from "../../../src/engine/compute";
import { BUILTIN_RUBRICS, type IsoDate } from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import type { CellValue } from "../../../src/engine/interpret";
import { nominee } from "./assessmentFixtures";

const asOf = "2012-06-30" as IsoDate;
const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3 });
const CLEAN = [27, 18, 22, 23];

/** Every judge gives CLEAN (panel 90) except judge 1 on `criterion` (0-based), who gives `score`. */
function withScore(criterion: number, score: number | null, satisfaction = 90): EnteredInputs {
  const judge1 = CLEAN.map((s, c) => (c === criterion ? score : s));
  return { scores: [judge1, CLEAN, CLEAN], satisfaction, veto: null };
}

interface Shown {
  criterion: CellValue | undefined;
  panel: CellValue | undefined;
  total: CellValue | undefined;
  grade: CellValue | undefined;
  rank: CellValue | undefined;
  recommended: CellValue | undefined;
  progress: CellValue | undefined;
}

/**
 * 考核表 for `inputs` (all 省级), with `typed` entered over them: [sheet, nominee index, column, value].
 * Returns what each row shows; `criterion` is the column of the criterion `shownCriterion`.
 */
function assess(
  inputs: readonly EnteredInputs[],
  typed: readonly [string, number, "score" | "satisfaction", CellValue][] = [],
  shownCriterion = 0
): Shown[] {
  const { plan, layout } = compileWithInputs(
    {
      nominees: inputs.map((_i, n) => nominee({ name: `示范点${n + 1}`, row: 5 + n })),
      issues: [],
    },
    { rubric, asOf, today: asOf },
    [...inputs]
  );
  const m = layout.main;
  const overrides = new Map(
    typed.map(([sheet, index, what, value]) => [
      `${sheet}|${layout.firstRow + index}|${what === "score" ? layout.judgeScoreColumns[0] : m.satisfaction}`,
      value,
    ])
  );
  const values = evaluatePlan(plan, {
    today: asOf,
    inputs: (sheet, row, col) => overrides.get(`${sheet}|${row}|${col}`),
  });
  return inputs.map((_i, n) => {
    const at = (col: number) => values.value("考核表", layout.firstRow + n, col);
    return {
      criterion: at(m.criteria[shownCriterion] as number),
      panel: at(m.panel),
      total: at(m.total),
      grade: at(m.grade),
      rank: at(m.rank),
      recommended: at(m.recommended),
      progress: at(m.progress),
    };
  });
}

const TO_CORRECT: Shown = {
  criterion: "待更正",
  panel: "待更正",
  total: "待更正",
  grade: "",
  rank: "",
  recommended: "",
  progress: "待更正",
};

describe("entries that cannot count (RULES §4.3)", () => {
  it.each([
    ["25.5 in a 25-point criterion", 2, 25.5],
    ["a score below 0", 0, -0.5],
    ["a score off the 0.5 step", 0, 20.3],
    ["a score above 30 in the 30-point criterion", 0, 31],
  ])("%s is counted by no formula: 待更正, no grade, rank or recommendation", (_case, c, score) => {
    const [bad, clean] = assess([withScore(c, score), withScore(0, 27)], [], c);
    expect(bad).toEqual(TO_CORRECT);
    // The clean nominee (panel 90, total 90) ranks first and alone: today's 25.5 no longer outranks it.
    expect(clean).toMatchObject({ total: 90, grade: "优秀", rank: 1, recommended: "是" });
  });

  it.each([
    // C3 (25+22+22)/3 = 23, panel 27+18+23+23 = 91, total 72.8+18 = 90.8.
    ["the maximum itself", 2, 25, { criterion: 23, panel: 91, total: 90.8 }],
    // C1 (0+27+27)/3 = 18, panel 81, total 64.8+18 = 82.8.
    ["zero", 0, 0, { criterion: 18, panel: 81, total: 82.8 }],
    // C1 (20.5+27+27)/3 = 24.8333 → 24.83, panel 87.83, total 70.264+18 = 88.264 → 88.26.
    ["a half step", 0, 20.5, { criterion: 24.83, panel: 87.83, total: 88.26 }],
  ])("%s counts", (_case, c, score, shown) => {
    expect(assess([withScore(c, score)], [], c)[0]).toMatchObject({ ...shown, progress: "3/3" });
  });

  it.each([
    ["text", "二十"],
    ["TRUE", true],
    ["FALSE", false],
    ["a number typed as text", "27"],
  ])("%s in a score cell is counted by no formula", (_case, value) => {
    const [bad] = assess([withScore(0, null)], [["评委1", 0, "score", value]]);
    expect(bad).toEqual(TO_CORRECT);
  });

  it("takes a blank or an empty text for an abstention, never an error: two scores leave C1 incomplete", () => {
    const [blank] = assess([withScore(0, null)]);
    const [empty] = assess([withScore(0, null)], [["评委1", 0, "score", ""]]);
    for (const shown of [blank, empty])
      expect(shown).toEqual({
        criterion: "",
        panel: "",
        total: "",
        grade: "",
        rank: "",
        recommended: "",
        progress: "2/3",
      });
  });

  it.each([
    ["120", 120],
    ["-1", -1],
    ["100.5", 100.5],
  ])("satisfaction %s is counted by no formula", (_case, satisfaction) => {
    const [bad] = assess([withScore(0, 27, satisfaction)]);
    expect(bad).toEqual({ ...TO_CORRECT, criterion: 27, panel: 90 });
  });

  it.each([
    ["text", "满意"],
    ["TRUE", true],
  ])("satisfaction as %s is counted by no formula", (_case, value) => {
    const [bad] = assess([withScore(0, 27)], [["考核表", 0, "satisfaction", value]]);
    expect(bad).toEqual({ ...TO_CORRECT, criterion: 27, panel: 90 });
  });

  it.each([
    // Panel 90: 72 + 20 = 92; 72 + 0 = 72; 72 + 17.074 = 89.074 → 89.07 (a figure takes no step).
    [100, 92],
    [0, 72],
    [85.37, 89.07],
  ])("satisfaction %p counts: total %p", (satisfaction, total) => {
    expect(assess([withScore(0, 27, satisfaction)])[0]?.total).toBe(total);
  });
});

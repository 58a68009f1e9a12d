/**
 * Grades (RULES §4: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格) come from one flat lookup on 评分标准's band table,
 * however many bands (issue #12 §3): worked by hand at every edge, evaluated from the plan's own formulas.
 */
import { evaluatePlan } from "../../../src/engine/compute";
import { BUILTIN_RUBRICS, type IsoDate, type Rubric } from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { formulaAt, nominee } from "./assessmentFixtures";

const asOf = "2012-06-30" as IsoDate;
const baiqianwan = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3 });

/** Three judges agreeing on criterion scores that add up to `panel` (30/20/25/25 split), and a satisfaction. */
function scoredTo(panel: number, satisfaction: number, veto: boolean | null = null): EnteredInputs {
  const c1 = Math.min(30, panel);
  const c2 = Math.min(20, panel - c1);
  const c3 = Math.min(25, panel - c1 - c2);
  const c4 = panel - c1 - c2 - c3;
  const judge = [c1, c2, c3, c4];
  return { scores: [judge, judge, judge], satisfaction, veto };
}

function gradesOf(rubric: Rubric, inputs: readonly EnteredInputs[]) {
  const { plan, layout } = compileWithInputs(
    {
      nominees: inputs.map((_input, i) => nominee({ name: `示范点${i + 1}`, row: 5 + i })),
      issues: [],
    },
    { rubric, asOf, today: asOf },
    [...inputs]
  );
  const values = evaluatePlan(plan, { today: asOf });
  return {
    plan,
    rows: inputs.map((_input, i) => ({
      total: values.value("考核表", layout.firstRow + i, layout.main.total),
      grade: values.value("考核表", layout.firstRow + i, layout.main.grade),
    })),
  };
}

describe("grade bands", () => {
  // Total = ROUND(panel × 0.8 + satisfaction × 0.2, 2), so panel 90 with satisfaction 89.95 is 72 + 17.99 = 89.99.
  it.each([
    [90, 90, 90, "优秀"],
    [90, 89.95, 89.99, "良好"],
    [80, 80, 80, "良好"],
    [80, 79.95, 79.99, "合格"],
    [60, 60, 60, "合格"],
    [60, 59.95, 59.99, "不合格"],
    [0, 0, 0, "不合格"],
    [100, 100, 100, "优秀"],
  ])("panel %p and satisfaction %p: total %p is %p", (panel, satisfaction, total, grade) => {
    const { rows } = gradesOf(baiqianwan, [scoredTo(panel, satisfaction)]);
    expect(rows[0]).toEqual({ total, grade });
  });

  it("grades a vetoed nominee 不合格 and an incomplete one not at all", () => {
    const { rows } = gradesOf(baiqianwan, [
      scoredTo(100, 100, true),
      { scores: [[30, 20, 25, 25]], satisfaction: 100, veto: null },
    ]);
    expect(rows).toEqual([
      { total: 100, grade: "不合格" },
      { total: "", grade: "" },
    ]);
  });

  it("grades by the highest band reached, whatever order the bands are listed in", () => {
    const shuffled: Rubric = {
      ...baiqianwan,
      gradeBands: [
        { grade: "合格", min: 60 },
        { grade: "优秀", min: 90 },
        { grade: "良好", min: 80 },
      ],
    };
    const { rows } = gradesOf(shuffled, [scoredTo(95, 95), scoredTo(85, 85), scoredTo(65, 65)]);
    expect(rows.map((row) => row.grade)).toEqual(["优秀", "良好", "合格"]);
  });

  it("compiles 80 bands to one flat formula, not 80 nested IFs", () => {
    // Bands at 99, 98 … 20, named B99 … B20.
    const many: Rubric = {
      ...baiqianwan,
      gradeBands: Array.from({ length: 80 }, (_u, b) => ({ grade: `B${99 - b}`, min: 99 - b })),
    };
    const { plan, rows } = gradesOf(many, [
      scoredTo(85, 85),
      scoredTo(85, 84.95),
      scoredTo(20, 20),
      scoredTo(19.5, 19.5),
      scoredTo(100, 100),
    ]);
    expect(rows).toEqual([
      { total: 85, grade: "B85" },
      { total: 84.99, grade: "B84" },
      { total: 20, grade: "B20" },
      { total: 19.5, grade: "不合格" },
      { total: 100, grade: "B99" },
    ]);
    const grade = formulaAt(plan, "考核表", "N3");
    expect(grade.match(/\bIF\(/g)).toHaveLength(3);
    expect(grade.length).toBeLessThan(300);
  });
});

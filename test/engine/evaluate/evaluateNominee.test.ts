import fc from "fast-check";
import {
  criterionScore,
  evaluateNominee,
  gradeOf,
  type NomineeInputs,
} from "../../../src/engine/evaluate/evaluateNominee";
import { BUILTIN_RUBRICS, type Rubric } from "../../../src/engine/rubric";

const rubric = BUILTIN_RUBRICS.baiqianwan;
type Row = (number | null)[];

/** Judges' rows from criterion columns: columns[c][j] is judge j's score for criterion c. */
function byCriterion(...columns: Row[]): Row[] {
  const judges = Math.max(...columns.map((column) => column.length));
  return Array.from({ length: judges }, (_unused, j) => columns.map((column) => column[j] ?? null));
}

function inputs(
  scores: Row[],
  satisfaction: number | null = 90,
  veto: boolean | null = null
): NomineeInputs {
  return { scores, satisfaction, veto };
}

describe("evaluateNominee: criterion scores", () => {
  it("takes the plain mean of three judges", () => {
    const out = evaluateNominee(
      inputs([
        [28, 18, 22, 23],
        [27, 18, 23, 22],
        [26, 17, 22, 22],
      ]),
      rubric
    );
    expect(out).toEqual({
      criteria: [27, 17.67, 22.33, 22.33],
      judgesComplete: 3,
      panel: 89.33,
      total: 89.46,
      grade: "良好",
      complete: true,
      vetoed: false,
    });
  });

  it("drops one highest and one lowest score when five judges scored", () => {
    const out = evaluateNominee(
      inputs(
        byCriterion(
          [30, 25, 26, 27, 20],
          [20, 20, 20, 20, 20],
          [25, 25, 25, 25, 25],
          [25, 25, 25, 25, 25]
        )
      ),
      rubric
    );
    // (128 − 30 − 20)/3 = 26, not the plain mean 25.6
    expect(out.criteria[0]).toBe(26);
  });

  it("drops only one of several equal highest scores", () => {
    expect(criterionScore([30, 30, 30, 20, 25], rubric)).toBe(28.33);
  });

  it("takes the plain mean of the four scores present when one of five judges abstains", () => {
    const out = evaluateNominee(
      inputs(
        byCriterion(
          [30, null, 26, 27, 20],
          [20, 20, 20, 20, 20],
          [25, 25, 25, 25, 25],
          [25, 25, 25, 25, 25]
        )
      ),
      rubric
    );
    // 103/4 = 25.75; trimming as if five had scored would give (103−30−20)/2 = 26.5
    expect(out.criteria[0]).toBe(25.75);
    expect(out.judgesComplete).toBe(4);
  });

  it("rounds a quarter mean half away from zero", () => {
    expect(criterionScore([22.5, 23, 22.5, 22.5], rubric)).toBe(22.63);
  });

  it("treats a blank as not scored, never as zero", () => {
    expect(criterionScore([28, 28, 28], rubric)).toBe(28);
    const out = evaluateNominee(
      inputs(byCriterion([28, 28, 28, null, null], [20, 20, 20], [25, 25, 25], [25, 25, 25])),
      rubric
    );
    expect(out.criteria[0]).toBe(28);
  });

  it("leaves a criterion incomplete when fewer than minJudges scored", () => {
    const out = evaluateNominee(
      inputs(byCriterion([28, 27, null, null, null], [20, 20, 20], [25, 25, 25], [25, 25, 25])),
      rubric
    );
    expect(out).toMatchObject({
      criteria: [null, 20, 25, 25],
      panel: null,
      total: null,
      grade: null,
      complete: false,
      judgesComplete: 2,
    });
  });

  it("follows a rubric with a lower minimum of judges", () => {
    const lenient: Rubric = { ...rubric, minJudges: 2 };
    expect(criterionScore([28, 27], lenient)).toBe(27.5);
    expect(criterionScore([28], lenient)).toBeNull();
  });

  it("reads a judge row shorter than the criteria as not scored", () => {
    const out = evaluateNominee(
      inputs([
        [28, 18],
        [27, 18, 23, 22],
        [26, 17, 22, 22],
      ]),
      rubric
    );
    expect(out.criteria.slice(2)).toEqual([null, null]);
    expect(out.judgesComplete).toBe(2);
  });

  it("counts no judge as complete before anyone scores", () => {
    const out = evaluateNominee(inputs([[], [], [], [], []], null), rubric);
    expect(out).toEqual({
      criteria: [null, null, null, null],
      judgesComplete: 0,
      panel: null,
      total: null,
      grade: null,
      complete: false,
      vetoed: false,
    });
  });
});

describe("evaluateNominee: panel, total, grade, veto", () => {
  const fullMarks = [
    [30, 20, 25, 25],
    [30, 20, 25, 25],
    [30, 20, 25, 25],
  ];

  it("has a panel but no total without satisfaction", () => {
    expect(evaluateNominee(inputs(fullMarks, null), rubric)).toMatchObject({
      panel: 100,
      total: null,
      grade: null,
      complete: false,
    });
  });

  it("weights the panel 0.8 and satisfaction 0.2", () => {
    expect(evaluateNominee(inputs(fullMarks, 50), rubric).total).toBe(90);
  });

  it("uses the rubric weights", () => {
    const even: Rubric = { ...rubric, weights: { panel: 0.5, satisfaction: 0.5 } };
    expect(evaluateNominee(inputs(fullMarks, 50), even).total).toBe(75);
  });

  it("keeps a vetoed complete nominee's total and grades it 不合格", () => {
    expect(evaluateNominee(inputs(fullMarks, 100, true), rubric)).toMatchObject({
      total: 100,
      grade: "不合格",
      vetoed: true,
      complete: true,
    });
  });

  it("reads veto null and false as 否", () => {
    expect(evaluateNominee(inputs(fullMarks, 100, null), rubric)).toMatchObject({
      grade: "优秀",
      vetoed: false,
    });
    expect(evaluateNominee(inputs(fullMarks, 100, false), rubric)).toMatchObject({
      grade: "优秀",
      vetoed: false,
    });
  });

  it("gives a vetoed incomplete nominee no grade, like every incomplete nominee", () => {
    expect(evaluateNominee(inputs(fullMarks, null, true), rubric)).toMatchObject({
      grade: null,
      vetoed: true,
      complete: false,
    });
  });

  it.each<[number, string]>([
    [100, "优秀"],
    [90, "优秀"],
    [89.99, "良好"],
    [80, "良好"],
    [79.99, "合格"],
    [60, "合格"],
    [59.99, "不合格"],
    [0, "不合格"],
  ])("grades a total of %p as %s", (total, grade) => {
    expect(gradeOf(total, rubric)).toBe(grade);
  });

  it("grades on the rounded total", () => {
    // panel 100·0.8 + 12.49·0.2 = 82.498 → 82.5; 良好 either way, but the figure graded is the rounded one.
    const out = evaluateNominee(inputs(fullMarks, 12.49), rubric);
    expect(out.total).toBe(82.5);
  });

  it("refuses more judges or criteria than the rubric has, and non-finite numbers", () => {
    expect(() => evaluateNominee(inputs([[], [], [], [], [], []]), rubric)).toThrow(/6 judges/);
    expect(() => evaluateNominee(inputs([[1, 2, 3, 4, 5]]), rubric)).toThrow(
      /5 scores for 4 criteria/
    );
    expect(() => evaluateNominee(inputs([[Number.NaN]]), rubric)).toThrow(/non-finite score/);
    expect(() => evaluateNominee(inputs([], Infinity), rubric)).toThrow(/satisfaction/);
  });
});

describe("evaluateNominee: properties", () => {
  const maxima = rubric.criteria.map((c) => c.max);
  /** A score in half points up to the criterion's max, or an abstention. */
  const scoreFor = (max: number) =>
    fc.option(
      fc.integer({ min: 0, max: max * 2 }).map((halves) => halves / 2),
      { freq: 4 }
    );
  const [max1 = 0, max2 = 0, max3 = 0, max4 = 0] = maxima;
  const matrix = fc.array(
    fc.tuple(scoreFor(max1), scoreFor(max2), scoreFor(max3), scoreFor(max4)),
    { minLength: 0, maxLength: 5 }
  );
  const satisfaction = fc.option(fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100));

  /** Reference in whole numbers: halves in, hundredths out, half-up; sort-based trimming. */
  function referenceCriterionHundredths(present: number[]): number | null {
    if (present.length < 3) return null;
    const halves = present.map((score) => Math.round(score * 2)).sort((a, b) => a - b);
    const kept = halves.length >= 5 ? halves.slice(1, -1) : halves;
    const numerator = 100 * kept.reduce((a, b) => a + b, 0);
    const denominator = 2 * kept.length;
    return Math.floor((2 * numerator + denominator) / (2 * denominator));
  }

  it("never throws, and a criterion is null exactly when fewer than three judges scored it", () => {
    fc.assert(
      fc.property(matrix, satisfaction, fc.option(fc.boolean()), (scores, sat, veto) => {
        const out = evaluateNominee({ scores, satisfaction: sat, veto }, rubric);
        rubric.criteria.forEach((_criterion, c) => {
          const present = scores.filter((judge) => judge[c] !== null).length;
          expect(out.criteria[c] === null).toBe(present < 3);
        });
        expect(out.complete).toBe(out.criteria.every((x) => x !== null) && sat !== null);
        expect(out.total === null).toBe(!out.complete);
      })
    );
  });

  it("matches a sort-based integer reference for criteria, panel and total", () => {
    fc.assert(
      fc.property(matrix, satisfaction, (scores, sat) => {
        const out = evaluateNominee({ scores, satisfaction: sat, veto: null }, rubric);
        const expected = rubric.criteria.map((_criterion, c) =>
          referenceCriterionHundredths(
            scores.map((judge) => judge[c] ?? null).filter((x): x is number => x !== null)
          )
        );
        expect(out.criteria).toEqual(expected.map((h) => (h === null ? null : h / 100)));
        if (expected.some((h) => h === null)) return;
        const panelHundredths = (expected as number[]).reduce((a, b) => a + b, 0);
        expect(out.panel).toBe(panelHundredths / 100);
        if (sat === null) return;
        const totalThousandths = 8 * panelHundredths + 2 * Math.round(sat * 100);
        expect(out.total).toBe(Math.floor((totalThousandths + 5) / 10) / 100);
      })
    );
  });
});

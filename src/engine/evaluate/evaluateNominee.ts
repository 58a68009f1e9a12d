/**
 * The engine's own results for one nominee (RULES §4), computed in the same operation order as the
 * assessment workbook's formulas so both agree to the last digit.
 */
import type { Rubric } from "../rubric/Rubric";
import { excelRound } from "../interpret/excelRound";

export interface NomineeInputs {
  /** [judge][criterion]; null = not scored (abstained or recused), never zero. */
  scores: (number | null)[][];
  /** 群众满意度, 0…100. */
  satisfaction: number | null;
  /** 一票否决; null = 否. */
  veto: boolean | null;
}

export interface NomineeOutputs {
  /** Per criterion: null when fewer than minJudges scored it. */
  criteria: (number | null)[];
  /** Judges who scored every criterion (progress such as 3/5). */
  judgesComplete: number;
  panel: number | null;
  total: number | null;
  grade: string | null;
  /** Every criterion complete and satisfaction present. */
  complete: boolean;
  vetoed: boolean;
}

/**
 * Criterion score as the sheet computes it: `ROUND((SUM−MAX−MIN)/(COUNT−2),2)` when at least
 * dropExtremesFrom judges scored, `ROUND(SUM/COUNT,2)` from minJudges on, else null.
 */
export function criterionScore(
  present: readonly number[],
  rubric: Pick<Rubric, "minJudges" | "dropExtremesFrom">
): number | null {
  const count = present.length;
  if (count < rubric.minJudges || count === 0) return null;
  // Summed in judge order, then max, then min subtracted: the sheet formula's order.
  const sum = present.reduce((acc, score) => acc + score, 0);
  if (count >= rubric.dropExtremesFrom) {
    const trimmed = sum - Math.max(...present) - Math.min(...present);
    return excelRound(trimmed / (count - 2), 2);
  }
  return excelRound(sum / count, 2);
}

/** Grade of a rounded total: the first band whose line it reaches, else the fail grade. */
export function gradeOf(total: number, rubric: Pick<Rubric, "gradeBands" | "failGrade">): string {
  return rubric.gradeBands.find((band) => total >= band.min)?.grade ?? rubric.failGrade;
}

/**
 * Scores, totals and grades one nominee. An incomplete nominee gets no panel (unless every criterion
 * is complete), total or grade; a vetoed complete nominee keeps its total but grades as the fail grade.
 * Throws only on broken invariants: more judges or criteria than the rubric has, or a non-finite number.
 *
 * @example
 * evaluateNominee({ scores: [[28, 18, 22, 23], [27, 18, 23, 22], [26, 17, 22, 22]], satisfaction: 90, veto: null }, BUILTIN_RUBRICS.baiqianwan)
 * // { criteria: [27, 17.67, 22.33, 22.33], judgesComplete: 3, panel: 89.33, total: 89.46, grade: '良好', complete: true, vetoed: false }
 */
export function evaluateNominee(inputs: NomineeInputs, rubric: Rubric): NomineeOutputs {
  checkInputs(inputs, rubric);
  const criteriaCount = rubric.criteria.length;
  const scoreAt = (judge: readonly (number | null)[], criterion: number): number | null =>
    judge[criterion] ?? null;

  const criteria = rubric.criteria.map((_criterion, c) => {
    const present = inputs.scores
      .map((judge) => scoreAt(judge, c))
      .filter((score): score is number => score !== null);
    return criterionScore(present, rubric);
  });
  const judgesComplete = inputs.scores.filter((judge) => {
    for (let c = 0; c < criteriaCount; c++) if (scoreAt(judge, c) === null) return false;
    return true;
  }).length;

  const criteriaComplete = criteria.every((score) => score !== null);
  const panel = criteriaComplete
    ? excelRound(
        criteria.reduce<number>((acc, score) => acc + (score ?? 0), 0),
        2
      )
    : null;
  const complete = panel !== null && inputs.satisfaction !== null;
  const total =
    panel !== null && inputs.satisfaction !== null
      ? excelRound(
          panel * rubric.weights.panel + inputs.satisfaction * rubric.weights.satisfaction,
          2
        )
      : null;
  const vetoed = inputs.veto === true;
  const grade = total === null ? null : vetoed ? rubric.failGrade : gradeOf(total, rubric);
  return { criteria, judgesComplete, panel, total, grade, complete, vetoed };
}

function checkInputs(inputs: NomineeInputs, rubric: Rubric): void {
  if (inputs.scores.length > rubric.judges) {
    throw new RangeError(
      `${inputs.scores.length} judges' scores for a rubric of ${rubric.judges} judges`
    );
  }
  inputs.scores.forEach((judge, j) => {
    if (judge.length > rubric.criteria.length) {
      throw new RangeError(
        `judge ${j + 1} has ${judge.length} scores for ${rubric.criteria.length} criteria`
      );
    }
    for (const score of judge) {
      if (score !== null && !Number.isFinite(score))
        throw new RangeError(`judge ${j + 1} has a non-finite score: ${score}`);
    }
  });
  if (inputs.satisfaction !== null && !Number.isFinite(inputs.satisfaction)) {
    throw new RangeError(`non-finite satisfaction: ${inputs.satisfaction}`);
  }
}

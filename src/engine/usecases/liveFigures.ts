/**
 * Use case: the figures a meeting watches while scores are typed (the pane's 评审 and 汇总 tabs): the assessment
 * plan compiled from the inputs as they stand, unsaved edits included, and evaluated by the interpreter, exactly
 * as `shifan report` and the workbook compute them.
 */
import type { RecusalLine } from "../plan/compileRecusalSheet";
import type { SectorCode, TierCode } from "../core/domain";
import type { EnteredInputs } from "../plan/AssessmentModel";
import type { Rubric } from "../rubric/Rubric";
import { assessmentFigures, type RowFigures, type TierFigures } from "../report/assessmentFigures";

export interface LiveRow {
  readonly id: string;
  readonly name: string | null;
  readonly sector: SectorCode | null;
  readonly tier: TierCode | null;
  readonly inputs: EnteredInputs;
}

export interface LiveFigures {
  /** One per row given, in order. */
  readonly rows: readonly RowFigures[];
  /** 汇总's tier lines: 达线数 beside 名额. */
  readonly tiers: readonly TierFigures[];
}

/**
 * @example
 * const live = liveFigures(rubric, nominees.map((n) => ({ ...n, inputs: withEdits(n) })));
 * live.rows[0]?.total // what '考核表' will show once the edits are saved
 */
export function liveFigures(
  rubric: Rubric,
  rows: readonly LiveRow[],
  recusals: readonly RecusalLine[] = []
): LiveFigures {
  const figures = assessmentFigures({
    rubric,
    recusals,
    nominees: rows.map((row, i) => ({
      ...row,
      region: null,
      source: { sheet: "", row: i + 1 },
      vanished: false,
    })),
  });
  return { rows: figures.rows, tiers: figures.tiers };
}

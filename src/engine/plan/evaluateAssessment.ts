/**
 * The engine's own figures for a whole assessment: what each formula of 考核表 must show.
 * The compiler caches them in the plan; `shifan report` prints them.
 */
import type { TierCode } from "../core/domain";
import { evaluateNominee, type NomineeOutputs } from "../evaluate/evaluateNominee";
import { compositeRankKey, rankNominees, recommend, type RankRow } from "../evaluate/rankNominees";
import type { Rubric } from "../rubric/Rubric";
import type { EnteredInputs } from "./AssessmentModel";

export interface AssessedFigures extends NomineeOutputs {
  /** null when ineligible (incomplete or vetoed) or without a tier. */
  readonly rank: number | null;
  /** null when it cannot be decided (no total or no tier). */
  readonly recommended: boolean | null;
  /** The hidden rank key; null where the sheet shows a blank. */
  readonly rankKey: number | null;
  /** `3/5`: judges who scored every criterion, of all judges. */
  readonly progress: string;
}

export interface FigureRow {
  readonly tier: TierCode | null;
  readonly inputs: EnteredInputs;
}

/** Figures for every row, in row order. Per-sector quotas are not part of the sheet, so they are ignored here too. */
export function evaluateAssessment(rows: readonly FigureRow[], rubric: Rubric): AssessedFigures[] {
  const sheetRubric: Rubric = { ...rubric, quotas: { byTier: rubric.quotas.byTier } };
  const outputs = rows.map((row) =>
    evaluateNominee(
      {
        scores: row.inputs.scores.map((judge) => [...judge]),
        satisfaction: row.inputs.satisfaction,
        veto: row.inputs.veto,
      },
      sheetRubric
    )
  );
  const rankRows: RankRow[] = rows.map((row, i) => {
    const out = outputs[i] as NomineeOutputs;
    return {
      tier: row.tier,
      eligible: out.complete && !out.vetoed,
      total: out.total,
      panel: out.panel,
      satisfaction: row.inputs.satisfaction,
    };
  });
  const ranks = rankNominees(rankRows, sheetRubric);
  return rows.map((row, i) => {
    const out = outputs[i] as NomineeOutputs;
    const rankRow = rankRows[i] as RankRow;
    const rank = ranks[i] ?? null;
    const keyed =
      rankRow.eligible &&
      out.total !== null &&
      out.panel !== null &&
      row.inputs.satisfaction !== null;
    return {
      ...out,
      rank,
      recommended: recommend(rankRow, rank, sheetRubric),
      rankKey: keyed
        ? compositeRankKey(
            out.total as number,
            out.panel as number,
            row.inputs.satisfaction as number,
            sheetRubric.tieBreak
          )
        : null,
      progress: `${out.judgesComplete}/${rubric.judges}`,
    };
  });
}

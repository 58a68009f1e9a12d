/**
 * Use case: one workbook per judge, to email out (`shifan copies`, the pane's 分发). Each holds that judge's entry
 * sheet and 评分标准 (plan/compileCopy.ts), the master's identity, and an issue stamp with the baseline of the
 * judge's cells as issued, which `mergeReturns` compares against (docs/decisions/0011). The master is only read.
 */
import type { WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import { failed, note, type Outcome } from "../core/Outcome";
import { raterSheetName } from "../plan/assessmentLayout";
import { raterGroups } from "../rubric/Rubric";
import { compileJudgeCopy } from "../plan/compileCopy";
import { freshWorkbook, placePlan } from "../plan/placeInWorkbook";
import type { WorkbookPlan } from "../plan/SheetPlan";
import { COPY_KEYS, roleKey } from "../plan/workbookIdentity";
import { firstMissingSheet, readAssessment } from "../report/readAssessment";
import { mergedCopies, readMergeLog } from "../report/readMergeLog";
import { todayFromClock, withCachedValues } from "./cachedValues";
import { randomAssessmentId } from "./planAssessment";
import { recusalsOf } from "./recusals";

export interface CopiesRequest {
  /** 1-based judges; absent: every judge. */
  readonly judges?: readonly number[];
  /** When the copies are issued, ISO 8601 with milliseconds (the front end's clock). */
  readonly issuedAt: string;
  /** What today is for cached values; the clock's date when absent. */
  readonly today?: IsoDate;
  /** One new id per copy (front ends pass random UUIDs); absent: made from Math.random. */
  readonly newCopyId?: () => string;
}

export interface IssuedCopy {
  readonly judge: number;
  /** `评委3`: what the copy's file name ends with. */
  readonly label: string;
  readonly copyId: string;
  /** 1 + the copies of this judge the master has merged so far. */
  readonly version: number;
  readonly plan: WorkbookPlan;
  /** The judge's progress as issued: nominees scored on every criterion, of those the judge is not recused from. */
  readonly complete: number;
  readonly nominees: number;
}

export interface IssuedCopies {
  readonly copies: readonly IssuedCopy[];
}

/**
 * @example
 * const issued = issueCopies(grid, { judges: [1, 3], issuedAt: new Date().toISOString() });
 * if (issued.ok) for (const copy of issued.copies) await write(`${stem}-${copy.label}.xlsx`, copy.plan);
 */
export function issueCopies(master: WorkbookGrid, request: CopiesRequest): Outcome<IssuedCopies> {
  const read = readAssessment(master);
  if (!read.ok) return read;
  const { state } = read;
  const missing = firstMissingSheet(state);
  if (missing !== null) return failed("assessment_incomplete", { sheet: missing });
  const assessmentId = state.identity.kind === "identity" ? state.identity.assessmentId : null;
  if (assessmentId === null) return failed("no_identity", {});
  const { rubric } = state;
  const judges = request.judges ?? Array.from({ length: rubric.judges }, (_unused, j) => j + 1);
  const unknown = judges.find((j) => !Number.isInteger(j) || j < 1 || j > rubric.judges);
  if (unknown !== undefined)
    return failed("no_such_judge", { judge: unknown, judges: rubric.judges });

  const logSheet =
    state.identity.sheets.find((found) => found.role.kind === "mergeLog")?.sheet ?? null;
  const merged = mergedCopies(readMergeLog(logSheet));
  const today = request.today ?? todayFromClock();
  const newId = request.newCopyId ?? randomAssessmentId;
  const { found } = recusalsOf(state);
  const copies = [...new Set(judges)].map((judge): IssuedCopy => {
    const copyId = newId();
    const version = 1 + new Set(merged.filter((m) => m.judge === judge).map((m) => m.copyId)).size;
    const stamp: string[][] = [
      [COPY_KEYS.id, copyId],
      [COPY_KEYS.judge, String(judge)],
      [COPY_KEYS.version, String(version)],
      [COPY_KEYS.issuedAt, request.issuedAt],
      [COPY_KEYS.entry, roleKey({ kind: "judge", judge })],
      ...state.nominees.map((nominee) => [
        `${COPY_KEYS.baselinePrefix}${nominee.id}`,
        ...(nominee.inputs.scores[judge - 1] ?? []).map((score) =>
          score === null ? "" : String(score)
        ),
      ]),
    ];
    const plan = compileJudgeCopy({
      judge,
      rubric,
      nominees: state.nominees,
      asOf: state.asOf,
      today,
      recused: found.recused[judge - 1] ?? new Set(),
    });
    const placed = placePlan(plan, freshWorkbook(assessmentId), [], stamp);
    const recused = found.recused[judge - 1] ?? new Set<string>();
    const toScore = state.nominees.filter((nominee) => !recused.has(nominee.id));
    const complete = toScore.filter((nominee) => {
      const scores = nominee.inputs.scores[judge - 1] ?? [];
      return scores.length === rubric.criteria.length && scores.every((s) => s !== null);
    }).length;
    return {
      judge,
      label: `评委${judge}`,
      copyId,
      version,
      plan: withCachedValues(placed.plan, today),
      complete,
      nominees: toScore.length,
    };
  });
  // 三评议's rater groups (decision 0018) score on the assessment itself: say so, naming their sheets as they are now.
  const groups = raterGroups(rubric).map(
    (group) =>
      state.sheetNames.get(roleKey({ kind: "raters", group: group.id })) ?? raterSheetName(group.id)
  );
  const notes =
    groups.length > 0
      ? [...state.notes, note("rater_groups_not_copied", { sheets: groups.join("、") })]
      : state.notes;
  return { ok: true, copies, issues: state.issues, notes };
}

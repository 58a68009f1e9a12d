/**
 * The 三评议 set-up the rater-group use-case tests share (raterColumnEdits, raterGroups, raterCopies): the bundled
 * sample planned with 党员互评's group sheet, its report, copies issued and returns merged at fixed times. Each helper
 * throws on a failure, naming its code, so a test states only what it asserts.
 */
import {
  BUILTIN_RUBRICS,
  failureMessage,
  issueCopies,
  mergeReturns,
  planAssessment,
  reportAssessment,
  type CopiesRequest,
  type IsoDate,
  type IssuedCopy,
  type MergeRequest,
  type ReturnedCopy,
  type WorkbookGrid,
} from "../../../src/engine";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planToGrid } from "../plan/assessmentFixtures";

export const TODAY = "2026-01-01" as IsoDate;
/** 党员互评's sheet: 三评议's one rater group. */
export const PEERS = "评议_peers";
export const ISSUED_AT = "2026-01-01T10:00:00.000Z";
export const MERGED_AT = "2026-01-03T10:00:00.000Z";
/** Rater r's score column on the group's sheet (A–E identity, F… raters). */
export const raterColumn = (rater: number): number => 5 + rater;

/** The bundled sample (or `source`) assessed with 三评议 and three judges, as a grid with the source's sheets. */
export function sanpingyiGrid(
  newAssessmentId: string,
  source: WorkbookGrid = sampleNominationGrid()
): WorkbookGrid {
  const planned = planAssessment(source, {
    rubric: BUILTIN_RUBRICS.sanpingyi,
    newAssessmentId,
    judges: 3,
    today: TODAY,
  });
  if (!planned.ok) throw new Error(planned.failure.code);
  return planToGrid(planned.plan, source.sheets);
}

/** `report` of a workbook as of TODAY. */
export function reported(grid: WorkbookGrid) {
  const report = reportAssessment(grid, { asOf: TODAY });
  if (!report.ok) throw new Error(failureMessage(report.failure));
  return report;
}

/** The copies issueCopies makes of a workbook at ISSUED_AT (all, or those `request` asks for). */
export function issue(
  grid: WorkbookGrid,
  request: Partial<CopiesRequest> = {}
): readonly IssuedCopy[] {
  const copies = issueCopies(grid, { issuedAt: ISSUED_AT, today: TODAY, ...request });
  if (!copies.ok) throw new Error(copies.failure.code);
  return copies.copies;
}

/** Returned copies merged into a workbook at MERGED_AT, written as a workbook unless `request` says otherwise. */
export function merge(
  grid: WorkbookGrid,
  copies: readonly ReturnedCopy[],
  request: Partial<MergeRequest> = {}
) {
  const result = mergeReturns(grid, copies, {
    mergedAt: MERGED_AT,
    output: "workbook",
    today: TODAY,
    ...request,
  });
  if (!result.ok) throw new Error(result.failure.code);
  return result;
}

/**
 * What the use cases that evaluate an assessment workbook (report, computedSheets) read first: its inputs and
 * parameters, and 动态管理's register when it has one.
 */
import type { WorkbookGrid } from "../core/Grid";
import { failed, succeeded, type Outcome } from "../core/Outcome";
import { readDynamicSheet, type DynamicRegisterRead } from "../dynamic/readDynamicSheet";
import { firstMissingSheet, readAssessment, type AssessmentState } from "../report/readAssessment";

export interface EvaluableAssessment {
  readonly state: AssessmentState;
  /** 动态管理's records and parameters as read; null without the sheet. */
  readonly register: DynamicRegisterRead | null;
}

/** readAssessment, refusing a workbook one of whose generated sheets is gone. */
export function readEvaluableAssessment(grid: WorkbookGrid): Outcome<EvaluableAssessment> {
  const read = readAssessment(grid);
  if (!read.ok) return read;
  const { state } = read;
  // A deleted generated sheet leaves #REF! in the formulas: say which, rather than evaluate half a workbook.
  const missing = firstMissingSheet(state);
  if (missing !== null) return failed("assessment_incomplete", { sheet: missing });
  const register = readDynamicSheet(grid, state.sheetNames.get("dynamic"));
  return succeeded({ state, register }, read.issues, read.notes);
}

/**
 * What the use cases that work from an assessment workbook read first: its inputs and parameters, refused when a
 * generated sheet is gone (report, computedSheets, copies, the 回避 register), and 动态管理's register when it has
 * one (report, computedSheets).
 */
import type { WorkbookGrid } from "../core/Grid";
import { failed, succeeded, type Outcome } from "../core/Outcome";
import { readDynamicSheet, type DynamicRegisterRead } from "../dynamic/readDynamicSheet";
import {
  firstMissingSheet,
  readAssessment,
  type AssessmentState,
  type ReadAssessmentOutcome,
} from "../report/readAssessment";

export interface EvaluableAssessment {
  readonly state: AssessmentState;
  /** 动态管理's records and parameters as read; null without the sheet. */
  readonly register: DynamicRegisterRead | null;
}

/** readAssessment, refusing a workbook one of whose generated sheets is gone. */
export function readCompleteAssessment(grid: WorkbookGrid): ReadAssessmentOutcome {
  const read = readAssessment(grid);
  if (!read.ok) return read;
  // A deleted generated sheet leaves #REF! in the formulas: say which, rather than work from half a workbook.
  const missing = firstMissingSheet(read.state);
  return missing === null ? read : failed("assessment_incomplete", { sheet: missing });
}

/** readCompleteAssessment, and 动态管理's register. */
export function readEvaluableAssessment(grid: WorkbookGrid): Outcome<EvaluableAssessment> {
  const read = readCompleteAssessment(grid);
  if (!read.ok) return read;
  const { state } = read;
  const register = readDynamicSheet(grid, state.sheetNames.get("dynamic"));
  return succeeded({ state, register }, read.issues, read.notes);
}

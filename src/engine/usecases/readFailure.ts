/** Why readAssessment could not read a workbook, as the use cases' failure (code and the values it quotes). */
import { failed } from "../core/Outcome";
import type { ReadAssessmentResult } from "../report/readAssessment";

export function readFailure(read: Extract<ReadAssessmentResult, { ok: false }>) {
  const params = { sheet: read.missingSheet, detail: read.detail ?? "" };
  switch (read.reason) {
    case "not_assessment":
      return failed("not_assessment_workbook", params);
    case "newer_layout":
      return failed("newer_layout", { version: read.detail ?? "" });
    case "missing_rubric":
      return failed("missing_rubric_sheet", params);
    case "rubric_mismatch":
      return failed("rubric_mismatch", params);
    case "unplaced_scores":
      return failed("unplaced_scores", params);
  }
}

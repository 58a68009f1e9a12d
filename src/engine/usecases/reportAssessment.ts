/**
 * Use case: the engine's own figures for an assessment workbook's inputs (`shifan report`, the pane's meeting,
 * 动态管理 and 汇总 tabs): the plan compiled from them, evaluated by the interpreter. Cached formula values are
 * never read.
 */
import type { WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import type { Outcome } from "../core/Outcome";
import { issue } from "../core/Issue";
import { a1 } from "../core/CellRef";
import { evaluateReport, type AssessmentReport } from "../report/buildReport";
import { findRecusals, judgeEntryOf, recusalIssues } from "./recusals";
import { dynamicOverview, type DynamicOverview } from "../report/dynamicOverview";
import type { AssessmentState } from "../report/readAssessment";
import { readEvaluableAssessment } from "./readEvaluableAssessment";

export interface ReportOptions {
  /** The date statuses are judged on; absent: the workbook's as-of date, else today. */
  readonly asOf?: IsoDate;
}

export interface ReportedAssessment {
  readonly report: AssessmentReport;
  /** The workbook's inputs and parameters as read. */
  readonly state: AssessmentState;
  /** Each awarded site's status, next due date and action reason (the 动态管理 tab); null without 动态管理. */
  readonly dynamic: DynamicOverview | null;
}

/**
 * @example
 * const reported = reportAssessment(grid, { asOf: "2014-06-30" as IsoDate });
 * if (reported.ok) console.log(reported.report.nominees.length);
 */
export function reportAssessment(
  grid: WorkbookGrid,
  options: ReportOptions = {}
): Outcome<ReportedAssessment> {
  const read = readEvaluableAssessment(grid);
  if (!read.ok) return read;
  const { state, register } = read;
  const { report, sites, weightWarning, evaluated } = evaluateReport(
    state,
    options.asOf,
    register?.records
  );
  const dynamic =
    register === null
      ? null
      : dynamicOverview(report, register.records, sites, state.renamedSources);
  // The recusals as the report's own evaluation shows them: the plan is not compiled and evaluated twice.
  const recusal = recusalIssues(
    findRecusals(evaluated.compiled, evaluated.values),
    evaluated.compiled,
    state.sheetNames,
    (judge, id, _index, criterion) => judgeEntryOf(state, judge, id, criterion)
  );
  return {
    ok: true,
    report,
    state,
    dynamic,
    issues: [
      ...(weightWarning === null
        ? []
        : [
            issue(
              "weights_not_one",
              "warning",
              {
                sheet: weightWarning.sheet,
                row: weightWarning.row,
                cell: a1(weightWarning.row, weightWarning.col),
                field: null,
              },
              { warning: weightWarning.warning }
            ),
          ]),
      ...state.issues,
      ...recusal,
    ],
    notes: state.notes,
  };
}

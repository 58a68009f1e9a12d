/** `shifan report`'s outputs.status: the engine's dynamic-management status of each awarded row of 考核表. */
import { readYesNo } from "../core/words";
import type { WorkbookGrid } from "../core/Grid";
import type { AssessmentReport, ReportNominee } from "./buildReport";
import { evaluateStatus } from "../dynamic/evaluateStatus";
import { readDynamicSheet, sourceKey } from "../dynamic/readDynamicSheet";

/**
 * The report with outputs.status filled from the workbook's 动态管理 sheet: award and review inputs as the
 * sheet holds them, this cycle's total and veto as the report's own evaluation has them, the report's as-of
 * date and pass line, and the rubric's cycle and window. Rows without an award date keep null.
 *
 * @example withDynamicStatus(buildReport(read.state, asOf), grid, read.state.rubric.dynamic)
 */
export function withDynamicStatus(
  report: AssessmentReport,
  grid: WorkbookGrid,
  dynamic: { readonly cycleMonths: number; readonly windowDays: number },
  found: {
    /** The 动态管理 sheet's name now (workbook identity). */
    readonly sheetName?: string;
    /** Nomination sheets renamed since it was written: name then → name now. */
    readonly renamedSources?: ReadonlyMap<string, string>;
  } = {}
): AssessmentReport {
  const read = readDynamicSheet(grid, found.sheetName);
  if (read === null) return report;
  const records = new Map(
    read.records.map((record) => [
      sourceKey(
        found.renamedSources?.get(record.source.sheet) ?? record.source.sheet,
        record.source.row
      ),
      record,
    ])
  );
  const params = { asOf: report.asOf, passLine: report.rubric.passLine, ...dynamic };
  const nominees = report.nominees.map((nominee): ReportNominee => {
    const record = records.get(sourceKey(nominee.source.sheet, nominee.source.row));
    if (record === undefined) return nominee;
    const veto = nominee.inputs.veto.value;
    const judged = evaluateStatus(
      {
        ...record,
        cycleTotal: nominee.outputs.total.value,
        cycleVeto: readYesNo(veto),
      },
      params
    );
    return {
      ...nominee,
      outputs: {
        ...nominee.outputs,
        status: { cell: nominee.outputs.status.cell, value: judged.status },
      },
    };
  });
  return { ...report, nominees };
}

/**
 * Use case: what every formula cell of an assessment workbook's generated sheets shows — 考核表, 汇总, 评分进度,
 * 动态管理, 公示名单, 评委分析 … — for a front end whose workbook does not calculate (the demo's in-memory workbook).
 * The plan is compiled from the workbook's inputs as read and evaluated by the interpreter, as `shifan report` and
 * the cached values of a written file are: no rule is computed here.
 */
import { a1 } from "../core/CellRef";
import type { WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import type { Outcome } from "../core/Outcome";
import type { CellValue } from "../interpret";
import { isFormulaContent } from "../plan/shiftRows";
import { roleKey, roleOfDefaultName } from "../plan/workbookIdentity";
import { evaluateAssessmentPlan } from "../report/assessmentFigures";
import { figuresRequestOf } from "../report/buildReport";
import { readEvaluableAssessment } from "./readEvaluableAssessment";

/** A formula cell's value as a sheet shows it: a number, text (an error value as its code, `#N/A`) or blank. */
export type ShownValue = number | string | boolean | null;

export interface ComputedSheets {
  /** Sheet (as the workbook names it now) → A1 address → what the cell's formula shows. */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, ShownValue>>;
}

function shown(value: CellValue | undefined): ShownValue {
  if (value === undefined || value === null) return null;
  return typeof value === "object" ? value.code : value;
}

/**
 * @example
 * const computed = computedSheets(book.toGrid());
 * if (computed.ok) computed.values.get("汇总")?.get("D3") // 已完成 of the first line
 */
export function computedSheets(
  grid: WorkbookGrid,
  options: { readonly asOf?: IsoDate } = {}
): Outcome<ComputedSheets> {
  const read = readEvaluableAssessment(grid);
  if (!read.ok) return read;
  const { state, register } = read;
  const { plan, values } = evaluateAssessmentPlan(
    figuresRequestOf(state, options.asOf, register?.records)
  );
  const bySheet = new Map<string, Map<string, ShownValue>>();
  for (const sheet of plan.sheets) {
    const role = roleOfDefaultName(sheet.name);
    const name = (role && state.sheetNames.get(roleKey(role))) ?? sheet.name;
    const cells = new Map<string, ShownValue>();
    for (const cell of sheet.cells)
      if (isFormulaContent(cell.content))
        cells.set(a1(cell.row, cell.col), shown(values.value(sheet.name, cell.row, cell.col)));
    bySheet.set(name, cells);
  }
  return { ok: true, values: bySheet, issues: state.issues, notes: state.notes };
}

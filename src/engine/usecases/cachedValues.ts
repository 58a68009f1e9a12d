/**
 * Cached values from the interpreter: every formula cell of a plan gets the value evaluatePlan gives it, so a
 * viewer that does not recalculate on load (WPS until a cell is edited, LibreOffice in its default mode) shows
 * the right figure. No rule is computed here; the formulas are the rules.
 */
import type { IsoDate } from "../core/IsoDate";
import { evaluatePlan } from "../compute";
import type { CellValue } from "../interpret";
import type { ScalarValue, SheetPlan, WorkbookPlan } from "../plan/SheetPlan";

/** An error value has no cached form in the plan: blank, and the application computes it on open. */
function scalar(value: CellValue | undefined): ScalarValue {
  if (value === undefined || value === null) return null;
  return typeof value === "object" ? null : value;
}

/**
 * The plan with every formula cell's value cached beside its sheet's cells (SheetPlan.cachedValues): the cells
 * are not copied; the values stay in evaluatePlan's typed columns, a few bytes a cell.
 */
export function withCachedValues(plan: WorkbookPlan, today: IsoDate): WorkbookPlan {
  const values = evaluatePlan(plan, { today, formulasOnly: true });
  const sheet = (s: SheetPlan): SheetPlan => {
    const name = s.name;
    return { ...s, cachedValues: { at: (row, col) => scalar(values.value(name, row, col)) } };
  };
  return { ...plan, sheets: plan.sheets.map(sheet) };
}

/**
 * What the assessment sheets' formulas show, for the demo's grid view. The in-memory fake stores formulas without
 * calculating them, so the demo asks the engine's computedSheets use case: the plan compiled from the workbook's
 * inputs, every formula cell evaluated by the interpreter (考核表, 汇总, 评分进度, 公示名单, 评委分析 …), as the
 * written file's cached values and `shifan report` are.
 */
import { computedSheets, type ShownValue, type WorkbookGrid } from "../engine";

export type ComputedValue = ShownValue;
/** Computed value by sheet, then A1 address. */
export type ComputedValues = ReadonlyMap<string, ReadonlyMap<string, ComputedValue>>;

export function computedValues(grid: WorkbookGrid): ComputedValues {
  const computed = computedSheets(grid);
  return computed.ok ? computed.values : new Map();
}

/**
 * Use case: the nomination tables of a workbook (`shifan inspect`, the pane's 识别 and 校验 tabs). On a workbook
 * assessed before, shifan's generated sheets are not read as nomination tables.
 */
import type { WorkbookGrid } from "../core/Grid";
import type { Outcome } from "../core/Outcome";
import { sourceSheetsOnly } from "../report/readAssessment";
import {
  inspectWorkbook,
  type InspectResult,
  type MappingOverrides,
} from "../intake/inspectWorkbook";

export interface InspectRequest {
  /** The person's column mapping, by sheet then 1-based column. */
  readonly mappingOverrides?: MappingOverrides;
}

export interface InspectedNominations {
  readonly inspect: InspectResult;
}

/**
 * @example
 * const { inspect } = inspectNominations(grid);
 * console.log(inspect.nominees.length, inspect.issues.length);
 */
export function inspectNominations(
  grid: WorkbookGrid,
  request: InspectRequest = {}
): Outcome<InspectedNominations> & { readonly ok: true } {
  const inspect = inspectWorkbook(
    sourceSheetsOnly(grid),
    request.mappingOverrides ? { mappingOverrides: request.mappingOverrides } : {}
  );
  return { ok: true, inspect, issues: inspect.issues, notes: [] };
}

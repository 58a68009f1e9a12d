/**
 * The engine's only entry for the rest of shifan (adapters, command line, task pane, demo): the use cases and the
 * types they take and return, the plan types adapters render, the ports, the grid an adapter reads, and the words
 * and messages a front end shows. Stages stay inside: outside src/engine nothing imports from the engine's inner
 * folders (ESLint, eslint.config.mjs); the benches, which time the stages one by one, and the tests may.
 */
export * from "./usecases";
export { a1, columnLetter, columnNumber, parseA1, quoteSheetName } from "./core/CellRef";
export { cellAt, columnCount, rowCount, sheetVisibility } from "./core/Grid";
export type {
  CellRange,
  RawCell,
  SheetGrid,
  SheetVisibility,
  WorkbookGrid,
  WorkbookName,
} from "./core/Grid";
export { addMonths, isoDate, isoDateToSerial, parseIsoDate, serialToIsoDate } from "./core/IsoDate";
export type { IsoDate } from "./core/IsoDate";
export type { Issue, IssueCode } from "./core/Issue";
export type { Nominee } from "./core/Nominee";
export { inFile, note } from "./core/Outcome";
export type { Note, Outcome, UnrenderedPart } from "./core/Outcome";
export type { TableLayout } from "./core/Table";
export { FIELDS, SECTOR_CODES, TIER_CODES, TIER_NAMES } from "./core/domain";
export type { Field, SectorCode, TierCode } from "./core/domain";
export { DYNAMIC_STATUS, readYesNo, yesNo } from "./core/words";
export { NEXT_REGISTER_SHEET } from "./dynamic/dynamicLayout";
export type * from "./formula/ast";
export { fillDownText, fillDownTextAt, unparse } from "./formula/unparse";
export type { FillDownText } from "./formula/unparse";
export type { InspectResult } from "./intake/inspectWorkbook";
export {
  failureMessage,
  fatalMessage,
  issueMessage,
  issueText,
  issueTitle,
  noteMessage,
  rubricName,
  sectorName,
  tierName,
} from "./messages";
export type { Lang } from "./messages";
export { FIELD_LABELS_EN, countEn } from "./messages/en";
export { FIELD_LABELS_ZH } from "./messages/zh-CN";
export type { CarriedNominee } from "./plan/AssessmentModel";
export type * from "./plan/SheetPlan";
export type { StyleId } from "./plan/cellStyles";
export { pageTextCode, wrappedRowHeight } from "./plan/printSetup";
export { chartSeries } from "./plan/chartSeries";
export type { ChartSeries } from "./plan/chartSeries";
export { CHART_TITLES } from "./plan/compileSummaryCharts";
export { cachedValueOf, formulaOf } from "./plan/shiftRows";
export { isIdentityName } from "./plan/workbookIdentity";
export type { ApplyResult, CancelToken, PlanSink, ProgressListener, WorkbookSource } from "./ports";
export type { RowFigures } from "./report/assessmentFigures";
export { reportOutputCells } from "./report/buildReport";
export type { AssessmentReport } from "./report/buildReport";
export type { DynamicOverview, DynamicSiteView } from "./report/dynamicOverview";
export { sourceSheetsOnly } from "./report/readAssessment";
export { rowsRead, type SheetReadLimit } from "./report/rowsRead";
export { MAX_JUDGES, RUBRIC_DEFAULTS, checkOverrides } from "./rubric/Rubric";
export type { Rubric, RubricComponent } from "./rubric/Rubric";
export { BUILTIN_RUBRICS, BUILTIN_RUBRIC_IDS, builtinRubric } from "./rubric/builtinRubrics";
export type { BuiltinRubricId } from "./rubric/builtinRubrics";
export { parseRubricJson } from "./rubric/parseRubricJson";
export * as formula from "./formula/build";

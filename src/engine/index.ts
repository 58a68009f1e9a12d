/**
 * The engine's only entry for the rest of shifan (adapters, command line, task pane).
 * Each stage adds its public functions here.
 */
export * from "./usecases";
export * from "./core";
export * from "./ports";
export * from "./messages";
export type * from "./formula/ast";
export type * from "./plan/SheetPlan";
export { formulaOf, isFormulaContent } from "./plan/shiftRows";
export { pageTextCode } from "./plan/printSetup";
export { foldText, toSimplified, toHalfWidth, tidyText } from "./normalize/foldText";
export { unparse, formatNumber, MAX_FORMULA_TEXT_LENGTH } from "./formula/unparse";
export { lookupFunction, knownFunctions, requireAllowedFunction } from "./formula/functions";
export type { FormulaFunction } from "./formula/functions";
export * as formula from "./formula/build";
export * from "./rubric";
export { cellText, numberText, isPercentFormat } from "./normalize/cellText";
export { matchKey } from "./normalize/matchKey";
export { normalizeDate, EARLIEST_DATE_YEAR, LATEST_DATE_YEAR } from "./normalize/normalizeDate";
export type { DateReading } from "./normalize/normalizeDate";
export { normalizeSector, MAX_SECTOR_SUGGESTIONS } from "./normalize/normalizeSector";
export type { SectorReading } from "./normalize/normalizeSector";
export {
  SECTOR_SPELLINGS,
  AMBIGUOUS_SECTOR_SPELLINGS,
  SECTOR_SUFFIXES,
  SECTOR_KEYWORDS,
} from "./normalize/sectorSpellings";
export { normalizeTier, TIER_SPELLINGS } from "./normalize/normalizeTier";
export type { TierReading } from "./normalize/normalizeTier";
export { normalizeCount, normalizeScore } from "./normalize/normalizeNumber";
export type { NumberReading } from "./normalize/normalizeNumber";
export { normalizeVeto, VETO_SPELLINGS } from "./normalize/normalizeVeto";
export type { VetoReading } from "./normalize/normalizeVeto";
export { normalizeText, isUnsafeText } from "./normalize/normalizeText";
export { locateTable, HEADER_SEARCH_ROWS } from "./locate/locateTable";
export type { HeaderVocabulary } from "./locate/locateTable";
export {
  matchHeader,
  mapHeaders,
  headerKey,
  isSerialHeader,
  MIN_HEADER_CONFIDENCE,
  HEADER_VOCABULARY,
} from "./headers/matchHeader";
export type { HeaderMatch } from "./headers/matchHeader";
export { HEADER_SYNONYMS, SERIAL_HEADERS } from "./headers/headerSynonyms";
export { readNominee, nomineeReader } from "./validate/readNominee";
export type { NomineeReading } from "./validate/readNominee";
export { findDuplicates } from "./validate/findDuplicates";
export { inspectWorkbook } from "./intake/inspectWorkbook";
export type { InspectResult, InspectOptions, MappingOverrides } from "./intake/inspectWorkbook";
export {
  compileAssessment,
  compileWithInputs,
  compileRows,
  mergeNominees,
} from "./plan/compileAssessment";
export type { CompiledAssessment } from "./plan/compileAssessment";
export { stableId, stableIdNumber, emptyInputs } from "./plan/AssessmentModel";
export type {
  AssessmentSettings,
  EnteredInputs,
  CarriedNominee,
  PreviousAssessment,
  AssessmentSource,
} from "./plan/AssessmentModel";
export {
  assessmentLayout,
  judgeSheetName,
  RUBRIC_SHEET,
  MAIN_SHEET,
  SUMMARY_SHEET,
  ISSUES_SHEET,
} from "./plan/assessmentLayout";
export type { AssessmentLayout, MainSheetColumns } from "./plan/assessmentLayout";
export { assessmentFigures } from "./report/assessmentFigures";
export type {
  AssessmentFigures,
  FiguresRequest,
  RowFigures,
  TierFigures,
} from "./report/assessmentFigures";
export { judgeSites } from "./report/judgeSites";
export { evaluatePlan, inputsFromGrid, PlanValues } from "./compute";
export type { EvaluatePlanOptions, PlanCell, PlanInputs } from "./compute";
export { FormulaError } from "./interpret";
export type { CellValue } from "./interpret";
export {
  readAssessment,
  isAssessmentWorkbook,
  sourceSheetsOnly,
  generatedSheets,
  firstMissingSheet,
} from "./report/readAssessment";
export type {
  AssessmentState,
  ReadAssessmentOutcome,
  ReadAssessmentOptions,
} from "./report/readAssessment";
export {
  readIdentity,
  targetWorkbook,
  sheetOfReference,
  ownedNames,
  declaresAssessment,
} from "./report/readIdentity";
export type { IdentityResult, WorkbookIdentityRead, FoundSheet } from "./report/readIdentity";
export {
  LAYOUT_VERSION,
  IDENTITY_SHEET,
  RECUSAL_SHEET,
  MERGE_LOG_SHEET,
  defaultSheetName,
  roleKey,
  roleFromKey,
  roleLabel,
  sheetRoleName,
  isEntryRole,
  isIdentityName,
  roleOfIdentityName,
} from "./plan/workbookIdentity";
export type { SheetRole, WorkbookIdentity } from "./plan/workbookIdentity";
export { placeInWorkbook, placePlan, freshWorkbook } from "./plan/placeInWorkbook";
export type { TargetWorkbook, PlacedAssessment, PlacedPlan } from "./plan/placeInWorkbook";
export { renamePlan } from "./plan/renamePlan";
export { buildReport, nomineeCells, reportOutputCells } from "./report/buildReport";
export type {
  AssessmentReport,
  ReportNominee,
  ReportCell,
  ReportScore,
  ExpectedOutputCell,
} from "./report/buildReport";
export * from "./dynamic/dynamicLayout";
export { dynamicSites, SITE_ID_HEADER } from "./dynamic/dynamicSites";
export type { DynamicSite, CycleResult } from "./dynamic/dynamicSites";
export { readDynamicSheet, sourceKey } from "./dynamic/readDynamicSheet";
export type { DynamicRecord, DynamicRegisterRead } from "./dynamic/readDynamicSheet";
export {
  planNextCycle,
  nextRegisterRows,
  readPreviousCycles,
  historyText,
  NEXT_REGISTER_HEADERS,
} from "./dynamic/planNextCycle";
export type {
  ReviewEntry,
  CarriedSite,
  EliminatedSite,
  NextCycle,
  SiteJudgement,
} from "./dynamic/planNextCycle";
export {
  compileDynamicManagement,
  assessmentStatusCells,
  statusConditionalFormats,
  statusFormula,
  STATUS_COLOURS,
} from "./plan/compileDynamicManagement";
export type {
  AssessmentLink,
  DynamicCompileOptions,
  DynamicPlan,
} from "./plan/compileDynamicManagement";
export { attachDynamicManagement, withDynamicSites } from "./plan/attachDynamicManagement";
export { nextCycleSheets } from "./plan/compileNextCycleSheets";
export { CELL_STYLES } from "./plan/cellStyles";
export type { NamedStyleId, StyleId } from "./plan/cellStyles";
export { dynamicOverview } from "./report/dynamicOverview";
export type { DynamicOverview, DynamicSiteView } from "./report/dynamicOverview";

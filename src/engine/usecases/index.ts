export { planAssessment } from "./planAssessment";
export type { AssessmentRequest, PlannedAssessment } from "./planAssessment";
export { reportAssessment } from "./reportAssessment";
export type { ReportOptions, ReportedAssessment } from "./reportAssessment";
export { startNextCycle } from "./startNextCycle";
export type { NextCycleRequest, StartedCycle } from "./startNextCycle";
export { inspectNominations } from "./inspectNominations";
export type { InspectRequest, InspectedNominations } from "./inspectNominations";
export { issueCopies } from "./issueCopies";
export type { CopiesRequest, IssuedCopy, IssuedCopies } from "./issueCopies";
export { mergeReturns } from "./mergeReturns";
export { copyReadBuffers, copyReadOf, returnRowsRead } from "./mergeReturnsRead";
export type { CopyRead, EntrySheetRead } from "./mergeReturnsRead";
export type {
  MergeEntry,
  MergeReport,
  MergeCellOf,
  MergeRequest,
  MergeWrite,
  MergedReturns,
  ReturnedCopy,
} from "./mergeReturns";
export { liveFigures } from "./liveFigures";
export { computedSheets } from "./computedSheets";
export type { ComputedSheets, ShownValue } from "./computedSheets";
export type { LiveFigures, LiveRow } from "./liveFigures";
export { withCachedValues } from "./cachedValues";
export type { RecusalLine } from "../plan/compileRecusalSheet";
export { addRecusalLine, readRecusalRegister, removeRecusalLine } from "./recusalRegister";
export type { RecusalLineView, RecusalRegister, RecusalWrite } from "./recusalRegister";

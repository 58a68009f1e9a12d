export { Interpreter } from "./Interpreter";
export type { CellColumn, Frame, InterpreterOptions, WorkbookContext } from "./Interpreter";
export { ArrayValue, ERROR_CODES, FormulaError, RangeRef, isError } from "./values";
export type { CellValue, ErrorCode, Value } from "./values";
export { excelRound } from "./excelRound";
export { numberToText, parseNumberText } from "./coerce";
export { parseCriterion, meetsCriterion } from "./criteria";
export type { Criterion } from "./criteria";

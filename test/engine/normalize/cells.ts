import type { RawCell } from "../../../src/engine/core/Grid";

/** Small builders for raw cells as an adapter would hand them over. */
export const text = (value: string): RawCell => ({ type: "text", text: value });
export const num = (value: number, numberFormat?: string): RawCell =>
  numberFormat === undefined ? { type: "number", value } : { type: "number", value, numberFormat };
export const dateCell = (serial: number): RawCell => ({
  type: "date",
  serial,
  numberFormat: "yyyy-mm-dd",
});
export const bool = (value: boolean): RawCell => ({ type: "boolean", value });
export const err = (error: string): RawCell => ({
  type: "error",
  error,
  formula: "VLOOKUP(A1,B:C,2,FALSE)",
});
/** A formula cell whose cached result is a number. */
export const formulaNum = (value: number, formula: string): RawCell => ({
  type: "number",
  value,
  formula,
});

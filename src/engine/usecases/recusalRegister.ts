/**
 * Use case: the 回避 register as the pane's editor shows it, and the cells that add or remove a line. A line is
 * in force when the workbook's own formulas say so (usecases/recusals.ts); the editor only types A, B and C of one
 * row, never rewrites the sheet, so a co-author's lines elsewhere stay as they are.
 */
import { a1 } from "../core/CellRef";
import type { WorkbookGrid } from "../core/Grid";
import { failed, type Outcome } from "../core/Outcome";
import {
  RECUSAL_COLUMNS,
  RECUSAL_FIRST_ROW,
  RECUSAL_IN_FORCE,
  type RecusalCell,
} from "../plan/compileRecusalSheet";
import { defaultSheetName } from "../plan/workbookIdentity";
import { readCompleteAssessment } from "./readEvaluableAssessment";
import { recusalsOf } from "./recusals";

export interface RecusalLineView {
  /** The row of 回避 the line is on. */
  readonly row: number;
  readonly judge: RecusalCell;
  readonly id: RecusalCell;
  readonly reason: RecusalCell;
  /** The nominee's name when the id names one. */
  readonly name: string | null;
  /** What 回避's 核对 column says: in force, or why not (both languages, as the sheet shows it). */
  readonly check: string;
  readonly inForce: boolean;
}

export interface RecusalRegister {
  /** The 回避 sheet's name now (a person may have renamed it). */
  readonly sheet: string;
  readonly judges: number;
  readonly nominees: readonly { readonly id: string; readonly name: string | null }[];
  readonly lines: readonly RecusalLineView[];
}

/** A cell to type: the same shape as merge's writes. */
export interface RecusalWrite {
  readonly sheet: string;
  readonly cell: string;
  readonly value: number | string | null;
}

/**
 * @example
 * const register = readRecusalRegister(grid);
 * if (register.ok) console.log(register.lines.filter((l) => l.inForce).length);
 */
export function readRecusalRegister(grid: WorkbookGrid): Outcome<RecusalRegister> {
  const read = readCompleteAssessment(grid);
  if (!read.ok) return read;
  const { state } = read;
  // An assessment written before 回避 existed: the next generation adds it.
  if (!state.identity.sheets.some((found) => found.role.kind === "recusal"))
    return failed("assessment_incomplete", { sheet: defaultSheetName({ kind: "recusal" }) });
  const { layout, found } = recusalsOf(state);
  const names = new Map(state.nominees.map((n) => [n.id.toUpperCase(), n.name]));
  const notApplied = new Map(found.notApplied.map((line) => [line.row, line.check]));
  return {
    ok: true,
    sheet: state.sheetNames.get("recusal") ?? defaultSheetName({ kind: "recusal" }),
    judges: layout.judges,
    nominees: state.nominees.map((n) => ({ id: n.id, name: n.name })),
    lines: state.recusals.map((line) => {
      const check = notApplied.get(line.row) ?? RECUSAL_IN_FORCE;
      return {
        ...line,
        name: line.id === null ? null : (names.get(String(line.id).toUpperCase()) ?? null),
        check,
        inForce: check === RECUSAL_IN_FORCE,
      };
    }),
    issues: state.issues,
    notes: state.notes,
  };
}

/** The cells that add a line on the first row below every line there is. */
export function addRecusalLine(
  register: RecusalRegister,
  line: { readonly judge: number; readonly id: string; readonly reason: string }
): RecusalWrite[] {
  const row = register.lines.reduce((max, l) => Math.max(max, l.row), RECUSAL_FIRST_ROW - 1) + 1;
  return [
    { sheet: register.sheet, cell: a1(row, RECUSAL_COLUMNS.judge), value: line.judge },
    { sheet: register.sheet, cell: a1(row, RECUSAL_COLUMNS.id), value: line.id },
    { sheet: register.sheet, cell: a1(row, RECUSAL_COLUMNS.reason), value: line.reason || null },
  ];
}

/** The cells that clear the line on `row` (its formulas stay). */
export function removeRecusalLine(register: RecusalRegister, row: number): RecusalWrite[] {
  return [RECUSAL_COLUMNS.judge, RECUSAL_COLUMNS.id, RECUSAL_COLUMNS.reason].map((col) => ({
    sheet: register.sheet,
    cell: a1(row, col),
    value: null,
  }));
}

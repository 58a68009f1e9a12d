/**
 * Fixtures for the assessment compiler and reader: nominees built in code, and `planToGrid`, which
 * turns a compiled plan into the grid a spreadsheet would hand back (inputs as typed, formulas with
 * their cached values), so tests can edit cells and read the workbook back without any file.
 */
import type {
  Nominee,
  RawCell,
  SectorCode,
  SheetGrid,
  TierCode,
  WorkbookGrid,
} from "../../../src/engine";
import { cachedValueOf, formulaOf, parseA1, unparse } from "../../../src/engine";
import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import type { CellPlan, SheetPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { evaluatePlan, type PlanValues } from "../../../src/engine/compute";
import type { IsoDate } from "../../../src/engine/core/IsoDate";

let nextRow = 5;

export function nominee(fields: {
  name: string;
  sector?: SectorCode | null;
  tier?: TierCode | null;
  region?: string | null;
  sheet?: string;
  row?: number;
}): Nominee {
  return {
    sheet: fields.sheet ?? "推荐汇总",
    row: fields.row ?? nextRow++,
    name: fields.name,
    displayName: fields.name,
    sector: fields.sector === undefined ? "community" : fields.sector,
    tier: fields.tier === undefined ? "province" : fields.tier,
    region: fields.region === undefined ? "长沙市" : fields.region,
    members: null,
    secretary: null,
    phone: null,
    nominatedOn: null,
    awardedOn: null,
    lastReviewOn: null,
    lastReviewScore: null,
    lastReviewVeto: null,
    notes: null,
    cells: {},
    extra: {},
  };
}

function rawOf(cell: CellPlan, sheet: SheetPlan): RawCell | null {
  const content = cell.content;
  switch (content.kind) {
    case "text":
      return { type: "text", text: content.text };
    case "number":
      return { type: "number", value: content.value };
    case "bool":
      return { type: "boolean", value: content.value };
    case "date":
      return { type: "date", serial: content.serial, numberFormat: "yyyy-mm-dd" };
    case "blank":
      return null;
    case "formula":
    case "filled": {
      const formula = unparse(formulaOf(content), "ooxml", sheet.name);
      const cached = cachedValueOf(sheet, cell, content);
      if (typeof cached === "number") return { type: "number", value: cached, formula };
      if (typeof cached === "boolean") return { type: "boolean", value: cached, formula };
      return { type: "text", text: cached ?? "", formula };
    }
  }
}

/** The workbook a spreadsheet would read back: `sources` first (untouched), then the plan's sheets. */
export function planToGrid(plan: WorkbookPlan, sources: readonly SheetGrid[] = []): WorkbookGrid {
  const generated = plan.sheets.map((sheet): SheetGrid => {
    const rows: (RawCell | null)[][] = [];
    for (const cell of sheet.cells) {
      const row = (rows[cell.row - 1] ??= []);
      row[cell.col - 1] = rawOf(cell, sheet);
    }
    return {
      name: sheet.name,
      hidden: sheet.visibility !== undefined,
      ...(sheet.visibility === undefined ? {} : { visibility: sheet.visibility }),
      rows,
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    };
  });
  return {
    sheets: [...sources, ...generated],
    names: plan.names.map((n) => ({
      name: n.name,
      refersTo: unparse(n.refersTo, "ooxml"),
      hidden: n.hidden === true,
    })),
  };
}

/** A copy of `grid` with one cell replaced, as a person typing into it would leave it. */
export function withCell(
  grid: WorkbookGrid,
  sheetName: string,
  a1: string,
  cell: RawCell | null
): WorkbookGrid {
  const { row, col } = parseA1(a1);
  return {
    sheets: grid.sheets.map((sheet) => {
      if (sheet.name !== sheetName) return sheet;
      const rows = sheet.rows.map((r) => (r ? [...r] : r));
      const target = (rows[row - 1] ??= []);
      target[col - 1] = cell;
      return { ...sheet, rows };
    }),
  };
}

/** The plan cell at A1 of a sheet, or undefined. */
export function planCell(plan: WorkbookPlan, sheetName: string, a1: string) {
  const { row, col } = parseA1(a1);
  return plan.sheets
    .find((s) => s.name === sheetName)
    ?.cells.find((c) => c.row === row && c.col === col);
}

/** The formula text (ooxml) of a plan cell. */
export function formulaAt(plan: WorkbookPlan, sheetName: string, a1: string): string {
  const cell = planCell(plan, sheetName, a1);
  if (!cell || !isFormulaContent(cell.content))
    throw new Error(`${sheetName}!${a1} holds no formula`);
  return unparse(formulaOf(cell.content), "ooxml", sheetName);
}

const evaluated = new WeakMap<WorkbookPlan, PlanValues>();

/** What a formula cell of the plan computes: evaluatePlan, the engine's one source of figures (as of 2014-06-30). */
export function computedAt(plan: WorkbookPlan, sheetName: string, a1: string): unknown {
  const cell = planCell(plan, sheetName, a1);
  if (!cell || !isFormulaContent(cell.content))
    throw new Error(`${sheetName}!${a1} holds no formula`);
  let values = evaluated.get(plan);
  if (!values) {
    values = evaluatePlan(plan, { today: "2014-06-30" as IsoDate });
    evaluated.set(plan, values);
  }
  return values.value(sheetName, cell.row, cell.col);
}

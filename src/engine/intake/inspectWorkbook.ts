import { parseA1 } from "../core/CellRef";
import type { WorkbookGrid } from "../core/Grid";
import { issue, type Issue } from "../core/Issue";
import type { Field } from "../core/domain";
import type { Nominee } from "../core/Nominee";
import type { ColumnMapping, TableLayout } from "../core/Table";
import { HEADER_VOCABULARY } from "../headers/matchHeader";
import { locateTable } from "../locate/locateTable";
import { findDuplicates } from "../validate/findDuplicates";
import { nomineeReader } from "../validate/readNominee";

export interface InspectResult {
  tables: TableLayout[];
  nominees: Nominee[];
  issues: Issue[];
  /** Sheets with no nomination table (填表说明 …), in workbook order. */
  skippedSheets: string[];
}

/** A person's corrections of the column mapping: sheet → 1-based column → field (null: map to nothing). */
export type MappingOverrides = Readonly<Record<string, Readonly<Record<number, Field | null>>>>;

export interface InspectOptions {
  readonly mappingOverrides?: MappingOverrides;
}

/**
 * The intake stage whole: on every sheet, locate the table, read each data row into a Nominee and collect
 * every issue; then look for duplicates across the workbook. Issues come sorted by sheet, row and column.
 * @example inspectWorkbook(grid).nominees.length // 52 for a one-sheet 推荐汇总表 of 52 rows
 */
export function inspectWorkbook(grid: WorkbookGrid, options: InspectOptions = {}): InspectResult {
  const tables: TableLayout[] = [];
  const nominees: Nominee[] = [];
  const issues: Issue[] = [];
  const skippedSheets: string[] = [];
  for (const sheet of grid.sheets) {
    const located = locateTable(sheet, HEADER_VOCABULARY);
    const overrides = options.mappingOverrides?.[sheet.name];
    const table = located && overrides ? withMappingOverrides(located, overrides) : located;
    if (!table) {
      skippedSheets.push(sheet.name);
      issues.push(
        issue("sheet_without_table", "warning", {
          sheet: sheet.name,
          row: null,
          cell: null,
          field: null,
        })
      );
      continue;
    }
    tables.push(table);
    const readRow = nomineeReader(sheet, table);
    for (const [row, kind] of table.rowKinds) {
      if (kind !== "data") continue;
      const read = readRow(row);
      nominees.push(read.nominee);
      for (const found of read.issues) issues.push(found);
    }
  }
  // Duplicates by the regions the sheets wrote: one unit put forward by two cities is worth a warning.
  issues.push(...findDuplicates(nominees));
  const regioned = withSheetNameRegions(tables, nominees);
  const sheetOrder = new Map(grid.sheets.map((sheet, i) => [sheet.name, i]));
  return { tables, nominees: regioned, issues: sortIssues(issues, sheetOrder), skippedSheets };
}

/** Names Excel and WPS give new sheets: they say nothing about where the nominees come from. */
const DEFAULT_SHEET_NAME = /^(sheet|工作表)\s*\d+$/i;

/**
 * One sheet per recommending body (长沙市, 株洲市 …) with no 推荐单位 column: the sheet's name is the region of every
 * nominee on it. Only when the workbook holds two or more tables, since a lone sheet's name (推荐汇总) is a title.
 */
function withSheetNameRegions(tables: readonly TableLayout[], nominees: Nominee[]): Nominee[] {
  if (tables.length < 2) return nominees;
  const bySheetName = new Set(
    tables
      .filter((table) => !table.columns.some((column) => column.field === "region"))
      .map((table) => table.sheet)
      .filter((sheet) => !DEFAULT_SHEET_NAME.test(sheet.trim()))
  );
  return nominees.map((nominee) =>
    nominee.region === null && bySheetName.has(nominee.sheet)
      ? { ...nominee, region: nominee.sheet.trim() }
      : nominee
  );
}

/**
 * The table with the person's choices applied: a chosen column gets the field with full confidence, and any other
 * column that held that field loses it (a field maps to one column at most).
 */
function withMappingOverrides(
  table: TableLayout,
  overrides: Readonly<Record<number, Field | null>>
): TableLayout {
  const chosen = new Map<number, Field | null>();
  for (const [col, field] of Object.entries(overrides)) chosen.set(Number(col), field);
  const claimed = new Set([...chosen.values()].filter((field): field is Field => field !== null));
  const columns = table.columns.map((column): ColumnMapping => {
    if (chosen.has(column.col))
      return { ...column, field: chosen.get(column.col) ?? null, confidence: 1 };
    if (column.field && claimed.has(column.field)) return { ...column, field: null, confidence: 0 };
    return column;
  });
  return { ...table, columns };
}

function sortIssues(issues: readonly Issue[], sheetOrder: ReadonlyMap<string, number>): Issue[] {
  const column = (found: Issue): number => (found.cell ? parseA1(found.cell).col : 0);
  return [...issues].sort(
    (a, b) =>
      (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      column(a) - column(b)
  );
}

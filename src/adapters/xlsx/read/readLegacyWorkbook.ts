/**
 * Excel 97–2003 (.xls), WPS (.et/.ett) and OpenDocument (.ods) workbooks, read with SheetJS Community Edition
 * (`@e965/xlsx`: the upstream 0.20.3 build republished on npm, which carries the fixes for CVE-2023-30533 and
 * CVE-2024-22363 that the `xlsx` package on npm, frozen at 0.18.5, lacks — docs/decisions/0012). Loaded only
 * when such a file is read, so neither the command line's start nor the task pane's first load pays for it.
 * Pure: no Node APIs.
 */
import type { CellRange, RawCell, SheetGrid, WorkbookName } from "../../../engine";
import type { DefinedNameReading, SheetReading, XlsxPackageReading } from "./readXlsxPackage";
import { isDateNumberFormat } from "./worksheetHandler";

type SheetJs = typeof import("@e965/xlsx");
type SheetJsCell = import("@e965/xlsx").CellObject;

/** Why a legacy file cannot be read. */
export class LegacyReadError extends Error {
  constructor(
    readonly code: "damaged_file" | "encrypted",
    detail: string
  ) {
    super(detail);
    this.name = "LegacyReadError";
  }
}

const DATE_1904_OFFSET = 1462;

export async function loadSheetJs(): Promise<SheetJs> {
  return import("@e965/xlsx");
}

/** True when a compound file (the container of .xls, .et and encrypted .xlsx) holds an encrypted OOXML package. */
export function isEncryptedPackage(sheetJs: SheetJs, bytes: Uint8Array): boolean {
  try {
    // SheetJS types its bundled CFB library as `any`; FileIndex lists the container's streams.
    const container = sheetJs.CFB.read(bytes, { type: "buffer" }) as {
      FileIndex: ReadonlyArray<{ name: string }>;
    };
    return container.FileIndex.some(
      (entry) => entry.name === "EncryptionInfo" || entry.name === "EncryptedPackage"
    );
  } catch {
    return false;
  }
}

/**
 * Reads a legacy or OpenDocument workbook into the same shape as an .xlsx reading. Formula cells are read by
 * their cached value; the formula text comes along where SheetJS gives it.
 */
export function readLegacyWorkbook(sheetJs: SheetJs, bytes: Uint8Array): XlsxPackageReading {
  let workbook: import("@e965/xlsx").WorkBook;
  // SheetJS reports some OpenDocument number formats it cannot translate on console.error; the values are read
  // all the same, and a command line's output is not the place for it.
  const consoleError = console.error;
  try {
    console.error = () => undefined;
    workbook = sheetJs.read(bytes, {
      type: "buffer",
      dense: true,
      cellDates: false,
      cellNF: true,
      cellFormula: true,
      cellHTML: false,
      cellText: false,
      WTF: false,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(message)) throw new LegacyReadError("encrypted", message);
    throw new LegacyReadError("damaged_file", message);
  } finally {
    console.error = consoleError;
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const sheets: SheetReading[] = [];
  const grids: SheetGrid[] = [];
  workbook.SheetNames.forEach((name, index) => {
    const hidden = workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0;
    const state: SheetReading["state"] =
      hidden === 2 ? "veryHidden" : hidden === 1 ? "hidden" : "visible";
    sheets.push({ name, state, partName: "" });
    const sheet = workbook.Sheets[name];
    if (!sheet) return;
    grids.push({ ...sheetGrid(name, state !== "visible", sheet, date1904), visibility: state });
  });
  const definedNames: DefinedNameReading[] = (workbook.Workbook?.Names ?? []).map((n) => ({
    name: n.Name,
    hidden: Boolean((n as { Hidden?: boolean }).Hidden),
    refersTo: refersToText(n.Ref as unknown),
    ...(n.Sheet !== undefined && n.Sheet !== null ? { localSheetId: n.Sheet } : {}),
  }));
  const names: WorkbookName[] = definedNames.map((n) => {
    const scope = n.localSheetId === undefined ? undefined : workbook.SheetNames[n.localSheetId];
    return {
      name: n.name,
      refersTo: n.refersTo,
      hidden: n.hidden,
      ...(scope === undefined ? {} : { scope }),
    };
  });
  return { grid: { sheets: grids, names }, sheets, definedNames, date1904, macros: false };
}

/**
 * A name's formula as text. SheetJS gives a name that holds a constant as that constant's value: a number (a copy's
 * `_shifan_Layout` is `2`) or a boolean (`_shifan_generated` is `true`), typed `string` all the same.
 */
function refersToText(ref: unknown): string {
  if (typeof ref === "string") return ref;
  if (typeof ref === "boolean") return ref ? "TRUE" : "FALSE";
  return String(ref ?? "");
}

function sheetGrid(
  name: string,
  hidden: boolean,
  sheet: import("@e965/xlsx").WorkSheet,
  date1904: boolean
): SheetGrid {
  const data = (sheet["!data"] ?? []) as Array<Array<SheetJsCell | undefined> | undefined>;
  const rows: Array<Array<RawCell | null> | undefined> = [];
  // for…in walks the rows present only: a sparse row array is never walked to its length.
  for (const r in data) {
    const source = data[Number(r)];
    if (!source) continue;
    let cells: Array<RawCell | null> | undefined;
    for (const c in source) {
      const cell = source[Number(c)];
      const raw = cell ? rawCell(cell, date1904) : null;
      if (!raw) continue;
      cells ??= [];
      cells[Number(c)] = raw;
    }
    if (cells) rows[Number(r)] = cells;
  }
  const merges: CellRange[] = (sheet["!merges"] ?? []).map((m) => ({
    top: m.s.r + 1,
    left: m.s.c + 1,
    bottom: m.e.r + 1,
    right: m.e.c + 1,
  }));
  const hiddenRows: number[] = [];
  const rowInfo = sheet["!rows"] ?? [];
  for (const r in rowInfo) if (rowInfo[Number(r)]?.hidden) hiddenRows.push(Number(r) + 1);
  const hiddenColumns: number[] = [];
  const colInfo = sheet["!cols"] ?? [];
  for (const c in colInfo) if (colInfo[Number(c)]?.hidden) hiddenColumns.push(Number(c) + 1);
  return { name, hidden, rows, merges, hiddenRows, hiddenColumns };
}

function rawCell(cell: SheetJsCell, date1904: boolean): RawCell | null {
  const formula = typeof cell.f === "string" && cell.f !== "" ? cell.f : undefined;
  const value = plainValue(cell, date1904);
  if (formula === undefined) return value;
  return { ...(value ?? { type: "text", text: "" }), formula };
}

function plainValue(cell: SheetJsCell, date1904: boolean): RawCell | null {
  const format = typeof cell.z === "string" && cell.z !== "General" ? cell.z : undefined;
  switch (cell.t) {
    case "s":
      return typeof cell.v === "string" ? { type: "text", text: cell.v } : null;
    case "n": {
      if (typeof cell.v !== "number" || !Number.isFinite(cell.v)) return null;
      if (format !== undefined && isDateNumberFormat(format))
        return {
          type: "date",
          serial: date1904 ? cell.v + DATE_1904_OFFSET : cell.v,
          numberFormat: format,
        };
      return format !== undefined
        ? { type: "number", value: cell.v, numberFormat: format }
        : { type: "number", value: cell.v };
    }
    case "b":
      return { type: "boolean", value: Boolean(cell.v) };
    case "e":
      return { type: "error", error: typeof cell.w === "string" ? cell.w : "#N/A" };
    case "d": {
      const ms = cell.v instanceof Date ? cell.v.getTime() : Date.parse(String(cell.v));
      if (Number.isNaN(ms)) return null;
      const serial = ms / 86_400_000 + 25569;
      return format !== undefined
        ? { type: "date", serial, numberFormat: format }
        : { type: "date", serial };
    }
    default:
      return null;
  }
}

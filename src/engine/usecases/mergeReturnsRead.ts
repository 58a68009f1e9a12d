/**
 * What mergeReturns reads of a returned copy, decided by the copy alone (never by the master), so a front end may
 * make it wherever it reads the file: the CLI on its worker thread, handing the main thread typed arrays it
 * transfers rather than a grid to copy and parse; the pane, and mergeReturns for a copy given as a grid, on the
 * spot. One reading either way: mergeReturns takes only this. docs/decisions/0042.
 */
import {
  isBlankCell,
  type RawCell,
  type SheetGrid,
  type WorkbookGrid,
  type WorkbookName,
} from "../core/Grid";
import { HEADER_ROW, IDENTITY_COLUMNS } from "../plan/assessmentLayout";
import {
  COPY_KEYS,
  isEntryRole,
  roleKey,
  roleOfIdentityName,
  type SheetRole,
} from "../plan/workbookIdentity";
import { rowsById } from "../report/readAssessment";
import { readIdentity, sheetOfReference } from "../report/readIdentity";
import type { SheetReadLimit } from "../report/rowsRead";

/** A copy's score cell as merge reads it (readScore): blank (or spaces), a number (a date's serial), or anything else. */
export const CELL_BLANK = 0;
export const CELL_NUMBER = 1;
export const CELL_OTHER = 2;

/**
 * A returned copy's entry sheet as merge reads it. Row-major per nominee row (`rows.length × width` cells from
 * column `firstColumn` on); a cell of kind CELL_NUMBER has its value in `numbers`, of kind CELL_OTHER in `others`
 * (text, TRUE/FALSE, an error's text) at the same index. A column left of `firstColumn` is never a score column (the
 * identity columns come first) and reads blank.
 */
export interface EntrySheetRead {
  readonly name: string;
  /** The title and header rows, values only: the checks read the title and the criteria's or raters' headers. */
  readonly head: SheetGrid;
  /**
   * Each nominee id, in the sheet's order, from the first row holding it (rowsById): id i is `idText` from
   * `idEnds[i - 1]` (0 for the first) to `idEnds[i]` — one string, not one per row, so what the taking holds while
   * the merged workbook is evaluated is a few objects for the collector to mark, not 20,000 per copy (idAt).
   */
  readonly idText: string;
  readonly idEnds: Int32Array;
  /** The sheet's row of each id. */
  readonly rows: Int32Array;
  /**
   * The name cell's text where it holds text (`named` 1), so: in `nameText` as the ids are in `idText`. A renamed
   * nominee is told, never taken from (renamedAt).
   */
  readonly nameText: string;
  readonly nameEnds: Int32Array;
  readonly named: Uint8Array;
  readonly firstColumn: number;
  readonly width: number;
  readonly kinds: Uint8Array;
  readonly numbers: Float64Array;
  readonly others: ReadonlyMap<number, string | boolean>;
  /**
   * The stamp's baseline of each id's cells as issued, `baselineWidth` per row in slot order: present (1, its
   * number in `baselineNumbers`, NaN for text no number reads) or blank (0: no baseline, or an empty one).
   */
  readonly baselineWidth: number;
  readonly baselineKinds: Uint8Array;
  readonly baselineNumbers: Float64Array;
}

/** A returned copy as mergeReturns reads it: a workbook with no identity is no copy. */
export type CopyRead =
  | { readonly kind: "not_a_copy" }
  | {
      readonly kind: "copy";
      readonly assessmentId: string | null;
      /** The identity sheet's `key | value` rows but the baseline's (one per nominee): the issue stamp. */
      readonly entries: ReadonlyMap<string, string>;
      /** Each entry sheet the identity names (a judge's, a rater group's): its role's key and the sheet (null: deleted). */
      readonly entrySheets: readonly {
        readonly key: string;
        readonly sheet: EntrySheetRead | null;
      }[];
      /** Sheets the identity does not name (added to the copy): ignored, and said so. */
      readonly added: readonly string[];
    };

/**
 * The cells of a copy's entry sheet merge never reads: below the headers, the identity text between the name and
 * the scores (类别, 级别, 地区). Rows match by id, a renamed nominee is told by its name, and the scores are found
 * at the layout's columns (a judge's) or by header right of these (a group's).
 */
const COPY_COLUMNS_LEFT_OUT = {
  belowRow: HEADER_ROW,
  from: IDENTITY_COLUMNS.name + 1,
  to: IDENTITY_COLUMNS.region,
} as const;

/**
 * How much of a returned copy mergeReturns reads, decided from the copy's defined names before any sheet is read
 * (rowsRead's shape, for the reader): its identity sheet whole; its entry sheets without formula text (a copy's
 * formulas are never read, #9 §3) and without COPY_COLUMNS_LEFT_OUT; no row of the other sheets its identity names
 * (评分标准, the sectors' descriptors). A sheet the names do not name is read whole, as is a file that is no copy.
 *
 * @example XlsxWorkbookSource.fromFile(file, { rowsRead: returnRowsRead })
 */
export function returnRowsRead(
  names: readonly WorkbookName[]
): ReadonlyMap<string, SheetReadLimit> {
  const roles = new Map<string, SheetRole[]>();
  for (const name of names) {
    if (name.scope !== undefined) continue;
    const role = roleOfIdentityName(name.name);
    const sheet = role ? sheetOfReference(name.refersTo) : null;
    if (role && sheet !== null) roles.set(sheet, [...(roles.get(sheet) ?? []), role]);
  }
  const limits = new Map<string, SheetReadLimit>();
  for (const [sheet, named] of roles) {
    // A sheet named for two roles is read as the one merge reads most of.
    if (named.some((role) => role.kind === "identity")) continue;
    limits.set(
      sheet,
      named.some(isEntryRole)
        ? { formulaRows: 0, columnsLeftOut: COPY_COLUMNS_LEFT_OUT }
        : { rows: 0 }
    );
  }
  return limits;
}

/** A cell's value alone: a copy's formulas and number formats are never read (issue #9 §3). */
function valueOnly(cell: RawCell | null | undefined): RawCell | null {
  if (!cell) return null;
  switch (cell.type) {
    case "number":
      return cell.formula === undefined && cell.numberFormat === undefined
        ? cell
        : { type: "number", value: cell.value };
    case "date":
      return cell.formula === undefined && cell.numberFormat === undefined
        ? cell
        : { type: "date", serial: cell.serial };
    case "text":
      return cell.formula === undefined ? cell : { type: "text", text: cell.text };
    case "boolean":
      return cell.formula === undefined ? cell : { type: "boolean", value: cell.value };
    case "error":
      return cell.formula === undefined ? cell : { type: "error", error: cell.error };
  }
}

/** A baseline's cells as issued (texts from column B of the stamp's row), aligned to the entry sheet's ids. */
function baselineOf(
  ids: readonly string[],
  baseline: ReadonlyMap<string, readonly (string | null)[]>
): Pick<EntrySheetRead, "baselineWidth" | "baselineKinds" | "baselineNumbers"> {
  let width = 0;
  for (const values of baseline.values()) width = Math.max(width, values.length);
  const kinds = new Uint8Array(ids.length * width);
  const numbers = new Float64Array(ids.length * width);
  ids.forEach((id, i) => {
    const values = baseline.get(id);
    if (!values) return;
    values.forEach((text, s) => {
      if (text === null || text === "") return;
      kinds[i * width + s] = 1;
      numbers[i * width + s] = Number(text);
    });
  });
  return { baselineWidth: width, baselineKinds: kinds, baselineNumbers: numbers };
}

function entrySheetRead(
  sheet: SheetGrid,
  baseline: ReadonlyMap<string, readonly (string | null)[]>
): EntrySheetRead {
  const byId = rowsById(sheet);
  const ids = [...byId.keys()];
  const rows = Int32Array.from(byId.values());
  const idEnds = new Int32Array(ids.length);
  const nameEnds = new Int32Array(ids.length);
  const named = new Uint8Array(ids.length);
  let idText = "";
  let nameText = "";
  const firstColumn = COPY_COLUMNS_LEFT_OUT.to + 1;
  let width = 0;
  for (const row of rows)
    width = Math.max(width, (sheet.rows[row - 1]?.length ?? 0) - firstColumn + 1);
  const kinds = new Uint8Array(ids.length * width);
  const numbers = new Float64Array(ids.length * width);
  const others = new Map<number, string | boolean>();
  rows.forEach((row, i) => {
    const cells = sheet.rows[row - 1];
    idText += ids[i] ?? "";
    idEnds[i] = idText.length;
    const name = cells?.[IDENTITY_COLUMNS.name - 1];
    if (name?.type === "text") {
      nameText += name.text;
      named[i] = 1;
    }
    nameEnds[i] = nameText.length;
    for (let c = 0; c < width; c++) {
      const cell = cells?.[firstColumn - 1 + c];
      const at = i * width + c;
      if (isBlankCell(cell) || !cell) continue;
      switch (cell.type) {
        case "number":
          kinds[at] = CELL_NUMBER;
          numbers[at] = cell.value;
          break;
        case "date":
          kinds[at] = CELL_NUMBER;
          numbers[at] = cell.serial;
          break;
        case "text":
          kinds[at] = CELL_OTHER;
          others.set(at, cell.text);
          break;
        case "boolean":
          kinds[at] = CELL_OTHER;
          others.set(at, cell.value);
          break;
        case "error":
          kinds[at] = CELL_OTHER;
          others.set(at, cell.error);
          break;
      }
    }
  });
  return {
    name: sheet.name,
    head: {
      name: sheet.name,
      hidden: sheet.hidden,
      rows: sheet.rows.slice(0, HEADER_ROW).map((row) => row?.map(valueOnly)),
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    },
    idText,
    idEnds,
    rows,
    nameText,
    nameEnds,
    named,
    firstColumn,
    width,
    kinds,
    numbers,
    others,
    ...baselineOf(ids, baseline),
  };
}

/** The id on the entry sheet's `i`th row read. */
export function idAt(sheet: EntrySheetRead, i: number): string {
  return sheet.idText.slice(i === 0 ? 0 : sheet.idEnds[i - 1], sheet.idEnds[i]);
}

/** Whether the name cell of the `i`th row read holds text, and other text than `name`. */
export function renamedAt(sheet: EntrySheetRead, i: number, name: string): boolean {
  if (sheet.named[i] !== 1) return false;
  const start = i === 0 ? 0 : (sheet.nameEnds[i - 1] as number);
  const end = sheet.nameEnds[i] as number;
  return end - start !== name.length || !sheet.nameText.startsWith(name, start);
}

/**
 * A returned copy as mergeReturns reads it: its identity's facts, and each entry sheet's ids, names, cells and
 * baseline in typed arrays. Decided by the copy alone.
 *
 * @example
 * const copy = { file, read: copyReadOf(await XlsxWorkbookSource.fromFile(file, { rowsRead: returnRowsRead }).read()) };
 */
export function copyReadOf(grid: WorkbookGrid): CopyRead {
  const identity = readIdentity(grid);
  if (identity.kind !== "identity") return { kind: "not_a_copy" };
  const baseline = new Map<string, readonly (string | null)[]>();
  for (const [key, values] of identity.entryRows)
    if (key.startsWith(COPY_KEYS.baselinePrefix))
      baseline.set(key.slice(COPY_KEYS.baselinePrefix.length), values);
  const entries = new Map<string, string>();
  for (const [key, value] of identity.entries)
    if (!key.startsWith(COPY_KEYS.baselinePrefix)) entries.set(key, value);
  const known = new Set(identity.sheets.flatMap((s) => (s.sheet ? [s.sheet.name] : [])));
  return {
    kind: "copy",
    assessmentId: identity.assessmentId,
    entries,
    entrySheets: identity.sheets
      .filter((found) => isEntryRole(found.role))
      .map((found) => ({
        key: roleKey(found.role),
        sheet: found.sheet ? entrySheetRead(found.sheet, baseline) : null,
      })),
    added: grid.sheets.filter((s) => !known.has(s.name)).map((s) => s.name),
  };
}

/** The buffers of a copy's read, to transfer rather than copy when it is posted to another thread. */
export function copyReadBuffers(read: CopyRead): ArrayBuffer[] {
  if (read.kind !== "copy") return [];
  return read.entrySheets.flatMap(({ sheet }) =>
    sheet
      ? [
          sheet.idEnds,
          sheet.rows,
          sheet.nameEnds,
          sheet.named,
          sheet.kinds,
          sheet.numbers,
          sheet.baselineKinds,
          sheet.baselineNumbers,
        ].map((array) => array.buffer as ArrayBuffer)
      : []
  );
}

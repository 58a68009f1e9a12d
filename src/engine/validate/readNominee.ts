import { a1, columnLetter } from "../core/CellRef";
import { SECTOR_NAMES, type Field, type SectorCode } from "../core/domain";
import { isBlankCell, type RawCell, type SheetGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import { issue, type Issue, type IssueCode, type IssueParamsArg } from "../core/Issue";
import type { Nominee } from "../core/Nominee";
import type { TableLayout } from "../core/Table";
import { cellText } from "../normalize/cellText";
import { normalizeDate } from "../normalize/normalizeDate";
import { normalizeCount, normalizeScore } from "../normalize/normalizeNumber";
import { normalizeSector } from "../normalize/normalizeSector";
import { isUnsafeText, normalizeText } from "../normalize/normalizeText";
import { normalizeTier } from "../normalize/normalizeTier";
import { normalizeVeto } from "../normalize/normalizeVeto";

type DateField = "nominatedOn" | "awardedOn" | "lastReviewOn";
type TextField = "region" | "secretary" | "phone" | "notes";

/**
 * Characters no spreadsheet file can store: NUL, U+FFFE, U+FFFF and unpaired surrogates (a .xls, a paste or a
 * hand-made file can hold them). Each becomes U+FFFD, the replacement character, so the loss shows.
 */
const UNSTORABLE =
  // A pair is matched whole and kept; no lookbehind, which the pane's ES2017 browsers cannot parse.
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for.
  /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000\uFFFE\uFFFF\uD800-\uDFFF]/g;

function replaceUnstorable(text: string): string {
  return text.replace(UNSTORABLE, (found) => (found.length === 2 ? found : "\uFFFD"));
}

function withoutUnstorable(read: { text: string; display: string }): {
  text: string;
  display: string;
} {
  const display = replaceUnstorable(read.display);
  if (display === read.display) return read;
  return { text: replaceUnstorable(read.text), display };
}

/** Sector names as a suggestion list reads them: 街道党组织、社区党组织. */
function sectorNames(sectors: readonly SectorCode[]): string {
  return sectors.map((s) => SECTOR_NAMES[s]).join("、");
}

/**
 * One data row of a located table as a Nominee, plus every problem in it (all of them, not the first).
 * Errors: a required field empty, a sector or tier that cannot be read, a date or number that cannot be read.
 * Warnings: a month-only date, text that starts like a formula (kept as text), a review before the award.
 * @example readNominee(sheet, table, 24).issues[0] // missing_required at C24 when the name cell is empty
 */
export function readNominee(sheet: SheetGrid, table: TableLayout, row: number): NomineeReading {
  return nomineeReader(sheet, table)(row);
}

export interface NomineeReading {
  nominee: Nominee;
  issues: Issue[];
}

/** readNominee for many rows of one table: the column lookups are worked out once, not per row. */
export function nomineeReader(
  sheet: SheetGrid,
  table: TableLayout
): (row: number) => NomineeReading {
  const fieldCols = new Map<Field, number>();
  const fieldLetters = new Map<Field, string>();
  for (const column of table.columns) {
    if (!column.field) continue;
    fieldCols.set(column.field, column.col);
    fieldLetters.set(column.field, columnLetter(column.col));
  }
  const extraColumns = extraColumnKeys(table);
  const readers: Readers = {
    sector: memoByText(normalizeSector),
    tier: memoByText(normalizeTier),
    date: memoByText(normalizeDate),
    veto: memoByText(normalizeVeto),
  };
  return (row) => readRow(sheet, row, fieldCols, fieldLetters, extraColumns, readers);
}

interface Readers {
  readonly sector: typeof normalizeSector;
  readonly tier: typeof normalizeTier;
  readonly date: typeof normalizeDate;
  readonly veto: typeof normalizeVeto;
}

/**
 * A column of sectors, tiers or dates repeats a few spellings thousands of times: read each spelling once.
 * Readings are shared between rows, so nothing may change them.
 */
function memoByText<R>(read: (cell: RawCell | null) => R): (cell: RawCell | null) => R {
  const seen = new Map<string, R>();
  return (cell) => {
    if (cell?.type !== "text") return read(cell);
    let reading = seen.get(cell.text);
    if (reading === undefined) {
      reading = read(cell);
      seen.set(cell.text, reading);
    }
    return reading;
  };
}

function readRow(
  sheet: SheetGrid,
  row: number,
  fieldCols: ReadonlyMap<Field, number>,
  fieldLetters: ReadonlyMap<Field, string>,
  extraColumns: ExtraColumns,
  readers: Readers
): NomineeReading {
  const cells = sheet.rows[row - 1] ?? [];
  const issues: Issue[] = [];
  const cellFor = (field: Field): RawCell | null => {
    const col = fieldCols.get(field);
    return col === undefined ? null : (cells[col - 1] ?? null);
  };
  const at = (field: Field) => {
    const letter = fieldLetters.get(field);
    return { sheet: sheet.name, row, cell: letter === undefined ? null : `${letter}${row}`, field };
  };
  const report = <K extends IssueCode>(
    code: K,
    severity: Issue["severity"],
    field: Field,
    ...params: IssueParamsArg<K>
  ): void => {
    issues.push(issue(code, severity, at(field), ...params));
  };
  const shown = (field: Field): string => cellText(cellFor(field));

  const readText = (field: "name" | TextField): { text: string; display: string } | null => {
    const cell = cellFor(field);
    const normalized = normalizeText(cell);
    const read = normalized && withoutUnstorable(normalized);
    if (read && normalized && read !== normalized)
      report("unstorable_character", "warning", field, { value: read.display });
    // A formula's own result is the sheet's doing; only typed text that looks like a formula is suspicious.
    if (read && cell?.formula === undefined && isUnsafeText(read.text)) {
      report("unsafe_text", "warning", field, { value: read.text });
    }
    return read;
  };

  const name = readText("name");
  if (!name) report("missing_required", "error", "name");

  let sector: SectorCode | null = null;
  const sectorReading = readers.sector(cellFor("sector"));
  switch (sectorReading.kind) {
    case "sector":
      sector = sectorReading.sector;
      break;
    case "ambiguous":
      report("ambiguous_sector", "error", "sector", {
        value: shown("sector"),
        suggestions: sectorNames(sectorReading.candidates),
      });
      break;
    case "unknown":
      report("unknown_sector", "error", "sector", {
        value: shown("sector"),
        suggestions: sectorNames(sectorReading.suggestions),
      });
      break;
    case "blank":
      report("missing_required", "error", "sector");
      break;
  }

  const tierReading = readers.tier(cellFor("tier"));
  if (tierReading.kind === "invalid")
    report("invalid_tier", "error", "tier", { value: shown("tier") });
  if (tierReading.kind === "blank") report("missing_required", "error", "tier");

  const readDate = (field: DateField): IsoDate | null => {
    const reading = readers.date(cellFor(field));
    if (reading.kind === "invalid") report("invalid_date", "error", field, { value: shown(field) });
    if (reading.kind !== "date") return null;
    if (reading.monthOnly)
      report("month_only_date", "warning", field, { value: shown(field), date: reading.date });
    return reading.date;
  };
  const readNumber = (field: "members" | "lastReviewScore"): number | null => {
    const reading =
      field === "members" ? normalizeCount(cellFor(field)) : normalizeScore(cellFor(field));
    if (reading.kind === "invalid")
      report("invalid_number", "error", field, { value: shown(field) });
    return reading.kind === "number" ? reading.value : null;
  };

  const region = readText("region");
  const members = readNumber("members");
  const secretary = readText("secretary");
  const phone = readText("phone");
  const nominatedOn = readDate("nominatedOn");
  const awardedOn = readDate("awardedOn");
  const lastReviewOn = readDate("lastReviewOn");
  const lastReviewScore = readNumber("lastReviewScore");
  const vetoReading = readers.veto(cellFor("lastReviewVeto"));
  // invalid_veto is the read-back code for the same mistake; an unreadable veto must not pass as 否.
  if (vetoReading.kind === "invalid")
    report("invalid_veto", "error", "lastReviewVeto", { value: shown("lastReviewVeto") });
  const notes = readText("notes");
  if (awardedOn && lastReviewOn && lastReviewOn < awardedOn) {
    report("review_before_award", "warning", "lastReviewOn", { reviewOn: lastReviewOn, awardedOn });
  }

  const cellRefs: Partial<Record<Field, string>> = {};
  for (const [field, letter] of fieldLetters) cellRefs[field] = `${letter}${row}`;
  const extra = extraCells(cells, extraColumns);
  for (const { col, text } of extra.unsafe) {
    issues.push(
      issue(
        "unsafe_text",
        "warning",
        { sheet: sheet.name, row, cell: a1(row, col), field: null },
        { value: text }
      )
    );
  }

  const nominee: Nominee = {
    sheet: sheet.name,
    row,
    name: name?.text ?? null,
    displayName: name?.display ?? null,
    sector,
    tier: tierReading.kind === "tier" ? tierReading.tier : null,
    region: region?.text ?? null,
    members,
    secretary: secretary?.text ?? null,
    phone: phone?.text ?? null,
    nominatedOn,
    awardedOn,
    lastReviewOn,
    lastReviewScore,
    lastReviewVeto: vetoReading.kind === "veto" ? vetoReading.veto : null,
    notes: notes?.text ?? null,
    cells: cellRefs,
    extra: extra.values,
  };
  return { nominee, issues };
}

interface ExtraColumns {
  /** Columns mapped to a field: their cells are the nominee's fields, not extras. */
  readonly mapped: ReadonlySet<number>;
  /** Headers of the table's unmapped columns (序号, 内部编号 …). */
  readonly headers: ReadonlyMap<number, string>;
}

function extraColumnKeys(table: TableLayout): ExtraColumns {
  const headers = new Map<number, string>();
  const mapped = new Set<number>();
  for (const column of table.columns) {
    if (column.field) mapped.add(column.col);
    else headers.set(column.col, column.header);
  }
  return { mapped, headers };
}

/**
 * Cells of unmapped columns (内部编号 …) and cells beside the table, keyed by header or by column letter:
 * nothing in a nominee's row is dropped. Typed text there that starts like a formula is returned too.
 */
function extraCells(
  cells: ReadonlyArray<RawCell | null | undefined>,
  columns: ExtraColumns
): { values: Record<string, string>; unsafe: Array<{ col: number; text: string }> } {
  const values: Record<string, string> = {};
  const unsafe: Array<{ col: number; text: string }> = [];
  for (let i = 0; i < cells.length; i++) {
    const col = i + 1;
    const cell = cells[i];
    if (columns.mapped.has(col) || !cell || isBlankCell(cell)) continue;
    const text = cellText(cell);
    values[columns.headers.get(col) ?? columnLetter(col)] = text;
    if (cell.type === "text" && cell.formula === undefined && isUnsafeText(text))
      unsafe.push({ col, text: text.trim() });
  }
  return { values, unsafe };
}

/**
 * Cell-by-cell comparison of what a spreadsheet shows with what the engine says it should show.
 * Numbers are equal when they agree to 2 decimal places (every compared figure is ROUNDed to 2 in both);
 * words must be identical; a blank cell equals null and the empty string.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { ComputedValue, ComputedWorkbook } from "../support/libreoffice";

export interface ExpectedCell {
  /** `'Sheet'!B7`, as the report names cells. */
  readonly ref: string;
  readonly value: ComputedValue;
  /** What the cell is, for the diff: 'SF-0003 total'. */
  readonly what: string;
}

export interface CellMismatch {
  readonly ref: string;
  readonly what: string;
  readonly shown: ComputedValue | undefined;
  readonly expected: ComputedValue;
}

/** `'考核表'!M7` → { sheet: '考核表', cell: 'M7' } (quotes doubled inside a sheet name). */
export function splitSheetCellRef(ref: string): { sheet: string; cell: string } {
  const quoted = /^'((?:[^']|'')+)'!\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (quoted) return { sheet: quoted[1]!.replace(/''/g, "'"), cell: `${quoted[2]}${quoted[3]}` };
  const bare = /^([^'!]+)!\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (bare) return { sheet: bare[1]!, cell: `${bare[2]}${bare[3]}` };
  throw new Error(`not a sheet cell reference: ${ref}`);
}

function isBlank(value: ComputedValue | undefined): boolean {
  return value === undefined || value === null || value === "";
}

/** True when a person would read the two values as the same figure or word. */
export function sameShownValue(shown: ComputedValue | undefined, expected: ComputedValue): boolean {
  if (isBlank(shown) || isBlank(expected)) return isBlank(shown) && isBlank(expected);
  if (typeof shown === "number" && typeof expected === "number")
    return shown.toFixed(2) === expected.toFixed(2);
  return shown === expected;
}

export function compareCells(
  expected: readonly ExpectedCell[],
  workbook: ComputedWorkbook
): CellMismatch[] {
  const mismatches: CellMismatch[] = [];
  for (const cell of expected) {
    const { sheet, cell: a1 } = splitSheetCellRef(cell.ref);
    const values = workbook.get(sheet);
    if (!values) throw new Error(`the workbook has no sheet ${sheet} (named by ${cell.what})`);
    const shown = values.get(a1);
    if (!sameShownValue(shown, cell.value))
      mismatches.push({ ref: cell.ref, what: cell.what, shown, expected: cell.value });
  }
  return mismatches;
}

/** A compact table for a failing test: at most `limit` lines plus a count of the rest. */
export function formatMismatches(
  mismatches: readonly CellMismatch[],
  shownBy: string,
  limit = 40
): string {
  const show = (v: ComputedValue | undefined): string =>
    v === undefined ? "(empty)" : JSON.stringify(v);
  const lines = mismatches
    .slice(0, limit)
    .map((m) => `  ${m.ref}  ${m.what}: ${shownBy} ${show(m.shown)}, engine ${show(m.expected)}`);
  if (mismatches.length > limit) lines.push(`  … and ${mismatches.length - limit} more`);
  return `${mismatches.length} cell(s) differ:\n${lines.join("\n")}`;
}

/** The same package with every formula's cached result replaced by -1: only a recalculation can restore them. */
export function withWrongCachedValues(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    // Plain and shared formulas alike: <f>…</f>, <f t="shared" ref=… si=…>…</f>, <f t="shared" si=…/>.
    const xml = strFromU8(data).replace(
      /(<f(?:\s[^>]*)?(?:\/>|>[^<]*<\/f>))(?:<v>[^<]*<\/v>)?/g,
      "$1<v>-1</v>"
    );
    parts[name] = strToU8(xml);
  }
  return zipSync(parts);
}

/**
 * Where each rater's scores are on a rater group's sheet (评议_<code>), found by the `评议人r` header as a judge's
 * criteria are found by theirs: a column a person moved or inserted never puts one rater's scores under another's.
 * One reading of the headers for the master (readAssessment) and a returned copy (mergeReturns).
 */
import { a1 } from "../core/CellRef";
import { cellAt, type SheetGrid } from "../core/Grid";
import { RATERS_WORDS } from "../core/words";
import { HEADER_ROW, IDENTITY_COLUMNS } from "../plan/assessmentLayout";
import { raterHeader } from "../plan/compileRaterSheet";

/** What a group sheet's header row says about its raters. */
interface RaterHeaders {
  /** Rater r (1-based) → the column headed `评议人r`. */
  readonly byRater: ReadonlyMap<number, number>;
  /** The first rater headed twice, and the second column headed so. */
  readonly duplicate: { readonly rater: number; readonly col: number } | null;
  /** How many raters the sheet was written for: the highest `评议人r 计入` (hidden) or `评议人r` header. */
  readonly written: number;
  /** The header row's cells from the first rater column on, for a message: `F2:T2`. */
  readonly span: string;
}

const RATER_HEADER = new RegExp(`^${RATERS_WORDS.rater}(\\d{1,3})(?:\\s|$)`);
const COUNTED_MARK = "计入";

function raterHeaders(sheet: SheetGrid): RaterHeaders {
  const byRater = new Map<number, number>();
  let duplicate: RaterHeaders["duplicate"] = null;
  let written = 0;
  const first = IDENTITY_COLUMNS.region + 1;
  const width = Math.max(first, sheet.rows[HEADER_ROW - 1]?.length ?? 0);
  for (let col = first; col <= width; col++) {
    const cell = cellAt(sheet, HEADER_ROW, col);
    const header = cell?.type === "text" ? cell.text : "";
    const m = RATER_HEADER.exec(header);
    if (!m) continue;
    const rater = Number(m[1]);
    written = Math.max(written, rater);
    if (header.includes(COUNTED_MARK)) continue;
    if (!byRater.has(rater)) byRater.set(rater, col);
    else duplicate ??= { rater, col };
  }
  return {
    byRater,
    duplicate,
    written,
    span: `${a1(HEADER_ROW, first)}:${a1(HEADER_ROW, width)}`,
  };
}

/**
 * A returned copy's rater columns: exactly one `评议人r` column per rater the assessment has (rater r at index
 * r − 1), or why not (a copy is refused rather than read in part).
 */
export function copyRaterColumns(
  sheet: SheetGrid,
  raters: number
): { readonly columns: readonly number[] } | { readonly wrong: string } {
  const { byRater, duplicate } = raterHeaders(sheet);
  if (duplicate !== null) return { wrong: `${raterHeader(duplicate.rater)} ×2` };
  const columns = Array.from({ length: raters }, (_unused, r) => byRater.get(r + 1));
  if (byRater.size !== raters || columns.some((col) => col === undefined))
    return {
      wrong: `${RATERS_WORDS.rater} ${byRater.size} ≠ ${raters} / raters ${byRater.size} ≠ ${raters}`,
    };
  return { columns: columns as number[] };
}

/** The master's rater columns as its group sheet stands. */
export interface RaterColumnsOnSheet {
  /** Rater r's column at index r − 1; null for a rater added on 评分标准 (评议人数 raised) since the sheet was written. */
  readonly columns: readonly (number | null)[];
  /** The sheet's raters beyond 评分标准's 评议人数 (lowered since): rater and column. */
  readonly beyond: readonly (readonly [number, number])[];
}

/** The master's rater columns, or the header cell that makes them unclear. */
export type SheetRaterColumns =
  RaterColumnsOnSheet | { readonly unclear: { readonly cell: string; readonly detail: string } };

/**
 * Each rater's column on the master's group sheet by its `评议人r` header. Unclear — so the caller refuses rather
 * than read one rater's scores as another's or drop a column's scores — when a header is repeated or a rater the
 * sheet was written for (its hidden 计入 column, or a higher rater, says so) has no header left.
 */
export function sheetRaterColumns(sheet: SheetGrid, raters: number): SheetRaterColumns {
  const { byRater, duplicate, written, span } = raterHeaders(sheet);
  if (duplicate !== null)
    return {
      unclear: {
        cell: a1(HEADER_ROW, duplicate.col),
        detail: `${raterHeader(duplicate.rater)} ×2`,
      },
    };
  // A sheet shifan wrote has rater 1 at least: no header left at all is a header typed over, not a new sheet.
  for (let rater = 1; rater <= Math.max(written, raters > 0 ? 1 : 0); rater++)
    if (!byRater.has(rater)) return { unclear: { cell: span, detail: raterHeader(rater) } };
  return {
    columns: Array.from({ length: raters }, (_unused, r) => byRater.get(r + 1) ?? null),
    beyond: [...byRater].filter(([rater]) => rater > raters),
  };
}

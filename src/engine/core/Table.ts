import type { Field } from "./domain";

/** What each non-blank row of a sheet turned out to be: nothing under a header goes unaccounted. */
export type RowKind = "title" | "header" | "data" | "total" | "note" | "stray" | "blank";

export interface ColumnMapping {
  /** 1-based column. */
  readonly col: number;
  /** Header text as shown (group and sub header joined by '/': 党组织基本情况/名称). */
  readonly header: string;
  readonly field: Field | null;
  /** 0…1: 1 for an exact synonym, lower for containment or a guess. */
  readonly confidence: number;
}

/** One nomination table found on a sheet. */
export interface TableLayout {
  readonly sheet: string;
  /** 1-based rows of the header (one or two). */
  readonly headerRows: readonly number[];
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  readonly columns: readonly ColumnMapping[];
  /** Kind of every non-blank row from the first row of the sheet to the last. */
  readonly rowKinds: ReadonlyMap<number, RowKind>;
}

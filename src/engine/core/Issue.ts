import type { Field } from "./domain";

/** Stable codes: their text lives in messages/zh-CN.ts and messages/en.ts. */
export const ISSUE_CODES = [
  // intake (issue #2)
  "missing_required",
  "unknown_sector",
  "ambiguous_sector",
  "invalid_tier",
  "invalid_date",
  "month_only_date",
  "invalid_number",
  "duplicate",
  "unsafe_text",
  "unstorable_character",
  "sheet_without_table",
  "review_before_award",
  // assessment workbook read back (issue #5)
  "score_out_of_range",
  "invalid_score",
  "satisfaction_out_of_range",
  "invalid_veto",
  "nominee_vanished",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = "error" | "warning";

/** Values a message may quote. */
export type IssueParams = Readonly<Record<string, string | number>>;

/** Bad data found in a sheet: never thrown, always collected. */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly sheet: string;
  /** 1-based row, or null for an issue about a whole sheet. */
  readonly row: number | null;
  /** A1 of the offending cell (no sheet), or null. */
  readonly cell: string | null;
  readonly field: Field | null;
  readonly params: IssueParams;
}

export function issue(
  code: IssueCode,
  severity: Severity,
  at: { sheet: string; row: number | null; cell: string | null; field: Field | null },
  params: IssueParams = {}
): Issue {
  return { code, severity, sheet: at.sheet, row: at.row, cell: at.cell, field: at.field, params };
}

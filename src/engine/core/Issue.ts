import type { Field } from "./domain";

/** An issue that quotes nothing but its place (and its field's label). */
type NoParams = Readonly<Record<never, never>>;

/**
 * What each issue's message quotes, per code, as zod's issues carry theirs (`too_big` has `maximum`): the stable
 * snake_case codes are this map's keys, and messages/zh-CN.ts and en.ts are typed against it, so a missing or
 * misnamed parameter is a compile error. The field's label is not a parameter: messages take it from `field`.
 */
export interface IssueParams {
  // intake (issue #2)
  readonly missing_required: NoParams;
  /** `suggestions`: the nearest sectors' names joined by 、, or "" when none is near. */
  readonly unknown_sector: { readonly value: string; readonly suggestions: string };
  readonly ambiguous_sector: { readonly value: string; readonly suggestions: string };
  readonly invalid_tier: { readonly value: string };
  readonly invalid_date: { readonly value: string };
  /** `date`: the first of the month it is taken as. */
  readonly month_only_date: { readonly value: string; readonly date: string };
  readonly invalid_number: { readonly value: string };
  /** The first row with the same name and tier. */
  readonly duplicate: {
    readonly otherSheet: string;
    readonly otherRow: number;
    readonly otherCell: string;
  };
  readonly unsafe_text: { readonly value: string };
  /** `value`: the text as kept, each unstorable character shown as U+FFFD. */
  readonly unstorable_character: { readonly value: string };
  readonly sheet_without_table: NoParams;
  readonly review_before_award: { readonly reviewOn: string; readonly awardedOn: string };
  // assessment workbook read back (issue #5)
  readonly score_out_of_range: { readonly value: number; readonly max: number };
  readonly score_off_step: { readonly value: number; readonly step: number };
  readonly invalid_score: { readonly value: string };
  readonly satisfaction_out_of_range: { readonly value: number };
  readonly invalid_veto: { readonly value: string };
  readonly nominee_vanished: { readonly name: string; readonly id: string };
  // 回避 (issue #9 §4): the line of 回避 that recuses the judge (null when none names it as typed).
  readonly recused_score: {
    readonly judge: number;
    readonly id: string;
    readonly line: number | null;
    readonly value: number;
  };
  readonly recusal_not_applied: { readonly line: number; readonly check: string };
  // rubric components (issue #11 §1): `warning` is what 评分标准's check cell shows.
  readonly weights_not_one: { readonly warning: string };
  /**
   * A parameter cell of 评分标准 outside what the rubric parser accepts (issue #12 §5): `detail` is the parser's
   * words, 'zh / en'; `used` the value computed with instead (the default), null: as if blank (no quota, no 差额).
   */
  readonly invalid_parameter: {
    readonly label: string;
    readonly detail: string;
    readonly used: number | null;
  };
}
export type IssueCode = keyof IssueParams;

export type Severity = "error" | "warning";

/** Where an issue is: the sheet, and the row, cell and field when it is about one. */
export interface IssueAt {
  readonly sheet: string;
  /** 1-based row, or null for an issue about a whole sheet. */
  readonly row: number | null;
  /** A1 of the offending cell (no sheet), or null. */
  readonly cell: string | null;
  readonly field: Field | null;
}

/** Bad data found in a sheet: never thrown, always collected. Its params are those of its code. */
export type Issue = {
  readonly [K in IssueCode]: IssueAt & {
    readonly code: K;
    readonly severity: Severity;
    readonly params: IssueParams[K];
  };
}[IssueCode];

/** The params argument of `issue(code, …)`: none for a code that quotes nothing. */
export type IssueParamsArg<K extends IssueCode> = keyof IssueParams[K] extends never
  ? []
  : [params: IssueParams[K]];

export function issue<K extends IssueCode>(
  code: K,
  severity: Severity,
  at: IssueAt,
  ...params: IssueParamsArg<K>
): Issue {
  const quoted = params[0] ?? {};
  return {
    code,
    severity,
    sheet: at.sheet,
    row: at.row,
    cell: at.cell,
    field: at.field,
    params: quoted,
  } as Issue;
}

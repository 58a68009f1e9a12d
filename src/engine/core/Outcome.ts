/**
 * The one result type of everything in shifan that can fail (a use case, reading an assessment back, parsing a
 * rubric), as zod's safeParse has one: `{ ok: true, …fields }` or `{ ok: false, failure }`, with issues and notes
 * either way. Bad rows are issues (never thrown), what the engine decided on the person's behalf is a note, and a
 * request it cannot carry out is a failure with a code. Texts live in messages/ (notes.ts, fatal.ts), in Chinese
 * and English. Only broken invariants throw.
 */
import type { Issue } from "./Issue";
import type { TierCode } from "./domain";

/** A failure that quotes nothing. */
type NoParams = Readonly<Record<never, never>>;

/**
 * The workbook a failure is about, by its file: the command line names the file it read (`inFile`); the engine and
 * the pane, which has the workbook open, leave it out and the message says 此工作簿 / this workbook.
 */
interface AboutWorkbook {
  readonly file?: string;
}

/**
 * Requests the engine refuses as a whole, and inputs no use case can work from: what each one's message quotes,
 * per code, as IssueParams does for issues. messages/fatal.ts is typed against it, so a missing, misnamed or extra
 * parameter is a compile error.
 */
export interface FatalParams {
  readonly file_not_found: { readonly file: string };
  readonly file_unreadable: { readonly file: string };
  readonly encrypted: { readonly file: string };
  readonly not_xlsx: { readonly file: string };
  readonly damaged_file: { readonly file: string };
  readonly no_nomination_table: AboutWorkbook;
  readonly output_is_input: NoParams;
  readonly output_not_writable: { readonly file: string; readonly reason: string };
  /** `file`: the rubric's JSON file, when it came from one. */
  readonly rubric_invalid: { readonly file?: string; readonly detail: string };
  /** `sheet`: the sheet it lacks. */
  readonly not_assessment_workbook: AboutWorkbook & { readonly sheet: string };
  /** A usage error, said once in each language. */
  readonly bad_argument: { readonly zh: string; readonly en: string };
  readonly formula_too_long: {
    readonly sheet: string;
    readonly cell: string;
    readonly actual: number;
    readonly maximum: number;
  };
  readonly formula_too_deep: {
    readonly sheet: string;
    readonly cell: string;
    readonly actual: number;
    readonly maximum: number;
  };
  /** `sheets`: the judge sheets holding scores, joined for the message. */
  readonly would_drop_judge_scores: {
    readonly sheets: string;
    readonly from: number;
    readonly to: number;
  };
  /** `from`, `to`: rubric ids. */
  readonly would_drop_rubric_scores: {
    readonly sheets: string;
    readonly from: string;
    readonly to: string;
  };
  readonly too_few_judges: { readonly judges: number; readonly minJudges: number };
  readonly newer_layout: AboutWorkbook & { readonly version: number };
  readonly missing_rubric_sheet: AboutWorkbook & { readonly sheet: string };
  readonly rubric_mismatch: AboutWorkbook & { readonly sheet: string; readonly detail: string };
  readonly unplaced_scores: AboutWorkbook & { readonly sheet: string; readonly detail: string };
  /** A rater group's sheet whose `评议人r` headers do not say which column is whose (`detail`: the header). */
  readonly rater_columns_unclear: AboutWorkbook & {
    readonly sheet: string;
    readonly cell: string;
    readonly detail: string;
  };
  readonly assessment_incomplete: AboutWorkbook & { readonly sheet: string };
  readonly no_identity: AboutWorkbook;
  readonly no_such_judge: { readonly judge: number; readonly judges: number };
  /** `groups`: the assessment's rater groups, `code（label）` joined for the message; "—" when it has none. */
  readonly no_such_group: { readonly group: string; readonly groups: string };
}
export type FatalCode = keyof FatalParams;

/** A request refused whole: its code, with that code's params. */
export type Failure = {
  readonly [K in FatalCode]: { readonly code: K; readonly params: FatalParams[K] };
}[FatalCode];

/** The failure naming the file the command line read: the codes whose message names a workbook quote it. */
export function inFile(failure: Failure, file: string): Failure {
  return { ...failure, params: { ...failure.params, file } } as Failure;
}

/** What a host may leave out when it renders a plan (office-js on an older Excel). */
export type UnrenderedPart = "validation" | "filter" | "print_setup" | "cell_notes";

/** What a host may leave out when it reads a workbook (office-js on an older Excel). */
export type UnreadPart = "merged_cells";

/** What a note says, with the values it quotes, per code. */
export interface NoteParams {
  /** Entered scores carried into the new sheets (by nominee id and criterion id). */
  readonly scores_kept: { readonly scores: number; readonly nominees: number };
  readonly judges_changed: { readonly from: number; readonly to: number };
  /** The minimum number of judges set explicitly (`--min-judges`); `rules` is RULES §4's default. */
  readonly min_judges_changed: {
    readonly from: number;
    readonly to: number;
    readonly rules: number;
  };
  readonly rubric_changed: { readonly from: string; readonly to: string };
  /** The official's edits on 评分标准 carried over: which parameters differ from the built-in rubric. */
  readonly rubric_edits_kept: { readonly fields: string };
  /** A criterion no longer on 评分标准: the entries judges typed under it are not carried into the new sheets. */
  readonly criterion_scores_dropped: { readonly criterion: string; readonly count: number };
  /** 评议人数 lowered on 评分标准: the entries under the group sheet's raters beyond it are not carried. */
  readonly rater_scores_dropped: {
    readonly sheet: string;
    readonly raters: string;
    readonly count: number;
  };
  /** Each tier whose quota changed; null is no quota (no limit). */
  readonly quotas_changed: {
    readonly changes: readonly {
      readonly tier: TierCode;
      readonly from: number | null;
      readonly to: number | null;
    }[];
  };
  readonly as_of_changed: { readonly from: string; readonly to: string };
  readonly nominees_added: { readonly count: number };
  readonly nominees_gone: { readonly count: number };
  /** A parameter cell on 评分标准 that is not a number: the default is used. */
  readonly parameter_not_a_number: {
    readonly label: string;
    readonly cell: string;
    readonly used: number;
  };
  /** A workbook of the first shifan: its sheets found by their names, its identity written now (decision 0010). */
  readonly identity_added: Readonly<Record<string, never>>;
  /** A generated sheet a person renamed: found through the identity, the new name kept. */
  readonly sheet_renamed_kept: {
    readonly roleZh: string;
    readonly roleEn: string;
    readonly from: string;
    readonly to: string;
  };
  /** A generated sheet's default name held by a person's own sheet: the generated one is written as `used`. */
  readonly sheet_name_taken: {
    readonly roleZh: string;
    readonly roleEn: string;
    readonly taken: string;
    readonly used: string;
  };
  /** A person's own defined name that shifan also uses: theirs kept, shifan's formulas use `used`. */
  readonly defined_name_taken: { readonly taken: string; readonly used: string };
  /** A nomination sheet renamed since the last run: its nominees keep their ids and scores. */
  readonly source_sheet_renamed: { readonly from: string; readonly to: string };
  /** A generated sheet a person deleted, rebuilt from what the workbook holds. */
  readonly sheet_missing_rebuilt: {
    readonly roleZh: string;
    readonly roleEn: string;
    readonly sheet: string;
  };
  /** A judge's sheet a person deleted: rebuilt empty, the panel unchanged. */
  readonly judge_sheet_missing: {
    readonly judge: number;
    readonly sheet: string;
    readonly judges: number;
  };
  /** 考核表 deleted: rebuilt from the judge sheets (its own inputs are gone). */
  readonly main_sheet_missing: { readonly sheet: string };
  /** 回避 deleted: rebuilt empty; its lines went with it. */
  readonly recusal_sheet_missing: { readonly sheet: string };
  /** 评分标准 deleted: rebuilt with the given rubric's defaults. */
  readonly rubric_sheet_missing: { readonly sheet: string; readonly rubric: string };
  /** A parameter cell below what the formulas can divide by: the least workable value is used. */
  readonly parameter_below_minimum: {
    readonly label: string;
    readonly cell: string;
    readonly used: number;
  };
  /**
   * Part of the plan the open Excel could not render, on these sheets: `needs` is the ExcelApi requirement set
   * that has it, null where the add-in cannot write it in any Excel (a written .xlsx has it).
   */
  readonly not_rendered: {
    readonly part: UnrenderedPart;
    readonly sheets: readonly string[];
    readonly needs: string | null;
  };
  /** Part of the workbook the open Excel could not read: `needs` is the ExcelApi requirement set that reads it. */
  readonly not_read: { readonly part: UnreadPart; readonly needs: string };
}
export type NoteCode = keyof NoteParams;

export type Note = {
  readonly [K in NoteCode]: { readonly code: K; readonly params: NoteParams[K] };
}[NoteCode];

export function note<K extends NoteCode>(code: K, params: NoteParams[K]): Note {
  return { code, params } as Note;
}

/** A request refused whole: the failure, with the issues and notes found before it. */
export interface Failed {
  readonly ok: false;
  readonly failure: Failure;
  readonly issues: readonly Issue[];
  readonly notes: readonly Note[];
}

/** Its own fields when it succeeded, a failure otherwise; issues and notes either way. */
export type Outcome<T extends object> =
  | (T & { readonly ok: true; readonly issues: readonly Issue[]; readonly notes: readonly Note[] })
  | Failed;

/** A success with its fields; no issues or notes unless given. */
export function succeeded<T extends object>(
  fields: T,
  issues: readonly Issue[] = [],
  notes: readonly Note[] = []
): T & { readonly ok: true; readonly issues: readonly Issue[]; readonly notes: readonly Note[] } {
  return { ...fields, ok: true, issues, notes };
}

export function failed<K extends FatalCode>(
  code: K,
  params: FatalParams[K],
  issues: readonly Issue[] = [],
  notes: readonly Note[] = []
): Failed {
  return { ok: false, failure: { code, params } as Failure, issues, notes };
}

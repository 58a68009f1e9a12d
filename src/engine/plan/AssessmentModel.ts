/** The data an assessment workbook holds besides its formulas: who is assessed, with what inputs, under which rubric. */
import type { Issue } from "../core/Issue";
import type { IsoDate } from "../core/IsoDate";
import type { Nominee } from "../core/Nominee";
import type { SectorCode, TierCode } from "../core/domain";
import type { Rubric } from "../rubric/Rubric";
import type { SheetRole } from "./workbookIdentity";
import type { RecusalLine } from "./compileRecusalSheet";

export interface AssessmentSettings {
  readonly rubric: Rubric;
  /** A fixed as-of date (a date cell on 评分标准) or 'today' (the formula TODAY()). */
  readonly asOf: IsoDate | "today";
  /** Sheet protection password; none by default. */
  readonly password?: string;
  /** What 'today' means for cached values; the clock's date when absent. */
  readonly today?: IsoDate;
  /** 公示名单's title as the official worded it; absent: the default (compilePublicitySheet). */
  readonly publicityTitle?: string;
}

/** What people type for one nominee. scores[judge][criterion]; null is a blank cell (never zero). veto null = 否. */
export interface EnteredInputs {
  readonly scores: readonly (readonly (number | null)[])[];
  readonly satisfaction: number | null;
  readonly veto: boolean | null;
  /**
   * Each rater group's scores by its code, one per rater (RULES §4.1); null is a blank. Absent for a rubric
   * without rater groups, and a group absent here has no score yet.
   */
  readonly raters?: Readonly<Record<string, readonly (number | null)[]>>;
  /**
   * Entries read from a workbook that are not numbers (text, TRUE/FALSE, an error): no formula counts them, and
   * they stand where they were so the engine's figures see what the sheet holds (待更正, RULES §4.3), and a
   * regeneration writes them back where they stood (the person's data), listed on 校验结果 too.
   */
  readonly rejected?: readonly RejectedEntry[];
}

/**
 * A non-number entry: on judge `judge`'s sheet (0-based) under criterion `criterion`, or the satisfaction (judge
 * null); or on rater group `group`'s sheet in rater `rater`'s column (0-based).
 */
export type RejectedEntry =
  | {
      readonly judge: number | null;
      readonly criterion: number;
      readonly value: string | boolean;
    }
  | { readonly group: string; readonly rater: number; readonly value: string | boolean };

/** An entry on a judge sheet or in the satisfaction cell (not a rater group's). */
export type JudgeRejectedEntry = Extract<RejectedEntry, { readonly criterion: number }>;

export function isJudgeEntry(entry: RejectedEntry): entry is JudgeRejectedEntry {
  return "criterion" in entry;
}

/** A nominee as an assessment workbook records it (one row of 考核表). */
export interface CarriedNominee {
  /** Stable id `SF-0001`, kept across re-assessments. */
  readonly id: string;
  readonly name: string | null;
  readonly sector: SectorCode | null;
  readonly tier: TierCode | null;
  readonly region: string | null;
  /** Where the nominee was read from (source sheet and 1-based row). */
  readonly source: { readonly sheet: string; readonly row: number };
  readonly inputs: EnteredInputs;
  /** No longer found in the source sheets: row kept with its scores, flagged. */
  readonly vanished: boolean;
}

/** An assessment read back from a workbook, to carry into a re-assessment. */
export interface PreviousAssessment {
  /** The rubric as 评分标准's cells say now: an official's edits count. */
  readonly rubric: Rubric;
  readonly asOf: IsoDate | "today";
  readonly nominees: readonly CarriedNominee[];
  /** Inputs that could not be carried (text in a score cell…): listed again on the new 校验结果. */
  readonly issues?: readonly Issue[];
  /** Generated sheets a person deleted: rebuilt, and said so. */
  readonly missing?: readonly SheetRole[];
  /** Role key → the sheet's name now (a missing sheet's last name). */
  readonly sheetNames?: ReadonlyMap<string, string>;
  /** Nomination sheets renamed since the last run: name then → name now. */
  readonly renamedSources?: ReadonlyMap<string, string>;
  /** 回避's lines as the official typed them, every one kept. */
  readonly recusals?: readonly RecusalLine[];
  /** 公示名单's title as the official worded it (absent: the sheet is new, or its title was cleared). */
  readonly publicityTitle?: string;
}

/** What compileAssessment needs from inspect (structurally, InspectResult from intake fits). */
export interface AssessmentSource {
  readonly nominees: readonly Nominee[];
  readonly issues: readonly Issue[];
}

export function emptyInputs(judges: number, criteria: number): EnteredInputs {
  return {
    scores: Array.from({ length: judges }, () => Array.from({ length: criteria }, () => null)),
    satisfaction: null,
    veto: null,
  };
}

export const ID_PREFIX = "SF-";

/** `SF-0001` for 1; wider numbers keep all their digits. */
export function stableId(n: number): string {
  return `${ID_PREFIX}${String(n).padStart(4, "0")}`;
}

/** 7 for `SF-0007`, null for anything else. */
export function stableIdNumber(id: string): number | null {
  const m = /^SF-(\d+)$/.exec(id);
  return m && m[1] ? Number(m[1]) : null;
}

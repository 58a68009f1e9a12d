import type { Field, IssueCode, SectorCode, TierCode } from "../core";
import type { IssueText } from "./issueText";

/** The sectors in English, short: the kind of body whose party organisation is nominated. */
export const SECTOR_NAMES_EN: Readonly<Record<SectorCode, string>> = {
  township: "Township",
  village: "Village",
  subdistrict: "Subdistrict",
  community: "Community",
  soe: "State-owned enterprise",
  organ: "Government organ",
  school: "School",
  research: "Research institute",
  public_institution: "Public institution (culture, health, sports)",
  non_public: "Non-public enterprise",
  social_org: "Social organisation",
};

export const TIER_NAMES_EN: Readonly<Record<TierCode, string>> = {
  province: "Provincial",
  city: "City",
  county: "County",
};

export const ISSUE_TITLES_EN: Readonly<Record<IssueCode, string>> = {
  missing_required: "Required field empty",
  unknown_sector: "Unknown sector",
  ambiguous_sector: "Ambiguous sector",
  invalid_tier: "Unknown tier",
  invalid_date: "Invalid date",
  month_only_date: "Date gives only a month",
  invalid_number: "Not a whole number",
  duplicate: "Duplicate nomination",
  unstorable_character: "Characters that cannot be stored",
  unsafe_text: "Text that looks like a formula",
  sheet_without_table: "Sheet without a nomination table",
  review_before_award: "Review before award",
  score_out_of_range: "Score out of range",
  score_off_step: "Score off the step",
  invalid_score: "Invalid score",
  satisfaction_out_of_range: "Satisfaction out of range",
  invalid_veto: "Invalid veto",
  nominee_vanished: "No longer nominated",
  recused_score: "Score of a recused judge (not counted)",
  recusal_not_applied: "Recusal line not applied",
  weights_not_one: "Weights do not add up to 100%",
  invalid_parameter: "Invalid rubric parameter",
};

/** "1 warning", "2 warnings": English counts with the noun in the right number. */
export function countEn(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export const FIELD_LABELS_EN: Readonly<Record<Field, string>> = {
  name: "name",
  sector: "sector",
  tier: "tier",
  region: "recommending body (region)",
  members: "party members",
  secretary: "secretary",
  phone: "phone",
  nominatedOn: "nomination date",
  awardedOn: "award date",
  lastReviewOn: "last review date",
  lastReviewScore: "last review score",
  lastReviewVeto: "veto",
  notes: "notes",
};

/** RULES §4.3: a bad entry counts nowhere, and its nominee shows 待更正 until it is corrected. */
/** What 回避's 核对 column says of a line not in force (plan/compileRecusalSheet.ts), in English. */
const RECUSAL_CHECK_EN: Readonly<Record<string, string>> = {
  评委号无效: "no such judge",
  考核表中无此编号: "no such nominee id",
  编号不可留空或用通配符:
    "a line names one nominee: a blank id or a wildcard (* ? ~, or a leading = < >) does not mean all",
};

const NOT_COUNTED_EN = ": not counted, the nominee shows 待更正 (to correct)";

export const ISSUE_MESSAGES_EN: IssueText = {
  missing_required: (p) => `required field "${p.label}" is empty`,
  unknown_sector: (p) =>
    `unknown sector "${p.value}"` + (p.suggestions ? `; did you mean: ${p.suggestions}?` : ""),
  ambiguous_sector: (p) => `sector "${p.value}" is ambiguous; choose one of: ${p.suggestions}`,
  invalid_tier: (p) =>
    `unknown tier "${p.value}"; expected province, city or county (省级/市级/县级)`,
  invalid_date: (p) => `"${p.value}" is not a valid date`,
  month_only_date: (p) => `date "${p.value}" gives only a month; taken as ${p.date}`,
  invalid_number: (p) => `"${p.value}" is not a whole number`,
  duplicate: (p) => `duplicates ${p.otherSheet}!${p.otherCell} (row ${p.otherRow})`,
  unstorable_character: (p) =>
    `"${p.value}" held characters no spreadsheet can store (such as NUL); each is shown as �, check the original`,
  unsafe_text: (p) => `"${p.value}" starts like a formula; kept as text and never calculated`,
  sheet_without_table: () => "no nomination table on this sheet; skipped",
  review_before_award: (p) =>
    `last review date ${p.reviewOn} is before the award date ${p.awardedOn}`,
  score_out_of_range: (p) => `score ${p.value} is outside 0–${p.max}${NOT_COUNTED_EN}`,
  score_off_step: (p) =>
    `score ${p.value} is not a whole number of ${p.step}-point steps${NOT_COUNTED_EN}`,
  invalid_score: (p) => `"${p.value}" is not a valid score${NOT_COUNTED_EN}`,
  satisfaction_out_of_range: (p) =>
    `public satisfaction ${p.value} must be between 0 and 100${NOT_COUNTED_EN}`,
  invalid_veto: (p) => `veto must be 是 (yes) or 否 (no), not "${p.value}"`,
  nominee_vanished: (p) =>
    `"${p.name}" (${p.id}) is no longer in the nominations; its scores are kept`,
  weights_not_one: (p) =>
    `the weights of the total's components on this sheet do not add up to 100% (the sheet says: ${p.warning}); totals are weighted as they stand`,
  invalid_parameter: (p) =>
    `"${p.label}" ${p.detail.split(" / ").slice(1).join(" / ") || p.detail}; ${p.used === null ? "taken as blank" : `${p.used} is used instead`} (the sheet's formulas still use the cell: correct it)`,
  recused_score: (p) =>
    `judge ${p.judge} is recused from ${p.id} (回避 line ${p.line ?? "?"}): the ${p.value} entered here is not counted`,
  recusal_not_applied: (p) =>
    `回避 line ${p.line} is not applied: ${RECUSAL_CHECK_EN[p.check] ?? p.check} (${p.check})`,
};

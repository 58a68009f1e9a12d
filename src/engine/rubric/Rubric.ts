/** The rubric (评分细则) as data: criteria, judges, weights, grades, quotas, dynamic-management cycle (RULES §4, §5). */
import type { SectorCode, TierCode } from "../core/domain";
import { GRADE_WORDS } from "../core/words";

export interface Criterion {
  /** 'C1'; also names the criterion's columns, so ids are unique and identifier-like. */
  id: string;
  label: string;
  max: number;
  /** What the judge reads for a nominee of that sector; absent sectors show the label only. */
  descriptors: Partial<Record<SectorCode, string>>;
}

export interface GradeBand {
  grade: string;
  /** Lowest rounded total that earns the grade. */
  min: number;
}

export type TieBreakKey = "total" | "panel" | "satisfaction";

/**
 * What a component of the total is (RULES §4.1): the judges' panel scoring every criterion, one figure per
 * nominee (群众满意度, 0…100), or a group of raters each giving one score 0…100 (党员互评).
 */
export type ComponentKind = "panel" | "figure" | "raters";

export interface RubricComponent {
  /**
   * `panel` for the judges' panel, `satisfaction` for the figure; a rater group's code otherwise: letters and
   * digits only, as it names the group's entry sheet in the workbook identity (`raters_<code>`).
   */
  readonly id: string;
  readonly kind: ComponentKind;
  /** How sheets and the report name it: 评委评分, 领导点评, 党员互评, 群众满意度. */
  readonly label: string;
  /** Its share of the total; the weights of a rubric's components sum to 1 (the 评分标准 sheet checks it). */
  readonly weight: number;
  /** A rater group's number of raters: one score column each on the group's sheet. */
  readonly raters?: number;
}

export const PANEL_COMPONENT = "panel";
export const SATISFACTION_COMPONENT = "satisfaction";
/** A rater group's code: it becomes part of a role key and a defined name. */
export const RATER_GROUP_ID = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
export const MAX_RATERS = 100;

export interface Rubric {
  id: string;
  title: string;
  criteria: Criterion[];
  judges: number;
  /** Fewer judges scoring a criterion leave it incomplete. */
  minJudges: number;
  /** Drop one highest and one lowest score when at least this many judges scored. */
  dropExtremesFrom: number;
  scoreStep: number;
  /**
   * The weighted components of the total, in the sheets' order: the panel first, then each rater group, then
   * the satisfaction figure (exactly one panel and one figure; rater groups optional).
   */
  components: RubricComponent[];
  /** Descending by min. */
  gradeBands: GradeBand[];
  /** Grade below every band, and the grade a veto forces. */
  failGrade: string;
  /** Lowest total recommended for the plaque; also the dynamic-management pass line. */
  passLine: number;
  quotas: {
    byTier: Partial<Record<TierCode, number>>;
    /** Within a tier, a sector's own quota: its nominees' rank among the sector must be within it too (RULES §4.2). */
    bySectorTier?: Partial<Record<TierCode, Partial<Record<SectorCode, number>>>>;
    /**
     * 差额 ratio r (1.2 for 1:1.2): when the quota belongs to the next level, the candidates put forward are those
     * that pass with rank ≤ ROUNDUP(quota × r, 0) (RULES §4.2). Absent: no 差额.
     */
    candidateRatio?: number;
  };
  /** Rank order, declared in advance: always 'total' first. */
  tieBreak: TieBreakKey[];
  dynamic: { cycleMonths: number; windowDays: number };
}

/** The largest 差额 ratio accepted (1:3): beyond it the 'quota' no longer limits anything. */
export const MAX_CANDIDATE_RATIO = 3;

/** RULES §4 and §5 defaults for every rubric parameter that is not a criterion. */
export const RUBRIC_DEFAULTS = {
  judges: 5,
  minJudges: 3,
  dropExtremesFrom: 5,
  scoreStep: 0.5,
  components: [
    { id: PANEL_COMPONENT, kind: "panel", label: "评委评分", weight: 0.8 },
    { id: SATISFACTION_COMPONENT, kind: "figure", label: "群众满意度", weight: 0.2 },
  ],
  gradeBands: [
    { grade: GRADE_WORDS.excellent, min: 90 },
    { grade: GRADE_WORDS.good, min: 80 },
    { grade: GRADE_WORDS.pass, min: 60 },
  ],
  failGrade: GRADE_WORDS.fail,
  passLine: 85,
  /**
   * No quota: seed 002's 100 / 1,000 / 10,000 are the province's totals, not any one workbook's (docs/rules.md §3).
   * The official enters the number handed down; a blank quota means no limit.
   */
  quotas: { byTier: {} },
  tieBreak: ["total", "panel", "satisfaction"],
  dynamic: { cycleMonths: 24, windowDays: 90 },
} as const;

export const MAX_JUDGES = 20;

/** Seed 002's totals for the whole province (100 provincial, 1,000 city-level, 10,000 county-level sites): shown as a hint, never a default. */
export const PROVINCE_TOTALS: Readonly<Record<TierCode, number>> = {
  province: 100,
  city: 1000,
  county: 10000,
};

/** A fresh, mutable copy of the defaults, so no rubric shares arrays or objects with another. */
export function defaultParameters(): Omit<Rubric, "id" | "title" | "criteria"> {
  return {
    judges: RUBRIC_DEFAULTS.judges,
    minJudges: RUBRIC_DEFAULTS.minJudges,
    dropExtremesFrom: RUBRIC_DEFAULTS.dropExtremesFrom,
    scoreStep: RUBRIC_DEFAULTS.scoreStep,
    components: RUBRIC_DEFAULTS.components.map((component) => ({ ...component })),
    gradeBands: RUBRIC_DEFAULTS.gradeBands.map((band) => ({ ...band })),
    failGrade: RUBRIC_DEFAULTS.failGrade,
    passLine: RUBRIC_DEFAULTS.passLine,
    quotas: { byTier: { ...RUBRIC_DEFAULTS.quotas.byTier } },
    tieBreak: [...RUBRIC_DEFAULTS.tieBreak],
    dynamic: { ...RUBRIC_DEFAULTS.dynamic },
  };
}

export interface RubricOverrides {
  judges?: number;
  /** Set explicitly (`--min-judges N`); never follows the judges down (RULES §4.5). */
  minJudges?: number;
  /** A number sets the tier's quota, null removes it (no limit); a tier not named keeps its own. */
  quotas?: Partial<Record<TierCode, number | null>>;
}

/** Problems with overrides, bilingual 'zh / en'; empty when they can be applied. */
export function checkOverrides(overrides: RubricOverrides): string[] {
  const errors: string[] = [];
  const { judges, minJudges, quotas } = overrides;
  if (judges !== undefined && (!Number.isInteger(judges) || judges < 1 || judges > MAX_JUDGES)) {
    errors.push(
      `judges: 评委人数须为 1 至 ${MAX_JUDGES} 的整数 / must be a whole number from 1 to ${MAX_JUDGES} (got ${judges})`
    );
  }
  if (
    minJudges !== undefined &&
    (!Number.isInteger(minJudges) || minJudges < 1 || minJudges > MAX_JUDGES)
  ) {
    errors.push(
      `min-judges: 最少评委人数须为 1 至 ${MAX_JUDGES} 的整数 / must be a whole number from 1 to ${MAX_JUDGES} (got ${minJudges})`
    );
  }
  for (const [tier, quota] of Object.entries(quotas ?? {})) {
    if (quota !== undefined && quota !== null && (!Number.isInteger(quota) || quota < 0)) {
      errors.push(
        `quotas.${tier}: 名额须为非负整数 / must be a non-negative whole number (got ${quota})`
      );
    }
  }
  return errors;
}

/**
 * The rubric with the command line's or the task pane's overrides applied. The minimum number of judges
 * changes only when asked (RULES §4.5: never lowered because fewer judges were set up); a rubric left with
 * fewer judges than its minimum is refused by planAssessment (`too_few_judges`). Throws on overrides that
 * `checkOverrides` reports: callers check user input first.
 *
 * @example
 * withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 7, quotas: { province: 20 } })
 */
export function withOverrides(rubric: Rubric, overrides: RubricOverrides): Rubric {
  const errors = checkOverrides(overrides);
  if (errors.length > 0) throw new RangeError(errors.join("; "));
  const judges = overrides.judges ?? rubric.judges;
  const byTier: Partial<Record<TierCode, number>> = { ...rubric.quotas.byTier };
  for (const [tier, quota] of Object.entries(overrides.quotas ?? {}) as [
    TierCode,
    number | null | undefined,
  ][]) {
    if (quota === null) delete byTier[tier];
    else if (quota !== undefined) byTier[tier] = quota;
  }
  return {
    ...rubric,
    judges,
    minJudges: overrides.minJudges ?? rubric.minJudges,
    quotas: { ...rubric.quotas, byTier },
  };
}

/** The component `id` of the rubric; throws when it has none (every rubric has the panel and the figure). */
export function componentOf(rubric: Rubric, id: string): RubricComponent {
  const found = rubric.components.find((component) => component.id === id);
  if (!found) throw new Error(`rubric ${rubric.id} has no component ${id}`);
  return found;
}

/** The rater groups of a rubric, in order (none for 百千万 and 五个好). */
export function raterGroups(
  rubric: Pick<Rubric, "components">
): (RubricComponent & { readonly raters: number })[] {
  return rubric.components.flatMap((component) =>
    component.kind === "raters" ? [{ ...component, raters: component.raters ?? 0 }] : []
  );
}

/** The rubric with its components' weights replaced where `weights` (id → weight) names them. */
export function withWeights(rubric: Rubric, weights: ReadonlyMap<string, number>): Rubric {
  return {
    ...rubric,
    components: rubric.components.map((component) => {
      const weight = weights.get(component.id);
      return weight === undefined ? component : { ...component, weight };
    }),
  };
}

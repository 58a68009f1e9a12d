/**
 * Use case: the assessment workbook's plan for a workbook (`shifan assess`, the pane's 生成). A first generation
 * compiles the nominees inspect finds; a regeneration applies what was asked (rubric, judges, quotas, as-of date)
 * and carries every entered score by nominee id and criterion id, refusing a request that would drop one.
 */
import type { WorkbookGrid } from "../core/Grid";
import type { Issue } from "../core/Issue";
import type { IsoDate } from "../core/IsoDate";
import { TIER_CODES, type TierCode } from "../core/domain";
import {
  failed,
  note,
  succeeded,
  type Failed,
  type Note,
  type NoteParams,
  type Outcome,
} from "../core/Outcome";
import { inspectWorkbook, type MappingOverrides } from "../intake/inspectWorkbook";
import { BUILTIN_RUBRICS, builtinRubric } from "../rubric/builtinRubrics";
import { RUBRIC_DEFAULTS, withOverrides, type Rubric } from "../rubric/Rubric";
import { isJudgeEntry, type CarriedNominee, type EnteredInputs } from "../plan/AssessmentModel";
import { compileAssessment } from "../plan/compileAssessment";
import type { AssessmentLayout } from "../plan/assessmentLayout";
import { judgeSheetName } from "../plan/assessmentLayout";
import type { SheetPlan, WorkbookPlan } from "../plan/SheetPlan";
import { readAssessment, sourceSheetsOnly, type AssessmentState } from "../report/readAssessment";
import { declaresAssessment, readIdentity, targetWorkbook } from "../report/readIdentity";
import { placeInWorkbook, rebuildNotes } from "../plan/placeInWorkbook";
import { roleKey } from "../plan/workbookIdentity";
import { todayFromClock } from "../core/IsoDate";
import { withCachedValues } from "./cachedValues";
import { findRecusals, recusalIssues } from "./recusals";

export interface AssessmentRequest {
  /** The rubric asked for; absent: the workbook's own (as 评分标准 holds it), or 百千万 for a first generation. */
  readonly rubric?: Rubric;
  /** Absent: the workbook's judges, or the rubric's. */
  readonly judges?: number;
  /**
   * The minimum number of judges, set explicitly (`--min-judges N`). Absent: the workbook's, or the rubric's
   * (3). Never lowered because fewer judges were asked for: such a request is refused (`too_few_judges`).
   */
  readonly minJudges?: number;
  /** Quotas asked for, tier by tier: a number sets one, null means none (no limit); tiers not named keep theirs. */
  readonly quotas?: Readonly<Partial<Record<TierCode, number | null>>>;
  /** Absent: the workbook's own as-of date, or 'today'. */
  readonly asOf?: IsoDate;
  /** What today is for cached values; the clock's date when absent. */
  readonly today?: IsoDate;
  /** Sheet protection password; none when absent or empty. */
  readonly password?: string;
  /** The person's column mapping of the nomination sheets. */
  readonly mappingOverrides?: MappingOverrides;
  /**
   * The id a workbook assessed the first time gets (front ends pass a random UUID); a workbook with an identity
   * keeps its own. Absent: one made from Math.random.
   */
  readonly newAssessmentId?: string;
  /** More generated sheets to write, compiled with their default names (merge's 合并记录). */
  readonly extraSheets?: readonly SheetPlan[];
}

export interface PlannedAssessment {
  readonly plan: WorkbookPlan;
  readonly layout: AssessmentLayout;
  /** Rows of 考核表 in order. */
  readonly nominees: readonly CarriedNominee[];
  /** The rubric the plan was compiled with. */
  readonly rubric: Rubric;
}

function builtinOf(id: string): Rubric | undefined {
  return builtinRubric(id);
}

/** Judge sheets (1-based judge numbers) on which some nominee has an entry (a score, or text no formula counts). */
function judgesWithScores(nominees: readonly CarriedNominee[], from: number): number[] {
  const judges = new Set<number>();
  for (const nominee of nominees) {
    nominee.inputs.scores.forEach((scores, j) => {
      if (j >= from && scores.some((score) => score !== null)) judges.add(j + 1);
    });
    for (const entry of nominee.inputs.rejected ?? [])
      if (isJudgeEntry(entry) && entry.judge !== null && entry.judge >= from)
        judges.add(entry.judge + 1);
  }
  return [...judges].sort((a, b) => a - b);
}

function sheetList(judges: readonly number[]): string {
  return judges.map(judgeSheetName).join("、");
}

/**
 * The inputs with each score (and each typed entry no formula counts) moved to where its criterion (by id) sits in
 * `rubric`; satisfaction and veto as they were.
 */
function byCriterionId(inputs: EnteredInputs, from: Rubric, to: Rubric): EnteredInputs {
  const index = new Map(from.criteria.map((criterion, c) => [criterion.id, c]));
  const target = new Map(to.criteria.map((criterion, c) => [criterion.id, c]));
  const rejected = (inputs.rejected ?? []).flatMap((entry) => {
    if (!isJudgeEntry(entry) || entry.judge === null) return [entry];
    const criterion = target.get(from.criteria[entry.criterion]?.id ?? "");
    return criterion === undefined ? [] : [{ ...entry, criterion }];
  });
  const { rejected: _previous, ...rest } = inputs;
  return {
    ...rest,
    scores: inputs.scores.map((scores) =>
      to.criteria.map((criterion) => {
        const c = index.get(criterion.id);
        return c === undefined ? null : (scores[c] ?? null);
      })
    ),
    ...(rejected.length > 0 ? { rejected } : {}),
  };
}

function countScores(nominees: readonly CarriedNominee[]): { scores: number; nominees: number } {
  let scores = 0;
  let scored = 0;
  for (const nominee of nominees) {
    const entered = nominee.inputs.scores.flat().filter((score) => score !== null).length;
    scores += entered;
    if (entered > 0) scored++;
  }
  return { scores, nominees: scored };
}

/** Parameters of 评分标准 the official changed from the built-in rubric, in the sheet's words. */
function editedFields(rubric: Rubric, builtin: Rubric): string[] {
  const fields: string[] = [];
  const differs = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b);
  rubric.criteria.forEach((criterion, c) => {
    const original = builtin.criteria[c];
    if (!original || original.id !== criterion.id || original.max !== criterion.max)
      fields.push(`${criterion.id} 满分 ${criterion.max}`);
  });
  if (rubric.criteria.length < builtin.criteria.length) fields.push("评分项");
  if (rubric.minJudges !== builtin.minJudges) fields.push(`最少评委人数 ${rubric.minJudges}`);
  if (rubric.dropExtremesFrom !== builtin.dropExtremesFrom)
    fields.push(`去掉最高最低分的评委人数下限 ${rubric.dropExtremesFrom}`);
  const weights = (r: Rubric): number[] => r.components.map((component) => component.weight);
  if (differs(weights(rubric), weights(builtin)))
    fields.push(
      `权重 ${rubric.components.map((component) => `${component.label} ${component.weight}`).join("/")}`
    );
  if (rubric.passLine !== builtin.passLine) fields.push(`推荐分数线 ${rubric.passLine}`);
  if (differs(rubric.gradeBands, builtin.gradeBands)) fields.push("等次");
  if (rubric.failGrade !== builtin.failGrade) fields.push(`不合格等次名称 ${rubric.failGrade}`);
  if (differs(rubric.tieBreak, builtin.tieBreak)) fields.push("同分排序规则");
  if (differs(rubric.dynamic, builtin.dynamic)) fields.push("动态管理周期");
  return fields;
}

function quotaChanges(before: Rubric, after: Rubric): NoteParams["quotas_changed"]["changes"] {
  return TIER_CODES.filter((tier) => before.quotas.byTier[tier] !== after.quotas.byTier[tier]).map(
    (tier) => ({
      tier,
      from: before.quotas.byTier[tier] ?? null,
      to: after.quotas.byTier[tier] ?? null,
    })
  );
}

/** RULES §4.5: fewer judges than the minimum is refused, never a silently lowered minimum. */
function tooFewJudges(rubric: Rubric): Failed | null {
  return rubric.judges < rubric.minJudges
    ? failed("too_few_judges", {
        judges: rubric.judges,
        minJudges: rubric.minJudges,
      })
    : null;
}

/** The minimum set explicitly, said aloud when it differs from the one it replaces. */
function minJudgesNotes(base: Rubric, rubric: Rubric): Note[] {
  return rubric.minJudges === base.minJudges
    ? []
    : [
        note("min_judges_changed", {
          from: base.minJudges,
          to: rubric.minJudges,
          rules: RUBRIC_DEFAULTS.minJudges,
        }),
      ];
}

/** The rubric to compile with, from what was asked and what the workbook holds; refused when scores would be lost. */
function decideRubric(
  request: AssessmentRequest,
  previous: AssessmentState | null
): Outcome<{ readonly rubric: Rubric }> {
  const asked = request.rubric;
  const overrides = {
    ...(request.judges === undefined ? {} : { judges: request.judges }),
    ...(request.minJudges === undefined ? {} : { minJudges: request.minJudges }),
    quotas: { ...request.quotas },
  };
  if (!previous) {
    const base = asked ?? BUILTIN_RUBRICS.baiqianwan;
    const rubric = withOverrides(base, overrides);
    return tooFewJudges(rubric) ?? succeeded({ rubric }, [], minJudgesNotes(base, rubric));
  }
  const notes: Note[] = [];
  const kept = previous.rubric;
  const sameRubric = asked === undefined || asked.id === kept.id;
  if (!sameRubric) {
    // Criteria of another rubric are other criteria, whatever their ids: every entered score would go.
    const scored = judgesWithScores(previous.nominees, 0);
    if (scored.length > 0)
      return failed("would_drop_rubric_scores", {
        sheets: sheetList(scored),
        from: kept.id,
        to: asked.id,
      });
    notes.push(note("rubric_changed", { from: kept.id, to: asked.id }));
  }
  const base = sameRubric ? kept : asked;
  const rubric = withOverrides(base, { ...overrides, judges: request.judges ?? kept.judges });
  if (rubric.judges < kept.judges) {
    const dropped = judgesWithScores(previous.nominees, rubric.judges);
    if (dropped.length > 0)
      return failed("would_drop_judge_scores", {
        sheets: sheetList(dropped),
        from: kept.judges,
        to: rubric.judges,
      });
  }
  const refused = tooFewJudges(rubric);
  if (refused) return refused;
  if (rubric.judges !== kept.judges)
    notes.push(note("judges_changed", { from: kept.judges, to: rubric.judges }));
  notes.push(...minJudgesNotes(base, rubric));
  const builtin = builtinOf(kept.id);
  const edits = sameRubric && builtin ? editedFields(kept, builtin) : [];
  if (edits.length > 0) notes.push(note("rubric_edits_kept", { fields: edits.join("、") }));
  const changes = quotaChanges(kept, rubric);
  if (changes.length > 0) notes.push(note("quotas_changed", { changes }));
  return succeeded({ rubric }, [], notes);
}

/**
 * The assessment workbook's plan for `grid` (the whole workbook: nomination sheets, and the generated sheets
 * of an earlier generation if any), as `request` asks.
 *
 * @example
 * const planned = planAssessment(grid, { rubric: BUILTIN_RUBRICS.wuhao, judges: 5, quotas: { province: 2 } });
 * if (planned.ok) await sink.apply(planned.plan);
 */
export function planAssessment(
  grid: WorkbookGrid,
  request: AssessmentRequest = {}
): Outcome<PlannedAssessment> {
  return planned(placeAssessment(grid, request, null), request);
}

/**
 * planAssessment's plan, its formulas not yet evaluated (withCachedValues), of a workbook whose state the caller has
 * read already and changed (merge: the returns' values in place, as reading the written workbook back would give
 * them), so the workbook is not read a second time. `grid` gives everything else (identity, nomination sheets,
 * names); its entry sheets' cells are not read. The caller evaluates it once it has let go of what it read.
 */
export function placeReadAssessment(
  grid: WorkbookGrid,
  state: AssessmentState,
  request: AssessmentRequest = {}
): Outcome<PlannedAssessment> {
  return placeAssessment(grid, request, state);
}

function planned(
  placed: Outcome<PlannedAssessment>,
  request: AssessmentRequest
): Outcome<PlannedAssessment> {
  if (!placed.ok) return placed;
  // Every formula's cached value is what the interpreter computes for it, on the day asked for. Evaluated here,
  // outside placeAssessment, so what inspect found is no longer held (at 200,000 nominees, 80 MB).
  return { ...placed, plan: withCachedValues(placed.plan, request.today ?? todayFromClock()) };
}

/** planAssessment's plan, its formulas not yet evaluated. */
function placeAssessment(
  grid: WorkbookGrid,
  request: AssessmentRequest,
  known: AssessmentState | null
): Outcome<PlannedAssessment> {
  // Sheets are found through the workbook identity: renamed ones under their new names; a deleted one is rebuilt
  // from what remains (评分标准 with the rubric asked for, when the judge sheets' criteria fit it), or refused.
  const identity = readIdentity(grid);
  if (identity.kind === "newer") return failed("newer_layout", { version: identity.layoutVersion });
  const fallbackRubric = withOverrides(request.rubric ?? BUILTIN_RUBRICS.baiqianwan, {
    quotas: { ...request.quotas },
  });
  const read =
    known === null && declaresAssessment(identity)
      ? readAssessment(grid, { fallbackRubric })
      : null;
  if (read && !read.ok) return read;
  const previous = known ?? (read?.ok ? read.state : null);
  const inspect = inspectWorkbook(
    sourceSheetsOnly(grid),
    request.mappingOverrides ? { mappingOverrides: request.mappingOverrides } : {}
  );
  if (inspect.tables.length === 0 && !previous)
    return failed("no_nomination_table", {}, inspect.issues);

  const decided = decideRubric(request, previous);
  if (!decided.ok) return { ...decided, issues: inspect.issues };
  const { rubric } = decided;
  const notes = [...decided.notes];

  const asOf = request.asOf ?? previous?.asOf ?? "today";
  if (previous && request.asOf !== undefined && request.asOf !== previous.asOf)
    notes.push(note("as_of_changed", { from: previous.asOf, to: request.asOf }));

  const carried = previous
    ? previous.nominees.map((nominee) => ({
        ...nominee,
        inputs: byCriterionId(nominee.inputs, previous.rubric, rubric),
      }))
    : [];
  const compiled = compileAssessment(
    inspect,
    {
      rubric,
      asOf,
      ...(request.today === undefined ? {} : { today: request.today }),
      ...(request.password ? { password: request.password } : {}),
    },
    previous ? { ...previous, rubric, nominees: carried } : undefined
  );

  if (previous) {
    const kept = countScores(compiled.nominees);
    if (kept.scores > 0) notes.unshift(note("scores_kept", kept));
    const added = compiled.nominees.length - previous.nominees.length;
    if (added > 0) notes.push(note("nominees_added", { count: added }));
  }
  const gone = compiled.nominees.filter((nominee) => nominee.vanished).length;
  if (gone > 0) notes.push(note("nominees_gone", { count: gone }));

  const recusal = recusalIssues(
    findRecusals(compiled),
    compiled,
    previous?.sheetNames ?? new Map()
  );
  const issues: Issue[] = [
    ...inspect.issues,
    ...(previous?.issues ?? []),
    ...compiled.issues,
    ...recusal,
  ];
  // Judge sheets beyond the new count hold no score (checked above): they go, or they would be read as judges.
  const droppedRoles = Array.from(
    { length: Math.max(0, (previous?.rubric.judges ?? 0) - rubric.judges) },
    (_unused, k) => roleKey({ kind: "judge", judge: rubric.judges + k + 1 })
  );
  const target = targetWorkbook(grid, request.newAssessmentId ?? randomAssessmentId(), identity);
  const dropped = droppedRoles.flatMap((key) => {
    const name = target.generated.get(key);
    return name === undefined ? [] : [name];
  });
  const withExtra =
    request.extraSheets && request.extraSheets.length > 0
      ? {
          ...compiled,
          plan: { ...compiled.plan, sheets: [...compiled.plan.sheets, ...request.extraSheets] },
        }
      : compiled;
  const placed = placeInWorkbook(
    withExtra,
    {
      ...target,
      generated: new Map([...target.generated].filter(([key]) => !droppedRoles.includes(key))),
    },
    sourcesOf(compiled.nominees, grid)
  );
  return {
    ok: true,
    plan: dropped.length > 0 ? { ...placed.plan, removeSheets: dropped } : placed.plan,
    layout: compiled.layout,
    nominees: compiled.nominees,
    rubric: compiled.rubric,
    issues,
    notes: [
      ...(previous ? rebuildNotes(previous, rubric) : []),
      ...(previous?.notes ?? []),
      ...placed.notes,
      ...notes,
    ],
  };
}

/** The nomination sheets the nominees come from, as the workbook names them now. */
function sourcesOf(nominees: readonly CarriedNominee[], grid: WorkbookGrid): string[] {
  const present = new Set(grid.sheets.map((sheet) => sheet.name));
  return [...new Set(nominees.map((n) => n.source.sheet).filter((sheet) => present.has(sheet)))];
}

/** A UUID-shaped id from Math.random: front ends pass crypto's; this keeps the engine usable without one. */
export function randomAssessmentId(): string {
  const hex = (count: number) =>
    Array.from({ length: count }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(Math.random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

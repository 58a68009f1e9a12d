/**
 * Use case: one workbook per judge and per rater group, to email out (`shifan copies`, the pane's 分发). Each holds
 * that judge's or group's entry sheet and 评分标准 (plan/compileCopy.ts), the master's identity, and an issue stamp
 * with the baseline of the entry sheet's cells as issued, which `mergeReturns` compares against (docs/decisions/0011,
 * 0025). The master is only read.
 */
import type { WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import { failed, type Outcome } from "../core/Outcome";
import { raterSheetName } from "../plan/assessmentLayout";
import { raterGroups, type RubricComponent } from "../rubric/Rubric";
import { compileJudgeCopy, compileRaterCopy } from "../plan/compileCopy";
import type { CarriedNominee } from "../plan/AssessmentModel";
import { freshWorkbook, placePlan } from "../plan/placeInWorkbook";
import type { WorkbookPlan } from "../plan/SheetPlan";
import { COPY_KEYS, roleKey, type SheetRole } from "../plan/workbookIdentity";
import { readCompleteAssessment } from "./readEvaluableAssessment";
import { mergedCopies, readMergeLog } from "../report/readMergeLog";
import { todayFromClock } from "../core/IsoDate";
import { withCachedValues } from "./cachedValues";
import { randomAssessmentId } from "./planAssessment";
import { recusalsOf } from "./recusals";

export interface CopiesRequest {
  /** 1-based judges. */
  readonly judges?: readonly number[];
  /** Rater groups (三评议), by code (`peers`) or by label (`党员互评`). */
  readonly groups?: readonly string[];
  /** When the copies are issued, ISO 8601 with milliseconds (the front end's clock). */
  readonly issuedAt: string;
  /** What today is for cached values; the clock's date when absent. */
  readonly today?: IsoDate;
  /** One new id per copy (front ends pass random UUIDs); absent: made from Math.random. */
  readonly newCopyId?: () => string;
}

interface IssuedCopyCommon {
  /** `评委3`, `评议_peers`: what the copy's file name ends with (the entry sheet's default name). */
  readonly label: string;
  readonly copyId: string;
  /** 1 + the copies of this judge (or group) the master has merged so far. */
  readonly version: number;
  /**
   * The copy's workbook, compiled and its cached values evaluated when called (the same plan each call): a front
   * end writes one copy before it asks for the next, so one copy's plan is held at a time, never every judge's.
   */
  readonly plan: () => WorkbookPlan;
  /** Progress as issued: nominees with every score entered, of those the judge is not recused from. */
  readonly complete: number;
  readonly nominees: number;
}

/** A judge's copy, or a rater group's (decision 0025). */
export type IssuedCopy = IssuedCopyCommon &
  (
    | { readonly kind: "judge"; readonly judge: number }
    | {
        readonly kind: "raters";
        /** The group's code (`peers`). */
        readonly group: string;
        /** As 评分标准 names it (`党员互评`). */
        readonly groupLabel: string;
        readonly raters: number;
      }
  );

export interface IssuedCopies {
  readonly copies: readonly IssuedCopy[];
}

/** The stamp's baseline rows: `baseline:<id> | v1 | … | vn`, a blank as an empty string. */
function baselineRows(
  nominees: readonly CarriedNominee[],
  valuesOf: (nominee: CarriedNominee) => readonly (number | null)[]
): string[][] {
  return nominees.map((nominee) => [
    `${COPY_KEYS.baselinePrefix}${nominee.id}`,
    ...valuesOf(nominee).map((value) => (value === null ? "" : String(value))),
  ]);
}

/**
 * Every judge and every rater group when neither `judges` nor `groups` is given; otherwise exactly those named.
 *
 * @example
 * const issued = issueCopies(grid, { judges: [1, 3], issuedAt: new Date().toISOString() });
 * if (issued.ok) for (const copy of issued.copies) await write(`${stem}-${copy.label}.xlsx`, copy.plan());
 */
export function issueCopies(master: WorkbookGrid, request: CopiesRequest): Outcome<IssuedCopies> {
  const read = readCompleteAssessment(master);
  if (!read.ok) return read;
  const { state } = read;
  const assessmentId = state.identity.kind === "identity" ? state.identity.assessmentId : null;
  if (assessmentId === null) return failed("no_identity", {});
  // What the copies are made of; no closure below holds `state`, which holds the master's sheets: once this returns,
  // the master's grid is the caller's to let go (at 200,000 nominees it outweighs any one copy).
  const { rubric, nominees, asOf } = state;
  const groups = raterGroups(rubric);
  const everything = request.judges === undefined && request.groups === undefined;
  const judges =
    request.judges ??
    (everything ? Array.from({ length: rubric.judges }, (_unused, j) => j + 1) : []);
  const unknown = judges.find((j) => !Number.isInteger(j) || j < 1 || j > rubric.judges);
  if (unknown !== undefined)
    return failed("no_such_judge", { judge: unknown, judges: rubric.judges });
  const chosenGroups: (RubricComponent & { readonly raters: number })[] = [];
  for (const asked of request.groups ?? (everything ? groups.map((g) => g.id) : [])) {
    const wanted = asked.trim();
    const group = groups.find(
      (g) =>
        g.id.toLowerCase() === wanted.toLowerCase() ||
        g.label === wanted ||
        raterSheetName(g.id) === wanted
    );
    if (!group)
      return failed("no_such_group", {
        group: wanted,
        groups: groups.map((g) => `${g.id}（${g.label}）`).join("、") || "—",
      });
    if (!chosenGroups.includes(group)) chosenGroups.push(group);
  }

  const logSheet =
    state.identity.sheets.find((found) => found.role.kind === "mergeLog")?.sheet ?? null;
  const merged = mergedCopies(readMergeLog(logSheet));
  const today = request.today ?? todayFromClock();
  const newId = request.newCopyId ?? randomAssessmentId;
  // An empty 回避 register recuses no one (its formulas match no key): the recusal formulas are compiled and evaluated
  // to find who is recused only when there are lines (at 200,000 nominees 3.5 s of CPU, recusalsOf).
  const recusedBy = state.recusals.length === 0 ? [] : recusalsOf(state).found.recused;
  const versionOf = (entry: SheetRole): number =>
    1 + new Set(merged.filter((m) => m.entry === roleKey(entry)).map((m) => m.copyId)).size;
  const stamped = (plan: WorkbookPlan, stamp: readonly (readonly string[])[]): WorkbookPlan =>
    withCachedValues(placePlan(plan, freshWorkbook(assessmentId), [], stamp).plan, today);

  const judgeCopies = [...new Set(judges)].map((judge): IssuedCopy => {
    const copyId = newId();
    const entry: SheetRole = { kind: "judge", judge };
    const version = versionOf(entry);
    const recused = recusedBy[judge - 1] ?? new Set<string>();
    const compile = (): WorkbookPlan =>
      compileJudgeCopy({
        judge,
        rubric,
        nominees: nominees,
        asOf,
        today,
        recused,
      });
    const stamp = (): string[][] => [
      [COPY_KEYS.id, copyId],
      [COPY_KEYS.judge, String(judge)],
      [COPY_KEYS.version, String(version)],
      [COPY_KEYS.issuedAt, request.issuedAt],
      [COPY_KEYS.entry, roleKey(entry)],
      ...baselineRows(nominees, (nominee) => nominee.inputs.scores[judge - 1] ?? []),
    ];
    const toScore = nominees.filter((nominee) => !recused.has(nominee.id));
    const complete = toScore.filter((nominee) => {
      const scores = nominee.inputs.scores[judge - 1] ?? [];
      return scores.length === rubric.criteria.length && scores.every((s) => s !== null);
    }).length;
    return {
      kind: "judge",
      judge,
      label: `评委${judge}`,
      copyId,
      version,
      plan: () => stamped(compile(), stamp()),
      complete,
      nominees: toScore.length,
    };
  });

  const groupCopies = chosenGroups.map((group): IssuedCopy => {
    const copyId = newId();
    const entry: SheetRole = { kind: "raters", group: group.id };
    const version = versionOf(entry);
    const valuesOf = (nominee: CarriedNominee): readonly (number | null)[] =>
      Array.from(
        { length: group.raters },
        (_unused, r) => nominee.inputs.raters?.[group.id]?.[r] ?? null
      );
    const stamp = (): string[][] => [
      [COPY_KEYS.id, copyId],
      [COPY_KEYS.group, group.id],
      [COPY_KEYS.version, String(version)],
      [COPY_KEYS.issuedAt, request.issuedAt],
      [COPY_KEYS.entry, roleKey(entry)],
      ...baselineRows(nominees, valuesOf),
    ];
    const compile = (): WorkbookPlan =>
      compileRaterCopy({ group: group.id, rubric, nominees: nominees, asOf });
    const complete = nominees.filter((nominee) =>
      valuesOf(nominee).every((value) => value !== null)
    ).length;
    return {
      kind: "raters",
      group: group.id,
      groupLabel: group.label,
      raters: group.raters,
      label: raterSheetName(group.id),
      copyId,
      version,
      plan: () => stamped(compile(), stamp()),
      complete,
      nominees: nominees.length,
    };
  });
  return {
    ok: true,
    copies: [...judgeCopies, ...groupCopies],
    issues: state.issues,
    notes: state.notes,
  };
}

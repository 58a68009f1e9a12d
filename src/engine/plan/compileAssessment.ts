/**
 * Compiles nominees and a rubric into the assessment workbook's plan: 评分标准, 评委1…n, 考核表, 汇总,
 * 校验结果 — native formulas, no figures: the use case caches what evaluatePlan gives each formula cell.
 */
import { issue, type Issue } from "../core/Issue";
import type { Nominee } from "../core/Nominee";
import { foldText } from "../normalize/foldText";
import { raterGroups, type Rubric } from "../rubric/Rubric";
import {
  emptyInputs,
  isJudgeEntry,
  stableId,
  stableIdNumber,
  type AssessmentSettings,
  type AssessmentSource,
  type CarriedNominee,
  type EnteredInputs,
  type PreviousAssessment,
} from "./AssessmentModel";
import { MAIN_SHEET, assessmentLayout, type AssessmentLayout } from "./assessmentLayout";
import { CELL_STYLES } from "./cellStyles";
import { compileIssuesSheet } from "./compileIssuesSheet";
import { compileJudgeSheet } from "./compileJudgeSheet";
import { compileRaterSheet } from "./compileRaterSheet";
import { compileRecusalSheet, type RecusalLine } from "./compileRecusalSheet";
import { compileMainSheet } from "./compileMainSheet";
import { compilePublicitySheet } from "./compilePublicitySheet";
import { compileJudgeAnalysisSheet } from "./compileJudgeAnalysisSheet";
import { compileRubricSheet } from "./compileRubricSheet";
import { compileSummarySheet } from "./compileSummarySheet";
import type { WorkbookPlan } from "./SheetPlan";
import { attachDynamicManagement } from "./attachDynamicManagement";

export interface CompiledAssessment {
  readonly plan: WorkbookPlan;
  readonly layout: AssessmentLayout;
  /** Issues the compiler found (vanished nominees); the plan's 校验结果 also lists the source's issues. */
  readonly issues: Issue[];
  /** Rows of 考核表 in order. */
  readonly nominees: readonly CarriedNominee[];
  readonly rubric: Rubric;
}

/** Same source sheet, same folded name and region: the same nominee across runs. */
function matchKeyOf(sheet: string, name: string | null, region: string | null): string {
  return [sheet, foldText(name ?? ""), foldText(region ?? "")].join("\u0000");
}

/**
 * Scores sized to the rubric: missing judges, criteria or raters become blanks, extra ones are dropped (a
 * rater group's scores are matched by the group's code).
 */
function fitInputs(inputs: EnteredInputs, rubric: Rubric): EnteredInputs {
  const criteria = rubric.criteria.length;
  const groups = raterGroups(rubric);
  const rejected = (inputs.rejected ?? []).filter((entry) =>
    isJudgeEntry(entry)
      ? entry.judge === null || (entry.judge < rubric.judges && entry.criterion < criteria)
      : groups.some((group) => group.id === entry.group && entry.rater < group.raters)
  );
  return {
    scores: Array.from({ length: rubric.judges }, (_unused, j) =>
      Array.from({ length: criteria }, (_u, c) => inputs.scores[j]?.[c] ?? null)
    ),
    satisfaction: inputs.satisfaction,
    veto: inputs.veto,
    ...(groups.length === 0
      ? {}
      : {
          raters: Object.fromEntries(
            groups.map((group) => [
              group.id,
              Array.from(
                { length: group.raters },
                (_u, r) => inputs.raters?.[group.id]?.[r] ?? null
              ),
            ])
          ),
        }),
    ...(rejected.length > 0 ? { rejected } : {}),
  };
}

function carriedFrom(nominee: Nominee, id: string, inputs: EnteredInputs): CarriedNominee {
  return {
    id,
    name: nominee.displayName ?? nominee.name,
    sector: nominee.sector,
    tier: nominee.tier,
    region: nominee.region,
    source: { sheet: nominee.sheet, row: nominee.row },
    inputs,
    vanished: false,
  };
}

/** Same folded name and region, whatever sheet: the second chance for a row whose source sheet was renamed. */
function looseKeyOf(name: string | null, region: string | null): string {
  return [foldText(name ?? ""), foldText(region ?? "")].join("\u0000");
}

/**
 * Previous rows first, in their order (matched ones refreshed from the source, unmatched ones kept and
 * marked vanished), then nominees new to the workbook with the next free ids. A nominee matches on its source
 * sheet, name and region; one left over matches on name and region alone, so a nomination sheet renamed
 * without the identity noticing (or a 考核表 rebuilt from the judge sheets) keeps every id and score.
 */
export function mergeNominees(
  current: readonly Nominee[],
  previous: readonly CarriedNominee[],
  rubric: Rubric
): CarriedNominee[] {
  const merged: (CarriedNominee | null)[] = previous.map(() => null);
  const matchPass = (
    candidates: readonly Nominee[],
    keyOfPrevious: (carried: CarriedNominee) => string,
    keyOfCurrent: (nominee: Nominee) => string
  ): Nominee[] => {
    const waiting = new Map<string, number[]>();
    previous.forEach((carried, index) => {
      if (merged[index] !== null) return;
      const key = keyOfPrevious(carried);
      waiting.set(key, [...(waiting.get(key) ?? []), index]);
    });
    const unmatched: Nominee[] = [];
    for (const nominee of candidates) {
      const index = waiting.get(keyOfCurrent(nominee))?.shift();
      const carried = index === undefined ? undefined : previous[index];
      if (index === undefined || !carried) unmatched.push(nominee);
      else merged[index] = carriedFrom(nominee, carried.id, fitInputs(carried.inputs, rubric));
    }
    return unmatched;
  };
  const strict = matchPass(
    current,
    (carried) => matchKeyOf(carried.source.sheet, carried.name, carried.region),
    (nominee) => matchKeyOf(nominee.sheet, nominee.name, nominee.region)
  );
  const fresh = matchPass(
    strict,
    (carried) => looseKeyOf(carried.name, carried.region),
    (nominee) => looseKeyOf(nominee.name, nominee.region)
  );
  let nextId =
    previous.reduce((max, carried) => Math.max(max, stableIdNumber(carried.id) ?? 0), 0) + 1;
  const kept = previous.map(
    (carried, index) =>
      merged[index] ?? { ...carried, inputs: fitInputs(carried.inputs, rubric), vanished: true }
  );
  // One empty set of inputs for every new nominee: plans are read-only, and 200,000 copies cost 100 MB.
  const empty = emptyInputs(rubric.judges, rubric.criteria.length);
  const added = fresh.map((nominee) => carriedFrom(nominee, stableId(nextId++), empty));
  return [...kept, ...added];
}

/** Generated sheets no other sheet's formula reads, which a plan only evaluated for figures may leave out. */
export type UnreadSheet = "publicity" | "judgeAnalysis";

export interface CompileRowsOptions {
  /**
   * Sheets to leave out of the plan: for a plan that is only evaluated, never written (report's figures read
   * neither 公示名单 nor 评委分析, 420,000 cells at 10,000 nominees). A written plan always has every sheet.
   */
  readonly leaveOut?: readonly UnreadSheet[];
}

/** Builds the plan for rows already decided (ids, inputs); the one place every generated sheet is compiled. */
export function compileRows(
  nominees: readonly CarriedNominee[],
  sourceIssues: readonly Issue[],
  settings: AssessmentSettings,
  rubric: Rubric = settings.rubric,
  recusals: readonly RecusalLine[] = [],
  options: CompileRowsOptions = {}
): CompiledAssessment {
  const leaveOut = new Set(options.leaveOut);
  const layout = rubricLayout(rubric, nominees.length);
  const issues = nominees.flatMap((nominee, i) => {
    if (!nominee.vanished) return [];
    const row = layout.firstRow + i;
    return [
      issue(
        "nominee_vanished",
        "warning",
        { sheet: MAIN_SHEET, row, cell: `A${row}`, field: null },
        { name: nominee.name ?? "", id: nominee.id }
      ),
    ];
  });
  const password = settings.password;
  const rubricSheet = compileRubricSheet(rubric, settings.asOf, layout, password);
  const recusal = compileRecusalSheet(recusals, layout, password);
  const judgeSheets = Array.from({ length: rubric.judges }, (_unused, j) =>
    compileJudgeSheet(j + 1, rubric, nominees, layout, password, {
      kind: "register",
      lastRow: recusal.lastRow,
    })
  );
  const raterSheets = raterGroups(rubric).map((group, g) =>
    compileRaterSheet(group, g, rubric, nominees, layout, password)
  );
  const plan: WorkbookPlan = {
    sheets: [
      rubricSheet.sheet,
      ...judgeSheets,
      ...raterSheets,
      compileMainSheet(rubric, nominees, layout, password),
      compileSummarySheet(rubric, nominees, layout, password),
      ...(leaveOut.has("publicity")
        ? []
        : [compilePublicitySheet(rubric, layout, password, settings.publicityTitle)]),
      ...(leaveOut.has("judgeAnalysis")
        ? []
        : [compileJudgeAnalysisSheet(rubric, nominees, layout, password)]),
      compileIssuesSheet([...sourceIssues, ...issues], password),
      recusal.sheet,
    ],
    names: rubricSheet.names,
    styles: CELL_STYLES,
  };
  return { plan, layout, issues, nominees, rubric };
}

/**
 * The assessment workbook's plan for the nominees inspect found. With `previous` (the same workbook read
 * back), its rubric and entered inputs are kept, new nominees appended, vanished ones kept and flagged.
 *
 * @example
 * const { plan } = compileAssessment(inspectWorkbook(grid), { rubric: BUILTIN_RUBRICS.baiqianwan, asOf: 'today' });
 */
export function compileAssessment(
  source: AssessmentSource,
  settings: AssessmentSettings,
  previous?: PreviousAssessment
): CompiledAssessment {
  const rubric = previous?.rubric ?? settings.rubric;
  const nominees = mergeNominees(source.nominees, previous?.nominees ?? [], rubric);
  const issues = [...source.issues, ...(previous?.issues ?? [])];
  const title = previous?.publicityTitle;
  return attachDynamicManagement(
    compileRows(
      nominees,
      issues,
      title === undefined ? settings : { ...settings, publicityTitle: title },
      rubric,
      previous?.recusals ?? []
    ),
    source.nominees
  );
}

/**
 * The plan with inputs already entered: inputs[i] belongs to source.nominees[i] (ids SF-0001… in order).
 * For cross-checks that fill random scores and compare a recalculating spreadsheet with the engine.
 */
export function compileWithInputs(
  source: AssessmentSource,
  settings: AssessmentSettings,
  inputs: readonly EnteredInputs[],
  recusals: readonly RecusalLine[] = []
): CompiledAssessment {
  const rubric = settings.rubric;
  const nominees = source.nominees.map((nominee, i) =>
    carriedFrom(
      nominee,
      stableId(i + 1),
      fitInputs(inputs[i] ?? emptyInputs(rubric.judges, rubric.criteria.length), rubric)
    )
  );
  return attachDynamicManagement(
    compileRows(nominees, source.issues, settings, rubric, recusals),
    source.nominees
  );
}

/** The assessment's layout for a rubric and a number of nominees: its criteria, judges, grade bands and rater groups. */
export function rubricLayout(rubric: Rubric, nomineeCount: number): AssessmentLayout {
  return assessmentLayout(
    rubric.criteria.map((criterion) => criterion.id),
    rubric.judges,
    nomineeCount,
    rubric.gradeBands.length,
    raterGroups(rubric)
  );
}

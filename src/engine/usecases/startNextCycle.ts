/**
 * Use case: the next dynamic-management cycle from a finished one (`shifan next-cycle`). The carried sites'
 * register rows, and the plan of 考评历史 and 已淘汰; the front end writes them into a new workbook.
 */
import { readYesNo } from "../core/words";
import type { WorkbookGrid } from "../core/Grid";
import { todayFromClock, type IsoDate } from "../core/IsoDate";
import { failed, type Outcome } from "../core/Outcome";
import { RUBRIC_DEFAULTS } from "../rubric/Rubric";
import { DYNAMIC_SHEET, NEXT_REGISTER_SHEET } from "../dynamic/dynamicLayout";
import type { DynamicParams } from "../dynamic/dynamicLayout";
import {
  NEXT_REGISTER_HEADERS,
  nextRegisterRows,
  planNextCycle,
  readPreviousCycles,
  type NextCycle,
} from "../dynamic/planNextCycle";
import { readDynamicSheet, sourceKey, type DynamicRecord } from "../dynamic/readDynamicSheet";
import { nextCycleSheets } from "../plan/compileNextCycleSheets";
import { CELL_STYLES } from "../plan/cellStyles";
import type { WorkbookPlan } from "../plan/SheetPlan";
import { buildReport } from "../report/buildReport";
import { readAssessment } from "../report/readAssessment";
import { readIdentity } from "../report/readIdentity";
import { judgeSites } from "../report/judgeSites";
import { freshWorkbook, placePlan } from "../plan/placeInWorkbook";
import { randomAssessmentId } from "./planAssessment";

export interface NextCycleRequest {
  /** The closing date; absent: the workbook's as-of date, else today. */
  readonly asOf?: IsoDate;
  /** What today is; the clock's date when absent. */
  readonly today?: IsoDate;
  /** The new register's assessment id (front ends pass a random UUID); absent: one made from Math.random. */
  readonly newAssessmentId?: string;
}

export interface StartedCycle {
  /** The closing date: this cycle's results are dated that day. */
  readonly asOf: IsoDate;
  readonly next: NextCycle;
  /** The new register (示范点管理台账): headers, then one row per carried site (dates as IsoDate). */
  readonly registerHeaders: readonly string[];
  readonly registerRows: readonly (readonly (string | number | IsoDate | null)[])[];
  /** 考评历史 and 已淘汰. */
  readonly plan: WorkbookPlan;
}

/**
 * The records and parameters to judge with. In an assessment workbook the engine's own evaluation of this
 * cycle and the rubric's parameters count, never cached formula values; a register assessed on its own
 * (动态管理 holding its parameters) is read as it stands.
 */
function closingState(
  grid: WorkbookGrid,
  request: NextCycleRequest
): { records: DynamicRecord[]; params: DynamicParams } | null {
  // The sheets are found through the workbook identity, so renamed ones still count.
  const assessment = readAssessment(grid);
  const dynamicName = assessment.ok ? assessment.state.sheetNames.get("dynamic") : undefined;
  const read = readDynamicSheet(grid, dynamicName);
  if (read === null) return null;
  if (!assessment.ok) {
    return {
      records: [...read.records],
      params: {
        asOf: request.asOf ?? read.params.asOf ?? request.today ?? todayFromClock(),
        cycleMonths: read.params.cycleMonths ?? RUBRIC_DEFAULTS.dynamic.cycleMonths,
        windowDays: read.params.windowDays ?? RUBRIC_DEFAULTS.dynamic.windowDays,
        passLine: read.params.passLine ?? RUBRIC_DEFAULTS.passLine,
      },
    };
  }
  const { state } = assessment;
  const report = buildReport(state, request.asOf);
  const cycle = new Map(report.nominees.map((n) => [sourceKey(n.source.sheet, n.source.row), n]));
  const records = read.records.map((record): DynamicRecord => {
    const sheet = state.renamedSources.get(record.source.sheet) ?? record.source.sheet;
    const assessed = cycle.get(sourceKey(sheet, record.source.row));
    if (assessed === undefined) return record;
    const veto = assessed.inputs.veto.value;
    const total = assessed.outputs.total.value;
    return {
      ...record,
      // 待更正 is no total (the 动态管理 formula reads it with ISNUMBER).
      cycleTotal: typeof total === "number" ? total : null,
      cycleVeto: readYesNo(veto),
    };
  });
  return {
    records,
    params: {
      asOf: report.asOf,
      passLine: state.rubric.passLine,
      cycleMonths: state.rubric.dynamic.cycleMonths,
      windowDays: state.rubric.dynamic.windowDays,
    },
  };
}

/**
 * @example
 * const started = startNextCycle(grid, { asOf: "2014-06-30" as IsoDate });
 * if (started.ok) console.log(started.next.carried.length);
 */
export function startNextCycle(
  grid: WorkbookGrid,
  request: NextCycleRequest = {}
): Outcome<StartedCycle> {
  const closing = closingState(grid, request);
  if (closing === null) return failed("not_assessment_workbook", { sheet: DYNAMIC_SHEET });
  const identity = readIdentity(grid);
  const found = (kind: "history" | "eliminated"): string | undefined =>
    identity.kind === "identity" || identity.kind === "legacy"
      ? (identity.sheets.find((s) => s.role.kind === kind)?.sheet?.name ?? undefined)
      : undefined;
  const history = found("history");
  const eliminated = found("eliminated");
  // Each site judged by 动态管理's status formula, evaluated over the closing inputs.
  const next = planNextCycle(
    closing.records,
    judgeSites(closing.records, closing.params),
    closing.params,
    readPreviousCycles(grid, {
      ...(history === undefined ? {} : { history }),
      ...(eliminated === undefined ? {} : { eliminated }),
    })
  );
  // The register is a new workbook: its 考评历史 and 已淘汰 carry an identity, so a later assess knows them.
  const placed = placePlan(
    { sheets: nextCycleSheets(next), names: [], styles: CELL_STYLES },
    freshWorkbook(request.newAssessmentId ?? randomAssessmentId(), [NEXT_REGISTER_SHEET]),
    [NEXT_REGISTER_SHEET]
  );
  return {
    ok: true,
    asOf: closing.params.asOf,
    next,
    registerHeaders: NEXT_REGISTER_HEADERS,
    registerRows: nextRegisterRows(next),
    plan: placed.plan,
    issues: [],
    notes: [],
  };
}

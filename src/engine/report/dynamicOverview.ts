/**
 * The 动态管理 tab's view of an assessed register: each awarded site's status, next due date and, for the sites an
 * official must act on, why. The same judgement as `withDynamicStatus` (the workbook's 动态管理 inputs, this cycle's
 * total and veto from the report), plus the 待办清单's reason words.
 */
import type { WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import type { SectorCode, TierCode } from "../core/domain";
import { actionReason, isActionStatus } from "../dynamic/actionReason";
import { evaluateStatus, type DynamicStatus } from "../dynamic/evaluateStatus";
import { readDynamicSheet, sourceKey } from "../dynamic/readDynamicSheet";
import type { AssessmentReport } from "./buildReport";

export interface DynamicSiteView {
  /** The nominee's id on 考核表 when it is there, else the site's id on 动态管理. */
  readonly id: string;
  readonly name: string | null;
  readonly tier: TierCode | null;
  readonly sector: SectorCode | null;
  readonly status: DynamicStatus | null;
  readonly nextDue: IsoDate | null;
  /** Days from the as-of date to the next due date: negative once overdue. */
  readonly daysToDue: number | null;
  /** Why the site is on the action list (the 待办清单's words); '' when it needs no action. */
  readonly reason: string;
  readonly needsAction: boolean;
}

export interface DynamicOverview {
  readonly asOf: IsoDate;
  readonly sites: readonly DynamicSiteView[];
}

/**
 * Null when the workbook has no 动态管理 sheet (no nominee had an award date).
 *
 * @example dynamicOverview(buildReport(read.state), grid, read.state.rubric.dynamic)?.sites.filter((s) => s.needsAction)
 */
export function dynamicOverview(
  report: AssessmentReport,
  grid: WorkbookGrid,
  dynamic: { readonly cycleMonths: number; readonly windowDays: number },
  found: {
    /** The 动态管理 sheet's name now (workbook identity). */
    readonly sheetName?: string;
    /** Nomination sheets renamed since it was written: name then → name now. */
    readonly renamedSources?: ReadonlyMap<string, string>;
  } = {}
): DynamicOverview | null {
  const read = readDynamicSheet(grid, found.sheetName);
  if (read === null) return null;
  const nominees = new Map(
    report.nominees.map((nominee) => [sourceKey(nominee.source.sheet, nominee.source.row), nominee])
  );
  const params = { asOf: report.asOf, passLine: report.rubric.passLine, ...dynamic };
  const sites = read.records.map((record): DynamicSiteView => {
    const sheet = found.renamedSources?.get(record.source.sheet) ?? record.source.sheet;
    const nominee = nominees.get(sourceKey(sheet, record.source.row));
    const veto = nominee?.inputs.veto.value ?? null;
    const site = {
      ...record,
      cycleTotal: nominee ? nominee.outputs.total.value : record.cycleTotal,
      cycleVeto: nominee ? (veto === null ? null : veto === "是") : record.cycleVeto,
    };
    const judged = evaluateStatus(site, params);
    return {
      id: nominee?.id ?? record.id,
      name: nominee?.name ?? record.name,
      tier: nominee?.tier ?? record.tier,
      sector: nominee?.sector ?? record.sector,
      status: judged.status,
      nextDue: judged.nextDue,
      daysToDue: judged.daysToDue,
      reason: actionReason(site, judged.status),
      needsAction: isActionStatus(judged.status),
    };
  });
  return { asOf: report.asOf, sites };
}

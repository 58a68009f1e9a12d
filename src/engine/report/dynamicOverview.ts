/**
 * The 动态管理 tab's view of an assessed register: each awarded site's status, next due date and, for the sites an
 * official must act on, why — what 动态管理's formulas compute for the workbook's inputs (evaluateReport evaluates
 * the plan; nothing is judged here), with the nominee's id and name from 考核表 where the site is on it.
 */
import type { IsoDate } from "../core/IsoDate";
import type { SectorCode, TierCode } from "../core/domain";
import type { DynamicStatus } from "../core/words";
import { ACTION_STATUSES } from "../dynamic/dynamicLayout";
import { sourceKey, type DynamicRecord } from "../dynamic/readDynamicSheet";
import type { SiteFigures } from "./assessmentFigures";
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
  /** Its status is one 待办清单 lists (逾期, 待考评, 淘汰). */
  readonly needsAction: boolean;
}

export interface DynamicOverview {
  readonly asOf: IsoDate;
  readonly sites: readonly DynamicSiteView[];
}

/**
 * One view per record, from the figures evaluateReport gave for the same records (in order).
 *
 * @example
 * const { report, sites } = evaluateReport(state, asOf, read.records);
 * dynamicOverview(report, read.records, sites, state.renamedSources).sites.filter((s) => s.needsAction)
 */
export function dynamicOverview(
  report: AssessmentReport,
  records: readonly DynamicRecord[],
  figures: readonly SiteFigures[],
  renamedSources: ReadonlyMap<string, string> = new Map()
): DynamicOverview {
  const nominees = new Map(
    report.nominees.map((nominee) => [sourceKey(nominee.source.sheet, nominee.source.row), nominee])
  );
  const sites = records.map((record, i): DynamicSiteView => {
    const sheet = renamedSources.get(record.source.sheet) ?? record.source.sheet;
    const nominee = nominees.get(sourceKey(sheet, record.source.row));
    const figure = figures[i];
    const status = figure?.status ?? null;
    return {
      id: nominee?.id ?? record.id,
      name: nominee?.name ?? record.name,
      tier: nominee?.tier ?? record.tier,
      sector: nominee?.sector ?? record.sector,
      status,
      nextDue: figure?.nextDue ?? null,
      daysToDue: figure?.daysToDue ?? null,
      reason: figure?.reason ?? "",
      needsAction: status !== null && ACTION_STATUSES.includes(status),
    };
  });
  return { asOf: report.asOf, sites };
}

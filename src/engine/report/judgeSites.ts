/**
 * Each site's 动态管理 status and 待办原因, by evaluating the 动态管理 sheet compiled over the sites' inputs (a
 * register holding its own parameter cells): the status formula is the rule's only statement (RULES §5).
 */
import { readDynamicStatus } from "../core/words";
import { evaluatePlan } from "../compute";
import {
  DYNAMIC_COLUMNS,
  DYNAMIC_SHEET,
  siteRow,
  type DynamicParams,
} from "../dynamic/dynamicLayout";
import type { DynamicSite } from "../dynamic/dynamicSites";
import type { SiteJudgement } from "../dynamic/planNextCycle";
import { compileDynamicManagement } from "../plan/compileDynamicManagement";

/**
 * One judgement per site, in order. Sites linked to an assessment row are judged on their own cycleTotal and
 * cycleVeto here: the caller puts this cycle's result there.
 *
 * @example judgeSites(read.records, { asOf: "2014-06-30", cycleMonths: 24, windowDays: 90, passLine: 85 })[0]?.status
 */
export function judgeSites(sites: readonly DynamicSite[], params: DynamicParams): SiteJudgement[] {
  if (sites.length === 0) return [];
  const unlinked = sites.map((site): DynamicSite => {
    const { assessmentRow: _linked, ...own } = site;
    return own;
  });
  const plan = compileDynamicManagement(unlinked, { params, parameterCells: "own" });
  const values = evaluatePlan(
    { sheets: plan.sheets, names: plan.names, styles: plan.styles },
    { today: params.asOf }
  );
  return sites.map((_site, i) => {
    const row = siteRow(i);
    const reason = values.value(DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.reason);
    return {
      status: readDynamicStatus(values.value(DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.status)),
      reason: typeof reason === "string" ? reason : "",
    };
  });
}

/** Why a site needs action (逾期, 待考评, 淘汰): the words the 待办清单 shows. */
import { DYNAMIC_STATUS } from "../core/words";
import { ACTION_REASONS, ACTION_STATUSES } from "./dynamicLayout";
import type { DynamicSite } from "./dynamicSites";
import type { DynamicStatus } from "./evaluateStatus";

/** Why a site is on the action list, in words (the twin of the 待办原因 formula); '' for 保留 and 正常. */
export function actionReason(
  site: Pick<DynamicSite, "cycleTotal" | "cycleVeto" | "lastReviewVeto">,
  status: DynamicStatus | null
): string {
  switch (status) {
    case DYNAMIC_STATUS.eliminated:
      if (site.cycleTotal !== null)
        return site.cycleVeto === true ? ACTION_REASONS.cycleVeto : ACTION_REASONS.cycleBelowLine;
      return site.lastReviewVeto === true ? ACTION_REASONS.lastVeto : ACTION_REASONS.lastBelowLine;
    case DYNAMIC_STATUS.overdue:
      return ACTION_REASONS.overdue;
    case DYNAMIC_STATUS.dueSoon:
      return ACTION_REASONS.dueSoon;
    default:
      return "";
  }
}

export function isActionStatus(status: DynamicStatus | null): boolean {
  return status !== null && ACTION_STATUSES.includes(status);
}

/** Dynamic management (动态管理, RULES §5): when each awarded site is due, and whether it stays. */
import { DYNAMIC_STATUS } from "../core/words";
import { addDays, addMonths, daysBetween, type IsoDate } from "../core/IsoDate";

import type { DynamicStatus } from "../core/words";
export type { DynamicStatus };

export interface DynamicInputs {
  awardedOn: IsoDate | null;
  lastReviewOn: IsoDate | null;
  lastReviewScore: number | null;
  /** null = 否. */
  lastReviewVeto: boolean | null;
  /** This cycle's assessment total, when the site has been assessed again. */
  cycleTotal: number | null;
  cycleVeto: boolean | null;
}

export interface DynamicParams {
  asOf: IsoDate;
  cycleMonths: number;
  windowDays: number;
  passLine: number;
}

export interface DynamicOutputs {
  lastAssessed: IsoDate | null;
  nextDue: IsoDate | null;
  /** nextDue − asOf in days: negative once overdue. */
  daysToDue: number | null;
  status: DynamicStatus | null;
}

const NO_STATUS: DynamicOutputs = {
  lastAssessed: null,
  nextDue: null,
  daysToDue: null,
  status: null,
};

/**
 * Status of one register row, first match wins: 淘汰, 保留, 逾期, 待考评, 正常. A row without an award
 * date is a candidate and gets nothing. A review dated before the award does not move the cycle back:
 * the later of the two dates counts.
 *
 * @example
 * evaluateStatus(
 *   { awardedOn: '2012-06-30', lastReviewOn: null, lastReviewScore: null, lastReviewVeto: null, cycleTotal: null, cycleVeto: null },
 *   { asOf: '2014-06-30', cycleMonths: 24, windowDays: 90, passLine: 85 },
 * ) // { lastAssessed: '2012-06-30', nextDue: '2014-06-30', daysToDue: 0, status: '待考评' }
 */
export function evaluateStatus(inputs: DynamicInputs, params: DynamicParams): DynamicOutputs {
  if (inputs.awardedOn === null) return NO_STATUS;
  const lastAssessed =
    inputs.lastReviewOn !== null && inputs.lastReviewOn > inputs.awardedOn
      ? inputs.lastReviewOn
      : inputs.awardedOn;
  const nextDue = addMonths(lastAssessed, params.cycleMonths);
  const daysToDue = daysBetween(params.asOf, nextDue);
  return { lastAssessed, nextDue, daysToDue, status: statusOf(inputs, params, nextDue) };
}

function statusOf(inputs: DynamicInputs, params: DynamicParams, nextDue: IsoDate): DynamicStatus {
  const { cycleTotal, lastReviewScore } = inputs;
  if (cycleTotal !== null) {
    return inputs.cycleVeto === true || cycleTotal < params.passLine
      ? DYNAMIC_STATUS.eliminated
      : DYNAMIC_STATUS.kept;
  }
  if (
    lastReviewScore !== null &&
    (lastReviewScore < params.passLine || inputs.lastReviewVeto === true)
  )
    return DYNAMIC_STATUS.eliminated;
  // ISO dates compare as text in calendar order.
  if (params.asOf > nextDue) return DYNAMIC_STATUS.overdue;
  if (params.asOf >= addDays(nextDue, -params.windowDays)) return DYNAMIC_STATUS.dueSoon;
  return DYNAMIC_STATUS.normal;
}

/**
 * Ranks and plaque recommendations (RULES §4). The workbook ranks with
 * `COUNTIFS(tierRange, tier, eligibleRange, TRUE, keyRange, ">"&key) + 1` on one exact composite key;
 * this module uses the same key so the engine and the sheet agree on every tie.
 */
import type { SectorCode, TierCode } from "../core/domain";
import type { Rubric, TieBreakKey } from "../rubric/Rubric";
import { excelRound } from "../interpret/excelRound";

export interface RankRow {
  tier: TierCode | null;
  /** Only per-sector quotas read it. */
  sector?: SectorCode | null;
  /** Complete and not vetoed. */
  eligible: boolean;
  total: number | null;
  panel: number | null;
  satisfaction: number | null;
}

/** Each component's place in the key: 10^10, 10^5, 1 (hundredths up to 10,000 never overflow into the next). */
const KEY_PLACES = [1e10, 1e5, 1] as const;
export const DEFAULT_TIE_BREAK: readonly TieBreakKey[] = ["total", "panel", "satisfaction"];

/** A score in whole hundredths, as the sheet's `ROUND(x*100,0)`. */
export function hundredths(score: number): number {
  return excelRound(score * 100, 0);
}

/**
 * One number that orders nominees by total, then panel, then satisfaction (or the rubric's declared
 * tie-break order): T·10^10 + P·10^5 + S in hundredths. At most about 1.0001·10^14, so it stays an
 * exact integer and survives Excel's 15-digit number→text in `">"&key`. Satisfaction enters rounded
 * to hundredths, like the scores.
 *
 * @example
 * compositeRankKey(89.46, 89.33, 90) // 89_460_893_309_000
 */
export function compositeRankKey(
  total: number,
  panel: number,
  satisfaction: number,
  order: readonly TieBreakKey[] = DEFAULT_TIE_BREAK
): number {
  if (order[0] !== "total")
    throw new RangeError(`tie-break order must start with total: ${order.join(",")}`);
  const components: Record<TieBreakKey, number> = { total, panel, satisfaction };
  return order.reduce(
    (key, component, index) => key + hundredths(components[component]) * (KEY_PLACES[index] ?? 0),
    0
  );
}

/**
 * Rank within `groupOf`: 1 + the number of eligible rows of the same group with a larger key (1, 2, 2, 4).
 * Each group is sorted once by key, largest first; a row's rank is one past the rows before its run of
 * equal keys — O(n log n) rather than counting for every row.
 */
function rankWithinGroups(
  rows: readonly RankRow[],
  rubric: Pick<Rubric, "tieBreak">,
  groupOf: (row: RankRow) => string | null
): (number | null)[] {
  const ranks: (number | null)[] = new Array<number | null>(rows.length).fill(null);
  const keys = new Float64Array(rows.length);
  const membersByGroup = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const group = groupOf(row);
    if (
      !row.eligible ||
      group === null ||
      row.total === null ||
      row.panel === null ||
      row.satisfaction === null
    )
      return;
    keys[index] = compositeRankKey(row.total, row.panel, row.satisfaction, rubric.tieBreak);
    const members = membersByGroup.get(group);
    if (members) members.push(index);
    else membersByGroup.set(group, [index]);
  });
  for (const members of membersByGroup.values()) {
    members.sort((x, y) => (keys[y] as number) - (keys[x] as number));
    let runStart = 0;
    for (let position = 0; position < members.length; position++) {
      const index = members[position] as number;
      if (position > 0 && keys[index] !== keys[members[position - 1] as number])
        runStart = position;
      ranks[index] = runStart + 1;
    }
  }
  return ranks;
}

/**
 * Rank of each row among the eligible rows of its tier, by total, then panel, then satisfaction;
 * rows still equal share a rank and the next is skipped. Ineligible rows and rows without a tier: null.
 *
 * @example
 * rankNominees([a90, b88, c88, d80], rubric) // [1, 2, 2, 4] when b and c tie on all three
 */
export function rankNominees(
  rows: readonly RankRow[],
  rubric: Pick<Rubric, "tieBreak">
): (number | null)[] {
  return rankWithinGroups(rows, rubric, (row) => row.tier);
}

/** Rank among the eligible rows of the same tier and sector, for per-sector quotas; null without a sector. */
export function rankWithinSector(
  rows: readonly RankRow[],
  rubric: Pick<Rubric, "tieBreak">
): (number | null)[] {
  return rankWithinGroups(rows, rubric, (row) =>
    row.tier === null || row.sector == null ? null : `${row.tier}/${row.sector}`
  );
}

/**
 * 建议授牌: complete, not vetoed, total ≥ pass line, rank within the tier's quota (when one is set)
 * and, when the rubric sets per-sector quotas for the tier, rank within the sector's quota.
 * null when it cannot be decided: an incomplete nominee (no total) or one without a tier.
 * false for a vetoed or failing complete nominee.
 */
export function recommend(
  row: RankRow,
  rank: number | null,
  rubric: Pick<Rubric, "passLine" | "quotas">,
  sectorRank: number | null = null
): boolean | null {
  if (row.total === null || row.tier === null) return null;
  if (!row.eligible || row.total < rubric.passLine) return false;
  const quota = rubric.quotas.byTier[row.tier];
  if (quota !== undefined && (rank === null || rank > quota)) return false;
  const sectorQuota =
    row.sector == null ? undefined : rubric.quotas.bySectorTier?.[row.tier]?.[row.sector];
  if (sectorQuota !== undefined && (sectorRank === null || sectorRank > sectorQuota)) return false;
  return true;
}

/** Awarded sites for the dynamic-management sheets, from the nominees intake read. */
import type { Nominee } from "../core/Nominee";
import type { IsoDate } from "../core/IsoDate";
import type { SectorCode, TierCode } from "../core/domain";

/** An awarded site as 动态管理's register records it: who it is, its award and its last review (RULES §5). */
export interface AwardedSite {
  readonly id: string;
  readonly name: string | null;
  readonly tier: TierCode | null;
  readonly sector: SectorCode | null;
  readonly awardedOn: IsoDate;
  readonly lastReviewOn: IsoDate | null;
  readonly lastReviewScore: number | null;
  /** null = 否. */
  readonly lastReviewVeto: boolean | null;
}

/** One awarded site in this cycle (a register row, or a nominee with an award date), with this cycle's result. */
export interface DynamicSite extends AwardedSite {
  /** This cycle's total and veto as the engine computed them; null when not assessed this cycle. */
  readonly cycleTotal: number | null;
  readonly cycleVeto: boolean | null;
  /** Row on the assessment sheet (考核表), whose total and veto then drive this cycle's columns. */
  readonly assessmentRow?: number;
  readonly source: { readonly sheet: string; readonly row: number };
}

/** The header `shifan next-cycle` gives the id column of the register it writes: no field, so it stays in `extra`. */
export const SITE_ID_HEADER = "示范点编号";

/** This cycle's result of one nominee, when it has been assessed again. */
export interface CycleResult {
  readonly total: number | null;
  readonly veto: boolean | null;
  /** Its row on the assessment sheet (考核表). */
  readonly assessmentRow?: number;
}

/**
 * Nominees with an award date become sites, in the order given; candidates (no award date) are left out.
 * The id is the register's own 示范点编号 when it has one (carried by next-cycle), else `idOf`.
 *
 * @example dynamicSites(nominees, (_n, i) => `S${i + 1}`).length // the awarded ones only
 */
export function dynamicSites(
  nominees: readonly Nominee[],
  idOf: (nominee: Nominee, index: number) => string,
  cycleOf: (nominee: Nominee, index: number) => CycleResult | null = () => null
): DynamicSite[] {
  const sites: DynamicSite[] = [];
  nominees.forEach((nominee, index) => {
    if (nominee.awardedOn === null) return;
    const cycle = cycleOf(nominee, index);
    sites.push({
      id: nominee.extra[SITE_ID_HEADER] ?? idOf(nominee, index),
      name: nominee.displayName ?? nominee.name,
      tier: nominee.tier,
      sector: nominee.sector,
      awardedOn: nominee.awardedOn,
      lastReviewOn: nominee.lastReviewOn,
      lastReviewScore: nominee.lastReviewScore,
      lastReviewVeto: nominee.lastReviewVeto,
      cycleTotal: cycle?.total ?? null,
      cycleVeto: cycle?.veto ?? null,
      ...(cycle?.assessmentRow !== undefined ? { assessmentRow: cycle.assessmentRow } : {}),
      source: { sheet: nominee.sheet, row: nominee.row },
    });
  });
  return sites;
}

/**
 * The step from a finished assessment to the next cycle (issue #3 §4): every site still under management is
 * carried with its id, this cycle's result (total, veto, dated the as-of day) becoming its last review, and
 * every review so far kept in 考评历史; eliminated sites go to 已淘汰, never dropped.
 */
import { DYNAMIC_STATUS, VETO_WORDS, readYesNo } from "../core/words";
import { cellAt, type RawCell, type SheetGrid, type WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import { dateOf, numberOf, textOf } from "./cellValues";
import { SECTOR_NAMES, TIER_NAMES } from "../core/domain";
import type { DynamicStatus } from "../core/words";
import {
  ELIMINATED_SHEET,
  FIRST_ENTRY_ROW,
  HISTORY_SHEET,
  type DynamicParams,
} from "./dynamicLayout";
import type { DynamicRecord } from "./readDynamicSheet";
import type { AwardedSite } from "./dynamicSites";

/** A site's status and 待办原因 as 动态管理's formulas give them (the use case evaluates the compiled sheet). */
export interface SiteJudgement {
  readonly status: DynamicStatus | null;
  /** Why it needs action, '' for 保留 and 正常. */
  readonly reason: string;
}

export interface ReviewEntry {
  readonly id: string;
  readonly name: string | null;
  readonly reviewedOn: IsoDate;
  readonly score: number;
  readonly veto: boolean;
}

/** A site carried into the next cycle, this cycle's result as its last review. */
export interface CarriedSite extends AwardedSite {
  /** Its status at the end of the finished cycle (保留, 正常, 待考评 or 逾期). */
  readonly closingStatus: DynamicStatus;
}

export interface EliminatedSite {
  readonly id: string;
  readonly name: string | null;
  readonly tierName: string;
  readonly sectorName: string;
  readonly awardedOn: IsoDate | null;
  readonly eliminatedOn: IsoDate | null;
  readonly score: number | null;
  readonly veto: boolean | null;
  readonly reason: string;
}

export interface NextCycle {
  readonly carried: readonly CarriedSite[];
  /** Earlier cycles' eliminations first, then this cycle's. */
  readonly eliminated: readonly EliminatedSite[];
  /** Every review of every site, by id then date. */
  readonly history: readonly ReviewEntry[];
}

/**
 * Splits the finished cycle's sites into carried and eliminated by `judged` (one judgement per record, from the
 * status formula); params.asOf is the closing date: this cycle's result is dated that day.
 *
 * @example planNextCycle(read.records, judgeSites(read.records, params), params, previous).carried.map((s) => s.id)
 */
export function planNextCycle(
  records: readonly DynamicRecord[],
  judged: readonly SiteJudgement[],
  params: DynamicParams,
  previous: { history: readonly ReviewEntry[]; eliminated: readonly EliminatedSite[] } = {
    history: [],
    eliminated: [],
  }
): NextCycle {
  const carried: CarriedSite[] = [];
  const eliminated: EliminatedSite[] = [...previous.eliminated];
  const history: ReviewEntry[] = [...previous.history];
  const known = new Set(history.map((entry) => `${entry.id}\u0000${entry.reviewedOn}`));
  const remember = (entry: ReviewEntry): void => {
    const key = `${entry.id}\u0000${entry.reviewedOn}`;
    if (known.has(key)) return;
    known.add(key);
    history.push(entry);
  };

  records.forEach((record, index) => {
    if (record.lastReviewOn !== null && record.lastReviewScore !== null) {
      remember({
        id: record.id,
        name: record.name,
        reviewedOn: record.lastReviewOn,
        score: record.lastReviewScore,
        veto: record.lastReviewVeto === true,
      });
    }
    if (record.cycleTotal !== null) {
      remember({
        id: record.id,
        name: record.name,
        reviewedOn: params.asOf,
        score: record.cycleTotal,
        veto: record.cycleVeto === true,
      });
    }
    const judgement = judged[index];
    if (judgement === undefined) throw new Error(`no judgement for site ${record.id}`);
    const status = judgement.status;
    if (status === null) return;
    if (status === DYNAMIC_STATUS.eliminated) {
      const byCycle = record.cycleTotal !== null;
      eliminated.push({
        id: record.id,
        name: record.name,
        tierName: record.tier === null ? "" : TIER_NAMES[record.tier],
        sectorName: record.sector === null ? "" : SECTOR_NAMES[record.sector],
        awardedOn: record.awardedOn,
        eliminatedOn: params.asOf,
        score: byCycle ? record.cycleTotal : record.lastReviewScore,
        veto: byCycle ? record.cycleVeto === true : record.lastReviewVeto === true,
        reason: judgement.reason,
      });
      return;
    }
    const reviewed = record.cycleTotal !== null;
    carried.push({
      id: record.id,
      name: record.name,
      tier: record.tier,
      sector: record.sector,
      awardedOn: record.awardedOn,
      lastReviewOn: reviewed ? params.asOf : record.lastReviewOn,
      lastReviewScore: reviewed ? record.cycleTotal : record.lastReviewScore,
      lastReviewVeto: reviewed ? record.cycleVeto === true : record.lastReviewVeto,
      closingStatus: status,
    });
  });
  history.sort((a, b) =>
    a.id < b.id
      ? -1
      : a.id > b.id
        ? 1
        : a.reviewedOn < b.reviewedOn
          ? -1
          : a.reviewedOn > b.reviewedOn
            ? 1
            : 0
  );
  return { carried, eliminated, history };
}

/** The register's columns as next-cycle writes them; intake maps each header (示范点编号 stays an extra). */
export const NEXT_REGISTER_HEADERS = [
  "示范点编号",
  "名称",
  "领域",
  "级别",
  "授牌时间",
  "最近考评时间",
  "最近考评得分",
  "一票否决",
  "历次考评",
] as const;

/** One register row per carried site, in NEXT_REGISTER_HEADERS order; dates as IsoDate, blanks as null. */
export function nextRegisterRows(next: NextCycle): (string | number | IsoDate | null)[][] {
  return next.carried.map((site) => [
    site.id,
    site.name,
    site.sector === null ? null : SECTOR_NAMES[site.sector],
    site.tier === null ? null : TIER_NAMES[site.tier],
    site.awardedOn,
    site.lastReviewOn,
    site.lastReviewScore,
    site.lastReviewVeto === null
      ? null
      : site.lastReviewVeto
        ? VETO_WORDS.vetoed
        : VETO_WORDS.notVetoed,
    historyText(next.history.filter((entry) => entry.id === site.id)),
  ]);
}

/** `2012-12-01 88；2014-06-30 90.5（否决）`: the history in one cell, for a person reading the register. */
export function historyText(entries: readonly ReviewEntry[]): string | null {
  if (entries.length === 0) return null;
  return entries.map((e) => `${e.reviewedOn} ${e.score}${e.veto ? "（一票否决）" : ""}`).join("；");
}

/**
 * The entries of a previous run's 考评历史 and 已淘汰 sheets, so a second next-cycle keeps them. `sheetNames`:
 * what the workbook identity says they are called now.
 */
export function readPreviousCycles(
  grid: WorkbookGrid,
  sheetNames: { readonly history?: string; readonly eliminated?: string } = {}
): {
  history: ReviewEntry[];
  eliminated: EliminatedSite[];
} {
  const history: ReviewEntry[] = [];
  const eliminated: EliminatedSite[] = [];
  const historyName = sheetNames.history ?? HISTORY_SHEET;
  const eliminatedName = sheetNames.eliminated ?? ELIMINATED_SHEET;
  const historySheet = grid.sheets.find((s) => s.name === historyName);
  if (historySheet) {
    for (let row = FIRST_ENTRY_ROW; row <= historySheet.rows.length; row++) {
      const at = (col: number): RawCell | null => cellAt(historySheet, row, col);
      const id = textOf(at(1));
      const reviewedOn = dateOf(at(3));
      const score = numberOf(at(4));
      if (id === null || reviewedOn === null || score === null) continue;
      history.push({
        id,
        name: textOf(at(2)),
        reviewedOn,
        score,
        veto: readYesNo(textOf(at(5))) === true,
      });
    }
  }
  const eliminatedSheet = grid.sheets.find((s) => s.name === eliminatedName);
  if (eliminatedSheet) eliminated.push(...readEliminated(eliminatedSheet));
  return { history, eliminated };
}

function readEliminated(sheet: SheetGrid): EliminatedSite[] {
  const found: EliminatedSite[] = [];
  for (let row = FIRST_ENTRY_ROW; row <= sheet.rows.length; row++) {
    const at = (col: number): RawCell | null => cellAt(sheet, row, col);
    const id = textOf(at(1));
    if (id === null) continue;
    const veto = textOf(at(8));
    found.push({
      id,
      name: textOf(at(2)),
      tierName: textOf(at(3)) ?? "",
      sectorName: textOf(at(4)) ?? "",
      awardedOn: dateOf(at(5)),
      eliminatedOn: dateOf(at(6)),
      score: numberOf(at(7)),
      veto: readYesNo(veto),
      reason: textOf(at(9)) ?? "",
    });
  }
  return found;
}

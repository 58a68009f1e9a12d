/**
 * Seeded, reproducible assessment scenarios for the LibreOffice cross-check: random panels with
 * abstentions, plus hand-built nominees that sit exactly on the edges RULES.md §4 cares about
 * (totals of 85.00 and 84.99, ROUND half cases, ties at every level of the tie-break chain, veto).
 */
import type { SectorCode, TierCode } from "../../src/engine/core";
import { SECTOR_CODES, TIER_CODES } from "../../src/engine/core";

/** What a person types into the assessment workbook for one nominee: scores[judge][criterion]; null is a blank cell. */
export interface ScenarioInputs {
  readonly scores: (number | null)[][];
  readonly satisfaction: number | null;
  readonly veto: boolean | null;
  /** Text or TRUE/FALSE pasted where scores[judge][criterion] is blank; judge null: the satisfaction cell. */
  readonly typed?: readonly TypedEntry[];
  /** A rater group's scores by its code, rater by rater (三评议's 党员互评). */
  readonly raters?: Readonly<Record<string, (number | null)[]>>;
}

export type TypedEntry =
  | {
      readonly judge: number | null;
      readonly criterion: number;
      readonly value: string | boolean;
    }
  /** Pasted on rater group `group`'s sheet, in rater `rater`'s column (0-based), where raters[group][rater] is blank. */
  | { readonly group: string; readonly rater: number; readonly value: string | boolean };

export interface ScenarioNominee {
  readonly name: string;
  readonly sector: SectorCode;
  readonly tier: TierCode;
  readonly region: string;
  readonly inputs: ScenarioInputs;
  /** Why the nominee is there, for a reader of a failing diff ('random' or the edge it sits on). */
  readonly purpose: string;
}

export type ScenarioRubric = "baiqianwan" | "wuhao" | "sanpingyi";

export interface Scenario {
  readonly id: string;
  readonly rubric: ScenarioRubric;
  readonly judges: number;
  /** Points per criterion, in rubric order. */
  readonly maxima: readonly number[];
  readonly quotas: Partial<Record<TierCode, number>>;
  /** RULES §4.2: a sector's own quota within a tier. */
  readonly sectorQuotas?: Partial<Record<TierCode, Partial<Record<SectorCode, number>>>>;
  /** RULES §4.2: the 差额 ratio. */
  readonly candidateRatio?: number;
  readonly nominees: readonly ScenarioNominee[];
}

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** Scores move in steps of 0.5 (RULES.md §4). */
function toHalfStep(value: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(value * 2) / 2));
}

export const BAIQIANWAN_MAXIMA = [30, 20, 25, 25] as const;
export const WUHAO_MAXIMA = [20, 20, 20, 20, 20] as const;

/**
 * Criterion scores (steps of 0.5) that add up to exactly `panel`, spread in proportion to the maxima.
 * @example scoresForPanel(85, [30, 20, 25, 25]) // [25.5, 17, 21.5, 21]
 */
export function scoresForPanel(panel: number, maxima: readonly number[]): number[] {
  const total = maxima.reduce((sum, max) => sum + max, 0);
  if (panel * 2 !== Math.round(panel * 2) || panel < 0 || panel > total)
    throw new RangeError(`panel ${panel} is not reachable`);
  const scores = maxima.map((max) => Math.floor(((max * panel) / total) * 2) / 2);
  let missing = panel - scores.reduce((sum, s) => sum + s, 0);
  for (let i = 0; missing > 0; i = (i + 1) % scores.length) {
    const room = (maxima[i] ?? 0) - (scores[i] ?? 0);
    if (room >= 0.5) {
      scores[i] = (scores[i] ?? 0) + 0.5;
      missing -= 0.5;
    }
  }
  return scores;
}

/** Every judge gives the same scores: each criterion's mean is exactly that score, so the panel is exact. */
function unanimous(judges: number, scores: readonly number[]): (number | null)[][] {
  return Array.from({ length: judges }, () => [...scores]);
}

/** A random nominee: a hidden quality, judges scoring around it, blanks where a judge abstained. */
function randomInputs(random: Random, judges: number, maxima: readonly number[]): ScenarioInputs {
  const quality = 0.45 + random() * 0.55;
  // Some nominees lose whole judges (recused): 3–4 present, or too few (incomplete).
  const absentJudges = new Set<number>();
  const recusals = random() < 0.25 ? 1 + Math.floor(random() * (judges - 1)) : 0;
  while (absentJudges.size < recusals) absentJudges.add(Math.floor(random() * judges));
  const scores = Array.from({ length: judges }, (_, judge) =>
    maxima.map((max) => {
      if (absentJudges.has(judge) || random() < 0.05) return null;
      return toHalfStep(max * (quality + (random() - 0.5) * 0.2), max);
    })
  );
  const satisfactionRoll = random();
  const satisfaction =
    satisfactionRoll < 0.05
      ? null
      : satisfactionRoll < 0.5
        ? Math.round((55 + random() * 45) * 100) / 100
        : Math.round(55 + random() * 45);
  const vetoRoll = random();
  const veto = vetoRoll < 0.06 ? true : vetoRoll < 0.15 ? null : false;
  return { scores, satisfaction, veto };
}

/** 党员互评's raters for a random nominee around its quality: some abstain, a few nominees have too few raters. */
function randomRaters(random: Random, raters: number): (number | null)[] {
  const quality = 0.5 + random() * 0.5;
  const present = random() < 0.1 ? Math.floor(random() * 3) : raters;
  return Array.from({ length: raters }, (_, r) =>
    r >= present || random() < 0.15
      ? null
      : toHalfStep(100 * (quality + (random() - 0.5) * 0.3), 100)
  );
}

/** Raters on 三评议's scenario sheet (the built-in default). */
export const SCENARIO_PEER_RATERS = 10;

/** RULES §4.1 and §4.3 on a rater group's sheet: each bad entry beside a twin that counts. */
export const RATER_EDGE_PURPOSES = {
  above: "评议人超100",
  atMax: "评议人恰为100",
  negative: "评议人负分",
  offStep: "评议人不在步长上",
  text: "评议人文字",
  pastedTrue: "评议人粘贴TRUE",
  tooFew: "评议人不足三人",
  fourOnly: "评议人四人均分",
} as const;

function raterEdgeNominees(
  judges: number,
  maxima: readonly number[],
  tier: TierCode
): ScenarioNominee[] {
  const scores = unanimous(judges, scoresForPanel(88, maxima));
  const peers = (...given: (number | null)[]): (number | null)[] =>
    Array.from({ length: SCENARIO_PEER_RATERS }, (_, r) =>
      r < given.length ? (given[r] ?? null) : 90
    );
  const edge = (
    purpose: string,
    raters: (number | null)[],
    typed?: TypedEntry[]
  ): ScenarioNominee => ({
    name: `边界${purpose}`,
    sector: "village",
    tier,
    region: "边界区",
    inputs: {
      scores,
      satisfaction: 90,
      veto: false,
      raters: { peers: raters },
      ...(typed ? { typed } : {}),
    },
    purpose,
  });
  const few = (...given: number[]): (number | null)[] =>
    Array.from({ length: SCENARIO_PEER_RATERS }, (_, r) => given[r] ?? null);
  const E = RATER_EDGE_PURPOSES;
  return [
    edge(E.above, peers(100.5)),
    edge(E.atMax, peers(100)),
    edge(E.negative, peers(-0.5)),
    edge(E.offStep, peers(80.25)),
    edge(E.text, peers(null), [{ group: "peers", rater: 0, value: "优秀" }]),
    edge(E.pastedTrue, peers(null), [{ group: "peers", rater: 0, value: true }]),
    edge(E.tooFew, few(90, 80)),
    // (80 + 85 + 90 + 92.5) / 4 = 86.875 → 86.88 (no drop below five raters).
    edge(E.fourOnly, few(80, 85, 90, 92.5)),
  ];
}

/** Edge nominees that hold an entry no formula counts (RULES §4.3), on purpose. */
export const BAD_ENTRY_PURPOSES: ReadonlySet<string> = new Set([
  "超出满分",
  "负分",
  "不在步长上",
  "满意度120",
  "文字评分",
  "粘贴TRUE",
  "满意度文字",
  "满意度TRUE",
]);

/** Nominees placed on the edges of §4, all in one tier so the tie cases rank against each other. */
function edgeNominees(
  judges: number,
  maxima: readonly number[],
  tier: TierCode
): ScenarioNominee[] {
  const at = (panel: number): (number | null)[][] =>
    unanimous(judges, scoresForPanel(panel, maxima));
  const edge = (purpose: string, inputs: ScenarioInputs): ScenarioNominee => ({
    name: `边界${purpose}`,
    sector: "community",
    tier,
    region: "边界区",
    inputs,
    purpose,
  });
  // Four judges present with scores adding to an odd number of halves: the mean ends in .125/.375/.625/.875.
  const quarterMeans = Array.from({ length: judges }, (_, judge) =>
    maxima.map((max, c) =>
      judge >= 4 ? null : toHalfStep(max * 0.8 + (judge === c % 4 ? 0.5 : 0), max)
    )
  );
  const twoJudgesOnly = Array.from({ length: judges }, (_, judge) =>
    maxima.map((max) => (judge < 2 ? max * 0.9 : null))
  );
  const oneCriterionShort = at(88).map((row, judge) =>
    row.map((score, c) => (c === 0 && judge >= 2 ? null : score))
  );
  // RULES §4.3: entries no formula counts (the nominee shows 待更正), each beside a twin that counts
  // (BAD_ENTRY_PURPOSES names the former).
  const top = maxima.indexOf(Math.max(...maxima));
  const withEntry = (judge: number, criterion: number, score: number | null) =>
    at(88).map((row, j) => row.map((s, c) => (j === judge && c === criterion ? score : s)));
  const badEntries = [
    edge("超出满分", {
      scores: withEntry(0, top, (maxima[top] ?? 0) + 0.5),
      satisfaction: 90,
      veto: false,
    }),
    edge("恰为满分", {
      scores: withEntry(0, top, maxima[top] ?? 0),
      satisfaction: 90,
      veto: false,
    }),
    edge("负分", { scores: withEntry(1, 0, -1), satisfaction: 90, veto: false }),
    edge("零分", { scores: withEntry(1, 0, 0), satisfaction: 90, veto: false }),
    edge("不在步长上", { scores: withEntry(2, 1, 10.3), satisfaction: 90, veto: false }),
    edge("满意度120", { scores: at(88), satisfaction: 120, veto: false }),
    edge("满意度100", { scores: at(88), satisfaction: 100, veto: false }),
    edge("文字评分", {
      scores: withEntry(0, 0, null),
      satisfaction: 90,
      veto: false,
      typed: [{ judge: 0, criterion: 0, value: "二十" }],
    }),
    edge("粘贴TRUE", {
      scores: withEntry(2, 1, null),
      satisfaction: 90,
      veto: false,
      typed: [{ judge: 2, criterion: 1, value: true }],
    }),
    edge("满意度文字", {
      scores: at(88),
      satisfaction: null,
      veto: false,
      typed: [{ judge: null, criterion: 0, value: "满意" }],
    }),
    edge("满意度TRUE", {
      scores: at(88),
      satisfaction: null,
      veto: false,
      typed: [{ judge: null, criterion: 0, value: true }],
    }),
  ];
  return [
    ...badEntries,
    edge("总分恰为85.00", { scores: at(85), satisfaction: 85, veto: false }),
    edge("总分恰为84.99", { scores: at(85), satisfaction: 84.95, veto: false }),
    // 68 + 16.995 = 84.995: Excel's ROUND gives 85.00 (recommended); binary rounding would give 84.99.
    edge("总分84.995进位", { scores: at(85), satisfaction: 84.975, veto: false }),
    // 64.4 + 16.005 = 80.405 → 80.41.
    edge("总分80.405进位", { scores: at(80.5), satisfaction: 80.025, veto: false }),
    edge("四评委均分", { scores: quarterMeans, satisfaction: 90, veto: false }),
    edge("高分否决", { scores: unanimous(judges, [...maxima]), satisfaction: 100, veto: true }),
    // 72 + 16 = 88 and 70 + 18 = 88: equal totals, the panel score breaks the tie.
    edge("同分评委高", { scores: at(90), satisfaction: 80, veto: false }),
    edge("同分评委低", { scores: at(87.5), satisfaction: 90, veto: false }),
    // 72 + 16.002 = 88.00 with the same panel: satisfaction breaks the tie.
    edge("同分满意度高", { scores: at(90), satisfaction: 80.01, veto: false }),
    // Fully equal to 同分评委高: they share a rank and the next rank is skipped.
    edge("完全并列", { scores: at(90), satisfaction: 80, veto: false }),
    edge("仅两位评委", { scores: twoJudgesOnly, satisfaction: 95, veto: false }),
    edge("一项不足三人", { scores: oneCriterionShort, satisfaction: 95, veto: false }),
    edge("缺满意度", { scores: at(95), satisfaction: null, veto: false }),
    edge("未填否决", { scores: at(86), satisfaction: 86, veto: null }),
  ];
}

const REGIONS = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市"];

export interface ScenarioSpec {
  readonly id: string;
  readonly seed: number;
  readonly rubric: ScenarioRubric;
  readonly judges: number;
  readonly randomNominees: number;
  readonly quotas: Partial<Record<TierCode, number>>;
  readonly sectorQuotas?: Partial<Record<TierCode, Partial<Record<SectorCode, number>>>>;
  readonly candidateRatio?: number;
  /** Tier of the hand-built edge nominees; none when absent. */
  readonly edgesTier?: TierCode;
  /** Add nominees tied at the quota lines (quotaTieNominees). */
  readonly quotaTies?: boolean;
}

/**
 * RULES §4.2's ties at a line, for a scenario whose quotas are county 2 and, in city, 学校 2: three 国企 nominees in
 * county with full marks (fully equal, rank 1 for two places) and three 学校 nominees in city fully equal at 98
 * (学校 rank 1 for two places), then one at 96 (学校 rank 4, out).
 */
function quotaTieNominees(judges: number, maxima: readonly number[]): ScenarioNominee[] {
  const tied = (purpose: string, tier: TierCode, sector: SectorCode, panel: number) => ({
    name: `并列${purpose}`,
    sector,
    tier,
    region: "并列区",
    inputs: {
      scores: unanimous(judges, scoresForPanel(panel, maxima)),
      satisfaction: panel,
      veto: false,
    },
    purpose,
  });
  return [
    tied("级别线1", "county", "soe", 100),
    tied("级别线2", "county", "soe", 100),
    tied("级别线3", "county", "soe", 100),
    tied("类别线1", "city", "school", 98),
    tied("类别线2", "city", "school", 98),
    tied("类别线3", "city", "school", 98),
    tied("类别线下", "city", "school", 96),
  ];
}

export function buildScenario(spec: ScenarioSpec): Scenario {
  const random = seededRandom(spec.seed);
  const maxima = spec.rubric === "wuhao" ? WUHAO_MAXIMA : BAIQIANWAN_MAXIMA;
  const withRaters = spec.rubric === "sanpingyi";
  const nominees: ScenarioNominee[] = [];
  for (let i = 0; i < spec.randomNominees; i++) {
    const sector = pick(random, SECTOR_CODES);
    const tier = pick(random, TIER_CODES);
    const region = pick(random, REGIONS);
    const inputs = randomInputs(random, spec.judges, maxima);
    nominees.push({
      name: `${spec.id}示范点${String(i + 1).padStart(3, "0")}`,
      sector,
      tier,
      region,
      // Rater scores drawn only for 三评议, so the other scenarios keep their sequences.
      inputs: withRaters
        ? { ...inputs, raters: { peers: randomRaters(random, SCENARIO_PEER_RATERS) } }
        : inputs,
      purpose: "random",
    });
  }
  if (spec.edgesTier && withRaters)
    nominees.push(...raterEdgeNominees(spec.judges, maxima, spec.edgesTier));
  else if (spec.edgesTier) nominees.push(...edgeNominees(spec.judges, maxima, spec.edgesTier));
  if (spec.quotaTies) nominees.push(...quotaTieNominees(spec.judges, maxima));
  return {
    id: spec.id,
    rubric: spec.rubric,
    judges: spec.judges,
    maxima,
    quotas: spec.quotas,
    ...(spec.sectorQuotas === undefined ? {} : { sectorQuotas: spec.sectorQuotas }),
    ...(spec.candidateRatio === undefined ? {} : { candidateRatio: spec.candidateRatio }),
    nominees,
  };
}

/** The cross-check's workbooks: together they cover every case of issue #5 §6. */
export const SCENARIO_SPECS: readonly ScenarioSpec[] = [
  {
    id: "A",
    seed: 11,
    rubric: "baiqianwan",
    judges: 5,
    randomNominees: 40,
    quotas: { province: 2, city: 4, county: 8 },
    edgesTier: "city",
  },
  {
    id: "B",
    seed: 22,
    rubric: "baiqianwan",
    judges: 5,
    randomNominees: 50,
    quotas: {},
    edgesTier: "city",
  },
  {
    id: "C",
    seed: 33,
    rubric: "baiqianwan",
    judges: 7,
    randomNominees: 40,
    quotas: { province: 3 },
    edgesTier: "province",
  },
  {
    id: "D",
    seed: 44,
    rubric: "wuhao",
    judges: 5,
    randomNominees: 40,
    quotas: { city: 3, county: 5 },
    edgesTier: "county",
  },
  {
    id: "E",
    seed: 55,
    rubric: "baiqianwan",
    judges: 4,
    randomNominees: 45,
    quotas: { county: 6 },
    edgesTier: "county",
  },
  {
    id: "F",
    seed: 66,
    rubric: "baiqianwan",
    judges: 3,
    randomNominees: 30,
    quotas: { province: 1, city: 2, county: 3 },
  },
  {
    // 三评议 (RULES §4.1): 党员互评's ten raters beside the panel and 群众评议.
    id: "G",
    seed: 77,
    rubric: "sanpingyi",
    judges: 5,
    randomNominees: 40,
    quotas: { city: 3 },
    edgesTier: "city",
  },
  // RULES §4.2: sector quotas, ties at the tier and sector lines, 差额 1:1.5; R: 1:1.12, whose products are not
  // exact in binary (the places' boundary itself is a hand-computed case in test/engine/report/rules.test.ts).
  {
    id: "Q",
    seed: 77,
    rubric: "baiqianwan",
    judges: 5,
    randomNominees: 45,
    quotas: { city: 8, county: 2 },
    sectorQuotas: {
      city: { school: 2, village: 2, community: 1 },
      county: { village: 1 },
      province: { organ: 1 },
    },
    candidateRatio: 1.5,
    quotaTies: true,
  },
  {
    id: "R",
    seed: 88,
    rubric: "wuhao",
    judges: 5,
    randomNominees: 40,
    quotas: { province: 3, city: 25 },
    sectorQuotas: { province: { village: 1, soe: 2 }, city: { township: 1 } },
    candidateRatio: 1.12,
  },
];

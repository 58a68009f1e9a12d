import type { RawCell } from "../core/Grid";
import { TIER_CODES, TIER_NAMES, type TierCode } from "../core/domain";
import { cellText } from "./cellText";
import { matchKey } from "./matchKey";

export type TierReading =
  { kind: "tier"; tier: TierCode } | { kind: "invalid" } | { kind: "blank" };

/**
 * How sheets write each tier (RULES.md §3), one spelling a line. Folded before lookup, so 縣（市、區）級
 * matches 县市区级; a trailing 示范点 is also stripped (县级示范点 → 县级).
 */
export const TIER_SPELLINGS: Readonly<Record<TierCode, readonly string[]>> = {
  province: [TIER_NAMES.province, "省", "省级示范点"],
  city: [TIER_NAMES.city, "市", "市州级", "市州", "市(州)级", "地市级", "市级示范点", "州级"],
  county: [
    TIER_NAMES.county,
    "县",
    "县市区级",
    "县(市、区)级",
    "县(市区)级",
    "县市区",
    "区县级",
    "县区级",
    "区级",
    "县级示范点",
  ],
};

const DROPPED_SUFFIXES = ["示范点", "示范"];

let tierTable: Map<string, TierCode> | null = null;

function spellingTable(): Map<string, TierCode> {
  if (tierTable) return tierTable;
  const table = new Map<string, TierCode>();
  for (const tier of TIER_CODES)
    for (const spelling of TIER_SPELLINGS[tier]) table.set(matchKey(spelling), tier);
  tierTable = table;
  return table;
}

/**
 * The tier a cell names: 省级 → province, 市州级 → city, 县(市、区)级 → county …; 国家级, 乡镇级 and other text are
 * invalid (the programme has three tiers only).
 * @example normalizeTier({ type: 'text', text: '縣（市、區）級' }) // { kind: 'tier', tier: 'county' }
 */
export function normalizeTier(cell: RawCell | null): TierReading {
  const key = matchKey(cellText(cell));
  if (key === "") return { kind: "blank" };
  const table = spellingTable();
  const suffix = DROPPED_SUFFIXES.find((word) => key.endsWith(word) && key.length > word.length);
  const tier = table.get(key) ?? (suffix ? table.get(key.slice(0, -suffix.length)) : undefined);
  return tier ? { kind: "tier", tier } : { kind: "invalid" };
}

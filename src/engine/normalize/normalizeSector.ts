import type { RawCell } from "../core/Grid";
import { SECTOR_CODES, type SectorCode } from "../core/domain";
import { cellText } from "./cellText";
import { matchKey } from "./matchKey";
import {
  AMBIGUOUS_SECTOR_SPELLINGS,
  SECTOR_KEYWORDS,
  SECTOR_SPELLINGS,
  SECTOR_SUFFIXES,
} from "./sectorSpellings";

export type SectorReading =
  | { kind: "sector"; sector: SectorCode }
  | { kind: "ambiguous"; candidates: SectorCode[] }
  | { kind: "unknown"; suggestions: SectorCode[] }
  | { kind: "blank" };

/** At most this many suggestions accompany an unknown sector. */
export const MAX_SECTOR_SUGGESTIONS = 3;

/** Characters every sector name shares (党组织, 党委 …): they say nothing about which sector is meant. */
const UNINFORMATIVE_CHARACTERS = new Set([..."党组织委支部总工等"]);

type Lookup =
  { kind: "sector"; sector: SectorCode } | { kind: "ambiguous"; candidates: SectorCode[] };

/** The spelling data of sectorSpellings.ts folded once: lookup keys, and each spelling's characters for suggestions. */
interface SectorIndex {
  readonly byKey: ReadonlyMap<string, Lookup>;
  readonly characterSets: readonly {
    readonly sector: SectorCode;
    readonly sets: readonly ReadonlySet<string>[];
  }[];
}

let sectorIndex: SectorIndex | null = null;

function index(): SectorIndex {
  if (sectorIndex) return sectorIndex;
  const byKey = new Map<string, Lookup>();
  for (const sector of SECTOR_CODES) {
    for (const spelling of SECTOR_SPELLINGS[sector]) {
      const key = matchKey(spelling);
      const existing = byKey.get(key);
      if (existing && !(existing.kind === "sector" && existing.sector === sector)) {
        throw new Error(`sector spelling ${spelling} is listed for two sectors`);
      }
      byKey.set(key, { kind: "sector", sector });
    }
  }
  for (const { spelling, sectors } of AMBIGUOUS_SECTOR_SPELLINGS) {
    byKey.set(matchKey(spelling), { kind: "ambiguous", candidates: [...sectors] });
  }
  const characterSets = SECTOR_CODES.map((sector) => ({
    sector,
    sets: SECTOR_SPELLINGS[sector].map((spelling) => informativeCharacters(matchKey(spelling))),
  }));
  sectorIndex = { byKey, characterSets };
  return sectorIndex;
}

/**
 * The sector a cell names, matched after folding (traditional → simplified, full → half width, spaces and
 * separator punctuation removed). In order: a listed spelling; the same after stripping a trailing 党支部/党委/…;
 * 街道 with 社区 (ambiguous); a word family (国有 → soe, 高校 → school …, see SECTOR_KEYWORDS).
 * Anything else is unknown, with up to 3 suggestions: the sectors whose names and spellings share the most
 * characters with it (ties in SECTOR_CODES order).
 * @example normalizeSector({ type: 'text', text: '社區黨總支' }) // { kind: 'sector', sector: 'community' }
 * @example normalizeSector({ type: 'text', text: '街道社区' }) // { kind: 'ambiguous', candidates: ['subdistrict', 'community'] }
 */
export function normalizeSector(cell: RawCell | null): SectorReading {
  const key = matchKey(cellText(cell));
  if (key === "") return { kind: "blank" };
  const { byKey } = index();
  for (const candidate of withoutSuffixes(key)) {
    const found = byKey.get(candidate);
    if (found)
      return found.kind === "sector"
        ? { ...found }
        : { kind: "ambiguous", candidates: [...found.candidates] };
  }
  if (key.includes("街道") && key.includes("社区"))
    return { kind: "ambiguous", candidates: ["subdistrict", "community"] };
  for (const { sector, words } of SECTOR_KEYWORDS) {
    if (words.some((word) => key.includes(word))) return { kind: "sector", sector };
  }
  return { kind: "unknown", suggestions: suggestSectors(key) };
}

/** The key, then the key with one trailing party word stripped after another (村党支部 → 村). */
function withoutSuffixes(key: string): string[] {
  const forms = [key];
  let current = key;
  for (;;) {
    const suffix = SECTOR_SUFFIXES.find(
      (word) => current.endsWith(word) && current.length > word.length
    );
    if (!suffix) return forms;
    current = current.slice(0, -suffix.length);
    forms.push(current);
  }
}

/** Sectors ranked by the number of distinct informative characters shared with their best spelling. */
function suggestSectors(key: string): SectorCode[] {
  const keyChars = informativeCharacters(key);
  const scored: { sector: SectorCode; shared: number }[] = [];
  for (const { sector, sets } of index().characterSets) {
    let best = 0;
    for (const spellingChars of sets) {
      let shared = 0;
      for (const ch of keyChars) if (spellingChars.has(ch)) shared++;
      best = Math.max(best, shared);
    }
    if (best > 0) scored.push({ sector, shared: best });
  }
  // Array.prototype.sort is stable, so equal scores keep SECTOR_CODES order.
  scored.sort((a, b) => b.shared - a.shared);
  return scored.slice(0, MAX_SECTOR_SUGGESTIONS).map((entry) => entry.sector);
}

function informativeCharacters(text: string): Set<string> {
  return new Set([...text].filter((ch) => !UNINFORMATIVE_CHARACTERS.has(ch)));
}

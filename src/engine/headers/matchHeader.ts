import { FIELDS, type Field } from "../core/domain";
import type { ColumnMapping } from "../core/Table";
import type { HeaderVocabulary } from "../locate/locateTable";
import { foldText } from "../normalize/foldText";
import { HEADER_SYNONYMS, SERIAL_HEADERS } from "./headerSynonyms";

export interface HeaderMatch {
  readonly field: Field | null;
  /** 0…1: 1 exact, 0.95 exact on the sub-header alone, 0.65–0.9 containment, 0 nothing. */
  readonly confidence: number;
}

/** Below this a header is too far from every synonym to count: a synonym inside must cover half of it. */
export const MIN_HEADER_CONFIDENCE = 0.65;
/** Longer text is a title or a note, not a column header. */
export const MAX_HEADER_LENGTH = 20;

const NO_MATCH: HeaderMatch = { field: null, confidence: 0 };

let synonymIndex: { exact: Map<string, Field>; all: Array<{ key: string; field: Field }> } | null =
  null;

function index(): NonNullable<typeof synonymIndex> {
  if (synonymIndex) return synonymIndex;
  const exact = new Map<string, Field>();
  const all: Array<{ key: string; field: Field }> = [];
  for (const field of FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      const key = headerKey(synonym);
      exact.set(key, field);
      all.push({ key, field });
    }
  }
  synonymIndex = { exact, all };
  return synonymIndex;
}

/** foldText, then units in brackets dropped: 在册党员（名） → 在册党员. */
export function headerKey(text: string): string {
  const folded = foldText(text);
  const withoutUnit = folded.replace(/\((?:名|人|个|位|分|年月日|年-月-日|万元)\)$/, "");
  return withoutUnit.replace(/[:*]+$/, "");
}

/** True for 序号 and its spellings: a column every table has that is no field. */
export function isSerialHeader(text: string): boolean {
  return SERIAL_HEADERS.includes(headerKey(text));
}

/**
 * The field a column header names, with how sure the match is.
 * Exact synonyms win; otherwise the header must contain a synonym, and a synonym at the end counts more,
 * because a Chinese header ends in its head noun (党组织书记联系电话 is a phone, not a secretary).
 * @example matchHeader('党组织基本情况/名称') // { field: 'name', confidence: 0.95 }
 * @example matchHeader('示范点创建单位名称') // { field: 'name', confidence: 1 }
 */
export function matchHeader(header: string): HeaderMatch {
  const key = headerKey(header);
  if (key === "" || key.length > MAX_HEADER_LENGTH * 2 + 1) return NO_MATCH;
  const { exact } = index();
  const whole = exact.get(key);
  if (whole) return { field: whole, confidence: 1 };
  const parts = key.split("/").filter((part) => part !== "");
  if (parts.length > 1) {
    const sub = parts[parts.length - 1] as string;
    const joined = parts.join("");
    const best = exact.get(joined) ?? exact.get(sub);
    if (best) return { field: best, confidence: 0.95 };
    // The sub-header is the head noun under its group: try it alone first.
    const underGroup = containment(sub);
    return underGroup.field ? underGroup : containment(joined);
  }
  return containment(key);
}

function containment(key: string): HeaderMatch {
  if (key.length > MAX_HEADER_LENGTH || isSerialHeader(key)) return NO_MATCH;
  let best = NO_MATCH;
  for (const { key: synonym, field } of index().all) {
    if (synonym.length >= key.length || !key.includes(synonym)) continue;
    const share = synonym.length / key.length;
    const confidence = round2(key.endsWith(synonym) ? 0.7 + 0.2 * share : 0.5 + 0.3 * share);
    if (confidence > best.confidence) best = { field, confidence };
  }
  return best.confidence >= MIN_HEADER_CONFIDENCE ? best : NO_MATCH;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Maps every header to a field; each field goes to one column only, the most confident (the leftmost on a tie).
 * Columns that lose, and unknown columns, keep field null and confidence 0.
 */
export function mapHeaders(
  headers: ReadonlyArray<{ col: number; header: string }>
): ColumnMapping[] {
  const matches = headers.map(({ col, header }) => ({ col, header, match: matchHeader(header) }));
  const ranked = matches
    .filter((m) => m.match.field !== null)
    .sort((a, b) => b.match.confidence - a.match.confidence || a.col - b.col);
  const winners = new Map<number, HeaderMatch>();
  const taken = new Set<Field>();
  for (const { col, match } of ranked) {
    if (match.field === null || taken.has(match.field)) continue;
    taken.add(match.field);
    winners.set(col, match);
  }
  return matches.map(({ col, header }) => {
    const match = winners.get(col) ?? NO_MATCH;
    return { col, header, field: match.field, confidence: match.confidence };
  });
}

/** The words locateTable recognises a header by: the synonyms of headerSynonyms.ts. */
export const HEADER_VOCABULARY: HeaderVocabulary = {
  match: matchHeader,
  mapColumns: mapHeaders,
  isSerial: isSerialHeader,
  minConfidence: MIN_HEADER_CONFIDENCE,
  maxHeaderLength: MAX_HEADER_LENGTH,
};

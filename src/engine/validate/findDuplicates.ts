import { foldText } from "../normalize/foldText";
import { issue, type Issue } from "../core/Issue";
import type { Nominee } from "../core/Nominee";

/**
 * Nominees named twice: same name and same recommending body (region) after folding, so 黨支部 and 党支部 are
 * one name and a missing region equals a missing region; across sheets too. Reported on the later row, at its
 * name cell, pointing at the first. A warning, not an error: the same institute can honestly be put forward by
 * two cities on sheets that have no region column, and only the official can tell.
 * @example findDuplicates(nominees)[0].params // { otherSheet: '株洲市', otherRow: 6, otherCell: 'B6' }
 */
export function findDuplicates(nominees: readonly Nominee[]): Issue[] {
  const firstSeen = new Map<string, Nominee>();
  const issues: Issue[] = [];
  // A workbook names few regions, many times each: fold each once.
  const foldedRegions = new Map<string, string>();
  const regionKey = (region: string): string => {
    let key = foldedRegions.get(region);
    if (key === undefined) foldedRegions.set(region, (key = foldText(region)));
    return key;
  };
  for (const nominee of nominees) {
    if (nominee.name === null) continue;
    const key = `${foldText(nominee.name)}\u0000${nominee.region === null ? "" : regionKey(nominee.region)}`;
    const first = firstSeen.get(key);
    if (!first) {
      firstSeen.set(key, nominee);
      continue;
    }
    issues.push(
      issue(
        "duplicate",
        "warning",
        { sheet: nominee.sheet, row: nominee.row, cell: nominee.cells.name ?? null, field: "name" },
        { otherSheet: first.sheet, otherRow: first.row, otherCell: first.cells.name ?? "" }
      )
    );
  }
  return issues;
}

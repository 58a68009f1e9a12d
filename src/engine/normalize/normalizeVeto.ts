import type { RawCell } from "../core/Grid";
import { matchKey } from "./matchKey";

export type VetoReading = { kind: "veto"; veto: boolean } | { kind: "invalid" } | { kind: "blank" };

/** How a sheet says yes / no to 一票否决 (after folding, so 無 is 无 and ＹＥＳ is yes). */
export const VETO_SPELLINGS: Readonly<Record<"yes" | "no", readonly string[]>> = {
  yes: ["是", "有", "y", "yes", "true", "√", "✓", "✔"],
  no: ["否", "无", "没有", "不是", "n", "no", "false", "×", "✗", "✘", "x"],
};

const VETO_BY_KEY = new Map<string, boolean>([
  ...VETO_SPELLINGS.yes.map((spelling) => [matchKey(spelling), true] as const),
  ...VETO_SPELLINGS.no.map((spelling) => [matchKey(spelling), false] as const),
]);

/**
 * 一票否决: 是 → true, 否 → false, and their variants (Y/N, yes/no, √/×, 有/无, TRUE/FALSE, traditional
 * characters); anything else, numbers included, is invalid.
 * @example normalizeVeto({ type: 'text', text: ' 是 ' }) // { kind: 'veto', veto: true }
 */
export function normalizeVeto(cell: RawCell | null): VetoReading {
  if (!cell) return { kind: "blank" };
  switch (cell.type) {
    case "boolean":
      return { kind: "veto", veto: cell.value };
    case "text": {
      const key = matchKey(cell.text);
      if (key === "") return { kind: "blank" };
      const veto = VETO_BY_KEY.get(key);
      return veto === undefined ? { kind: "invalid" } : { kind: "veto", veto };
    }
    case "number":
    case "date":
    case "error":
      return { kind: "invalid" };
  }
}

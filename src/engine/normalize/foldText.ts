import { SIMPLIFIED, TRADITIONAL } from "./tradSimpTable";

let tradToSimp: Map<string, string> | null = null;
function table(): Map<string, string> {
  if (!tradToSimp) {
    tradToSimp = new Map();
    const t = [...TRADITIONAL];
    const s = [...SIMPLIFIED];
    for (let i = 0; i < t.length; i++) tradToSimp.set(t[i] as string, s[i] as string);
  }
  return tradToSimp;
}

/** Full-width ASCII (！…～) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)
  );
}

/** Traditional characters to simplified, one character at a time. */
export function toSimplified(text: string): string {
  const map = table();
  let out = "";
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/**
 * The key two spellings are compared by: simplified, half-width, lower case, no white space at all.
 * @example foldText('\u3000黨組織 名稱 ') === '党组织名称'
 */
export function foldText(text: string): string {
  return toSimplified(toHalfWidth(text)).replace(/\s+/g, "").toLowerCase();
}

/** Trimmed, with runs of white space (full-width included) folded to one space: the name as a person means it. */
export function tidyText(text: string): string {
  return text.replace(/[\s\u3000]+/g, " ").trim();
}

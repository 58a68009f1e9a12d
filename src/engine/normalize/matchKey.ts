import { foldText, toHalfWidth } from "./foldText";

/** Punctuation that officials put between words of a category (文化、卫生 / 县(市、区)级) without changing its meaning. */
const SEPARATOR_PUNCTUATION = /[、，,;；:：/\\|()（）[\]【】{}<>《》〈〉"'“”‘’`·・.。_~\-—–－]/g;

/**
 * The key category spellings are looked up by: foldText, then separator punctuation removed.
 * @example matchKey('縣（市、區）級') === '县市区级'
 */
export function matchKey(text: string): string {
  return foldText(text).replace(SEPARATOR_PUNCTUATION, "");
}

/** Half-width, trimmed, every white space removed: the form numbers and dates are parsed from. */
export function compactText(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, "");
}

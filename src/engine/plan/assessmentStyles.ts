/** Conditional-format colours of the assessment workbook (cell styles: cellStyles.ts). */
/** Conditional-format colours. */
export const HIGHLIGHT = {
  error: { fill: "FFC7CE", fontColor: "9C0006" },
  incomplete: { fill: "EDEDED" },
  veto: { fill: "F8CBAD" },
  recommended: { fill: "C6EFCE", fontColor: "006100" },
  fail: { fontColor: "C00000", bold: true },
  vanished: { fill: "D9D9D9", fontColor: "808080" },
  /** A judge's row of a nominee the judge is recused from (回避). */
  recused: { fill: "D9D9D9", fontColor: "808080" },
} as const;

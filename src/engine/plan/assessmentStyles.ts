/** Named cell styles of the assessment workbook (keys of WorkbookPlan.styles). */
import type { CellStyle } from "./SheetPlan";

const INPUT_FILL = "FFF2CC";
const HEADER_FILL = "D9E1F2";
const COMPUTED_FILL = "F2F2F2";

export const STYLE = {
  title: "sf-title",
  note: "sf-note",
  header: "sf-header",
  text: "sf-text",
  number: "sf-number",
  input: "sf-input",
  inputText: "sf-input-text",
  inputDate: "sf-input-date",
  inputPercent: "sf-input-percent",
  computed: "sf-computed",
  computedText: "sf-computed-text",
  date: "sf-date",
  key: "sf-key",
  link: "sf-link",
} as const;

export const ASSESSMENT_STYLES: Readonly<Record<string, CellStyle>> = {
  [STYLE.title]: { bold: true, fontSize: 14 },
  [STYLE.note]: { italic: true, fontColor: "595959" },
  [STYLE.header]: {
    bold: true,
    fill: HEADER_FILL,
    border: true,
    wrap: true,
    horizontal: "center",
    vertical: "center",
  },
  [STYLE.text]: { border: true },
  [STYLE.number]: { border: true, numberFormat: "0.##" },
  // Only input cells are unlocked: everything else stays as computed when the sheet is protected.
  [STYLE.input]: { border: true, fill: INPUT_FILL, locked: false, numberFormat: "0.##" },
  [STYLE.inputText]: { border: true, fill: INPUT_FILL, locked: false, horizontal: "center" },
  [STYLE.inputDate]: { border: true, fill: INPUT_FILL, locked: false, numberFormat: "yyyy-mm-dd" },
  [STYLE.inputPercent]: { border: true, fill: INPUT_FILL, locked: false, numberFormat: "0%" },
  [STYLE.computed]: { border: true, fill: COMPUTED_FILL, numberFormat: "0.00" },
  [STYLE.computedText]: { border: true, fill: COMPUTED_FILL, horizontal: "center" },
  [STYLE.date]: { border: true, numberFormat: "yyyy-mm-dd" },
  [STYLE.key]: { numberFormat: "0" },
  [STYLE.link]: { border: true, fontColor: "0563C1" },
};

/** Conditional-format colours. */
export const HIGHLIGHT = {
  error: { fill: "FFC7CE", fontColor: "9C0006" },
  incomplete: { fill: "EDEDED" },
  veto: { fill: "F8CBAD" },
  recommended: { fill: "C6EFCE", fontColor: "006100" },
  fail: { fontColor: "C00000", bold: true },
  vanished: { fill: "D9D9D9", fontColor: "808080" },
} as const;

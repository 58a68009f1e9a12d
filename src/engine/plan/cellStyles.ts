/**
 * Every named cell style a generated sheet uses, in one table: a cell's `style` is a `StyleId`, so a misspelt or
 * unknown style is a compile error. Writers allocate only the styles a plan's cells use.
 */
import type { CellStyle } from "./SheetPlan";

const INPUT_FILL = "FFF2CC";
const HEADER_FILL = "D9E1F2";
const COMPUTED_FILL = "F2F2F2";
const RECUSED_FILL = "D9D9D9";
const DATE = "yyyy-mm-dd";

const TABLE = {
  title: { bold: true, fontSize: 14 },
  /** A title the official words (公示名单's): unlocked on the protected sheet, kept on re-assessment. */
  titleInput: {
    bold: true,
    fontSize: 16,
    horizontal: "center",
    vertical: "center",
    wrap: true,
    locked: false,
  },
  note: { italic: true, fontColor: "595959" },
  /** A note that wraps within its merged cells (评委分析's rules). */
  wrapNote: { italic: true, fontColor: "595959", wrap: true, vertical: "top" },
  subtitle: { bold: true, fontSize: 12 },
  /** A coefficient such as Kendall's W. */
  ratio: { border: true, numberFormat: "0.000" },
  header: {
    bold: true,
    fill: HEADER_FILL,
    border: true,
    wrap: true,
    horizontal: "center",
    vertical: "center",
  },
  /** A header on one line, for the plain-value sheets of the next cycle. */
  headerPlain: { bold: true, fill: HEADER_FILL, border: true, horizontal: "center" },
  label: { bold: true, horizontal: "right" },
  /**
   * A line of a list whose length follows the scores (公示名单): no border, so the lines left empty below the list
   * print as nothing.
   */
  listed: { vertical: "center" },
  listedCentered: { horizontal: "center", vertical: "center" },
  text: { border: true },
  /** A column of names that may be longer than it (名称, 类别, 推荐单位): wrapped, the row made tall enough where needed. */
  textWrap: { border: true, wrap: true },
  textCentered: { border: true, horizontal: "center" },
  number: { border: true, numberFormat: "0.##" },
  count: { numberFormat: "0", border: true, horizontal: "center" },
  days: { numberFormat: "0", border: true },
  score: { numberFormat: "0.00", border: true },
  date: { border: true, numberFormat: DATE },
  dateCentered: { numberFormat: DATE, border: true, horizontal: "center" },
  // Only input cells are unlocked: everything else stays as computed when the sheet is protected.
  input: { border: true, fill: INPUT_FILL, locked: false, numberFormat: "0.##" },
  inputText: { border: true, fill: INPUT_FILL, locked: false, horizontal: "center" },
  /** Free text typed by the official (回避's 原因). */
  inputPlain: { border: true, fill: INPUT_FILL, locked: false },
  inputDate: { border: true, fill: INPUT_FILL, locked: false, numberFormat: DATE },
  inputPercent: { border: true, fill: INPUT_FILL, locked: false, numberFormat: "0%" },
  /** 动态管理's own parameter cells (a register assessed without 评分标准). */
  parameterInput: { fill: INPUT_FILL, border: true, locked: false },
  parameterInputDate: { numberFormat: DATE, fill: INPUT_FILL, border: true, locked: false },
  /** 动态管理's entry columns: unlocked, without the input fill (the register's own look). */
  entryText: { border: true, horizontal: "center", locked: false },
  entryDate: { numberFormat: DATE, border: true, horizontal: "center", locked: false },
  entryScore: { numberFormat: "0.00", border: true, locked: false },
  /** A score cell of a recused row in a judge's copy: grey and locked, the judge cannot type there. */
  recusedInput: { border: true, fill: RECUSED_FILL, fontColor: "808080", numberFormat: "0.##" },
  computed: { border: true, fill: COMPUTED_FILL, numberFormat: "0.00" },
  computedText: { border: true, fill: COMPUTED_FILL, horizontal: "center" },
  status: { border: true, bold: true, horizontal: "center" },
  /** A check's warning on the sheet itself (评分标准's weights not summing to 1): red and bold, "" when all is well. */
  warning: { bold: true, fontColor: "C00000" },
  key: { numberFormat: "0" },
  link: { border: true, fontColor: "0563C1" },
  /** Long text that wraps within its column (rubric descriptors, issue messages); the row is made tall enough. */
  wrapText: { border: true, wrap: true, vertical: "top" },
  /** A line a judge signs on paper: at the bottom of a tall row. */
  signature: { bold: true, vertical: "bottom" },
} as const satisfies Record<string, CellStyle>;

/** A style of the table. */
export type NamedStyleId = keyof typeof TABLE;
/**
 * What a cell's `style` may name: a style of the table, that style locked (a judge's copy locks 评分标准), or the
 * number format of a cell copied as it is (`source:0`, a sheet written back from a grid).
 */
export type StyleId = NamedStyleId | `${NamedStyleId}.locked` | `source:${number}`;

export const CELL_STYLES: Readonly<Record<NamedStyleId, CellStyle>> = TABLE;

/** The locked twin of a named style. */
export function lockedStyleId(id: NamedStyleId): StyleId {
  return `${id}.locked`;
}

/**
 * How generated sheets print: A4, the title and header rows repeated on every page, the id and name columns
 * repeated when a sheet spans pages across, never smaller than 70 %, and a Chinese header and footer (the sheet's
 * name; 第 n 页，共 m 页 and the date printed). Review meetings run on printed sheets (issue #13 §4).
 */
import type { ColumnPlan, PageBand, PageText, PrintPlan } from "./SheetPlan";

/** Below this a printed sheet is hard to read in a meeting; a wider sheet prints across pages instead. */
export const MIN_PRINT_SCALE = 70;

/**
 * Points per unit of column width. Excel's unit is the width of a digit of the workbook's font (7 px, 5.25 pt,
 * for Calibri 11); LibreOffice with Carlito, Calibri's metric twin, measured 7.4 px. The larger, rounded up,
 * so a sheet judged to fit does fit in both.
 */
const POINTS_PER_WIDTH_UNIT = 5.625;
/** Excel's default width (8.43 characters) for a column the plan leaves unset. */
const DEFAULT_COLUMN_WIDTH = 8.43;
/** A4 (595 × 842 pt) less Excel's default left and right margins of 0.7 in. */
const PRINTABLE_WIDTH = { portrait: 595 - 2 * 0.7 * 72, landscape: 842 - 2 * 0.7 * 72 } as const;
/**
 * Height of one wrapped line of 11-point text: Excel's default row height is 15, but LibreOffice sets lines of
 * Chinese 16 pt apart (its PDF: 11.2 pt at 70 %), and at 15 the tenth line of a descriptor printed cut in half.
 */
const LINE_HEIGHT = 16;

/**
 * The page header's font, a Chinese one: in the workbook's Latin font, LibreOffice sized the sheet's name field for
 * Latin letters and printed the Chinese name with its lower part cut off (checked on the PDF, pdftoppm).
 */
export const PAGE_HEADER_FONT = "宋体";

/** Header: the sheet's name at the right. Footer: 第 n 页，共 m 页 in the middle, the date printed at the right. */
export const PAGE_HEADER: PageBand = { right: [{ font: PAGE_HEADER_FONT }, { field: "sheet" }] };
export const PAGE_FOOTER: PageBand = {
  center: ["第 ", { field: "page" }, " 页，共 ", { field: "pages" }, " 页"],
  right: ["打印日期：", { field: "date" }],
};

/**
 * The width of the columns `first…last` that print (hidden ones do not), in column-width units.
 * @example printedWidth([{ col: 1, width: 10 }, { col: 2, width: 5, hidden: true }], 1, 3) // 10 + 8.43
 */
export function printedWidth(columns: readonly ColumnPlan[], first: number, last: number): number {
  const byCol = new Map(columns.map((column) => [column.col, column]));
  let width = 0;
  for (let col = first; col <= last; col++) {
    const column = byCol.get(col);
    if (column?.hidden) continue;
    width += column?.width ?? DEFAULT_COLUMN_WIDTH;
  }
  return width;
}

/**
 * The print setup of a generated sheet. `width` is its printed width in column-width units (printedWidth): a
 * sheet that fits one page wide at 70 % or more is fitted to the width; a wider one prints at 70 % across as
 * many pages as it needs, repeating `repeatColumns` on each.
 */
export function sheetPrint(options: {
  readonly orientation: PrintPlan["orientation"];
  readonly width: number;
  readonly repeatRows?: PrintPlan["repeatRows"];
  readonly repeatColumns?: PrintPlan["repeatColumns"];
}): PrintPlan {
  const fitScale =
    (100 * PRINTABLE_WIDTH[options.orientation]) / (options.width * POINTS_PER_WIDTH_UNIT);
  return {
    orientation: options.orientation,
    paper: "A4",
    ...(options.repeatRows ? { repeatRows: options.repeatRows } : {}),
    ...(options.repeatColumns ? { repeatColumns: options.repeatColumns } : {}),
    ...(fitScale >= MIN_PRINT_SCALE ? { fitToWidth: true } : { scale: MIN_PRINT_SCALE }),
    header: PAGE_HEADER,
    footer: PAGE_FOOTER,
  };
}

/** Marks outside the CJK blocks that Chinese text sets full width: — ‘ ’ “ ” …. */
const CHINESE_WIDE_MARKS = new Set([0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]);

/**
 * How wide text is in column-width units: a Chinese character or full-width sign is about two digits wide,
 * anything else about one. Curly quotes, the em dash and the ellipsis count as wide: among Chinese they are set in
 * the Chinese font, full width (LibreOffice's PDF: a descriptor's line with “…” ran over and wrapped again).
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    // CJK, full-width forms and CJK punctuation: U+2E80…U+9FFF, U+F900…U+FAFF, U+FF00…U+FF60, U+FFE0…U+FFE6.
    const wide =
      (code >= 0x2e80 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000 ||
      CHINESE_WIDE_MARKS.has(code);
    width += wide ? 2.1 : 1;
  }
  return width;
}

/** Lines that `text` takes when wrapped in a column `width` units wide (each explicit line break starts one). */
export function wrappedLines(text: string, width: number): number {
  // A unit of the width is the cell's padding; words are not kept whole, so round each line up.
  const room = Math.max(1, width - 1);
  return text
    .split("\n")
    .reduce((lines, line) => lines + Math.max(1, Math.ceil(textWidth(line) / room)), 0);
}

/** Marks a line must not start with (Chinese typesetting's 避头): closing punctuation and brackets. */
const NO_LINE_START = new Set([..."，。、；：？！）》」』】”’,.;:?!)"]);
/** Marks a line must not end with (避尾): opening brackets and quotes. */
const NO_LINE_END = new Set([..."（《「『【“‘("]);

/**
 * `text` with a line break wherever it wraps in a column `width` units wide (wrappedLines' model, so the lines fit
 * in Excel and LibreOffice alike), a character earlier where the next line would start with a closing mark or the
 * line end with an opening one. LibreOffice wraps Chinese anywhere, so a printed line could start with "；".
 * @example brokenForWidth("合计分：各项评分之和；回避不计", 16) // "合计分：各项评\n分之和；回避不\n计"
 */
export function brokenForWidth(text: string, width: number): string {
  const room = Math.max(1, width - 1);
  return text
    .split("\n")
    .map((paragraph) => {
      const lines: string[][] = [];
      let line: string[] = [];
      let used = 0;
      for (const char of paragraph) {
        const size = textWidth(char);
        if (used + size > room && line.length > 0) {
          // Carry the line's last characters down while the break would leave a mark at a line's start or end.
          let carried = 0;
          while (
            carried < line.length - 1 &&
            (NO_LINE_START.has(carried === 0 ? char : (line[line.length - carried] ?? "")) ||
              NO_LINE_END.has(line[line.length - carried - 1] ?? ""))
          )
            carried++;
          const next = line.splice(line.length - carried, carried);
          lines.push(line);
          line = next;
          used = next.reduce((sum, c) => sum + textWidth(c), 0);
        }
        line.push(char);
        used += size;
      }
      lines.push(line);
      return lines.map((chars) => chars.join("")).join("\n");
    })
    .join("\n");
}

/**
 * The height a row needs so every given cell's wrapped text shows whole: null when one line is enough (the
 * row keeps the default height).
 */
export function wrappedRowHeight(
  cells: readonly { readonly text: string; readonly width: number }[]
): number | null {
  const lines = cells.reduce(
    (most, cell) => Math.max(most, wrappedLines(cell.text, cell.width)),
    1
  );
  return lines > 1 ? lines * LINE_HEIGHT + 1 : null;
}

/**
 * A header or footer part as Excel's codes, which the .xlsx file and office-js's HeaderFooter both take: &P the
 * page, &N the pages, &A the sheet's name, &D the date, &"宋体,常规" a font; a literal & is doubled.
 */
export function pageTextCode(text: PageText): string {
  return text
    .map((part) => {
      if (typeof part === "string") return part.replace(/&/g, "&&");
      // &"name,style": the font of what follows (常规 regular, as Chinese Excel and WPS write it).
      if ("font" in part) return `&"${part.font.replace(/"/g, "")},常规"`;
      switch (part.field) {
        case "page":
          return "&P";
        case "pages":
          return "&N";
        case "sheet":
          return "&A";
        case "date":
          return "&D";
      }
    })
    .join("");
}

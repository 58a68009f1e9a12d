/**
 * Appends the plan's styles to an existing `xl/styles.xml`: new fonts, fills, borders, number formats,
 * cell formats (xf) and differential formats (dxf) go at the END of each collection, so every style
 * index the source workbook already uses keeps meaning the same thing.
 */
import type { CellStyle, ConditionalFormatPlan, WorkbookPlan, StyleId } from "../../engine";
import {
  escapeAttr,
  findElement,
  findElements,
  namespacePrefix,
  readAttributes,
  setAttribute,
  splice,
} from "./xmlText";

export const SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The number format every date cell gets when its style names none. */
export const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";

/** Excel's built-in number formats that need no <numFmt> entry (ECMA-376 §18.8.30). */
const BUILTIN_NUMBER_FORMATS: ReadonlyMap<string, number> = new Map([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["#,##0", 3],
  ["#,##0.00", 4],
  ["0%", 9],
  ["0.00%", 10],
  ["@", 49],
]);

/** The order of SpreadsheetML's <styleSheet> children: a missing collection is inserted before the next present one. */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type Collection = (typeof STYLESHEET_ORDER)[number];

const CHILD_NAME: Partial<Record<Collection, string>> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
  dxfs: "dxf",
};

/** Hands out cell-format indices for (style key, is-a-date) and dxf indices for conditional formats. */
export interface StyleAllocator {
  /** The cellXfs index for a plan style key (undefined key: the workbook default, or a date default). */
  cellFormat(styleKey: StyleId | undefined, isDate: boolean): number;
  /** The dxfs index for a conditional format's look. */
  differentialFormat(style: ConditionalFormatPlan["style"]): number;
  /** The edited styles.xml; call once, after every allocation. */
  finish(): string;
}

interface Collected {
  /** Existing child count (counted, not read from `count`, which some producers get wrong). */
  readonly existing: number;
  readonly added: string[];
  /** Dedupes new entries: serialized entry → index. */
  readonly known: Map<string, number>;
}

/**
 * Reads the collections of `stylesXml` and returns an allocator that appends entries on demand.
 * Throws when the part has no <styleSheet> in the SpreadsheetML namespace (a broken package).
 */
export function createStyleAllocator(
  stylesXml: string,
  styles: WorkbookPlan["styles"]
): StyleAllocator {
  const prefix = namespacePrefix(stylesXml, SPREADSHEET_NS);
  if (prefix === undefined) throw new Error("xl/styles.xml is not a SpreadsheetML style sheet");
  const collections = new Map<Collection, Collected>();
  const collection = (name: Collection): Collected => {
    let found = collections.get(name);
    if (!found) {
      const children = childElements(stylesXml, prefix, name);
      // Entries a previous run appended are found again, so re-running a plan does not grow the style sheet.
      const known = new Map<string, number>();
      children.forEach((entry, index) => {
        if (!known.has(entry)) known.set(entry, index);
      });
      found = { existing: children.length, added: [], known };
      collections.set(name, found);
    }
    return found;
  };
  const append = (name: Collection, entry: string): number => {
    const target = collection(name);
    // Excel reads fills 0 and 1 as none and gray125 whatever a file says: pad a short list before adding.
    if (name === "fills" && target.added.length === 0) {
      const reserved = [
        `<${prefix}fill><${prefix}patternFill patternType="none"/></${prefix}fill>`,
        `<${prefix}fill><${prefix}patternFill patternType="gray125"/></${prefix}fill>`,
      ];
      for (let i = target.existing; i < reserved.length; i++) target.added.push(reserved[i] ?? "");
    }
    const known = target.known.get(entry);
    if (known !== undefined) return known;
    const index = target.existing + target.added.length;
    target.added.push(entry);
    target.known.set(entry, index);
    return index;
  };

  const baseFont = readBaseFont(stylesXml, prefix);
  const numberFormats = readNumberFormats(stylesXml, prefix);
  let nextNumberFormatId = Math.max(163, ...numberFormats.values()) + 1;
  const numberFormatId = (code: string): number => {
    const builtin = BUILTIN_NUMBER_FORMATS.get(code);
    if (builtin !== undefined) return builtin;
    const existing = numberFormats.get(code);
    if (existing !== undefined) return existing;
    const id = nextNumberFormatId++;
    numberFormats.set(code, id);
    collection("numFmts").added.push(
      `<${prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`
    );
    return id;
  };

  const hasCellStyleXfs = findElement(stylesXml, `${prefix}cellStyleXfs`) !== undefined;
  const cellFormats = new Map<string, number>();
  // Asked once per written cell: answer repeats from a map per kind of cell, without building a key.
  const seenFormats = {
    plain: new Map<StyleId | undefined, number>(),
    date: new Map<StyleId | undefined, number>(),
  };
  const cellFormat = (styleKey: StyleId | undefined, isDate: boolean): number => {
    const seen = isDate ? seenFormats.date : seenFormats.plain;
    const known = seen.get(styleKey);
    if (known !== undefined) return known;
    const index = allocateCellFormat(styleKey, isDate);
    seen.set(styleKey, index);
    return index;
  };
  const allocateCellFormat = (styleKey: StyleId | undefined, isDate: boolean): number => {
    const style = styleKey === undefined ? {} : styles[styleKey];
    if (!style)
      throw new Error(`the plan uses style "${styleKey}", which plan.styles does not define`);
    const needsDateFormat = isDate && style.numberFormat === undefined;
    if (styleKey === undefined && !needsDateFormat) return 0;
    const memoKey = `${styleKey ?? ""}\u0000${needsDateFormat}`;
    const memo = cellFormats.get(memoKey);
    if (memo !== undefined) return memo;
    const index = append(
      "cellXfs",
      cellXf(prefix, style, needsDateFormat, hasCellStyleXfs, baseFont, append, numberFormatId)
    );
    cellFormats.set(memoKey, index);
    return index;
  };

  const differentialFormat = (style: ConditionalFormatPlan["style"]): number =>
    append("dxfs", dxf(prefix, style));

  const finish = (): string => {
    let xml = stylesXml;
    for (const [name, found] of collections) {
      if (found.added.length > 0)
        xml = appendToCollection(
          xml,
          prefix,
          name,
          found.existing + found.added.length,
          found.added.join("")
        );
    }
    return xml;
  };

  return { cellFormat, differentialFormat, finish };
}

interface BaseFont {
  readonly size: string;
  readonly name: string;
  readonly family?: string;
  readonly charset?: string;
}

/** Font 0 is the workbook's default: new fonts copy its face and size, so styled cells match the rest. */
function readBaseFont(xml: string, prefix: string): BaseFont {
  const fonts = findElement(xml, `${prefix}fonts`);
  const first =
    fonts && !fonts.selfClosing
      ? findElement(xml.slice(fonts.openEnd, fonts.innerEnd), `${prefix}font`)
      : undefined;
  const inner =
    first && fonts ? xml.slice(fonts.openEnd + first.openEnd, fonts.openEnd + first.innerEnd) : "";
  const val = (child: string): string | undefined => {
    const span = findElement(inner, `${prefix}${child}`);
    return span ? readAttributes(span.openTag).get("val") : undefined;
  };
  const family = val("family");
  const charset = val("charset");
  return {
    size: val("sz") ?? "11",
    name: val("name") ?? "Calibri",
    ...(family !== undefined ? { family } : {}),
    ...(charset !== undefined ? { charset } : {}),
  };
}

function readNumberFormats(xml: string, prefix: string): Map<string, number> {
  const formats = new Map<string, number>();
  const numFmts = findElement(xml, `${prefix}numFmts`);
  if (!numFmts || numFmts.selfClosing) return formats;
  const inner = xml.slice(numFmts.openEnd, numFmts.innerEnd);
  const tag = new RegExp(`<${prefix}numFmt(?=[\\s/>])[^>]*>`, "g");
  for (const m of inner.matchAll(tag)) {
    const attributes = readAttributes(m[0]);
    const id = Number(attributes.get("numFmtId"));
    const code = attributes.get("formatCode");
    if (Number.isInteger(id) && code !== undefined && !formats.has(code)) formats.set(code, id);
  }
  return formats;
}

/** The collection's child elements as written (counted, not read from `count`, which some producers get wrong). */
function childElements(xml: string, prefix: string, name: Collection): string[] {
  const span = findElement(xml, `${prefix}${name}`);
  const child = CHILD_NAME[name];
  if (!span || span.selfClosing || !child) return [];
  const inner = xml.slice(span.openEnd, span.innerEnd);
  return findElements(inner, `${prefix}${child}`).map((c) => inner.slice(c.start, c.end));
}

function appendToCollection(
  xml: string,
  prefix: string,
  name: Collection,
  newCount: number,
  entries: string
): string {
  const span = findElement(xml, `${prefix}${name}`);
  if (span && !span.selfClosing) {
    const withEntries = splice(xml, span.innerEnd, span.innerEnd, entries);
    return splice(
      withEntries,
      span.start,
      span.openEnd,
      setAttribute(span.openTag, "count", String(newCount))
    );
  }
  if (span) {
    const openTag = setAttribute(
      span.openTag.slice(0, -2).trimEnd() + ">",
      "count",
      String(newCount)
    );
    return splice(xml, span.start, span.end, `${openTag}${entries}</${prefix}${name}>`);
  }
  const at = insertionPoint(xml, prefix, name);
  return splice(xml, at, at, `<${prefix}${name} count="${newCount}">${entries}</${prefix}${name}>`);
}

/** Before the first collection that must follow `name`, or before </styleSheet>. */
function insertionPoint(xml: string, prefix: string, name: Collection): number {
  for (const later of STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(name) + 1)) {
    const span = findElement(xml, `${prefix}${later}`);
    if (span) return span.start;
  }
  const close = xml.lastIndexOf(`</${prefix}styleSheet>`);
  if (close < 0) throw new Error("xl/styles.xml has no </styleSheet>");
  return close;
}

function argb(rgb: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(rgb)) throw new Error(`colour must be RRGGBB, got "${rgb}"`);
  return `FF${rgb.toUpperCase()}`;
}

function cellXf(
  prefix: string,
  style: CellStyle,
  needsDateFormat: boolean,
  hasCellStyleXfs: boolean,
  baseFont: BaseFont,
  append: (name: Collection, entry: string) => number,
  numberFormatId: (code: string) => number
): string {
  const numFmtId = numberFormatId(
    needsDateFormat ? DEFAULT_DATE_FORMAT : (style.numberFormat ?? "General")
  );
  const customFont =
    style.bold || style.italic || style.fontColor !== undefined || style.fontSize !== undefined;
  const fontId = customFont ? append("fonts", font(prefix, style, baseFont)) : 0;
  const fillId = style.fill !== undefined ? append("fills", solidFill(prefix, style.fill)) : 0;
  const borderId = style.border ? append("borders", thinBorder(prefix)) : 0;
  const alignment = [
    style.horizontal ? ` horizontal="${style.horizontal}"` : "",
    style.vertical ? ` vertical="${style.vertical}"` : "",
    style.wrap ? ' wrapText="1"' : "",
  ].join("");
  const unlocked = style.locked === false;
  const attributes = [
    ` numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"`,
    hasCellStyleXfs ? ' xfId="0"' : "",
    numFmtId !== 0 ? ' applyNumberFormat="1"' : "",
    customFont ? ' applyFont="1"' : "",
    fillId !== 0 ? ' applyFill="1"' : "",
    borderId !== 0 ? ' applyBorder="1"' : "",
    alignment ? ' applyAlignment="1"' : "",
    unlocked ? ' applyProtection="1"' : "",
  ].join("");
  const children =
    (alignment ? `<${prefix}alignment${alignment}/>` : "") +
    (unlocked ? `<${prefix}protection locked="0"/>` : "");
  return children
    ? `<${prefix}xf${attributes}>${children}</${prefix}xf>`
    : `<${prefix}xf${attributes}/>`;
}

function font(prefix: string, style: CellStyle, base: BaseFont): string {
  return [
    `<${prefix}font>`,
    style.bold ? `<${prefix}b/>` : "",
    style.italic ? `<${prefix}i/>` : "",
    `<${prefix}sz val="${style.fontSize ?? escapeAttr(base.size)}"/>`,
    style.fontColor !== undefined ? `<${prefix}color rgb="${argb(style.fontColor)}"/>` : "",
    `<${prefix}name val="${escapeAttr(base.name)}"/>`,
    base.family !== undefined ? `<${prefix}family val="${escapeAttr(base.family)}"/>` : "",
    base.charset !== undefined ? `<${prefix}charset val="${escapeAttr(base.charset)}"/>` : "",
    `</${prefix}font>`,
  ].join("");
}

function solidFill(prefix: string, rgb: string): string {
  return `<${prefix}fill><${prefix}patternFill patternType="solid"><${prefix}fgColor rgb="${argb(rgb)}"/><${prefix}bgColor indexed="64"/></${prefix}patternFill></${prefix}fill>`;
}

function thinBorder(prefix: string): string {
  const side = (name: string): string =>
    `<${prefix}${name} style="thin"><${prefix}color auto="1"/></${prefix}${name}>`;
  return `<${prefix}border>${side("left")}${side("right")}${side("top")}${side("bottom")}<${prefix}diagonal/></${prefix}border>`;
}

/**
 * A differential format. The fill colour goes in both fgColor and bgColor: Excel reads a dxf's solid
 * fill from bgColor, LibreOffice has read fgColor in some versions.
 */
function dxf(prefix: string, style: ConditionalFormatPlan["style"]): string {
  const fontPart =
    style.bold || style.fontColor !== undefined
      ? `<${prefix}font>${style.bold ? `<${prefix}b/>` : ""}${style.fontColor !== undefined ? `<${prefix}color rgb="${argb(style.fontColor)}"/>` : ""}</${prefix}font>`
      : "";
  const fillPart =
    style.fill !== undefined
      ? `<${prefix}fill><${prefix}patternFill patternType="solid"><${prefix}fgColor rgb="${argb(style.fill)}"/><${prefix}bgColor rgb="${argb(style.fill)}"/></${prefix}patternFill></${prefix}fill>`
      : "";
  return `<${prefix}dxf>${fontPart}${fillPart}</${prefix}dxf>`;
}

/* eslint-disable no-control-regex -- escaping for XML has to match control characters. */
/**
 * Small string tools for editing OOXML parts in place: escaping, reading attributes, finding elements.
 * Parts are never re-serialised through a DOM, so namespaces, mc:Ignorable and extLst stay as written.
 */

/**
 * Characters XML 1.0 forbids outright, plus U+FFFE/U+FFFF and surrogates; a surrogate pair matches whole and is
 * kept (see escapeAttr). No lookbehind: the pane's ES2017 browsers (EdgeHTML 18) cannot parse one.
 */
const ILLEGAL_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

/** Escapes element text. */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : "&gt;"));
}

/** Escapes an attribute value for double quotes; line breaks and tabs kept as character references. */
export function escapeAttr(value: string): string {
  return value
    .replace(ILLEGAL_XML_CHARS, (ch) => (ch.length === 2 ? ch : ""))
    .replace(/[&<>"\n\r\t]/g, (ch) => ATTR_ESCAPES[ch] ?? ch);
}

const ATTR_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

/**
 * Cell and comment text (ST_Xstring): characters XML cannot carry are written as `_xHHHH_`, the
 * escape Excel, WPS and LibreOffice decode; a literal `_xHHHH_` in the text is itself escaped
 * (`_x005F_`) so it does not decode. CR is encoded too, since XML parsers turn it into LF.
 */
export function escapeCellText(value: string): string {
  // Most names and regions need none of it; a 20,000-row workbook writes hundreds of thousands of them.
  if (!CELL_TEXT_NEEDS_ESCAPE.test(value)) return value;
  const encoded = value
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g,
      (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
    )
    .replace(ILLEGAL_XML_CHARS, (ch) => (ch.length === 2 ? ch : ""));
  return escapeText(encoded);
}

/**
 * Reads cell and comment text as Excel does: each `_xHHHH_` is the character it names, in one left-to-right
 * pass, so `_x005F_x0041_` (an escaped underscore, then `x0041_`) is the literal text `_x0041_` a person typed.
 * The inverse of escapeCellText for everything XML can carry.
 * @example decodeCellText("第一行_x000D_\n第二行") === "第一行\r\n第二行"
 */
export function decodeCellText(value: string): string {
  if (!value.includes("_x")) return value;
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

/** Anything escapeCellText would change: `_`, markup characters, control characters other than tab and LF, surrogates, U+FFFE/U+FFFF. */
const CELL_TEXT_NEEDS_ESCAPE = /[_&<>\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Reverses the five predefined entities and numeric character references. */
export function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[entity] ?? "";
  });
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Attributes of one start tag (`<x a="1" b='2'>`), values unescaped; prefixed names kept as written. */
export function readAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const openEnd = tag.search(/\s/);
  if (openEnd < 0) return attributes;
  for (const m of tag.slice(openEnd).matchAll(pattern)) {
    const name = m[1];
    if (name !== undefined) attributes.set(name, unescapeXml(m[2] ?? m[3] ?? ""));
  }
  return attributes;
}

/** Sets or replaces one attribute in a start tag (self-closing or not), keeping the others untouched. */
export function setAttribute(tag: string, name: string, value: string): string {
  const quotedName = name.replace(/[.:]/g, "\\$&");
  const existing = new RegExp(`(\\s${quotedName}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (existing.test(tag)) return tag.replace(existing, `$1"${escapeAttr(value)}"`);
  const close = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close).trimEnd()} ${name}="${escapeAttr(value)}"${tag.slice(close)}`;
}

/** The rest of a start tag after its name: attribute values may hold a raw `>`. */
const TAG_REST = `(?:[^>"']|"[^"]*"|'[^']*')*>`;

/** Where one element sits in a text: its start tag, and its whole extent (start tag to end tag). */
export interface ElementSpan {
  readonly start: number;
  /** Index just after the start tag. */
  readonly openEnd: number;
  /** Index of the end tag, or openEnd when the element is self-closing. */
  readonly innerEnd: number;
  /** Index just after the element. */
  readonly end: number;
  readonly openTag: string;
  readonly selfClosing: boolean;
}

/**
 * Finds the first element with this qualified name at or after `from`. The elements this module looks
 * for (sheets, definedNames, fonts, cellXfs …) never nest inside themselves, so the first matching
 * end tag closes it.
 */
export function findElement(xml: string, qualifiedName: string, from = 0): ElementSpan | undefined {
  const open = new RegExp(`<${qualifiedName.replace(/[.]/g, "\\.")}(?=[\\s/>])${TAG_REST}`, "g");
  open.lastIndex = from;
  const m = open.exec(xml);
  if (!m) return undefined;
  const openTag = m[0];
  const start = m.index;
  const openEnd = start + openTag.length;
  if (openTag.endsWith("/>"))
    return { start, openEnd, innerEnd: openEnd, end: openEnd, openTag, selfClosing: true };
  const closeTag = `</${qualifiedName}>`;
  const innerEnd = xml.indexOf(closeTag, openEnd);
  if (innerEnd < 0) throw new Error(`malformed part: <${qualifiedName}> is never closed`);
  return { start, openEnd, innerEnd, end: innerEnd + closeTag.length, openTag, selfClosing: false };
}

/** Every element with this qualified name in `xml` (start tags and extents), in document order. */
export function findElements(xml: string, qualifiedName: string): ElementSpan[] {
  const spans: ElementSpan[] = [];
  let from = 0;
  for (;;) {
    const span = findElement(xml, qualifiedName, from);
    if (!span) return spans;
    spans.push(span);
    from = span.end;
  }
}

/**
 * The prefix (with its colon, or '') bound to a namespace on the root element, so an edit writes
 * `<x:sheet>` in a part whose producer chose `x:` for SpreadsheetML.
 */
export function namespacePrefix(xml: string, namespaceUri: string): string | undefined {
  const root = rootTag(xml);
  for (const [name, value] of readAttributes(root)) {
    if (value !== namespaceUri) continue;
    if (name === "xmlns") return "";
    if (name.startsWith("xmlns:")) return `${name.slice("xmlns:".length)}:`;
  }
  return undefined;
}

/** The root element's start tag (after the XML declaration, comments and processing instructions). */
export function rootTag(xml: string): string {
  const m = new RegExp(`<(?![?!])${TAG_REST}`).exec(xml);
  if (!m) throw new Error("malformed part: no root element");
  return m[0];
}

/** Replaces text[start, end) with `insert`. */
export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

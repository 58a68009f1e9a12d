/**
 * A streaming scanner for the two large kinds of part, worksheets and the shared string table: start tags, end tags
 * and the text between them, found with `indexOf` over each decoded chunk. saxes (still used for the small parts)
 * and htmlparser2 parse a 22 MB worksheet in about 1.4 s; finding its tags this way takes about 0.15 s
 * (docs/decisions/0026). What it keeps of XML's rules: tags nest and close by name, one root element, attributes
 * quoted, the five predefined entities and character references only. A document type declaration is refused (so
 * no entity is ever declared or expanded), as is anything left open at the end: a damaged part is an
 * XmlFormatError, never half a reading. Attributes are read in place, without an object per tag; text a handler does
 * not collect is skipped unread (its references unchecked).
 */
import { XmlFormatError } from "./xmlEvents";

/** The start tag being handled: its attributes, read in place. Valid only during the `open` call. */
export interface TagAttributes {
  get(name: string): string | undefined;
  /**
   * The attribute read in place by `read` over `text` from `start` to `end` (its value as written, or decoded when
   * it holds a reference or a line break): no string is cut out for a number or a cell reference.
   */
  read<T>(name: string, read: (text: string, start: number, end: number) => T): T | undefined;
}

export interface ScanHandler {
  open(name: string, attributes: TagAttributes, selfClosing: boolean): void;
  /**
   * A worksheet cell (`<c …>`, unprefixed) whose whole content is one value, `<v>…</v>`, or one plain inline string,
   * `<is><t>…</t></is>`, handed over at once in place of its open, text and close events (most cells of a worksheet
   * are such; six events a cell were a quarter of reading a returned copy). `raw.slice(start, end)` is the text as
   * written (references not yet replaced). A cell of any other shape, or not whole in the chunk, comes as events.
   */
  valueCell?(
    attributes: TagAttributes,
    inline: boolean,
    raw: string,
    start: number,
    end: number
  ): void;
  /** Asked before each run of text: text is only cut out and decoded while the handler collects it. */
  wantsText?(): boolean;
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * A tag, comment or CDATA section longer than this is refused: Excel writes none over a few kilobytes, and a part
 * that never closes one would otherwise be scanned again from its start at every chunk.
 */
export const MAX_CONSTRUCT = 4 * 1024 * 1024;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;

const VALUE_OPEN = "<v>";
const VALUE_CLOSE = "</v></c>";
const INLINE_OPEN = "<is><t>";
const INLINE_CLOSE = "</t></is></c>";

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 9 || code === 13;

class InPlaceAttributes implements TagAttributes {
  text = "";
  count = 0;
  readonly bounds: number[] = [];

  get(name: string): string | undefined {
    const at = this.find(name);
    return at < 0
      ? undefined
      : attributeValue(this.text.slice(this.bounds[at + 2], this.bounds[at + 3]));
  }

  read<T>(name: string, read: (text: string, start: number, end: number) => T): T | undefined {
    const at = this.find(name);
    if (at < 0) return undefined;
    const start = this.bounds[at + 2] as number;
    const end = this.bounds[at + 3] as number;
    if (isPlainValue(this.text, start, end)) return read(this.text, start, end);
    const value = attributeValue(this.text.slice(start, end));
    return read(value, 0, value.length);
  }

  private find(name: string): number {
    const b = this.bounds;
    for (let k = 0; k < this.count; k++) {
      const at = k * 4;
      const start = b[at] as number;
      if ((b[at + 1] as number) - start === name.length && this.text.startsWith(name, start))
        return at;
    }
    return -1;
  }
}

export class XmlScanner {
  private carry = "";
  private readonly open: string[] = [];
  private rootSeen = false;
  private readonly attributes = new InPlaceAttributes();

  constructor(private readonly handler: ScanHandler) {}

  write(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = "";
    const stopped = this.scan(text);
    if (stopped < text.length) {
      if (text.length - stopped > MAX_CONSTRUCT)
        throw new XmlFormatError(`a tag or section runs over ${MAX_CONSTRUCT} characters`);
      this.carry = text.slice(stopped);
    }
  }

  close(): void {
    if (this.carry.trim() !== "") {
      if (this.carry.trimStart().startsWith("<"))
        throw new XmlFormatError("the part ends inside a tag");
      this.textRun(this.carry, 0, this.carry.length);
    }
    this.carry = "";
    const unclosed = this.open.at(-1);
    if (unclosed !== undefined) throw new XmlFormatError(`<${unclosed}> is never closed`);
    if (!this.rootSeen) throw new XmlFormatError("the part has no root element");
  }

  /** Scans `s` from its start; returns where an unfinished construct begins (s.length when none). */
  private scan(s: string): number {
    let i = 0;
    const end = s.length;
    while (i < end) {
      const lt = s.indexOf("<", i);
      if (lt < 0) {
        // Text to the end: an entity or a CR LF cut by the chunk's end waits for the next chunk.
        const amp = s.lastIndexOf("&");
        let cut = amp >= i && s.indexOf(";", amp) < 0 ? amp : end;
        if (cut > i && s.charCodeAt(cut - 1) === 13) cut--;
        if (cut > i) this.textRun(s, i, cut);
        return cut;
      }
      if (lt > i) this.textRun(s, i, lt);
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return lt;
      if (next === SLASH) {
        const gt = s.indexOf(">", lt + 2);
        if (gt < 0) return lt;
        this.endTag(s, lt + 2, gt);
        i = gt + 1;
      } else if (next === QUESTION) {
        const close = s.indexOf("?>", lt + 2);
        if (close < 0) return lt;
        i = close + 2;
      } else if (next === BANG) {
        const after = this.special(s, lt);
        if (after < 0) return lt;
        i = after;
      } else {
        const after = this.startTag(s, lt);
        if (after < 0) return lt;
        i = after;
      }
    }
    return end;
  }

  private textRun(s: string, from: number, to: number): void {
    const handler = this.handler;
    if (this.open.length === 0) {
      for (let k = from; k < to; k++)
        if (!isSpace(s.charCodeAt(k))) throw new XmlFormatError("text outside the root element");
      return;
    }
    if (!handler.text || (handler.wantsText && !handler.wantsText())) return;
    handler.text(elementText(s.slice(from, to)));
  }

  /** A comment, CDATA section or document type declaration at `lt`; -1 when unfinished. */
  private special(s: string, lt: number): number {
    if (s.startsWith("<!--", lt)) {
      const close = s.indexOf("-->", lt + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const close = s.indexOf("]]>", lt + 9);
      if (close < 0) return -1;
      if (this.open.length === 0) throw new XmlFormatError("a CDATA section outside the root");
      const handler = this.handler;
      if (handler.text && (!handler.wantsText || handler.wantsText()))
        handler.text(normaliseLineEnds(s.slice(lt + 9, close)));
      return close + 3;
    }
    if (s.length - lt < 9) return -1;
    if (s.startsWith("<!DOCTYPE", lt))
      throw new XmlFormatError("a document type declaration (DTD) in a workbook part");
    throw new XmlFormatError(`unexpected markup "${s.slice(lt, lt + 9)}"`);
  }

  /** The end tag whose name runs from `from` to `gt`, compared in place with the element it closes. */
  private endTag(s: string, from: number, gt: number): void {
    const open = this.open.pop();
    const matches =
      open !== undefined &&
      s.startsWith(open, from) &&
      (gt === from + open.length || s.slice(from + open.length, gt).trim() === "");
    if (!matches) {
      const name = s.slice(from, gt).trim();
      throw new XmlFormatError(
        open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>`
      );
    }
    this.handler.close?.(localName(open));
  }

  /** A start tag at `lt`; returns the index after it, or -1 when it is unfinished. */
  private startTag(s: string, lt: number): number {
    const end = s.length;
    let i = lt + 1;
    while (i < end) {
      const code = s.charCodeAt(i);
      if (isSpace(code) || code === GT || code === SLASH) break;
      if (code === LT || code === QUOTE || code === APOSTROPHE || code === EQUALS)
        throw new XmlFormatError(`a damaged tag name at "${s.slice(lt, i + 1)}"`);
      i++;
    }
    if (i >= end) return -1;
    if (i === lt + 1) throw new XmlFormatError("a tag without a name");
    const name = s.slice(lt + 1, i);
    const attributes = this.attributes;
    const bounds = attributes.bounds;
    let count = 0;
    // The first "<" after the tag's name, looked for once a tag: none may come before an attribute's closing quote.
    let lessThan = -2;
    for (;;) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return -1;
      const code = s.charCodeAt(i);
      if (code === GT || code === SLASH) {
        if (code === SLASH) {
          if (i + 1 >= end) return -1;
          if (s.charCodeAt(i + 1) !== GT) throw new XmlFormatError(`a damaged tag <${name}>`);
        }
        attributes.text = s;
        attributes.count = count;
        if (code === GT && name === "c" && this.open.length > 0 && this.handler.valueCell) {
          const after = this.valueCell(s, i + 1);
          if (after >= 0) return after;
        }
        this.element(name, code === SLASH);
        return code === SLASH ? i + 2 : i + 1;
      }
      const nameStart = i;
      while (i < end) {
        const c = s.charCodeAt(i);
        if (c === EQUALS || isSpace(c) || c === GT || c === SLASH || c === LT) break;
        i++;
      }
      const nameEnd = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return -1;
      if (s.charCodeAt(i) !== EQUALS || nameEnd === nameStart)
        throw new XmlFormatError(`a damaged attribute in <${name}>`);
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return -1;
      const quote = s.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOSTROPHE)
        throw new XmlFormatError(`an unquoted attribute in <${name}>`);
      const close = s.indexOf(quote === QUOTE ? '"' : "'", i + 1);
      if (close < 0) return -1;
      if (lessThan === -2 || (lessThan >= 0 && lessThan <= i)) lessThan = s.indexOf("<", i + 1);
      if (lessThan >= 0 && lessThan < close)
        throw new XmlFormatError(`"<" in an attribute of <${name}>`);
      const at = count * 4;
      bounds[at] = nameStart;
      bounds[at + 1] = nameEnd;
      bounds[at + 2] = i + 1;
      bounds[at + 3] = close;
      count++;
      i = close + 1;
      const after = s.charCodeAt(i);
      if (i < end && !isSpace(after) && after !== GT && after !== SLASH)
        throw new XmlFormatError(`attributes run together in <${name}>`);
    }
  }

  /**
   * The cell whose content starts at `from` handed to the handler's valueCell when it is `<v>text</v></c>` or
   * `<is><t>text</t></is></c>`, text without markup; returns the index after `</c>`, or -1 for any other shape.
   */
  private valueCell(s: string, from: number): number {
    const inline = s.startsWith(INLINE_OPEN, from);
    if (!inline && !s.startsWith(VALUE_OPEN, from)) return -1;
    const start = from + (inline ? INLINE_OPEN.length : VALUE_OPEN.length);
    const end = s.indexOf("<", start);
    const close = inline ? INLINE_CLOSE : VALUE_CLOSE;
    if (end < 0 || !s.startsWith(close, end)) return -1;
    this.handler.valueCell?.(this.attributes, inline, s, start, end);
    return end + close.length;
  }

  private element(name: string, selfClosing: boolean): void {
    if (this.open.length === 0) {
      if (this.rootSeen) throw new XmlFormatError(`a second root element <${name}>`);
      this.rootSeen = true;
    }
    const local = localName(name);
    this.handler.open(local, this.attributes, selfClosing);
    if (selfClosing) this.handler.close?.(local);
    else this.open.push(name);
  }
}

/** Scans a whole part held as text. */
export function scanXml(xml: string, handler: ScanHandler): void {
  const scanner = new XmlScanner(handler);
  scanner.write(xml);
  scanner.close();
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function normaliseLineEnds(text: string): string {
  return text.indexOf("\r") < 0 ? text : text.replace(/\r\n?/g, "\n");
}

/** Element text as XML gives it: line ends normalised, then entities and character references replaced. */
export function elementText(raw: string): string {
  return decodeReferences(normaliseLineEnds(raw));
}

/** An attribute value as XML gives it: line ends normalised, whitespace characters as spaces, references replaced. */
function attributeValue(raw: string): string {
  if (isPlainValue(raw, 0, raw.length)) return raw;
  return decodeReferences(raw.replace(/\r\n?|[\n\t]/g, " "));
}

/** No reference and no line break or tab: the value is what is written. */
function isPlainValue(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const code = text.charCodeAt(k);
    if (code === 38 || code === 9 || code === 10 || code === 13) return false;
  }
  return true;
}

const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}))?(;?)/g;
const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeReferences(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(
    REFERENCE,
    (
      whole,
      named: string | undefined,
      decimal: string | undefined,
      hex: string | undefined,
      semi: string
    ) => {
      if (semi !== ";" || (named === undefined && decimal === undefined && hex === undefined))
        throw new XmlFormatError(`a damaged reference "${whole}"`);
      if (named !== undefined) return NAMED[named] as string;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex as string, 16);
      if (!isXmlChar(code)) throw new XmlFormatError(`a reference to character ${code}`);
      return String.fromCodePoint(code);
    }
  );
}

function isXmlChar(code: number): boolean {
  return (
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

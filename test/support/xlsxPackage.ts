/**
 * Test helpers for looking inside .xlsx packages: unzip to parts, parse a part with an independent strict
 * XML parser (saxes, namespaces on: an unbound prefix or a stray `<` fails the parse), and pick elements.
 */
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";

export interface XmlElement {
  /** Qualified name as written (`x:sheet`). */
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  /** Attributes by qualified name. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Concatenated text directly inside the element. */
  text: string;
}

export function unzipParts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** A part as the zip stores it, read by hand from the central directory and the local header. */
export interface StoredPart {
  readonly method: number;
  readonly crc: number;
  /** The bytes as stored: deflated when `method` is 8. */
  readonly data: Uint8Array;
}

/** Every part of a zip (no zip64) as stored, by name, without inflating anything. */
export function storedParts(zip: Uint8Array): Map<string, StoredPart> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end > 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const parts = new Map<string, StoredPart>();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`central entry ${i} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    parts.set(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)), {
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      data: zip.subarray(start, start + view.getUint32(at + 20, true)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

export function partText(parts: Record<string, Uint8Array>, path: string): string {
  const bytes = parts[path];
  if (!bytes) throw new Error(`no part ${path}; parts: ${Object.keys(parts).join(", ")}`);
  return strFromU8(bytes);
}

/** Parses XML into a tree; throws on anything not well-formed or namespace-valid. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes))
      attributes[name] = attribute.value;
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: "",
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** Every descendant (depth first, document order) with this local name. */
export function descendants(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    for (const child of e.children) {
      if (child.local === local) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

export function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

/** A canonical string for an element and its subtree: attribute order and prefixes do not matter. */
export function canonical(element: XmlElement): string {
  const attributes = Object.entries(element.attributes)
    .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
    .map(([name, value]) => `${name.replace(/^.*:/, "")}=${JSON.stringify(value)}`)
    .sort()
    .join(" ");
  return `<${element.uri}|${element.local} ${attributes}>${element.text.trim()}${element.children.map(canonical).join("")}</>`;
}

/**
 * The Open Packaging Conventions side of an .xlsx: part paths, relationship parts and
 * [Content_Types].xml, edited by appending and removing single elements.
 */
import { escapeAttr, findElement, findElements, readAttributes, splice } from "./xmlText";

export const CONTENT_TYPES_PATH = "[Content_Types].xml";
export const PACKAGE_RELS_PATH = "_rels/.rels";

export const REL_TYPE = {
  officeDocument:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vmlDrawing: "application/vnd.openxmlformats-officedocument.vmlDrawing",
} as const;

const PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** The relationships part that belongs to a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathFor(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against its source part's folder, giving a package path without a leading slash. */
export function resolveTarget(sourcePartPath: string, target: string): string {
  const segments = target.startsWith("/") ? [] : sourcePartPath.split("/").slice(0, -1);
  for (const segment of target.replace(/^\//, "").split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

/**
 * The inverse of resolveTarget: a relationship target for `toPart`, relative to the folder of `fromPart` (POSIX
 * paths, no leading slash).
 */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export function readRelationships(relsXml: string): Relationship[] {
  return findElements(relsXml, "Relationship").map((span) => {
    const attributes = readAttributes(span.openTag);
    return {
      id: attributes.get("Id") ?? "",
      type: attributes.get("Type") ?? "",
      target: attributes.get("Target") ?? "",
      external: attributes.get("TargetMode") === "External",
    };
  });
}

/** An id not used by any relationship in the part: rId{n} counting up from the part's size. */
export function freshRelationshipId(taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  taken.add(id);
  return id;
}

export function relationshipXml(rel: { id: string; type: string; target: string }): string {
  return `<Relationship Id="${escapeAttr(rel.id)}" Type="${escapeAttr(rel.type)}" Target="${escapeAttr(rel.target)}"/>`;
}

/** Appends relationships before </Relationships>, leaving every existing one as written. */
export function appendRelationships(relsXml: string, rels: readonly string[]): string {
  if (rels.length === 0) return relsXml;
  const root = findElement(relsXml, "Relationships");
  if (!root) throw new Error("a relationships part has no <Relationships> root");
  if (root.selfClosing)
    return splice(
      relsXml,
      root.start,
      root.end,
      `${root.openTag.slice(0, -2).trimEnd()}>${rels.join("")}</Relationships>`
    );
  return splice(relsXml, root.innerEnd, root.innerEnd, rels.join(""));
}

/** Removes the relationships with these ids. */
export function removeRelationships(relsXml: string, ids: ReadonlySet<string>): string {
  let xml = relsXml;
  for (const span of findElements(relsXml, "Relationship").reverse()) {
    if (ids.has(readAttributes(span.openTag).get("Id") ?? ""))
      xml = splice(xml, span.start, span.end, "");
  }
  return xml;
}

export function newRelationshipsPart(rels: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}">${rels.join("")}</Relationships>`;
}

/** [Content_Types].xml: the part names with an Override, and the extensions with a Default (lower case). */
export function readContentTypes(xml: string): { overrides: Set<string>; defaults: Set<string> } {
  const overrides = new Set<string>();
  const defaults = new Set<string>();
  for (const span of findElements(xml, "Override")) {
    const part = readAttributes(span.openTag).get("PartName");
    if (part) overrides.add(part.toLowerCase());
  }
  for (const span of findElements(xml, "Default")) {
    const extension = readAttributes(span.openTag).get("Extension");
    if (extension) defaults.add(extension.toLowerCase());
  }
  return { overrides, defaults };
}

/**
 * Edits [Content_Types].xml: removes the Overrides of deleted parts, then appends Defaults and Overrides
 * before </Types>. Part names compare case-insensitively, as OPC says.
 */
export function editContentTypes(
  xml: string,
  edit: {
    removeParts: readonly string[];
    addDefaults: ReadonlyArray<{ extension: string; contentType: string }>;
    addOverrides: ReadonlyArray<{ part: string; contentType: string }>;
  }
): string {
  let out = xml;
  const remove = new Set(edit.removeParts.map((p) => `/${p}`.toLowerCase()));
  for (const span of findElements(out, "Override").reverse()) {
    const part = readAttributes(span.openTag).get("PartName")?.toLowerCase();
    if (part && remove.has(part)) out = splice(out, span.start, span.end, "");
  }
  const existing = readContentTypes(out);
  const additions: string[] = [];
  for (const d of edit.addDefaults) {
    if (!existing.defaults.has(d.extension.toLowerCase()))
      additions.push(
        `<Default Extension="${escapeAttr(d.extension)}" ContentType="${escapeAttr(d.contentType)}"/>`
      );
  }
  for (const o of edit.addOverrides) {
    if (!existing.overrides.has(`/${o.part}`.toLowerCase()))
      additions.push(
        `<Override PartName="/${escapeAttr(o.part)}" ContentType="${escapeAttr(o.contentType)}"/>`
      );
  }
  if (additions.length === 0) return out;
  const close = out.lastIndexOf("</Types>");
  if (close < 0) throw new Error("[Content_Types].xml has no </Types>");
  return splice(out, close, close, additions.join(""));
}

/** A part path `{prefix}{n}{suffix}` that no part in the package has (compared case-insensitively). */
export function freshPartPath(taken: Set<string>, prefix: string, suffix: string): string {
  let n = 1;
  while (taken.has(`${prefix}${n}${suffix}`.toLowerCase())) n++;
  const path = `${prefix}${n}${suffix}`;
  taken.add(path.toLowerCase());
  return path;
}

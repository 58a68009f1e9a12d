/**
 * What the writer mends in a source package before adding to it, so that its output is one Excel opens
 * without a "repair" prompt: a macro-enabled (.xlsm) or template workbook becomes a plain .xlsx (outputs are
 * always .xlsx, and a .xlsx may not carry a vbaProject), and workbook relationships to parts that are not in
 * the package are dropped.
 */
import type { EditablePackage } from "./editablePackage";
import { readRelationships, relsPathFor, removeRelationships, resolveTarget } from "./packageParts";
import { findElements, readAttributes, setAttribute, splice } from "./xmlText";

export const VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";
const WORKBOOK_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
/** Workbook content types a .xlsx may not have: macro-enabled workbooks and templates, templates. */
const NOT_XLSX_MAIN = new Set([
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  "application/vnd.ms-excel.template.macroEnabled.main+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
]);
const VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject";

/** True when the package is macro-enabled: a vbaProject part, or a macro-enabled workbook content type. */
export function hasMacros(contentTypesXml: string, workbookRelsXml: string): boolean {
  return (
    readRelationships(workbookRelsXml).some((r) => r.type === VBA_PROJECT_REL) ||
    findElements(contentTypesXml, "Override").some((span) =>
      (readAttributes(span.openTag).get("ContentType") ?? "").includes("macroEnabled")
    )
  );
}

/**
 * Removes the vbaProject part (and the parts its own relationships name: its signature), its relationship, its
 * content types, and gives the workbook part the plain .xlsx content type. `files` is edited in place.
 */
export function withoutMacros(
  files: EditablePackage,
  contentTypesXml: string,
  workbookPath: string,
  workbookRelsXml: string
): { contentTypes: string; workbookRels: string; removedParts: string[] } {
  const removedParts: string[] = [];
  const remove = (partPath: string): void => {
    if (!files.delete(partPath)) return;
    removedParts.push(partPath);
    const relsPath = relsPathFor(partPath);
    const rels = files.text(relsPath);
    if (rels === undefined) return;
    files.delete(relsPath);
    for (const rel of readRelationships(rels))
      if (!rel.external) remove(resolveTarget(partPath, rel.target));
  };
  const vba = readRelationships(workbookRelsXml).filter((r) => r.type === VBA_PROJECT_REL);
  for (const rel of vba) remove(resolveTarget(workbookPath, rel.target));
  const workbookRels = removeRelationships(workbookRelsXml, new Set(vba.map((r) => r.id)));

  let contentTypes = contentTypesXml;
  for (const span of findElements(contentTypes, "Override").reverse()) {
    const attributes = readAttributes(span.openTag);
    const part = (attributes.get("PartName") ?? "").replace(/^\//, "").toLowerCase();
    if (
      part === workbookPath.toLowerCase() &&
      NOT_XLSX_MAIN.has(attributes.get("ContentType") ?? "")
    )
      contentTypes = splice(
        contentTypes,
        span.start,
        span.end,
        setAttribute(span.openTag, "ContentType", WORKBOOK_MAIN)
      );
  }
  for (const span of findElements(contentTypes, "Default").reverse()) {
    if (readAttributes(span.openTag).get("ContentType") === VBA_CONTENT_TYPE)
      contentTypes = splice(contentTypes, span.start, span.end, "");
  }
  return { contentTypes, workbookRels, removedParts };
}

/** Drops the workbook's relationships to parts the package does not hold (external targets stay). */
export function withoutDanglingRelationships(
  workbookRelsXml: string,
  workbookPath: string,
  files: EditablePackage
): string {
  const present = new Set(files.paths().map((p) => p.toLowerCase()));
  const dangling = readRelationships(workbookRelsXml).filter(
    (rel) => !rel.external && !present.has(resolveTarget(workbookPath, rel.target).toLowerCase())
  );
  return dangling.length === 0
    ? workbookRelsXml
    : removeRelationships(workbookRelsXml, new Set(dangling.map((r) => r.id)));
}

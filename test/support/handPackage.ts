/**
 * Hand-built .xlsx packages for reader and fuzz tests: each part as the test writes it, so a test can put
 * into a package exactly the damage or oddity it is about.
 */
import { strToU8, zipSync } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface HandSheet {
  readonly name: string;
  /** The children of <worksheet>, e.g. `<sheetData>…</sheetData>`. */
  readonly body: string;
  readonly state?: "hidden" | "veryHidden";
}

export interface HandPackageOptions {
  readonly sharedStrings?: readonly string[];
  /** The children of <styleSheet>. */
  readonly styles?: string;
  /** Extra children of <workbook> placed before <sheets> (workbookPr) and after it (definedNames). */
  readonly workbookPr?: string;
  readonly definedNames?: string;
}

/** The parts of a package, path → text, for a test to damage before zipping. */
export function handParts(
  sheets: readonly HandSheet[],
  options: HandPackageOptions = {}
): Record<string, string> {
  const parts: Record<string, string> = {};
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
    )
    .join("");
  parts["[Content_Types].xml"] =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    overrides +
    (options.sharedStrings
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : "") +
    (options.styles
      ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      : "") +
    "</Types>";
  parts["_rels/.rels"] =
    `${DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const sheetList = sheets
    .map(
      (s, i) =>
        `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`
    )
    .join("");
  parts["xl/workbook.xml"] =
    `${DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${options.workbookPr ?? ""}<sheets>${sheetList}</sheets>` +
    `${options.definedNames ? `<definedNames>${options.definedNames}</definedNames>` : ""}</workbook>`;
  const rels = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
  );
  if (options.sharedStrings)
    rels.push(
      `<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
    );
  if (options.styles)
    rels.push(`<Relationship Id="rIdT" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  parts["xl/_rels/workbook.xml.rels"] =
    `${DECL}<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`;
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      `${DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${s.body}</worksheet>`;
  });
  if (options.sharedStrings)
    parts["xl/sharedStrings.xml"] =
      `${DECL}<sst xmlns="${MAIN_NS}" count="${options.sharedStrings.length}" uniqueCount="${options.sharedStrings.length}">` +
      options.sharedStrings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join("") +
      "</sst>";
  if (options.styles)
    parts["xl/styles.xml"] = `${DECL}<styleSheet xmlns="${MAIN_NS}">${options.styles}</styleSheet>`;
  return parts;
}

export function zipTextParts(parts: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(parts))
    files[path] = typeof content === "string" ? strToU8(content) : content;
  return zipSync(files);
}

export function handPackage(
  sheets: readonly HandSheet[],
  options: HandPackageOptions = {}
): Uint8Array {
  return zipTextParts(handParts(sheets, options));
}

/**
 * Reads an .xlsx (or .xlsm) package held in memory into the engine's WorkbookGrid, streaming each worksheet
 * part through xmlScanner.ts (docs/decisions/0026) so that memory follows the cells present, not the sizes a file
 * declares. Pure: no Node APIs, so the task pane reads returned copies with the same code as the command line.
 */
import type { SheetGrid, SheetReadLimit, WorkbookGrid, WorkbookName } from "../../../engine";
import { VBA_PROJECT_REL } from "../packageRepair";
import {
  CONTENT_TYPES_PATH,
  PACKAGE_RELS_PATH,
  REL_TYPE,
  relsPathFor,
  resolveTarget,
  type Relationship,
} from "../packageParts";
import { SharedStringsHandler, StylesHandler } from "./sharedParts";
import {
  RowsReadEnough,
  WorksheetDamageError,
  WorksheetHandler,
  type WorksheetContext,
} from "./worksheetHandler";
import { parseXml, XmlFormatError } from "./xmlEvents";
import { XmlScanner, type ScanHandler } from "./xmlScanner";
import {
  ZipFormatError,
  readEntryText,
  readZipDirectory,
  streamEntryText,
  type NativeZip,
  type ZipEntry,
} from "./zipDirectory";

/** Why a package cannot be read: `not_xlsx` for another kind of file, `damaged_file` for a broken workbook. */
export class PackageReadError extends Error {
  constructor(
    readonly code: "not_xlsx" | "damaged_file",
    detail: string
  ) {
    super(detail);
    this.name = "PackageReadError";
  }
}

const SHARED_STRINGS_TYPE =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
const STRICT_OFFICE_DOCUMENT =
  "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

/** A defined name as the workbook part holds it. */
export interface DefinedNameReading {
  readonly name: string;
  /** 0-based position in the workbook's sheet list of a sheet-scoped name. */
  readonly localSheetId?: number;
  readonly hidden: boolean;
  readonly refersTo: string;
}

export interface SheetReading {
  readonly name: string;
  readonly state: "visible" | "hidden" | "veryHidden";
  /** The worksheet part, relative to the package root. */
  readonly partName: string;
}

export interface XlsxPackageReading {
  readonly grid: WorkbookGrid;
  /** Every sheet of workbook.xml's list, in order; the grid holds the worksheets among them. */
  readonly sheets: readonly SheetReading[];
  readonly definedNames: readonly DefinedNameReading[];
  /** The workbook part declares the 1904 date system (its dates are read as 1900-system serials). */
  readonly date1904: boolean;
  /** A macro-enabled workbook (.xlsm): a written copy, always .xlsx, leaves its macros out. */
  readonly macros: boolean;
}

/** What to leave unread, and the native code (NativeZip) to read with. */
export interface ReadOptions extends NativeZip {
  /**
   * Sheet name → how much of it is read, decided from the workbook's defined names before any sheet is read (the
   * engine's rowsRead); a sheet not in the map is read whole. A sheet cut short (`rows`) keeps its rows up to the
   * limit and none of its merges; the rest of its part is neither inflated nor checked. Below `formulaRows`, a formula
   * cell keeps its value and not its formula text.
   */
  readonly rowsRead?: (names: readonly WorkbookName[]) => ReadonlyMap<string, SheetReadLimit>;
  /**
   * False: each text cell its own object, not one per distinct text shared across the workbook (WorksheetContext's
   * textCells). For a workbook whose texts seldom repeat and whose grid is soon dropped, such as a returned copy
   * (every id and name once, taken into merge's compact read at once), the map is all cost.
   */
  readonly shareTextCells?: boolean;
}

/**
 * @example readXlsxPackage(bytes).grid.sheets[0]?.rows[0]?.[0] // { type: "text", text: "推荐名单" }
 */
export function readXlsxPackage(bytes: Uint8Array, options: ReadOptions = {}): XlsxPackageReading {
  try {
    return readPackage(bytes, options);
  } catch (err) {
    if (err instanceof PackageReadError) throw err;
    if (
      err instanceof ZipFormatError ||
      err instanceof XmlFormatError ||
      err instanceof WorksheetDamageError ||
      err instanceof RangeError
    )
      throw new PackageReadError("damaged_file", err.message);
    throw err;
  }
}

function readPackage(bytes: Uint8Array, options: ReadOptions): XlsxPackageReading {
  const entries = readZipDirectory(bytes);
  const part = (name: string): ZipEntry | undefined =>
    entries.get(name) ?? findIgnoringCase(entries, name);
  const text = (name: string): string | undefined => {
    const entry = part(name);
    return entry ? readEntryText(bytes, entry, options) : undefined;
  };

  const workbookPath = findWorkbookPath(text(PACKAGE_RELS_PATH), entries);
  const workbookXml = text(workbookPath);
  if (workbookXml === undefined) throw new PackageReadError("not_xlsx", `no ${workbookPath}`);
  // Excel refuses a package without content types; writing into one would only make another such file.
  const contentTypes = text(CONTENT_TYPES_PATH);
  if (contentTypes === undefined)
    throw new PackageReadError("damaged_file", `the package has no ${CONTENT_TYPES_PATH}`);
  const workbook = readWorkbookPart(workbookXml);
  const relsXml = text(relsPathFor(workbookPath)) ?? "<Relationships/>";
  const rels = readRelationshipsPart(relsXml);
  const relTarget = (rel: Relationship): string => resolveTarget(workbookPath, rel.target);

  const stylesRel = rels.find((r) => r.type === REL_TYPE.styles && !r.external);
  const styles = new StylesHandler();
  const stylesXml = stylesRel ? text(relTarget(stylesRel)) : undefined;
  if (stylesXml !== undefined) parseXml(stylesXml, styles);

  const sharedStrings = new SharedStringsHandler();
  const stringsRel = rels.find((r) => r.type === SHARED_STRINGS_TYPE && !r.external);
  const stringsEntry = stringsRel ? part(relTarget(stringsRel)) : undefined;
  // Without its shared strings every text cell would read as blank: refused, never read half.
  if (stringsRel && !stringsEntry)
    throw new PackageReadError(
      "damaged_file",
      `the shared strings part ${relTarget(stringsRel)} is missing`
    );
  if (stringsEntry) streamXml(bytes, stringsEntry, sharedStrings, options);

  const context: WorksheetContext = {
    sharedStrings: sharedStrings.strings,
    formats: styles.formats(),
    date1904: workbook.date1904,
    textCells: options.shareTextCells === false ? null : new Map(),
    numberCells: [],
  };
  // The grid's names: what the workbook identity (and a person's own names) are read from, by sheet name.
  const names: WorkbookName[] = workbook.definedNames.map((n) => {
    const scope = n.localSheetId === undefined ? undefined : workbook.sheets[n.localSheetId]?.name;
    return {
      name: n.name,
      refersTo: n.refersTo,
      hidden: n.hidden,
      ...(scope === undefined ? {} : { scope }),
    };
  });
  const rowsRead = options.rowsRead?.(names);
  const sheets: SheetReading[] = [];
  const grids: SheetGrid[] = [];
  const partOwners = new Map<string, string>();
  for (const sheet of workbook.sheets) {
    const rel = rels.find((r) => r.id === sheet.relId);
    if (!rel || rel.external)
      throw new PackageReadError(
        "damaged_file",
        `sheet "${sheet.name}" has no relationship ${sheet.relId} in the workbook`
      );
    const partName = relTarget(rel);
    const owner = partOwners.get(partName.toLowerCase());
    if (owner !== undefined)
      throw new PackageReadError(
        "damaged_file",
        `sheets "${owner}" and "${sheet.name}" both point at ${partName}`
      );
    partOwners.set(partName.toLowerCase(), sheet.name);
    sheets.push({ name: sheet.name, state: sheet.state, partName });
    // Chart sheets, dialog and macro sheets hold no cells.
    if (rel.type !== REL_TYPE.worksheet) continue;
    const entry = part(partName);
    if (!entry)
      throw new PackageReadError(
        "damaged_file",
        `sheet "${sheet.name}" points at ${partName}, which the package does not hold`
      );
    const limit = rowsRead?.get(sheet.name);
    const handler = new WorksheetHandler(
      partName,
      context,
      limit?.rows,
      limit?.formulaRows,
      limit?.columnsLeftOut
    );
    try {
      // A sheet cut short is inflated by fflate only as far as it is read, not whole (评委分析's one row of 29 MB).
      streamXml(
        bytes,
        entry,
        handler,
        limit?.rows === undefined ? options : { crc32: options.crc32 }
      );
    } catch (err) {
      if (!(err instanceof RowsReadEnough)) throw err;
    }
    grids.push({
      name: sheet.name,
      hidden: sheet.state !== "visible",
      visibility: sheet.state,
      rows: handler.content.rows,
      merges: handler.content.merges,
      hiddenRows: handler.content.hiddenRows,
      hiddenColumns: handler.content.hiddenColumns,
    });
  }
  return {
    grid: { sheets: grids, names },
    sheets,
    definedNames: workbook.definedNames,
    date1904: workbook.date1904,
    macros: rels.some((r) => r.type === VBA_PROJECT_REL) || macroContentType(contentTypes),
  };
}

/** A large part (a worksheet, the shared strings) scanned chunk by chunk as it is inflated. */
function streamXml(
  bytes: Uint8Array,
  entry: ZipEntry,
  handler: ScanHandler,
  native: NativeZip
): void {
  const scanner = new XmlScanner(handler);
  streamEntryText(bytes, entry, (chunk) => scanner.write(chunk), native);
  scanner.close();
}

/**
 * A relationships part read through saxes, so a damaged one is refused as such (the writer's string helpers
 * assume parts that are well-formed).
 */
function readRelationshipsPart(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(xml, {
    open(name, attributes) {
      if (name !== "Relationship") return;
      rels.push({
        id: attributes.Id ?? "",
        type: attributes.Type ?? "",
        target: attributes.Target ?? "",
        external: attributes.TargetMode === "External",
      });
    },
  });
  return rels;
}

/** True when [Content_Types].xml gives a part a macro-enabled type; a damaged one is refused. */
function macroContentType(xml: string): boolean {
  let macros = false;
  parseXml(xml, {
    open(name, attributes) {
      if (name === "Override" && (attributes.ContentType ?? "").includes("macroEnabled"))
        macros = true;
    },
  });
  return macros;
}

function findIgnoringCase(
  entries: ReadonlyMap<string, ZipEntry>,
  name: string
): ZipEntry | undefined {
  // OPC part names compare case-insensitively; a few generators differ in case between rels and parts.
  const wanted = name.toLowerCase();
  for (const [key, entry] of entries) if (key.toLowerCase() === wanted) return entry;
  return undefined;
}

function findWorkbookPath(
  packageRels: string | undefined,
  entries: ReadonlyMap<string, ZipEntry>
): string {
  if (packageRels !== undefined) {
    const rel = readRelationshipsPart(packageRels).find(
      (r) =>
        (r.type === REL_TYPE.officeDocument || r.type === STRICT_OFFICE_DOCUMENT) && !r.external
    );
    if (rel) return resolveTarget("", rel.target);
  }
  // No package relationships: the usual place, if the package has it (another Office document does not).
  if (entries.has("xl/workbook.xml")) return "xl/workbook.xml";
  throw new PackageReadError("not_xlsx", "no workbook part");
}

interface WorkbookPartReading {
  readonly sheets: Array<{ name: string; relId: string; state: SheetReading["state"] }>;
  readonly definedNames: DefinedNameReading[];
  readonly date1904: boolean;
}

function readWorkbookPart(xml: string): WorkbookPartReading {
  const reading: WorkbookPartReading & { date1904: boolean } = {
    sheets: [],
    definedNames: [],
    date1904: false,
  };
  let name: { name: string; localSheetId?: number; hidden: boolean } | undefined;
  let refersTo = "";
  parseXml(xml, {
    open(element, attributes) {
      if (element === "sheet") {
        const relId = Object.entries(attributes).find(([key]) => /(^|:)id$/.test(key))?.[1] ?? "";
        const state =
          attributes.state === "hidden" || attributes.state === "veryHidden"
            ? attributes.state
            : "visible";
        reading.sheets.push({ name: attributes.name ?? "", relId, state });
      } else if (element === "workbookPr") {
        reading.date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      } else if (element === "definedName") {
        const local = attributes.localSheetId;
        name = {
          name: attributes.name ?? "",
          hidden: attributes.hidden === "1" || attributes.hidden === "true",
          ...(local !== undefined && /^\d+$/.test(local) ? { localSheetId: Number(local) } : {}),
        };
        refersTo = "";
      }
    },
    text(text) {
      if (name) refersTo += text;
    },
    close(element) {
      if (element === "definedName" && name) {
        reading.definedNames.push({ ...name, refersTo });
        name = undefined;
      }
    },
  });
  if (reading.sheets.length === 0)
    throw new PackageReadError("damaged_file", "the workbook lists no sheets");
  return reading;
}

/**
 * Reads a workbook of any kind shifan reads from its bytes, told by content, never by extension (WPS and mail
 * systems rename files freely): .xlsx and .xlsm streamed by readXlsxPackage.ts (docs/decisions/0016); .xls,
 * .et/.ett and .ods with SheetJS (readLegacyWorkbook.ts, docs/decisions/0012). Pure: the task pane reads
 * returned copies with it as the command line reads its input.
 */
import {
  LegacyReadError,
  isEncryptedPackage,
  loadSheetJs,
  readLegacyWorkbook,
} from "./readLegacyWorkbook";
import {
  PackageReadError,
  readXlsxPackage,
  type ReadOptions,
  type XlsxPackageReading,
} from "./readXlsxPackage";
import { xmlStream } from "./xmlEvents";
import { readEntryText, readZipDirectory, streamEntryText } from "./zipDirectory";

export type XlsxReadErrorCode =
  "not_xlsx" | "damaged_file" | "file_not_found" | "file_unreadable" | "encrypted";

/** A file that cannot be read as a workbook at all: the command line turns it into one bilingual line. */
export class XlsxReadError extends Error {
  constructor(
    readonly code: XlsxReadErrorCode,
    detail: string
  ) {
    super(`${code}: ${detail}`);
    this.name = "XlsxReadError";
  }
}

/** What a reading says besides the grid; `format` is what the file turned out to be. */
export type WorkbookReading = XlsxPackageReading & { readonly format: WorkbookFormat };
export type WorkbookFormat = "xlsx" | "xls" | "ods";

/** Every .xlsx and .ods is a zip whose first entry starts with this local-file signature. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** .xls, .et and a password-protected .xlsx are compound files (MS-CFB) starting with these eight bytes. */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE = /^application\/vnd\.oasis\.opendocument\.spreadsheet(-template)?\s*$/;

export type { ReadOptions } from "./readXlsxPackage";
export type { NativeZip, RawInflater } from "./zipDirectory";

/**
 * Reads a workbook of any supported kind from its bytes; XlsxReadError for anything else. `options` leave parts of
 * an .xlsx unread (.xls, .et and .ods are read whole).
 */
export async function readWorkbookBytes(
  bytes: Uint8Array,
  options: ReadOptions = {}
): Promise<WorkbookReading> {
  if (startsWith(bytes, CFB_SIGNATURE)) return readCompoundFile(bytes);
  if (startsWith(bytes, ZIP_SIGNATURE) && isOpenDocument(bytes)) return readLegacy(bytes, "ods");
  return { ...readXlsxBytes(bytes, options), format: "xlsx" };
}

/** Reads an .xlsx or .xlsm package's bytes; XlsxReadError for anything that is not a readable one. */
export function readXlsxBytes(bytes: Uint8Array, options: ReadOptions = {}): XlsxPackageReading {
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw new XlsxReadError("not_xlsx", "no zip signature");
  try {
    return readXlsxPackage(bytes, options);
  } catch (err) {
    if (err instanceof PackageReadError) throw new XlsxReadError(err.code, err.message);
    throw err;
  }
}

async function readCompoundFile(bytes: Uint8Array): Promise<WorkbookReading> {
  const sheetJs = await loadSheetJs();
  // Excel and WPS store a password-protected .xlsx as an encrypted package inside a compound file.
  if (isEncryptedPackage(sheetJs, bytes))
    throw new XlsxReadError("encrypted", "an encrypted OOXML package");
  return readLegacy(bytes, "xls");
}

async function readLegacy(bytes: Uint8Array, format: "xls" | "ods"): Promise<WorkbookReading> {
  try {
    const reading = readLegacyWorkbook(await loadSheetJs(), bytes);
    return { ...(format === "ods" ? withOdsVisibility(reading, bytes) : reading), format };
  } catch (err) {
    if (err instanceof LegacyReadError) throw new XlsxReadError(err.code, err.message);
    throw err;
  }
}

/**
 * SheetJS 0.20.3 reads every OpenDocument table as visible; a hidden one has a table style whose
 * `table:display` is false. Read those from content.xml (streamed, only start tags looked at).
 */
function withOdsVisibility(reading: XlsxPackageReading, bytes: Uint8Array): XlsxPackageReading {
  const content = readZipDirectory(bytes).get("content.xml");
  if (!content) return reading;
  const hiddenStyles = new Set<string>();
  const hiddenTables = new Set<string>();
  let tableStyle: string | undefined;
  const stream = xmlStream({
    open(name, attributes) {
      if (name === "style")
        tableStyle = attributes["style:family"] === "table" ? attributes["style:name"] : undefined;
      else if (name === "table-properties" && tableStyle && attributes["table:display"] === "false")
        hiddenStyles.add(tableStyle);
      else if (name === "table" && hiddenStyles.has(attributes["table:style-name"] ?? ""))
        hiddenTables.add(attributes["table:name"] ?? "");
    },
  });
  try {
    streamEntryText(bytes, content, (text) => stream.write(text));
    stream.close();
  } catch {
    // SheetJS read the cells already; visibility is all this pass could add.
    return reading;
  }
  if (hiddenTables.size === 0) return reading;
  return {
    ...reading,
    grid: {
      sheets: reading.grid.sheets.map((sheet) =>
        hiddenTables.has(sheet.name) ? { ...sheet, hidden: true, visibility: "hidden" } : sheet
      ),
    },
    sheets: reading.sheets.map((sheet) =>
      hiddenTables.has(sheet.name) ? { ...sheet, state: "hidden" } : sheet
    ),
  };
}

function isOpenDocument(bytes: Uint8Array): boolean {
  try {
    const mimetype = readZipDirectory(bytes).get("mimetype");
    return mimetype !== undefined && ODS_MIMETYPE.test(readEntryText(bytes, mimetype));
  } catch {
    // A zip too damaged to list: the .xlsx reader says so.
    return false;
  }
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

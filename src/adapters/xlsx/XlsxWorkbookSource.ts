/**
 * Reads an .xlsx file (or its bytes) into the engine's WorkbookGrid: every sheet, hidden ones included.
 * The input is only ever read.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import type { WorkbookGrid, WorkbookSource } from "../../engine";
import { readWorksheetGrid } from "./readWorksheetGrid";

export type XlsxReadErrorCode = "not_xlsx" | "damaged_file" | "file_not_found";

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

/** Every .xlsx is a zip whose first entry starts with this local-file signature. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const WORKBOOK_PART = "xl/workbook.xml";

export class XlsxWorkbookSource implements WorkbookSource {
  private constructor(private readonly load: () => Promise<Uint8Array>) {}

  static fromFile(path: string): XlsxWorkbookSource {
    return new XlsxWorkbookSource(async () => {
      try {
        return await fs.readFile(path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR")
          throw new XlsxReadError("file_not_found", path);
        if (code === "EISDIR") throw new XlsxReadError("not_xlsx", `${path} is a folder`);
        throw new XlsxReadError("damaged_file", `${path}: ${(err as Error).message}`);
      }
    });
  }

  static fromBuffer(buf: Uint8Array): XlsxWorkbookSource {
    return new XlsxWorkbookSource(async () => buf);
  }

  async read(): Promise<WorkbookGrid> {
    const bytes = await this.load();
    checkPackage(bytes);
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer
      );
    } catch (err) {
      throw new XlsxReadError("damaged_file", err instanceof Error ? err.message : String(err));
    }
    return { sheets: workbook.worksheets.map(readWorksheetGrid) };
  }
}

/**
 * Tells "not a workbook" from "a damaged workbook" before ExcelJS, whose messages do not: no zip signature
 * means some other kind of file; a zip whose directory cannot be read is truncated or damaged; a sound zip
 * without xl/workbook.xml is another Office document.
 */
function checkPackage(bytes: Uint8Array): void {
  if (bytes.length < ZIP_SIGNATURE.length || ZIP_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new XlsxReadError("not_xlsx", "no zip signature");
  }
  const names: string[] = [];
  try {
    // The filter only lists entries; nothing is inflated here.
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch (err) {
    throw new XlsxReadError("damaged_file", err instanceof Error ? err.message : String(err));
  }
  if (!names.includes(WORKBOOK_PART)) throw new XlsxReadError("not_xlsx", `no ${WORKBOOK_PART}`);
}

/**
 * Reads an .xlsx file (or its bytes) into the engine's WorkbookGrid: every worksheet, hidden ones included.
 * The input is only ever read. The package is read by read/readXlsxPackage.ts, streaming each worksheet, so
 * memory follows the cells present (docs/decisions/0008).
 */
import { promises as fs } from "node:fs";
import type { WorkbookGrid, WorkbookSource } from "../../engine";
import { PackageReadError, readXlsxPackage, type XlsxPackageReading } from "./read/readXlsxPackage";

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
    return (await this.readPackage()).grid;
  }

  /** The grid with what else the package says: its sheet list with visibility, its defined names. */
  async readPackage(): Promise<XlsxPackageReading> {
    return readXlsxBytes(await this.load());
  }
}

/** Reads a package's bytes; XlsxReadError for anything that is not a readable workbook. */
export function readXlsxBytes(bytes: Uint8Array): XlsxPackageReading {
  if (bytes.length < ZIP_SIGNATURE.length || ZIP_SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new XlsxReadError("not_xlsx", "no zip signature");
  try {
    return readXlsxPackage(bytes);
  } catch (err) {
    if (err instanceof PackageReadError) throw new XlsxReadError(err.code, err.message);
    throw err;
  }
}

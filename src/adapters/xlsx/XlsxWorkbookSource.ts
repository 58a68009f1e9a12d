/**
 * Reads a workbook file (or its bytes) into the engine's WorkbookGrid: every worksheet, hidden ones included.
 * The input is only ever read. What kinds of file, and how: read/readWorkbookBytes.ts.
 */
import { promises as fs } from "node:fs";
import type { WorkbookGrid, WorkbookSource } from "../../engine";
import {
  XlsxReadError,
  readWorkbookBytes,
  type ReadOptions,
  type WorkbookReading,
} from "./read/readWorkbookBytes";

export {
  XlsxReadError,
  readWorkbookBytes,
  readXlsxBytes,
  type NativeZip,
  type RawInflater,
  type ReadOptions,
  type WorkbookFormat,
  type WorkbookReading,
  type XlsxReadErrorCode,
} from "./read/readWorkbookBytes";

export class XlsxWorkbookSource implements WorkbookSource {
  private constructor(
    private readonly load: () => Promise<Uint8Array>,
    private readonly options: ReadOptions
  ) {}

  static fromFile(path: string, options: ReadOptions = {}): XlsxWorkbookSource {
    return new XlsxWorkbookSource(() => readWorkbookFile(path), options);
  }

  static fromBuffer(buf: Uint8Array, options: ReadOptions = {}): XlsxWorkbookSource {
    return new XlsxWorkbookSource(async () => buf, options);
  }

  async read(): Promise<WorkbookGrid> {
    return (await this.readPackage()).grid;
  }

  /** The grid with what else the file says: its sheet list with visibility, its defined names, its format. */
  async readPackage(): Promise<WorkbookReading> {
    return readWorkbookBytes(await this.load(), this.options);
  }
}

/** A file's bytes; XlsxReadError naming why it cannot be had (missing, a folder, no permission). */
export async function readWorkbookFile(path: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new XlsxReadError("file_not_found", path);
    if (code === "EISDIR") throw new XlsxReadError("not_xlsx", `${path} is a folder`);
    if (code === "EACCES" || code === "EPERM")
      throw new XlsxReadError("file_unreadable", `${path}: no permission to read it`);
    throw new XlsxReadError("file_unreadable", `${path}: ${(err as Error).message}`);
  }
}

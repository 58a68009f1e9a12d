/**
 * One way for every command to read its input workbook: any format shifan reads, every failure as one
 * bilingual line naming the file (missing, no permission, password-protected, not a workbook, damaged).
 */
import { rowsRead, sourceSheetsOnly, fatalMessage, type WorkbookGrid } from "../engine";
import { gridAsXlsx } from "../adapters/xlsx/gridAsXlsx";
import {
  XlsxReadError,
  readWorkbookBytes,
  readWorkbookFile,
  type WorkbookReading,
} from "../adapters/xlsx/XlsxWorkbookSource";
import { CliError } from "./CliIo";
import { NATIVE_INFLATE } from "./nativeInflate";

export async function readInputWorkbook(
  file: string
): Promise<{ bytes: Uint8Array; reading: WorkbookReading }> {
  try {
    const bytes = await readWorkbookFile(file);
    // Only what the engine's use cases read: 评委分析 and most of 公示名单 are rebuilt whole.
    return { bytes, reading: await readWorkbookBytes(bytes, { ...NATIVE_INFLATE, rowsRead }) };
  } catch (err) {
    if (err instanceof XlsxReadError) throw new CliError(fatalMessage(err.code, { file }));
    throw err;
  }
}

/** The input's grid, for a command that only reads it (`copies`, `next-cycle`). */
export async function readInputGrid(file: string): Promise<WorkbookGrid> {
  return (await readInputWorkbook(file)).reading.grid;
}

/**
 * The input as an .xlsx package to write into: itself, or for .xls, .et and .ods a new package holding its
 * sheets' values (outputs are always .xlsx), with a note saying what the conversion left behind.
 */
export async function asXlsxPackage(input: {
  bytes: Uint8Array;
  reading: WorkbookReading;
}): Promise<{ bytes: Uint8Array; notes: string[] }> {
  if (input.reading.format === "xlsx")
    return {
      bytes: input.bytes,
      notes: input.reading.macros
        ? [
            "输入为启用宏的工作簿（.xlsm）：输出为 .xlsx，其中的宏（VBA 工程）未保留，原文件不变 / the input is macro-enabled (.xlsm): the output is .xlsx without its macros (VBA project); the input is unchanged",
          ]
        : [],
    };
  const source = new Set(sourceSheetsOnly(input.reading.grid).sheets.map((s) => s.name));
  const bytes = await gridAsXlsx(input.reading.grid, (sheet) => !source.has(sheet.name));
  const kind = input.reading.format === "ods" ? ".ods" : ".xls/.et";
  return {
    bytes,
    notes: [
      `输入为 ${kind} 文件，已转换为 .xlsx：保留各工作表的数值、数字格式、合并单元格与隐藏列；原文件的字体、颜色、公式（按其计算结果保留）、隐藏行和批注未保留 / the ${kind} input was converted to .xlsx: values, number formats, merges and hidden columns kept; fonts, colours, formulas (kept as their results), hidden rows and notes not`,
    ],
  };
}

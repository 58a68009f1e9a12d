import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { XlsxReadError, XlsxWorkbookSource } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import {
  isoDateToSerial,
  parseIsoDate,
  type IsoDate,
  type WorkbookGrid,
} from "../../../src/engine";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { gridToXlsxBuffer } from "../../../src/samples/writeSampleXlsx";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";

const serialOf = (iso: string): number => isoDateToSerial(parseIsoDate(iso) as IsoDate);

/** A workbook with every kind of value a nomination sheet can hold, written by ExcelJS as Excel would. */
async function featureWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("推荐汇总");
  ws.getCell("A1").value = "推荐名单";
  ws.mergeCells("A1:D1");
  ws.getCell("A2").value = { richText: [{ text: "阳光" }, { text: "社区", font: { bold: true } }] };
  ws.getCell("B2").value = { text: "湘潭市", hyperlink: "http://example.com" };
  ws.getCell("C2").value = 35;
  ws.getCell("D2").value = new Date(Date.UTC(2011, 4, 30));
  ws.getCell("D2").numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell("E2").value = { formula: "C2*2", result: 70 };
  ws.getCell("F2").value = {
    formula: "VLOOKUP(1,A1:B2,2,0)",
    result: { error: "#N/A" },
  } as ExcelJS.CellFormulaValue;
  ws.getCell("G2").value = true;
  ws.getCell("H2").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  ws.getCell("I2").value = { formula: "D2+1", result: new Date(Date.UTC(2011, 4, 31)) };
  ws.getCell("I2").numFmt = "yyyy-mm-dd";
  ws.getCell("J2").value = 0.5;
  ws.getCell("J2").numFmt = "0%";
  ws.getCell("A4").value = "隐藏行";
  ws.getRow(4).hidden = true;
  ws.getColumn(3).hidden = true;
  const hidden = wb.addWorksheet("隐藏表", { state: "hidden" });
  hidden.getCell("B3").value = "是";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function readBytes(bytes: Uint8Array): Promise<WorkbookGrid> {
  return XlsxWorkbookSource.fromBuffer(bytes).read();
}

async function readError(read: Promise<unknown>): Promise<string> {
  try {
    await read;
  } catch (err) {
    if (err instanceof XlsxReadError) return err.code;
    throw err;
  }
  throw new Error("read did not fail");
}

describe("XlsxWorkbookSource.read", () => {
  let grid: WorkbookGrid;
  beforeAll(async () => {
    grid = await readBytes(await featureWorkbook());
  });
  const sheet = () => grid.sheets[0]!;
  const at = (row: number, col: number) => sheet().rows[row - 1]?.[col - 1] ?? null;

  it("reads every sheet, hidden ones flagged", () => {
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["推荐汇总", false],
      ["隐藏表", true],
    ]);
    expect(grid.sheets[1]?.rows[2]?.[1]).toEqual({ type: "text", text: "是" });
  });

  it("keeps the master of a merged range and leaves the covered cells blank", () => {
    expect(sheet().merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 4 }]);
    expect(at(1, 1)).toEqual({ type: "text", text: "推荐名单" });
    expect([at(1, 2), at(1, 3), at(1, 4)]).toEqual([null, null, null]);
  });

  it("joins rich text and reads a hyperlink as its text", () => {
    expect(at(2, 1)).toEqual({ type: "text", text: "阳光社区" });
    expect(at(2, 2)).toEqual({ type: "text", text: "湘潭市" });
  });

  it("reads a date cell as its exact serial, with its format", () => {
    expect(at(2, 4)).toEqual({
      type: "date",
      serial: serialOf("2011-05-30"),
      numberFormat: 'yyyy"年"m"月"d"日"',
    });
  });

  it("reads formula cells by their cached result, keeping the formula", () => {
    expect(at(2, 5)).toEqual({ type: "number", value: 70, formula: "C2*2" });
    expect(at(2, 6)).toEqual({ type: "error", error: "#N/A", formula: "VLOOKUP(1,A1:B2,2,0)" });
    expect(at(2, 9)).toEqual({
      type: "date",
      serial: serialOf("2011-05-31"),
      numberFormat: "yyyy-mm-dd",
      formula: "D2+1",
    });
  });

  it("reads numbers, booleans and error values", () => {
    expect(at(2, 3)).toEqual({ type: "number", value: 35 });
    expect(at(2, 7)).toEqual({ type: "boolean", value: true });
    expect(at(2, 8)).toEqual({ type: "error", error: "#DIV/0!" });
    expect(at(2, 10)).toEqual({ type: "number", value: 0.5, numberFormat: "0%" });
  });

  it("lists hidden rows and columns and still reads their cells", () => {
    expect(sheet().hiddenRows).toEqual([4]);
    expect(sheet().hiddenColumns).toEqual([3]);
    expect(at(4, 1)).toEqual({ type: "text", text: "隐藏行" });
  });

  it("reads a workbook written from a grid back to the same nominees and issues", async () => {
    const original = sampleNominationGrid();
    const roundTrip = await readBytes(await gridToXlsxBuffer(original));
    const before = inspectWorkbook(original);
    const after = inspectWorkbook(roundTrip);
    expect(after.nominees).toEqual(before.nominees);
    expect(after.issues).toEqual(before.issues);
    expect(after.tables.map((t) => [t.headerRows, t.columns])).toEqual(
      before.tables.map((t) => [t.headerRows, t.columns])
    );
  });
});

describe("XlsxWorkbookSource refuses files it cannot read", () => {
  it("says damaged_file for a truncated workbook", async () => {
    const bytes = await featureWorkbook();
    expect(await readError(readBytes(bytes.slice(0, Math.floor(bytes.length / 2))))).toBe(
      "damaged_file"
    );
  });

  it("says damaged_file for a zip whose sheet XML is broken", async () => {
    const parts = unzipSync(await featureWorkbook());
    parts["xl/workbook.xml"] = strToU8('<workbook><sheets><sheet name="x"');
    expect(await readError(readBytes(zipSync(parts)))).toBe("damaged_file");
  });

  it("says not_xlsx for text and an empty file", async () => {
    expect(await readError(readBytes(strToU8("序号,名称\n1,城关镇党委\n")))).toBe("not_xlsx");
    expect(await readError(readBytes(new Uint8Array()))).toBe("not_xlsx");
  });

  it("says damaged_file for a compound-file header with nothing after it (a cut-off .xls)", async () => {
    expect(
      await readError(readBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    ).toBe("damaged_file");
  });

  it("says not_xlsx for a zip that is another kind of document", async () => {
    const docx = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8("<w:document/>"),
    });
    expect(await readError(readBytes(docx))).toBe("not_xlsx");
  });

  it("says file_not_found for a missing file, and reads an existing one", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-read-"));
    try {
      expect(
        await readError(XlsxWorkbookSource.fromFile(path.join(dir, "missing.xlsx")).read())
      ).toBe("file_not_found");
      const file = path.join(dir, "ok.xlsx");
      await fs.writeFile(file, await featureWorkbook());
      expect((await XlsxWorkbookSource.fromFile(file).read()).sheets).toHaveLength(2);
      expect(await readError(XlsxWorkbookSource.fromFile(dir).read())).toBe("not_xlsx");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as SheetJs from "@e965/xlsx";
import {
  XlsxReadError,
  XlsxWorkbookSource,
  readWorkbookBytes,
} from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import { gridAsXlsx } from "../../../src/adapters/xlsx/gridAsXlsx";
import { type RawCell, type WorkbookGrid } from "../../../src/engine";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { gridToXlsxBuffer } from "../../../src/samples/writeSampleXlsx";
import { main } from "../../../src/cli/shifan";
import { unzipParts, partText } from "../../support/xlsxPackage";

const FIXTURES = path.join(__dirname, "../../fixtures/legacy");
const t = (text: string): RawCell => ({ type: "text", text });

/** The grid the committed fixtures were made from (see test/fixtures/legacy/README.md). */
function legacyFixtureGrid(): WorkbookGrid {
  const rows: RawCell[][] = [
    [t("2011年示范点推荐汇总表")],
    ["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别", "推荐时间"].map(t),
    [
      { type: "number", value: 1 },
      t("长沙市"),
      t("城关镇党委"),
      t("乡镇党委"),
      t("省级"),
      { type: "date", serial: 40693, numberFormat: "yyyy-mm-dd" },
    ],
    [
      { type: "number", value: 2 },
      t("湘潭市"),
      t("衞生單位党支部"),
      t("衞生單位"),
      t("市级"),
      t("2011年5月3日"),
    ],
    [
      { type: "number", value: 3 },
      t("株洲市"),
      t("东风社区党委"),
      t("社区党组织"),
      t("县级"),
      { type: "date", serial: 40700, numberFormat: "yyyy-mm-dd" },
    ],
  ];
  return {
    sheets: [
      {
        name: "推荐汇总",
        hidden: false,
        rows,
        merges: [{ top: 1, left: 1, bottom: 1, right: 6 }],
        hiddenRows: [],
        hiddenColumns: [],
      },
      {
        name: "说明",
        hidden: true,
        rows: [[t("内部")]],
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  };
}

async function readFixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await fs.readFile(path.join(FIXTURES, name)));
}

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await readWorkbookBytes(bytes);
  } catch (err) {
    if (err instanceof XlsxReadError) return err.code;
    throw err;
  }
  return "read";
}

describe("reading .xls, .et and .ods", () => {
  let expected: ReturnType<typeof inspectWorkbook>;
  beforeAll(async () => {
    const xlsx = await gridToXlsxBuffer(legacyFixtureGrid());
    expected = inspectWorkbook((await readWorkbookBytes(xlsx)).grid);
    expect(expected.nominees).toHaveLength(3);
  });

  it.each([
    ["an Excel 97–2003 .xls", "nominations.xls", "xls"],
    ["an OpenDocument .ods", "nominations.ods", "ods"],
  ])(
    "reads %s written by LibreOffice to the same nominees and issues as the .xlsx",
    async (_, file, format) => {
      const reading = await readWorkbookBytes(await readFixture(file));
      expect(reading.format).toBe(format);
      const inspected = inspectWorkbook(reading.grid);
      expect(inspected.nominees).toEqual(expected.nominees);
      expect(inspected.issues).toEqual(expected.issues);
      expect(reading.grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ["推荐汇总", false],
        ["说明", true],
      ]);
      expect(reading.grid.sheets[1]?.visibility).toBe("hidden");
      expect(reading.grid.sheets[0]?.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 6 }]);
      expect(reading.grid.sheets[0]?.rows[2]?.[5]).toEqual(
        expect.objectContaining({ type: "date", serial: 40693 })
      );
    }
  );

  it("tells the kind by content, not by name: a WPS .et is the same compound file as an .xls", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-et-"));
    try {
      const et = path.join(dir, "推荐表.et");
      await fs.writeFile(et, await readFixture("nominations.xls"));
      const grid = await XlsxWorkbookSource.fromFile(et).read();
      expect(inspectWorkbook(grid).nominees).toEqual(expected.nominees);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("names a password-protected workbook as encrypted (failure twin: a compound file without the encrypted package is read)", async () => {
    const cfb = SheetJs.CFB.utils.cfb_new();
    SheetJs.CFB.utils.cfb_add(cfb, "EncryptionInfo", new Uint8Array(64));
    SheetJs.CFB.utils.cfb_add(cfb, "EncryptedPackage", new Uint8Array(4096));
    const encrypted = new Uint8Array(
      SheetJs.CFB.write(cfb, { type: "buffer" }) as ArrayLike<number>
    );
    expect(await codeOf(encrypted)).toBe("encrypted");
    expect(await codeOf(await readFixture("nominations.xls"))).toBe("read");
  });

  it("says damaged_file for a truncated .xls and a truncated .ods", async () => {
    for (const file of ["nominations.xls", "nominations.ods"]) {
      const bytes = await readFixture(file);
      expect(await codeOf(bytes.slice(0, Math.floor(bytes.length / 2)))).toBe("damaged_file");
    }
  });

  it("reads an .ods whose one cell sits at row 1,048,576 without a row for every row above it", async () => {
    const content =
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S1">' +
      '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
      '<table:table-row><table:table-cell office:value-type="string"><text:p>末行</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>';
    const { zipSync, strToU8 } = await import("fflate");
    const bytes = zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
      "content.xml": strToU8(content),
      "META-INF/manifest.xml": strToU8(
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
      ),
      "styles.xml": strToU8(
        '<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
      ),
    });
    const sheet = (await readWorkbookBytes(bytes)).grid.sheets[0]!;
    expect(Object.keys(sheet.rows)).toEqual(["1048575"]);
    expect(sheet.rows[1048575]?.[0]).toEqual({ type: "text", text: "末行" });
  });
});

describe("gridAsXlsx", () => {
  it("writes the sheets as the person's own: no generated-sheet mark, values and visibility kept", async () => {
    const grid = legacyFixtureGrid();
    const bytes = await gridAsXlsx(grid, () => false);
    const workbook = partText(unzipParts(bytes), "xl/workbook.xml");
    expect(workbook).not.toContain("_shifan_generated");
    const back = (await readWorkbookBytes(bytes)).grid;
    expect(back.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["推荐汇总", false],
      ["说明", true],
    ]);
    expect(inspectWorkbook(back).nominees).toEqual(inspectWorkbook(grid).nominees);
  });

  it("marks the sheets it is told a run generated (failure twin of the above)", async () => {
    const bytes = await gridAsXlsx(legacyFixtureGrid(), (sheet) => sheet.name === "说明");
    expect(partText(unzipParts(bytes), "xl/workbook.xml")).toMatch(
      /<definedName name="_shifan_generated" localSheetId="1"/
    );
  });
});

describe("shifan assess on an .xls", () => {
  it("writes an .xlsx assessment, says what the conversion kept, and assesses that output again", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-xls-"));
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s) };
    try {
      const xls = path.join(dir, "推荐表.xls");
      await fs.writeFile(xls, await readFixture("nominations.xls"));
      const first = path.join(dir, "考核.xlsx");
      expect(await main(["assess", xls, "-o", first, "--as-of", "2012-04-01"], io)).toBe(0);
      expect(out.join("")).toContain("已转换为 .xlsx");
      const reading = await readWorkbookBytes(new Uint8Array(await fs.readFile(first)));
      expect(reading.format).toBe("xlsx");
      expect(reading.grid.sheets.map((s) => s.name)).toContain("考核表");
      const second = path.join(dir, "考核2.xlsx");
      expect(await main(["assess", first, "-o", second], io)).toBe(0);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

import { strToU8, unzipSync, zipSync } from "fflate";
import { readWorkbookBytes, XlsxReadError } from "../../../src/adapters/xlsx/XlsxWorkbookSource";
import { emptyWorkbookBytes, writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import {
  ExcelLimitError,
  MAX_CELL_CHARACTERS,
  clipCellText,
  functionNesting,
} from "../../../src/adapters/xlsx/excelLimits";
import { call, num, op, ref } from "../../../src/engine/formula/build";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import type { CellPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { handParts, zipTextParts } from "../../support/handPackage";
import { partText, unzipParts } from "../../support/xlsxPackage";

const planOf = (cells: CellPlan[], name = "结果"): WorkbookPlan => ({
  sheets: [{ name, cells, columns: [], merges: [], validations: [], conditionalFormats: [] }],
  names: [],
  styles: {},
});
const textAt = (text: string): CellPlan => ({ row: 1, col: 1, content: { kind: "text", text } });
/** ROUND(ROUND(…ROUND(A1,0)…,0),0), `depth` calls deep. */
function nested(depth: number): FormulaNode {
  let node: FormulaNode = ref(1, 2);
  for (let i = 0; i < depth; i++) node = call("ROUND", node, num(0));
  return node;
}
const formulaAt = (formula: FormulaNode): CellPlan => ({
  row: 1,
  col: 1,
  content: { kind: "formula", formula, cached: 0 },
});

async function writtenCellText(text: string): Promise<string> {
  const bytes = await writePlanToXlsx(emptyWorkbookBytes(), planOf([textAt(text)]));
  const sheet = (await readWorkbookBytes(bytes)).grid.sheets.find((s) => s.name === "结果");
  const cell = sheet?.rows[0]?.[0];
  return cell?.type === "text" ? cell.text : "";
}

describe("Excel's 32,767 characters in a cell", () => {
  it("cuts longer text to the limit, the cut shown by …", async () => {
    const written = await writtenCellText("长".repeat(40_000));
    expect(written.length).toBe(MAX_CELL_CHARACTERS);
    expect(written.endsWith("长…")).toBe(true);
  });

  it("keeps text of exactly 32,767 characters whole (failure twin)", async () => {
    const text = "x".repeat(MAX_CELL_CHARACTERS);
    expect(await writtenCellText(text)).toBe(text);
  });

  it("never splits a surrogate pair at the cut", () => {
    const clipped = clipCellText(`${"x".repeat(MAX_CELL_CHARACTERS - 2)}😀😀`);
    expect(clipped.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
    expect(clipped).toMatch(/x…$/);
  });
});

describe("Excel's formula limits", () => {
  it("counts nested function calls, not operators", () => {
    expect(functionNesting(nested(3))).toBe(3);
    expect(functionNesting(call("IF", ref(1, 2), nested(2), num(1)))).toBe(3);
  });

  it("refuses a formula nested 65 deep, naming the sheet and cell", async () => {
    const write = writePlanToXlsx(emptyWorkbookBytes(), planOf([formulaAt(nested(65))]));
    await expect(write).rejects.toThrow(ExcelLimitError);
    await expect(write).rejects.toMatchObject({
      sheet: "结果",
      cell: "A1",
      actual: 65,
      maximum: 64,
    });
  });

  it("writes a formula nested 64 deep (failure twin)", async () => {
    await expect(
      writePlanToXlsx(emptyWorkbookBytes(), planOf([formulaAt(nested(64))]))
    ).resolves.toBeInstanceOf(Uint8Array);
  });

  it("refuses a formula over 8,192 characters", async () => {
    // 1,501 references joined by &: no function call, so only the length can break a limit.
    let long: FormulaNode = ref(1000, 2);
    for (let i = 0; i < 1500; i++) long = op(long, "&", ref(1000, 2));
    await expect(
      writePlanToXlsx(emptyWorkbookBytes(), planOf([formulaAt(long)]))
    ).rejects.toMatchObject({
      limit: "formula_length",
    });
  });

  // Written whole (not shared: never in adjacent rows), each row's text comes from its base's: the limits still hold per row.
  const filledAt = (row: number, base: FormulaNode): CellPlan => ({
    row,
    col: 1,
    content: { kind: "filled", base, offset: row - 1, cached: 0 },
  });

  it("refuses a filled formula nested 65 deep, naming the first row it is written in", async () => {
    const write = writePlanToXlsx(
      emptyWorkbookBytes(),
      planOf([filledAt(4, nested(65)), filledAt(6, nested(65))])
    );
    await expect(write).rejects.toMatchObject({ cell: "A4", actual: 65, maximum: 64 });
  });

  it("refuses a filled formula whose moved rows take it over 8,192 characters, in that row only", async () => {
    // 1,800 references to row 9 joined by & (a balanced tree, so nothing recurses deep): 7,445 characters; two rows
    // down, row 11 has two digits: 9,245.
    const joined = (n: number): FormulaNode =>
      n === 1 ? ref(9, 2) : op(joined(n >> 1), "&", joined(n - (n >> 1)));
    const long = joined(1800);
    await expect(
      writePlanToXlsx(emptyWorkbookBytes(), planOf([filledAt(1, long), filledAt(3, long)]))
    ).rejects.toMatchObject({ limit: "formula_length", cell: "A3", actual: 9_245 });
    await expect(
      writePlanToXlsx(emptyWorkbookBytes(), planOf([filledAt(1, long)]))
    ).resolves.toBeInstanceOf(Uint8Array);
  });
});

/** A .xlsm: a vbaProject part with its relationship and content types (`extraSheets` after 名单). */
function macroWorkbook(extraSheets: readonly string[] = []): Uint8Array {
  const parts: Record<string, string | Uint8Array> = handParts([
    { name: "名单", body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' },
    ...extraSheets.map((name) => ({ name, body: "<sheetData/>" })),
  ]);
  parts["[Content_Types].xml"] = (parts["[Content_Types].xml"] as string)
    .replace(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    )
    .replace(
      "</Types>",
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    );
  parts["xl/_rels/workbook.xml.rels"] = (parts["xl/_rels/workbook.xml.rels"] as string).replace(
    "</Relationships>",
    '<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'
  );
  parts["xl/vbaProject.bin"] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
  return zipTextParts(parts);
}

describe("a macro-enabled source", () => {
  it("is read as macro-enabled, and written as a plain .xlsx without its vbaProject", async () => {
    const source = macroWorkbook();
    expect((await readWorkbookBytes(source)).macros).toBe(true);
    const out = unzipParts(await writePlanToXlsx(source, planOf([textAt("结果")])));
    expect(Object.keys(out)).not.toContain("xl/vbaProject.bin");
    const types = partText(out, "[Content_Types].xml");
    expect(types).not.toMatch(/macroEnabled|vbaProject/);
    expect(types).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"'
    );
    expect(partText(out, "xl/_rels/workbook.xml.rels")).not.toContain("vbaProject");
    expect((await readWorkbookBytes(zipSync(out))).macros).toBe(false);
  });

  it("loses its vbaProject's own content type too when the plan also removes a generated sheet", async () => {
    // The vbaProject listed by name as well (some writers do), so a lost removal would leave it in [Content_Types].xml.
    const parts = unzipSync(macroWorkbook(["旧表"]));
    parts["[Content_Types].xml"] = strToU8(
      partText(parts, "[Content_Types].xml").replace(
        "</Types>",
        '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
      )
    );
    const plan: WorkbookPlan = {
      ...planOf([textAt("结果")]),
      removeSheets: ["旧表"],
      replaceable: ["旧表"],
    };
    const out = unzipParts(await writePlanToXlsx(zipSync(parts), plan));
    expect(Object.keys(out)).not.toContain("xl/vbaProject.bin");
    expect(Object.keys(out)).not.toContain("xl/worksheets/sheet2.xml");
    const types = partText(out, "[Content_Types].xml");
    expect(types).not.toMatch(/macroEnabled|vbaProject|sheet2\.xml/);
    expect(partText(out, "xl/_rels/workbook.xml.rels")).not.toMatch(/vbaProject|sheet2\.xml/);
  });

  it("a workbook without macros is read as such (failure twin)", async () => {
    const plain = zipTextParts(handParts([{ name: "名单", body: "<sheetData/>" }]));
    expect((await readWorkbookBytes(plain)).macros).toBe(false);
  });
});

describe("dangling relationships and missing parts", () => {
  it("drops a workbook relationship to a part the package lacks, and gives a missing style sheet a new one", async () => {
    const parts = handParts([{ name: "名单", body: "<sheetData/>" }], {
      styles: '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>',
    });
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"]!.replace(
      "</Relationships>",
      '<Relationship Id="rIdTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>'
    );
    delete parts["xl/styles.xml"];
    const out = unzipParts(await writePlanToXlsx(zipTextParts(parts), planOf([textAt("结果")])));
    const rels = partText(out, "xl/_rels/workbook.xml.rels");
    expect(rels).not.toContain("theme1.xml");
    const styleTargets = [...rels.matchAll(/relationships\/styles" Target="([^"]+)"/g)].map(
      (m) => m[1]
    );
    expect(styleTargets).toHaveLength(1);
    expect(Object.keys(out)).toContain(`xl/${styleTargets[0]}`);
  });

  it("refuses a package without [Content_Types].xml, and one whose shared strings are missing", async () => {
    const code = async (parts: Record<string, string>): Promise<string> =>
      readWorkbookBytes(zipTextParts(parts)).then(
        () => "read",
        (err: unknown) => (err instanceof XlsxReadError ? err.code : String(err))
      );
    const noTypes = handParts([{ name: "名单", body: "<sheetData/>" }]);
    delete noTypes["[Content_Types].xml"];
    expect(await code(noTypes)).toBe("damaged_file");
    const noStrings = handParts(
      [
        {
          name: "名单",
          body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
        },
      ],
      {
        sharedStrings: ["城关镇党委"],
      }
    );
    expect(await code(noStrings)).toBe("read");
    delete noStrings["xl/sharedStrings.xml"];
    expect(await code(noStrings)).toBe("damaged_file");
  });
});

describe("sheet-name and part rules in what is written", () => {
  it("never points two sheets at one part", async () => {
    const plan: WorkbookPlan = {
      ...planOf([textAt("甲")], "甲"),
      sheets: ["甲", "乙", "丙"].map((name) => ({ ...planOf([textAt(name)], name).sheets[0]! })),
    };
    const out = unzipParts(await writePlanToXlsx(emptyWorkbookBytes(), plan));
    const targets = [
      ...partText(out, "xl/_rels/workbook.xml.rels").matchAll(/worksheet" Target="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets.length).toBe(4);
    expect(strToU8("x")).toBeDefined();
    expect(unzipSync).toBeDefined();
  });
});

import ExcelJS from "exceljs";
import { call, num, ref } from "../../../src/engine/formula/build";
import type { SheetPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import {
  XlsxPlanSink,
  emptyWorkbookBytes,
  writePlanToXlsx,
} from "../../../src/adapters/xlsx/XlsxPlanSink";
import {
  HIDDEN_PLAN_SHEET,
  PLAN_SHEET,
  SOURCE_SHEET,
  featurePlan,
  richSourceWorkbook,
} from "../../support/xlsxFixtures";
import { child, descendants, parseXml, partText, unzipParts } from "../../support/xlsxPackage";

async function openWithExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws)
    throw new Error(`no sheet ${name}; sheets: ${wb.worksheets.map((w) => w.name).join(", ")}`);
  return ws;
}

function minimalSheet(name: string, overrides: Partial<SheetPlan> = {}): SheetPlan {
  return {
    name,
    cells: [],
    columns: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    ...overrides,
  };
}

describe("writePlanToXlsx over a source workbook, reopened with ExcelJS", () => {
  let written: ExcelJS.Workbook;
  let plan: ExcelJS.Worksheet;

  beforeAll(async () => {
    const bytes = await writePlanToXlsx(
      await richSourceWorkbook(),
      featurePlan({ password: "test" })
    );
    written = await openWithExcelJs(bytes);
    plan = sheetOf(written, PLAN_SHEET);
  });

  it("puts the plan sheets after the source sheets, the hidden one hidden", () => {
    expect(written.worksheets.map((w) => w.name)).toEqual([
      SOURCE_SHEET,
      "选项",
      PLAN_SHEET,
      HIDDEN_PLAN_SHEET,
    ]);
    expect(sheetOf(written, HIDDEN_PLAN_SHEET).state).toBe("hidden");
    expect(plan.state).toBe("visible");
  });

  it("writes formulas as formulas with their cached results", () => {
    expect(plan.getCell("E4").formula).toBe("ROUND(B4*0.6+C4*0.4,1)");
    expect(plan.getCell("E4").result).toBe(88.8);
    expect(plan.getCell("F6").formula).toBe('IF(E6>=85,"优秀","合格")');
    expect(plan.getCell("F6").result).toBe("合格");
    expect(plan.getCell("G4").formula).toBe("E4>=80");
    expect(plan.getCell("G4").result).toBe(true);
    expect(sheetOf(written, HIDDEN_PLAN_SHEET).getCell("A1").formula).toBe(
      `SUM('${PLAN_SHEET}'!E4:E6)`
    );
  });

  it("keeps text that looks like a formula as text", () => {
    const cell = plan.getCell("A8");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("=SUM(A1)");
    expect(cell.formula).toBeUndefined();
  });

  it("writes numbers, booleans and dates as values", () => {
    expect(plan.getCell("B5").value).toBe(92.5);
    expect(plan.getCell("C8").value).toBe(true);
    // 45474 is 2024-07-01; ExcelJS turns it into a Date because the style carries a date format.
    expect(plan.getCell("D4").value).toEqual(new Date(Date.UTC(2024, 6, 1)));
    expect(plan.getCell("D4").numFmt).toBe("yyyy-mm-dd");
  });

  it("applies plan styles: fonts, fills, number formats, unlocked input cells", () => {
    const score = plan.getCell("E4");
    expect(score.font?.bold).toBe(true);
    expect(score.font?.color?.argb).toBe("FF1F4E78");
    expect(score.numFmt).toBe("0.0");
    const input = plan.getCell("B4");
    expect(input.protection?.locked).toBe(false);
    expect(input.fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFFFF2CC" },
    });
    const header = plan.getCell("B3");
    expect(header.alignment).toMatchObject({
      horizontal: "center",
      vertical: "middle",
      wrapText: true,
    });
    expect(header.border?.left?.style).toBe("thin");
    // A cell with no style keeps the workbook default: locked, no fill.
    expect(plan.getCell("A8").protection?.locked).not.toBe(false);
  });

  it("writes validations with their limits and messages", () => {
    expect(plan.getCell("C5").dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: "分数无效",
      promptTitle: "评分",
      formulae: [0, 100],
    });
    expect(plan.getCell("G6").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"是,否"'],
    });
    expect(plan.getCell("A4").dataValidation).toBeUndefined();
  });

  it("writes merges, frozen panes, autofilter, column widths and hidden columns", () => {
    expect(plan.model.merges).toEqual(["A1:G1"]);
    expect(plan.views[0]).toMatchObject({
      state: "frozen",
      xSplit: 1,
      ySplit: 3,
      topLeftCell: "B4",
    });
    expect(plan.autoFilter).toBe("A3:G6");
    expect(plan.getColumn(1).width).toBe(24);
    expect(plan.getColumn(8).hidden).toBe(true);
    expect(plan.getColumn(2).hidden).toBe(false);
  });

  it("protects the sheet, leaving formatting, sorting and filtering allowed", () => {
    // ExcelJS reports each action as "allowed" (true) when the file says its protection is off ("0").
    const protection = (plan as unknown as { sheetProtection: Record<string, unknown> })
      .sheetProtection;
    expect(protection).toMatchObject({
      sheet: true,
      sort: true,
      autoFilter: true,
      formatCells: true,
    });
    expect(protection["insertRows"]).toBeFalsy();
  });

  it("writes print setup, tab colour and notes", () => {
    expect(plan.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(plan.pageSetup.printTitlesRow).toBe("3:3");
    expect(plan.properties.tabColor).toEqual({ argb: "FF2E75B6" });
    expect(plan.getCell("E3").note).toBe("领导点评×60% + 党员互评×40%");
  });

  it("defines the plan names at workbook scope", () => {
    expect(written.definedNames.getRanges("shifan_total_scores").ranges).toEqual([
      `'${PLAN_SHEET}'!$E$4:$E$6`,
    ]);
  });

  it("leaves the source sheet readable as it was", () => {
    const source = sheetOf(written, SOURCE_SHEET);
    expect(source.getCell("A3").value).toBe("河西村党支部");
    expect(source.getCell("A2").note).toBe("自荐材料齐全");
    expect(source.getCell("E2").dataValidation).toMatchObject({
      type: "list",
      formulae: [`'选项'!$A$1:$A$2`],
    });
  });
});

describe("the written worksheet part", () => {
  let sheetXml: ReturnType<typeof parseXml>;
  beforeAll(async () => {
    const parts = unzipParts(await writePlanToXlsx(emptyWorkbookBytes(), featurePlan()));
    const workbook = parseXml(partText(parts, "xl/workbook.xml"));
    const sheet = descendants(workbook, "sheet").find((s) => s.attributes["name"] === PLAN_SHEET);
    const rels = parseXml(partText(parts, "xl/_rels/workbook.xml.rels"));
    const target = rels.children.find((r) => r.attributes["Id"] === sheet?.attributes["r:id"])
      ?.attributes["Target"];
    sheetXml = parseXml(partText(parts, `xl/${target}`));
  });

  it("orders the children of <worksheet> as the schema requires", () => {
    const order = [
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "sheetProtection",
      "autoFilter",
      "mergeCells",
      "conditionalFormatting",
      "dataValidations",
      "hyperlinks",
      "printOptions",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "drawing",
      "legacyDrawing",
    ];
    const positions = sheetXml.children.map((c) => order.indexOf(c.local));
    expect(positions).not.toContain(-1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(sheetXml.children.map((c) => c.local)).toEqual(
      expect.arrayContaining(["sheetProtection", "legacyDrawing", "conditionalFormatting"])
    );
  });

  it("writes look-alike formulas as inline strings and escapes what XML cannot hold", () => {
    const cells = descendants(sheetXml, "c");
    const a8 = cells.find((c) => c.attributes["r"] === "A8");
    expect(a8?.attributes["t"]).toBe("inlineStr");
    expect(descendants(a8!, "f")).toHaveLength(0);
    const b8 = cells.find((c) => c.attributes["r"] === "B8");
    expect(descendants(b8!, "t")[0]?.text).toBe('<a & "b">_x0001__x005F_x0041__x000D_\n末');
  });

  it("links cells to their source cells with internal hyperlinks (location, no relationship)", () => {
    // Checked in the XML: ExcelJS only reads hyperlinks that carry a relationship id, as Excel's internal links do not.
    const links = descendants(sheetXml, "hyperlink").map((h) => h.attributes);
    expect(links).toHaveLength(3);
    expect(links[0]).toEqual({
      ref: "A4",
      location: `'${SOURCE_SHEET}'!A2`,
      display: `'${SOURCE_SHEET}'!A2`,
    });
  });

  it("omits <v> for a formula without a cached value and types cached text and booleans", () => {
    const cells = descendants(sheetXml, "c");
    const byRef = (r: string) => cells.find((c) => c.attributes["r"] === r)!;
    expect(child(byRef("E8"), "v")).toBeUndefined();
    expect(child(byRef("E8"), "f")?.text).toBe("SUM(E4:E6)");
    expect(byRef("F4").attributes["t"]).toBe("str");
    expect(byRef("G4").attributes["t"]).toBe("b");
    expect(child(byRef("G4"), "v")?.text).toBe("1");
    expect(byRef("E4").attributes["t"]).toBeUndefined();
  });

  it('protects with the legacy password hash ("test" hashes to CBEB)', async () => {
    const parts = unzipParts(
      await writePlanToXlsx(emptyWorkbookBytes(), featurePlan({ password: "test" }))
    );
    const protection = descendants(
      parseXml(partText(parts, "xl/worksheets/sheet2.xml")),
      "sheetProtection"
    )[0];
    expect(protection?.attributes).toMatchObject({
      password: "CBEB",
      sheet: "1",
      objects: "1",
      scenarios: "1",
      sort: "0",
      autoFilter: "0",
    });
    const open = descendants(sheetXml, "sheetProtection")[0];
    expect(open?.attributes["password"]).toBeUndefined();
    expect(open?.attributes["sheet"]).toBe("1");
  });

  it("writes a sheet without protection when the plan asks for none", async () => {
    const plan: WorkbookPlan = { styles: {}, names: [], sheets: [minimalSheet("开放")] };
    const parts = unzipParts(await writePlanToXlsx(emptyWorkbookBytes(), plan));
    const sheet = parseXml(partText(parts, "xl/worksheets/sheet2.xml"));
    expect(descendants(sheet, "sheetProtection")).toHaveLength(0);
    expect(descendants(sheet, "legacyDrawing")).toHaveLength(0);
  });
});

describe("re-writing a plan over its own output", () => {
  it("replaces the generated sheets in place: no duplicates, same ids and parts", async () => {
    const first = await writePlanToXlsx(await richSourceWorkbook(), featurePlan());
    const changed = featurePlan();
    const scoreSheet = changed.sheets[0]!;
    const second = await writePlanToXlsx(first, {
      ...changed,
      sheets: [
        {
          ...scoreSheet,
          cells: [
            ...scoreSheet.cells.filter((c) => !(c.row === 4 && c.col === 2)),
            { row: 4, col: 2, content: { kind: "number", value: 60 } },
          ],
        },
        changed.sheets[1]!,
      ],
    });
    const sheetsOf = (bytes: Uint8Array) =>
      descendants(parseXml(partText(unzipParts(bytes), "xl/workbook.xml")), "sheet").map((s) => ({
        ...s.attributes,
      }));
    expect(sheetsOf(second)).toEqual(sheetsOf(first));
    const names = descendants(
      parseXml(partText(unzipParts(second), "xl/workbook.xml")),
      "definedName"
    ).map((n) => `${n.attributes["name"]}@${n.attributes["localSheetId"] ?? ""}`);
    expect(names.length).toBe(new Set(names).size);
    expect(names).toEqual(
      expect.arrayContaining([
        "_shifan_generated@2",
        "_shifan_generated@3",
        "_xlnm.Print_Titles@2",
        "shifan_total_scores@",
      ])
    );
    const wb = await openWithExcelJs(second);
    expect(sheetOf(wb, PLAN_SHEET).getCell("B4").value).toBe(60);
    // One comments part per sheet with notes: the first run's notes were removed with the sheet they belonged to.
    const commentParts = Object.keys(unzipParts(second)).filter((p) => /comments\d*\.xml$/.test(p));
    expect(commentParts).toHaveLength(2);
  });

  it("reuses the style entries a previous run appended instead of appending them again", async () => {
    const first = await writePlanToXlsx(await richSourceWorkbook(), featurePlan());
    const second = await writePlanToXlsx(first, featurePlan());
    expect(partText(unzipParts(second), "xl/styles.xml")).toBe(
      partText(unzipParts(first), "xl/styles.xml")
    );
  });

  it("refuses to overwrite a sheet of the source workbook", async () => {
    const plan: WorkbookPlan = { styles: {}, names: [], sheets: [minimalSheet(SOURCE_SHEET)] };
    await expect(writePlanToXlsx(await richSourceWorkbook(), plan)).rejects.toThrow(
      /overwrite the source workbook's own sheet/
    );
  });

  it("refuses a user sheet whose name differs only in letter case", async () => {
    const plan: WorkbookPlan = { styles: {}, names: [], sheets: [minimalSheet("sheet1")] };
    await expect(writePlanToXlsx(emptyWorkbookBytes(), plan)).rejects.toThrow(/overwrite/);
  });
});

describe("broken plans throw", () => {
  it("rejects two cells at one address", async () => {
    const plan: WorkbookPlan = {
      styles: {},
      names: [],
      sheets: [
        minimalSheet("重复", {
          cells: [
            { row: 1, col: 1, content: { kind: "number", value: 1 } },
            { row: 1, col: 1, content: { kind: "number", value: 2 } },
          ],
        }),
      ],
    };
    await expect(writePlanToXlsx(emptyWorkbookBytes(), plan)).rejects.toThrow(/two cells at A1/);
  });

  it.each(["", "a".repeat(32), "评分/汇总", "'引号'", "问?"])(
    "rejects the sheet name %j",
    async (badName) => {
      const plan: WorkbookPlan = { styles: {}, names: [], sheets: [minimalSheet(badName)] };
      await expect(writePlanToXlsx(emptyWorkbookBytes(), plan)).rejects.toThrow(
        /not a valid Excel sheet name/
      );
    }
  );

  it("accepts a 31-character sheet name", async () => {
    const plan: WorkbookPlan = { styles: {}, names: [], sheets: [minimalSheet("名".repeat(31))] };
    await expect(writePlanToXlsx(emptyWorkbookBytes(), plan)).resolves.toBeInstanceOf(Uint8Array);
  });

  it("rejects a style key the plan does not define", async () => {
    const plan: WorkbookPlan = {
      styles: {},
      names: [],
      sheets: [
        minimalSheet("样式", {
          cells: [{ row: 1, col: 1, content: { kind: "blank" }, style: "title" }],
        }),
      ],
    };
    await expect(writePlanToXlsx(emptyWorkbookBytes(), plan)).rejects.toThrow(/style "title"/);
  });

  it("writes a well-formed plan with the same shape without complaint", async () => {
    const plan: WorkbookPlan = {
      styles: { text: { bold: true } },
      names: [],
      sheets: [
        minimalSheet("样式", {
          cells: [
            {
              row: 1,
              col: 1,
              content: { kind: "formula", formula: call("ROUND", ref(1, 2), num(0)), cached: 0 },
              style: "text",
            },
          ],
        }),
      ],
    };
    await expect(writePlanToXlsx(emptyWorkbookBytes(), plan)).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe("XlsxPlanSink", () => {
  it("hands the written package to onDone and reports progress", async () => {
    let received: Uint8Array | undefined;
    const progress: Array<[number, number]> = [];
    await new XlsxPlanSink(emptyWorkbookBytes(), (bytes) => {
      received = bytes;
    }).apply(featurePlan(), { progress: (done, total) => progress.push([done, total]) });
    expect(received).toBeDefined();
    const wb = await openWithExcelJs(received!);
    expect(sheetOf(wb, PLAN_SHEET).getCell("E5").result).toBe(89.5);
    const total = featurePlan().sheets.reduce((n, s) => n + s.cells.length, 0);
    expect(progress[progress.length - 1]).toEqual([total, total]);
  });

  it("writes nothing when cancelled", async () => {
    const onDone = jest.fn();
    await new XlsxPlanSink(emptyWorkbookBytes(), onDone).apply(featurePlan(), {
      cancel: { cancelled: true },
    });
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe("emptyWorkbookBytes", () => {
  it("opens as a workbook with one empty sheet", async () => {
    const wb = await openWithExcelJs(emptyWorkbookBytes());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sheet1"]);
    expect(wb.worksheets[0]!.actualRowCount).toBe(0);
  });
});

describe("a plan that drops sheets an earlier plan generated", () => {
  const withPrint = (name: string): SheetPlan =>
    minimalSheet(name, {
      cells: [{ row: 1, col: 1, content: { kind: "text", text: name } }],
      print: {
        orientation: "landscape",
        paper: "A4",
        repeatRows: { first: 1, last: 1 },
        fitToWidth: true,
      },
    });
  const plan = (names: string[], removeSheets: string[] = []): WorkbookPlan => ({
    sheets: names.map(withPrint),
    names: [],
    styles: {},
    ...(removeSheets.length > 0 ? { removeSheets } : {}),
  });

  /** Sheet-scoped names by the sheet they are scoped to, read from workbook.xml. */
  function scopedNames(bytes: Uint8Array): [string, string, string][] {
    const workbook = parseXml(partText(unzipParts(bytes), "xl/workbook.xml"));
    const sheets = descendants(workbook, "sheet").map((s) => s.attributes["name"] ?? "");
    return descendants(workbook, "definedName")
      .filter((n) => n.attributes["localSheetId"] !== undefined)
      .map((n) => [
        n.attributes["name"] ?? "",
        sheets[Number(n.attributes["localSheetId"])] ?? "?",
        n.text,
      ]);
  }

  it("removes the sheet and keeps every other sheet's names on that sheet", async () => {
    const first = await writePlanToXlsx(emptyWorkbookBytes(), plan(["甲", "乙", "丙", "丁"]));
    const second = await writePlanToXlsx(first, plan(["甲", "丁"], ["乙", "丙"]));
    const reopened = await openWithExcelJs(second);
    expect(reopened.worksheets.map((w) => w.name)).toEqual(["Sheet1", "甲", "丁"]);
    expect(sheetOf(reopened, "丁").getCell("A1").value).toBe("丁");
    const titles = scopedNames(second).filter(([name]) => name === "_xlnm.Print_Titles");
    expect(titles).toEqual([
      ["_xlnm.Print_Titles", "甲", "'甲'!$1:$1"],
      ["_xlnm.Print_Titles", "丁", "'丁'!$1:$1"],
    ]);
    expect(
      Object.keys(unzipParts(second)).filter((p) => p.startsWith("xl/worksheets/sheet"))
    ).toHaveLength(3);
  });

  it("refuses to remove a sheet it did not generate", async () => {
    const first = await writePlanToXlsx(emptyWorkbookBytes(), plan(["甲"]));
    await expect(writePlanToXlsx(first, plan(["甲"], ["Sheet1"]))).rejects.toThrow(
      /own sheet "Sheet1"/
    );
  });
});

import { emptyWorkbookBytes, writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import { EMPTY_WORKBOOK_PARTS } from "../../../src/adapters/xlsx/emptyWorkbook";
import { createStyleAllocator } from "../../../src/adapters/xlsx/styleSheetSurgery";
import {
  SEGMENT_BYTES,
  renderWorksheet,
  renderWorksheetSegments,
  sortedCells,
} from "../../../src/adapters/xlsx/worksheetXml";
import { call, num, op, range, ref, text } from "../../../src/engine/formula/build";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import type { CellPlan, SheetPlan } from "../../../src/engine/plan/SheetPlan";
import { descendants, parseXml, partText, unzipParts } from "../../support/xlsxPackage";

const sheetOf = (cells: CellPlan[]): SheetPlan => ({
  name: "表",
  cells,
  columns: [],
  merges: [],
  validations: [],
  conditionalFormats: [],
});
const numberAt = (row: number, col: number): CellPlan => ({
  row,
  col,
  content: { kind: "number", value: row * 10 + col },
});

describe("number cells", () => {
  it("writes every number as String() gives it, half steps from 0 to 200 and all others, and refuses a non-finite one", () => {
    const values = [
      0,
      -0,
      0.5,
      1,
      12.5,
      199.5,
      200,
      200.5,
      201,
      -0.5,
      -12.5,
      0.1,
      18.333333333333332,
      1e21,
      2 ** -30,
    ];
    const cells = values.map((value, i): CellPlan => ({
      row: 1,
      col: i + 1,
      content: { kind: "number", value },
    }));
    const styles = createStyleAllocator(EMPTY_WORKBOOK_PARTS.get("xl/styles.xml") as string, {});
    // Twice: the second time from the texts made the first time.
    for (let round = 0; round < 2; round++) {
      const xml = new TextDecoder().decode(renderWorksheet(sheetOf(cells), cells, { styles }));
      expect([...xml.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1])).toEqual(values.map(String));
    }
    for (const value of [NaN, Infinity, -Infinity]) {
      const bad: CellPlan[] = [{ row: 1, col: 1, content: { kind: "number", value } }];
      expect(() => renderWorksheet(sheetOf(bad), bad, { styles })).toThrow(
        /non-finite number at A1/
      );
    }
  });
});

describe("sortedCells", () => {
  it("hands back the plan's own array when the builder already put it row by row", () => {
    const sheet = sheetOf([numberAt(1, 1), numberAt(1, 3), numberAt(2, 2), numberAt(5, 1)]);
    expect(sortedCells(sheet)).toBe(sheet.cells);
  });

  it("sorts a copy of a plan that is out of order, leaving the plan as it was", () => {
    const cells = [numberAt(2, 1), numberAt(1, 2), numberAt(1, 1)];
    const sheet = sheetOf(cells);
    const sorted = sortedCells(sheet);
    expect(sorted).not.toBe(sheet.cells);
    expect(sorted.map((c) => [c.row, c.col])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(sheet.cells.map((c) => [c.row, c.col])).toEqual([
      [2, 1],
      [1, 2],
      [1, 1],
    ]);
  });

  it("refuses two cells at one address, in order or not", () => {
    expect(() => sortedCells(sheetOf([numberAt(1, 1), numberAt(1, 1)]))).toThrow(/two cells at A1/);
    expect(() => sortedCells(sheetOf([numberAt(2, 2), numberAt(1, 1), numberAt(2, 2)]))).toThrow(
      /two cells at B2/
    );
  });

  it("writes an out-of-order plan's rows and cells in order", async () => {
    const plan = {
      sheets: [sheetOf([numberAt(3, 2), numberAt(1, 1), numberAt(3, 1), numberAt(2, 4)])],
      names: [],
      styles: {},
    };
    const parts = unzipParts(await writePlanToXlsx(emptyWorkbookBytes(), plan));
    const sheetPath = Object.keys(parts).find(
      (p) => p.startsWith("xl/worksheets/") && partText(parts, p).includes('r="D2"')
    );
    const xml = parseXml(partText(parts, sheetPath as string));
    expect(descendants(xml, "row").map((r) => r.attributes["r"])).toEqual(["1", "2", "3"]);
    expect(descendants(xml, "c").map((c) => c.attributes["r"])).toEqual(["A1", "D2", "A3", "B3"]);
  });
});

describe("print setup", () => {
  const printed = async (extra: Partial<SheetPlan>) => {
    const plan = {
      sheets: [{ ...sheetOf([numberAt(1, 1), numberAt(4, 2)]), ...extra }],
      names: [],
      styles: {},
    };
    const parts = unzipParts(await writePlanToXlsx(emptyWorkbookBytes(), plan));
    const sheetPath = Object.keys(parts).find(
      (p) => p.startsWith("xl/worksheets/") && partText(parts, p).includes('r="B4"')
    );
    return {
      sheet: parseXml(partText(parts, sheetPath as string)),
      workbook: parseXml(partText(parts, "xl/workbook.xml")),
    };
  };

  it("prints at a fixed scale with the title columns and rows, and a Chinese header and footer", async () => {
    const { sheet, workbook } = await printed({
      print: {
        orientation: "landscape",
        paper: "A4",
        repeatRows: { first: 1, last: 2 },
        repeatColumns: { first: 1, last: 2 },
        scale: 70,
        header: { right: [{ field: "sheet" }] },
        footer: {
          center: ["第 ", { field: "page" }, " 页，共 ", { field: "pages" }, " 页"],
          right: ["R&D ", { field: "date" }],
        },
      },
    });
    expect(descendants(sheet, "pageSetup")[0]?.attributes).toEqual({
      paperSize: "9",
      orientation: "landscape",
      scale: "70",
    });
    expect(descendants(sheet, "pageSetUpPr")).toEqual([]);
    expect(descendants(sheet, "oddHeader")[0]?.text).toBe("&R&A");
    expect(descendants(sheet, "oddFooter")[0]?.text).toBe("&C第 &P 页，共 &N 页&RR&&D &D");
    const titles = descendants(workbook, "definedName").find(
      (n) => n.attributes["name"] === "_xlnm.Print_Titles"
    );
    expect(titles?.text).toBe("'表'!$A:$B,'表'!$1:$2");
  });

  it("fits to the width without a scale, and gives rows their heights, empty rows included", async () => {
    const { sheet } = await printed({
      print: { orientation: "portrait", paper: "A4", fitToWidth: true },
      rows: [
        { row: 2, height: 30 },
        { row: 4, height: 45 },
        { row: 6, height: 18 },
      ],
    });
    expect(descendants(sheet, "pageSetup")[0]?.attributes).toEqual({
      paperSize: "9",
      orientation: "portrait",
      fitToWidth: "1",
      fitToHeight: "0",
    });
    expect(descendants(sheet, "headerFooter")).toEqual([]);
    expect(
      descendants(sheet, "row").map((r) => [r.attributes["r"], r.attributes["ht"] ?? null])
    ).toEqual([
      ["1", null],
      ["2", "30"],
      ["4", "45"],
      ["6", "18"],
    ]);
  });
});

describe("renderWorksheetSegments", () => {
  // Enough text cells, each with multi-byte characters, to fill more than one segment.
  const names = Array.from({ length: 40_000 }, (_u, i): CellPlan => ({
    row: 1 + Math.floor(i / 2),
    col: 1 + (i % 2),
    content: { kind: "text", text: `阳光社区第${i}党支部 “示范点”` },
  }));
  const options = () => ({
    styles: createStyleAllocator(EMPTY_WORKBOOK_PARTS.get("xl/styles.xml") as string, {}),
  });

  it("hands on segments no larger than the segment size that join to the whole part", () => {
    const segments: Uint8Array[] = [];
    renderWorksheetSegments(sheetOf(names), names, options(), (s) => segments.push(s.slice()));
    expect(segments.length).toBeGreaterThan(1);
    for (const segment of segments) expect(segment.length).toBeLessThanOrEqual(SEGMENT_BYTES);
    const whole = renderWorksheet(sheetOf(names), names, options());
    expect(Buffer.concat(segments).equals(Buffer.from(whole))).toBe(true);
    expect(new TextDecoder().decode(whole)).toContain("阳光社区第39999党支部 “示范点”");
  });

  it("never splits a character between two segments", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const segments: Uint8Array[] = [];
    renderWorksheetSegments(sheetOf(names), names, options(), (s) => segments.push(s.slice()));
    // A segment ending inside a character would fail to decode on its own.
    for (const segment of segments) expect(() => decoder.decode(segment)).not.toThrow();
    expect(() => decoder.decode(new Uint8Array([0xe9, 0x98]))).toThrow();
  });
});

describe("a filled formula written whole in its rows", () => {
  const options = () => ({
    styles: createStyleAllocator(EMPTY_WORKBOOK_PARTS.get("xl/styles.xml") as string, {}),
  });
  const rendered = (cells: CellPlan[]): string =>
    new TextDecoder().decode(renderWorksheet(sheetOf(cells), cells, options()));
  // COUNTIFS is never shared, so every row writes its own text from the base's.
  const rank = op(
    call(
      "COUNTIFS",
      range("$D$3", "$D$9"),
      ref(3, 4),
      range("$W$3", "$W$9"),
      op(text(">"), "&", ref(3, 23))
    ),
    "+",
    num(1)
  );
  const filledAt = (row: number, base: FormulaNode): CellPlan => ({
    row,
    col: 1,
    content: { kind: "filled", base, offset: row - 3, cached: null },
  });

  it("holds each row's own moved text, escaped", () => {
    const xml = rendered([3, 4, 9].map((row) => filledAt(row, rank)));
    for (const row of [3, 4, 9])
      expect(xml).toContain(
        `<c r="A${row}"><f>COUNTIFS($D$3:$D$9,D${row},$W$3:$W$9,"&gt;"&amp;W${row})+1</f></c>`
      );
    expect(xml).not.toContain('t="shared"');
  });

  it("is unparsed row by row when its text holds the mark the cut uses, with the same result", () => {
    const odd = op(text("a\u0001b"), "&", ref(3, 2));
    const marked = op(text("a\u0000b"), "&", ref(3, 2));
    const xmlOdd = rendered([filledAt(3, odd), filledAt(5, odd)]);
    const xmlMarked = rendered([filledAt(3, marked), filledAt(5, marked)]);
    expect(xmlOdd).toContain('<f>"a\u0001b"&amp;B5</f>');
    expect(xmlMarked).toContain('<f>"a\u0000b"&amp;B5</f>');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { emptyWorkbookBytes, writePlanToXlsx } from "../../../src/adapters/xlsx/XlsxPlanSink";
import {
  deepestRelativeRow,
  equalWhenShifted,
  sharedFormulaRoles,
} from "../../../src/adapters/xlsx/sharedFormulas";
import { unparse } from "../../../src/engine/formula/unparse";
import * as shiftRowsModule from "../../../src/engine/plan/shiftRows";
import { shiftRows } from "../../../src/engine/plan/shiftRows";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import { call, name, num, op, range, ref, text } from "../../../src/engine/formula/build";
import type { CellPlan, SheetPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { readComputedValues, recalculateWorkbooks } from "../../support/libreoffice";
import { describeWithSoffice } from "../../support/loSuite";
import {
  child,
  descendants,
  parseXml,
  partText,
  unzipParts,
  type XmlElement,
} from "../../support/xlsxPackage";

describe("equalWhenShifted", () => {
  it("moves refs without $ by the row offset", () => {
    expect(equalWhenShifted(op(ref(3, 2), "+", ref(3, 4)), op(ref(5, 2), "+", ref(5, 4)), 2)).toBe(
      true
    );
    expect(equalWhenShifted(op(ref(3, 2), "+", ref(3, 4)), op(ref(5, 2), "+", ref(5, 4)), 1)).toBe(
      false
    );
  });

  it("keeps $ rows where they are", () => {
    expect(
      equalWhenShifted(ref(3, 2, { absolute: "row" }), ref(3, 2, { absolute: "row" }), 4)
    ).toBe(true);
    expect(
      equalWhenShifted(ref(3, 2, { absolute: "row" }), ref(7, 2, { absolute: "row" }), 4)
    ).toBe(false);
    expect(equalWhenShifted(ref(3, 2, { absolute: true }), ref(3, 2, { absolute: true }), 4)).toBe(
      true
    );
  });

  it("never moves a column, and needs the same $ marks", () => {
    expect(equalWhenShifted(ref(3, 2), ref(4, 3), 1)).toBe(false);
    expect(equalWhenShifted(ref(3, 2), ref(4, 2, { absolute: "col" }), 1)).toBe(false);
    expect(
      equalWhenShifted(ref(3, 2, { absolute: "col" }), ref(4, 2, { absolute: "col" }), 1)
    ).toBe(true);
    expect(equalWhenShifted(ref(3, 2), ref(3, 2, { absolute: "row" }), 0)).toBe(false);
  });

  it("moves both corners of a range", () => {
    expect(equalWhenShifted(range("$A$2", "A3"), range("$A$2", "A9"), 6)).toBe(true);
    expect(equalWhenShifted(range("$A$2", "A3"), range("$A$8", "A9"), 6)).toBe(false);
    expect(equalWhenShifted(range("A2", "B2", "评委1"), range("A5", "B5", "评委1"), 3)).toBe(true);
  });

  it("compares sheet names, defined names and literals literally", () => {
    expect(equalWhenShifted(ref(3, 2, { sheet: "评委1" }), ref(4, 2, { sheet: "评委1" }), 1)).toBe(
      true
    );
    expect(equalWhenShifted(ref(3, 2, { sheet: "评委1" }), ref(4, 2, { sheet: "评委2" }), 1)).toBe(
      false
    );
    expect(equalWhenShifted(ref(3, 2, { sheet: "评委1" }), ref(4, 2), 1)).toBe(false);
    expect(equalWhenShifted(name("SF_PassLine"), name("SF_PassLine"), 1)).toBe(true);
    expect(equalWhenShifted(name("SF_PassLine"), name("SF_Quota"), 1)).toBe(false);
    expect(equalWhenShifted(num(1), num(1), 1)).toBe(true);
    expect(equalWhenShifted(num(1), num(2), 1)).toBe(false);
    expect(equalWhenShifted(text("是"), text("否"), 1)).toBe(false);
    expect(equalWhenShifted(text("1"), num(1), 1)).toBe(false);
  });

  it("compares functions, arguments and operators", () => {
    expect(
      equalWhenShifted(call("SUM", ref(2, 1), num(1)), call("SUM", ref(3, 1), num(1)), 1)
    ).toBe(true);
    expect(
      equalWhenShifted(call("SUM", ref(2, 1), num(1)), call("MAX", ref(3, 1), num(1)), 1)
    ).toBe(false);
    expect(equalWhenShifted(call("SUM", ref(2, 1), num(1)), call("SUM", ref(3, 1)), 1)).toBe(false);
    expect(equalWhenShifted(op(ref(2, 1), "+", num(1)), op(ref(3, 1), "-", num(1)), 1)).toBe(false);
  });
});

/** The formula cells of one column, rows `from`..`to`, each built by `formulaAt(row)`. */
function column(
  col: number,
  from: number,
  to: number,
  formulaAt: (row: number) => FormulaNode
): CellPlan[] {
  const cells: CellPlan[] = [];
  for (let row = from; row <= to; row++)
    cells.push({ row, col, content: { kind: "formula", formula: formulaAt(row), cached: -1 } });
  return cells;
}

const byRowThenColumn = (cells: CellPlan[]): CellPlan[] =>
  [...cells].sort((x, y) => x.row - y.row || x.col - y.col);

describe("sharedFormulaRoles", () => {
  it("shares a run down one column: the first cell is the master, the rest follow", () => {
    const cells = column(2, 3, 6, (r) => op(ref(r, 1), "*", num(2)));
    expect(sharedFormulaRoles(cells)).toEqual([
      { kind: "master", si: 0, lastRow: 6 },
      { kind: "follower", si: 0 },
      { kind: "follower", si: 0 },
      { kind: "follower", si: 0 },
    ]);
  });

  it("writes a formula calling COUNTIFS on its own in each cell, and the run ends there", () => {
    const plain = (r: number): FormulaNode => op(ref(r, 1), "*", num(2));
    const counting = (r: number): FormulaNode =>
      call("COUNTIFS", range("$A$3", "$A$7"), op(text(">"), "&", ref(r, 1)));
    const cells = column(2, 3, 7, (r) => (r === 5 ? counting(r) : plain(r)));
    expect(sharedFormulaRoles(cells)).toEqual([
      { kind: "master", si: 0, lastRow: 4 },
      { kind: "follower", si: 0 },
      undefined,
      { kind: "master", si: 1, lastRow: 7 },
      { kind: "follower", si: 1 },
    ]);
    // A whole column of COUNTIFS, filled down or not, is never shared; the same column without it is.
    expect(sharedFormulaRoles(column(2, 3, 7, counting))).toEqual(Array(5).fill(undefined));
    const filled = filledColumn(2, 3, 7, counting(3));
    expect(sharedFormulaRoles(filled)).toEqual(Array(5).fill(undefined));
    expect(sharedFormulaRoles(column(2, 3, 7, plain))[4]).toEqual({ kind: "follower", si: 0 });
  });

  it("does not share a formula that is the same text on every row (a $ ref would be moved)", () => {
    // B3 = A3, B4 = A3: equal text, not equal by shift.
    const cells = column(2, 3, 4, () => ref(3, 1));
    expect(sharedFormulaRoles(cells)).toEqual([undefined, undefined]);
  });

  it("ends a run at a different formula, a value or a missing row, and never shares a lone cell", () => {
    const cells = byRowThenColumn([
      ...column(1, 1, 3, (r) => op(ref(r, 5), "+", num(1))),
      // A4: a different literal; A5, A6 resume as a new run.
      ...column(1, 4, 4, (r) => op(ref(r, 5), "+", num(2))),
      ...column(1, 5, 6, (r) => op(ref(r, 5), "+", num(1))),
      { row: 7, col: 1, content: { kind: "number", value: 3 } },
      ...column(1, 8, 8, (r) => op(ref(r, 5), "+", num(1))),
      // A10 after a gap at row 9.
      ...column(1, 10, 10, (r) => op(ref(r, 5), "+", num(1))),
    ]);
    const roles = sharedFormulaRoles(cells);
    expect(roles.map((role) => role?.kind ?? "own")).toEqual([
      "master",
      "follower",
      "follower",
      "own",
      "master",
      "follower",
      "own",
      "own",
      "own",
    ]);
    expect(roles[4]).toEqual({ kind: "master", si: 1, lastRow: 6 });
  });

  it("numbers the groups in the order their masters appear, across columns", () => {
    const cells = byRowThenColumn([
      ...column(2, 2, 3, (r) => ref(r, 1)),
      ...column(1, 2, 3, (r) => ref(r, 3)),
    ]);
    const roles = sharedFormulaRoles(cells);
    expect(cells.map((c) => `${c.col}${c.row}`)).toEqual(["12", "22", "13", "23"]);
    expect(roles).toEqual([
      { kind: "master", si: 0, lastRow: 3 },
      { kind: "master", si: 1, lastRow: 3 },
      { kind: "follower", si: 0 },
      { kind: "follower", si: 1 },
    ]);
  });
});

/** One column filled down from `base`: row `from` holds it at offset `firstOffset`, each next row one more. */
function filledColumn(
  col: number,
  from: number,
  to: number,
  base: FormulaNode,
  firstOffset = 0
): CellPlan[] {
  const cells: CellPlan[] = [];
  for (let row = from; row <= to; row++)
    cells.push({
      row,
      col,
      content: { kind: "filled", base, offset: firstOffset + row - from, cached: -1 },
    });
  return cells;
}

/** The same cells with each formula built as its own tree: what a writer without fills would see. */
const asTrees = (cells: CellPlan[]): CellPlan[] =>
  cells.map((cell) =>
    cell.content.kind === "filled"
      ? {
          ...cell,
          content: {
            kind: "formula",
            formula: shiftRowsModule.formulaOf(cell.content),
            cached: -1,
          },
        }
      : cell
  );

describe("sharedFormulaRoles over filled-down cells", () => {
  const base = op(ref(3, 1), "*", ref(1, 4, { absolute: true }));

  it("shares a filled column as one run, the same roles as comparing its trees gives", () => {
    const cells = filledColumn(2, 3, 7, base);
    const roles = sharedFormulaRoles(cells);
    expect(roles[0]).toEqual({ kind: "master", si: 0, lastRow: 7 });
    expect(roles.slice(1)).toEqual(Array(4).fill({ kind: "follower", si: 0 }));
    expect(roles).toEqual(sharedFormulaRoles(asTrees(cells)));
  });

  it("never builds a follower's tree: the fill's identity is the proof", () => {
    const built = jest.spyOn(shiftRowsModule, "formulaOf");
    const cells = filledColumn(2, 3, 52, base);
    expect(sharedFormulaRoles(cells).filter((r) => r?.kind === "follower")).toHaveLength(49);
    expect(built).not.toHaveBeenCalled();
    // A cell filled from another base is compared by its tree, and the spy sees it built: the failure twin.
    const other = op(ref(3, 1), "*", ref(1, 4, { absolute: true }));
    const mixed = [...filledColumn(2, 3, 4, base), ...filledColumn(2, 5, 5, other, 2)];
    expect(sharedFormulaRoles(mixed).map((r) => r?.kind)).toEqual([
      "master",
      "follower",
      "follower",
    ]);
    expect(built).toHaveBeenCalled();
    built.mockRestore();
  });

  it("never merges two different fills in one column", () => {
    const other = op(ref(3, 1), "*", ref(1, 5, { absolute: true }));
    const cells = [...filledColumn(2, 3, 5, base), ...filledColumn(2, 6, 8, other, 3)];
    const roles = sharedFormulaRoles(cells);
    expect(roles.map((r) => r?.kind)).toEqual([
      "master",
      "follower",
      "follower",
      "master",
      "follower",
      "follower",
    ]);
    expect(roles[0]).toEqual({ kind: "master", si: 0, lastRow: 5 });
    expect(roles[3]).toEqual({ kind: "master", si: 1, lastRow: 8 });
    expect(roles).toEqual(sharedFormulaRoles(asTrees(cells)));
  });

  it("breaks a run where the offset does not step with the row, or a row is missing", () => {
    const skipped = [
      ...filledColumn(2, 3, 4, base),
      // Row 5 holds the formula of offset 5, not 2: it is not row 3's formula moved down two rows.
      { row: 5, col: 2, content: { kind: "filled" as const, base, offset: 5, cached: -1 } },
    ];
    expect(sharedFormulaRoles(skipped).map((r) => r?.kind)).toEqual([
      "master",
      "follower",
      undefined,
    ]);
    const gap = [...filledColumn(2, 3, 4, base), ...filledColumn(2, 6, 7, base, 3)];
    expect(sharedFormulaRoles(gap).map((r) => r?.kind)).toEqual([
      "master",
      "follower",
      "master",
      "follower",
    ]);
  });

  it("stops sharing where a follower's refs would leave the sheet, as comparing trees does", () => {
    const deep = op(ref(3, 1), "+", ref(1_048_570, 2));
    expect(deepestRelativeRow(deep)).toBe(1_048_570);
    expect(deepestRelativeRow(op(ref(9, 1, { absolute: "row" }), "+", num(1)))).toBe(0);
    // Offsets 0…7 on rows 3…10: offset 7 would put the second ref on row 1,048,577.
    const cells = filledColumn(2, 3, 10, deep);
    const roles = sharedFormulaRoles(cells);
    expect(roles[0]).toEqual({ kind: "master", si: 0, lastRow: 9 });
    expect(roles[7]).toBeUndefined();
    expect(sharedFormulaRoles(asTrees(cells.slice(0, 7)))).toEqual(
      sharedFormulaRoles(cells.slice(0, 7))
    );
  });

  it("lets a cell without a fill join a filled run when its tree is the master moved down", () => {
    const cells: CellPlan[] = [
      ...filledColumn(2, 3, 4, base),
      { row: 5, col: 2, content: { kind: "formula", formula: shiftRows(base, 2), cached: -1 } },
      { row: 6, col: 2, content: { kind: "formula", formula: shiftRows(base, 4), cached: -1 } },
    ];
    expect(sharedFormulaRoles(cells).map((r) => r?.kind)).toEqual([
      "master",
      "follower",
      "follower",
      undefined,
    ]);
  });
});

const DATA = "数据";
const OTHER = "其他 表";
const FIRST = 2;
const LAST = 7;

/**
 * Rows 2–7 of 数据: A = row − 1; D1 = 10; 其他 表!A = 10 × (row − 1); defined name 基数 = 100. Every formula
 * column caches -1, deliberately wrong: only a spreadsheet that computes the shared formulas shows the values below.
 */
function sharedPlan(): WorkbookPlan {
  const values = (sheet: string, scale: number): SheetPlan => ({
    name: sheet,
    cells: Array.from({ length: LAST - FIRST + 1 }, (_u, i) => ({
      row: FIRST + i,
      col: 1,
      content: { kind: "number", value: (i + 1) * scale },
    })),
    columns: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
  });
  const other = values(OTHER, 10);
  const data = values(DATA, 1);
  const cells: CellPlan[] = [
    { row: 1, col: 4, content: { kind: "number", value: 10 } },
    ...data.cells,
    // B = A*2 + $D$1
    ...column(2, FIRST, LAST, (r) =>
      op(op(ref(r, 1), "*", num(2)), "+", ref(1, 4, { absolute: true }))
    ),
    // C = '其他 表'!A + 基数
    ...column(3, FIRST, LAST, (r) => op(ref(r, 1, { sheet: OTHER }), "+", name("基数"))),
    // E = SUM($A$2:A): a running total
    ...column(5, FIRST, LAST, (r) => call("SUM", range("$A$2", { row: r, col: 1 }))),
    // F = A + 1, except F5 = A5 + 2: two groups around a formula of its own
    ...column(6, FIRST, LAST, (r) => op(ref(r, 1), "+", num(r === 5 ? 2 : 1))),
    // G = A$2 + A
    ...column(7, FIRST, LAST, (r) => op(ref(FIRST, 1, { absolute: "row" }), "+", ref(r, 1))),
  ];
  return {
    sheets: [other, { ...data, cells: byRowThenColumn(cells) }],
    names: [{ name: "基数", refersTo: num(100) }],
    styles: {},
  };
}

/** What each formula column must compute on `row`, from the definitions above. */
function expectedRow(row: number): Record<string, number> {
  const a = row - 1;
  return {
    B: a * 2 + 10,
    C: 10 * a + 100,
    E: (a * (a + 1)) / 2,
    F: a + (row === 5 ? 2 : 1),
    G: 1 + a,
  };
}

function sheetPart(bytes: Uint8Array, sheetName: string): XmlElement {
  const parts = unzipParts(bytes);
  const workbook = parseXml(partText(parts, "xl/workbook.xml"));
  const relId = descendants(workbook, "sheet").find((s) => s.attributes["name"] === sheetName)
    ?.attributes["r:id"];
  const rels = parseXml(partText(parts, "xl/_rels/workbook.xml.rels"));
  const target = rels.children.find((r) => r.attributes["Id"] === relId)?.attributes["Target"];
  return parseXml(partText(parts, `xl/${target}`));
}

describe("shared formulas in the written worksheet", () => {
  let bytes: Uint8Array;
  let cellsByRef: Map<string, XmlElement>;
  beforeAll(async () => {
    bytes = await writePlanToXlsx(emptyWorkbookBytes(), sharedPlan());
    cellsByRef = new Map(
      descendants(sheetPart(bytes, DATA), "c").map((c) => [c.attributes["r"] as string, c])
    );
  });
  const formulaOf = (a1: string): XmlElement | undefined => child(cellsByRef.get(a1)!, "f");

  it("writes the formula text once, on the master, with the range it covers", () => {
    expect(formulaOf("B2")?.attributes).toEqual({ t: "shared", ref: "B2:B7", si: "0" });
    expect(formulaOf("B2")?.text).toBe("A2*2+$D$1");
    expect(formulaOf("C2")?.text).toBe("'其他 表'!A2+基数");
    expect(formulaOf("E2")?.text).toBe("SUM($A$2:A2)");
  });

  it("writes followers as the group id alone, each with its own cached value", () => {
    expect(formulaOf("B5")?.attributes).toEqual({ t: "shared", si: "0" });
    expect(formulaOf("B5")?.text ?? "").toBe("");
    for (let row = FIRST; row <= LAST; row++)
      expect(child(cellsByRef.get(`B${row}`)!, "v")?.text).toBe("-1");
  });

  it("gives a formula that breaks a run a formula of its own, and shares on either side", () => {
    expect(formulaOf("F2")?.attributes).toEqual({ t: "shared", ref: "F2:F4", si: "3" });
    expect(formulaOf("F5")?.attributes).toEqual({});
    expect(formulaOf("F5")?.text).toBe("A5+2");
    expect(formulaOf("F6")?.attributes).toEqual({ t: "shared", ref: "F6:F7", si: "5" });
    expect(formulaOf("F7")?.attributes).toEqual({ t: "shared", si: "5" });
  });

  it("reads back in ExcelJS as each row’s own formula", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet(DATA)!;
    expect(sheet.getCell("B6").formula).toBe("A6*2+$D$1");
    expect(sheet.getCell("C7").formula).toBe("'其他 表'!A7+基数");
    expect(sheet.getCell("E4").formula).toBe("SUM($A$2:A4)");
    expect(sheet.getCell("G5").formula).toBe("A$2+A5");
    expect(sheet.getCell("B6").result).toBe(-1);
  });
});

describe("a filled-down column in the written worksheet", () => {
  const base = call("IF", op(ref(2, 1), ">", ref(1, 4, { absolute: true })), ref(2, 1), num(0));
  const plan: WorkbookPlan = {
    sheets: [
      {
        name: DATA,
        cells: [
          { row: 1, col: 4, content: { kind: "number", value: 3 } },
          ...byRowThenColumn([
            ...Array.from({ length: LAST - FIRST + 1 }, (_u, i): CellPlan => ({
              row: FIRST + i,
              col: 1,
              content: { kind: "number", value: FIRST + i },
            })),
            ...filledColumn(2, FIRST, LAST, base),
          ]),
        ],
        columns: [],
        merges: [],
        validations: [],
        conditionalFormats: [],
      },
    ],
    names: [],
    styles: {},
  };

  it("writes one master and followers that expand to each row's own formula", async () => {
    const bytes = await writePlanToXlsx(emptyWorkbookBytes(), plan);
    const cells = new Map(
      descendants(sheetPart(bytes, DATA), "c").map((c) => [c.attributes["r"] as string, c])
    );
    expect(child(cells.get("B2")!, "f")?.attributes).toEqual({
      t: "shared",
      ref: "B2:B7",
      si: "0",
    });
    expect(child(cells.get("B3")!, "f")?.attributes).toEqual({ t: "shared", si: "0" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet(DATA)!;
    for (let row = FIRST; row <= LAST; row++) {
      expect(sheet.getCell(`B${row}`).formula).toBe(
        unparse(shiftRows(base, row - FIRST), "ooxml", DATA)
      );
    }
    expect(sheet.getCell("B7").formula).toBe("IF(A7>$D$1,A7,0)");
  });
});

describeWithSoffice("LibreOffice recalculates shared formulas", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "shifan-shared-formulas-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("computes every row of every group, whatever the cached value said", async () => {
    const input = path.join(work, "shared.xlsx");
    writeFileSync(input, await writePlanToXlsx(emptyWorkbookBytes(), sharedPlan()));
    const [output] = await recalculateWorkbooks([input], path.join(work, "out"), {
      timeoutMs: 180_000,
    });
    const computed = (await readComputedValues(output as string, [DATA])).get(DATA);
    for (let row = FIRST; row <= LAST; row++) {
      for (const [col, value] of Object.entries(expectedRow(row)))
        expect([`${col}${row}`, computed?.get(`${col}${row}`)]).toEqual([`${col}${row}`, value]);
    }
  }, 200_000);
});

describeWithSoffice("LibreOffice's default mode and cached values", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "shifan-cached-values-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Why formulas calling COUNTIFS (考核表's rank) are never shared: LibreOffice, not told to recalculate on load,
  // computes a shared formula's cells again when it saves, but keeps the cached value of one written in its own cell.
  it("recomputes shared-formula cells and keeps the cached value of a COUNTIFS written in each cell", async () => {
    const cachedWrong = (row: number, counting: boolean): CellPlan => ({
      row,
      col: 2,
      content: {
        kind: "filled",
        base: counting
          ? op(call("COUNTIFS", range("$A$1", "$A$4"), op(text("<="), "&", ref(1, 1))), "*", num(2))
          : op(ref(1, 1), "*", num(2)),
        offset: row - 1,
        cached: 999,
      },
    });
    const values = [1, 2, 3, 4].map((v): CellPlan => ({
      row: v,
      col: 1,
      content: { kind: "number", value: v },
    }));
    const sheet = (name: string, unshared: boolean): SheetPlan => ({
      name,
      cells: byRowThenColumn([...values, ...[1, 2, 3, 4].map((r) => cachedWrong(r, unshared))]),
      columns: [],
      merges: [],
      validations: [],
      conditionalFormats: [],
    });
    const input = path.join(work, "cached.xlsx");
    const plan: WorkbookPlan = {
      sheets: [sheet("共享", false), sheet("逐格", true)],
      names: [],
      styles: {},
    };
    writeFileSync(input, await writePlanToXlsx(emptyWorkbookBytes(), plan));
    const [output] = await recalculateWorkbooks([input], path.join(work, "out"), {
      timeoutMs: 180_000,
      recalculateOnLoad: false,
    });
    const computed = await readComputedValues(output as string, ["共享", "逐格"]);
    expect([1, 2, 3, 4].map((r) => computed.get("共享")?.get(`B${r}`))).toEqual([2, 4, 6, 8]);
    expect([1, 2, 3, 4].map((r) => computed.get("逐格")?.get(`B${r}`))).toEqual([
      999, 999, 999, 999,
    ]);
  }, 200_000);
});

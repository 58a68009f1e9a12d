import {
  isDateNumberFormat,
  parseAreasAddress,
  rawCellFromOfficeJs,
} from "../../../src/adapters/officejs/cellReading";
import {
  FAKE_REQUEST_LIMIT_BYTES,
  FakeWorkbook,
} from "../../../src/adapters/officejs/fake/FakeExcel";
import { syntheticAssessmentPlan } from "../../../src/adapters/officejs/fake/syntheticPlan";
import {
  ApplyCancelledError,
  DEFAULT_MAX_REQUEST_BYTES,
  OfficeJsPlanSink,
  OfficeJsWorkbookSource,
  hostCapabilities,
  officeExcelHost,
  readCellValues,
  selectCell,
  writeInputCells,
} from "../../../src/adapters/officejs/OfficeJsWorkbook";
import { READ_BUDGET_BYTES, readAreas } from "../../../src/adapters/officejs/blockReads";
import {
  columnWidthPoints,
  packSteps,
  styleRectangles,
} from "../../../src/adapters/officejs/planSteps";
import type {
  CellPlan,
  RawCell,
  SheetGrid,
  SheetPlan,
  WorkbookGrid,
  WorkbookPlan,
} from "../../../src/engine";
import { BUILTIN_RUBRICS, cellAt, formula, note, noteMessage } from "../../../src/engine";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { compileAssessment } from "../../../src/engine/plan/compileAssessment";

const text = (value: string): RawCell => ({ type: "text", text: value });

function sourceGrid(extra: Partial<SheetGrid> = {}): WorkbookGrid {
  return {
    sheets: [
      {
        name: "名单",
        hidden: false,
        rows: [
          [text("名称"), text("得分")],
          [text("城关镇党委"), { type: "number", value: 90 }],
        ],
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
        ...extra,
      },
    ],
  };
}

/** A one-sheet plan of `rows` text rows, each `width` long. */
function textPlan(rows: number, width = 5, name = "结果"): WorkbookPlan {
  const cells: CellPlan[] = [];
  for (let row = 1; row <= rows; row++)
    for (let col = 1; col <= width; col++)
      cells.push({ row, col, content: { kind: "text", text: `第${row}行第${col}列` } });
  return {
    sheets: [{ name, cells, columns: [], merges: [], validations: [], conditionalFormats: [] }],
    names: [],
    styles: {},
  };
}

const MB4 = DEFAULT_MAX_REQUEST_BYTES;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe("OfficeJsPlanSink: requests", () => {
  it("keeps every request under 5 MB for 10,000 nominees × 25 columns, in at most ⌈total / 4 MB⌉ + 3 syncs", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await new OfficeJsPlanSink(book.host()).apply(
      syntheticAssessmentPlan({ nominees: 10_000, columns: 25 })
    );
    const total = sum(book.stats.requestBytes);
    const goal = Math.ceil(total / MB4) + 3;
    console.log(
      `10,000 × 25: ${book.stats.syncs} syncs (goal ≤ ${goal}), largest request ${book.stats.largestRequest} bytes, total ${total} bytes`
    );
    expect(book.stats.largestRequest).toBeLessThan(FAKE_REQUEST_LIMIT_BYTES);
    expect(book.stats.largestRequest).toBeLessThanOrEqual(MB4);
    expect(book.stats.syncs).toBeLessThanOrEqual(goal);
    expect(book.stats.syncs).toBeGreaterThan(2); // it really was more than one request
    expect(book.cellValue("考核", "B10001")).toBe("社区党组织第10000示范点"); // nominee 9,999 (0-based) has sector 9999 mod 6 = 3;
    // 12 text columns, 8 input columns (M:T), then the total in U
    expect(book.cellFormula("考核", "U10001")).toBe("=ROUND(SUM(M10001:T10001),2)");
    expect(book.protection("考核").protected).toBe(true);
  });

  it("fails loudly with a budget above what Excel on the web accepts (the fake refuses the request)", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const sink = new OfficeJsPlanSink(book.host(), { maxRequestBytes: 50_000_000 });
    await expect(
      sink.apply(syntheticAssessmentPlan({ nominees: 10_000, columns: 25 }))
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  it("syncs once per request, not per row: 10 rows and 1,000 rows both take one load, one write and one recalculation", async () => {
    for (const rows of [10, 1_000]) {
      const book = FakeWorkbook.fromGrid(sourceGrid());
      await new OfficeJsPlanSink(book.host()).apply(textPlan(rows));
      expect(book.stats.syncs).toBe(3);
    }
  });

  it("suspends calculation in every write request and recalculates once, after the last", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const totals: number[] = [];
    await new OfficeJsPlanSink(book.host(), { maxRequestBytes: 60_000 }).apply(textPlan(1_500), {
      progress: (_done, total) => totals.push(total),
    });
    const chunks = totals[0] ?? 0;
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(book.calculationLog).toEqual([
      ...Array.from({ length: chunks }, () => "suspend"),
      "calculate Full",
    ]);
  });

  it("does not recalculate after a cancel: the sheets it wrote are gone again", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const cancel = { cancelled: false };
    await expect(
      new OfficeJsPlanSink(book.host(), { maxRequestBytes: 60_000 }).apply(textPlan(1_500), {
        cancel,
        progress: () => (cancel.cancelled = true),
      })
    ).rejects.toThrow(ApplyCancelledError);
    expect(book.calculationLog).toEqual(["suspend"]);
  });

  it("syncs once per chunk when the plan needs three or more requests", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const totals: number[] = [];
    const budget = 60_000;
    await new OfficeJsPlanSink(book.host(), { maxRequestBytes: budget }).apply(textPlan(1_500), {
      progress: (_done, total) => totals.push(total),
    });
    const chunks = totals[0] ?? 0;
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(book.stats.syncs).toBe(1 + chunks + 1);
    expect(book.stats.largestRequest).toBeLessThanOrEqual(budget);
  });

  it("reports progress after each request, ending with done = total", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const calls: [number, number, string][] = [];
    await new OfficeJsPlanSink(book.host(), { maxRequestBytes: 40_000 }).apply(
      syntheticAssessmentPlan({ nominees: 300, columns: 12 }),
      {
        progress: (done, total, stage) => calls.push([done, total, stage]),
      }
    );
    const total = calls[0]?.[1] ?? 0;
    expect(total).toBeGreaterThan(1);
    expect(calls.map((c) => c[0])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(calls[calls.length - 1]?.[2]).toBe("protection");
  });
});

describe("OfficeJsPlanSink: cancel", () => {
  it("deletes the partly written sheets and names when cancelled between requests", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const cancel = { cancelled: false };
    const sink = new OfficeJsPlanSink(book.host(), { maxRequestBytes: 100_000 });
    const applying = sink.apply(syntheticAssessmentPlan({ nominees: 500, columns: 12 }), {
      cancel,
      progress: (done) => {
        if (done === 1) cancel.cancelled = true;
      },
    });
    await expect(applying).rejects.toBeInstanceOf(ApplyCancelledError);
    await applying.catch((error: ApplyCancelledError) =>
      expect(error.removedSheets).toEqual(["考核", "汇总"])
    );
    expect(book.sheetNames()).toEqual(["名单"]);
    expect(book.definedNames()).toEqual([]);
    expect(book.toGrid()).toEqual(FakeWorkbook.fromGrid(sourceGrid()).toGrid());
  });

  it("writes everything when nobody cancels", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await new OfficeJsPlanSink(book.host(), { maxRequestBytes: 100_000 }).apply(
      syntheticAssessmentPlan({ nominees: 500, columns: 12 }),
      { cancel: { cancelled: false } }
    );
    expect(book.sheetNames()).toEqual(["名单", "考核", "汇总"]);
  });

  it("writes nothing when cancelled before it starts", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await expect(
      new OfficeJsPlanSink(book.host()).apply(textPlan(3), { cancel: { cancelled: true } })
    ).rejects.toThrow(/before anything was written/);
    expect(book.stats.syncs).toBe(0);
  });

  it("says which earlier sheets were already replaced when a re-apply is cancelled", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const sink = new OfficeJsPlanSink(book.host(), { maxRequestBytes: 60_000 });
    await sink.apply(textPlan(1_500));
    const cancel = { cancelled: false };
    const error = await sink
      .apply(textPlan(1_500), { cancel, progress: () => (cancel.cancelled = true) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyCancelledError);
    expect((error as ApplyCancelledError).replacedSheets).toEqual(["结果"]);
    expect((error as Error).message).toMatch(/结果/);
    expect(book.sheetNames()).toEqual(["名单"]);
  });
});

describe("OfficeJsPlanSink: a refused request", () => {
  it("removes what it wrote and passes on the error", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const base = textPlan(1_500);
    // Two overlapping merges: Excel refuses the second, in a request after the values were written.
    const broken: WorkbookPlan = {
      ...base,
      sheets: [
        {
          ...base.sheets[0]!,
          merges: [
            { top: 1, left: 1, bottom: 1, right: 2 },
            { top: 1, left: 2, bottom: 1, right: 3 },
          ],
        },
      ],
    };
    const progress: number[] = [];
    await expect(
      new OfficeJsPlanSink(book.host(), { maxRequestBytes: 60_000 }).apply(broken, {
        progress: (done) => progress.push(done),
      })
    ).rejects.toThrow(/overlaps a merged area/);
    expect(progress.length).toBeGreaterThan(0); // earlier requests had gone through
    expect(book.sheetNames()).toEqual(["名单"]);
  });
});

describe("OfficeJsPlanSink: what it writes", () => {
  const plan = (): WorkbookPlan => ({
    sheets: [
      {
        name: "评分",
        cells: [
          { row: 1, col: 1, content: { kind: "text", text: "=SUM(A1)" }, style: "header" },
          {
            row: 1,
            col: 2,
            content: { kind: "text", text: "见名单" },
            link: { sheet: "名单", cell: "A2" },
          },
          { row: 2, col: 1, content: { kind: "date", serial: 45306 } },
          { row: 2, col: 2, content: { kind: "blank" }, style: "input" },
          { row: 3, col: 2, content: { kind: "number", value: 1 }, style: "input" },
          {
            row: 2,
            col: 3,
            content: {
              kind: "formula",
              formula: formula.op(formula.ref(2, 2), "*", formula.name("Weight")),
              cached: 0,
            },
          },
        ],
        columns: [
          { col: 1, width: 20 },
          { col: 4, hidden: true },
        ],
        merges: [{ top: 5, left: 1, bottom: 5, right: 3 }],
        validations: [
          {
            range: { top: 2, left: 2, bottom: 3, right: 2 },
            rule: { type: "whole", min: formula.num(0), max: formula.num(10) },
            allowBlank: false,
            error: { title: "t", text: "x" },
          },
          {
            range: { top: 2, left: 4, bottom: 3, right: 4 },
            rule: { type: "list", choices: ["是", "否"] },
            allowBlank: true,
            error: { title: "t", text: "x" },
          },
        ],
        conditionalFormats: [
          {
            range: { top: 2, left: 3, bottom: 3, right: 3 },
            when: formula.op(formula.ref(2, 3), ">", formula.num(5)),
            style: { fill: "FFC7CE", bold: true },
            priority: 2,
          },
          {
            range: { top: 2, left: 3, bottom: 3, right: 3 },
            when: formula.op(formula.ref(2, 3), ">", formula.num(9)),
            style: { fontColor: "9C0006" },
            priority: 1,
          },
        ],
        freeze: { rows: 1, columns: 0 },
        autoFilter: { top: 1, left: 1, bottom: 3, right: 3 },
        protection: {},
        print: {
          orientation: "landscape",
          paper: "A4",
          repeatRows: { first: 1, last: 1 },
          fitToWidth: true,
        },
        tabColor: "4472C4",
      },
      {
        name: "隐藏",
        cells: [{ row: 1, col: 1, content: { kind: "number", value: 1 } }],
        columns: [],
        merges: [],
        validations: [],
        conditionalFormats: [],
        visibility: "hidden",
      },
    ],
    names: [{ name: "Weight", refersTo: formula.num(0.5), comment: "权重" }],
    styles: {
      header: { bold: true, fill: "DDEBF7", numberFormat: "0.0" },
      input: { locked: false, numberFormat: "0.0" },
    },
  });

  it("writes text with the text format, whatever the style says, and dates with a date format", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await new OfficeJsPlanSink(book.host()).apply(plan());
    expect(book.cellNumberFormat("评分", "A1")).toBe("@");
    expect(book.cellFormula("评分", "A1")).toBeNull();
    expect(book.cellValue("评分", "A1")).toBe("=SUM(A1)");
    expect(book.cellValue("评分", "A2")).toBe(45306);
    expect(book.cellNumberFormat("评分", "A2")).toBe("yyyy-mm-dd");
    expect(book.cellNumberFormat("评分", "B2")).toBe("0.0");
  });

  it("writes formulas, names, styles, merges, columns, links and sheet settings", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const applied = await new OfficeJsPlanSink(book.host()).apply(plan());
    expect(book.cellFormula("评分", "C2")).toBe("=B2*Weight");
    expect(book.definedNames()).toEqual([
      { name: "Weight", reference: "=0.5", comment: "权重", visible: true },
    ]);
    expect(book.cellFormat("评分", "A1")).toMatchObject({ bold: true, fill: "#DDEBF7" });
    expect(book.cellFormat("评分", "B3")).toMatchObject({ locked: false });
    expect(book.cellFormat("评分", "A2").locked).toBeUndefined();
    expect(book.merges("评分")).toEqual(["A5:C5"]);
    expect(book.columnWidth("评分", "A")).toBe(columnWidthPoints(20));
    expect(book.isColumnHidden("评分", "D")).toBe(true);
    expect(book.cellHyperlink("评分", "B1")).toEqual({ documentReference: "'名单'!A2" });
    expect(book.freeze("评分")).toEqual({ rows: 1, columns: 0 });
    expect(book.autoFilter("评分")).toBe("A1:C3");
    expect(book.pageLayout("评分")).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      printTitleRows: "$1:$1",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, // never squeezed to one page tall
    });
    expect(book.sheetTabColor("评分")).toBe("#4472C4");
    expect(book.sheetVisibility("隐藏")).toBe("Hidden");
    expect(book.protection("评分")).toEqual({
      protected: true,
      options: {
        allowAutoFilter: true,
        allowSort: true,
        allowFormatColumns: true,
        allowFormatRows: true,
      },
    });
    expect(applied.notes).toEqual([]);
  });

  it("prints a wide sheet at its scale with id and name repeated, a Chinese footer, and tall header rows", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const base = plan();
    const [first, ...rest] = base.sheets;
    const wide: SheetPlan = {
      ...(first as SheetPlan),
      rows: [{ row: 1, height: 33 }],
      print: {
        orientation: "landscape",
        paper: "A4",
        repeatRows: { first: 1, last: 2 },
        repeatColumns: { first: 1, last: 2 },
        scale: 70,
        header: { right: [{ field: "sheet" }] },
        footer: { center: ["第 ", { field: "page" }, " 页 & ", { field: "pages" }] },
      },
    };
    await new OfficeJsPlanSink(book.host()).apply({ ...base, sheets: [wide, ...rest] });
    expect(book.pageLayout("评分")).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      printTitleRows: "$1:$2",
      printTitleColumns: "$A:$B",
      zoom: { scale: 70 },
      headersFooters: { rightHeader: "&A", centerFooter: "第 &P 页 && &N" },
    });
    expect(book.rowHeight("评分", 1)).toBe(33);
    expect(book.rowHeight("评分", 2)).toBeNull();
  });

  it("writes validations with a stop alert, and conditional formats with their formula in priority order", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await new OfficeJsPlanSink(book.host()).apply(plan());
    expect(book.validations("评分")).toEqual([
      {
        range: "B2:B3",
        rule: { wholeNumber: { formula1: "=0", formula2: "=10", operator: "Between" } },
        errorAlert: { showAlert: true, style: "Stop", title: "t", message: "x" },
        ignoreBlanks: false,
      },
      {
        range: "D2:D3",
        rule: { list: { inCellDropDown: true, source: "是,否" } },
        errorAlert: { showAlert: true, style: "Stop", title: "t", message: "x" },
        ignoreBlanks: true,
      },
    ]);
    // Precedence order: priority 1 before priority 2, whatever order the plan lists them in.
    expect(book.conditionalFormats("评分")).toEqual([
      {
        range: "C2:C3",
        type: "Custom",
        formula: "=C2>9",
        fontColor: "#9C0006",
        priority: 0,
        stopIfTrue: false,
      },
      {
        range: "C2:C3",
        type: "Custom",
        formula: "=C2>5",
        fill: "#FFC7CE",
        bold: true,
        priority: 0,
        stopIfTrue: false,
      },
    ]);
  });

  it("skips the filter and print setup on ExcelApi 1.8 and returns what it skipped", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const applied = await new OfficeJsPlanSink(book.host({ apiVersion: "1.8" })).apply(plan());
    expect(book.autoFilter("评分")).toBeNull();
    expect(book.pageLayout("评分")).toEqual({});
    expect(applied.notes).toEqual([
      note("not_rendered", { part: "filter", sheets: ["评分"], needs: "1.9" }),
      note("not_rendered", { part: "print_setup", sheets: ["评分"], needs: "1.9" }),
    ]);
    expect(applied.notes.map((found) => noteMessage(found))).toEqual([
      "“评分”：未添加筛选按钮，此 Excel 缺少 ExcelApi 1.9 / " +
        '"评分": no filter buttons; this Excel lacks ExcelApi 1.9',
      "“评分”：未设置打印格式，此 Excel 缺少 ExcelApi 1.9 / " +
        '"评分": no print setup; this Excel lacks ExcelApi 1.9',
    ]);
  });

  it("writes no data validation on ExcelApi 1.7 (volume-licensed Office 2019) and says so", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const applied = await new OfficeJsPlanSink(book.host({ apiVersion: "1.7" })).apply(plan());
    expect(book.validations("评分")).toEqual([]);
    expect(book.cellFormula("评分", "C2")).toBe("=B2*Weight"); // the rest of the sheet is there
    expect(book.conditionalFormats("评分")).toHaveLength(2);
    expect(applied.notes).toEqual([
      note("not_rendered", { part: "validation", sheets: ["评分"], needs: "1.8" }),
      note("not_rendered", { part: "filter", sheets: ["评分"], needs: "1.9" }),
      note("not_rendered", { part: "print_setup", sheets: ["评分"], needs: "1.9" }),
    ]);
  });

  it("refuses data validation on a fake ExcelApi 1.7 host, as Excel there has none", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await expect(
      book.host({ apiVersion: "1.7" }).run(async (context) => {
        context.workbook.worksheets.getItem("名单").getRange("B2").dataValidation.ignoreBlanks =
          true;
        await context.sync();
      })
    ).rejects.toThrow(/ApiNotFound: Range.dataValidation needs ExcelApi 1.8; this host has 1.7/);
  });

  it("returns that cell notes were not written, on any Excel", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const withNote = textPlan(1);
    const applied = await new OfficeJsPlanSink(book.host()).apply({
      ...withNote,
      sheets: [
        {
          ...withNote.sheets[0]!,
          cells: [{ row: 1, col: 1, content: { kind: "text", text: "a" }, note: "说明" }],
        },
      ],
    });
    expect(applied.notes).toEqual([
      note("not_rendered", { part: "cell_notes", sheets: ["结果"], needs: null }),
    ]);
  });

  it("replaces sheets and names when applied twice, leaving the source sheet first", async () => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    const sink = new OfficeJsPlanSink(book.host());
    await sink.apply(plan());
    await sink.apply(plan());
    expect(book.sheetNames()).toEqual(["名单", "评分", "隐藏"]);
    expect(book.definedNames()).toHaveLength(1);
    expect(book.validations("评分")).toHaveLength(2);
  });
});

describe("planSteps helpers", () => {
  it("packs steps in order and refuses a step larger than the budget", () => {
    const step = (bytes: number) => ({ stage: "values" as const, bytes, queue: () => undefined });
    expect(
      packSteps([step(40), step(40), step(40), step(10)], 100).map((chunk) =>
        chunk.map((s) => s.bytes)
      )
    ).toEqual([
      [40, 40],
      [40, 10],
    ]);
    expect(() => packSteps([step(101)], 100)).toThrow(/exceeds/);
  });

  it("gathers column-uniform styles into one rectangle per column run", () => {
    const cells: CellPlan[] = [];
    for (let row = 2; row <= 100; row++) {
      cells.push(
        { row, col: 1, content: { kind: "blank" }, style: "input" },
        { row, col: 2, content: { kind: "blank" }, style: "input" }
      );
      cells.push({ row, col: 3, content: { kind: "blank" }, style: row % 2 ? "number" : "score" });
    }
    const rects = styleRectangles(cells);
    expect(rects.filter((r) => r.style === "input")).toEqual([
      { style: "input", range: { top: 2, left: 1, bottom: 100, right: 2 } },
    ]);
    expect(rects.filter((r) => r.style === "number")).toHaveLength(49); // alternating rows cannot be stacked
  });
});

describe("OfficeJsWorkbookSource", () => {
  it("reads a large sheet in several bounded requests and loses no cell", async () => {
    const rows: RawCell[][] = Array.from({ length: 12_000 }, (_, r) =>
      Array.from({ length: 6 }, (_, c) =>
        c === 0 ? text(`单位${r}`) : { type: "number", value: r * 10 + c }
      )
    );
    const book = FakeWorkbook.fromGrid({
      sheets: [
        { name: "大表", hidden: false, rows, merges: [], hiddenRows: [], hiddenColumns: [] },
      ],
    });
    const grid = await new OfficeJsWorkbookSource(book.host()).read();
    const sheet = grid.sheets[0]!;
    expect(cellAt(sheet, 12_000, 6)).toEqual(
      { type: "number", value: 119_995 } /* row 11,999 (0-based) × 10 + column 5 */
    );
    expect(cellAt(sheet, 1, 1)).toEqual(text("单位0"));
    // sheet list + used range, the first 50 rows, then the rest in one request: short rows weigh little
    expect(book.stats.syncs).toBe(2 + 2);
    expect(book.stats.largestRequest).toBeLessThan(100_000);
    expect(book.stats.largestResponse).toBeLessThan(READ_BUDGET_BYTES);
  });

  /** 2,000 nominations whose 事迹 column holds about 300 characters each: some 5.6 MB as office-js returns it. */
  function longTextBook(rows = 2_000, deedsFrom = 0, deedsLength = 300): FakeWorkbook {
    const deed = (r: number): string =>
      `${r}号：`
        .concat("坚持党建引领，创新基层治理，群众满意度持续提升。".repeat(200))
        .slice(0, deedsLength);
    return FakeWorkbook.fromGrid({
      sheets: [
        {
          name: "推荐汇总",
          hidden: false,
          rows: [
            [text("名称"), text("类别"), text("事迹"), text("得分")],
            ...Array.from({ length: rows }, (_, r) => [
              text(`第${r + 1}示范点`),
              text("社区党组织"),
              text(r + 1 >= deedsFrom ? deed(r + 1) : "—"),
              { type: "number" as const, value: r % 100 },
            ]),
          ],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
        },
      ],
    });
  }

  it("reads 2,000 rows of 300-character 事迹 with every response under 5 MB", async () => {
    const book = longTextBook();
    const grid = await new OfficeJsWorkbookSource(book.host()).read();
    const sheet = grid.sheets[0]!;
    expect(sheet.rows).toHaveLength(2_001);
    expect(cellAt(sheet, 2_001, 1)).toEqual(text("第2000示范点"));
    const deed = cellAt(sheet, 1_500, 3);
    expect(deed?.type === "text" && deed.text.length).toBe(300);
    expect(book.stats.largestResponse).toBeLessThan(FAKE_REQUEST_LIMIT_BYTES);
    expect(sum(book.stats.responseBytes)).toBeGreaterThan(FAKE_REQUEST_LIMIT_BYTES); // one response would not do
    expect(book.stats.syncs).toBe(book.stats.responseBytes.length); // nothing was refused
  });

  it("would have been refused as one response: the fake enforces the 5 MB limit on what comes back", async () => {
    const book = longTextBook();
    await expect(
      book.host().run(async (context) => {
        context.workbook.worksheets
          .getItem("推荐汇总")
          .getRange("A1:D2001")
          .load("values,valueTypes,numberFormat,formulas");
        await context.sync();
      })
    ).rejects.toThrow(/ResponsePayloadSizeLimitExceeded/);
  });

  it("sends a refused request again in halves when rows further down are longer than the first ones", async () => {
    // The first 50 rows are short; from row 60 on, each 事迹 has 3,000 characters.
    const book = longTextBook(1_200, 60, 3_000);
    const sheet = (await new OfficeJsWorkbookSource(book.host()).read()).sheets[0]!;
    const deed = cellAt(sheet, 1_201, 3);
    expect(deed?.type === "text" && deed.text.length).toBe(3_000);
    expect(cellAt(sheet, 1_201, 4)).toEqual({ type: "number", value: 99 });
    expect(book.stats.syncs).toBeGreaterThan(book.stats.responseBytes.length); // at least one was refused
    expect(book.stats.largestResponse).toBeLessThan(FAKE_REQUEST_LIMIT_BYTES);
  });

  it("reads rows wider than the budget in slices of columns", async () => {
    const row = (r: number) =>
      Array.from({ length: 40 }, (_, c) => text(`${r}-${c}`.padEnd(500, "字")));
    const rows = Array.from({ length: 60 }, (_, r) => row(r));
    const book = FakeWorkbook.fromGrid({
      sheets: [{ name: "宽", hidden: false, rows, merges: [], hiddenRows: [], hiddenColumns: [] }],
    });
    const read: string[] = [];
    const stats = await book.host().run((context) =>
      readAreas(
        context,
        [
          {
            worksheet: context.workbook.worksheets.getItem("宽"),
            rowIndex: 0,
            columnIndex: 0,
            rowCount: 60,
            columnCount: 40,
            probeRows: false,
          },
        ],
        (block) => read.push(`${block.row}:${block.col}+${block.cols}`),
        { budgetBytes: 100_000 }
      )
    );
    // Each row weighs some 240 KB: after the sample, every block is a slice of one row's columns.
    const slices = read.filter((entry) => !entry.endsWith(":0+40"));
    expect(slices.length).toBeGreaterThan(30);
    expect(book.stats.responseBytes.slice(-slices.length).every((bytes) => bytes < 150_000)).toBe(
      true
    );
    expect(stats.requests).toBeGreaterThan(slices.length);
    const sheet = (await new OfficeJsWorkbookSource(book.host()).read()).sheets[0]!;
    expect(cellAt(sheet, 60, 40)).toEqual(rows[59]?.[39]);
    expect(cellAt(sheet, 1, 1)).toEqual(rows[0]?.[0]);
  });

  it("keeps the used range where it is: rows and columns before it stay blank", async () => {
    const book = FakeWorkbook.fromGrid({
      sheets: [
        {
          name: "S",
          hidden: false,
          rows: [undefined, undefined, [null, null, text("x")]],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
        },
      ],
    });
    const sheet = (await new OfficeJsWorkbookSource(book.host()).read()).sheets[0]!;
    expect(cellAt(sheet, 3, 3)).toEqual(text("x"));
    expect(sheet.rows).toHaveLength(3);
    expect(cellAt(sheet, 1, 1)).toBeNull();
  });

  it("reads hidden rows and columns, and hidden sheets", async () => {
    const book = FakeWorkbook.fromGrid({
      sheets: [
        {
          ...sourceGrid().sheets[0]!,
          rows: [[text("a"), text("b"), text("c")], [text("d")], [text("e")]],
          hiddenRows: [2],
          hiddenColumns: [2],
        },
        { ...sourceGrid().sheets[0]!, name: "旧表", hidden: true },
      ],
    });
    const grid = await new OfficeJsWorkbookSource(book.host()).read();
    expect(grid.sheets[0]).toMatchObject({ hiddenRows: [2], hiddenColumns: [2] });
    expect(grid.sheets[1]).toMatchObject({
      name: "旧表",
      hidden: true,
      hiddenRows: [],
      hiddenColumns: [],
    });
  });

  it("reads only the sheets asked for", async () => {
    const book = FakeWorkbook.fromGrid({
      sheets: [sourceGrid().sheets[0]!, { ...sourceGrid().sheets[0]!, name: "其他" }],
    });
    const grid = await new OfficeJsWorkbookSource(book.host(), { sheets: ["其他"] }).read();
    expect(grid.sheets.map((s) => s.name)).toEqual(["其他"]);
  });

  it("reads merged areas on ExcelApi 1.13 and returns a not_read note with the grid before", async () => {
    const merged = sourceGrid({ merges: [{ top: 1, left: 1, bottom: 1, right: 2 }] });
    const modern = await new OfficeJsWorkbookSource(FakeWorkbook.fromGrid(merged).host()).read();
    expect(modern.sheets[0]?.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
    expect(modern.notes).toBeUndefined();
    const older = await new OfficeJsWorkbookSource(
      FakeWorkbook.fromGrid(merged).host({ apiVersion: "1.12" })
    ).read();
    expect(older.sheets[0]?.merges).toEqual([]);
    expect(older.notes).toEqual([
      { code: "not_read", params: { part: "merged_cells", needs: "1.13" } },
    ]);
    expect(older.notes?.map((found) => noteMessage(found))).toEqual([
      "未读取合并单元格：两行表头、跨列合并的说明行可能识别有误，请在“识别”页核对：此 Excel 缺少 ExcelApi 1.13 / merged cells not read: a two-row header or a note line merged across the table may be read wrongly; check them on the Detect tab: this Excel lacks ExcelApi 1.13",
    ]);
  });

  it("reads an empty sheet as no rows", async () => {
    const book = FakeWorkbook.fromGrid({
      sheets: [
        {
          name: "空",
          hidden: false,
          visibility: "visible",
          rows: [],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
        },
      ],
    });
    expect((await new OfficeJsWorkbookSource(book.host()).read()).sheets).toEqual([
      {
        name: "空",
        hidden: false,
        visibility: "visible",
        rows: [],
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ]);
  });
});

describe("reading cells", () => {
  it.each([
    ["yyyy-mm-dd", true],
    ['yyyy"年"m"月"d"日"', true],
    ["[$-804]mmmm", true],
    ["m/d", true],
    ["h:mm", false],
    ["0.00", false],
    ['"days"0', false],
    ["General", false],
    ["@", false],
  ])("treats the number format %p as a date: %p", (format, isDate) => {
    expect(isDateNumberFormat(format)).toBe(isDate);
  });

  it.each([
    [["x", "String", "General", "x"], { type: "text", text: "x" }],
    [["=SUM(A1)", "String", "@", "=SUM(A1)"], { type: "text", text: "=SUM(A1)" }],
    [[3, "String", "General", "=1+2"], { type: "text", text: "3", formula: "1+2" }],
    [
      [45306, "Double", "yyyy-mm-dd", 45306],
      { type: "date", serial: 45306, numberFormat: "yyyy-mm-dd" },
    ],
    [[5, "Double", "General", "=2+3"], { type: "number", value: 5, formula: "2+3" }],
    [[true, "Boolean", "General", true], { type: "boolean", value: true }],
    [["#N/A", "Error", "General", "=NA()"], { type: "error", error: "#N/A", formula: "NA()" }],
    [["", "Empty", "General", ""], null],
    [["", "Empty", "General", "=A1"], { type: "text", text: "", formula: "A1" }],
  ])("turns %p into %p", ([value, type, format, formulaEntry], expected) => {
    expect(rawCellFromOfficeJs(value, type as string, format as string, formulaEntry)).toEqual(
      expected
    );
  });

  it("parses merged-area addresses with or without sheet names", () => {
    expect(parseAreasAddress("Sheet1!A1:B2, 'My sheet'!D4:E4, 'A1'!C3")).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 4, left: 4, bottom: 4, right: 5 },
      { top: 3, left: 3, bottom: 3, right: 3 },
    ]);
    expect(parseAreasAddress("A1:B2,C3:C4")).toHaveLength(2);
    expect(parseAreasAddress("")).toEqual([]);
  });
});

describe("meeting-mode helpers", () => {
  const protectedBook = async (): Promise<FakeWorkbook> => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    await new OfficeJsPlanSink(book.host()).apply({
      sheets: [
        {
          name: "评分",
          cells: [
            { row: 1, col: 1, content: { kind: "text", text: "分数" } },
            { row: 2, col: 1, content: { kind: "blank" }, style: "input" },
            { row: 3, col: 1, content: { kind: "blank" }, style: "input" },
            { row: 4, col: 1, content: { kind: "number", value: 7 }, style: "input" },
          ],
          columns: [],
          merges: [],
          validations: [],
          conditionalFormats: [],
          protection: {},
        },
      ],
      names: [],
      styles: { input: { locked: false } },
    });
    book.resetStats();
    return book;
  };

  it("writes only the given input cells, in one request, keeping what a co-author typed elsewhere", async () => {
    const book = await protectedBook();
    book.typeInto("评分", "A3", 66); // a co-author's entry
    await writeInputCells(book.host(), [
      { sheet: "评分", cell: "A2", value: 85 },
      { sheet: "评分", cell: "A4", value: null },
    ]);
    expect(book.cellValue("评分", "A2")).toBe(85);
    expect(book.cellValue("评分", "A3")).toBe(66);
    expect(book.cellValue("评分", "A4")).toBeNull();
    expect(book.stats.syncs).toBe(1);
  });

  it("writes text that looks like a formula or number as text", async () => {
    const book = await protectedBook();
    await writeInputCells(book.host(), [
      { sheet: "评分", cell: "A2", value: "=1+1" },
      { sheet: "评分", cell: "A3", value: "推荐" },
    ]);
    expect(book.cellFormula("评分", "A2")).toBeNull();
    expect(book.cellValue("评分", "A2")).toBe("=1+1");
    expect(book.cellNumberFormat("评分", "A3")).toBe("General"); // plain text keeps the cell's format
  });

  it("fails on a locked cell of the protected sheet instead of writing it", async () => {
    const book = await protectedBook();
    await expect(
      writeInputCells(book.host(), [{ sheet: "评分", cell: "A1", value: 1 }])
    ).rejects.toThrow(/locked/);
    expect(book.cellValue("评分", "A1")).toBe("分数");
  });

  it("reads cell values in the order asked, blank as null, in one request", async () => {
    const book = await protectedBook();
    expect(await readCellValues(book.host(), "评分", ["A4", "A1", "A2"])).toEqual([
      7,
      "分数",
      null,
    ]);
    expect(book.stats.syncs).toBe(1);
  });

  it("activates the sheet and selects the cell", async () => {
    const book = await protectedBook();
    await selectCell(book.host(), "评分", "A3");
    expect(book.activeSheetName()).toBe("评分");
    expect(book.selectedCell()).toEqual({ sheet: "评分", address: "A3" });
  });
});

describe("hostCapabilities", () => {
  const globals = globalThis as { Office?: unknown };
  afterEach(() => delete globals.Office);

  it.each([
    ["1.13", true, []],
    ["1.9", true, ["mergedCells"]],
    ["1.8", true, ["filtersAndPrint", "mergedCells"]],
    ["1.7", true, ["validation", "filtersAndPrint", "mergedCells"]],
    ["1.6", false, ["validation", "filtersAndPrint", "mergedCells"]],
  ])("on ExcelApi %s: supported %s, missing %j", (apiVersion, supported, missing) => {
    const book = FakeWorkbook.fromGrid(sourceGrid());
    expect(hostCapabilities(book.host({ apiVersion }))).toEqual({ supported, missing });
  });

  it("asks Office through the production host, and says unsupported outside Office", () => {
    expect(hostCapabilities(officeExcelHost).supported).toBe(false);
    const asked: string[] = [];
    globals.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => (
            asked.push(`${name} ${version}`),
            version === "1.7"
          ),
        },
      },
    };
    expect(hostCapabilities(officeExcelHost)).toEqual({
      supported: true,
      missing: ["validation", "filtersAndPrint", "mergedCells"],
    });
    expect(asked).toEqual(["ExcelApi 1.7", "ExcelApi 1.8", "ExcelApi 1.9", "ExcelApi 1.13"]);
  });
});

describe("OfficeJsPlanSink with the real assessment compiler", () => {
  const t = (value: string): RawCell => ({ type: "text", text: value });
  /** A nomination workbook of one sheet, 推荐汇总: its title, its header and `rows` under them. */
  const nominationsGrid = (rows: RawCell[][]): WorkbookGrid => ({
    sheets: [
      {
        name: "推荐汇总",
        hidden: false,
        rows: [
          [t("创先争优活动示范点推荐汇总表")],
          [t("序号"), t("推荐单位"), t("党组织名称"), t("党组织类别"), t("推荐级别")],
          ...rows,
        ],
        merges: [{ top: 1, left: 1, bottom: 1, right: 5 }],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  });
  it("renders a compiled assessment, keeping a nominee named like a formula as text", async () => {
    const nominations = nominationsGrid([
      [
        { type: "number", value: 1 },
        t("长沙市"),
        t('=HYPERLINK("http://x","点我")'),
        t("村党组织"),
        t("县级"),
      ],
      [{ type: "number", value: 2 }, t("株洲市"), t("城关镇党委"), t("乡镇党委"), t("市级")],
    ]);
    const { plan } = compileAssessment(inspectWorkbook(nominations), {
      rubric: BUILTIN_RUBRICS.baiqianwan,
      asOf: "today",
    });
    const book = FakeWorkbook.fromGrid(nominations);
    await new OfficeJsPlanSink(book.host()).apply(plan);
    expect(book.sheetNames()).toEqual(["推荐汇总", ...plan.sheets.map((s) => s.name)]);
    const grid = await new OfficeJsWorkbookSource(book.host()).read();
    const found = grid.sheets
      .slice(1)
      .flatMap((sheet) => sheet.rows.flatMap((row) => row ?? []))
      .filter((raw): raw is RawCell => raw?.type === "text" && raw.text.includes("HYPERLINK"));
    expect(found.length).toBeGreaterThan(0);
    for (const raw of found) expect(raw).not.toHaveProperty("formula");
    expect(book.toGrid().sheets[0]).toEqual(FakeWorkbook.fromGrid(nominations).toGrid().sheets[0]);
  });

  it("fits wrapped rows with one autofitRows per run, to the heights the plan estimates, and sets heights of their own after (failure twin: a rowHeight per row)", async () => {
    // Every third name and 推荐单位 long enough to wrap on the judge sheets, 考核表 and 评委分析.
    const nominations = nominationsGrid([
      ...Array.from({ length: 60 }, (_unused, i) => [
        { type: "number" as const, value: i + 1 },
        t(i % 3 === 0 ? "湖南省长沙市岳麓区人民政府办公室机关党委" : "长沙市"),
        t(
          i % 3 === 1
            ? `中共湖南省长沙市岳麓区橘子洲街道第${i + 1}社区综合党支部委员会`
            : `第${i + 1}党支部`
        ),
        t("村党组织"),
        t("县级"),
      ]),
    ]);
    const { plan } = compileAssessment(inspectWorkbook(nominations), {
      rubric: BUILTIN_RUBRICS.baiqianwan,
      asOf: "today",
    });
    const fitted = plan.sheets.flatMap((s) => (s.rows ?? []).filter((r) => r.fitsText));
    const own = plan.sheets.flatMap((s) => (s.rows ?? []).filter((r) => !r.fitsText));
    expect(fitted.length).toBeGreaterThan(100);
    // The judge sheets' signature row keeps a height of its own.
    expect(own.length).toBeGreaterThan(0);
    const applied = async (sheets: readonly SheetPlan[]) => {
      const book = FakeWorkbook.fromGrid(nominations);
      await new OfficeJsPlanSink(book.host()).apply({ ...plan, sheets });
      return { book, bytes: book.stats.requestBytes.reduce((a, b) => a + b, 0) };
    };
    const { book, bytes } = await applied(plan.sheets);
    // Excel's fit (the fake's: the engine's estimate at the widths set) gives each nominee's row on the judge sheets
    // and 考核表 the plan's height, so the fit ran after the column widths; rows the plan leaves alone stay at Excel's
    // default. Elsewhere only that the fit ran: the plan's estimate of a header or of 评分标准's notes is made before
    // all widths are set, and Excel's fit can differ from it there.
    for (const row of fitted) expect(row.height).toBeGreaterThan(0);
    for (const sheet of plan.sheets) {
      const rows = (sheet.rows ?? []).filter((r) => r.fitsText);
      for (const row of rows) expect(book.rowHeight(sheet.name, row.row)).not.toBeNull();
      if (!/^(评委\d+|考核表)$/.test(sheet.name)) continue;
      const heights = new Map((sheet.rows ?? []).map((r) => [r.row, r.height]));
      const last = Math.max(0, ...[...sheet.cells].map((cell) => cell.row));
      for (let row = 3; row <= last; row++)
        expect([sheet.name, row, book.rowHeight(sheet.name, row)]).toEqual([
          sheet.name,
          row,
          heights.get(row) ?? null,
        ]);
    }
    // The heights cost a few operations, not one a row.
    const { bytes: withoutFits } = await applied(
      plan.sheets.map((s) => ({ ...s, rows: (s.rows ?? []).filter((r) => !r.fitsText) }))
    );
    expect(bytes - withoutFits).toBeLessThan(plan.sheets.length * 200);
  });
});

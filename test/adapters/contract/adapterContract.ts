/**
 * The cases every adapter (xlsx file, office-js) must pass the same way: what it reads, and what a plan
 * looks like when read back through the same adapter. Wire it with `describeAdapterContract(...)` from a
 * `*.test.ts` file next to the adapter's own tests.
 */
import type {
  CellPlan,
  RawCell,
  SheetGrid,
  SheetPlan,
  WorkbookGrid,
  WorkbookPlan,
  WorkbookSource,
  PlanSink,
} from "../../../src/engine";
import { cellAt, formula, type StyleId } from "../../../src/engine";

/** Read-backs that grids cannot carry; a case that needs one is skipped (with a note) when it is absent. */
export interface AdapterInspection {
  /** Validation rectangles of a sheet ('B2:B4') with their kind ('decimal', 'wholeNumber', 'list', 'date'). */
  validations?(sheet: string): Promise<{ range: string; type: string }[]>;
  isProtected?(sheet: string): Promise<boolean>;
  definedNames?(): Promise<string[]>;
}

export interface OpenedWorkbook {
  readonly source: WorkbookSource;
  /** Applies to the workbook as it is now (a file adapter applies to its latest output), so a second apply meets the first. */
  readonly sink: PlanSink;
  /** A fresh source over the workbook as it is now (after apply: the saved file, or the live workbook). */
  reopen(): Promise<WorkbookSource>;
  readonly inspect?: AdapterInspection;
}

export interface AdapterUnderTest {
  readonly name: string;
  open(grid: WorkbookGrid): Promise<OpenedWorkbook>;
}

const SOURCE_SHEET = "名单";

/** A nomination sheet with every kind of cell an adapter must read, a two-column merged title, and gaps. */
export function contractSourceGrid(): WorkbookGrid {
  const text = (value: string): RawCell => ({ type: "text", text: value });
  const number = (value: number): RawCell => ({ type: "number", value });
  return {
    sheets: [
      {
        name: SOURCE_SHEET,
        hidden: false,
        rows: [
          [text("2024年示范点推荐申报表"), null, null],
          [text("名称"), text("得分"), text("申报日期"), text("是否推荐"), text("备注")],
          [
            text("城关镇党委"),
            number(88.5),
            { type: "date", serial: 45306, numberFormat: "yyyy-mm-dd" },
            { type: "boolean", value: true },
            text("=SUM(A1)"),
          ],
          [
            text("東風村黨支部"),
            number(-3),
            { type: "date", serial: 45000, numberFormat: "yyyy-mm-dd" },
            { type: "boolean", value: false },
            { type: "error", error: "#N/A" },
          ],
          [],
          [text("合计"), number(85.5)],
        ],
        merges: [{ top: 1, left: 1, bottom: 1, right: 3 }],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  };
}

/** Text that spreadsheets reinterpret when typed: each must come back as this exact text. */
export const TRICKY_TEXTS = [
  "=SUM(A1)",
  "+abc",
  "-x",
  "@x",
  "00123",
  "TRUE",
  "2020-01-05",
  "50%",
  "'quoted",
  "示范点",
] as const;

const cell = (row: number, col: number, content: CellPlan["content"], style?: StyleId): CellPlan =>
  style === undefined ? { row, col, content } : { row, col, content, style };

/** A small assessment plan: text, numbers, a date, a boolean, formulas over the source sheet, validation, protection. */
export function contractPlan(options: { scoreLabel?: string } = {}): WorkbookPlan {
  const scoreSheet: SheetPlan = {
    name: "评分",
    cells: [
      cell(1, 1, { kind: "text", text: options.scoreLabel ?? "评分表" }, "title"),
      ...TRICKY_TEXTS.map((text, i) => cell(i + 2, 1, { kind: "text", text })),
      cell(2, 2, { kind: "number", value: 92.5 }, "score"),
      cell(3, 2, { kind: "date", serial: 45306 }),
      cell(4, 2, { kind: "bool", value: true }),
      cell(5, 2, { kind: "blank" }, "input"),
      cell(2, 3, {
        kind: "formula",
        formula: formula.call("SUM", formula.range("B3", "B4", SOURCE_SHEET)),
        cached: 85.5,
      }),
      cell(3, 3, {
        kind: "formula",
        formula: formula.call(
          "IF",
          formula.op(formula.ref(4, 4, { sheet: SOURCE_SHEET }), "=", formula.bool(true)),
          formula.text("推荐"),
          formula.text("")
        ),
        cached: "推荐",
      }),
      cell(4, 3, {
        kind: "formula",
        formula: formula.op(formula.ref(2, 2), "*", formula.num(2)),
        cached: 185,
      }),
    ],
    columns: [{ col: 1, width: 18 }],
    merges: [],
    validations: [
      {
        range: { top: 5, left: 2, bottom: 8, right: 2 },
        rule: { type: "decimal", min: formula.num(0), max: formula.num(100) },
        allowBlank: true,
        prompt: { title: "得分", text: "0–100" },
        error: { title: "得分有误", text: "请输入 0 到 100 之间的数" },
      },
    ],
    conditionalFormats: [],
    freeze: { rows: 1, columns: 1 },
    protection: { password: "shifan" },
  };
  const summarySheet: SheetPlan = {
    name: "汇总",
    cells: [
      cell(1, 1, { kind: "text", text: "平均分" }),
      cell(1, 2, {
        kind: "formula",
        formula: formula.call("AVERAGE", formula.range("B2", "B2", "评分")),
        cached: 92.5,
      }),
    ],
    columns: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
  };
  return {
    sheets: [scoreSheet, summarySheet],
    names: [{ name: "FullMark", refersTo: formula.num(100) }],
    styles: {
      title: { bold: true },
      score: { numberFormat: "0.0" },
      input: { locked: false, numberFormat: "0.0" },
    },
  };
}

/** Formula text compared without a leading '=' and without `_xlfn.` prefixes, which only some writers add. */
export function normaliseFormula(text: string | undefined): string | undefined {
  return text?.replace(/^=/, "").replace(/_xlfn\./g, "");
}

function sheetNamed(grid: WorkbookGrid, name: string): SheetGrid {
  const sheet = grid.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name} in ${grid.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

/** The value a person sees, by kind; number formats and cached formula results are not compared. */
function seen(raw: RawCell | null): unknown {
  if (!raw) return null;
  switch (raw.type) {
    case "text":
      return { text: raw.text };
    case "number":
      return { number: raw.value };
    case "date":
      return { date: raw.serial };
    case "boolean":
      return { boolean: raw.value };
    case "error":
      return { error: raw.error };
  }
}

function visibleCells(sheet: SheetGrid): unknown[][] {
  const rows: unknown[][] = [];
  sheet.rows.forEach((row, r) =>
    row?.forEach((raw, c) => raw && rows.push([r + 1, c + 1, seen(raw)]))
  );
  return rows;
}

export function describeAdapterContract(adapter: AdapterUnderTest): void {
  describe(`${adapter.name} adapter contract`, () => {
    it("reads text, numbers, dates, booleans, errors and merges as they were written", async () => {
      const original = contractSourceGrid();
      const opened = await adapter.open(original);
      const read = sheetNamed(await opened.source.read(), SOURCE_SHEET);
      const expected = sheetNamed(original, SOURCE_SHEET);
      expect(visibleCells(read)).toEqual(visibleCells(expected));
      expect(read.merges).toEqual(expected.merges);
      expect(cellAt(read, 5, 1)).toBeNull();
    });

    it("reads a text cell that looks like a formula as text, without a formula", async () => {
      const opened = await adapter.open(contractSourceGrid());
      const read = sheetNamed(await opened.source.read(), SOURCE_SHEET);
      const tricky = cellAt(read, 3, 5);
      expect(tricky).toEqual({ type: "text", text: "=SUM(A1)" });
    });

    it("adds the plan sheets after the source sheets and leaves the source sheets unchanged", async () => {
      const opened = await adapter.open(contractSourceGrid());
      const before = sheetNamed(await opened.source.read(), SOURCE_SHEET);
      await opened.sink.apply(contractPlan());
      const after = await (await opened.reopen()).read();
      expect(after.sheets.map((s) => s.name)).toEqual([SOURCE_SHEET, "评分", "汇总"]);
      const source = sheetNamed(after, SOURCE_SHEET);
      expect(visibleCells(source)).toEqual(visibleCells(before));
      expect(source.merges).toEqual(before.merges);
    });

    it.each(TRICKY_TEXTS.map((text, i) => [text, i + 2] as const))(
      "writes the text %p so it reads back as that text",
      async (text, row) => {
        const opened = await adapter.open(contractSourceGrid());
        await opened.sink.apply(contractPlan());
        const score = sheetNamed(await (await opened.reopen()).read(), "评分");
        const raw = cellAt(score, row, 1);
        expect(raw).toMatchObject({ type: "text", text });
        expect(raw && "formula" in raw ? raw.formula : undefined).toBeUndefined();
      }
    );

    it("writes numbers, dates and booleans as their kinds", async () => {
      const opened = await adapter.open(contractSourceGrid());
      await opened.sink.apply(contractPlan());
      const score = sheetNamed(await (await opened.reopen()).read(), "评分");
      expect(seen(cellAt(score, 2, 2))).toEqual({ number: 92.5 });
      expect(seen(cellAt(score, 3, 2))).toEqual({ date: 45306 });
      expect(seen(cellAt(score, 4, 2))).toEqual({ boolean: true });
      expect(cellAt(score, 5, 2)).toBeNull();
    });

    it("writes formulas whose text matches the plan", async () => {
      const opened = await adapter.open(contractSourceGrid());
      await opened.sink.apply(contractPlan());
      const grid = await (await opened.reopen()).read();
      const score = sheetNamed(grid, "评分");
      const formulaOf = (sheet: SheetGrid, row: number, col: number): string | undefined => {
        const raw = cellAt(sheet, row, col);
        return normaliseFormula(raw && "formula" in raw ? raw.formula : undefined);
      };
      expect(formulaOf(score, 2, 3)).toBe("SUM('名单'!B3:B4)");
      expect(formulaOf(score, 3, 3)).toBe('IF(\'名单\'!D4=TRUE,"推荐","")');
      expect(formulaOf(score, 4, 3)).toBe("B2*2");
      expect(formulaOf(sheetNamed(grid, "汇总"), 1, 2)).toBe("AVERAGE('评分'!B2:B2)");
    });

    it("writes validations and protection where the adapter can read them back", async () => {
      const opened = await adapter.open(contractSourceGrid());
      await opened.sink.apply(contractPlan());
      const inspect = opened.inspect;
      if (inspect?.validations) {
        expect(await inspect.validations("评分")).toEqual([{ range: "B5:B8", type: "decimal" }]);
        expect(await inspect.validations("汇总")).toEqual([]);
      }
      if (inspect?.isProtected) {
        expect(await inspect.isProtected("评分")).toBe(true);
        expect(await inspect.isProtected("汇总")).toBe(false);
      }
      if (inspect?.definedNames) expect(await inspect.definedNames()).toContain("FullMark");
      // An adapter that can read back nothing still passes the grid cases above; say which one it was.
      expect(inspect === undefined || Object.keys(inspect).length > 0).toBe(true);
    });

    it("writes a very hidden sheet and hidden names, and reads their visibility and references back", async () => {
      const opened = await adapter.open(contractSourceGrid());
      const identityPlan: WorkbookPlan = {
        sheets: [
          {
            name: "标识",
            cells: [{ row: 1, col: 1, content: { kind: "text", text: "id" } }],
            columns: [],
            merges: [],
            validations: [],
            conditionalFormats: [],
            visibility: "veryHidden",
          },
        ],
        names: [
          { name: "_Id", refersTo: formula.text("abc-1"), hidden: true },
          { name: "_Where", refersTo: formula.range("$A$1", "$B$3", SOURCE_SHEET), hidden: true },
          { name: "Shown", refersTo: formula.num(5) },
        ],
        styles: {},
      };
      await opened.sink.apply(identityPlan);
      const grid = await (await opened.reopen()).read();
      expect(grid.sheets.map((s) => [s.name, s.visibility])).toEqual([
        [SOURCE_SHEET, "visible"],
        ["标识", "veryHidden"],
      ]);
      const names = new Map((grid.names ?? []).map((n) => [n.name, n]));
      expect(names.get("_Id")).toMatchObject({ refersTo: '"abc-1"', hidden: true });
      expect(names.get("_Where")?.refersTo.replace(/'/g, "")).toBe(`${SOURCE_SHEET}!$A$1:$B$3`);
      expect(names.get("_Where")?.hidden).toBe(true);
      expect(names.get("Shown")).toMatchObject({ refersTo: "5", hidden: false });
    });

    it("replaces the plan sheets when applied twice instead of adding copies", async () => {
      const opened = await adapter.open(contractSourceGrid());
      await opened.sink.apply(contractPlan());
      await opened.sink.apply(contractPlan({ scoreLabel: "评分表（第二次）" }));
      const grid = await (await opened.reopen()).read();
      expect(grid.sheets.map((s) => s.name)).toEqual([SOURCE_SHEET, "评分", "汇总"]);
      expect(cellAt(sheetNamed(grid, "评分"), 1, 1)).toEqual({
        type: "text",
        text: "评分表（第二次）",
      });
      if (opened.inspect?.definedNames)
        expect((await opened.inspect.definedNames()).filter((n) => n === "FullMark")).toHaveLength(
          1
        );
    });
  });
}

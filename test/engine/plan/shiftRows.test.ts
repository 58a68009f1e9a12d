import {
  BUILTIN_RUBRICS,
  fillDownText,
  fillDownTextAt,
  unparse,
  type IsoDate,
} from "../../../src/engine";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import { call, name, neg, num, op, range, ref, text } from "../../../src/engine/formula/build";
import { MAIN_SHEET } from "../../../src/engine/plan/assessmentLayout";
import { mainRowFormulas } from "../../../src/engine/plan/compileMainSheet";
import { formulaOf, isFormulaContent, shiftRows } from "../../../src/engine/plan/shiftRows";
import type { CellContent } from "../../../src/engine/plan/SheetPlan";
import { IDENTITY_COLUMNS, judgeSheetName } from "../../../src/engine/plan/assessmentLayout";
import { nominee } from "./assessmentFixtures";

const text1 = (node: FormulaNode): string => unparse(node, "ooxml", MAIN_SHEET);

describe("shiftRows", () => {
  it("moves rows without $, as filling down does", () => {
    const formula = call(
      "SUM",
      range("$A$2", "A3"),
      ref(3, 2, { sheet: "评委1" }),
      op(ref(1, 4, { absolute: true }), "+", ref(3, 5, { absolute: "col" }))
    );
    expect(text1(shiftRows(formula, 4))).toBe("SUM($A$2:A7,'评委1'!B7,$D$1+$E7)");
  });

  it("keeps $ rows, names, literals and negations of them where they are", () => {
    const formula = op(
      neg(ref(2, 1, { absolute: "row" })),
      "&",
      op(name("SF_PassLine"), "&", text("A3"))
    );
    expect(shiftRows(formula, 5)).toBe(formula);
    expect(text1(shiftRows(neg(ref(2, 1)), 5))).toBe("-A7");
  });

  it("reuses the subtrees that do not move and copies the ones that do", () => {
    const constant = call("INDEX", name("SF_Quota"), num(1));
    const formula = call("IF", ref(3, 1), constant, ref(3, 2));
    const moved = shiftRows(formula, 1);
    expect(moved.kind === "call" && moved.args[1]).toBe(constant);
    expect(moved).not.toBe(formula);
    expect(formula).toEqual(call("IF", ref(3, 1), constant, ref(3, 2)));
  });

  it("returns the node itself for an offset of 0", () => {
    const formula = ref(3, 1);
    expect(shiftRows(formula, 0)).toBe(formula);
  });
});

describe("考核表 rows built from the first row’s formulas", () => {
  const asOf = "2012-06-30" as IsoDate;
  it.each([
    ["baiqianwan", withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3 })],
    ["wuhao", BUILTIN_RUBRICS.wuhao],
  ])("equal the formulas built for each row directly (%s)", (_label, rubric) => {
    const nominees = Array.from({ length: 4 }, (_u, i) =>
      nominee({ name: `示范点${i + 1}`, row: 5 + i })
    );
    const { plan, layout } = compileWithInputs(
      { nominees, issues: [] },
      { rubric, asOf, today: asOf },
      []
    );
    const main = plan.sheets.find((sheet) => sheet.name === MAIN_SHEET);
    const formulas = new Map(
      main?.cells.flatMap((c) =>
        isFormulaContent(c.content) ? [[`${c.row}/${c.col}`, formulaOf(c.content)] as const] : []
      )
    );
    const m = layout.main;
    for (let i = 0; i < nominees.length; i++) {
      const row = layout.firstRow + i;
      const direct = mainRowFormulas(row, rubric, layout);
      const columns: [number, FormulaNode][] = [
        ...direct.criteria.map((f, c): [number, FormulaNode] => [m.criteria[c] as number, f]),
        [m.panel, direct.panel],
        [m.total, direct.total],
        [m.grade, direct.grade],
        [m.rank, direct.rank],
        [m.recommended, direct.recommended],
        [m.progress, direct.progress],
        [m.rankKey, direct.rankKey],
        [m.totalValue, direct.totalValue],
      ];
      for (const [col, formula] of columns) expect(formulas.get(`${row}/${col}`)).toEqual(formula);
    }
    // The failure twin: a row's formulas are not its neighbour's.
    expect(formulas.get(`${layout.firstRow + 1}/${m.total}`)).not.toEqual(
      mainRowFormulas(layout.firstRow, rubric, layout).total
    );
  });
});

describe("a filled formula", () => {
  const base = call("SUM", range("$A$2", "A3"), ref(3, 2, { sheet: "评委1" }), name("SF_PassLine"));

  it("is its base moved down by its offset", () => {
    expect(text1(formulaOf({ kind: "filled", base, offset: 4, cached: 12.5 }))).toBe(
      "SUM($A$2:A7,'评委1'!B7,SF_PassLine)"
    );
  });

  it("is plain data: a copy made by spreading is the same fill, with its own cached value", () => {
    const cell: CellContent = { kind: "filled", base, offset: 4, cached: 12.5 };
    const copy = { ...cell, cached: "STALE" };
    expect(copy).toEqual({ kind: "filled", base, offset: 4, cached: "STALE" });
    expect(copy.base).toBe(base);
    expect(JSON.parse(JSON.stringify(cell))).toEqual(cell);
  });

  it("is its base itself at offset 0, and a different formula at another offset", () => {
    expect(formulaOf({ kind: "filled", base, offset: 0, cached: null })).toBe(base);
    expect(formulaOf({ kind: "filled", base, offset: 1, cached: null })).not.toEqual(
      formulaOf({ kind: "filled", base, offset: 2, cached: null })
    );
  });

  it("leaves a written-out formula as it is", () => {
    const formula = shiftRows(base, 3);
    expect(formulaOf({ kind: "formula", formula, cached: null })).toBe(formula);
  });
});

describe("the compiled 考核表 and judge sheets", () => {
  const asOf = "2012-06-30" as IsoDate;
  const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 2 });
  const nominees = Array.from({ length: 3 }, (_u, i) =>
    nominee({ name: `示范点${i + 1}`, row: 5 + i })
  );
  const { plan, layout } = compileWithInputs(
    { nominees, issues: [] },
    { rubric, asOf, today: asOf },
    []
  );
  const sheet = (sheetName: string) => plan.sheets.find((s) => s.name === sheetName);
  const at = (sheetName: string, row: number, col: number) =>
    sheet(sheetName)?.cells.find((c) => c.row === row && c.col === col)?.content;

  it("fills every formula column from the first row's formula, by offset", () => {
    const m = layout.main;
    for (const col of [...m.criteria, m.panel, m.total, m.grade, m.rank, m.rankKey]) {
      const fills = nominees.map((_n, i) => {
        const content = at(MAIN_SHEET, layout.firstRow + i, col);
        return content?.kind === "filled" ? content : undefined;
      });
      expect(fills.map((f) => f?.offset)).toEqual([0, 1, 2]);
      // One base object per column: the identity a writer may share by.
      expect(fills.every((f) => f?.base === fills[0]?.base)).toBe(true);
    }
    // Different columns are different fills.
    const total = at(MAIN_SHEET, layout.firstRow, m.total);
    const grade = at(MAIN_SHEET, layout.firstRow, m.grade);
    expect(total?.kind === "filled" && grade?.kind === "filled" && total.base === grade.base).toBe(
      false
    );
  });

  it("counts each row's rank over the whole column, its own row moved", () => {
    const m = layout.main;
    const ranks = nominees.map((_n, i) => at(MAIN_SHEET, layout.firstRow + i, m.rank));
    for (const [i, content] of ranks.entries()) {
      if (content?.kind !== "filled") throw new Error("rank is a filled formula");
      expect(unparse(formulaOf(content), "ooxml")).toContain(`COUNTIFS($D$3:$D$5,D${3 + i},`);
    }
  });

  it("puts each nominee's identity on every sheet, and each nominee its own", () => {
    const row = layout.firstRow + 1;
    const onMain = at(MAIN_SHEET, row, IDENTITY_COLUMNS.name);
    expect(onMain).toEqual({ kind: "text", text: "示范点2" });
    expect(at(judgeSheetName(1), row, IDENTITY_COLUMNS.name)).toEqual(onMain);
    expect(at(judgeSheetName(2), row, IDENTITY_COLUMNS.name)).toEqual(onMain);
    expect(at(judgeSheetName(1), row + 1, IDENTITY_COLUMNS.name)).toEqual({
      kind: "text",
      text: "示范点3",
    });
  });
});

describe("a fill-down's text", () => {
  const formulas: ReadonlyArray<[string, FormulaNode]> = [
    [
      "refs, ranges and $ of every kind",
      call(
        "SUM",
        range("$A$2", "A3"),
        ref(3, 2, { sheet: "评委1" }),
        op(ref(1, 4, { absolute: true }), "+", ref(3, 5, { absolute: "col" }))
      ),
    ],
    [
      "a rank COUNTIFS with text criteria and a name",
      op(
        call(
          "COUNTIFS",
          range("$D$3", "$D$12"),
          ref(3, 4),
          range("$W$3", "$W$12"),
          op(text(">"), "&", ref(3, 23))
        ),
        "+",
        call("INDEX", name("SF_Quotas"), num(1))
      ),
    ],
    ["a negated moving ref", neg(ref(9, 1))],
    ["no moving row at all", op(ref(2, 1, { absolute: "row" }), "&", text("A3"))],
    ["a text literal that looks like a ref", op(text("B7"), "&", ref(7, 2))],
  ];

  it.each(formulas)("is the moved formula's text at every offset (%s)", (_case, formula) => {
    const cut = fillDownText(formula, "ooxml", MAIN_SHEET);
    if (!cut) throw new Error("the formula can be cut");
    for (const offset of [0, 1, 7, 9_990, 1_000_000])
      expect(fillDownTextAt(cut, offset)).toBe(text1(shiftRows(formula, offset)));
    const officeJs = fillDownText(formula, "officejs");
    expect(officeJs && fillDownTextAt(officeJs, 3)).toBe(
      unparse(shiftRows(formula, 3), "officejs")
    );
  });

  it("refuses a row moved off the sheet, as unparse does", () => {
    const cut = fillDownText(ref(3, 1), "ooxml");
    if (!cut) throw new Error("the formula can be cut");
    expect(fillDownTextAt(cut, 1_048_573)).toBe("A1048576");
    expect(() => fillDownTextAt(cut, 1_048_574)).toThrow("row out of range: 1048577");
    expect(() => unparse(shiftRows(ref(3, 1), 1_048_574), "ooxml")).toThrow("row out of range");
  });

  it("is not cut when a text literal holds the mark it cuts at", () => {
    expect(fillDownText(op(text("a\u0000b"), "&", ref(3, 1)), "ooxml")).toBeUndefined();
    expect(fillDownText(op(text("ab"), "&", ref(3, 1)), "ooxml")).toBeDefined();
  });
});

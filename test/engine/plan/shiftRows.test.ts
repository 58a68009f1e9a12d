import {
  BUILTIN_RUBRICS,
  compileWithInputs,
  unparse,
  withOverrides,
  type IsoDate,
} from "../../../src/engine";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import { call, name, neg, num, op, range, ref, text } from "../../../src/engine/formula/build";
import { MAIN_SHEET } from "../../../src/engine/plan/assessmentLayout";
import { mainRowFormulas } from "../../../src/engine/plan/compileMainSheet";
import { FilledFormula, shiftRows } from "../../../src/engine/plan/shiftRows";
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
        c.content.kind === "formula" ? [[`${c.row}/${c.col}`, c.content.formula] as const] : []
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

describe("FilledFormula", () => {
  const base = call("SUM", range("$A$2", "A3"), ref(3, 2, { sheet: "评委1" }), name("SF_PassLine"));

  it("reads as its base moved down by its offset, and keeps its cached value", () => {
    const cell = new FilledFormula(base, 4, 12.5);
    expect(cell.kind).toBe("formula");
    expect(text1(cell.formula)).toBe("SUM($A$2:A7,'评委1'!B7,SF_PassLine)");
    expect(cell.formula).toEqual(shiftRows(base, 4));
    expect(cell.cached).toBe(12.5);
    expect(cell.fill.base).toBe(base);
    expect(cell.fill.offset).toBe(4);
  });

  it("copies by spreading into a plain content with the built formula and no fill", () => {
    const cell = new FilledFormula(base, 4, 12.5);
    const copy = { ...cell, cached: "STALE" };
    expect(copy).toEqual({ kind: "formula", formula: shiftRows(base, 4), cached: "STALE" });
    expect("fill" in copy).toBe(false);
    expect(cell).toEqual({ kind: "formula", formula: shiftRows(base, 4), cached: 12.5 });
  });

  it("is its base itself at offset 0, and a different formula at another offset", () => {
    expect(new FilledFormula(base, 0, null).formula).toBe(base);
    expect(new FilledFormula(base, 1, null).formula).not.toEqual(
      new FilledFormula(base, 2, null).formula
    );
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
    for (const col of [...m.criteria, m.panel, m.total, m.grade, m.rankKey]) {
      const fills = nominees.map((_n, i) => {
        const content = at(MAIN_SHEET, layout.firstRow + i, col);
        return content?.kind === "formula" ? content.fill : undefined;
      });
      const firstContent = at(MAIN_SHEET, layout.firstRow, col);
      expect(fills.map((f) => f?.offset)).toEqual([0, 1, 2]);
      // One base object per column: the identity the writer shares by.
      expect(fills.every((f) => f?.base === fills[0]?.base)).toBe(true);
      expect(firstContent?.kind === "formula" && firstContent.formula).toBe(fills[0]?.base);
    }
    // Different columns are different fills.
    const total = at(MAIN_SHEET, layout.firstRow, m.total);
    const grade = at(MAIN_SHEET, layout.firstRow, m.grade);
    expect(
      total?.kind === "formula" &&
        grade?.kind === "formula" &&
        total.fill?.base === grade.fill?.base
    ).toBe(false);
  });

  it("writes the rank column whole in every cell, each row's formula its own tree", () => {
    const m = layout.main;
    const ranks = nominees.map((_n, i) => at(MAIN_SHEET, layout.firstRow + i, m.rank));
    for (const [i, content] of ranks.entries()) {
      if (content?.kind !== "formula") throw new Error("rank is a formula");
      expect(content.unshared).toBe(true);
      expect(content.fill).toBeUndefined();
      expect(unparse(content.formula, "ooxml")).toContain(`COUNTIFS($D$3:$D$5,D${3 + i},`);
    }
  });

  it("puts one identity content per nominee on every sheet, and each nominee its own", () => {
    const row = layout.firstRow + 1;
    const onMain = at(MAIN_SHEET, row, IDENTITY_COLUMNS.name);
    expect(onMain).toEqual({ kind: "text", text: "示范点2" });
    expect(at(judgeSheetName(1), row, IDENTITY_COLUMNS.name)).toBe(onMain);
    expect(at(judgeSheetName(2), row, IDENTITY_COLUMNS.name)).toBe(onMain);
    expect(at(judgeSheetName(1), row + 1, IDENTITY_COLUMNS.name)).toEqual({
      kind: "text",
      text: "示范点3",
    });
  });
});

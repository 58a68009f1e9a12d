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
import { rowFiller, shiftRows } from "../../../src/engine/plan/shiftRows";
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

describe("rowFiller", () => {
  const score = ref(3, 2, { sheet: "评委1" });
  const count = call("COUNT", score, ref(3, 3, { sheet: "评委1" }));
  const formulas = [
    call("IF", op(count, ">=", name("SF_MinJudges")), op(call("SUM", score), "/", count), text("")),
    call("COUNTIFS", range("$D$3", "$D$9"), ref(3, 4), range("A3", "C3")),
    neg(ref(3, 1, { absolute: "col" })),
    call("INDEX", name("SF_Quota"), num(1)),
  ];

  it("builds what shiftRows builds, for every formula and offset", () => {
    const fill = rowFiller(formulas);
    for (const offset of [0, 1, 7, 19_999])
      expect(fill(offset)).toEqual(formulas.map((f) => shiftRows(f, offset)));
    expect(text1(fill(2)[1] as FormulaNode)).toBe("COUNTIFS($D$3:$D$9,D5,A5:C5)");
  });

  it("keeps a subtree shared within a row, and the formulas that never move, as one object", () => {
    const [first] = fill(4);
    const moved = first?.kind === "call" ? first.args : [];
    const comparison = moved[0]?.kind === "binary" ? moved[0].left : undefined;
    const quotient = moved[1]?.kind === "binary" ? moved[1].right : undefined;
    expect(comparison).toBe(quotient);
    expect(text1(comparison as FormulaNode)).toBe("COUNT('评委1'!B7,'评委1'!C7)");
    expect(fill(4)[3]).toBe(formulas[3]);
    function fill(offset: number) {
      return rowFiller(formulas)(offset);
    }
  });

  it("gives each row its own copies of what moves", () => {
    const fill = rowFiller(formulas);
    expect(fill(1)[0]).not.toBe(fill(1)[0]);
    expect(fill(1)[0]).not.toEqual(fill(2)[0]);
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

import { evaluatePlan, inputsFromGrid } from "../../../src/engine/compute";
import * as shiftRowsModule from "../../../src/engine/plan/shiftRows";
import type { WorkbookGrid } from "../../../src/engine/core/Grid";
import { FormulaError } from "../../../src/engine/interpret";
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import type { CellPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { SheetBuilder } from "../../../src/engine/plan/SheetBuilder";
import { SpecBook, bookPlan, type BookSpec, type CellSpec } from "../../support/formulaBook";
import { parseFormula } from "../../support/formulaText";

function plan(cells: Record<string, CellSpec>, extra: CellPlan[] = []): WorkbookPlan {
  const built = bookPlan({ sheets: { S: cells } });
  const sheet = built.sheets[0]!;
  return { ...built, sheets: [{ ...sheet, cells: [...sheet.cells, ...extra] }] };
}

describe("evaluatePlan", () => {
  it("evaluates formulas over the plan's inputs, across sheets and through defined names", () => {
    const values = evaluatePlan(
      bookPlan({
        sheets: { 评分: { A1: 80, A2: 90, A3: 0.5 }, 汇总: { B1: "=SUM('评分'!A1:A2)*Weight" } },
        names: { Weight: "'评分'!$A$3" },
      })
    );
    expect(values.value("汇总", 1, 2)).toBe(85);
    expect(values.formulaCount).toBe(1);
  });

  it("keeps only formula columns' values when asked, each formula still computed from the inputs", () => {
    const cells = { A1: 2, A2: 3, B1: "=A1*10", B2: "=SUM(A1:A2)", C1: "名" };
    const all = evaluatePlan(plan(cells));
    const formulasOnly = evaluatePlan(plan(cells), { formulasOnly: true });
    expect([1, 2].map((row) => formulasOnly.value("S", row, 2))).toEqual([20, 5]);
    expect(formulasOnly.value("S", 1, 1)).toBeUndefined();
    expect(formulasOnly.value("S", 1, 3)).toBeUndefined();
    // The failure twin: by default every cell keeps its value.
    expect([all.value("S", 1, 1), all.value("S", 1, 3)]).toEqual([2, "名"]);
  });

  it("keeps blank, empty text and zero apart", () => {
    const values = evaluatePlan(plan({ A1: 0, A2: '=""', B1: "=A3", B2: "=A2", B3: "=A1" }));
    expect(values.value("S", 1, 2)).toBe(0); // a reference to an empty cell shows 0
    expect(values.value("S", 2, 2)).toBe("");
    expect(values.value("S", 3, 2)).toBe(0);
    expect(values.value("S", 3, 1)).toBeUndefined(); // no cell there in the plan
  });

  it("evaluates a filled formula from its first row's tree with the row offset", () => {
    const base = parseFormula("=A1*2");
    const filled = [0, 1, 2].map((offset): CellPlan => ({
      row: 1 + offset,
      col: 2,
      content: { kind: "filled", base, offset, cached: null },
    }));
    const values = evaluatePlan(plan({ A1: 1, A2: 2, A3: 3 }, filled));
    expect([1, 2, 3].map((row) => values.value("S", row, 2))).toEqual([2, 4, 6]);
  });

  it("never builds a filled formula's tree for its row", () => {
    const base = parseFormula("=A1+1");
    const filled = Array.from({ length: 50 }, (_u, offset): CellPlan => ({
      row: 1 + offset,
      col: 2,
      content: { kind: "filled", base, offset, cached: null },
    }));
    const built = jest.spyOn(shiftRowsModule, "shiftRows");
    try {
      const values = evaluatePlan(plan({ A1: 1 }, filled));
      expect(values.value("S", 50, 2)).toBe(1); // A50 is blank: 0 + 1
      expect(values.value("S", 1, 2)).toBe(2);
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it("evaluates only the columns asked for, with the cells they depend on", () => {
    const cells = { A1: 2, B1: "=A1*10", C1: "=B1+1", D1: "=SUM(A1:A9)*100" };
    const some = evaluatePlan(plan(cells), { columns: (sheet, col) => sheet === "S" && col === 3 });
    expect(some.value("S", 1, 3)).toBe(21);
    expect(some.value("S", 1, 2)).toBe(20); // C1 depends on it
    expect(some.value("S", 1, 4)).toBeUndefined(); // left out
    expect(some.value("S", 1, 1)).toBe(2);
    expect(some.formulaCount).toBe(2);
    const all = evaluatePlan(plan(cells));
    expect(all.value("S", 1, 4)).toBe(200);
    expect(all.formulaCount).toBe(3);
  });

  it("replaces input cells with entered values, never a formula", () => {
    const values = evaluatePlan(plan({ A1: 1, A2: 2, B1: "=A1+A2" }), {
      inputs: (sheet, row, col) => (sheet === "S" && row === 2 && col === 1 ? 40 : undefined),
    });
    expect(values.value("S", 1, 2)).toBe(41);
    const untouched = evaluatePlan(plan({ A1: 1, A2: 2, B1: "=A1+A2" }), {
      inputs: (_sheet, row, col) => (row === 1 && col === 2 ? 99 : undefined),
    });
    expect(untouched.value("S", 1, 2)).toBe(3);
  });

  it("takes a workbook as read for the plan's inputs: pasted text, a cleared cell, an error", () => {
    const read: WorkbookGrid = {
      sheets: [
        {
          name: "S",
          hidden: false,
          rows: [[{ type: "text", text: "85分" }], [], [{ type: "error", error: "#N/A" }]],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
        },
      ],
    };
    const cells = {
      A1: 80,
      A2: 90,
      A3: 70,
      B1: "=COUNT(A1:A3)",
      B2: "=ISBLANK(A2)",
      B3: "=ISNA(A3)",
    };
    const values = evaluatePlan(plan(cells), { inputs: inputsFromGrid(read) });
    expect([1, 2, 3].map((row) => values.value("S", row, 2))).toEqual([0, true, true]);
    // Twin: without the grid the plan's own inputs count.
    const own = evaluatePlan(plan(cells));
    expect([1, 2, 3].map((row) => own.value("S", row, 2))).toEqual([3, false, false]);
    // A sheet the grid lacks keeps its inputs.
    expect(
      evaluatePlan(plan(cells), { inputs: inputsFromGrid({ sheets: [] }) }).value("S", 1, 2)
    ).toBe(3);
  });

  it("gives TODAY() the date it is told, and #N/A without one", () => {
    expect(
      evaluatePlan(plan({ A1: "=TODAY()" }), { today: "2024-01-01" as IsoDate }).value("S", 1, 1)
    ).toBe(45292);
    expect(evaluatePlan(plan({ A1: "=TODAY()" })).value("S", 1, 1)).toBe(FormulaError.na);
  });

  it("reads a built sheet a column run at a time as it reads the same cells one by one", () => {
    const builder = new SheetBuilder("S");
    const base = parseFormula("=A1*10+B1");
    for (let row = 1; row <= 6; row++) {
      builder.number(row, 1, row); // a run of numbers
      builder.text(row, 3, `名${row}`); // a run of texts
      builder.number(row, 4, null); // a run of blanks
    }
    builder.number(2, 2, 0.5);
    builder.text(3, 2, "x");
    for (let offset = 0; offset < 4; offset++) builder.filledFormula(1 + offset, 5, base, offset);
    builder.filledFormula(6, 5, base, 5); // the same base after a gap: a run of its own
    builder.formula(5, 5, parseFormula('=COUNTIF(C1:C6,"名*")')); // a formula written out between them
    builder.formula(2, 6, parseFormula("=E4")); // then a cell put above a run already there
    builder.formula(1, 6, parseFormula("=SUM(E1:E6)"));
    const sheet = builder.build();
    const asBuilt: WorkbookPlan = { sheets: [sheet], names: [], styles: {} };
    const oneByOne: WorkbookPlan = {
      sheets: [{ ...sheet, cells: [...sheet.cells] }],
      names: [],
      styles: {},
    };
    const built = evaluatePlan(asBuilt);
    const cells = evaluatePlan(oneByOne);
    const all = (values: ReturnType<typeof evaluatePlan>): unknown[] =>
      [1, 2, 3, 4, 5, 6].flatMap((row) =>
        [1, 2, 3, 4, 5, 6].map((col) => values.value("S", row, col))
      );
    expect(all(built)).toEqual(all(cells));
    expect([1, 2, 3, 4, 5, 6].map((row) => built.value("S", row, 5))).toEqual([
      10,
      20.5,
      FormulaError.value,
      40,
      6,
      60,
    ]);
    expect([built.value("S", 1, 6), built.value("S", 2, 6)]).toEqual([FormulaError.value, 40]);
    expect(built.formulaCount).toBe(cells.formulaCount);
  });

  it("follows a chain of 20,000 cells without overflowing the stack", () => {
    const cells: Record<string, CellSpec> = { A1: "=B20000", B1: 1 };
    for (let row = 2; row <= 20_000; row++) cells[`B${row}`] = `=B${row - 1}+1`;
    const values = evaluatePlan(plan(cells));
    expect(values.value("S", 1, 1)).toBe(20_000);
    expect(values.circular).toEqual([]);
  });

  it("builds a range index and reads a range for SUMPRODUCT over a chain deeper than the stack", () => {
    const cells: Record<string, CellSpec> = {
      A1: '=COUNTIF(B1:B20000,">19990")',
      A2: "=SUMPRODUCT((B1:B20000>19995)*B1:B20000)",
      A3: "=MATCH(20000,B1:B20000,0)",
      B1: 1,
    };
    for (let row = 2; row <= 20_000; row++) cells[`B${row}`] = `=B${row - 1}+1`;
    const values = evaluatePlan(plan(cells));
    expect(values.value("S", 1, 1)).toBe(10);
    expect(values.value("S", 2, 1)).toBe(19996 + 19997 + 19998 + 19999 + 20000);
    expect(values.value("S", 3, 1)).toBe(20_000);
  });

  it("turns a circular reference into an error and names its cells", () => {
    const values = evaluatePlan(plan({ A1: "=B1+1", B1: "=A1", C1: "=5" }));
    expect(values.value("S", 1, 1)).toBe(FormulaError.cycle);
    expect(values.value("S", 1, 2)).toBe(FormulaError.cycle);
    expect(values.value("S", 1, 3)).toBe(5);
    expect(values.circular.map((c) => `${c.row}:${c.col}`).sort()).toEqual(["1:1", "1:2"]);
  });

  it("ends a circular chain longer than the stack (20,001 cells) with errors, not a hang", () => {
    const cells: Record<string, CellSpec> = { A1: "=B20000", B1: "=A1+1" };
    for (let row = 2; row <= 20_000; row++) cells[`B${row}`] = `=B${row - 1}+1`;
    const values = evaluatePlan(plan(cells));
    expect(values.value("S", 1, 1)).toBe(FormulaError.cycle);
    expect(values.value("S", 10_000, 2)).toBe(FormulaError.cycle);
  });
});

describe("a part of a formula kept per value of the one cell it reads (compileFormula's memo)", () => {
  /** `base` filled down column `col` of `sheet`, rows 1…count. */
  const filledDown = (base: ReturnType<typeof parseFormula>, col: number, count: number) =>
    Array.from({ length: count }, (_unused, offset): CellPlan => ({
      row: 1 + offset,
      col,
      content: { kind: "filled", base, offset, cached: null },
    }));

  it("tells entries of equal look apart by type: 18, '18', TRUE, 'TRUE', blank and ''", () => {
    // RULES §4.3's check of an entry, as 考核表's criterion cells write it (Max 30, step 0.5).
    const base = parseFormula(
      '=IF(ISNUMBER(A1),OR(ISLOGICAL(A1),TYPE(A1)<>1,A1<0,A1>Max,ABS(A1/Step-ROUND(A1/Step,0))>0.000000001),A1<>"")'
    );
    const entries: (CellSpec | null)[] = [
      18,
      "18",
      true,
      "TRUE",
      null,
      "",
      18,
      30.5,
      18.25,
      "18",
      0,
      true,
      null,
      31,
    ];
    const cells: Record<string, CellSpec> = { D1: 30, D2: 0.5 };
    entries.forEach((entry, i) => {
      if (entry !== null) cells[`A${i + 1}`] = entry;
    });
    const built = bookPlan({ sheets: { S: cells }, names: { Max: "'S'!$D$1", Step: "'S'!$D$2" } });
    const sheet = built.sheets[0]!;
    const values = evaluatePlan({
      ...built,
      sheets: [{ ...sheet, cells: [...sheet.cells, ...filledDown(base, 2, entries.length)] }],
    });
    // Worked by hand: a number counts within 0–30 on the 0.5 step; text and TRUE are flagged, blank and "" not.
    expect(entries.map((_entry, i) => values.value("S", i + 1, 2))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it("keeps a part's values per sheet: one tree filled down two sheets whose fixed ranges differ", () => {
    const base = parseFormula("=IF(ISNUMBER(A1),COUNTIF($D$1:$D$3,A1)+0,-1)");
    const built = bookPlan({
      sheets: {
        S: { A1: 5, A2: 5, A3: 7, D1: 5, D2: 5, D3: 7 },
        T: { A1: 5, A2: 7, A3: 5, D1: 7, D2: 7, D3: 7 },
      },
    });
    const values = evaluatePlan({
      ...built,
      sheets: built.sheets.map((sheet) => ({
        ...sheet,
        cells: [...sheet.cells, ...filledDown(base, 2, 3)],
      })),
    });
    expect([1, 2, 3].map((row) => values.value("S", row, 2))).toEqual([2, 2, 1]);
    expect([1, 2, 3].map((row) => values.value("T", row, 2))).toEqual([0, 3, 0]);
  });

  it("keeps a part reading two cells per pair of values, not per value of either", () => {
    // A judge sheet's counted score: blank when the judge is recused (C) or left it blank, else the entry.
    const base = parseFormula('=IF(OR($C1<>"",A1=""),"",A1)');
    const built = bookPlan({
      sheets: { S: { A1: 5, A2: 5, C2: "回避", A3: 5, A4: 7, C4: "回避", A5: 7, C6: "回避" } },
    });
    const sheet = built.sheets[0]!;
    const values = evaluatePlan({
      ...built,
      sheets: [{ ...sheet, cells: [...sheet.cells, ...filledDown(base, 2, 6)] }],
    });
    expect([1, 2, 3, 4, 5, 6].map((row) => values.value("S", row, 2))).toEqual([
      5,
      "",
      5,
      "",
      7,
      "",
    ]);
  });

  it("never reads a cell only an untaken branch names: no circular reference through it", () => {
    // C reads B: B reading C would be circular, but B's IF never takes the branch that reads C.
    const base = parseFormula("=IF($D$1=1,C1+C1+C1+C1+C1,0)");
    const built = bookPlan({ sheets: { S: { A1: 1, A2: 2, D1: 0, C1: "=B1", C2: "=B2" } } });
    const sheet = built.sheets[0]!;
    const values = evaluatePlan({
      ...built,
      sheets: [{ ...sheet, cells: [...sheet.cells, ...filledDown(base, 2, 2)] }],
    });
    expect([values.value("S", 1, 2), values.value("S", 2, 2)]).toEqual([0, 0]);
    expect(values.circular).toEqual([]);
  });
});

/**
 * `built` with each formula filled down rows 1…`rows` of every sheet, one column each from `firstCol`: one tree per
 * column, as the plan's fill-downs are, so the evaluation reads through closures and columns.
 */
function filledDown(
  built: WorkbookPlan,
  formulas: readonly ((r: number) => string)[],
  rows: number,
  firstCol: number
): WorkbookPlan {
  const bases = formulas.map((formula) => parseFormula(formula(1)));
  return {
    ...built,
    sheets: built.sheets.map((sheet) => ({
      ...sheet,
      cells: [
        ...sheet.cells,
        ...bases.flatMap((base, c) =>
          Array.from({ length: rows }, (_unused, offset): CellPlan => ({
            row: 1 + offset,
            col: firstCol + c,
            content: { kind: "filled", base, offset, cached: null },
          }))
        ),
      ],
    })),
  };
}

describe("cells read through their column (WorkbookContext.column), as cell by cell", () => {
  /** Each column's formula as its first row holds it; `r` is the row it is filled down to. */
  const FORMULAS: Record<string, (r: number) => string> = {
    B: (r) => `=A${r}`, // the formula's own sheet: a number, text, TRUE, an error, blank, "", a formula
    C: (r) => `='T'!A${r}`, // a named sheet
    D: (r) => `=TYPE(A${r})`, // TRUE and 1, "" and blank told apart
    E: (r) => `=E${r + 1}+1`, // formula cells of its own column, down past the last
    F: (r) => `=F${r}`, // itself: circular
    G: () => "=$A$3&$A$4", // fixed cells
    H: () => "='T'!$A$2*2",
    I: (r) => `=Z${r}`, // a column without a cell
  };
  const ROWS = 12; // column A ends at row 9: rows 10–12 read past it
  const inputs: Record<string, Record<string, CellSpec>> = {
    S: { A1: 5, A2: 0.25, A3: "x", A4: true, A5: "=1/0", A7: "", A8: "=A1*3", A9: false },
    T: { A1: "t", A2: 7.5, A3: false, A4: "=A2/2", A5: 0, A6: "", A8: "=NA()", A9: -1.25 },
  };

  it("gives every filled formula the value the interpreter walking each row's own tree gives", () => {
    // The oracle: each row's formula written out and walked (no closures, no columns: WorkbookContext.cellValue).
    const written: BookSpec = {
      sheets: Object.fromEntries(
        Object.entries(inputs).map(([sheet, cells]) => {
          const all: Record<string, CellSpec> = { ...cells };
          for (const [col, formula] of Object.entries(FORMULAS))
            for (let r = 1; r <= ROWS; r++) all[`${col}${r}`] = formula(r);
          return [sheet, all];
        })
      ),
    };
    const oracle = new SpecBook(written, { compileFrom: Infinity });
    // The plan: each column one fill-down of its first row's tree, evaluated through closures reading columns.
    const built = bookPlan({ sheets: inputs });
    // Filled down both sheets: a closure on the formula's own sheet reads each sheet's column.
    const values = evaluatePlan(filledDown(built, Object.values(FORMULAS), ROWS, 2));
    for (const sheet of ["S", "T"])
      for (let col = 0; col < Object.keys(FORMULAS).length; col++)
        for (let r = 1; r <= ROWS; r++) {
          const a1 = `${String.fromCharCode(66 + col)}${r}`;
          expect([sheet, a1, values.value(sheet, r, 2 + col)]).toEqual([
            sheet,
            a1,
            oracle.value(`${sheet}!${a1}`),
          ]);
        }
    // Worked by hand, so the oracle is not alone: TRUE stays TRUE, "" stays text, blank shows 0, past the end 0.
    expect([2, 4, 6, 7, 11].map((r) => values.value("S", r, 2))).toEqual([0.25, true, 0, "", 0]);
    expect([4, 6, 7].map((r) => values.value("S", r, 4))).toEqual([4, 1, 2]);
    expect([values.value("S", 1, 5), values.value("T", 12, 5)]).toEqual([12, 1]);
    expect(values.value("T", 1, 3)).toBe("t");
    expect([values.value("S", 1, 7), values.value("T", 1, 7)]).toEqual(["xTRUE", "FALSE3.75"]);
    expect(values.value("S", 3, 6)).toBe(FormulaError.cycle);
    expect(values.circular).toHaveLength(2 * ROWS);
  });
});

describe("criteria over columns long enough to be indexed, read through their columns, as a scan answers", () => {
  // 90 rows (indexes start at 64): tiers in A (one text in two cases, "", blank), numbers in B (fractions,
  // numeric text, TRUE, text, an error, blank), each formula filled down C:J.
  const ROWS = 90;
  const TIERS: (CellSpec | undefined)[] = ["省级", "a", "A", "b", "", undefined, "省级"];
  const NUMBERS: (CellSpec | undefined)[] = [
    0.25,
    1.5,
    -0.5,
    2,
    "2",
    "1.5",
    0,
    true,
    undefined,
    "x",
    1.5,
    "=1/0",
    0.25,
  ];
  const FORMULAS: Record<string, (r: number) => string> = {
    C: (r) => `=COUNTIFS($A$1:$A$${ROWS},A${r},$B$1:$B$${ROWS},">"&B${r})`,
    D: (r) => `=COUNTIFS($B$1:$B$${ROWS},B${r})`,
    E: (r) => `=COUNTIFS($B$1:$B$${ROWS},"<"&B${r})`,
    F: (r) => `=SUMIFS($B$1:$B$${ROWS},$A$1:$A$${ROWS},A${r},$B$1:$B$${ROWS},">="&B${r})`,
    G: (r) => `=COUNTIFS($A$1:$A$${ROWS},A${r})`,
    H: (r) => `=COUNTIFS($A$1:$A$${ROWS},"a",$B$1:$B$${ROWS},"<="&B${r})`,
    // The same cell read several times running, then the next row's.
    I: (r) => `=B${r}*B${r}-B${r}/4+B${r + 1}`,
    J: (r) => `=SUMIFS($B$1:$B$${ROWS},$A$1:$A$${ROWS},"<>a")+COUNTIFS($A$1:$A$${ROWS},"<>"&A${r})`,
  };
  const inputs: Record<string, CellSpec> = {};
  for (let r = 1; r <= ROWS; r++) {
    const tier = TIERS[(r * 5) % TIERS.length];
    const number = NUMBERS[(r * 7) % NUMBERS.length];
    if (tier !== undefined) inputs[`A${r}`] = tier;
    if (number !== undefined) inputs[`B${r}`] = number;
  }

  it("gives every filled formula what the interpreter scanning each row's own formula gives", () => {
    const written: Record<string, CellSpec> = { ...inputs };
    for (const [col, formula] of Object.entries(FORMULAS))
      for (let r = 1; r <= ROWS; r++) written[`${col}${r}`] = formula(r);
    const oracle = new SpecBook(
      { sheets: { S: written } },
      { compileFrom: Infinity, indexFrom: Infinity }
    );
    const built = bookPlan({ sheets: { S: inputs } });
    const values = evaluatePlan(filledDown(built, Object.values(FORMULAS), ROWS, 3));
    for (let col = 0; col < Object.keys(FORMULAS).length; col++)
      for (let r = 1; r <= ROWS; r++) {
        const a1 = `${String.fromCharCode(67 + col)}${r}`;
        expect([a1, values.value("S", r, 3 + col)]).toEqual([a1, oracle.value(`S!${a1}`)]);
      }
    // Counted here too, so the oracle is not alone, on a row holding "A" and 1.5 ("a" and the text "1.5" count).
    const all = Array.from({ length: ROWS }, (_u, i) => i + 1);
    const count = (test: (tier?: CellSpec, number?: CellSpec) => boolean) =>
      all.filter((r) => test(inputs[`A${r}`], inputs[`B${r}`])).length;
    const isA = (tier?: CellSpec) => tier === "a" || tier === "A";
    const row = all.find((r) => inputs[`A${r}`] === "A" && inputs[`B${r}`] === 1.5) as number;
    expect([
      values.value("S", row, 7),
      values.value("S", row, 4),
      values.value("S", row, 3),
    ]).toEqual([
      count((tier) => isA(tier)),
      count((_tier, n) => n === 1.5 || n === "1.5"),
      count((tier, n) => isA(tier) && typeof n === "number" && n > 1.5),
    ]);
  });
});

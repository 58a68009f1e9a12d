/**
 * The closures compileFormula makes for calls keep state per call site (a list of arguments, an AND/OR decision,
 * criteria read before, the cells of a small range) to make less garbage. Each state must give what a call
 * made afresh gives: when the closure is entered again while it is still working (a cell it reads holds the
 * same formula, one row down), and where a range moves off the sheet.
 */
import { evaluatePlan } from "../../../src/engine/compute";
import {
  FormulaError,
  Interpreter,
  type CellValue,
  type WorkbookContext,
} from "../../../src/engine/interpret";
import { MAX_ROW } from "../../../src/engine/interpret/values";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import { call, num, op, ref } from "../../../src/engine/formula/build";
import type { CellPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { SpecBook, bookPlan, type CellSpec } from "../../support/formulaBook";
import { parseFormula } from "../../support/formulaText";

/** `formula` filled down column `col` of sheet S, rows 1…count, beside `cells`: one tree, one set of closures. */
function filledPlan(
  cells: Record<string, CellSpec>,
  fills: readonly {
    readonly formula: string | FormulaNode;
    readonly col: number;
    readonly count: number;
  }[]
): WorkbookPlan {
  const built = bookPlan({ sheets: { S: cells } });
  const sheet = built.sheets[0]!;
  const filled = fills.flatMap(({ formula, col, count }) => {
    const base = typeof formula === "string" ? parseFormula(formula) : formula;
    return Array.from({ length: count }, (_unused, offset): CellPlan => ({
      row: 1 + offset,
      col,
      content: { kind: "filled", base, offset, cached: null },
    }));
  });
  return { ...built, sheets: [{ ...sheet, cells: [...sheet.cells, ...filled] }] };
}

function column(plan: WorkbookPlan, col: number, rows: number): (CellValue | undefined)[] {
  const values = evaluatePlan(plan);
  return Array.from({ length: rows }, (_unused, i) => values.value("S", i + 1, col));
}

describe("a compiled call entered again while it works (a cell it reads holds the same formula)", () => {
  it("keeps each OR's decision: B2 = OR(A2, B3) is TRUE whatever B3 decided", () => {
    const plan = filledPlan({ A1: false, A2: true, A3: false, A4: false, A5: false }, [
      { formula: "=OR(A1,B2)", col: 2, count: 5 },
    ]);
    // Worked by hand: only A2 is TRUE, and each row takes the rows below it.
    expect(column(plan, 2, 5)).toEqual([true, true, false, false, false]);
  });

  it("keeps each AND's decision: B2 = AND(A2, B3) is FALSE whatever B3 decided", () => {
    const plan = filledPlan({ A1: true, A2: false, A3: true, A4: true, A5: true }, [
      { formula: "=AND(A1,B2)", col: 2, count: 5 },
    ]);
    expect(column(plan, 2, 5)).toEqual([false, false, true, true, true]);
  });

  it("keeps each COUNTIFS's criteria: one read while the next row's COUNTIFS is evaluated stays its own", () => {
    // C reads the next row's B, so B's second criterion evaluates the next row's COUNTIFS in the middle of its own.
    const cells: Record<string, CellSpec> = { A1: 1, A2: 2, A3: 3, A4: 9 };
    [1, 2, 2, 3].forEach((d, i) => (cells[`D${i + 1}`] = d));
    [1, 1, 1, 1].forEach((e, i) => (cells[`E${i + 1}`] = e));
    const plan = filledPlan(cells, [
      { formula: "=COUNTIFS($D$1:$D$4,A1,$E$1:$E$4,C1)", col: 2, count: 4 },
      { formula: '=IF(B2>=0,">0","none")', col: 3, count: 4 },
    ]);
    // Worked by hand: how many of D1:D4 (1, 2, 2, 3) equal A (1, 2, 3, 9); every E is above 0.
    expect(column(plan, 2, 4)).toEqual([1, 2, 1, 0]);
  });
});

describe("one frame a formula's cells take in turn", () => {
  it("reads each row's own cells when a row is evaluated inside another row of the same formula", () => {
    // B1 is done first without reading below; B2 then reads B3 (which reads B4) before its own A2.
    const plan = filledPlan({ A1: 0, A2: 2, A3: 3, A4: 4 }, [
      { formula: "=IF(A1=0,0,B2)+A1", col: 2, count: 4 },
    ]);
    // Worked by hand: a running sum from the bottom, cut at A1 = 0.
    expect(column(plan, 2, 4)).toEqual([0, 9, 7, 4]);
  });

  it("evaluates a call the formula holds twice afresh on every row", () => {
    // One ROUND node used twice (as the plan compilers reuse a node): kept per cell, never from the row before.
    const product = call("ROUND", op(ref(1, 1), "*", ref(1, 2)), num(0));
    const formula = call("IF", op(product, ">", num(3)), product, num(0));
    const plan = filledPlan({ A1: 1, B1: 1, A2: 2, B2: 2, A3: 1, B3: 5, A4: 0, B4: 1 }, [
      { formula, col: 3, count: 4 },
    ]);
    expect(column(plan, 3, 4)).toEqual([0, 4, 5, 0]);
  });

  it("gathers each row's cells afresh where the interpreter evaluates a SUM of references", () => {
    // IFERROR has no closure of its own: the SUM inside it is the interpreter's, row after row.
    const plan = filledPlan({ A1: 1, B1: 1, A2: 2, B2: 2, A3: 1, B3: 5 }, [
      { formula: "=IFERROR(SUM(A1,B1),0)", col: 3, count: 3 },
    ]);
    expect(column(plan, 3, 3)).toEqual([2, 4, 6]);
  });
});

describe("criteria kept by the value they were read from", () => {
  it("counts each row with its own value's criterion, values repeating down the column", () => {
    const cells: Record<string, CellSpec> = {};
    [2, 3, 2, 3, "3", 5].forEach((a, i) => (cells[`A${i + 1}`] = a));
    [1, 2, 3, 4, 5, "3"].forEach((d, i) => (cells[`D${i + 1}`] = d));
    const plan = filledPlan(cells, [
      { formula: '=COUNTIF($D$1:$D$6,">"&A1)', col: 2, count: 6 },
      { formula: "=COUNTIF($D$1:$D$6,A1)", col: 3, count: 6 },
    ]);
    // Worked by hand: numbers above a (text "3" in D is never above anything); "3" as a criterion is the number 3,
    // which the text "3" in D6 also equals.
    expect(column(plan, 2, 6)).toEqual([3, 2, 3, 2, 2, 0]);
    expect(column(plan, 3, 6)).toEqual([1, 2, 1, 2, 2, 1]);
  });
});

describe("COUNT, SUM, AVERAGE, MAX and MIN of a small range, compiled", () => {
  /** Every cell holds 7; a row past the sheet's last is #REF! for the interpreter itself. */
  const sevens: WorkbookContext = {
    sheetIndex: (name) => (name === "S" ? 0 : undefined),
    cellValue: () => 7,
    definedName: () => undefined,
    today: undefined,
  };

  it.each([
    ["=COUNT(A1:A2)", 0],
    ["=SUM(A1:A2)", FormulaError.ref],
    ["=MAX(A1:B2)", FormulaError.ref],
  ])("moved partly off the sheet, %s is what the range gives whole: %p", (text, expected) => {
    const formula = parseFormula(text);
    const at = { sheet: 0, row: MAX_ROW, col: 3 };
    const walked = new Interpreter(sevens, { compileFrom: Infinity });
    const compiled = new Interpreter(sevens, { compileFrom: 1 });
    expect(walked.evaluateCell(formula, at, MAX_ROW - 1)).toEqual(expected);
    expect(compiled.evaluateCell(formula, at, MAX_ROW - 1)).toEqual(expected);
    // The failure twin: on the sheet, the range's cells count.
    expect(compiled.evaluateCell(formula, at, MAX_ROW - 2)).not.toEqual(expected);
  });

  it("reads a range row by row: the first error met is the one returned", () => {
    const plan = filledPlan(
      {
        ...{ A1: 1, B1: "=1/0", C1: 2 },
        ...{ A2: "=NA()", B2: 1, C2: "=1/0" },
        ...{ A3: "=1/0", B3: "=NA()", C3: 1 },
      },
      [
        { formula: "=SUM(A1:C1)", col: 4, count: 3 },
        { formula: "=COUNT(A1:C1)+MAX(C1:A1)", col: 5, count: 3 },
        { formula: "=COUNT(A1:C1)", col: 6, count: 3 },
      ]
    );
    const [div0, na] = [FormulaError.div0, FormulaError.na];
    expect(column(plan, 4, 3)).toEqual([div0, na, div0]);
    expect(column(plan, 5, 3)).toEqual([div0, na, div0]);
    // COUNT skips the errors and counts the numbers.
    expect(column(plan, 6, 3)).toEqual([2, 1, 1]);
  });
});

describe("operators and names compiled (a closure per operator, a name for a fixed cell read as that cell)", () => {
  /** The same formulas written out row by row and walked by the interpreter (cellValue, no closures): the oracle. */
  function walkedAndCompiled(
    cells: Record<string, CellSpec>,
    formulas: readonly ((r: number) => string)[],
    rows: number,
    names: Record<string, string> = {}
  ): { compiled: (CellValue | undefined)[]; walked: CellValue[] } {
    const written: Record<string, CellSpec> = { ...cells };
    formulas.forEach((formula, c) => {
      for (let r = 1; r <= rows; r++) written[`${String.fromCharCode(72 + c)}${r}`] = formula(r);
    });
    const oracle = new SpecBook({ sheets: { S: written }, names }, { compileFrom: Infinity });
    const built = bookPlan({ sheets: { S: cells }, names });
    const sheet = built.sheets[0]!;
    const filled = formulas.flatMap((formula, c) => {
      const base = parseFormula(formula(1));
      return Array.from({ length: rows }, (_unused, offset): CellPlan => ({
        row: 1 + offset,
        col: 8 + c,
        content: { kind: "filled", base, offset, cached: null },
      }));
    });
    const values = evaluatePlan({
      ...built,
      sheets: [{ ...sheet, cells: [...sheet.cells, ...filled] }],
    });
    const compiled: (CellValue | undefined)[] = [];
    const walked: CellValue[] = [];
    formulas.forEach((_formula, c) => {
      for (let r = 1; r <= rows; r++) {
        compiled.push(values.value("S", r, 8 + c));
        walked.push(oracle.value(`S!${String.fromCharCode(72 + c)}${r}`));
      }
    });
    return { compiled, walked };
  }

  // Numbers (0.3 and 0.1+0.2 equal as Excel compares), blank, "", numeric text, text of either case, booleans, an
  // error. A fill's first row is walked, not compiled (Interpreter's compileFrom): blank is not first.
  const OPERANDS: (CellSpec | null)[] = [
    1,
    null,
    "",
    0,
    0.3,
    "=0.1+0.2",
    -2.5,
    "3",
    "abc",
    "ABC",
    "待更正",
    true,
    false,
    "=1/0",
  ];

  it("gives every operator on every pair of operands what the interpreter gives", () => {
    // Row r holds the pair (OPERANDS[i], OPERANDS[j]) in A and B, r = i·n + j + 1.
    const n = OPERANDS.length;
    const cells: Record<string, CellSpec> = {};
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const r = i * n + j + 1;
        const [a, b] = [OPERANDS[i], OPERANDS[j]];
        if (a !== null && a !== undefined) cells[`A${r}`] = a;
        if (b !== null && b !== undefined) cells[`B${r}`] = b;
      }
    const ops = ["+", "-", "*", "/", "^", "&", "=", "<>", "<", "<=", ">", ">="];
    const { compiled, walked } = walkedAndCompiled(
      cells,
      ops.map((o) => (r: number) => `=A${r}${o}B${r}`),
      n * n
    );
    expect(compiled).toEqual(walked);
    // Worked by hand, so the oracle is not alone (row of 0.3 against 0.1+0.2: equal, neither less nor greater).
    const row = 4 * n + 5; // (0.3, =0.1+0.2), 0-based index row - 1 in each operator's block
    expect(ops.map((_o, k) => compiled[k * n * n + row])).toEqual([
      expect.closeTo(0.6, 12),
      0,
      expect.closeTo(0.09, 12),
      expect.closeTo(1, 12),
      expect.closeTo(0.3 ** 0.3, 12),
      "0.30.3",
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('compares with a written text as the interpreter does: blank is "", case ignored, numbers never equal', () => {
    const cells: Record<string, CellSpec> = {};
    OPERANDS.forEach((value, i) => {
      if (value !== null) cells[`A${i + 1}`] = value;
    });
    const { compiled, walked } = walkedAndCompiled(
      cells,
      [
        (r) => `=A${r}=""`,
        (r) => `=A${r}<>""`,
        (r) => `=A${r}="待更正"`,
        (r) => `=A${r}="abc"`,
        (r) => `=A${r}<>"Abc"`,
        (r) => `=A${r}<"abc"`,
      ],
      OPERANDS.length
    );
    expect(compiled).toEqual(walked);
    const n = OPERANDS.length;
    // A = "": blank and "" alone; A = "abc": "abc" and "ABC"; an error stays the error.
    expect(compiled.slice(0, n)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      FormulaError.div0,
    ]);
    expect([compiled[3 * n + 8], compiled[3 * n + 9], compiled[3 * n + 10]]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("reads a name for a fixed cell as that cell, and every other name as the interpreter does", () => {
    const { compiled, walked } = walkedAndCompiled(
      { A1: 2, A2: 3, A3: "x", D1: 10, D2: 0.5, D3: 4, E5: 7 },
      [
        (r) => `=A${r}*Fixed`,
        (r) => `=A${r}*Constant`,
        (r) => `=Column+A${r}`,
        (r) => `=Missing&A${r}`,
        () => "=Elsewhere",
        (r) => `=Undefined+A${r}`,
        () => "=Relative",
      ],
      3,
      {
        Fixed: "'S'!$D$1",
        Constant: "0.5",
        Column: "'S'!$D$1:$D$3",
        Missing: "'Nowhere'!$A$1",
        Elsewhere: "'S'!$E$5",
        Relative: "'S'!$D1",
      }
    );
    expect(compiled).toEqual(walked);
    // Worked by hand: 2×10, 3×10, "x"×10; the column's own row of D (implicit intersection); #REF! for a sheet
    // not in the book.
    expect(compiled.slice(0, 3)).toEqual([20, 30, FormulaError.value]);
    expect(compiled.slice(6, 9)).toEqual([12, 3.5, FormulaError.value]);
    expect(compiled[9]).toBe(FormulaError.ref);
    expect(compiled.slice(12, 15)).toEqual([7, 7, 7]);
  });
});

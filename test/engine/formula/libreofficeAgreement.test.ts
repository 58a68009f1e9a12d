/**
 * The formula primitives against a real spreadsheet: LibreOffice parses what unparse writes the way the
 * AST means it, and its ROUND, criterion formula and COUNTIFS rank give the values worked out by hand.
 * One soffice run for the whole file.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FormulaNode } from "../../../src/engine/formula/ast";
import { call, neg, num, op, range, ref, text } from "../../../src/engine/formula/build";
import { unparse } from "../../../src/engine/formula/unparse";
import { excelRound } from "../../../src/engine/interpret/excelRound";
import { describeWithSoffice } from "../../support/loSuite";
import {
  readComputedValues,
  recalculateWorkbooks,
  type ComputedWorkbook,
} from "../../support/libreoffice";

const SHEET = "检查 sheet";
const OTHER = "Judge's 表";

/** Formulas whose value we know by reasoning, written once per row: [formula, expected]. */
const PARSE_CASES: [string, FormulaNode, number | string | boolean][] = [
  ["1-(2-3)", op(num(1), "-", op(num(2), "-", num(3))), 2],
  ["(1-2)-3", op(op(num(1), "-", num(2)), "-", num(3)), -4],
  ["2^-1", op(num(2), "^", neg(num(1))), 0.5],
  ["-(2^2)", neg(op(num(2), "^", num(2))), -4],
  ["(-2)^2", op(num(-2), "^", num(2)), 4],
  ["(2^3)^2", op(op(num(2), "^", num(3)), "^", num(2)), 64],
  ["2^(3^2)", op(num(2), "^", op(num(3), "^", num(2))), 512],
  [
    "-(a+b) with a=3 b=4",
    neg(op(ref(1, 2, { sheet: OTHER }), "+", ref(2, 2, { sheet: OTHER }))),
    -7,
  ],
  ["1e-7 written plainly", op(num(1e-7), "*", num(1e7)), 1],
  ["1e21 written plainly", op(num(1e21), "/", num(1e20)), 10],
  ["text with quotes", call("LEN", text('他说"好"')), 5],
  ["user text that looks like a formula", call("LEN", text('=HYPERLINK("x")')), 15],
  ["comparison chain", op(op(num(1), "=", num(1)), "=", bool(true)), true],
  [
    "_xlfn.IFNA",
    call("IFNA", call("MATCH", num(9), range("B1", "B2", OTHER), num(0)), text("none")),
    "none",
  ],
  // Only the branch taken is portable: IF(FALSE,1,) is 0 in Excel but blank in LibreOffice.
  ["IF with an omitted argument not taken", call("IF", bool(true), num(1), { kind: "empty" }), 1],
  ["sum over a quoted sheet", call("SUM", range("B1", "B2", OTHER)), 7],
];

function bool(value: boolean): FormulaNode {
  return { kind: "bool", value };
}

/** Values whose ROUND is a classic trap, at 0…2 decimals. */
const ROUND_INPUTS: [number, number][] = [
  [1.005, 2],
  [2.675, 2],
  [-1.005, 2],
  [0.285, 2],
  [1.0049999, 2],
  [22.625, 2],
  [0.1 + 0.2, 2],
  [89.33 * 0.8 + 90 * 0.2, 2],
  [1234.5, 0],
  [-0.5, 0],
  [1250, -2],
  [8.345, 2],
  [87.555 * 100, 0],
];

/**
 * Score sets for the criterion formula, with abstentions (the five judges sit in columns C…G), and the score
 * worked out by hand (RULES §4.1): five scores drop the highest and lowest, three or four take the plain mean,
 * fewer than three give no score; rounded half away from zero to two places.
 */
const SCORE_SETS: [(number | null)[], number | null][] = [
  [[27, 28.5, 26, 29, 25.5], 27.17], // (136 − 29 − 25.5) / 3 = 27.1667
  [[30, null, 26, 27, 20], 25.75], // 103 / 4
  [[22.5, 23, 22.5, 22.5, null], 22.63], // 90.5 / 4 = 22.625, half up
  [[30, 30, 30, 20, 25], 28.33], // (135 − 30 − 20) / 3
  [[28, 28, null, null, null], null], // two judges: no score
  [[19.5, 17, 18.5, 20, 16], 18.33], // (91 − 20 − 16) / 3
  [[24.5, 23.5, 21, 25, 22], 23.33], // (116 − 25 − 21) / 3
];

interface RankRow {
  readonly tier: string;
  readonly total: number;
  readonly panel: number;
  readonly satisfaction: number;
}

const RANK_ROWS: RankRow[] = [
  { tier: "city", total: 90, panel: 90, satisfaction: 90 },
  { tier: "city", total: 88, panel: 86, satisfaction: 90 },
  { tier: "city", total: 88, panel: 86, satisfaction: 90 },
  { tier: "city", total: 88, panel: 87, satisfaction: 80 },
  { tier: "city", total: 82, panel: 80, satisfaction: 90.01 },
  { tier: "city", total: 82, panel: 80, satisfaction: 90 },
  { tier: "province", total: 99.99, panel: 100, satisfaction: 99.95 },
  { tier: "province", total: 99.99, panel: 100, satisfaction: 99.96 },
];
/** Total, panel, satisfaction in hundredths at 10^10, 10^5 and 1 (decision 0004), by hand. */
const RANK_KEYS = [
  9000e10 + 9000e5 + 9000,
  8800e10 + 8600e5 + 9000,
  8800e10 + 8600e5 + 9000,
  8800e10 + 8700e5 + 8000,
  8200e10 + 8000e5 + 9001,
  8200e10 + 8000e5 + 9000,
  9999e10 + 10000e5 + 9995,
  9999e10 + 10000e5 + 9996,
];

function criterionFormula(row: number): FormulaNode {
  const scores = range(`C${row}`, `G${row}`);
  const count = call("COUNT", scores);
  const trimmed = op(
    op(op(call("SUM", scores), "-", call("MAX", scores)), "-", call("MIN", scores)),
    "/",
    op(count, "-", num(2))
  );
  const plain = op(call("SUM", scores), "/", count);
  return call(
    "IF",
    op(count, "<", num(3)),
    text(""),
    call("ROUND", call("IF", op(count, ">=", num(5)), trimmed, plain), num(2))
  );
}

async function buildWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET);
  const other = workbook.addWorksheet(OTHER);
  other.getCell("B1").value = 3;
  other.getCell("B2").value = 4;

  PARSE_CASES.forEach(([, node], i) => {
    sheet.getCell(i + 1, 1).value = {
      formula: unparse(node, "ooxml", SHEET),
    } as ExcelJS.CellFormulaValue;
  });
  ROUND_INPUTS.forEach(([x, digits], i) => {
    sheet.getCell(i + 1, 2).value = x;
    sheet.getCell(i + 1, 3).value = {
      formula: unparse(call("ROUND", ref(i + 1, 2), num(digits)), "ooxml", SHEET),
    } as ExcelJS.CellFormulaValue;
  });

  const scores = workbook.addWorksheet("scores");
  SCORE_SETS.forEach(([set], i) => {
    set.forEach((score, j) => {
      if (score !== null) scores.getCell(i + 1, 3 + j).value = score;
    });
    scores.getCell(i + 1, 8).value = {
      formula: unparse(criterionFormula(i + 1), "ooxml", "scores"),
    } as ExcelJS.CellFormulaValue;
  });

  // Rank sheet: A tier, B total, C panel, D satisfaction, E key, F rank.
  const ranks = workbook.addWorksheet("ranks");
  const last = RANK_ROWS.length;
  RANK_ROWS.forEach((r, i) => {
    const row = i + 1;
    ranks.getCell(row, 1).value = r.tier;
    ranks.getCell(row, 2).value = r.total;
    ranks.getCell(row, 3).value = r.panel;
    ranks.getCell(row, 4).value = r.satisfaction;
    const hundredths = (col: number) => call("ROUND", op(ref(row, col), "*", num(100)), num(0));
    const key = op(
      op(op(hundredths(2), "*", num(1e10)), "+", op(hundredths(3), "*", num(1e5))),
      "+",
      hundredths(4)
    );
    ranks.getCell(row, 5).value = {
      formula: unparse(key, "ooxml", "ranks"),
    } as ExcelJS.CellFormulaValue;
    const rank = op(
      call(
        "COUNTIFS",
        range(`$A$1`, `$A$${last}`),
        ref(row, 1),
        range(`$E$1`, `$E$${last}`),
        op(text(">"), "&", ref(row, 5))
      ),
      "+",
      num(1)
    );
    ranks.getCell(row, 6).value = {
      formula: unparse(rank, "ooxml", "ranks"),
    } as ExcelJS.CellFormulaValue;
  });
  await workbook.xlsx.writeFile(file);
}

describeWithSoffice("formula primitives in LibreOffice", () => {
  let dir = "";
  let computed: ComputedWorkbook;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "shifan-formula-"));
    const source = path.join(dir, "primitives.xlsx");
    await buildWorkbook(source);
    const [recalculated] = await recalculateWorkbooks([source], path.join(dir, "out"));
    computed = await readComputedValues(recalculated ?? "");
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(PARSE_CASES.map(([label, , expected], i) => [label, i + 1, expected] as const))(
    "parses %s as meant",
    (_label, row, expected) => {
      expect(computed.get(SHEET)?.get(`A${row}`)).toBe(expected);
    }
  );

  it.each(ROUND_INPUTS.map(([x, digits], i) => [x, digits, i + 1] as const))(
    "ROUND(%p, %p) agrees with excelRound",
    (x, digits, row) => {
      expect(computed.get(SHEET)?.get(`C${row}`)).toBe(excelRound(x, digits));
    }
  );

  it.each(SCORE_SETS.map(([set, expected], i) => [set.join(" "), expected, i + 1] as const))(
    "criterion of %s is %p",
    (_label, expected, row) => {
      const value = computed.get("scores")?.get(`H${row}`);
      expect(value === "" || value === undefined ? null : value).toBe(expected);
    }
  );

  it("ranks with COUNTIFS on the composite key: ties share a rank, the next is skipped", () => {
    const sheetKeys = RANK_ROWS.map((_r, i) => computed.get("ranks")?.get(`E${i + 1}`));
    const sheetRanks = RANK_ROWS.map((_r, i) => computed.get("ranks")?.get(`F${i + 1}`));
    expect(sheetKeys).toEqual(RANK_KEYS);
    // city: 90 first; 88/87 panel second; the two 88/86/90 share third; 82 with 90.01 fifth, 90 sixth.
    expect(sheetRanks).toEqual([1, 3, 3, 2, 5, 6, 2, 1]);
  });
});

/**
 * The interpreter against Excel's semantics, case by case (semanticsTable.ts): every case's formula is evaluated
 * where it sits in the workbook, so ROW(), implicit intersection and circular references behave as in a sheet.
 */
import { knownFunctions } from "../../../src/engine/formula/functions";
import { FormulaError, type CellValue } from "../../../src/engine/interpret";
import { SpecBook } from "../../support/formulaBook";
import {
  CASE_COLUMN,
  CASE_SHEET,
  SEMANTICS_CASES,
  semanticsBook,
  type Expected,
} from "./semanticsTable";

/** A computed value in the table's terms: errors as { error }. */
export function asExpected(value: CellValue): Expected | null {
  if (value instanceof FormulaError) return { error: value.code };
  return value;
}

describe.each([
  ["scanning every range, walking each formula tree", Infinity, Infinity],
  ["through range indexes, walking each formula tree", 0, Infinity],
  ["scanning every range, each formula compiled to closures", Infinity, 1],
  ["through range indexes, each formula compiled to closures", 0, 1],
])("Excel semantics, %s", (_label, indexFrom, compileFrom) => {
  const book = new SpecBook(semanticsBook(), { indexFrom, compileFrom });

  it.each(SEMANTICS_CASES.map((c, i) => [c.formula, i, c.excel] as const))(
    "%s → %p",
    (_formula, i, excel) => {
      expect(asExpected(book.value(`${CASE_SHEET}!${CASE_COLUMN}${i + 1}`))).toEqual(excel);
    }
  );
});

describe("the semantics table", () => {
  it("fails on a wrong expectation (its own failure twin)", () => {
    const book = new SpecBook(semanticsBook());
    const first = SEMANTICS_CASES[0]!;
    expect(asExpected(book.value(`${CASE_SHEET}!${CASE_COLUMN}1`))).not.toEqual(
      typeof first.excel === "number" ? first.excel + 1 : "not this"
    );
  });

  it("names the difference wherever LibreOffice is expected to differ", () => {
    for (const c of SEMANTICS_CASES) if (c.lo !== undefined) expect(c.why).toBeTruthy();
  });

  it("covers every allowed function of the whitelist", () => {
    const used = new Set(
      SEMANTICS_CASES.flatMap((c) =>
        [...c.formula.toUpperCase().matchAll(/([A-Z]+)\(/g)].map((m) => m[1])
      )
    );
    const missing = knownFunctions()
      .filter((f) => f.allowed && !used.has(f.name))
      .map((f) => f.name);
    expect(missing).toEqual([]);
  });
});

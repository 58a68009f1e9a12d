/**
 * The indexes answer exactly what a scan answers: random columns of mixed values (numbers, numeric text, text
 * in two cases, blanks, "", booleans) and random criteria, evaluated once through indexes and once by scanning.
 */
import fc from "fast-check";
import { SpecBook, type CellSpec } from "../../support/formulaBook";

const CELL = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom("3", "-1", "a", "A", "b", "ab", '=""', true, false, 0.5, -1.5, "0.5"),
  fc.constant(undefined)
);
const CRITERION = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.constantFrom(
    '">1"',
    '"<=0"',
    '">=-1"',
    '"<2"',
    '"a"',
    '"A"',
    '"<>a"',
    '"a*"',
    '""',
    '"="',
    '"<>"',
    "TRUE",
    '"3"',
    '">"&A1'
  )
);

function column(
  letter: string,
  cells: readonly (CellSpec | undefined)[]
): Record<string, CellSpec> {
  const out: Record<string, CellSpec> = {};
  cells.forEach((cell, i) => {
    if (cell !== undefined) out[`${letter}${i + 2}`] = cell;
  });
  return out;
}

describe("range indexes", () => {
  it("count and sum as a scan does, whatever the values and criteria", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(CELL, CELL, fc.integer({ min: -5, max: 5 })), {
          minLength: 1,
          maxLength: 30,
        }),
        CRITERION,
        CRITERION,
        (rows, first, second) => {
          const n = rows.length + 1;
          const formulas = {
            Z1: `=COUNTIFS(A2:A${n},${first},B2:B${n},${second})`,
            Z2: `=SUMIFS(C2:C${n},A2:A${n},${first},B2:B${n},${second})`,
            Z3: `=COUNTIF(B2:B${n},${second})`,
            Z4: `=MATCH(${second},B2:B${n},0)`,
          };
          const sheet = {
            A1: 1,
            ...column(
              "A",
              rows.map((r) => r[0])
            ),
            ...column(
              "B",
              rows.map((r) => r[1])
            ),
            ...column(
              "C",
              rows.map((r) => r[2])
            ),
            ...formulas,
          };
          const indexed = new SpecBook({ sheets: { S: sheet } }, { indexFrom: 0 });
          const scanned = new SpecBook({ sheets: { S: sheet } }, { indexFrom: Infinity });
          for (const at of Object.keys(formulas))
            expect(indexed.value(`S!${at}`)).toEqual(scanned.value(`S!${at}`));
        }
      ),
      { numRuns: 300 }
    );
  });

  it("the rank COUNTIFS through the index equals counting by hand", () => {
    const keys = [5, 3, 5, 9, 1, 3];
    const tiers = ["省级", "市级", "省级", "省级", "市级", "市级"];
    const sheet: Record<string, CellSpec> = {};
    keys.forEach((key, i) => {
      sheet[`A${i + 1}`] = tiers[i]!;
      sheet[`B${i + 1}`] = key;
      sheet[`C${i + 1}`] = `=COUNTIFS($A$1:$A$6,A${i + 1},$B$1:$B$6,">"&B${i + 1})+1`;
    });
    const book = new SpecBook({ sheets: { S: sheet } }, { indexFrom: 0 });
    // 省级 keys 5, 5, 9 rank 2, 2, 1; 市级 3, 1, 3 rank 1, 3, 1.
    expect(keys.map((_k, i) => book.value(`S!C${i + 1}`))).toEqual([2, 1, 2, 1, 3, 1]);
  });
});

import { compareCells, formatMismatches, sameShownValue, splitSheetCellRef } from "./compareCells";

describe("splitSheetCellRef", () => {
  it.each([
    ["'考核表'!M7", "考核表", "M7"],
    ["'It''s'!$B$2", "It's", "B2"],
    ["Sheet1!AA10", "Sheet1", "AA10"],
  ])("splits %s", (ref, sheet, cell) => {
    expect(splitSheetCellRef(ref)).toEqual({ sheet, cell });
  });

  it("refuses a reference without a sheet", () => {
    expect(() => splitSheetCellRef("B7")).toThrow(/not a sheet cell reference/);
  });
});

describe("sameShownValue", () => {
  it.each([
    [85, 85.0, true],
    [80.41, 80.41000000000001, true],
    [80.41, 80.4, false],
    [85, 84.99, false],
    [null, null, true],
    ["", null, true],
    [undefined, null, true],
    [0, null, false],
    [null, 0, false],
    ["是", "是", true],
    ["是", "否", false],
    ["85", 85, false],
  ] as const)("%p shown vs %p expected → %p", (shown, expected, same) => {
    expect(sameShownValue(shown, expected)).toBe(same);
  });
});

describe("compareCells", () => {
  const workbook = new Map([
    [
      "考核表",
      new Map<string, number | string | boolean | null>([
        ["M7", 88],
        ["N7", "良好"],
      ]),
    ],
  ]);

  it("finds nothing when every cell agrees", () => {
    expect(
      compareCells(
        [
          { ref: "'考核表'!M7", value: 88, what: "SF-0001 total" },
          { ref: "'考核表'!N7", value: "良好", what: "SF-0001 grade" },
          { ref: "'考核表'!O7", value: null, what: "SF-0001 rank" },
        ],
        workbook
      )
    ).toEqual([]);
  });

  it("lists every cell that differs, with both values", () => {
    const mismatches = compareCells(
      [
        { ref: "'考核表'!M7", value: 88.01, what: "SF-0001 total" },
        { ref: "'考核表'!O7", value: 3, what: "SF-0001 rank" },
      ],
      workbook
    );
    expect(mismatches).toEqual([
      { ref: "'考核表'!M7", what: "SF-0001 total", shown: 88, expected: 88.01 },
      { ref: "'考核表'!O7", what: "SF-0001 rank", shown: undefined, expected: 3 },
    ]);
    expect(formatMismatches(mismatches, "LibreOffice")).toBe(
      "2 cell(s) differ:\n  '考核表'!M7  SF-0001 total: LibreOffice 88, engine 88.01\n  '考核表'!O7  SF-0001 rank: LibreOffice (empty), engine 3"
    );
  });

  it("throws when a named sheet is missing (a broken layout, not a value difference)", () => {
    expect(() => compareCells([{ ref: "'汇总'!A1", value: 1, what: "x" }], workbook)).toThrow(
      /no sheet 汇总/
    );
  });

  it("shortens a long diff", () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      ref: `'S'!A${i + 1}`,
      what: `c${i}`,
      shown: 1,
      expected: 2,
    }));
    expect(formatMismatches(many, "file", 2).split("\n")).toHaveLength(4);
  });
});

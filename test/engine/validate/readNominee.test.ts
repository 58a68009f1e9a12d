import { type Issue, type SheetGrid } from "../../../src/engine";
import { HEADER_VOCABULARY } from "../../../src/engine/headers/matchHeader";
import { locateTable } from "../../../src/engine/locate/locateTable";
import { readNominee } from "../../../src/engine/validate/readNominee";
import { date, gridFromRows, type CellInput } from "../../support/grids";

const locate = (sheet: SheetGrid) => locateTable(sheet, HEADER_VOCABULARY);

const HEADER = [
  "序号",
  "推荐单位",
  "党组织名称",
  "党组织类别",
  "推荐级别",
  "党员人数",
  "推荐时间",
  "授牌时间",
  "最近考评时间",
  "最近考评得分",
  "一票否决",
  "备注",
  "联系电话",
];
const CLEAN: CellInput[] = [
  1,
  "长沙市",
  " 阳光社区  党支部 ",
  "社区",
  "省级",
  35,
  "2011-05-16",
  date("2012-06-28"),
  "2013.12.20",
  91.5,
  "否",
  "",
  "0731-8589101",
];

function sheetWith(row: CellInput[]): SheetGrid {
  return gridFromRows([HEADER, row], { name: "推荐汇总" });
}

function read(row: CellInput[]): {
  nominee: ReturnType<typeof readNominee>["nominee"];
  issues: Issue[];
} {
  const sheet = sheetWith(row);
  const table = locate(sheet);
  if (!table) throw new Error("fixture has no table");
  return readNominee(sheet, table, 2);
}

const withCell = (col: number, value: CellInput): CellInput[] =>
  CLEAN.map((v, i) => (i === col - 1 ? value : v));

describe("readNominee", () => {
  it.each([
    ["a NUL", "城关镇\u0000党委"],
    ["a lone surrogate", "城关镇\uD800党委"],
    ["U+FFFF", "城关镇\uFFFF党委"],
  ])(
    "replaces %s, which no spreadsheet can store, with U+FFFD and says so at the cell",
    (_, name) => {
      const { nominee, issues } = read(withCell(3, name));
      expect(nominee.name).toBe("城关镇\uFFFD党委");
      expect(nominee.displayName).toBe("城关镇\uFFFD党委");
      expect(issues).toEqual([
        expect.objectContaining({
          code: "unstorable_character",
          severity: "warning",
          cell: "C2",
          params: { value: "城关镇\uFFFD党委" },
        }),
      ]);
    }
  );

  it("keeps control characters a spreadsheet stores as _xHHHH_, and emoji, with no issue (failure twin)", () => {
    const { nominee, issues } = read(withCell(3, "城关镇\u0001党委😀"));
    expect(nominee.displayName).toBe("城关镇\u0001党委😀");
    expect(issues).toEqual([]);
  });

  it("reads a clean row without issues", () => {
    const { nominee, issues } = read(CLEAN);
    expect(issues).toEqual([]);
    expect(nominee).toMatchObject({
      sheet: "推荐汇总",
      row: 2,
      name: "阳光社区 党支部",
      displayName: " 阳光社区  党支部 ",
      region: "长沙市",
      sector: "community",
      tier: "province",
      members: 35,
      nominatedOn: "2011-05-16",
      awardedOn: "2012-06-28",
      lastReviewOn: "2013-12-20",
      lastReviewScore: 91.5,
      lastReviewVeto: false,
      notes: null,
      phone: "0731-8589101",
    });
    expect(nominee.cells).toMatchObject({ name: "C2", sector: "D2", tier: "E2", notes: "L2" });
    expect(nominee.extra).toEqual({ 序号: "1" });
  });

  it.each([
    [
      "an empty name",
      3,
      "",
      { code: "missing_required", severity: "error", cell: "C2", field: "name" },
    ],
    [
      "an empty sector",
      4,
      null,
      { code: "missing_required", severity: "error", cell: "D2", field: "sector" },
    ],
    [
      "an empty tier",
      5,
      "  ",
      { code: "missing_required", severity: "error", cell: "E2", field: "tier" },
    ],
    [
      "街道社区",
      4,
      "街道社区",
      {
        code: "ambiguous_sector",
        severity: "error",
        cell: "D2",
        params: { value: "街道社区", suggestions: "街道党组织、社区党组织" },
      },
    ],
    [
      "an unknown sector",
      4,
      "文明单位",
      { code: "unknown_sector", severity: "error", cell: "D2", params: { value: "文明单位" } },
    ],
    [
      "国家级",
      5,
      "国家级",
      { code: "invalid_tier", severity: "error", cell: "E2", params: { value: "国家级" } },
    ],
    [
      "an impossible date",
      7,
      "2011-02-30",
      {
        code: "invalid_date",
        severity: "error",
        cell: "G2",
        field: "nominatedOn",
        params: { value: "2011-02-30" },
      },
    ],
    [
      "a month-only date",
      8,
      "2012年6月",
      {
        code: "month_only_date",
        severity: "warning",
        cell: "H2",
        params: { value: "2012年6月", date: "2012-06-01" },
      },
    ],
    [
      "若干 members",
      6,
      "若干",
      {
        code: "invalid_number",
        severity: "error",
        cell: "F2",
        field: "members",
        params: { value: "若干" },
      },
    ],
    [
      "a score in words",
      10,
      "优秀",
      { code: "invalid_number", severity: "error", cell: "J2", field: "lastReviewScore" },
    ],
    [
      "a veto neither 是 nor 否",
      11,
      "待定",
      { code: "invalid_veto", severity: "error", cell: "K2", field: "lastReviewVeto" },
    ],
    [
      "a name that starts like a formula",
      3,
      '=HYPERLINK("http://x","y")',
      { code: "unsafe_text", severity: "warning", cell: "C2", field: "name" },
    ],
    [
      "notes that start like a formula",
      12,
      "@SUM(A1)",
      { code: "unsafe_text", severity: "warning", cell: "L2", field: "notes" },
    ],
    [
      "a review before the award",
      9,
      "2012-01-05",
      {
        code: "review_before_award",
        severity: "warning",
        cell: "I2",
        params: { reviewOn: "2012-01-05", awardedOn: "2012-06-28" },
      },
    ],
  ])("reports %s at its cell", (_label, col, value, expected) => {
    const { issues } = read(withCell(col, value));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ sheet: "推荐汇总", row: 2, ...expected });
  });

  it("keeps typed formula-like text as text, and flags it in unmapped columns too", () => {
    const sheet = gridFromRows([
      ["名称", "类别", "级别", "链接"],
      ["城关镇党委", "乡镇", "县级", '=HYPERLINK("http://x")'],
    ]);
    const { nominee, issues } = readNominee(sheet, locate(sheet)!, 2);
    expect(nominee.extra).toEqual({ 链接: '=HYPERLINK("http://x")' });
    expect(issues).toEqual([
      expect.objectContaining({ code: "unsafe_text", cell: "D2", field: null }),
    ]);
  });

  it("does not flag the result of a real formula cell", () => {
    const sheet = gridFromRows([
      ["名称", "类别", "级别"],
      [{ type: "text", text: "=城关镇", formula: 'CONCAT("=","城关镇")' }, "乡镇", "县级"],
    ]);
    expect(readNominee(sheet, locate(sheet)!, 2).issues).toEqual([]);
  });

  it("reports every problem of a row, not the first only", () => {
    const { issues, nominee } = read([2, "长沙市", "", "街道社区", "国家级", "若干", "2011-02-30"]);
    expect(issues.map((i) => [i.code, i.cell])).toEqual([
      ["missing_required", "C2"],
      ["ambiguous_sector", "D2"],
      ["invalid_tier", "E2"],
      ["invalid_number", "F2"],
      ["invalid_date", "G2"],
    ]);
    expect(nominee).toMatchObject({
      name: null,
      sector: null,
      tier: null,
      members: null,
      nominatedOn: null,
    });
  });

  it("reports a required field whose column is missing on the row, without a cell", () => {
    const sheet = gridFromRows([
      ["名称", "类别"],
      ["城关镇党委", "乡镇"],
    ]);
    expect(readNominee(sheet, locate(sheet)!, 2).issues).toEqual([
      expect.objectContaining({ code: "missing_required", field: "tier", row: 2, cell: null }),
    ]);
  });

  it("reads traditional-character values", () => {
    const { nominee, issues } = read([
      1,
      "長沙市",
      "陽光社區黨支部",
      "社區黨組織",
      "省級",
      "３５人",
      "２０１１年５月１６日",
    ]);
    expect(issues).toEqual([]);
    expect(nominee).toMatchObject({
      sector: "community",
      tier: "province",
      members: 35,
      nominatedOn: "2011-05-16",
    });
  });
});

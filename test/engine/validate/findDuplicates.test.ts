import { type Nominee } from "../../../src/engine";
import { findDuplicates } from "../../../src/engine/validate/findDuplicates";

function nominee(sheet: string, row: number, name: string | null, region: string | null): Nominee {
  return {
    sheet,
    row,
    name,
    displayName: name,
    sector: null,
    tier: null,
    region,
    members: null,
    secretary: null,
    phone: null,
    nominatedOn: null,
    awardedOn: null,
    lastReviewOn: null,
    lastReviewScore: null,
    lastReviewVeto: null,
    notes: null,
    cells: { name: `C${row}` },
    extra: {},
  };
}

describe("findDuplicates", () => {
  it("reports the later of two rows with the same name and region, at its name cell", () => {
    const issues = findDuplicates([
      nominee("推荐汇总", 9, "金盆村党支部", "益阳市"),
      nominee("推荐汇总", 44, "金盆村党支部", "益阳市"),
    ]);
    expect(issues).toEqual([
      {
        code: "duplicate",
        severity: "warning",
        sheet: "推荐汇总",
        row: 44,
        cell: "C44",
        field: "name",
        params: { otherSheet: "推荐汇总", otherRow: 9, otherCell: "C9" },
      },
    ]);
  });

  it("matches names in traditional characters, with spaces, across sheets", () => {
    const issues = findDuplicates([
      nominee("株洲市", 6, "盛源物流有限公司党支部", null),
      nominee("湘潭市", 16, "盛源物流 有限公司黨支部", null),
    ]);
    expect(
      issues.map((i) => [i.sheet, i.row, i.code === "duplicate" && i.params.otherSheet])
    ).toEqual([["湘潭市", 16, "株洲市"]]);
  });

  it("treats the same name from different regions as different nominees", () => {
    expect(
      findDuplicates([
        nominee("s", 2, "湖南建工集团有限公司党委", "株洲市"),
        nominee("s", 3, "湖南建工集团有限公司党委", "娄底市"),
      ])
    ).toEqual([]);
  });

  it("does not pair a missing region with a present one, nor rows without a name", () => {
    expect(
      findDuplicates([nominee("s", 2, "城关镇党委", null), nominee("s", 3, "城关镇党委", "长沙市")])
    ).toEqual([]);
    expect(findDuplicates([nominee("s", 2, null, null), nominee("s", 3, null, null)])).toEqual([]);
  });

  it("points every later copy at the first", () => {
    const rows = [2, 5, 8].map((row) => nominee("s", row, "城关镇党委", "长沙市"));
    expect(
      findDuplicates(rows).map((i) => [i.row, i.code === "duplicate" && i.params.otherRow])
    ).toEqual([
      [5, 2],
      [8, 2],
    ]);
  });
});

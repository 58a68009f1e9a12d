import { mapHeaders, matchHeader } from "../../../src/engine/headers/matchHeader";

describe("matchHeader", () => {
  it.each([
    ["党组织名称", "name"],
    ["示范点名称", "name"],
    ["推荐单位", "region"],
    ["所在市州", "region"],
    ["党组织类别", "sector"],
    ["所属领域", "sector"],
    ["推荐级别", "tier"],
    ["党员人数", "members"],
    ["党组织书记", "secretary"],
    ["联系电话", "phone"],
    ["推荐时间", "nominatedOn"],
    ["授牌日期", "awardedOn"],
    ["最近考评时间", "lastReviewOn"],
    ["最近考评得分", "lastReviewScore"],
    ["一票否决", "lastReviewVeto"],
    ["备注", "notes"],
  ])("maps the synonym %s to %s with full confidence", (header, field) => {
    expect(matchHeader(header)).toEqual({ field, confidence: 1 });
  });

  it.each([
    ["黨組織名稱", "name"],
    ["黨組織類別", "sector"],
    ["推薦級別", "tier"],
    ["聯繫電話", "phone"],
    ["授牌時間", "awardedOn"],
    ["　党员 人数 ", "members"],
  ])("maps traditional, full-width and spaced header %s to %s", (header, field) => {
    expect(matchHeader(header)).toEqual({ field, confidence: 1 });
  });

  it.each([
    ["示范点创建单位名称", "name"],
    ["党组织所属领域", "sector"],
    ["在册党员(名)", "members"],
    ["在册党员（名）", "members"],
    ["命名时间", "awardedOn"],
    ["上次考评分数", "lastReviewScore"],
  ])("maps the issue’s example %s to %s", (header, field) => {
    expect(matchHeader(header).field).toBe(field);
  });

  it.each([
    ["基层党组织所属领域类别", "sector"],
    ["所在党组织所属领域", "sector"],
    ["党组织书记联系电话", "phone"],
    ["最近一次考评分数", "lastReviewScore"],
    ["拟推荐示范点级别", "tier"],
  ])("maps %s by containment, below full confidence", (header, field) => {
    const match = matchHeader(header);
    expect(match.field).toBe(field);
    expect(match.confidence).toBeGreaterThanOrEqual(0.65);
    expect(match.confidence).toBeLessThan(1);
  });

  it("reads a group header over a sub-header by the sub-header", () => {
    expect(matchHeader("党组织基本情况/名称")).toEqual({ field: "name", confidence: 0.95 });
    expect(matchHeader("党组织书记/姓名")).toEqual({ field: "secretary", confidence: 1 });
    expect(matchHeader("党组织书记/联系电话")).toEqual({ field: "phone", confidence: 1 });
    expect(matchHeader("书记/姓名")).toEqual({ field: "secretary", confidence: 0.95 });
  });

  it.each([
    "序号",
    "内部编号",
    "党员发展情况",
    "",
    "2011年全省创先争优活动省级示范点创建单位推荐汇总表",
  ])("maps %p to no field", (header) => {
    expect(matchHeader(header)).toEqual({ field: null, confidence: 0 });
  });

  it("takes 推荐单位 for the recommending body, not the nominee", () => {
    expect(matchHeader("推荐单位").field).toBe("region");
  });
});

describe("mapHeaders", () => {
  it("gives each field to one column only, the most confident", () => {
    const columns = mapHeaders([
      { col: 1, header: "序号" },
      { col: 2, header: "推荐单位" },
      { col: 3, header: "基层党组织名称全称" },
      { col: 4, header: "党组织名称" },
      { col: 5, header: "类别" },
    ]);
    expect(columns.map((c) => [c.col, c.field])).toEqual([
      [1, null],
      [2, "region"],
      [3, null],
      [4, "name"],
      [5, "sector"],
    ]);
  });

  it("gives a field to the leftmost of two equally sure columns", () => {
    const columns = mapHeaders([
      { col: 2, header: "名称" },
      { col: 5, header: "名称" },
    ]);
    expect(columns.map((c) => c.field)).toEqual(["name", null]);
    expect(columns[1]?.confidence).toBe(0);
  });

  it("keeps unknown columns with field null and their header as shown", () => {
    expect(mapHeaders([{ col: 9, header: "内部编号" }])).toEqual([
      { col: 9, header: "内部编号", field: null, confidence: 0 },
    ]);
  });
});

import { BUILTIN_RUBRICS, type IsoDate } from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { computedAt, formulaAt, nominee, planCell } from "./assessmentFixtures";

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3, quotas: { province: 1 } });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
const panelOf = (score: number): EnteredInputs => ({
  scores: [0, 1, 2].map(() => [score, 20, 25, 25]),
  satisfaction: 100,
  veto: null,
});

describe("汇总", () => {
  // Criterion scores sum to panel = C1 + 70; total = 0.8·panel + 20 (satisfaction 100).
  // 30 → panel 100, total 100; 20 → panel 90, total 92; 5 → panel 75, total 80.
  const compiled = compileWithInputs(
    {
      nominees: [
        nominee({ name: "a", sector: "community" }),
        nominee({ name: "b", sector: "community" }),
        nominee({ name: "c", sector: "village" }),
        nominee({ name: "d", sector: "community" }),
      ],
      issues: [],
    },
    settings,
    [panelOf(30), panelOf(20), panelOf(5), { scores: [], satisfaction: null, veto: null }]
  );
  const { plan } = compiled;

  it("has one line per sector present in a tier, in canonical order, then the tier’s total", () => {
    expect(["A3", "A4", "A5"].map((a1) => planCell(plan, "汇总", a1)?.content)).toEqual([
      { kind: "text", text: "村党组织" },
      { kind: "text", text: "社区党组织" },
      { kind: "text", text: "合计" },
    ]);
  });

  it("counts with COUNTIFS over bounded ranges of 考核表", () => {
    expect(formulaAt(plan, "汇总", "C4")).toBe(
      "COUNTIFS('考核表'!$C$3:$C$6,$A4,'考核表'!$D$3:$D$6,$B4)"
    );
    expect(formulaAt(plan, "汇总", "H5")).toBe(
      "COUNTIFS('考核表'!$D$3:$D$6,$B5,'考核表'!$X$3:$X$6,\">=\"&SF_PassLine,'考核表'!$L$3:$L$6,\"<>是\")"
    );
  });

  it("caches counts, mean, max, min, passed and recommended against the quota", () => {
    // Community: a 100, b 92, d incomplete. Tier total: a, b, c (80) complete; quota 1 → only a recommended.
    expect(
      ["C4", "D4", "E4", "F4", "G4", "H4", "I4"].map((a1) => computedAt(plan, "汇总", a1))
    ).toEqual([3, 2, 96, 100, 92, 2, 1]);
    expect(
      ["C5", "D5", "E5", "F5", "G5", "H5", "I5", "J5"].map((a1) => computedAt(plan, "汇总", a1))
    ).toEqual([4, 3, 90.67, 100, 80, 2, 1, 1]);
    // A sector line shows its sector's own quota (评分标准's 类别名额): none set here.
    expect(computedAt(plan, "汇总", "J4")).toBe("");
  });

  it("takes the highest and lowest without MAXIFS (Excel 2019+) or an array inside SUMPRODUCT (issue #12 §5)", () => {
    // 考核表's helper keys (line × 1,000,000 + total) and LARGE/SMALL with COUNTIF: no array evaluation anywhere.
    expect(formulaAt(plan, "汇总", "F4")).toBe(
      "IF(D4=0,\"\",ROUND(LARGE('考核表'!$AD$3:$AD$6,COUNTIF('考核表'!$AD$3:$AD$6,\">=\"&(MATCH($B4,SF_QuotaTiers,0)*100+MATCH($A4,SF_Sectors,0)+1)*1000000)+1)-(MATCH($B4,SF_QuotaTiers,0)*100+MATCH($A4,SF_Sectors,0))*1000000,2))"
    );
    expect(formulaAt(plan, "汇总", "G5")).toBe(
      "IF(D5=0,\"\",ROUND(SMALL('考核表'!$AC$3:$AC$6,COUNTIF('考核表'!$AC$3:$AC$6,\"<\"&MATCH($B5,SF_QuotaTiers,0)*1000000)+1)-MATCH($B5,SF_QuotaTiers,0)*1000000,2))"
    );
    for (const a1 of ["F4", "G4", "F5", "G5"])
      expect(formulaAt(plan, "汇总", a1)).not.toMatch(/SUMPRODUCT|MAXIFS|MINIFS/);
  });

  it("takes each line's highest and lowest from its own rows, whatever the other tiers and sectors hold", () => {
    // total = 0.8 × (C1 + 70) + 20: C1 30 → 100, 20 → 92, 5 → 80, 25 → 96, 10 → 84, 0 → 76.
    const spread = compileWithInputs(
      {
        nominees: [
          nominee({ name: "p1", sector: "community", tier: "province" }),
          nominee({ name: "p2", sector: "community", tier: "province" }),
          nominee({ name: "p3", sector: "village", tier: "province" }),
          nominee({ name: "c1", sector: "community", tier: "city" }),
          nominee({ name: "c2", sector: "village", tier: "city" }),
          nominee({ name: "k1", sector: "social_org", tier: "county" }),
          nominee({ name: "k2", sector: "social_org", tier: "county" }),
        ],
        issues: [],
      },
      settings,
      [
        panelOf(30),
        panelOf(20),
        panelOf(5),
        panelOf(25),
        panelOf(10),
        panelOf(0),
        { scores: [], satisfaction: null, veto: null },
      ]
    ).plan;
    const label = (a1: string) => {
      const content = planCell(spread, "汇总", a1)?.content;
      return content?.kind === "text" ? content.text : null;
    };
    const line = (row: number) => [
      label(`A${row}`),
      label(`B${row}`),
      ...["D", "F", "G"].map((col) => computedAt(spread, "汇总", `${col}${row}`)),
    ];
    expect([3, 4, 5, 6, 7, 8, 9, 10].map(line)).toEqual([
      ["村党组织", "省级", 1, 80, 80],
      ["社区党组织", "省级", 2, 100, 92],
      ["合计", "省级", 3, 100, 80],
      ["村党组织", "市级", 1, 84, 84],
      ["社区党组织", "市级", 1, 96, 96],
      ["合计", "市级", 2, 96, 84],
      ["社会组织党组织", "县级", 1, 76, 76],
      ["合计", "县级", 1, 76, 76],
    ]);
  });

  it.each([
    // Two nominees fully equal at rank 1 with one place: both recommended, and 汇总 says the quota is exceeded.
    [
      1,
      2,
      "名额 1 个，因名次并列建议授牌 2 个（超出 1 个），请评审会决定 / a tie at the line recommends 2 for 1 places (1 over the quota): the meeting decides",
    ],
    // Twin: two places hold the tie, nothing to say.
    [2, 2, ""],
  ])(
    "with %p place(s) and a tie at rank 1, 汇总 recommends %p and says %p",
    (quota, count, said) => {
      const tied = compileWithInputs(
        {
          nominees: [nominee({ name: "甲" }), nominee({ name: "乙" }), nominee({ name: "丙" })],
          issues: [],
        },
        { ...settings, rubric: withOverrides(rubric, { quotas: { province: quota } }) },
        [panelOf(30), panelOf(30), panelOf(20)]
      ).plan;
      expect(["I4", "J4", "K4"].map((a1) => computedAt(tied, "汇总", a1))).toEqual([
        count,
        quota,
        said,
      ]);
      expect(
        ["O3", "O4", "O5", "Q3", "Q4", "Q5"].map((a1) => computedAt(tied, "考核表", a1))
      ).toEqual([1, 1, 3, "是", "是", "否"]);
      // 并列 on 考核表 exactly where the tie takes the recommendations past the quota.
      const mark = count > quota ? "并列" : "";
      expect(["R3", "R4", "R5"].map((a1) => computedAt(tied, "考核表", a1))).toEqual([
        mark,
        mark,
        "",
      ]);
    }
  );

  it.each([
    // Two 社区 nominees tied at 社区 rank 1 with one 社区 place: both recommended, the 社区 line says so.
    [
      1,
      "类别名额 1 个，因名次并列建议授牌 2 个（超出 1 个），请评审会决定 / a tie at the line recommends 2 for 1 sector places (1 over the quota): the meeting decides",
    ],
    // Twin: two 社区 places hold the tie.
    [2, ""],
  ])("with %p 社区 place(s) and a tie at 社区 rank 1, the 社区 line says %p", (places, said) => {
    const sectorRubric = {
      ...rubric,
      quotas: {
        byTier: {},
        bySectorTier: { province: { community: places } },
        candidateRatio: 1.5,
      },
    };
    const tied = compileWithInputs(
      {
        nominees: [
          nominee({ name: "甲", sector: "community" }),
          nominee({ name: "乙", sector: "community" }),
          nominee({ name: "丙", sector: "community" }),
          nominee({ name: "丁", sector: "village" }),
        ],
        issues: [],
      },
      { ...settings, rubric: sectorRubric },
      [panelOf(30), panelOf(30), panelOf(20), panelOf(20)]
    ).plan;
    // Lines: 村 (row 3), 社区 (row 4), 合计 (row 5). 社区: I recommended, J its quota, K 说明, L 差额候选.
    expect(["I4", "J4", "K4"].map((a1) => computedAt(tied, "汇总", a1))).toEqual([2, places, said]);
    // 差额 1:1.5 → ROUNDUP(places × 1.5) 社区 places: 2 (1 place) or 3 (2 places); 村 has no quota, so 丁 goes.
    expect(["L3", "L4", "L5"].map((a1) => computedAt(tied, "汇总", a1))).toEqual([
      1,
      places === 1 ? 2 : 3,
      places === 1 ? 3 : 4,
    ]);
    // The tier line has no quota of its own: nothing to say there.
    expect(["J5", "K5"].map((a1) => computedAt(tied, "汇总", a1))).toEqual(["", ""]);
  });

  it("leaves 差额候选 blank when no 差额 ratio is set", () => {
    expect(["L3", "L4", "L5"].map((a1) => computedAt(plan, "汇总", a1))).toEqual(["", "", ""]);
  });
});

import {
  BUILTIN_RUBRICS,
  compileWithInputs,
  withOverrides,
  type EnteredInputs,
  type IsoDate,
} from "../../../src/engine";
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
      "COUNTIFS('考核表'!$D$3:$D$6,$B5,'考核表'!$U$3:$U$6,\">=\"&SF_PassLine,'考核表'!$L$3:$L$6,\"<>是\")"
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
    expect(planCell(plan, "汇总", "J4")?.content).toEqual({ kind: "blank" });
  });

  it("takes MAX and MIN without MAXIFS or MINIFS (Excel 2019+ only)", () => {
    expect(formulaAt(plan, "汇总", "F4")).toContain("SUMPRODUCT(MAX(");
    expect(formulaAt(plan, "汇总", "G4")).not.toMatch(/MINIFS|MAXIFS/);
  });
});

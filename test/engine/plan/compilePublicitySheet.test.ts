import { BUILTIN_RUBRICS, type IsoDate, type TierCode } from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { planAssessment } from "../../../src/engine";
import { readAssessment } from "../../../src/engine/report/readAssessment";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { computedAt, nominee, planCell, planToGrid, withCell } from "./assessmentFixtures";

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, {
  judges: 3,
  quotas: { province: 1 },
});
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
/** Three judges giving C1 `c1` and full marks elsewhere, satisfaction 100: total = 0.8 × (c1 + 70) + 20. */
const scored = (c1: number): EnteredInputs => ({
  scores: [0, 1, 2].map(() => [c1, 20, 25, 25]),
  satisfaction: 100,
  veto: null,
});
const unscored: EnteredInputs = { scores: [], satisfaction: null, veto: null };

function listOf(plan: ReturnType<typeof compileWithInputs>["plan"], lines: number) {
  return Array.from({ length: lines }, (_unused, k) =>
    ["A", "B", "C", "D", "E"].map((col) => computedAt(plan, "公示名单", `${col}${4 + k}`))
  );
}

describe("公示名单", () => {
  // Rows of 考核表 in order, with totals 0.8 × (C1 + 70) + 20:
  //   县甲 county  C1 30 → 100    recommended (no county quota, ≥ 85)
  //   省甲 province C1 20 → 92    rank 2 of province, quota 1 → not recommended
  //   市甲 city     C1 25 → 96    recommended
  //   省乙 province C1 30 → 100   rank 1 → recommended
  //   县乙 county  C1 5  → 80     below the pass line
  //   市乙 city     unscored      incomplete
  // Listed: tier by tier (省级, 市级, 县级), within a tier in 考核表's order: 省乙; 市甲; 县甲.
  const tiers: [string, TierCode, EnteredInputs, string | null][] = [
    ["县甲", "county", scored(30), "长沙县"],
    ["省甲", "province", scored(20), "株洲市"],
    ["市甲", "city", scored(25), "湘潭市"],
    ["省乙", "province", scored(30), null],
    ["县乙", "county", scored(5), "浏阳市"],
    ["市乙", "city", unscored, "岳阳市"],
  ];
  const compiled = compileWithInputs(
    {
      nominees: tiers.map(([name, tier, , region]) =>
        nominee({ name, tier, region, sector: tier === "city" ? "village" : "school" })
      ),
      issues: [],
    },
    settings,
    tiers.map(([, , inputs]) => inputs)
  );
  const { plan } = compiled;

  it("lists the recommended tier by tier, in 考核表's order within a tier, numbered from 1", () => {
    expect(listOf(plan, 4)).toEqual([
      [1, "省乙", "学校党组织", "", "省级"],
      [2, "市甲", "村党组织", "湘潭市", "市级"],
      [3, "县甲", "学校党组织", "长沙县", "县级"],
      ["", "", "", "", ""],
    ]);
    expect(computedAt(plan, "公示名单", "A2")).toBe(
      "共 3 个（按级别排列，同一级别内排名不分先后）"
    );
  });

  it("follows the scores: a nominee recommended once its panel scores it in", () => {
    const grid = planToGrid(plan);
    // 市乙 (考核表 row 8) scored 25 by every judge on C1 and full marks elsewhere: 96, recommended.
    let edited = grid;
    for (const judge of [1, 2, 3])
      ["F", "G", "H", "I"].forEach((col, c) => {
        edited = withCell(edited, `评委${judge}`, `${col}8`, {
          type: "number",
          value: [25, 20, 25, 25][c] as number,
        });
      });
    edited = withCell(edited, "考核表", "K8", { type: "number", value: 100 });
    const read = readAssessment(edited);
    if (!read.ok) throw new Error(read.failure.code);
    const again = compileWithInputs(
      {
        nominees: tiers.map(([name, tier, , region]) =>
          nominee({ name, tier, region, sector: tier === "city" ? "village" : "school" })
        ),
        issues: [],
      },
      settings,
      read.state.nominees.map((n) => n.inputs)
    );
    expect(listOf(again.plan, 4).map((line) => line[1])).toEqual(["省乙", "市甲", "市乙", "县甲"]);
  });

  it("prints on A4 portrait, one page wide, title and header on every page", () => {
    const sheet = plan.sheets.find((s) => s.name === "公示名单");
    expect(sheet?.print).toMatchObject({
      orientation: "portrait",
      paper: "A4",
      fitToWidth: true,
      repeatRows: { first: 1, last: 3 },
    });
    expect(sheet?.columns.filter((c) => c.hidden).map((c) => c.col)).toEqual([7, 8]);
  });

  it("leaves only the title unlocked on the protected sheet", () => {
    const sheet = plan.sheets.find((s) => s.name === "公示名单");
    expect(sheet?.protection).toBeDefined();
    const unlocked = sheet?.cells.filter(
      (cell) => cell.style !== undefined && plan.styles[cell.style]?.locked === false
    );
    expect(unlocked?.map((cell) => [cell.row, cell.col])).toEqual([[1, 1]]);
    expect(planCell(plan, "公示名单", "A1")?.content).toEqual({
      kind: "text",
      text: "创先争优活动示范点考核（百千万示范带动工程）建议授牌名单",
    });
  });

  it("keeps the title the official worded when the workbook is assessed again", () => {
    const source = sampleNominationGrid();
    const today = "2012-06-30" as IsoDate;
    const first = planAssessment(source, { newAssessmentId: "publicity", today });
    if (!first.ok) throw new Error(first.failure.code);
    const assessed = planToGrid(first.plan, source.sheets);
    const worded = withCell(assessed, "公示名单", "A1", {
      type: "text",
      text: "关于2012年度示范点拟授牌名单的公示",
    });
    const again = planAssessment(worded, { today });
    if (!again.ok) throw new Error(again.failure.code);
    expect(planCell(again.plan, "公示名单", "A1")?.content).toEqual({
      kind: "text",
      text: "关于2012年度示范点拟授牌名单的公示",
    });
    // Twin: a cleared title comes back as the default.
    const cleared = planAssessment(withCell(assessed, "公示名单", "A1", null), { today });
    if (!cleared.ok) throw new Error(cleared.failure.code);
    expect(planCell(cleared.plan, "公示名单", "A1")?.content).toEqual({
      kind: "text",
      text: "创先争优活动示范点考核（百千万示范带动工程）建议授牌名单",
    });
  });
});

/**
 * A 三评议 workbook through the use cases (issue #11 §1): rater scores typed on the group's sheet reach report
 * (components, issues), survive regeneration and a merge of judges' returns; the weights' check reaches report.
 */
import { planAssessment, type RawCell, type WorkbookGrid } from "../../../src/engine";
import { rubricSheetLayout } from "../../../src/engine/plan/assessmentLayout";
import { planToGrid, withCell } from "../plan/assessmentFixtures";
import { issue, merge, PEERS, reported, sanpingyiGrid, TODAY as today } from "./raterFixtures";

const n = (value: number): RawCell => ({ type: "number", value });

function masterGrid(): WorkbookGrid {
  return sanpingyiGrid("master-id");
}

/** Three members score the first nominee 80, 90 and 70 (F3:H3): the group's score is their mean, 80. */
function scoredMaster(): WorkbookGrid {
  let grid = masterGrid();
  for (const [cell, value] of [
    ["F3", 80],
    ["G3", 90],
    ["H3", 70],
  ] as const)
    grid = withCell(grid, PEERS, cell, n(value));
  return grid;
}

/** The values a sheet of a plan holds in row 3, columns F–H. */
function peersRow3(grid: WorkbookGrid): unknown[] {
  const sheet = grid.sheets.find((s) => s.name === PEERS);
  return (sheet?.rows[2] ?? [])
    .slice(5, 8)
    .map((cell) => (cell?.type === "number" ? cell.value : null));
}

describe("三评议 through the use cases", () => {
  const master = scoredMaster();

  it("writes the group's sheet beside the judges' and names the components in report", () => {
    expect(master.sheets.map((s) => s.name)).toContain(PEERS);
    const { report, issues } = reported(master);
    expect(report.rubric.components.map((c) => [c.id, c.kind, c.weight])).toEqual([
      ["panel", "panel", 0.4],
      ["peers", "raters", 0.3],
      ["satisfaction", "figure", 0.3],
    ]);
    const first = report.nominees[0];
    expect(first?.outputs.components["peers"]).toEqual({ cell: "'考核表'!K3", value: 80 });
    expect(first?.inputs.raters.slice(0, 3).map((s) => [s.cell, s.value])).toEqual([
      ["'评议_peers'!F3", 80],
      ["'评议_peers'!G3", 90],
      ["'评议_peers'!H3", 70],
    ]);
    expect(issues.filter((i) => i.code === "weights_not_one")).toEqual([]);
  });

  it("lists weights that do not sum to 1 as an issue at 评分标准's check cell", () => {
    // 党员互评 0.3 → 0.4: 0.4 + 0.4 + 0.3 = 110%.
    const row = rubricSheetLayout(4, 3).raterGroupsHeaderRow + 1;
    const edited = withCell(master, "评分标准", `C${row}`, n(0.4));
    const found = reported(edited).issues.filter((i) => i.code === "weights_not_one");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      sheet: "评分标准",
      cell: "D8",
      params: { warning: "⚠ 各部分权重之和应为 100%，现为 110%" },
    });
  });

  it("lists a rater's text entry like a judge's, and the nominee waits for its correction", () => {
    const bad = withCell(master, PEERS, "I3", { type: "text", text: "优" });
    const { report, issues } = reported(bad);
    expect(
      issues.filter((i) => i.code === "invalid_score").map((i) => `${i.sheet}!${i.cell}`)
    ).toEqual(["评议_peers!I3"]);
    expect(report.nominees[0]?.outputs.components["peers"]?.value).toBe("待更正");
  });

  it("keeps every rater's score when the workbook is generated again", () => {
    const again = planAssessment(master, { today });
    if (!again.ok) throw new Error(again.failure.code);
    expect(peersRow3(planToGrid(again.plan, []))).toEqual([80, 90, 70]);
  });

  it("writes a rater's text entry back where it stood when the workbook is generated again", () => {
    const bad = withCell(master, PEERS, "I3", { type: "text", text: "优" });
    const again = planAssessment(bad, { today });
    if (!again.ok) throw new Error(again.failure.code);
    const regenerated = planToGrid(again.plan, []);
    const row3 = regenerated.sheets.find((s) => s.name === PEERS)?.rows[2] ?? [];
    expect(row3[8]).toMatchObject({ type: "text", text: "优" });
    expect(peersRow3(regenerated)).toEqual([80, 90, 70]);
    const { issues } = reported(regenerated);
    expect(
      issues.filter((i) => i.code === "invalid_score").map((i) => `${i.sheet}!${i.cell}`)
    ).toEqual(["评议_peers!I3"]);
  });

  it("takes a group's corrected score over the text a rater had typed, and does not write the text back", () => {
    const bad = withCell(master, PEERS, "I3", { type: "text", text: "优" });
    const [issuedCopy] = issue(bad, { groups: ["peers"], newCopyId: () => "peers-1" });
    const copy = withCell(planToGrid(issuedCopy!.plan()), PEERS, "I3", n(85));
    const merged = merge(bad, [{ file: "peers.xlsx", grid: copy }]);
    expect(merged.report.conflicts).toEqual([]);
    const row3 = planToGrid(merged.plan, []).sheets.find((s) => s.name === PEERS)?.rows[2] ?? [];
    expect(row3[8]).toMatchObject({ type: "number", value: 85 });
  });

  it("keeps every rater's score through a merge of a judge's return", () => {
    const [issuedCopy] = issue(master, { judges: [1], newCopyId: () => "copy-1" });
    const copy = withCell(planToGrid(issuedCopy!.plan()), "评委1", "F3", n(25));
    const merged = merge(master, [{ file: "c1.xlsx", grid: copy }]);
    expect(merged.report.merged).toEqual([{ file: "c1.xlsx", judge: 1, taken: 1 }]);
    expect(peersRow3(planToGrid(merged.plan, []))).toEqual([80, 90, 70]);
  });
});

/**
 * Issue #9: whatever a person does to a rater group's sheet (评议_<code>), one rater's scores are never read, shown or
 * written as another's. Each rater's column is found by its `评议人r` header (as a judge's criteria are by theirs),
 * by report, by re-assessment, by merge's read of the master; headers that leave it unclear refuse, naming the cell.
 */
import {
  BUILTIN_RUBRICS,
  failureMessage,
  planAssessment,
  reportAssessment,
  type WorkbookGrid,
} from "../../../src/engine";
import { rubricSheetLayout } from "../../../src/engine/plan/assessmentLayout";
import { planToGrid, withCell } from "../plan/assessmentFixtures";
import {
  n,
  t,
  withColumnInserted,
  withColumnsSwapped,
  withRowsReversed,
  withSheet,
} from "../../support/grids";
import {
  issue,
  merge,
  PEERS,
  raterColumn as col,
  reported,
  sanpingyiGrid,
  TODAY as today,
} from "./raterFixtures";

/** What rater r (1-based) typed for the nominee on row `row`: distinct for every rater and row. */
const score = (row: number, rater: number) => 40 + rater * 5 + (row % 3);

/** A 三评议 assessment with raters 1–4 of 党员互评 scored for the first three nominees (rows 3–5). */
function scoredMaster(): WorkbookGrid {
  let grid = sanpingyiGrid("rater-columns");
  for (let row = 3; row <= 5; row++)
    for (let rater = 1; rater <= 4; rater++)
      grid = withSheet(grid, PEERS, (sheet) => {
        const rows = sheet.rows.map((line) => (line ? [...line] : line));
        (rows[row - 1] ??= [])[col(rater) - 1] = n(score(row, rater));
        return { ...sheet, rows };
      });
  return grid;
}

/** Raters 1–4's scores by nominee id as report reads them, with the cell report names for each. */
function reportedRaters(grid: WorkbookGrid) {
  const report = reported(grid);
  return new Map(
    report.report.nominees
      .slice(0, 3)
      .map((nominee) => [
        nominee.id,
        nominee.inputs.raters.slice(0, 4).map((entry) => [entry.value, entry.cell]),
      ])
  );
}

/** Raters 1–4's scores on a written group sheet, by nominee id, read by the layout's columns. */
function writtenRaters(grid: WorkbookGrid): Map<string, unknown[]> {
  const sheet = grid.sheets.find((s) => s.name === PEERS)!;
  const byId = new Map<string, unknown[]>();
  sheet.rows.slice(2).forEach((line) => {
    const id = line?.[0];
    if (id?.type !== "text") return;
    byId.set(
      id.text,
      [1, 2, 3, 4].map((rater) => {
        const cell = line?.[col(rater) - 1];
        return cell?.type === "number" ? cell.value : null;
      })
    );
  });
  return byId;
}

function reassessed(grid: WorkbookGrid) {
  const again = planAssessment(grid, { today });
  if (!again.ok) throw new Error(failureMessage(again.failure));
  return { grid: planToGrid(again.plan), notes: again.notes };
}

const master = scoredMaster();
const expected = writtenRaters(master);
const firstIds = [...expected.keys()].slice(0, 3);

describe("a rater group's sheet whose columns a person moved", () => {
  const swapped = withSheet(master, PEERS, (sheet) => withColumnsSwapped(sheet, col(1), col(2)));
  const inserted = withSheet(master, PEERS, (sheet) => withColumnInserted(sheet, col(1)));

  it.each([
    ["two rater columns swapped", swapped],
    ["a column inserted before the raters", inserted],
    [
      "rows sorted and two rater columns swapped",
      withSheet(swapped, PEERS, (sheet) => withRowsReversed(sheet, 3)),
    ],
  ])("keeps every rater's score under that rater when generated again (%s)", (_case, edited) => {
    const again = reassessed(edited).grid;
    expect(writtenRaters(again)).toEqual(expected);
    expect(expected.get(firstIds[0]!)).toEqual([45, 50, 55, 60]);
  });

  it("reads each rater's score in report from the rater's own column, and names that cell", () => {
    const reported = reportedRaters(swapped);
    const row3 = reported.get(firstIds[0]!);
    expect(row3?.map(([value]) => value)).toEqual(expected.get(firstIds[0]!));
    // Rater 1's column is G now, rater 2's F: the pane's meeting tab saves where report points.
    expect(row3?.map(([, cell]) => cell)).toEqual([
      "'评议_peers'!G3",
      "'评议_peers'!F3",
      "'评议_peers'!H3",
      "'评议_peers'!I3",
    ]);
    expect(reportedRaters(inserted).get(firstIds[0]!)?.[0]).toEqual([45, "'评议_peers'!G3"]);
  });

  it("writes a group's returned score into the rater's own column of the master", () => {
    const [issuedCopy] = issue(master, { groups: ["peers"], newCopyId: () => "peers-1" });
    // Rater 1 fills the fourth nominee (row 6) on the copy.
    const copy = withCell(planToGrid(issuedCopy!.plan()), PEERS, "F6", n(77));
    const merged = merge(swapped, [{ file: "peers.xlsx", grid: copy }], { output: "cells" });
    expect(merged.report.conflicts).toEqual([]);
    expect(merged.writes).toEqual([{ sheet: PEERS, cell: "G6", value: 77 }]);
  });
});

describe("a rater group's sheet whose headers no longer say whose column is whose", () => {
  it.each([
    ["a header repeated", "G2", "评议人1", "G2", "评议人1 ×2"],
    ["a header typed over", "H2", "张三", "F2:Y2", "评议人3"],
    ["the last rater's header typed over", "O2", "", "F2:Y2", "评议人10"],
  ])("refuses, naming the sheet and cell (%s)", (_case, at, text, cell, detail) => {
    const edited = withCell(master, PEERS, at, text === "" ? null : t(text));
    for (const outcome of [
      reportAssessment(edited, { asOf: today }),
      planAssessment(edited, { today }),
    ]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.failure).toEqual({
        code: "rater_columns_unclear",
        params: { sheet: PEERS, cell, detail },
      });
      const [zh, en] = failureMessage(outcome.failure).split(" / ");
      expect(zh).toContain(`评议表“${PEERS}”`);
      expect(zh).toContain(`${cell}：${detail}`);
      expect(en).toContain(`rater sheet "${PEERS}"`);
      expect(en).toContain(`${cell}: ${detail}`);
    }
  });
});

describe("评议人数 changed on 评分标准 since the group's sheet was written", () => {
  const raterCountCell = (grid: WorkbookGrid, raters: number) =>
    withCell(
      grid,
      "评分标准",
      `D${rubricSheetLayout(4, BUILTIN_RUBRICS.sanpingyi.gradeBands.length).raterGroupsHeaderRow + 1}`,
      n(raters)
    );

  it("gives a rater added since no score (not another column's)", () => {
    const twelve = reassessed(raterCountCell(master, 12)).grid;
    const report = reportAssessment(twelve, { asOf: today });
    if (!report.ok) throw new Error(report.failure.code);
    const first = report.report.nominees[0]!;
    expect(first.inputs.raters.map((entry) => entry.value)).toEqual([
      ...expected.get(first.id)!,
      ...Array.from({ length: 8 }, () => null),
    ]);
    expect(writtenRaters(twelve)).toEqual(expected);
  });

  it("says how many entries of the raters removed are not kept", () => {
    const { grid, notes } = reassessed(raterCountCell(master, 3));
    expect(notes.filter((note) => note.code === "rater_scores_dropped")).toEqual([
      {
        code: "rater_scores_dropped",
        params: {
          sheet: PEERS,
          raters: "评议人4、评议人5、评议人6、评议人7、评议人8、评议人9、评议人10",
          count: 3,
        },
      },
    ]);
    // Three rater columns now; the fourth column is rater 1's hidden 计入.
    expect(writtenRaters(grid).get(firstIds[0]!)?.slice(0, 3)).toEqual([45, 50, 55]);
  });
});

/** 回避 through the round trip: a judge's copy locks the rows the judge is recused from; merge never takes them. */
import {
  cachedValueOf,
  issueCopies,
  mergeReturns,
  planAssessment,
  reportAssessment,
  type IsoDate,
  type WorkbookGrid,
} from "../../../src/engine";
import type { WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planToGrid } from "../plan/assessmentFixtures";
import { n, t, typed, withColumnsSwapped, withSheet } from "../../support/grids";

const ISSUED = "2026-01-01T10:00:00.000Z";
const MERGED = "2026-01-03T10:00:00.000Z";
const today = "2026-01-01" as IsoDate;

/** A three-judge assessment of the sample nominations; with `recuse`, 回避 row 2 lists judge 2 against SF-0002. */
function master(recuse: boolean): WorkbookGrid {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, { newAssessmentId: "master-id", judges: 3 });
  if (!planned.ok) throw new Error(planned.failure.code);
  const grid = planToGrid(planned.plan, source.sheets);
  if (!recuse) return grid;
  return typed(
    typed(typed(grid, "回避", 2, 1, n(2)), "回避", 2, 2, t("SF-0002")),
    "回避",
    2,
    3,
    t("亲属")
  );
}

function copyOf(
  grid: WorkbookGrid,
  judge: number
): { plan: WorkbookPlan; complete: number; nominees: number } {
  const issued = issueCopies(grid, {
    judges: [judge],
    issuedAt: ISSUED,
    today,
    newCopyId: () => `copy-${judge}`,
  });
  if (!issued.ok) throw new Error(issued.failure.code);
  const copy = issued.copies[0]!;
  return { ...copy, plan: copy.plan() };
}

function cellOf(plan: WorkbookPlan, sheet: string, row: number, col: number) {
  return plan.sheets
    .find((s) => s.name === sheet)
    ?.cells.find((c) => c.row === row && c.col === col);
}

describe("a judge's copy and 回避", () => {
  it("locks and greys the recused row's score cells, marks it 回避, and counts progress without it", () => {
    const copy = copyOf(master(true), 2);
    // SF-0002 sits on row 4; scores F…I, 回避 J, 已评完 K.
    for (const col of [6, 7, 8, 9])
      expect(cellOf(copy.plan, "评委2", 4, col)?.style).toBe("recusedInput");
    expect(cellOf(copy.plan, "评委2", 4, 10)?.content).toEqual({ kind: "text", text: "回避" });
    expect(cellOf(copy.plan, "评委2", 4, 11)?.content).toEqual({ kind: "text", text: "回避" });
    for (const col of [6, 7, 8, 9]) expect(cellOf(copy.plan, "评委2", 3, col)?.style).toBe("input");
    // Without the 回避 line, judge 2 has every nominee to score.
    const all = copyOf(master(false), 2).nominees;
    expect(copy.nominees).toBe(all - 1);
    const progress = cellOf(copy.plan, "评委2", 1, 12);
    const sheet = copy.plan.sheets.find((s) => s.name === "评委2");
    expect(progress && sheet && isFormulaContent(progress.content)).toBe(true);
    if (progress && sheet && isFormulaContent(progress.content))
      expect(cachedValueOf(sheet, progress, progress.content)).toBe(`已评完 0 / ${all - 1}`);
  });

  it("gives the other judges' copies that row as usual", () => {
    const copy = copyOf(master(true), 1);
    for (const col of [6, 7, 8, 9]) expect(cellOf(copy.plan, "评委1", 4, col)?.style).toBe("input");
    expect(cellOf(copy.plan, "评委1", 4, 10)?.content).toEqual({ kind: "blank" });
  });
});

describe("merge and 回避", () => {
  function merged(recuse: boolean) {
    const grid = master(recuse);
    let copy = planToGrid(copyOf(grid, 2).plan);
    copy = typed(typed(copy, "评委2", 4, 6, n(25)), "评委2", 3, 6, n(24));
    const result = mergeReturns(grid, [{ file: "c2.xlsx", grid: copy }], {
      mergedAt: MERGED,
      output: "cells",
    });
    if (!result.ok) throw new Error(result.failure.code);
    return result;
  }

  it("never takes a value for a recused pair: listed as invalid, reason recused", () => {
    const result = merged(true);
    expect(result.writes).toEqual([{ sheet: "评委2", cell: "F3", value: 24 }]);
    expect(result.report.invalid).toEqual([
      {
        file: "c2.xlsx",
        judge: 2,
        nominee: "SF-0002",
        criterion: "C1",
        cell: "'评委2'!F4",
        value: 25,
        reason: "recused",
      },
    ]);
    expect(result.messages.invalid[0]?.zh).toContain("回避");
  });

  it("takes the same value when no 回避 line names the pair", () => {
    const result = merged(false);
    expect(result.writes).toEqual([
      { sheet: "评委2", cell: "F3", value: 24 },
      { sheet: "评委2", cell: "F4", value: 25 },
    ]);
    expect(result.report.invalid).toEqual([]);
  });
});

describe("report and 回避", () => {
  it("leaves the recused judge's score out of report's figures (two judges left: below the minimum of 3)", () => {
    const scored = (grid: WorkbookGrid) =>
      typed(typed(typed(grid, "评委1", 4, 6, n(20)), "评委2", 4, 6, n(24)), "评委3", 4, 6, n(28));
    const c1 = (grid: WorkbookGrid) => {
      const reported = reportAssessment(grid, { asOf: today });
      if (!reported.ok) throw new Error(reported.failure.code);
      return reported.report.nominees[1]?.outputs.criteria["C1"]?.value;
    };
    expect(c1(scored(master(false)))).toBe(24);
    expect(c1(scored(master(true)))).toBeNull();
  });

  it("names a score typed on a recused row in the master, and a 回避 line that is not in force", () => {
    let grid = typed(master(true), "评委2", 4, 7, n(18));
    grid = typed(typed(grid, "回避", 5, 1, n(7)), "回避", 5, 2, t("SF-0001"));
    const reported = reportAssessment(grid, { asOf: today });
    if (!reported.ok) throw new Error(reported.failure.code);
    const recusal = reported.issues.filter((i) => i.code.startsWith("recus"));
    expect(recusal.map((i) => [i.code, i.sheet, i.cell])).toEqual([
      ["recused_score", "评委2", "G4"],
      ["recusal_not_applied", "回避", "A5"],
    ]);
    expect(reported.state.recusals).toEqual([
      { row: 2, judge: 2, id: "SF-0002", reason: "亲属" },
      { row: 5, judge: 7, id: "SF-0001", reason: null },
    ]);
  });

  it("names the cell that holds the recused score when the judge sheet's criterion columns were swapped", () => {
    // 18 typed under C2 (G4), then C1 and C2 swap places: C2's column, and the 18, are now F.
    const grid = withSheet(typed(master(true), "评委2", 4, 7, n(18)), "评委2", (sheet) =>
      withColumnsSwapped(sheet, 6, 7)
    );
    const reported = reportAssessment(grid, { asOf: today });
    if (!reported.ok) throw new Error(reported.failure.code);
    const recused = reported.issues.filter((i) => i.code === "recused_score");
    expect(recused.map((i) => [i.sheet, i.cell, i.params])).toEqual([
      ["评委2", "F4", { judge: 2, id: "SF-0002", line: 2, value: 18 }],
    ]);
  });

  it("keeps every 回避 line through a re-assessment, as typed", () => {
    const grid = typed(typed(master(true), "回避", 7, 1, t("三")), "回避", 7, 3, t("待定"));
    const again = planAssessment(grid, {});
    if (!again.ok) throw new Error(again.failure.code);
    const sheet = again.plan.sheets.find((s) => s.name === "回避")!;
    const at = (row: number, col: number) =>
      sheet.cells.find((c) => c.row === row && c.col === col)?.content;
    expect([at(2, 1), at(2, 2), at(2, 3)]).toEqual([
      { kind: "number", value: 2 },
      { kind: "text", text: "SF-0002" },
      { kind: "text", text: "亲属" },
    ]);
    expect([at(7, 1), at(7, 2), at(7, 3)]).toEqual([
      { kind: "text", text: "三" },
      { kind: "blank" },
      { kind: "text", text: "待定" },
    ]);
  });
});

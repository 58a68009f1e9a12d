/**
 * Issue #9 §1: a workbook one of whose generated sheets was deleted is refused by every use case that works from it,
 * naming the sheet, never worked from by halves (the formulas left behind show #REF!).
 */
import {
  computedSheets,
  issueCopies,
  mergeReturns,
  planAssessment,
  readRecusalRegister,
  reportAssessment,
  type IsoDate,
  type Outcome,
  type WorkbookGrid,
} from "../../../src/engine";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planToGrid } from "../plan/assessmentFixtures";

const today = "2026-01-01" as IsoDate;

function assessed(): WorkbookGrid {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, { newAssessmentId: "incomplete", judges: 3, today });
  if (!planned.ok) throw new Error(planned.failure.code);
  return planToGrid(planned.plan, source.sheets);
}

const without = (grid: WorkbookGrid, sheet: string): WorkbookGrid => ({
  ...grid,
  sheets: grid.sheets.filter((s) => s.name !== sheet),
});

const useCases: [string, (grid: WorkbookGrid) => Outcome<object>][] = [
  ["report", (grid) => reportAssessment(grid, { asOf: today })],
  ["the pane's computed sheets", (grid) => computedSheets(grid, { asOf: today })],
  ["copies", (grid) => issueCopies(grid, { issuedAt: "2026-01-01T10:00:00.000Z", today })],
  ["the 回避 register", (grid) => readRecusalRegister(grid)],
  [
    "merge",
    (grid) => mergeReturns(grid, [], { mergedAt: "2026-01-02T10:00:00.000Z", output: "workbook" }),
  ],
];

describe.each(useCases)("%s", (_name, useCase) => {
  const grid = assessed();

  it("works from the whole workbook", () => {
    expect(useCase(grid).ok).toBe(true);
  });

  it.each(["评委2", "考核表", "回避"])("refuses it once %s is deleted, naming it", (sheet) => {
    const outcome = useCase(without(grid, sheet));
    expect(outcome.ok ? null : outcome.failure).toEqual({
      code: "assessment_incomplete",
      params: { sheet },
    });
  });
});

/**
 * Issue #9: re-assessment never loses an entered score whatever the person did to the sheets. The edits named in the
 * issue are run through the command line (test/cli/structuralEdits.test.ts) and the pane (test/taskpane/…); these are
 * the row edits a person makes inside a judge sheet of the master, over grids.
 */
import {
  parseA1,
  planAssessment,
  reportAssessment,
  type IsoDate,
  type WorkbookGrid,
} from "../../../src/engine";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planToGrid } from "../plan/assessmentFixtures";
import { withColumnsSwapped, withRowsReversed, withSheet } from "../../support/grids";

const today = "2026-01-01" as IsoDate;
const score = (row: number, c: number): number => ((row * 7 + c * 3) % 18) + 0.5;

/** A three-judge assessment with every score of 评委2 typed (a value that depends on the row and criterion). */
function scored(): WorkbookGrid {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, { newAssessmentId: "edits", judges: 3, today });
  if (!planned.ok) throw new Error(planned.failure.code);
  const grid = planToGrid(planned.plan, source.sheets);
  return withSheet(grid, "评委2", (sheet) => ({
    ...sheet,
    rows: sheet.rows.map((line, r) =>
      r < 2 || !line?.[0]
        ? line
        : line.map((cell, c) =>
            c >= 5 && c <= 8 ? { type: "number" as const, value: score(r + 1, c) } : cell
          )
    ),
  }));
}

/** Judge 2's scores by nominee id, as a plan writes them on 评委2. */
function scoresById(grid: WorkbookGrid): Map<string, unknown[]> {
  const sheet = grid.sheets.find((s) => s.name === "评委2")!;
  const byId = new Map<string, unknown[]>();
  sheet.rows.forEach((line, r) => {
    const id = line?.[0];
    if (r < 2 || !id || id.type !== "text") return;
    byId.set(
      id.text,
      [5, 6, 7, 8].map((c) => {
        const cell = line[c];
        return cell?.type === "number" ? cell.value : null;
      })
    );
  });
  return byId;
}

function reassessed(grid: WorkbookGrid): WorkbookGrid {
  const again = planAssessment(grid, { today });
  if (!again.ok) throw new Error(again.failure.code);
  return planToGrid(again.plan);
}

describe("row edits on a judge sheet of the master, then 生成 / assess again", () => {
  const before = scored();
  const expected = scoresById(before);

  it("keeps every score when the rows were sorted (matched by id, written back in 考核表's order)", () => {
    const sorted = withSheet(before, "评委2", (sheet) => withRowsReversed(sheet, 3));
    expect(scoresById(sorted)).toEqual(expected);
    const after = reassessed(sorted);
    expect(scoresById(after)).toEqual(expected);
    const ids = [...scoresById(after).keys()];
    expect(ids).toEqual([...expected.keys()]);
  });

  it("keeps every other score when a nominee's row was deleted from one judge sheet; the nominee stays", () => {
    const deleted = withSheet(before, "评委2", (sheet) => ({
      ...sheet,
      rows: [...sheet.rows.slice(0, 3), ...sheet.rows.slice(4)],
    }));
    const after = scoresById(reassessed(deleted));
    const want = new Map(expected);
    want.set("SF-0002", [null, null, null, null]);
    expect(after).toEqual(want);
  });
});

describe("report names each entry's cell where the entry sheet holds it now", () => {
  const before = scored();

  /** Judge 2's score cells as report names them, each beside the id and value the grid holds there. */
  function judge2Cells(grid: WorkbookGrid) {
    const reported = reportAssessment(grid, { asOf: today });
    if (!reported.ok) throw new Error(reported.failure.code);
    const sheet = grid.sheets.find((s) => s.name === "评委2")!;
    return reported.report.nominees.flatMap((nominee) =>
      nominee.inputs.scores
        .filter((score) => score.judge === 2)
        .map((score) => {
          if (score.cell === null) return { id: nominee.id, score, onSheet: null };
          const { row, col } = parseA1(score.cell.slice(score.cell.indexOf("!") + 1));
          const line = sheet.rows[row - 1];
          const id = line?.[0];
          const held = line?.[col - 1];
          return {
            id: nominee.id,
            score,
            onSheet: {
              id: id?.type === "text" ? id.text : null,
              value: held?.type === "number" ? held.value : null,
              header: sheet.rows[1]?.[col - 1],
            },
          };
        })
    );
  }

  function expectEveryCellOnItsNominee(grid: WorkbookGrid) {
    const cells = judge2Cells(grid);
    expect(cells.length).toBeGreaterThan(0);
    for (const { id, score, onSheet } of cells) {
      expect(onSheet?.id).toBe(id);
      expect(score.value).not.toBeNull();
      expect(onSheet?.value).toBe(score.value);
    }
  }

  it("points at the nominee's own row when a judge sheet's rows were sorted", () => {
    const sorted = withSheet(before, "评委2", (sheet) => withRowsReversed(sheet, 3));
    expectEveryCellOnItsNominee(before);
    expectEveryCellOnItsNominee(sorted);
  });

  it("points at the criterion's own column when two criterion columns were swapped", () => {
    const swapped = withSheet(before, "评委2", (sheet) => withColumnsSwapped(sheet, 6, 7));
    expectEveryCellOnItsNominee(swapped);
    const c1 = judge2Cells(swapped).find(({ score }) => score.criterion === "C1");
    expect(c1?.score.cell).toMatch(/!G\d+$/);
  });

  it("names no cell for a nominee whose row was deleted from the judge sheet", () => {
    const deleted = withSheet(before, "评委2", (sheet) => ({
      ...sheet,
      rows: [...sheet.rows.slice(0, 3), ...sheet.rows.slice(4)],
    }));
    const cells = judge2Cells(deleted);
    const gone = cells.filter(({ id }) => id === "SF-0002");
    expect(gone.map(({ score }) => score)).toEqual(
      ["C1", "C2", "C3", "C4"].map((criterion) => ({
        judge: 2,
        criterion,
        cell: null,
        value: null,
      }))
    );
    for (const { id, score, onSheet } of cells.filter(({ id }) => id !== "SF-0002")) {
      expect(onSheet?.id).toBe(id);
      expect(onSheet?.value).toBe(score.value);
    }
  });
});

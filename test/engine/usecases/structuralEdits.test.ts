/**
 * Issue #9: re-assessment never loses an entered score whatever the person did to the sheets. The edits named in the
 * issue are run through the command line (test/cli/structuralEdits.test.ts) and the pane (test/taskpane/…); these are
 * the row edits a person makes inside a judge sheet of the master, over grids.
 */
import {
  planAssessment,
  type IsoDate,
  type SheetGrid,
  type WorkbookGrid,
} from "../../../src/engine";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planToGrid } from "../plan/assessmentFixtures";

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

function withSheet(
  grid: WorkbookGrid,
  name: string,
  edit: (sheet: SheetGrid) => SheetGrid
): WorkbookGrid {
  return { ...grid, sheets: grid.sheets.map((s) => (s.name === name ? edit(s) : s)) };
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
    const sorted = withSheet(before, "评委2", (sheet) => ({
      ...sheet,
      rows: [...sheet.rows.slice(0, 2), ...sheet.rows.slice(2).reverse()],
    }));
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

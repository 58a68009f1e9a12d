/**
 * The demo's grid (issue #13 §3): the in-memory workbook stores formulas without computing them, so the grid shows
 * what the engine's interpreter gives every formula cell of the generated sheets — 汇总 and 评分进度 included — as the
 * real file computes them.
 */
import { FakeWorkbook } from "../../src/adapters/officejs/fake/FakeExcel";
import { computedValues } from "../../src/demo/computedOverlay";
import { columnLetter } from "../../src/engine";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { workbookAccessOverHost } from "../../src/taskpane/services/officeJsAccess";
import { WorkbookPaneService } from "../../src/taskpane/services/WorkbookPaneService";

async function generated() {
  const book = FakeWorkbook.fromGrid(sampleNominationGrid());
  const service = new WorkbookPaneService(workbookAccessOverHost(book.host()));
  await service.generate(
    { rubricId: "baiqianwan", judges: 3, quotas: {}, password: "", mappingOverrides: {} },
    { progress: () => undefined, cancel: { cancelled: false } }
  );
  return book;
}

/** The column of 考核表 whose header (row 2) is `header`, as a letter: the layout moves as columns are added. */
function mainColumn(book: FakeWorkbook, header: string): string {
  for (let col = 1; col <= 60; col++) {
    const letter = columnLetter(col);
    if (book.cellValue("考核表", `${letter}2`) === header) return letter;
  }
  throw new Error(`考核表 has no ${header} column`);
}

describe("the demo grid's computed values", () => {
  it("computes 评分进度 and 汇总 from the scores typed, as the file's formulas do", async () => {
    const book = await generated();
    const progress = `${mainColumn(book, "评分进度")}3`;
    const total = `${mainColumn(book, "总分")}3`;
    const satisfaction = `${mainColumn(book, "群众满意度")}3`;
    const before = computedValues(book.toGrid());
    // Unscored: no judge done on the first nominee, nothing completed on 汇总's first line.
    expect(before.get("考核表")?.get(progress)).toBe("0/3");
    expect(before.get("汇总")?.get("D3")).toBe(0);
    expect(before.get("汇总")?.get("E3")).toBe("");

    // Every judge scores the first nominee 24, 16, 20, 20 (panel 80) and its satisfaction is 90: total 82.
    for (const judge of [1, 2, 3])
      ["F3", "G3", "H3", "I3"].forEach((cell, c) =>
        book.typeInto(`评委${judge}`, cell, [24, 16, 20, 20][c] as number)
      );
    book.typeInto("考核表", satisfaction, 90);
    const after = computedValues(book.toGrid());
    expect(after.get("考核表")?.get(progress)).toBe("3/3");
    expect(after.get("考核表")?.get(total)).toBe(82);
    const firstLine = book.cellValue("汇总", "A3");
    const firstTier = book.cellValue("汇总", "B3");
    const mainSector = book.cellValue("考核表", "C3");
    const mainTier = book.cellValue("考核表", "D3");
    // 汇总's line of the first nominee's sector and tier: one completed, mean, highest and lowest 82.
    const line = [3, 4, 5, 6, 7, 8, 9, 10].find(
      (row) =>
        book.cellValue("汇总", `A${row}`) === mainSector &&
        book.cellValue("汇总", `B${row}`) === mainTier
    );
    expect(line).toBeDefined();
    expect(["D", "E", "F", "G"].map((col) => after.get("汇总")?.get(`${col}${line}`))).toEqual([
      1, 82, 82, 82,
    ]);
    expect([firstLine, firstTier]).not.toContain(null);
  });

  it("shows nothing for a workbook not yet assessed (twin: no sheet is computed)", () => {
    expect(computedValues(sampleNominationGrid()).size).toBe(0);
  });
});

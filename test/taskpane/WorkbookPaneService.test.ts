import { FakeWorkbook } from "../../src/adapters/officejs/fake/FakeExcel";
import { sampleNominationGrid, SAMPLE_SHEET } from "../../src/samples/sampleNominations";
import { workbookAccessOverHost } from "../../src/taskpane/services/officeJsAccess";
import { CancelledError, type MeetingData } from "../../src/taskpane/services/PaneService";
import {
  splitSheetCell,
  unappliedOverrides,
  WorkbookPaneService,
} from "../../src/taskpane/services/WorkbookPaneService";
import { changedCells, liveResults, scoreKey } from "../../src/taskpane/meeting/meetingModel";
import type { SheetGrid } from "../../src/engine";
import { withRowsReversed, withSheet } from "../support/grids";

const noProgress = () => undefined;
const splitRow = (cell: string): number => Number(/\d+$/.exec(cell)?.[0]);

function demoLikeService() {
  const book = FakeWorkbook.fromGrid(sampleNominationGrid());
  const service = new WorkbookPaneService(workbookAccessOverHost(book.host()));
  return { book, service };
}

async function generated() {
  const { book, service } = demoLikeService();
  const inspect = await service.inspect({});
  await service.generate(
    { rubricId: "baiqianwan", judges: 3, quotas: {}, password: "", mappingOverrides: {} },
    { progress: noProgress, cancel: { cancelled: false } }
  );
  const data = (await service.readAssessment()) as MeetingData;
  return { book, service, inspect, data };
}

/** Generated, then one sheet edited as a person would between two openings of the pane. */
async function generatedThenEdited(sheet: string, edit: (grid: SheetGrid) => SheetGrid) {
  const { book: before } = await generated();
  const book = FakeWorkbook.fromGrid(withSheet(before.toGrid(), sheet, edit));
  return { book, service: new WorkbookPaneService(workbookAccessOverHost(book.host())) };
}

describe("splitSheetCell", () => {
  it.each([
    ["'评委1'!C5", { sheet: "评委1", cell: "C5" }],
    ["'It''s'!$B$7", { sheet: "It's", cell: "B7" }],
    ["Sheet1!A1", { sheet: "Sheet1", cell: "A1" }],
  ])("splits %s", (ref, expected) => {
    expect(splitSheetCell(ref)).toEqual(expected);
  });

  it("refuses a reference without a sheet", () => {
    expect(() => splitSheetCell("C5")).toThrow(RangeError);
  });
});

describe("WorkbookPaneService over the in-memory workbook", () => {
  it("finds the sample table through the office-js adapter", async () => {
    const { service } = demoLikeService();
    const inspect = await service.inspect({});
    expect(inspect.tables.map((table) => table.sheet)).toEqual([SAMPLE_SHEET]);
    expect(inspect.nominees.length).toBeGreaterThan(20);
  });

  it("has no assessment before generating", async () => {
    const { service } = demoLikeService();
    await expect(service.readAssessment()).resolves.toBeNull();
  });

  it("generates the assessment sheets after the source sheets and reads them back for meeting mode", async () => {
    const { book, inspect, data } = await generated();
    expect(book.sheetNames()).toEqual(
      expect.arrayContaining([
        SAMPLE_SHEET,
        "评分标准",
        "评委1",
        "评委2",
        "评委3",
        "考核表",
        "汇总",
        "校验结果",
      ])
    );
    expect(book.sheetNames().indexOf("评分标准")).toBeGreaterThan(
      book.sheetNames().indexOf(SAMPLE_SHEET)
    );
    expect(data.rubric.judges).toBe(3);
    expect(data.nominees).toHaveLength(inspect.nominees.length);
    const first = data.nominees[0];
    expect(first?.scores).toHaveLength(3);
    expect(first?.scores[0]?.[0]).toEqual({
      sheet: "评委1",
      cell: expect.stringMatching(/^[A-Z]+\d+$/),
      value: null,
    });
  });

  it("saves only the changed cells, and the engine then reads the new total", async () => {
    const { book, service, data } = await generated();
    const nominee = data.nominees[0];
    if (!nominee) throw new Error("the sample has nominees");
    const edits: Record<string, string> = {};
    // Every judge: 27 / 18 / 22.5 / 22 → panel 89.5; satisfaction 90 → total 89.5·0.8 + 18 = 89.6.
    for (let j = 0; j < 3; j++)
      ["27", "18", "22.5", "22"].forEach((text, c) => (edits[scoreKey(j, c)] = text));
    const writes = changedCells(nominee, { scores: edits, satisfaction: "90" }, data.rubric);
    expect(writes).toHaveLength(13);

    const untouched = { sheet: "评委1", cell: data.nominees[1]?.scores[0]?.[0]?.cell ?? "A1" };
    book.typeInto(untouched.sheet, untouched.cell, 25); // a co-author's score in another row
    await service.writeCells(writes);
    expect(book.cellValue(untouched.sheet, untouched.cell)).toBe(25);

    const reread = (await service.readAssessment()) as MeetingData;
    const [live] = liveResults(reread, {});
    expect(live?.outputs.total).toBe(89.6);
    expect(reread.nominees[0]?.satisfaction.value).toBe(90);
  });

  it("saves a score on the nominee's own row of a judge sheet whose rows a person sorted", async () => {
    // 评委2's nominee rows in reverse order, as sorting by name descending would leave them.
    const { book: sorted, service } = await generatedThenEdited("评委2", (sheet) =>
      withRowsReversed(sheet, 3)
    );
    const data = (await service.readAssessment()) as MeetingData;
    const nominee = data.nominees[0];
    if (!nominee) throw new Error("the sample has nominees");
    const writes = changedCells(nominee, { scores: { [scoreKey(1, 0)]: "21" } }, data.rubric);
    expect(writes).toHaveLength(1);
    await service.writeCells(writes);
    const at = writes[0]!;
    expect(at.sheet).toBe("评委2");
    expect(sorted.cellValue("评委2", `A${splitRow(at.cell)}`)).toBe(nominee.id);
    const reread = (await service.readAssessment()) as MeetingData;
    expect(reread.nominees.map((n) => n.scores[1]?.[0]?.value ?? null)).toEqual(
      data.nominees.map((n, i) => (i === 0 ? 21 : null))
    );
  });

  it("saves nothing for a nominee whose row was deleted from a judge sheet", async () => {
    const { service } = await generatedThenEdited("评委2", (sheet) => ({
      ...sheet,
      rows: [...sheet.rows.slice(0, 2), ...sheet.rows.slice(3)],
    }));
    const data = (await service.readAssessment()) as MeetingData;
    const [first, second] = data.nominees;
    if (!first || !second) throw new Error("the sample has nominees");
    expect(first.scores[1]?.[0]).toEqual({ sheet: null, cell: null, value: null });
    expect(changedCells(first, { scores: { [scoreKey(1, 0)]: "21" } }, data.rubric)).toEqual([]);
    // The next nominee's row moved up into the deleted one's place: its cell is found there by id.
    expect(second.scores[1]?.[0]).toEqual({ sheet: "评委2", cell: "F3", value: null });
  });

  it("keeps entered scores when the assessment is generated again", async () => {
    const { service, data } = await generated();
    const cell = data.nominees[0]?.scores[1]?.[2];
    if (!cell?.cell) throw new Error("the sample has nominees");
    await service.writeCells([{ sheet: cell.sheet, cell: cell.cell, value: 21 }]);
    await service.generate(
      { rubricId: "baiqianwan", judges: 3, quotas: {}, password: "", mappingOverrides: {} },
      { progress: noProgress, cancel: { cancelled: false } }
    );
    const again = (await service.readAssessment()) as MeetingData;
    expect(again.nominees[0]?.scores[1]?.[2]?.value).toBe(21);
  });

  it("reports progress while generating", async () => {
    const { service } = demoLikeService();
    const seen: number[] = [];
    await service.generate(
      { rubricId: "wuhao", judges: 5, quotas: { city: 3 }, password: "pw", mappingOverrides: {} },
      { progress: (done) => seen.push(done), cancel: { cancelled: false } }
    );
    expect(seen.length).toBeGreaterThan(0);
  });

  it("returns what an ExcelApi 1.7 Excel could not read or left out of the sheets beside the engine's notes", async () => {
    const book = FakeWorkbook.fromGrid(sampleNominationGrid());
    const service = new WorkbookPaneService(
      workbookAccessOverHost(book.host({ apiVersion: "1.7" }))
    );
    const outcome = await service.generate(
      { rubricId: "baiqianwan", judges: 3, quotas: {}, password: "", mappingOverrides: {} },
      { progress: noProgress, cancel: { cancelled: false } }
    );
    const unrendered = outcome.notes.flatMap((found) =>
      found.code === "not_rendered" ? [found.params] : []
    );
    expect(unrendered.map((params) => [params.part, params.needs])).toEqual([
      ["validation", "1.8"],
      ["filter", "1.9"],
      ["print_setup", "1.9"],
      ["cell_notes", null],
    ]);
    expect(unrendered[0]?.sheets).toEqual(expect.arrayContaining(["评委1", "评委2", "评委3"]));
    expect(book.validations("评委1")).toEqual([]);
    // Merged areas need ExcelApi 1.13 to be read: the read says so, first.
    expect(outcome.notes[0]).toEqual({
      code: "not_read",
      params: { part: "merged_cells", needs: "1.13" },
    });
  });

  it("says nothing about rendering on a current Excel but the notes it cannot write anywhere", async () => {
    const { service } = demoLikeService();
    const outcome = await service.generate(
      { rubricId: "baiqianwan", judges: 3, quotas: {}, password: "", mappingOverrides: {} },
      { progress: noProgress, cancel: { cancelled: false } }
    );
    expect(
      outcome.notes.flatMap((found) => (found.code === "not_rendered" ? [found.params.part] : []))
    ).toEqual(["cell_notes"]);
    expect(outcome.notes.filter((found) => found.code === "not_read")).toEqual([]);
  });

  it("stops when cancelled, says so and leaves no generated sheet", async () => {
    const { book, service } = demoLikeService();
    const run = service.generate(
      { rubricId: "baiqianwan", judges: 5, quotas: {}, password: "", mappingOverrides: {} },
      { progress: noProgress, cancel: { cancelled: true } }
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(book.sheetNames()).toEqual([SAMPLE_SHEET, "填表说明"]);
  });

  it("finishes a generation whose cancel comes after the last request", async () => {
    const { book, service } = demoLikeService();
    const cancel = { cancelled: false };
    const finishing = (done: number, total: number) => {
      if (done === total) cancel.cancelled = true;
    };
    await expect(
      service.generate(
        { rubricId: "baiqianwan", judges: 5, quotas: {}, password: "", mappingOverrides: {} },
        { progress: finishing, cancel }
      )
    ).resolves.toMatchObject({
      sheets: expect.arrayContaining(["考核表"]),
    });
    expect(book.sheetNames()).toContain("考核表");
  });
});

describe("unappliedOverrides", () => {
  it("lists a chosen mapping the inspection did not follow, and nothing once it does", async () => {
    const { service } = demoLikeService();
    const inspect = await service.inspect({});
    const table = inspect.tables[0];
    const mapped = table?.columns.find((column) => column.field === "region");
    if (!table || !mapped) throw new Error("the sample maps a region column");
    expect(unappliedOverrides(inspect, { [table.sheet]: { [mapped.col]: "region" } })).toEqual([]);
    expect(unappliedOverrides(inspect, { [table.sheet]: { [mapped.col]: "notes" } })).toEqual([
      { sheet: table.sheet, col: mapped.col, field: "notes" },
    ]);
  });
});

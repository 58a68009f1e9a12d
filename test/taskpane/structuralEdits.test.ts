/**
 * Issue #9 §1 in the pane, over the fake Excel: a person renames or deletes generated sheets between two runs of
 * 生成; the pane finds the sheets through the workbook identity, keeps every entered score, and says what it
 * rebuilt. The fake renames and deletes as Excel does (references follow a renamed sheet, break on a deleted one).
 */
import { FakeWorkbook } from "../../src/adapters/officejs/fake/FakeExcel";
import { sampleNominationGrid, SAMPLE_SHEET } from "../../src/samples/sampleNominations";
import { workbookAccessOverHost } from "../../src/taskpane/services/officeJsAccess";
import type { GenerateOutcome, MeetingData } from "../../src/taskpane/services/PaneService";
import { WorkbookPaneService } from "../../src/taskpane/services/WorkbookPaneService";
import { failureMessage, noteMessage, type WorkbookGrid } from "../../src/engine";

const noProgress = () => undefined;
const JUDGES = 3;

function serviceOver(grid: WorkbookGrid) {
  const book = FakeWorkbook.fromGrid(grid);
  const service = new WorkbookPaneService(workbookAccessOverHost(book.host()));
  /** Generates, and the notes as the pane shows them (Chinese and English). */
  const generate = async (): Promise<{ sheets: readonly string[]; notes: string[] }> => {
    const outcome: GenerateOutcome = await service.generate(
      { rubricId: "baiqianwan", judges: JUDGES, quotas: {}, password: "", mappingOverrides: {} },
      { progress: noProgress, cancel: { cancelled: false } }
    );
    if (!outcome.ok) throw new Error(failureMessage(outcome.failure));
    return { sheets: outcome.sheets, notes: outcome.notes.map((n) => noteMessage(n)) };
  };
  return { book, service, generate };
}

/** A score for nominee n, judge j (0-based), criterion c: valid for every criterion of 百千万. */
const scoreOf = (n: number, j: number, c: number): number => ((n + 2 * j + 3 * c) % 20) + 0.5;

/** Generates, then types every score into the judge sheets through the pane's own writes. */
async function scoredWorkbook(grid: WorkbookGrid = sampleNominationGrid()) {
  const setup = serviceOver(grid);
  await setup.generate();
  const data = (await setup.service.readAssessment()) as MeetingData;
  await setup.service.writeCells(
    data.nominees.flatMap((nominee, n) =>
      nominee.scores.flatMap((judge, j) =>
        judge.flatMap((cell, c) =>
          cell.cell === null
            ? []
            : [{ sheet: cell.sheet, cell: cell.cell, value: scoreOf(n, j, c) }]
        )
      )
    )
  );
  return { ...setup, ids: data.nominees.map((n) => n.id) };
}

function expectEveryScore(data: MeetingData, ids: readonly string[], blankJudge?: number): void {
  expect(data.rubric.judges).toBe(JUDGES);
  expect(data.nominees.map((n) => n.id)).toEqual(ids);
  data.nominees.forEach((nominee, n) =>
    nominee.scores.forEach((judge, j) =>
      judge.forEach((cell, c) =>
        expect([nominee.id, j, c, cell.value]).toEqual([
          nominee.id,
          j,
          c,
          j === blankJudge ? null : scoreOf(n, j, c),
        ])
      )
    )
  );
}

describe("the pane finds generated sheets through the workbook identity", () => {
  it("writes the identity: hidden names and a very hidden sheet", async () => {
    const { book, generate } = serviceOver(sampleNominationGrid());
    const outcome = await generate();
    expect(outcome.sheets).not.toContain("shifan");
    expect(book.sheetVisibility("shifan")).toBe("VeryHidden");
    const identity = book.definedNames().filter((n) => n.name.startsWith("_shifan_"));
    expect(identity.map((n) => n.name)).toEqual(
      expect.arrayContaining(["_shifan_Assessment", "_shifan_Sheet_main", "_shifan_Sheet_judge_3"])
    );
    expect(identity.every((n) => !n.visible)).toBe(true);
    expect(book.definedNames().find((n) => n.name === "SF_PassLine")?.visible).toBe(true);
  });

  it("keeps a renamed judge sheet, under its new name, with its scores", async () => {
    const { book, service, generate, ids } = await scoredWorkbook();
    book.renameSheet("评委2", "张三");
    const outcome = await generate();
    expect(outcome.notes.join("\n")).toContain("已改名为“张三”");
    expect(book.sheetNames()).toContain("张三");
    expect(book.sheetNames()).not.toContain("评委2");
    const data = (await service.readAssessment()) as MeetingData;
    expectEveryScore(data, ids);
    expect(data.nominees[0]?.scores[1]?.[0]?.sheet).toBe("张三");
  });

  it("rebuilds a deleted 考核表 from the judge sheets, every score kept, and says so", async () => {
    const { book, service, generate, ids } = await scoredWorkbook();
    book.deleteSheet("考核表");
    const outcome = await generate();
    expect(outcome.notes.join("\n")).toContain("考核表（工作表“考核表”）已被删除");
    expect(book.sheetNames()).toContain("考核表");
    expectEveryScore((await service.readAssessment()) as MeetingData, ids);
  });

  it("rebuilds a deleted judge sheet empty without shrinking the panel", async () => {
    const { book, service, generate, ids } = await scoredWorkbook();
    book.deleteSheet("评委3");
    const outcome = await generate();
    expect(outcome.notes.join("\n")).toContain("评委人数仍为 3");
    expectEveryScore((await service.readAssessment()) as MeetingData, ids, 2);
  });

  it("keeps a renamed nomination sheet's nominees with their ids and scores", async () => {
    const { book, service, generate, ids } = await scoredWorkbook();
    book.renameSheet(SAMPLE_SHEET, "推荐表（终稿）");
    const outcome = await generate();
    expect(outcome.notes.join("\n")).toContain("已改名为“推荐表（终稿）”");
    const data = (await service.readAssessment()) as MeetingData;
    expectEveryScore(data, ids);
  });

  it("leaves a person's own 汇总 alone and writes the summary beside it", async () => {
    const grid = sampleNominationGrid();
    const own = {
      name: "汇总",
      hidden: false,
      rows: [[{ type: "text" as const, text: "我的汇总" }]],
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    };
    const { book, generate } = serviceOver({ sheets: [...grid.sheets, own] });
    const outcome = await generate();
    expect(book.cellValue("汇总", "A1")).toBe("我的汇总");
    expect(book.sheetNames()).toContain("汇总(2)");
    expect(outcome.notes.join("\n")).toContain("工作表名“汇总”已被您自己的工作表使用");
    // Generated again: the same names, nothing renamed further, the person's sheet still untouched.
    await generate();
    expect(book.sheetNames().filter((n) => n.startsWith("汇总"))).toEqual(["汇总", "汇总(2)"]);
    expect(book.cellValue("汇总", "A1")).toBe("我的汇总");
  });

  it("keeps 回避's lines when 回避 is renamed: still applied, and found under its new name", async () => {
    const { book, service, generate, ids } = await scoredWorkbook();
    await service.addRecusal({ judge: 2, id: "SF-0002", reason: "亲属" });
    book.renameSheet("回避", "回避名单");
    await generate();
    expect(book.sheetNames()).toContain("回避名单");
    expect(book.sheetNames()).not.toContain("回避");
    const register = await service.readRecusals();
    if (!register.ok) throw new Error(register.failure.code);
    expect(register.sheet).toBe("回避名单");
    expect(register.lines).toEqual([
      expect.objectContaining({ row: 2, judge: 2, id: "SF-0002", inForce: true }),
    ]);
    expect(book.cellValue("回避名单", "B2")).toBe("SF-0002");
    expectEveryScore((await service.readAssessment()) as MeetingData, ids);
  });

  it("rebuilds a deleted 回避 empty and says so, every score kept", async () => {
    const { book, service, generate, ids } = await scoredWorkbook();
    await service.addRecusal({ judge: 2, id: "SF-0002", reason: "亲属" });
    book.deleteSheet("回避");
    const outcome = await generate();
    expect(outcome.notes.join("\n")).toContain("回避（工作表“回避”）已被删除：已重建为空表");
    expect(book.sheetNames()).toContain("回避");
    const register = await service.readRecusals();
    expect(register.ok && register.lines).toEqual([]);
    expectEveryScore((await service.readAssessment()) as MeetingData, ids);
  });
});

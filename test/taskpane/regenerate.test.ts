/**
 * Issue #10 §3: regenerating in the pane applies the settings asked for exactly as `shifan assess` does, keeps
 * every entered score and the official's edits on 评分标准, says what it kept and changed, and refuses (writing
 * nothing) what would drop an entered score. Over the typed fake Excel.
 */
import { FakeWorkbook } from "../../src/adapters/officejs/fake/FakeExcel";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { workbookAccessOverHost } from "../../src/taskpane/services/officeJsAccess";
import type {
  GenerateOutcome,
  GenerateRequest,
  MeetingData,
} from "../../src/taskpane/services/PaneService";
import { WorkbookPaneService } from "../../src/taskpane/services/WorkbookPaneService";
import { rubricSheetLayout } from "../../src/engine/plan/assessmentLayout";
import { noteMessage, type Note } from "../../src/engine";

const quiet = { progress: () => undefined, cancel: { cancelled: false } };

function pane() {
  const book = FakeWorkbook.fromGrid(sampleNominationGrid());
  const service = new WorkbookPaneService(workbookAccessOverHost(book.host()));
  const generate = (request: Partial<GenerateRequest>): Promise<GenerateOutcome> =>
    service.generate(
      {
        rubricId: "baiqianwan",
        judges: 3,
        quotas: {},
        password: "",
        mappingOverrides: {},
        ...request,
      },
      quiet
    );
  const read = async (): Promise<MeetingData> => {
    const data = await service.readAssessment();
    if (!data) throw new Error("no assessment in the workbook");
    return data;
  };
  return { book, service, generate, read };
}

/** The engine's notes; what the host left out of the sheets (not_rendered) is WorkbookPaneService.test's. */
function engineNotes(outcome: GenerateOutcome): Note[] {
  return outcome.notes.filter((found) => found.code !== "not_rendered");
}

function codes(outcome: GenerateOutcome): string[] {
  return engineNotes(outcome).map((found) => found.code);
}

const PASS_LINE_CELL = `B${rubricSheetLayout(0, 0).parameterRow.passLine}`;

describe("regenerating in the pane", () => {
  it("applies the new rubric, judge count and quotas", async () => {
    const { book, generate, read } = pane();
    await generate({ rubricId: "baiqianwan", judges: 3, quotas: { province: 7 } });
    const outcome = await generate({ rubricId: "wuhao", judges: 5, quotas: { province: 2 } });
    expect(outcome.ok).toBe(true);
    const data = await read();
    expect(data.rubric.id).toBe("wuhao");
    expect(data.rubric.criteria).toHaveLength(5);
    expect(data.rubric.judges).toBe(5);
    expect(data.rubric.quotas.byTier.province).toBe(2);
    expect(book.sheetNames()).toEqual(expect.arrayContaining(["评委4", "评委5"]));
    expect(codes(outcome)).toEqual(["rubric_changed", "judges_changed", "quotas_changed"]);
  });

  it("removes a quota the person cleared: a blank quota field means no limit", async () => {
    const { generate, read } = pane();
    await generate({ quotas: { province: 7, city: 3 } });
    const outcome = await generate({ quotas: { city: 3 } });
    const data = await read();
    expect(data.rubric.quotas.byTier).toEqual({ city: 3 });
    expect(engineNotes(outcome).map((found) => noteMessage(found, "en"))).toEqual([
      "quotas: province 7 → no limit",
    ]);
  });

  it("keeps the same settings when nothing is changed, and says nothing changed", async () => {
    const { generate, read } = pane();
    await generate({ rubricId: "wuhao", judges: 4, quotas: { city: 3 } });
    const outcome = await generate({ rubricId: "wuhao", judges: 4, quotas: { city: 3 } });
    const data = await read();
    expect([data.rubric.id, data.rubric.judges, data.rubric.quotas.byTier.city]).toEqual([
      "wuhao",
      4,
      3,
    ]);
    expect(codes(outcome)).toEqual([]);
  });

  it("keeps entered scores and the edits on 评分标准, and says so", async () => {
    const { book, generate, read } = pane();
    await generate({ judges: 3, quotas: { province: 7 } });
    const before = await read();
    const score = before.nominees[0]?.scores[2]?.[1];
    if (!score?.cell) throw new Error("the sample has nominees");
    book.typeInto(score.sheet, score.cell, 17.5);
    book.typeInto("评分标准", PASS_LINE_CELL, 88);

    const outcome = await generate({ judges: 4, quotas: { province: 2 } });
    expect(outcome.ok).toBe(true);
    const after = await read();
    expect(after.nominees[0]?.scores[2]?.[1]?.value).toBe(17.5);
    expect(after.rubric.passLine).toBe(88);
    expect(after.rubric.judges).toBe(4);
    expect(after.rubric.quotas.byTier.province).toBe(2);
    expect(codes(outcome)).toEqual([
      "scores_kept",
      "judges_changed",
      "rubric_edits_kept",
      "quotas_changed",
    ]);
    expect(engineNotes(outcome).map((found) => noteMessage(found, "zh"))).toEqual([
      "已保留 1 个推荐对象已录入的 1 项评分",
      "评委人数由 3 改为 4",
      "已保留“评分标准”表上的修改：推荐分数线 88",
      "推荐名额：省级 7 → 2",
    ]);
  });

  it("refuses fewer judges while a removed judge's sheet holds scores, and changes nothing", async () => {
    const { book, generate, read } = pane();
    await generate({ judges: 3 });
    const score = (await read()).nominees[1]?.scores[2]?.[0];
    if (!score?.cell) throw new Error("the sample has nominees");
    book.typeInto(score.sheet, score.cell, 25);

    const outcome = await generate({ judges: 2 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toEqual({
      code: "would_drop_judge_scores",
      params: { sheets: "评委3", from: 3, to: 2 },
    });
    expect(book.sheetNames()).toContain("评委3");
    expect(book.cellValue(score.sheet, score.cell)).toBe(25);
    expect((await read()).rubric.judges).toBe(3);
  });

  it("drops a judge whose sheet holds no score", async () => {
    const { book, generate, read } = pane();
    await generate({ judges: 4 });
    const score = (await read()).nominees[1]?.scores[0]?.[0];
    if (!score?.cell) throw new Error("the sample has nominees");
    book.typeInto(score.sheet, score.cell, 25);

    const outcome = await generate({ judges: 3 });
    expect(outcome.ok).toBe(true);
    expect(book.sheetNames()).not.toContain("评委4");
    expect((await read()).nominees[1]?.scores[0]?.[0]?.value).toBe(25);
  });

  it("refuses another rubric once scores are entered, naming the sheets that hold them", async () => {
    const { book, generate, read } = pane();
    await generate({ judges: 3 });
    const score = (await read()).nominees[0]?.scores[1]?.[0];
    if (!score?.cell) throw new Error("the sample has nominees");
    book.typeInto(score.sheet, score.cell, 20);

    const outcome = await generate({ rubricId: "wuhao", judges: 3 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({
      code: "would_drop_rubric_scores",
      params: { sheets: "评委2" },
    });
    expect((await read()).rubric.id).toBe("baiqianwan");
  });

  it("opens the 生成 tab with the workbook's own settings", async () => {
    const { service, generate } = pane();
    await expect(service.generatedSettings()).resolves.toBeNull();
    await generate({ rubricId: "wuhao", judges: 4, quotas: { county: 9 } });
    await expect(service.generatedSettings()).resolves.toMatchObject({
      rubricId: "wuhao",
      judges: 4,
      quotas: { county: 9 },
    });
  });
});

import {
  BUILTIN_RUBRICS,
  reportOutputCells,
  sourceSheetsOnly,
  type IsoDate,
  type RawCell,
  type WorkbookGrid,
} from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileAssessment, compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { buildReport } from "../../../src/engine/report/buildReport";
import { readAssessment } from "../../../src/engine/report/readAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { nominee, planToGrid, withCell } from "../plan/assessmentFixtures";
import { withCachedValues } from "../../../src/engine/usecases/cachedValues";
import { parseRubricJson } from "../../../src/engine/rubric/parseRubricJson";
import { reportAssessment } from "../../../src/engine/usecases/reportAssessment";

// A province quota and two tiers without one: both read back.
const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3, quotas: { province: 2 } });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
const source = {
  name: "推荐汇总",
  hidden: false,
  rows: [[{ type: "text" as const, text: "推荐表" }]],
  merges: [],
  hiddenRows: [],
  hiddenColumns: [],
};
const scored: EnteredInputs = {
  scores: [
    [28, 18, 22, 23],
    [27, 18, 23, 22],
    [26, 17, 22, 22],
  ],
  satisfaction: 90,
  veto: null,
};
const empty: EnteredInputs = { scores: [], satisfaction: null, veto: null };

function assessedGrid(inputs: EnteredInputs[] = [scored, empty]): WorkbookGrid {
  const { plan } = compileWithInputs(
    {
      nominees: [
        nominee({ name: "阳光社区党支部", row: 5 }),
        nominee({ name: "星沙街道党工委", sector: "subdistrict", tier: "city", row: 6 }),
      ],
      issues: [],
    },
    settings,
    inputs
  );
  // As the use case writes it: every formula with the value evaluatePlan gives it cached.
  return planToGrid(withCachedValues(plan, settings.today), [source]);
}

function stateOf(grid: WorkbookGrid) {
  const read = readAssessment(grid);
  if (!read.ok) throw new Error(`not an assessment: ${read.failure.code}`);
  return read.state;
}

/**
 * The grid as layout 2 wrote it (decision 0019): 考核表 without 类别内排名 (P), 并列 (R), 差额候选 (S) and the 类别名额
 * helper (AE); 评分标准 without the 差额比例 row (16) and the 类别名额 table (rows 34–46).
 */
function asLayout2(grid: WorkbookGrid): WorkbookGrid {
  const dropColumns =
    (cols: number[]) => (row: readonly (RawCell | null | undefined)[] | undefined) =>
      // Array.from: the grids are sparse, and filter would skip (so shift) the holes.
      Array.from(row ?? []).filter((_cell, c) => !cols.includes(c + 1));
  return {
    ...grid,
    sheets: grid.sheets.map((sheet) =>
      sheet.name === "考核表"
        ? { ...sheet, rows: sheet.rows.map(dropColumns([16, 18, 19, 31])) }
        : sheet.name === "评分标准"
          ? {
              ...sheet,
              rows: Array.from(sheet.rows).filter(
                (_row, r) => r + 1 !== 16 && (r + 1 < 34 || r + 1 > 46)
              ),
            }
          : sheet
    ),
  };
}

describe("readAssessment", () => {
  it("reads a layout-2 workbook by its labels: 考核表's columns by header, 评分标准's rows by label", () => {
    const edited = withCell(assessedGrid(), "评分标准", "B10", { type: "number", value: 80 });
    const current = stateOf(edited);
    const older = asLayout2(edited);
    // The layout-2 grid really is shifted: 备注 and the source columns sit three columns left, 评分标准's blocks up.
    const main = older.sheets.find((s) => s.name === "考核表");
    expect(main?.rows[1]?.[18]).toEqual({ type: "text", text: "备注" });
    const rubricSheet = older.sheets.find((s) => s.name === "评分标准");
    expect(rubricSheet?.rows[16]?.[0]).toEqual({ type: "text", text: "编号" });
    const state = stateOf(older);
    expect(state.rubric).toEqual({ ...current.rubric, quotas: { byTier: { province: 2 } } });
    expect(state.rubric.passLine).toBe(80);
    expect(state.nominees).toEqual(current.nominees);
    expect(state.nominees[0]?.source).toEqual({ sheet: "推荐汇总", row: 5 });
    expect(state.notes).toEqual([]);
  });

  it("reads back the rubric, nominees and inputs the compiler wrote", () => {
    const state = stateOf(assessedGrid());
    expect(state.rubric).toMatchObject({
      id: "baiqianwan",
      judges: 3,
      minJudges: 3,
      passLine: 85,
      components: [
        { id: "panel", kind: "panel", label: "评委评分", weight: 0.8 },
        { id: "satisfaction", kind: "figure", label: "群众满意度", weight: 0.2 },
      ],
    });
    expect(state.rubric.criteria.map((c) => [c.id, c.max])).toEqual([
      ["C1", 30],
      ["C2", 20],
      ["C3", 25],
      ["C4", 25],
    ]);
    expect(state.rubric.criteria[0]?.descriptors.village).toBe(
      BUILTIN_RUBRICS.baiqianwan.criteria[0]?.descriptors.village
    );
    expect(state.rubric.gradeBands).toEqual(BUILTIN_RUBRICS.baiqianwan.gradeBands);
    expect(state.rubric.quotas.byTier).toEqual({ province: 2 });
    expect(state.asOf).toBe("2012-06-30");
    expect(state.nominees.map((n) => [n.id, n.name, n.sector, n.tier, n.source])).toEqual([
      ["SF-0001", "阳光社区党支部", "community", "province", { sheet: "推荐汇总", row: 5 }],
      ["SF-0002", "星沙街道党工委", "subdistrict", "city", { sheet: "推荐汇总", row: 6 }],
    ]);
    expect(state.nominees[0]?.inputs).toEqual({ ...scored, veto: false });
    expect(state.nominees[1]?.inputs.scores).toEqual([0, 1, 2].map(() => [null, null, null, null]));
    expect(state.issues).toEqual([]);
  });

  it("names the missing sheet when the workbook is not an assessment", () => {
    expect(readAssessment({ sheets: [source] })).toEqual({
      ok: false,
      failure: { code: "not_assessment_workbook", params: { sheet: "考核表" } },
      issues: [],
      notes: [],
    });
  });

  it("reads a workbook whose 考核表 was deleted from its judge sheets, and lists it missing", () => {
    const grid = assessedGrid();
    const read = readAssessment({ sheets: grid.sheets.filter((s) => s.name !== "考核表") });
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.missing).toEqual([{ kind: "main" }]);
    expect(read.state.nominees.map((n) => [n.id, n.name, n.sector, n.tier])).toEqual([
      ["SF-0001", "阳光社区党支部", "community", "province"],
      ["SF-0002", "星沙街道党工委", "subdistrict", "city"],
    ]);
    expect(read.state.nominees[0]?.inputs.scores).toEqual(scored.scores);
  });

  it("reads “today” from a TODAY() as-of cell", () => {
    const { plan } = compileWithInputs(
      { nominees: [nominee({ name: "a" })], issues: [] },
      { ...settings, asOf: "today" },
      []
    );
    expect(stateOf(planToGrid(plan)).asOf).toBe("today");
  });

  it("treats text in a score cell as no score and reports it; keeps an out-of-range number and reports it", () => {
    let grid = withCell(assessedGrid(), "评委2", "F3", { type: "text", text: "二十八" });
    grid = withCell(grid, "评委3", "G3", { type: "number", value: 21 });
    const state = stateOf(grid);
    expect(state.nominees[0]?.inputs.scores[1]?.[0]).toBeNull();
    expect(state.nominees[0]?.inputs.scores[2]?.[1]).toBe(21);
    expect(state.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([
      ["invalid_score", "评委2", "F3"],
      ["score_out_of_range", "评委3", "G3"],
    ]);
  });

  it("reads a veto of neither 是 nor 否 as no veto, and reports it", () => {
    const state = stateOf(withCell(assessedGrid(), "考核表", "L3", { type: "text", text: "有" }));
    expect(state.nominees[0]?.inputs.veto).toBeNull();
    expect(state.issues.map((i) => i.code)).toEqual(["invalid_veto"]);
  });

  it("leaves the generated sheets out of what inspect reads, dynamic management’s too", () => {
    const grid = assessedGrid();
    const more = ["动态管理", "待办清单", "评委说明"].map((name) => ({ ...source, name }));
    expect(
      sourceSheetsOnly({ sheets: [...grid.sheets, ...more] }).sheets.map((s) => s.name)
    ).toEqual(["推荐汇总", "评委说明"]);
  });
});

describe("buildReport", () => {
  it("evaluates the inputs and names each figure’s cell", () => {
    const report = buildReport(stateOf(assessedGrid()));
    expect(report.asOf).toBe("2012-06-30");
    expect(report.rubric).toEqual({
      id: "baiqianwan",
      criteria: [
        { id: "C1", label: "推动科学发展", max: 30 },
        { id: "C2", label: "促进社会和谐", max: 20 },
        { id: "C3", label: "服务人民群众", max: 25 },
        { id: "C4", label: "加强基层组织", max: 25 },
      ],
      judges: 3,
      passLine: 85,
      components: [
        { id: "panel", label: "评委评分", weight: 0.8, kind: "panel" },
        { id: "satisfaction", label: "群众满意度", weight: 0.2, kind: "figure" },
      ],
      quotas: { byTier: { province: 2 }, bySectorTier: {}, candidateRatio: null },
    });
    const first = report.nominees[0];
    expect(first?.inputs.scores[0]).toEqual({
      judge: 1,
      criterion: "C1",
      cell: "'评委1'!F3",
      value: 28,
    });
    expect(first?.inputs.scores).toHaveLength(12);
    expect(first?.inputs.satisfaction).toEqual({ cell: "'考核表'!K3", value: 90 });
    expect(first?.inputs.veto).toEqual({ cell: "'考核表'!L3", value: "否" });
    expect(first?.outputs).toEqual({
      criteria: {
        C1: { cell: "'考核表'!F3", value: 27 },
        C2: { cell: "'考核表'!G3", value: 17.67 },
        C3: { cell: "'考核表'!H3", value: 22.33 },
        C4: { cell: "'考核表'!I3", value: 22.33 },
      },
      panel: { cell: "'考核表'!J3", value: 89.33 },
      total: { cell: "'考核表'!M3", value: 89.46 },
      grade: { cell: "'考核表'!N3", value: "良好" },
      rank: { cell: "'考核表'!O3", value: 1 },
      sectorRank: { cell: "'考核表'!P3", value: null },
      recommended: { cell: "'考核表'!Q3", value: "是" },
      tie: { cell: "'考核表'!R3", value: null },
      candidate: { cell: "'考核表'!S3", value: null },
      status: { cell: "'考核表'!U3", value: null },
      components: {
        panel: { cell: "'考核表'!J3", value: 89.33 },
        satisfaction: { cell: "'考核表'!K3", value: 90 },
      },
    });
    expect(first?.inputs.raters).toEqual([]);
    expect(report.nominees[1]?.outputs.total).toEqual({ cell: "'考核表'!M4", value: null });
  });

  it("names, for every figure, the cell whose cached value shows it", () => {
    const grid = assessedGrid();
    const main = grid.sheets.find((s) => s.name === "考核表");
    const shown = (ref: string): unknown => {
      const m = /!([A-Z]+)(\d+)$/.exec(ref);
      const col = (m?.[1] ?? "A").split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const cell = main?.rows[Number(m?.[2]) - 1]?.[col - 1];
      if (!cell) return null;
      const value = cell.type === "text" ? cell.text : cell.type === "number" ? cell.value : null;
      return value === "" ? null : value;
    };
    const cells = reportOutputCells(buildReport(stateOf(grid)));
    // criteria ×4, panel, total, grade, rank, 类别内排名, recommended, 并列, 差额候选.
    expect(cells).toHaveLength(2 * 12);
    for (const cell of cells) expect([cell.what, shown(cell.ref)]).toEqual([cell.what, cell.value]);
  });

  it("counts an official’s edit of a parameter cell: a pass line above the total withdraws the recommendation", () => {
    const edited = withCell(assessedGrid(), "评分标准", "B10", { type: "number", value: 90 });
    const report = buildReport(stateOf(edited));
    expect(report.rubric.passLine).toBe(90);
    expect(report.nominees[0]?.outputs.recommended.value).toBe("否");
  });

  it("counts an edited weight", () => {
    // 89.33·0.5 + 90·0.5 = 89.665 → 89.67 (Excel's ROUND, half away from zero).
    let grid = withCell(assessedGrid(), "评分标准", "B8", { type: "number", value: 0.5 });
    grid = withCell(grid, "评分标准", "B9", { type: "number", value: 0.5 });
    expect(buildReport(stateOf(grid)).nominees[0]?.outputs.total.value).toBe(89.67);
  });

  it("reports a parameter the sheet cannot compute with and raises it to the least workable value", () => {
    const state = stateOf(withCell(assessedGrid(), "评分标准", "B6", { type: "number", value: 2 }));
    expect(state.rubric.dropExtremesFrom).toBe(3);
    expect(state.notes).toEqual([
      {
        code: "parameter_below_minimum",
        params: { label: "去掉最高最低分的评委人数下限", cell: "B6", used: 3 },
      },
    ]);
    expect(stateOf(assessedGrid()).notes).toEqual([]);
  });

  it("falls back to the default for a parameter cell that holds no number", () => {
    const state = stateOf(
      withCell(assessedGrid(), "评分标准", "B10", { type: "text", text: "八十五" })
    );
    expect(state.rubric.passLine).toBe(85);
    expect(state.notes).toEqual([
      { code: "parameter_not_a_number", params: { label: "推荐分数线", cell: "B10", used: 85 } },
    ]);
  });

  it("holds 评分标准's parameter cells to the rubric parser's own limits, each bad one an issue (#12 §5)", () => {
    const rubricRows = assessedGrid().sheets.find((sheet) => sheet.name === "评分标准")!.rows;
    const rowOf = (label: string) =>
      1 + rubricRows.findIndex((line) => line?.[0]?.type === "text" && line[0].text === label);
    let grid = withCell(assessedGrid(), "评分标准", `B${rowOf("推荐分数线")}`, {
      type: "number",
      value: 120,
    });
    grid = withCell(grid, "评分标准", `B${rowOf("差额比例")}`, { type: "number", value: 0.5 });
    grid = withCell(grid, "评分标准", `C${rowOf("C1")}`, { type: "number", value: 150 });
    grid = withCell(grid, "评分标准", `B${rowOf("省级")}`, { type: "number", value: 2.5 });
    const read = readAssessment(grid);
    if (!read.ok) throw new Error(read.failure.code);
    const bad = read.issues.filter((found) => found.code === "invalid_parameter");
    expect(bad.map((found) => [found.cell, found.params])).toEqual([
      [
        `C${rowOf("C1")}`,
        {
          label: "C1 满分",
          detail: "应在 0 至 100 之间 / must be from 0 to 100 (got 150)",
          used: 30,
        },
      ],
      [
        `B${rowOf("省级")}`,
        { label: "省级名额", detail: "应为整数 / must be a whole number (got 2.5)", used: null },
      ],
      [
        `B${rowOf("差额比例")}`,
        {
          label: "差额比例",
          detail: "应在 1 至 3 之间 / must be from 1 to 3 (got 0.5)",
          used: null,
        },
      ],
      [
        `B${rowOf("推荐分数线")}`,
        {
          label: "推荐分数线",
          detail: "应在 0 至 100 之间 / must be from 0 to 100 (got 120)",
          used: 85,
        },
      ],
    ]);
    // One validator: the rubric JSON with the same values is refused in the same words.
    const json = parseRubricJson(
      JSON.stringify({
        criteria: [{ id: "C1", label: "全部", max: 100 }],
        passLine: 120,
        quotas: { byTier: { province: 2.5 }, candidateRatio: 0.5 },
      })
    );
    expect(json.ok).toBe(false);
    const detail =
      !json.ok && json.failure.code === "rubric_invalid" ? json.failure.params.detail : "";
    for (const found of bad.slice(1)) expect(detail).toContain(found.params.detail);
    // The figures use the defaults meanwhile, and report --json lists the issues with the rest.
    expect(read.state.rubric.passLine).toBe(85);
    expect(read.state.rubric.quotas).toEqual({ byTier: {} });
    expect(reportAssessment(grid, {}).issues).toEqual(expect.arrayContaining(bad));
    // Twin: the cells as written raise none.
    const clean = readAssessment(assessedGrid());
    expect(clean.issues.filter((found) => found.code === "invalid_parameter")).toEqual([]);
  });

  it("takes the as-of date given over the workbook’s", () => {
    expect(buildReport(stateOf(assessedGrid()), "2013-01-01" as IsoDate).asOf).toBe("2013-01-01");
  });
});

describe("re-assessment", () => {
  it("keeps entered scores and rubric edits, appends new nominees and marks vanished ones", () => {
    const first = compileAssessment(
      {
        nominees: [
          nominee({ name: "甲社区", row: 5 }),
          nominee({ name: "乙村", sector: "village", row: 6 }),
          nominee({ name: "丙", row: 7 }),
        ],
        issues: [],
      },
      settings
    );
    let grid = planToGrid(first.plan, [source]);
    grid = withCell(grid, "评委1", "F4", { type: "number", value: 12.5 });
    grid = withCell(grid, "考核表", "K4", { type: "number", value: 95 });
    grid = withCell(grid, "评分标准", "B10", { type: "number", value: 80 });
    const previous = stateOf(grid);

    // 乙村 moved down a row and is typed with a space; 丙 is gone; 丁 is new.
    const again = compileAssessment(
      {
        nominees: [
          nominee({ name: "甲社区", row: 5 }),
          nominee({ name: "乙 村", sector: "village", row: 7 }),
          nominee({ name: "丁", row: 8 }),
        ],
        issues: [],
      },
      { ...settings, rubric: BUILTIN_RUBRICS.wuhao },
      previous
    );
    expect(again.nominees.map((n) => [n.id, n.name, n.vanished, n.source.row])).toEqual([
      ["SF-0001", "甲社区", false, 5],
      ["SF-0002", "乙 村", false, 7],
      ["SF-0003", "丙", true, 7],
      ["SF-0004", "丁", false, 8],
    ]);
    expect(again.nominees[1]?.inputs.scores[0]?.[0]).toBe(12.5);
    expect(again.nominees[1]?.inputs.satisfaction).toBe(95);
    expect(again.rubric.passLine).toBe(80);
    expect(again.rubric.id).toBe("baiqianwan");
    expect(again.issues.map((i) => [i.code, i.cell, i.params])).toEqual([
      ["nominee_vanished", "A5", { name: "丙", id: "SF-0003" }],
    ]);

    const reread = stateOf(planToGrid(again.plan, [source]));
    expect(reread.nominees.map((n) => n.vanished)).toEqual([false, false, true, false]);
    expect(reread.rubric.passLine).toBe(80);
    expect(reread.nominees[1]?.inputs.scores[0]?.[0]).toBe(12.5);
  });

  it("lists inputs it could not carry on the new 校验结果", () => {
    const first = compileAssessment(
      { nominees: [nominee({ name: "甲", row: 5 })], issues: [] },
      settings
    );
    const typed = withCell(planToGrid(first.plan), "评委1", "F3", { type: "text", text: "二十八" });
    const again = compileAssessment(
      { nominees: [nominee({ name: "甲", row: 5 })], issues: [] },
      settings,
      stateOf(typed)
    );
    const issuesSheet = again.plan.sheets.find((s) => s.name === "校验结果");
    // The Chinese name first, the code in the narrow last column (G) for filtering.
    expect(issuesSheet?.cells.find((c) => c.row === 3 && c.col === 1)?.content).toEqual({
      kind: "text",
      text: "无效的分数",
    });
    expect(issuesSheet?.cells.find((c) => c.row === 3 && c.col === 7)?.content).toEqual({
      kind: "text",
      text: "invalid_score",
    });
    const clean = compileAssessment(
      { nominees: [nominee({ name: "甲", row: 5 })], issues: [] },
      settings,
      stateOf(planToGrid(first.plan))
    );
    expect(
      clean.plan.sheets.find((s) => s.name === "校验结果")?.cells.some((c) => c.row === 3)
    ).toBe(false);
  });

  it("brings a vanished nominee back when it reappears", () => {
    const first = compileAssessment(
      { nominees: [nominee({ name: "甲", row: 5 })], issues: [] },
      settings
    );
    const gone = compileAssessment(
      { nominees: [], issues: [] },
      settings,
      stateOf(planToGrid(first.plan))
    );
    expect(gone.nominees.map((n) => n.vanished)).toEqual([true]);
    const back = compileAssessment(
      { nominees: [nominee({ name: "甲", row: 5 })], issues: [] },
      settings,
      stateOf(planToGrid(gone.plan))
    );
    expect(back.nominees.map((n) => [n.id, n.vanished])).toEqual([["SF-0001", false]]);
  });
});

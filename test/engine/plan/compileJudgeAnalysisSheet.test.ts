import { BUILTIN_RUBRICS, type IsoDate, type TierCode } from "../../../src/engine";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import {
  JUDGE_ANALYSIS_NOTES,
  JUDGE_HEADERS,
  judgeAnalysisLayout,
} from "../../../src/engine/plan/compileJudgeAnalysisSheet";
import { printedWidth, wrappedLines, wrappedRowHeight } from "../../../src/engine/plan/printSetup";
import type { RecusalLine } from "../../../src/engine/plan/compileRecusalSheet";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { a1 } from "../../../src/engine/core/CellRef";
import { sharedFormulaRoles } from "../../../src/adapters/xlsx/sharedFormulas";
import { computedAt, nominee, planCell } from "./assessmentFixtures";

/**
 * Three judges, drop the highest and the lowest from three scores (so a criterion score is the middle one), the
 * 百千万 criteria (maxima 30, 20, 25, 25). Scores C1–C4 and each judge's total:
 *
 *        评委1               评委2               评委3
 *   N1   25 15 20 20 = 80    28 18 22 22 = 90    27 17 21 20 = 85
 *   N2   20 15 18 17 = 70    26 16 20 18 = 80    22 14 19 20 = 75
 *   N3   29 19 24 23 = 95    27 18 23 22 = 90    30 19 24 22 = 95
 *   N4   22 16 20 17 = 75    25 17 21 22 = 85    24 16 20 20 = 80
 *   N5   (市级) only 评委3 scores, and 评委3 is recused from N5 (回避): nothing of N5 counts anywhere.
 *   N6   (市级) 评委1 and 评委2 give full marks, 评委3 types 31 for C1 (above 30): 待更正, so N6 counts nowhere.
 *
 * Means: 评委1 320/4 = 80, 评委2 345/4 = 86.25, 评委3 335/4 = 83.75.
 * Sample SDs: 评委1 √((0 + 100 + 225 + 25)/3) = √116.667 = 10.80; 评委2 √(68.75/3) = √22.917 = 4.79;
 *   评委3 √(218.75/3) = √72.917 = 8.54.
 * Criterion scores (middle of three): N1 27 17 21 20 = 85, N2 22 15 19 18 = 74, N3 29 19 24 22 = 94,
 *   N4 24 16 20 20 = 80; Σ = 333. Mean deviation per criterion = (Σ own totals − 333) / (4 nominees × 4 criteria):
 *   评委1 −13/16 = −0.8125 → −0.81, 评委2 12/16 = 0.75, 评委3 2/16 = 0.125 → 0.13.
 * Dropped (16 criterion scores each way; judges sharing the dropped score share the drop):
 *   highest: 评委1 N3 C2 ½ + C3 ½ + C4 1 = 2; 评委2 N1 ×4, N2 C1–C3 ×3, N4 ×4 = 11; 评委3 N2 C4, N3 C1, ½, ½ = 3.
 *   lowest: 评委1 N1 C1–C3 3 + C4 ½, N2 C1 C3 C4 3, N4 C1 C4 2 + C2 ½ + C3 ½ = 9.5; 评委2 N3 C1–C3 3 + C4 ½ = 3.5;
 *   评委3 N1 C4 ½, N2 C2 1, N3 C4 ½, N4 C2 ½ + C3 ½ = 3.
 * Kendall's W, 省级 (N1–N4, every judge complete), ranks ascending with ties at their mean:
 *   评委1 N1 3, N2 1, N3 4, N4 2; 评委2 N1 3.5, N2 1, N3 3.5, N4 2 (90 twice: T = 2³ − 2 = 6); 评委3 3, 1, 4, 2.
 *   R = 9.5, 3, 11.5, 6; mean 7.5; S = 4 + 20.25 + 16 + 2.25 = 42.5.
 *   W = 12 × 42.5 / (3² × (4³ − 4) − 3 × 6) = 510 / 522 = 0.977. 市级: no nominee complete, no W.
 */
const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3 });
const threeJudges = { ...rubric, dropExtremesFrom: 3, minJudges: 3 };
const settings = {
  rubric: threeJudges,
  asOf: "2012-06-30" as IsoDate,
  today: "2012-06-30" as IsoDate,
};
const scores: (number | null)[][][] = [
  [
    [25, 15, 20, 20],
    [28, 18, 22, 22],
    [27, 17, 21, 20],
  ],
  [
    [20, 15, 18, 17],
    [26, 16, 20, 18],
    [22, 14, 19, 20],
  ],
  [
    [29, 19, 24, 23],
    [27, 18, 23, 22],
    [30, 19, 24, 22],
  ],
  [
    [22, 16, 20, 17],
    [25, 17, 21, 22],
    [24, 16, 20, 20],
  ],
  [[], [], [20, 15, 20, 20]],
  [
    [30, 20, 25, 25],
    [30, 20, 25, 25],
    [31, 20, 25, 25],
  ],
];
const tiers: TierCode[] = ["province", "province", "province", "province", "city", "city"];
const source = {
  nominees: tiers.map((tier, i) => nominee({ name: `N${i + 1}`, tier })),
  issues: [],
};
const inputs = scores.map((judges): EnteredInputs => ({
  scores: judges,
  satisfaction: 90,
  veto: null,
}));
const recusedN5: RecusalLine[] = [{ row: 2, judge: 3, id: "SF-0005", reason: "亲属" }];

function analysed(recusals: readonly RecusalLine[]) {
  const { plan } = compileWithInputs(source, settings, inputs, recusals);
  const layout = judgeAnalysisLayout(3, 4, ["province", "city"]);
  const at = (row: number, col: number) => computedAt(plan, "评委分析", a1(row, col));
  return {
    plan,
    layout,
    judgeLine: (judge: number) =>
      [2, 3, 4, 5, 6, 7].map((col) => at(layout.judgeHeaderRow + judge, col)),
    agreement: (t: number) => [3, 4, 5].map((col) => at(layout.agreementHeaderRow + 1 + t, col)),
  };
}

describe("评委分析", () => {
  const { plan, layout, judgeLine, agreement } = analysed(recusedN5);

  it("works the figures of each judge out as computed by hand", () => {
    // 完整评分数, 平均分, 标准差, 平均偏差（每项）, 作为最高分被去掉, 作为最低分被去掉
    expect(judgeLine(1)).toEqual([4, 80, 10.8, -0.81, 2, 9.5]);
    expect(judgeLine(2)).toEqual([4, 86.25, 4.79, 0.75, 11, 3.5]);
    expect(judgeLine(3)).toEqual([4, 83.75, 8.54, 0.13, 3, 3]);
  });

  it("gives Kendall's W per tier over the nominees every judge scored in full, ties corrected", () => {
    expect(agreement(0)).toEqual([4, 4, 0.977]);
    expect(agreement(1)).toEqual([0, 2, ""]);
  });

  it("ranks each tier on its own: another tier's nominees with the same totals change no W", () => {
    // N5 and N6 (市级) scored in full, as N1 and N2 were: 评委1 80 / 70, 评委2 90 / 80, 评委3 85 / 75. Each judge ranks
    // N6 below N5, so 市级's W is 1 (R = 3, 6; S = 2 × 1.5² = 4.5; W = 12 × 4.5 / (3² × (2³ − 2)) = 1), and 省级's W
    // stays 0.977: its ranks count no 市级 total, though 70–90 sit among its own.
    const both = scores.map((judges, i) => (i >= 4 ? scores[i - 4]! : judges));
    const { plan: tiered } = compileWithInputs(
      source,
      settings,
      both.map((judges): EnteredInputs => ({ scores: judges, satisfaction: 90, veto: null })),
      []
    );
    const at = (row: number, col: number) => computedAt(tiered, "评委分析", a1(row, col));
    const line = (t: number) => [3, 4, 5].map((col) => at(layout.agreementHeaderRow + 1 + t, col));
    expect(line(0)).toEqual([4, 4, 0.977]);
    expect(line(1)).toEqual([2, 2, 1]);
  });

  it("writes each rank count in its own cell, never as a shared formula (LibreOffice's default mode trusts those)", () => {
    const sheet = plan.sheets.find((s) => s.name === "评委分析")!;
    const cells = [...sheet.cells];
    const roles = sharedFormulaRoles(cells);
    const c = layout.columns;
    const roleIn = (cols: readonly number[]) =>
      cells.flatMap((cell, i) =>
        cell.row >= layout.firstMatrixRow && cols.includes(cell.col) ? [roles[i]] : []
      );
    const counting = roleIn([...c.ties, c.rankSum]);
    expect(counting.length).toBe(6 * (c.ties.length + 1));
    expect(counting.filter((role) => role !== undefined)).toEqual([]);
    // Twin: the keys beside them, linear, are shared as before.
    expect(roleIn(c.keys).some((role) => role?.kind === "follower")).toBe(true);
  });

  it("counts a recused judge's scores nowhere (twin: without the 回避 line 评委3 has five totals)", () => {
    const free = analysed([]);
    // 评委3's N5 total 75 joins: five totals, mean (335 + 75) / 5 = 82.
    expect(free.judgeLine(3).slice(0, 2)).toEqual([5, 82]);
    // N5 is then scored by one judge only: no criterion score, so no deviation and no drop from it.
    expect(free.judgeLine(3).slice(3)).toEqual([0.13, 3, 3]);
  });

  it("leaves a nominee waiting for a correction out whole, its valid totals too", () => {
    // N6: 评委1's 100 would make five totals; the row shows 待更正 on 考核表, so 评委1 keeps four.
    expect(computedAt(plan, "考核表", "J8")).toBe("待更正");
    // Its C2–C4 are computed (three equal scores each, so a drop shared three ways), yet no drop counts here: the
    // figures above are those of N1–N4 alone.
    expect(computedAt(plan, "考核表", "G8")).toBe(20);
    expect(
      computedAt(plan, "评委分析", a1(layout.firstMatrixRow + 5, layout.columns.totals[0]!))
    ).toBe("");
    expect(judgeLine(1)[0]).toBe(4);
  });

  it("gives each header row the height its wrapped labels need, so none prints over the row below", () => {
    const sheet = plan.sheets.find((s) => s.name === "评委分析");
    if (!sheet) throw new Error("no 评委分析");
    const columns = new Map(sheet.columns.map((c) => [c.col, c]));
    const heights = new Map((sheet.rows ?? []).map((r) => [r.row, r.height]));
    const wrapped = sheet.cells.flatMap((cell) => {
      const column = columns.get(cell.col);
      if (cell.style !== "header" || cell.content.kind !== "text" || column?.hidden) return [];
      const needed = wrappedRowHeight([{ text: cell.content.text, width: column?.width ?? 0 }]);
      return needed === null ? [] : [{ row: cell.row, text: cell.content.text, needed }];
    });
    // The judge table's and the agreement table's headers both wrap (平均偏差（每项）, 参与计算的推荐对象 …).
    expect(new Set(wrapped.map((w) => w.row))).toEqual(
      new Set([layout.judgeHeaderRow, layout.agreementHeaderRow])
    );
    for (const { row, text, needed } of wrapped)
      expect({ text, tooLow: (heights.get(row) ?? 0) < needed }).toEqual({ text, tooLow: false });
  });

  it("breaks each wrapped header between words: every line of it fits its column (not 该级别推荐对 / 象)", () => {
    const sheet = plan.sheets.find((s) => s.name === "评委分析");
    if (!sheet) throw new Error("no 评委分析");
    const columns = new Map(sheet.columns.map((c) => [c.col, c]));
    const lines = sheet.cells.flatMap((cell) => {
      const column = columns.get(cell.col);
      if (cell.style !== "header" || cell.content.kind !== "text" || column?.hidden) return [];
      const width = column?.width ?? 0;
      return cell.content.text
        .split("\n")
        .map((line) => ({ line, lines: wrappedLines(line, width) }));
    });
    expect(lines.map((l) => l.line)).toEqual(expect.arrayContaining(["该级别", "推荐对象"]));
    for (const { line, lines: count } of lines) expect({ line, count }).toEqual({ line, count: 1 });
  });

  it("breaks its notes into lines that fit the merged width, none starting with Chinese punctuation", () => {
    const sheet = plan.sheets.find((s) => s.name === "评委分析");
    if (!sheet) throw new Error("no 评委分析");
    const width = printedWidth(sheet.columns, 1, JUDGE_HEADERS.length);
    const heights = new Map((sheet.rows ?? []).map((r) => [r.row, r.height]));
    JUDGE_ANALYSIS_NOTES.forEach((note, i) => {
      const cell = planCell(plan, "评委分析", `A${2 + i}`);
      const text = cell?.content.kind === "text" ? cell.content.text : "";
      // The note's words unchanged, broken by hand: LibreOffice left to wrap it started lines with "；" and "，".
      expect(text.replace(/\n/g, "")).toBe(note);
      const lines = text.split("\n");
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) {
        expect({ line, fits: wrappedLines(line, width) }).toEqual({ line, fits: 1 });
        expect({ line, start: /^[，。、；：？！）]/.test(line) }).toEqual({ line, start: false });
      }
      expect(heights.get(2 + i)).toBe(wrappedRowHeight([{ text, width }]));
    });
  });

  it("wraps a name longer than its column and makes its row tall enough; a short name's row keeps its height", () => {
    const long = "湖南省水利水电科学研究院机关党委第一党支部";
    const { plan: named } = compileWithInputs(
      { nominees: [nominee({ name: long }), nominee({ name: "短名" })], issues: [] },
      settings,
      [],
      []
    );
    const sheet = named.sheets.find((s) => s.name === "评委分析")!;
    const first = judgeAnalysisLayout(3, 4, ["province"]).firstMatrixRow;
    const heights = new Map((sheet.rows ?? []).map((r) => [r.row, r.height]));
    const nameCell = (row: number) => planCell(named, "评委分析", `B${row}`);
    expect(nameCell(first)).toMatchObject({ content: { text: long }, style: "textWrap" });
    expect(heights.get(first)).toBe(wrappedRowHeight([{ text: long, width: 28 }]));
    expect(nameCell(first + 1)).toMatchObject({ content: { text: "短名" }, style: "textWrap" });
    expect(heights.get(first + 1)).toBeUndefined();
  });

  it("says it is a diagnostic that never changes a score, and no other sheet reads it", () => {
    expect(planCell(plan, "评委分析", "A1")?.content).toMatchObject({
      kind: "text",
      text: expect.stringContaining("不改变任何分数"),
    });
    const readers = plan.sheets.filter(
      (sheet) =>
        sheet.name !== "评委分析" &&
        sheet.cells.some((cell) => JSON.stringify(cell.content).includes("评委分析"))
    );
    expect(readers.map((s) => s.name)).toEqual([]);
  });
});

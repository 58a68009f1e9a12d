/**
 * 回避 (issue #9 §4, RULES §4.4): a judge listed against a nominee is treated as not having scored it. The figures
 * are the compiled formulas evaluated by the interpreter; every expected value below is worked by hand from RULES §4.
 */
import { BUILTIN_RUBRICS, type IsoDate } from "../../../src/engine";
import { evaluatePlan } from "../../../src/engine/compute/evaluatePlan";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import type { RecusalLine } from "../../../src/engine/plan/compileRecusalSheet";
import {
  findRecusals,
  recusalCells,
  recusalIssues,
  recusalsOf,
} from "../../../src/engine/usecases/recusals";
import { nominee } from "../plan/assessmentFixtures";

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 5 });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };

/**
 * Each judge's score is on C1; the other three criteria get 10 from whoever scored C1, so one figure per judge
 * describes the row and every entry stays within its criterion's maximum (RULES §4.3: a score over it counts nowhere).
 */
function row(perJudge: readonly (number | null)[], satisfaction = 90): EnteredInputs {
  return {
    scores: perJudge.map((score) => [score, ...[1, 2, 3].map(() => (score === null ? null : 10))]),
    satisfaction,
    veto: null,
  };
}

function line(n: number, judge: number | string | null, id: string | null): RecusalLine {
  return { row: n, judge, id, reason: "同单位" };
}

/** The assessment of one nominee per entered input (rows 5, 6, …), with `lines` on 回避. */
function compiledWith(inputs: readonly EnteredInputs[], lines: readonly RecusalLine[]) {
  return compileWithInputs(
    {
      nominees: inputs.map((_input, i) => nominee({ name: `推荐对象${i + 1}`, row: 5 + i })),
      issues: [],
    },
    settings,
    inputs,
    lines
  );
}

/** 考核表 C1 (F), panel (J) and 评分进度 (T) of each row, as the formulas compute them. */
function figures(inputs: readonly EnteredInputs[], lines: readonly RecusalLine[]) {
  const compiled = compiledWith(inputs, lines);
  const values = evaluatePlan(compiled.plan, { today: settings.today });
  const m = compiled.layout.main;
  const rows = inputs.map((_input, i) => {
    const r = compiled.layout.firstRow + i;
    return {
      c1: values.value("考核表", r, m.criteria[0] as number),
      panel: values.value("考核表", r, m.panel),
      progress: values.value("考核表", r, m.progress),
    };
  });
  return { rows, compiled, values };
}

// Scores per judge J1…J5; each case names who is recused and what RULES §4 gives for C1 (the panel is four times).
const CASES: readonly {
  readonly name: string;
  readonly scores: readonly (number | null)[];
  readonly recused: readonly number[];
  readonly c1: number | string;
  readonly progress: string;
}[] = [
  // Nobody recused: five scores, drop 30 and 15, (20+25+28)/3 = 24.333 → 24.33.
  { name: "no recusal", scores: [20, 25, 30, 15, 28], recused: [], c1: 24.33, progress: "5/5" },
  // J5 recused: four scores left, plain mean (20+25+30+15)/4 = 22.5; 28 is not counted.
  { name: "J5 recused", scores: [20, 25, 30, 15, 28], recused: [5], c1: 22.5, progress: "4/4" },
  // J3 recused (the highest): four left, (20+25+15+28)/4 = 22.
  { name: "J3 recused", scores: [20, 25, 30, 15, 28], recused: [3], c1: 22, progress: "4/4" },
  // J2 and J4 recused: three left, (20+30+28)/3 = 26.
  {
    name: "J2, J4 recused",
    scores: [20, 25, 30, 15, 28],
    recused: [2, 4],
    c1: 26,
    progress: "3/3",
  },
  // Three scored, one of them recused: two left, below the minimum of 3 — incomplete, never lowered.
  {
    name: "below the minimum",
    scores: [20, 25, null, null, 28],
    recused: [1],
    c1: "",
    progress: "2/4",
  },
  // A recused judge who did not score: the other four count, 25.5 = (20+25+30+27)/4.
  {
    name: "recused and blank",
    scores: [20, 25, 30, 27, null],
    recused: [5],
    c1: 25.5,
    progress: "4/4",
  },
];

describe("回避 in the formulas: a recused judge's scores are an abstention", () => {
  const inputs = CASES.map((c) => row(c.scores));
  const lines = CASES.flatMap((c, i) =>
    c.recused.map((judge) => ({ judge, id: `SF-${String(i + 1).padStart(4, "0")}` }))
  ).map((pair, n) => line(2 + n, pair.judge, pair.id));
  const { rows } = figures(inputs, lines);

  it.each(CASES.map((c, i) => [c.name, i] as const))("%s", (_name, i) => {
    const c = CASES[i]!;
    expect(rows[i]!.c1).toBe(c.c1);
    expect(rows[i]!.panel).toBe(
      typeof c.c1 === "number" ? Math.round((c.c1 + 30) * 100) / 100 : ""
    );
    expect(rows[i]!.progress).toBe(c.progress);
  });

  it("counts the same scores again once the 回避 lines are gone", () => {
    const without = figures(inputs, []).rows;
    expect(without.map((r) => r.c1)).toEqual([24.33, 24.33, 24.33, 24.33, 24.33, 25.5]);
  });
});

describe("回避's lines: only a line naming a real judge and a real nominee is in force", () => {
  const scores = row([20, 25, 30, 15, 28]);
  it.each([
    ["a judge number past the panel", 6, "SF-0001", "评委号无效"],
    ["a judge number that is not whole", 2.5, "SF-0001", "评委号无效"],
    ["a judge typed as text", "二", "SF-0001", "评委号无效"],
    ["an id no nominee has", 5, "SF-0099", "考核表中无此编号"],
    ["an id with a space typed before it", 5, " SF-0001", "考核表中无此编号"],
  ])("%s is not applied, and says why", (_name, judge, id, check) => {
    const { rows, compiled, values } = figures([scores], [line(2, judge, id)]);
    expect(rows[0]!.c1).toBe(24.33);
    expect(values.value("回避", 2, 4)).toBe(check);
    const found = findRecusals(compiled);
    expect(found.recused.every((ids) => ids.size === 0)).toBe(true);
    expect(recusalIssues(found, compiled)).toEqual([
      expect.objectContaining({
        code: "recusal_not_applied",
        sheet: "回避",
        cell: "A2",
        params: { line: 2, check },
      }),
    ]);
  });

  // A line names one judge and one nominee: a blank or a pattern is refused by name, never read as "all" — nor
  // shown 已回避 while its key, looked up as plain text, matches no row (what `*` did with one nominee).
  it.each([
    ["* meant as all nominees", "*", 1],
    ["* meant as all, among several nominees", "*", 2],
    ["a wildcard matching several ids", "SF-*", 2],
    ["a wildcard matching one id", "SF-0001*", 2],
    ["a ? wildcard", "SF-000?", 1],
    ["a ~ escape", "SF~-0001", 1],
    ["a comparison COUNTIF would read as one", "<>SF-0002", 2],
    ["an id starting with =", "=SF-0001", 1],
    ["a blank id meant as all nominees", null, 2],
  ])("refuses %s, naming the line, and recuses nobody", (_name, id, nominees) => {
    const { rows, compiled, values } = figures(
      Array.from({ length: nominees }, () => scores),
      [line(2, 5, id)]
    );
    expect(values.value("回避", 2, 4)).toBe("编号不可留空或用通配符");
    expect(values.value("回避", 2, 5)).toBe("");
    expect(rows.map((r) => r.c1)).toEqual(rows.map(() => 24.33));
    const found = findRecusals(compiled);
    expect(found.recused.every((ids) => ids.size === 0)).toBe(true);
    expect(recusalIssues(found, compiled)).toEqual([
      expect.objectContaining({
        code: "recusal_not_applied",
        cell: "A2",
        params: { line: 2, check: "编号不可留空或用通配符" },
      }),
    ]);
  });

  it("applies an id typed in lower case, as COUNTIF matches it", () => {
    const { rows, compiled, values } = figures([scores], [line(2, 5, "sf-0001")]);
    expect(values.value("回避", 2, 4)).toBe("已回避");
    expect(rows[0]!.c1).toBe(22.5);
    expect([...(findRecusals(compiled).recused[4] ?? [])]).toEqual(["SF-0001"]);
  });

  it("keeps the line's row and contents as typed, gaps and numbers included", () => {
    const { compiled } = figures(
      [scores],
      [line(2, 5, "SF-0001"), line(9, "二", "x"), { row: 6, judge: 1, id: 7, reason: 2024 }]
    );
    const sheet = compiled.plan.sheets.find((s) => s.name === "回避")!;
    const at = (r: number, c: number) =>
      sheet.cells.find((cell) => cell.row === r && cell.col === c)?.content;
    expect(at(2, 1)).toEqual({ kind: "number", value: 5 });
    expect(at(9, 1)).toEqual({ kind: "text", text: "二" });
    expect(at(9, 2)).toEqual({ kind: "text", text: "x" });
    expect(at(9, 3)).toEqual({ kind: "text", text: "同单位" });
    expect([at(6, 2), at(6, 3)]).toEqual([
      { kind: "number", value: 7 },
      { kind: "number", value: 2024 },
    ]);
    // Room for 1,000 more lines below the lowest one typed (row 9).
    expect(Math.max(...sheet.cells.map((cell) => cell.row))).toBe(1009);
  });

  it("names a score typed on a recused row anyway, with its cell and the 回避 line", () => {
    const { compiled } = figures([scores], [line(4, 5, "SF-0001")]);
    const issues = recusalIssues(findRecusals(compiled), compiled);
    expect(issues.map((i) => [i.code, i.sheet, i.cell, i.params])).toEqual(
      [
        ["F3", 28],
        ["G3", 10],
        ["H3", 10],
        ["I3", 10],
      ].map(([cell, value]) => [
        "recused_score",
        "评委5",
        cell,
        { judge: 5, id: "SF-0001", line: 4, value },
      ])
    );
  });
});

describe("recusalsOf: only the cells the recusal formulas read, with the whole assessment's answer", () => {
  const inputs = Array.from({ length: 8 }, () => row([20, 25, 30, 15, 28]));
  const lines = [
    line(2, 1, "SF-0001"),
    line(3, 5, "sf-0003"),
    line(4, 2, "SF-0003"),
    line(5, 2, "SF-0003"),
    line(6, 6, "SF-0002"),
    line(7, "二", "SF-0004"),
    line(8, 3, "SF-0099"),
    line(9, 4, " SF-0005"),
    line(10, null, null),
    line(12, 4, "SF-0008"),
  ];
  const compiled = compiledWith(inputs, lines);
  const whole = findRecusals(compiled);
  const { found, layout } = recusalsOf({
    rubric,
    asOf: settings.asOf,
    nominees: compiled.nominees,
    recusals: lines,
  });

  it("finds who is recused, which lines are not in force and each line's row as the whole assessment does", () => {
    expect(found.recused.map((ids) => [...ids].sort())).toEqual(
      whole.recused.map((ids) => [...ids].sort())
    );
    expect(found.recused.map((ids) => [...ids].sort())).toEqual([
      ["SF-0001"],
      ["SF-0003"],
      [],
      ["SF-0008"],
      ["SF-0003"],
    ]);
    expect(found.notApplied).toEqual(whole.notApplied);
    expect(found.notApplied.map((l) => l.row)).toEqual([6, 7, 8, 9]);
    for (let judge = 1; judge <= 5; judge++)
      for (const n of compiled.nominees)
        expect([judge, n.id, found.lineOf(judge, n.id)]).toEqual([
          judge,
          n.id,
          whole.lineOf(judge, n.id),
        ]);
    expect(layout).toEqual(compiled.layout);
  });

  it("compiles 回避, the identities and the judge sheets' 回避 column, not the assessment (failure twin: the whole plan has 评分标准, 汇总 and the scores)", () => {
    const cells = recusalCells({
      rubric,
      asOf: settings.asOf,
      nominees: compiled.nominees,
      recusals: lines,
    });
    expect(cells.plan.sheets.map((s) => s.name).sort()).toEqual(
      ["回避", "考核表", "评委1", "评委2", "评委3", "评委4", "评委5"].sort()
    );
    const judgeColumns = new Set(
      [...(cells.plan.sheets.find((s) => s.name === "评委1")?.cells ?? [])].map((c) => c.col)
    );
    expect([...judgeColumns].sort((a, b) => a - b)).toEqual([
      1,
      2,
      3,
      4,
      5,
      compiled.layout.judgeRecusalColumn,
    ]);
  });
});

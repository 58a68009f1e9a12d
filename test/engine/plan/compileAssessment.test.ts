import { BUILTIN_RUBRICS, unparse, type IsoDate } from "../../../src/engine";
import {
  compileAssessment,
  compileRows,
  compileWithInputs,
} from "../../../src/engine/plan/compileAssessment";
import { evaluatePlan } from "../../../src/engine/compute";
import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import type { EnteredInputs } from "../../../src/engine/plan/AssessmentModel";
import { NOT_RANKED_KEY } from "../../../src/engine/plan/compileMainSheet";
import { computedAt, formulaAt, nominee, planCell } from "./assessmentFixtures";
import { wrappedLines } from "../../../src/engine/plan/printSetup";

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3 });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
/** RULES §4.3 as the formulas state it: TRUE when a score cannot count (ISLOGICAL first: LibreOffice's TRUE is a number). */
function badScore(cell: string, max: string): string {
  return `IF(ISNUMBER(${cell}),OR(ISLOGICAL(${cell}),TYPE(${cell})<>1,${cell}<0,${cell}>${max},ABS(${cell}/SF_ScoreStep-ROUND(${cell}/SF_ScoreStep,0))>0.000000001),${cell}<>"")`;
}
const none: EnteredInputs = { scores: [], satisfaction: null, veto: null };

// Worked by hand: C1 (28+27+26)/3 = 27; C2 53/3 = 17.67; C3 67/3 = 22.33; C4 67/3 = 22.33;
// panel 89.33; total 89.33·0.8 + 90·0.2 = 89.464 → 89.46 (良好).
const scored: EnteredInputs = {
  scores: [
    [28, 18, 22, 23],
    [27, 18, 23, 22],
    [26, 17, 22, 22],
  ],
  satisfaction: 90,
  veto: null,
};
// Two judges only: below the minimum of 3, so every criterion stays blank.
const twoJudges: EnteredInputs = {
  scores: [[28, 18, 22, 23], [27, 18, 23, 22], []],
  satisfaction: 80,
  veto: null,
};

function twoNominees(inputs: EnteredInputs[] = [scored, twoJudges]) {
  return compileWithInputs(
    {
      nominees: [
        nominee({ name: "阳光社区党支部", row: 5 }),
        nominee({ name: "星沙街道党工委", sector: "subdistrict", row: 6 }),
      ],
      issues: [],
    },
    settings,
    inputs
  );
}

describe("compileAssessment", () => {
  it("generates the rubric, one sheet per judge, 考核表, 汇总, 公示名单, 评委分析, 校验结果 and 回避, in that order", () => {
    const { plan } = twoNominees();
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "评分标准",
      "评委1",
      "评委2",
      "评委3",
      "考核表",
      "汇总",
      "公示名单",
      "评委分析",
      "校验结果",
      "回避",
    ]);
  });

  it("leaves 公示名单 and 评委分析 out when asked, every other sheet and every value on it unchanged", () => {
    const full = twoNominees();
    const lean = compileRows(full.nominees, [], settings, rubric, [], {
      leaveOut: ["publicity", "judgeAnalysis"],
    });
    expect(lean.plan.sheets.map((s) => s.name)).toEqual(
      full.plan.sheets
        .map((s) => s.name)
        .filter((name) => name !== "公示名单" && name !== "评委分析")
    );
    // No kept sheet's formula reads a sheet left out: each formula cell shows what it shows in the whole plan.
    const fullValues = evaluatePlan(full.plan, { today: settings.today });
    const leanValues = evaluatePlan(lean.plan, { today: settings.today });
    let formulas = 0;
    for (const sheet of lean.plan.sheets) {
      const whole = full.plan.sheets.find((s) => s.name === sheet.name);
      expect(whole ? [...whole.cells] : []).toEqual([...sheet.cells]);
      for (const cell of sheet.cells) {
        if (!isFormulaContent(cell.content)) continue;
        formulas++;
        expect([
          sheet.name,
          cell.row,
          cell.col,
          leanValues.value(sheet.name, cell.row, cell.col),
        ]).toEqual([
          sheet.name,
          cell.row,
          cell.col,
          fullValues.value(sheet.name, cell.row, cell.col),
        ]);
      }
    }
    expect(formulas).toBeGreaterThan(50);
    expect(
      compileRows(full.nominees, [], settings, rubric, [], {
        leaveOut: ["publicity"],
      }).plan.sheets.map((s) => s.name)
    ).toContain("评委分析");
  });

  it("assigns stable ids in order of appearance", () => {
    const { nominees } = compileAssessment(
      { nominees: [nominee({ name: "甲" }), nominee({ name: "乙" })], issues: [] },
      settings
    );
    expect(nominees.map((n) => n.id)).toEqual(["SF-0001", "SF-0002"]);
  });

  it("writes the criterion formula of RULES §4 over the judges’ counted cells, counting only scores present", () => {
    const { plan } = twoNominees();
    // K: each judge sheet's hidden 计入 column of C1, the score unless the judge is recused (回避).
    const j = "'评委1'!K3,'评委2'!K3,'评委3'!K3";
    const invalid = [1, 2, 3]
      .map((n) => `AND('评委${n}'!J3="",${badScore(`'评委${n}'!F3`, "SF_Max_C1")})`)
      .join(",");
    expect(formulaAt(plan, "考核表", "F3")).toBe(
      `IF(OR(${invalid}),"待更正",IF(COUNT(${j})<SF_MinJudges,"",ROUND(IF(COUNT(${j})>=SF_DropFrom,(SUM(${j})-MAX(${j})-MIN(${j}))/(COUNT(${j})-2),SUM(${j})/COUNT(${j})),2)))`
    );
    expect(formulaAt(plan, "考核表", "F3")).not.toContain("TRIMMEAN");
  });

  it("writes panel, total, grade, rank key, rank and recommendation over named parameters", () => {
    const { plan } = twoNominees();
    expect(formulaAt(plan, "考核表", "J3")).toBe(
      'IF(OR(F3="待更正",G3="待更正",H3="待更正",I3="待更正"),"待更正",IF(OR(F3="",G3="",H3="",I3=""),"",ROUND(SUM(F3:I3),2)))'
    );
    expect(formulaAt(plan, "考核表", "M3")).toBe(
      'IF(OR(J3="待更正",IF(ISNUMBER(K3),OR(ISLOGICAL(K3),TYPE(K3)<>1,K3<0,K3>100),K3<>"")),"待更正",IF(OR(J3="",NOT(ISNUMBER(K3))),"",ROUND(J3*SF_WeightPanel+K3*SF_WeightSatisfaction,2)))'
    );
    expect(formulaAt(plan, "考核表", "N3")).toBe(
      'IF(NOT(ISNUMBER(M3)),"",IF(L3="是",SF_FailGrade,IF(COUNTIF(SF_GradeMins,"<="&M3)=0,SF_FailGrade,INDEX(SF_Grades,MATCH(LARGE(SF_GradeMins,COUNTIF(SF_GradeMins,">"&M3)+1),SF_GradeMins,0)))))'
    );
    // A row that takes no rank keys below every real key, so the key column holds numbers only.
    expect(formulaAt(plan, "考核表", "W3")).toBe(
      'IF(AND(ISNUMBER(M3),L3<>"是",D3<>""),ROUND(M3*100,0)*10000000000+ROUND(J3*100,0)*100000+ROUND(K3*100,0),-1000000000000000)'
    );
    // One COUNTIFS per row over bounded ranges: never whole columns.
    expect(formulaAt(plan, "考核表", "O3")).toBe(
      'IF(W3=(-1000000000000000),"",COUNTIFS($D$3:$D$4,D3,$W$3:$W$4,">"&W3)+1)'
    );
    // The tier's quota is looked up from 评分标准, so the formula is the same on every row; the sector's quota
    // (helper AE) and the rank within the sector (P) count only where 评分标准 sets one (RULES §4.2).
    const quota = "INDEX(SF_Quotas,MATCH(D3,SF_QuotaTiers,0))";
    expect(formulaAt(plan, "考核表", "Q3")).toBe(
      `IF(OR(NOT(ISNUMBER(M3)),D3=""),"",IF(AND(L3<>"是",M3>=SF_PassLine,IF(${quota}="",TRUE,O3<=${quota}),IF(AE3="",TRUE,P3<=AE3)),"是","否"))`
    );
    expect(formulaAt(plan, "考核表", "Q4")).toBe(
      formulaAt(plan, "考核表", "Q3").replace(/3\b/g, "4")
    );
    expect(formulaAt(plan, "考核表", "P3")).toBe(
      'IF(OR(W3=(-1000000000000000),AE3=""),"",COUNTIFS($D$3:$D$4,D3,$C$3:$C$4,C3,$W$3:$W$4,">"&W3)+1)'
    );
    expect(formulaAt(plan, "考核表", "AE3")).toBe(
      'IF(OR(D3="",NOT(ISNUMBER(MATCH(C3,SF_SectorQuotaSectors,0)))),"",IF(INDEX(SF_SectorQuotas,MATCH(C3,SF_SectorQuotaSectors,0),MATCH(D3,SF_SectorQuotaTiers,0))="","",INDEX(SF_SectorQuotas,MATCH(C3,SF_SectorQuotaSectors,0),MATCH(D3,SF_SectorQuotaTiers,0))))'
    );
    expect(formulaAt(plan, "考核表", "T3")).toBe(
      "IF(M3=\"待更正\",\"待更正\",IF(COUNT('评委1'!K3:N3)=4,1,0)+IF(COUNT('评委2'!K3:N3)=4,1,0)+IF(COUNT('评委3'!K3:N3)=4,1,0)&\"/\"&3-IF('评委1'!J3=\"\",0,1)-IF('评委2'!J3=\"\",0,1)-IF('评委3'!J3=\"\",0,1))"
    );
  });

  it("computes criterion scores, panel, total, grade, rank, recommendation and progress (hand-checked)", () => {
    const { plan } = twoNominees();
    expect(
      ["F3", "G3", "H3", "I3", "J3", "M3", "N3", "O3", "Q3", "T3"].map((a1) =>
        computedAt(plan, "考核表", a1)
      )
    ).toEqual([27, 17.67, 22.33, 22.33, 89.33, 89.46, "良好", 1, "是", "3/3"]);
    expect(computedAt(plan, "考核表", "W3")).toBe(8946 * 1e10 + 8933 * 1e5 + 9000);
  });

  it('shows "" for a nominee scored by too few judges', () => {
    const { plan } = twoNominees();
    expect(
      ["F4", "J4", "M4", "N4", "O4", "Q4"].map((a1) => computedAt(plan, "考核表", a1))
    ).toEqual(["", "", "", "", "", ""]);
    expect(computedAt(plan, "考核表", "W4")).toBe(NOT_RANKED_KEY);
    expect(computedAt(plan, "考核表", "T4")).toBe("2/3");
  });

  it("grades a vetoed nominee 不合格 with no rank and no recommendation", () => {
    const { plan } = twoNominees([{ ...scored, veto: true }, none]);
    expect(planCell(plan, "考核表", "L3")?.content).toEqual({ kind: "text", text: "是" });
    expect(["M3", "N3", "O3", "Q3"].map((a1) => computedAt(plan, "考核表", a1))).toEqual([
      89.46,
      "不合格",
      "",
      "否",
    ]);
  });

  it("defaults veto to 否 and leaves unscored cells blank and unlocked", () => {
    const { plan } = twoNominees([none, none]);
    expect(planCell(plan, "考核表", "L3")?.content).toEqual({ kind: "text", text: "否" });
    const score = planCell(plan, "评委2", "F3");
    expect(score?.content).toEqual({ kind: "blank" });
    expect(plan.styles[score?.style ?? "title"]?.locked).toBe(false);
    expect(plan.styles[planCell(plan, "评委2", "B3")?.style ?? "input"]?.locked).not.toBe(false);
  });

  it("keeps text from the nomination sheet as text, never a formula", () => {
    const { plan } = compileWithInputs(
      { nominees: [nominee({ name: '=HYPERLINK("http://x","y")' })], issues: [] },
      settings,
      []
    );
    expect(planCell(plan, "考核表", "B3")?.content).toEqual({
      kind: "text",
      text: '=HYPERLINK("http://x","y")',
    });
    expect(planCell(plan, "评委1", "B3")?.content).toEqual({
      kind: "text",
      text: '=HYPERLINK("http://x","y")',
    });
  });

  it("validates judges’ scores as decimals from 0 to the criterion’s named maximum, with a stop alert and a prompt", () => {
    const { plan } = twoNominees();
    const judge = plan.sheets.find((s) => s.name === "评委1");
    const first = judge?.validations[0];
    expect(first?.range).toEqual({ top: 3, left: 6, bottom: 4, right: 6 });
    expect(first?.rule).toEqual({
      type: "decimal",
      min: { kind: "number", value: 0 },
      max: { kind: "name", name: "SF_Max_C1" },
    });
    expect(first?.error.text).toContain("30");
    expect(first?.prompt?.text).toContain("0～30");
    expect(judge?.validations).toHaveLength(4);
  });

  it("flags pasted scores that bypass validation: out of range, off the step, text or TRUE/FALSE", () => {
    const { plan } = twoNominees();
    const rule = plan.sheets.find((s) => s.name === "评委1")?.conditionalFormats[0];
    // The same statement as the one that keeps such an entry out of every 考核表 formula.
    expect(rule && unparse(rule.when, "ooxml", "评委1")).toBe(badScore("F3", "SF_Max_C1"));
  });

  it("names every parameter cell of 评分标准 so formulas follow an official’s edits", () => {
    const { plan } = twoNominees();
    const names = new Map(plan.names.map((n) => [n.name, unparse(n.refersTo, "ooxml")]));
    expect(names.get("SF_PassLine")).toBe("'评分标准'!$B$10");
    expect(names.get("SF_WeightPanel")).toBe("'评分标准'!$B$8");
    expect(names.get("SF_Max_C1")).toBe("'评分标准'!$C$19");
    expect(names.get("SF_Quota_province")).toBe("'评分标准'!$B$30");
    expect(names.get("SF_Quotas")).toBe("'评分标准'!$B$30:$B$32");
    expect(names.get("SF_QuotaTiers")).toBe("'评分标准'!$A$30:$A$32");
    expect(planCell(plan, "评分标准", "A30")?.content).toEqual({ kind: "text", text: "省级" });
    // RULES §4.2: the 差额 ratio below the older parameters, the sector quotas (11 sectors × 3 tiers) below the tiers'.
    expect(names.get("SF_CandidateRatio")).toBe("'评分标准'!$B$16");
    expect(planCell(plan, "评分标准", "A16")?.content).toEqual({ kind: "text", text: "差额比例" });
    expect(names.get("SF_SectorQuotas")).toBe("'评分标准'!$B$35:$D$45");
    expect(names.get("SF_SectorQuotaSectors")).toBe("'评分标准'!$A$35:$A$45");
    expect(names.get("SF_SectorQuotaTiers")).toBe("'评分标准'!$B$34:$D$34");
    expect(planCell(plan, "评分标准", "A35")?.content).toEqual({ kind: "text", text: "乡镇党委" });
    expect(planCell(plan, "评分标准", "B10")?.content).toEqual({ kind: "number", value: 85 });
    expect(planCell(plan, "评分标准", "C19")?.content).toEqual({ kind: "number", value: 30 });
  });

  it("writes a fixed as-of date as a date cell, and “today” as TODAY()", () => {
    const fixed = twoNominees().plan;
    expect(planCell(fixed, "评分标准", "B12")?.content.kind).toBe("date");
    const today = compileWithInputs(
      { nominees: [nominee({ name: "甲" })], issues: [] },
      { ...settings, asOf: "today" },
      []
    ).plan;
    expect(formulaAt(today, "评分标准", "B12")).toBe("TODAY()");
  });

  it("protects every generated sheet, without a password unless one is given", () => {
    expect(
      twoNominees().plan.sheets.every(
        (s) => s.protection !== undefined && s.protection.password === undefined
      )
    ).toBe(true);
    const locked = compileWithInputs(
      { nominees: [nominee({ name: "甲" })], issues: [] },
      { ...settings, password: "pw" },
      []
    ).plan;
    expect(locked.sheets.every((s) => s.protection?.password === "pw")).toBe(true);
  });

  it("freezes the header, filters and prints 考核表 landscape at 70 % with title, header, id and name repeated", () => {
    const main = twoNominees().plan.sheets.find((s) => s.name === "考核表");
    expect(main?.freeze).toEqual({ rows: 2, columns: 2 });
    expect(main?.autoFilter).toEqual({ top: 2, left: 1, bottom: 4, right: 22 });
    expect(main?.print).toMatchObject({
      orientation: "landscape",
      paper: "A4",
      repeatRows: { first: 1, last: 2 },
      repeatColumns: { first: 1, last: 2 },
      scale: 70,
      footer: { center: ["第 ", { field: "page" }, " 页，共 ", { field: "pages" }, " 页"] },
    });
    expect(main?.print?.fitToWidth).toBeUndefined();
    // "C1 推动科学发展" wraps in its 12-wide column: the header row is two lines tall.
    expect(main?.rows).toContainEqual({ row: 2, height: 33, fitsText: true });
    expect(main?.columns.filter((c) => c.hidden).map((c) => c.col)).toEqual([
      23, 24, 25, 26, 27, 28, 29, 30, 31,
    ]);
  });

  it("prints 群众满意度 and 类别内排名 whole on one line (not 群众满意 / 度); longer figure labels still wrap", () => {
    const main = twoNominees().plan.sheets.find((s) => s.name === "考核表");
    if (!main) throw new Error("no 考核表");
    const widths = new Map(main.columns.map((c) => [c.col, c]));
    const lines = new Map(
      [...main.cells].flatMap((cell) => {
        const column = widths.get(cell.col);
        if (cell.row !== 2 || cell.content.kind !== "text" || !column?.width || column.hidden)
          return [];
        return [[cell.content.text, wrappedLines(cell.content.text, column.width)] as const];
      })
    );
    expect([lines.get("群众满意度"), lines.get("类别内排名")]).toEqual([1, 1]);
    expect(lines.get("动态管理状态")).toBe(2);
  });

  it("ranks within each tier, sharing a rank on an exact tie and skipping the next", () => {
    const same = scored;
    const lower: EnteredInputs = { ...scored, satisfaction: 80 };
    const { plan } = compileWithInputs(
      {
        nominees: [
          nominee({ name: "a" }),
          nominee({ name: "b" }),
          nominee({ name: "c" }),
          nominee({ name: "d", tier: "city" }),
        ],
        issues: [],
      },
      settings,
      [same, same, lower, lower]
    );
    expect(["O3", "O4", "O5", "O6"].map((a1) => computedAt(plan, "考核表", a1))).toEqual([
      1, 1, 3, 1,
    ]);
  });

  it("gives a nominee without a tier no rank and no recommendation", () => {
    const { plan } = compileWithInputs(
      { nominees: [nominee({ name: "a", tier: null })], issues: [] },
      settings,
      [scored]
    );
    expect(computedAt(plan, "考核表", "O3")).toBe("");
    expect(computedAt(plan, "考核表", "P3")).toBe("");
    expect(computedAt(plan, "考核表", "N3")).toBe("良好");
  });

  it("compiles a workbook with no nominees yet: headers and parameters, no ranges to validate", () => {
    const { plan, layout } = compileWithInputs({ nominees: [], issues: [] }, settings, []);
    expect(layout.lastRow).toBe(layout.firstRow - 1);
    const main = plan.sheets.find((s) => s.name === "考核表");
    expect(main?.validations).toEqual([]);
    expect(main?.cells.every((c) => c.row <= 2)).toBe(true);
    expect(plan.sheets.find((s) => s.name === "汇总")?.cells.every((c) => c.row <= 2)).toBe(true);
  });

  it("lists the source’s issues on 校验结果, each linked to its cell", () => {
    const found = {
      code: "invalid_date" as const,
      severity: "error" as const,
      sheet: "推荐汇总",
      row: 8,
      cell: "I8",
      field: "nominatedOn" as const,
      params: { value: "2011-02-30" },
    };
    const { plan } = compileWithInputs(
      { nominees: [nominee({ name: "a" })], issues: [found] },
      settings,
      []
    );
    const link = planCell(plan, "校验结果", "D3");
    expect(link?.link).toEqual({ sheet: "推荐汇总", cell: "I8" });
    expect(
      ["A", "B", "C", "E", "F", "G"].map((col) => planCell(plan, "校验结果", `${col}3`)?.content)
    ).toEqual(
      [
        "无法识别的日期",
        "错误",
        "推荐汇总",
        "无法识别的日期“2011-02-30”",
        '"2011-02-30" is not a valid date',
        "invalid_date",
      ].map((text) => ({ kind: "text", text }))
    );
    expect(planCell(plan, "校验结果", "A1")?.content).toEqual({
      kind: "text",
      text: "共 1 条问题：1 个错误，0 个提醒",
    });
  });
});

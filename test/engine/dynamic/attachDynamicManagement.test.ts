import { formulaOf } from "../../../src/engine";
import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import type { Nominee } from "../../../src/engine/core/Nominee";
import { unparse } from "../../../src/engine/formula/unparse";
import { BUILTIN_RUBRICS } from "../../../src/engine/rubric";
import { compileAssessment, compileRows } from "../../../src/engine/plan/compileAssessment";
import { MAIN_SHEET } from "../../../src/engine/plan/assessmentLayout";
import { roleOfDefaultName } from "../../../src/engine/plan/workbookIdentity";
import { attachDynamicManagement } from "../../../src/engine/plan/attachDynamicManagement";
import { DYNAMIC_SHEET_NAMES } from "../../../src/engine/dynamic/dynamicLayout";
import { evaluatePlan } from "../../../src/engine/compute";

const settings = { rubric: BUILTIN_RUBRICS.baiqianwan, asOf: "2014-06-30" as IsoDate };

function nominee(row: number, name: string, awardedOn: string | null): Nominee {
  return {
    sheet: "台账",
    row,
    name,
    displayName: name,
    sector: "village",
    tier: "city",
    region: "长沙市",
    members: null,
    secretary: null,
    phone: null,
    nominatedOn: null,
    awardedOn: awardedOn as IsoDate | null,
    lastReviewOn: null,
    lastReviewScore: null,
    lastReviewVeto: null,
    notes: null,
    cells: {},
    extra: {},
  };
}

describe("attachDynamicManagement", () => {
  it("leaves an assessment without award dates exactly as compiled", () => {
    const source = { nominees: [nominee(3, "甲村党支部", null)], issues: [] };
    const compiled = compileRows(compileAssessment(source, settings).nominees, [], settings);
    expect(attachDynamicManagement(compiled, source.nominees)).toBe(compiled);
  });

  it("adds the three sheets and fills 考核表’s status column for awarded rows only", () => {
    const source = {
      nominees: [
        nominee(3, "甲村党支部", "2012-06-28"),
        nominee(4, "乙村党支部", null),
        nominee(5, "丙村党支部", "2013-07-01"),
      ],
      issues: [],
    };
    const compiled = compileAssessment(source, settings);
    expect(compiled.plan.sheets.map((s) => s.name).slice(-3)).toEqual([
      "动态管理",
      "待办清单",
      "动态管理汇总",
    ]);
    const main = compiled.plan.sheets.find((s) => s.name === MAIN_SHEET);
    const status = (row: number) =>
      main?.cells.filter((c) => c.row === row && c.col === compiled.layout.main.status) ?? [];
    // What each status cell computes (evaluatePlan as of 2014-06-30): no award → no status.
    const values = evaluatePlan(compiled.plan, { today: settings.asOf });
    const shown = [3, 4, 5].map((row) =>
      status(row).map((c) =>
        isFormulaContent(c.content)
          ? [
              unparse(formulaOf(c.content), "ooxml"),
              values.value(MAIN_SHEET, row, compiled.layout.main.status),
            ]
          : c.content.kind
      )
    );
    expect(shown).toEqual([
      [["'动态管理'!N5", "逾期"]],
      [expect.any(String)],
      [["'动态管理'!N6", "正常"]],
    ]);
    // Its own conditional formats come first; the status colours follow them.
    const priorities = main?.conditionalFormats.map((f) => f.priority) ?? [];
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it("makes re-assessment skip the sheets it adds", () => {
    expect(DYNAMIC_SHEET_NAMES.every((name) => roleOfDefaultName(name) !== null)).toBe(true);
    expect(roleOfDefaultName("示范点管理台账")).toBe(null);
  });
});

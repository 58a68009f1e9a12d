import type { IsoDate } from "../../../src/engine/core/IsoDate";
import { isoDateToSerial } from "../../../src/engine/core/IsoDate";
import type { CellPlan, SheetPlan, WorkbookPlan } from "../../../src/engine/plan/SheetPlan";
import { evaluatePlan, type PlanValues } from "../../../src/engine/compute";
import { unparse } from "../../../src/engine/formula/unparse";
import {
  assessmentStatusCells,
  compileDynamicManagement,
  statusFormula,
} from "../../../src/engine/plan/compileDynamicManagement";
import type { DynamicSite } from "../../../src/engine/dynamic/dynamicSites";
import {
  ACTION_COLUMNS,
  ACTION_SHEET,
  DYNAMIC_COLUMNS,
  DYNAMIC_SHEET,
  DYNAMIC_SUMMARY_SHEET,
  FIRST_ACTION_ROW,
  FIRST_SITE_ROW,
} from "../../../src/engine/dynamic/dynamicLayout";
import {
  REGISTER_CASES,
  REGISTER_PARAMS,
  registerSites,
  registerWorkbookBytes,
} from "./registerFixture";

/** Each plan evaluated once by the interpreter (the engine's figures), as of the register's date. */
const evaluated = new WeakMap<object, PlanValues>();
const valuesOfSheet = new WeakMap<SheetPlan, PlanValues>();
const sheetOf = (plan: WorkbookPlan, name: string): SheetPlan => {
  const found = plan.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  let values = evaluated.get(plan);
  if (!values) {
    values = evaluatePlan(plan, { today: REGISTER_PARAMS.asOf });
    evaluated.set(plan, values);
  }
  valuesOfSheet.set(found, values);
  return found;
};
const cellOf = (sheet: SheetPlan, row: number, col: number): CellPlan | undefined =>
  sheet.cells.find((c) => c.row === row && c.col === col);
/** What a formula cell computes (evaluatePlan); any other cell's content. */
const valueOf = (sheet: SheetPlan, row: number, col: number): unknown => {
  const content = cellOf(sheet, row, col)?.content;
  return content?.kind === "formula"
    ? valuesOfSheet.get(sheet)?.value(sheet.name, row, col)
    : content;
};

function site(awardedOn: string, more: Partial<DynamicSite> = {}): DynamicSite {
  return {
    id: "X1",
    name: "某村党支部",
    tier: "city",
    sector: "village",
    awardedOn: awardedOn as IsoDate,
    lastReviewOn: null,
    lastReviewScore: null,
    lastReviewVeto: null,
    cycleTotal: null,
    cycleVeto: null,
    source: { sheet: "台账", row: 3 },
    ...more,
  };
}

describe("compileDynamicManagement: the 18-site register through intake", () => {
  let plan: ReturnType<typeof compileDynamicManagement>;
  beforeAll(async () => {
    for (const spelling of ["simplified", "traditional"] as const) {
      const { sites, inspected } = await registerSites(
        await registerWorkbookBytes(REGISTER_CASES, spelling)
      );
      expect(sites).toHaveLength(18);
      expect(inspected.issues.filter((i) => i.severity === "error")).toEqual([]);
      plan = compileDynamicManagement(sites, { params: REGISTER_PARAMS, parameterCells: "own" });
    }
  });

  it("writes the three sheets and, owning the parameters, their four names", () => {
    expect(plan.sheets.map((s) => s.name)).toEqual([
      DYNAMIC_SHEET,
      ACTION_SHEET,
      DYNAMIC_SUMMARY_SHEET,
    ]);
    expect(plan.names.map((n) => [n.name, unparse(n.refersTo, "ooxml")])).toEqual([
      ["SF_AsOf", "'动态管理'!$B$2"],
      ["SF_CycleMonths", "'动态管理'!$D$2"],
      ["SF_WindowDays", "'动态管理'!$F$2"],
      ["SF_PassLine", "'动态管理'!$H$2"],
    ]);
  });

  it.each(REGISTER_CASES.map((c, i) => [c.name, i, c.expected, c.nextDue] as const))(
    "%s → %s",
    (_name, i, expected, nextDue) => {
      const sheet = sheetOf(plan, DYNAMIC_SHEET);
      const row = FIRST_SITE_ROW + i;
      expect(valueOf(sheet, row, DYNAMIC_COLUMNS.status)).toBe(expected);
      expect(valueOf(sheet, row, DYNAMIC_COLUMNS.nextDue)).toBe(
        isoDateToSerial(nextDue as IsoDate)
      );
    }
  );

  it("lists the 11 sites to act on, in register order, with their reason", () => {
    const sheet = sheetOf(plan, ACTION_SHEET);
    const listed = REGISTER_CASES.map((_c, k) => [
      valueOf(sheet, FIRST_ACTION_ROW + k, ACTION_COLUMNS.name),
      valueOf(sheet, FIRST_ACTION_ROW + k, ACTION_COLUMNS.status),
      valueOf(sheet, FIRST_ACTION_ROW + k, ACTION_COLUMNS.reason),
    ]).filter(([name]) => name !== "");
    // 4 逾期 + 4 待考评 + 3 淘汰, as the fixture's reasoned statuses say.
    const expected = REGISTER_CASES.filter((c) => c.expected !== "正常" && c.expected !== "保留");
    expect(listed.map(([name, status]) => [name, status])).toEqual(
      expected.map((c) => [c.name, c.expected])
    );
    expect(listed.find(([name]) => name === "省农科院水稻研究所党支部")?.[2]).toBe(
      "最近考评一票否决"
    );
    expect(listed.find(([name]) => name === "株洲市国土资源局机关党委")?.[2]).toBe(
      "最近考评得分低于分数线"
    );
    expect(listed.find(([name]) => name === "湘潭县第一中学党委")?.[2]).toBe("已超过下次考评日期");
    // Room for every site: lines past the 11th are blank, not missing.
    expect(valueOf(sheet, FIRST_ACTION_ROW + 17, ACTION_COLUMNS.serial)).toBe("");
    expect(cellOf(sheet, FIRST_ACTION_ROW + 18, ACTION_COLUMNS.serial)).toBeUndefined();
  });

  it("counts statuses per tier, and in all, with COUNTIFS", () => {
    const sheet = sheetOf(plan, DYNAMIC_SUMMARY_SHEET);
    // Row 5 is 省级; columns 淘汰 保留 逾期 待考评 正常 合计.
    const province = [2, 3, 4, 5, 6, 7].map((col) => valueOf(sheet, 5, col));
    // 省级: 光明村 逾期, 望月湖 待考评, 第一中学 逾期, 湘雅 正常, 建工 淘汰, 财政局 正常.
    expect(province).toEqual([1, 0, 2, 1, 2, 6]);
    const totals = [2, 3, 4, 5, 6, 7].map((col) => valueOf(sheet, 8, col));
    expect(totals).toEqual([3, 0, 4, 4, 7, 18]);
  });
});

describe("compileDynamicManagement: formulas", () => {
  it("writes the status as one native formula with EDATE and no _xlfn prefix", () => {
    expect(unparse(statusFormula(5), "ooxml")).toBe(
      'IF(ISNUMBER(L5),IF(ISNUMBER(I5),IF(OR(J5="是",I5<SF_PassLine),"淘汰","保留"),' +
        'IF(AND(ISNUMBER(G5),OR(G5<SF_PassLine,H5="是")),"淘汰",IF(SF_AsOf>L5,"逾期",IF(SF_AsOf>=L5-SF_WindowDays,"待考评","正常")))),"")'
    );
    const plan = compileDynamicManagement([site("2012-02-29")], {
      params: REGISTER_PARAMS,
      parameterCells: "own",
    });
    const nextDue = cellOf(
      sheetOf(plan, DYNAMIC_SHEET),
      FIRST_SITE_ROW,
      DYNAMIC_COLUMNS.nextDue
    )?.content;
    expect(nextDue?.kind === "formula" && unparse(nextDue.formula, "ooxml")).toBe(
      'IF(ISNUMBER(K5),EDATE(K5,SF_CycleMonths),"")'
    );
  });

  it("reads this cycle from the assessment sheet when linked, and leaves the parameters to the host", () => {
    const linked = site("2012-07-01", { assessmentRow: 9, cycleTotal: 86.5, cycleVeto: false });
    const plan = compileDynamicManagement([linked], {
      params: REGISTER_PARAMS,
      parameterCells: "host",
      assessment: { sheet: "考核表", totalCol: 13, vetoCol: 12 },
    });
    const sheet = sheetOf(plan, DYNAMIC_SHEET);
    const total = cellOf(sheet, FIRST_SITE_ROW, DYNAMIC_COLUMNS.cycleTotal)?.content;
    expect(total?.kind === "formula" && unparse(total.formula, "ooxml")).toBe(
      "IF(ISNUMBER('考核表'!M9),'考核表'!M9,\"\")"
    );
    expect(plan.names).toEqual([]);
    const asOf = cellOf(sheet, 2, 2)?.content;
    expect(asOf?.kind === "formula" && unparse(asOf.formula, "ooxml")).toBe("SF_AsOf");
    const status = assessmentStatusCells([linked], 20);
    expect(status).toHaveLength(1);
    expect(status[0]?.row).toBe(9);
    const content = status[0]?.content;
    expect(content?.kind === "formula" && unparse(content.formula, "ooxml")).toBe("'动态管理'!N5");
  });

  it("gives no status cell to a site not on the assessment sheet", () => {
    const plan = compileDynamicManagement([site("2012-07-01")], {
      params: REGISTER_PARAMS,
      parameterCells: "own",
    });
    expect(plan.sheets).toHaveLength(3);
    expect(assessmentStatusCells([site("2012-07-01")], 20)).toEqual([]);
  });

  it("writes =TODAY() as the as-of date when asked, a fixed date otherwise", () => {
    const plan = compileDynamicManagement([site("2012-07-01")], {
      params: REGISTER_PARAMS,
      parameterCells: "own",
      asOfToday: true,
    });
    const asOf = cellOf(sheetOf(plan, DYNAMIC_SHEET), 2, 2)?.content;
    expect(asOf?.kind === "formula" && unparse(asOf.formula, "ooxml")).toBe("TODAY()");
    expect(evaluatePlan(plan, { today: "2020-01-02" as IsoDate }).value(DYNAMIC_SHEET, 2, 2)).toBe(
      isoDateToSerial("2020-01-02" as IsoDate)
    );
    const fixed = compileDynamicManagement([site("2012-07-01")], {
      params: REGISTER_PARAMS,
      parameterCells: "own",
    });
    expect(cellOf(sheetOf(fixed, DYNAMIC_SHEET), 2, 2)?.content).toEqual({
      kind: "date",
      serial: isoDateToSerial(REGISTER_PARAMS.asOf),
    });
  });

  it("keeps a name that looks like a formula as text", () => {
    const plan = compileDynamicManagement(
      [site("2012-07-01", { name: '=HYPERLINK("http://x")' })],
      { params: REGISTER_PARAMS, parameterCells: "own" }
    );
    expect(
      cellOf(sheetOf(plan, DYNAMIC_SHEET), FIRST_SITE_ROW, DYNAMIC_COLUMNS.name)?.content
    ).toEqual({ kind: "text", text: '=HYPERLINK("http://x")' });
  });

  it("keeps every range a valid rectangle for an empty register", () => {
    const plan = compileDynamicManagement([], { params: REGISTER_PARAMS, parameterCells: "own" });
    const action = sheetOf(plan, ACTION_SHEET);
    const serial = cellOf(action, FIRST_ACTION_ROW, ACTION_COLUMNS.serial)?.content;
    expect(serial?.kind === "formula" && unparse(serial.formula, "ooxml")).toBe(
      "IF(1<=N('动态管理'!$P$5),1,\"\")"
    );
    expect(evaluatePlan(plan).value(ACTION_SHEET, FIRST_ACTION_ROW, ACTION_COLUMNS.serial)).toBe(
      ""
    );
  });

  it("colours the status column once per status, 淘汰 first", () => {
    const plan = compileDynamicManagement([site("2012-07-01")], {
      params: REGISTER_PARAMS,
      parameterCells: "own",
    });
    const formats = sheetOf(plan, DYNAMIC_SHEET).conditionalFormats;
    expect(formats.map((f) => [unparse(f.when, "ooxml"), f.style.fill, f.priority])).toEqual([
      ['N5="淘汰"', "FFC7CE", 1],
      ['N5="保留"', "C6EFCE", 2],
      ['N5="逾期"', "FFD8A8", 3],
      ['N5="待考评"', "FFEB9C", 4],
      ['N5="正常"', "E2F0D9", 5],
    ]);
  });
});

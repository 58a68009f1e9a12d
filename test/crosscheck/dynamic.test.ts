import { isFormulaContent } from "../../src/engine/plan/shiftRows";
/**
 * Dynamic management in LibreOffice: registers go through intake, the 动态管理 sheets are written, every
 * workbook is recalculated in ONE soffice call, and each computed date, day count, status, action line and
 * count must equal the engine's (compute's evaluatePlan over the same plan). Cached values are poisoned first,
 * so every figure compared is LibreOffice's own; statuses and due dates reasoned by hand are checked too.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writePlanToXlsx } from "../../src/adapters/xlsx/XlsxPlanSink";
import { serialToIsoDate, type IsoDate } from "../../src/engine/core/IsoDate";
import { a1 } from "../../src/engine/core/CellRef";
import { TIER_CODES, TIER_NAMES } from "../../src/engine/core/domain";
import { compileDynamicManagement } from "../../src/engine/plan/compileDynamicManagement";
import { evaluatePlan, type PlanValues } from "../../src/engine/compute";
import type { DynamicSite } from "../../src/engine/dynamic/dynamicSites";
import {
  ACTION_COLUMNS,
  ACTION_SHEET,
  DYNAMIC_COLUMNS,
  DYNAMIC_SHEET,
  DYNAMIC_SUMMARY_SHEET,
  FIRST_ACTION_ROW,
  FIRST_SITE_ROW,
  STATUS_ORDER,
  type DynamicParams,
} from "../../src/engine/dynamic/dynamicLayout";
import type { DynamicStatus } from "../../src/engine/core/words";
import type { CycleResult } from "../../src/engine/dynamic/dynamicSites";
import type { WorkbookPlan } from "../../src/engine/plan/SheetPlan";
import ExcelJS from "exceljs";
import { recalculateWorkbooks } from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";
import { compileWithInputs } from "../../src/engine/plan/compileAssessment";
import { MAIN_SHEET } from "../../src/engine/plan/assessmentLayout";
import { BUILTIN_RUBRICS } from "../../src/engine/rubric";
import { BAIQIANWAN_MAXIMA, scoresForPanel } from "./scenarios";
import {
  REGISTER_CASES,
  REGISTER_PARAMS,
  registerSites,
  registerWorkbookBytes,
  type RegisterCase,
} from "../engine/dynamic/registerFixture";

interface Scenario {
  readonly file: string;
  readonly cases: readonly RegisterCase[];
  readonly params: DynamicParams;
  readonly asOfToday?: boolean;
  /** This cycle's results by site name, typed into 本轮总分 / 本轮一票否决. */
  readonly cycle?: Readonly<Record<string, CycleResult>>;
  /** Statuses reasoned by hand, by site name (the rest are checked against the engine only). */
  readonly reasoned?: Readonly<Record<string, DynamicStatus>>;
}

const todayIso = (): IsoDate => new Date().toISOString().slice(0, 10) as IsoDate;

/** Boundaries the 18-site register does not reach: this cycle's total at and below the line, vetoes, a short cycle. */
const BOUNDARY_CASES: readonly RegisterCase[] = [
  {
    name: "甲：本轮恰为85",
    sector: "村",
    tier: "省级",
    awarded: "2011-01-01",
    expected: "保留",
    nextDue: "2013-01-01",
  },
  {
    name: "乙：本轮84.99",
    sector: "村",
    tier: "省级",
    awarded: "2013-01-01",
    expected: "淘汰",
    nextDue: "2015-01-01",
  },
  {
    name: "丙：本轮高分但否决",
    sector: "社区",
    tier: "市级",
    awarded: "2013-01-01",
    expected: "淘汰",
    nextDue: "2015-01-01",
  },
  {
    name: "丁：本轮及格压过旧低分",
    sector: "社区",
    tier: "市级",
    awarded: "2012-07-01",
    review: "2013-01-01",
    score: 60,
    veto: "否",
    expected: "保留",
    nextDue: "2015-01-01",
  },
  {
    name: "戊：上次高分但否决",
    sector: "学校",
    tier: "县级",
    awarded: "2013-07-01",
    review: "2014-01-01",
    score: 99,
    veto: "是",
    expected: "淘汰",
    nextDue: "2016-01-01",
  },
  {
    name: "己：否决而无分数",
    sector: "学校",
    tier: "县级",
    awarded: "2013-07-01",
    review: "2014-01-01",
    veto: "是",
    expected: "正常",
    nextDue: "2016-01-01",
  },
  {
    name: "庚：考评早于授牌",
    sector: "机关",
    tier: "县级",
    awarded: "2012-10-01",
    review: "2012-07-01",
    score: 90,
    veto: "否",
    expected: "正常",
    nextDue: "2014-10-01",
  },
  {
    name: "辛：闰日授牌",
    sector: "机关",
    tier: "省级",
    awarded: "2012-02-29",
    expected: "逾期",
    nextDue: "2014-02-28",
  },
  {
    name: "壬：窗口首日",
    sector: "国企",
    tier: "省级",
    awarded: "2012-09-28",
    expected: "待考评",
    nextDue: "2014-09-28",
  },
  {
    name: "癸：窗口前一日",
    sector: "国企",
    tier: "市级",
    awarded: "2012-09-29",
    expected: "正常",
    nextDue: "2014-09-29",
  },
  {
    name: "子：今日到期",
    sector: "医院",
    tier: "市级",
    awarded: "2012-06-30",
    expected: "待考评",
    nextDue: "2014-06-30",
  },
  {
    name: "丑：昨日到期",
    sector: "医院",
    tier: "县级",
    awarded: "2012-06-29",
    expected: "逾期",
    nextDue: "2014-06-29",
  },
];

const SCENARIOS: readonly Scenario[] = [
  {
    file: "register-simplified.xlsx",
    cases: REGISTER_CASES,
    params: REGISTER_PARAMS,
    reasoned: Object.fromEntries(REGISTER_CASES.map((c) => [c.name, c.expected])),
  },
  {
    file: "boundaries.xlsx",
    cases: BOUNDARY_CASES,
    params: REGISTER_PARAMS,
    cycle: {
      "甲：本轮恰为85": { total: 85, veto: false },
      "乙：本轮84.99": { total: 84.99, veto: false },
      "丙：本轮高分但否决": { total: 99, veto: true },
      "丁：本轮及格压过旧低分": { total: 90, veto: null },
    },
    reasoned: Object.fromEntries(BOUNDARY_CASES.map((c) => [c.name, c.expected])),
  },
  // Changde reviews yearly (seed 004): a 12-month cycle, a 30-day window, another as-of date.
  {
    file: "yearly.xlsx",
    cases: REGISTER_CASES,
    params: { asOf: "2013-08-31" as IsoDate, cycleMonths: 12, windowDays: 30, passLine: 85 },
  },
  // The as-of cell is =TODAY(): the engine judges with today's date.
  {
    file: "today.xlsx",
    cases: BOUNDARY_CASES,
    params: { ...REGISTER_PARAMS, asOf: todayIso() },
    asOfToday: true,
  },
];

/** Every formula's cached value replaced: a value read back after recalculation is LibreOffice's, not ours. */
function poisoned(plan: WorkbookPlan): WorkbookPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => ({
      ...sheet,
      cells: sheet.cells.map((cell) =>
        isFormulaContent(cell.content)
          ? { ...cell, content: { ...cell.content, cached: "STALE" } }
          : cell
      ),
    })),
  };
}

interface Built {
  readonly scenario: Scenario;
  readonly sites: readonly DynamicSite[];
  /** The engine's values: the plan evaluated by the interpreter, before its cached values were poisoned. */
  readonly engine: PlanValues;
  computed?: ComputedWorkbook;
}

/** Sheet → A1 → value. */
type ComputedWorkbook = Map<string, Map<string, unknown>>;

/**
 * Reads every cell's value, a formula's through `cell.result`: ExcelJS's `cell.value` drops a falsy result
 * (0, '' and FALSE come back missing), which the shared readComputedValues inherits — reported to the lead.
 */
async function readResults(file: string): Promise<ComputedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets: ComputedWorkbook = new Map();
  workbook.eachSheet((worksheet) => {
    const values = new Map<string, unknown>();
    worksheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.formula ? cell.result : cell.value;
        values.set(
          cell.address,
          value instanceof Date ? value.getTime() / 86_400_000 + 25569 : value
        );
      })
    );
    sheets.set(worksheet.name, values);
  });
  return sheets;
}

const blankAsNull = (value: unknown): unknown =>
  value === "" || value === undefined ? null : value;

/**
 * An assessment workbook (评分标准 holds the parameters, 考核表 this cycle's totals) whose awarded rows were
 * scored: five judges giving the same scores make the panel exact, so the totals land on the boundaries.
 */
const ASSESSED_CASES: readonly (RegisterCase & {
  panel?: number;
  satisfaction?: number;
  cycleVeto?: boolean;
})[] = [
  {
    name: "甲：总分恰为85",
    sector: "村",
    tier: "省级",
    awarded: "2011-01-01",
    panel: 85,
    satisfaction: 85,
    expected: "保留",
    nextDue: "2013-01-01",
  },
  // 84.5 × 0.8 + 86.95 × 0.2 = 84.99
  {
    name: "乙：总分84.99",
    sector: "村",
    tier: "市级",
    awarded: "2013-01-01",
    panel: 84.5,
    satisfaction: 86.95,
    expected: "淘汰",
    nextDue: "2015-01-01",
  },
  {
    name: "丙：满分但否决",
    sector: "学校",
    tier: "县级",
    awarded: "2013-01-01",
    panel: 100,
    satisfaction: 100,
    cycleVeto: true,
    expected: "淘汰",
    nextDue: "2015-01-01",
  },
  {
    name: "丁：本轮及格压过旧低分",
    sector: "机关",
    tier: "县级",
    awarded: "2012-07-01",
    review: "2013-01-01",
    score: 60,
    veto: "否",
    panel: 90,
    satisfaction: 90,
    expected: "保留",
    nextDue: "2015-01-01",
  },
  {
    name: "戊：未评分今日到期",
    sector: "社区",
    tier: "市级",
    awarded: "2012-06-30",
    expected: "待考评",
    nextDue: "2014-06-30",
  },
];
const ASSESSED_FILE = "assessed.xlsx";

describeWithSoffice("dynamic management: LibreOffice agrees with the engine's evaluation", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "shifan-dynamic-"));
  const built: Built[] = [];
  let assessed:
    | {
        statusCells: {
          row: number;
          col: number;
          expected: DynamicStatus | null;
          engine: unknown;
        }[];
        computed?: ComputedWorkbook;
      }
    | undefined;

  beforeAll(async () => {
    for (const scenario of SCENARIOS) {
      const bytes = await registerWorkbookBytes(
        scenario.cases,
        scenario.file === "yearly.xlsx" ? "traditional" : "simplified"
      );
      const { sites } = await registerSites(
        bytes,
        (nominee) => scenario.cycle?.[nominee.name ?? ""] ?? null
      );
      const plan = compileDynamicManagement(sites, {
        params: scenario.params,
        parameterCells: "own",
        ...(scenario.asOfToday ? { asOfToday: true } : {}),
      });
      const file = path.join(work, scenario.file);
      const whole: WorkbookPlan = { sheets: plan.sheets, names: plan.names, styles: plan.styles };
      writeFileSync(file, await writePlanToXlsx(bytes, poisoned(whole)));
      const today = scenario.asOfToday ? todayIso() : scenario.params.asOf;
      built.push({ scenario, sites, engine: evaluatePlan(whole, { today }) });
    }
    // One more row without an award date: a candidate, which gets no status.
    const assessedBytes = await registerWorkbookBytes([
      ...ASSESSED_CASES,
      { name: "己：候选", sector: "村", tier: "县级", awarded: "", expected: "正常", nextDue: "" },
    ]);
    const { inspected } = await registerSites(assessedBytes);
    const rubric = BUILTIN_RUBRICS.baiqianwan;
    const entered = inspected.nominees.map((_n, i) => {
      const c = ASSESSED_CASES[i];
      const panel = c?.panel;
      const row =
        panel === undefined
          ? rubric.criteria.map(() => null)
          : scoresForPanel(panel, BAIQIANWAN_MAXIMA);
      return {
        scores: Array.from({ length: rubric.judges }, () => [...row]),
        satisfaction: c?.satisfaction ?? null,
        veto: c?.cycleVeto ?? null,
      };
    });
    const compiled = compileWithInputs(inspected, { rubric, asOf: REGISTER_PARAMS.asOf }, entered);
    const assessedFile = path.join(work, ASSESSED_FILE);
    writeFileSync(assessedFile, await writePlanToXlsx(assessedBytes, poisoned(compiled.plan)));
    const engineValues = evaluatePlan(compiled.plan, { today: REGISTER_PARAMS.asOf });
    const engineStatus = (row: number): unknown =>
      blankAsNull(engineValues.value(MAIN_SHEET, row, compiled.layout.main.status));
    assessed = {
      statusCells: inspected.nominees.map((_n, i) => {
        const row = compiled.layout.firstRow + i;
        return {
          row,
          col: compiled.layout.main.status,
          expected: ASSESSED_CASES[i]?.expected ?? null,
          engine: engineStatus(row),
        };
      }),
    };
    const outputs = await recalculateWorkbooks(
      [...built.map((b) => path.join(work, b.scenario.file)), assessedFile],
      path.join(work, "recalculated")
    );
    for (const [i, output] of outputs.entries()) {
      if (i < built.length) (built[i] as Built).computed = await readResults(output);
      else assessed.computed = await readResults(output);
    }
  }, 300_000);
  // SHIFAN_KEEP_WORK=1 keeps the written and recalculated workbooks for a look in a spreadsheet.
  afterAll(() =>
    process.env["SHIFAN_KEEP_WORK"]
      ? console.warn(`kept ${work}`)
      : rmSync(work, { recursive: true, force: true })
  );

  const value = (b: Built, sheet: string, row: number, col: number): unknown =>
    blankAsNull(b.computed?.get(sheet)?.get(a1(row, col)));
  const engineValue = (b: Built, sheet: string, row: number, col: number): unknown =>
    blankAsNull(b.engine.value(sheet, row, col));

  it.each(SCENARIOS.map((s, i) => [s.file, i] as const))(
    "%s: dates, days and status per site",
    (_file, i) => {
      const b = built[i] as Built;
      expect(b.sites).toHaveLength(b.scenario.cases.length);
      const siteRows = (read: typeof value) =>
        b.sites.map((site, k) => {
          const row = FIRST_SITE_ROW + k;
          const sheetDate = read(b, DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.nextDue);
          return {
            name: site.name,
            lastAssessed: serialToIsoDate(
              Number(read(b, DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.lastAssessed))
            ),
            nextDue: typeof sheetDate === "number" ? serialToIsoDate(sheetDate) : sheetDate,
            daysToDue: read(b, DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.daysToDue),
            status: read(b, DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.status),
            reason: read(b, DYNAMIC_SHEET, row, DYNAMIC_COLUMNS.reason),
          };
        });
      const rows = siteRows(value);
      const engine = siteRows(engineValue);
      expect(rows).toEqual(engine);
      if (b.scenario.reasoned) {
        expect(Object.fromEntries(rows.map((r) => [r.name, r.status]))).toEqual(
          b.scenario.reasoned
        );
        expect(rows.map((r) => r.nextDue)).toEqual(b.scenario.cases.map((c) => c.nextDue));
      }
    }
  );

  it.each(SCENARIOS.map((s, i) => [s.file, i] as const))(
    "%s: the action list pulls the k-th site to act on",
    (_file, i) => {
      const b = built[i] as Built;
      const lines = (read: typeof value) =>
        b.sites
          .map((_site, k) => FIRST_ACTION_ROW + k)
          .map((row) => [
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.serial),
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.id),
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.name),
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.status),
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.nextDue),
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.daysToDue),
            read(b, ACTION_SHEET, row, ACTION_COLUMNS.reason),
          ]);
      const listed = lines(value);
      const expected = lines(engineValue).filter((line) => line[0] !== null);
      // Every site whose status (as LibreOffice shows it on 动态管理) needs action is listed, in order.
      const acting = b.sites.flatMap((site, k) =>
        ["逾期", "待考评", "淘汰"].includes(
          String(value(b, DYNAMIC_SHEET, FIRST_SITE_ROW + k, DYNAMIC_COLUMNS.status))
        )
          ? [site.id]
          : []
      );
      expect(expected.map((line) => line[1])).toEqual(acting);
      expect(listed.filter((line) => line[0] !== null)).toEqual(expected);
      // Lines past the last action are blank all along, not #N/A.
      expect(
        listed.slice(expected.length).every((line) => line.every((cell) => cell === null))
      ).toBe(true);
    }
  );

  it.each(SCENARIOS.map((s, i) => [s.file, i] as const))(
    "%s: counts by tier and status",
    (_file, i) => {
      const b = built[i] as Built;
      // Counted from the statuses LibreOffice shows on 动态管理 (counting is not a rule; the status is).
      const statuses = b.sites.map((_site, k) =>
        value(b, DYNAMIC_SHEET, FIRST_SITE_ROW + k, DYNAMIC_COLUMNS.status)
      );
      TIER_CODES.forEach((tier, t) => {
        const row = 5 + t;
        expect(value(b, DYNAMIC_SUMMARY_SHEET, row, 1)).toBe(TIER_NAMES[tier]);
        const counts = STATUS_ORDER.map((_status, s) =>
          value(b, DYNAMIC_SUMMARY_SHEET, row, s + 2)
        );
        expect(counts).toEqual(
          STATUS_ORDER.map(
            (status) =>
              b.sites.filter((site, k) => site.tier === tier && statuses[k] === status).length
          )
        );
        expect(counts).toEqual(
          STATUS_ORDER.map((_status, s) => engineValue(b, DYNAMIC_SUMMARY_SHEET, row, s + 2))
        );
      });
      expect(value(b, DYNAMIC_SUMMARY_SHEET, 8, STATUS_ORDER.length + 2)).toBe(b.sites.length);
    }
  );

  it("assessment workbook: 考核表 shows each awarded row its status from this cycle’s total, the candidate none", () => {
    const shown = assessed?.statusCells.map(({ row, col }) =>
      blankAsNull(assessed?.computed?.get(MAIN_SHEET)?.get(a1(row, col)))
    );
    expect(shown).toEqual(assessed?.statusCells.map((c) => c.expected));
    // The engine (evaluatePlan over the same plan) says the same.
    expect(assessed?.statusCells.map((c) => c.engine)).toEqual(
      assessed?.statusCells.map((c) => c.expected)
    );
  });
});

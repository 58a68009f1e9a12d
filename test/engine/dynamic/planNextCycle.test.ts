import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import type { RawCell, SheetGrid, WorkbookGrid } from "../../../src/engine/core/Grid";
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import type { SheetPlan } from "../../../src/engine/plan/SheetPlan";
import { compileDynamicManagement } from "../../../src/engine/plan/compileDynamicManagement";
import { nextCycleSheets } from "../../../src/engine/plan/compileNextCycleSheets";
import type { DynamicSite } from "../../../src/engine/dynamic/dynamicSites";
import {
  DYNAMIC_SHEET,
  ELIMINATED_SHEET,
  HISTORY_SHEET,
} from "../../../src/engine/dynamic/dynamicLayout";
import { readDynamicSheet } from "../../../src/engine/dynamic/readDynamicSheet";
import { judgeSites } from "../../../src/engine/report/judgeSites";
import { evaluatePlan, type PlanValues } from "../../../src/engine/compute";
import {
  historyText,
  nextRegisterRows,
  planNextCycle,
  readPreviousCycles,
} from "../../../src/engine/dynamic/planNextCycle";
import { REGISTER_PARAMS } from "./registerFixture";

/** A sheet as a spreadsheet would hand it back: every formula showing its value (here, evaluatePlan's). */
function gridOfPlan(sheet: SheetPlan, values: PlanValues): SheetGrid {
  const rows: (RawCell | null)[][] = [];
  for (const cell of sheet.cells) {
    const content = cell.content;
    const computed = isFormulaContent(content)
      ? values.value(sheet.name, cell.row, cell.col)
      : undefined;
    let raw: RawCell | null = null;
    if (content.kind === "text") raw = { type: "text", text: content.text };
    else if (content.kind === "number") raw = { type: "number", value: content.value };
    else if (content.kind === "date") raw = { type: "date", serial: content.serial };
    else if (typeof computed === "number") raw = { type: "number", value: computed };
    else if (typeof computed === "string") raw = { type: "text", text: computed };
    const row = (rows[cell.row - 1] ??= []);
    row[cell.col - 1] = raw;
  }
  return { name: sheet.name, hidden: false, rows, merges: [], hiddenRows: [], hiddenColumns: [] };
}

function site(id: string, awardedOn: string, more: Partial<DynamicSite> = {}): DynamicSite {
  return {
    id,
    name: `${id}党支部`,
    tier: "county",
    sector: "village",
    awardedOn: awardedOn as IsoDate,
    lastReviewOn: null,
    lastReviewScore: null,
    lastReviewVeto: null,
    cycleTotal: null,
    cycleVeto: null,
    source: { sheet: "台账", row: 3 + Number(id.slice(1)) },
    ...more,
  };
}

const SITES: readonly DynamicSite[] = [
  site("S1", "2012-06-28"),
  site("S2", "2012-07-01", {
    lastReviewOn: "2013-06-30" as IsoDate,
    lastReviewScore: 84.99,
    lastReviewVeto: false,
  }),
  site("S3", "2011-01-01", {
    lastReviewOn: "2012-05-01" as IsoDate,
    lastReviewScore: 70,
    cycleTotal: 88,
    cycleVeto: false,
  }),
  site("S4", "2013-01-01", { cycleTotal: 99, cycleVeto: true }),
];

function closedGrid(sites: readonly DynamicSite[] = SITES): WorkbookGrid {
  const plan = compileDynamicManagement(sites, { params: REGISTER_PARAMS, parameterCells: "own" });
  const values = evaluatePlan(plan, { today: REGISTER_PARAMS.asOf });
  return { sheets: plan.sheets.map((sheet) => gridOfPlan(sheet, values)) };
}

describe("readDynamicSheet", () => {
  it("reads back every input and the parameters row 2 shows", () => {
    const read = readDynamicSheet(closedGrid());
    expect(read?.params).toEqual(REGISTER_PARAMS);
    expect(
      read?.records.map(({ row, statusCell, shownStatus, ...inputs }) => [
        row,
        statusCell,
        shownStatus,
        inputs,
      ])
    ).toEqual(
      SITES.map((s, i) => [5 + i, `'动态管理'!N${5 + i}`, ["逾期", "淘汰", "保留", "淘汰"][i], s])
    );
  });

  it("is null without a 动态管理 sheet, and skips a row whose award date was cleared", () => {
    expect(readDynamicSheet({ sheets: [] })).toBeNull();
    const grid = closedGrid();
    const sheet = grid.sheets.find((s) => s.name === DYNAMIC_SHEET) as SheetGrid;
    const rows = sheet.rows.map((row) => (row ? [...row] : row));
    (rows[5] as (RawCell | null)[])[4] = null; // S2's 授牌日期 (row 6, column E)
    const read = readDynamicSheet({ sheets: [{ ...sheet, rows }] });
    expect(read?.records.map((r) => r.id)).toEqual(["S1", "S3", "S4"]);
  });

  it("judges each site by the status formula with the params given, not the cached status", () => {
    const read = readDynamicSheet(closedGrid());
    if (!read) throw new Error("no sheet");
    const later = judgeSites(read.records, { ...REGISTER_PARAMS, asOf: "2012-07-01" as IsoDate });
    expect(later[0]).toEqual({ status: "正常", reason: "" });
    expect(judgeSites(read.records, REGISTER_PARAMS)[0]).toEqual({
      status: "逾期",
      reason: "已超过下次考评日期",
    });
  });
});

describe("planNextCycle", () => {
  const read = readDynamicSheet(closedGrid());
  if (!read) throw new Error("no sheet");
  const judged = judgeSites(read.records, REGISTER_PARAMS);
  const next = planNextCycle(read.records, judged, REGISTER_PARAMS);

  it("carries the sites not eliminated; this cycle’s total becomes the last review on the as-of date", () => {
    expect(
      next.carried.map((s) => [
        s.id,
        s.closingStatus,
        s.lastReviewOn,
        s.lastReviewScore,
        s.lastReviewVeto,
      ])
    ).toEqual([
      ["S1", "逾期", null, null, null],
      ["S3", "保留", "2014-06-30", 88, false],
    ]);
  });

  it("lists eliminated sites with the score and reason that decided it", () => {
    expect(next.eliminated.map((e) => [e.id, e.eliminatedOn, e.score, e.veto, e.reason])).toEqual([
      ["S2", "2014-06-30", 84.99, false, "最近考评得分低于分数线"],
      ["S4", "2014-06-30", 99, true, "本轮考核一票否决"],
    ]);
  });

  it("keeps every review, by id then date, once", () => {
    expect(next.history.map((h) => [h.id, h.reviewedOn, h.score, h.veto])).toEqual([
      ["S2", "2013-06-30", 84.99, false],
      ["S3", "2012-05-01", 70, false],
      ["S3", "2014-06-30", 88, false],
      ["S4", "2014-06-30", 99, true],
    ]);
    const again = planNextCycle(read.records, judged, REGISTER_PARAMS, {
      history: next.history,
      eliminated: [],
    });
    expect(again.history).toHaveLength(next.history.length);
  });

  it("writes the register rows with the history in one cell", () => {
    expect(nextRegisterRows(next)[1]).toEqual([
      "S3",
      "S3党支部",
      "村党组织",
      "县级",
      "2011-01-01",
      "2014-06-30",
      88,
      "否",
      "2012-05-01 70；2014-06-30 88",
    ]);
    expect(historyText([])).toBeNull();
  });

  it("reads its own 考评历史 and 已淘汰 back, so a later cycle keeps them", () => {
    const plan = { sheets: nextCycleSheets(next), names: [], styles: {} };
    const values = evaluatePlan(plan);
    const grid: WorkbookGrid = { sheets: plan.sheets.map((sheet) => gridOfPlan(sheet, values)) };
    expect(grid.sheets.map((s) => s.name)).toEqual([HISTORY_SHEET, ELIMINATED_SHEET]);
    const previous = readPreviousCycles(grid);
    expect(previous.history).toEqual(next.history);
    expect(previous.eliminated).toEqual(next.eliminated);
    expect(readPreviousCycles({ sheets: [] })).toEqual({ history: [], eliminated: [] });
  });
});

import { isFormulaContent } from "../../../src/engine";
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
import {
  readDynamicSheet,
  statusBySourceRow,
  sourceKey,
} from "../../../src/engine/dynamic/readDynamicSheet";
import {
  historyText,
  nextRegisterRows,
  planNextCycle,
  readPreviousCycles,
} from "../../../src/engine/dynamic/planNextCycle";
import { REGISTER_PARAMS } from "./registerFixture";

/** A sheet as a spreadsheet would hand it back: every formula showing its cached value. */
function gridOfPlan(sheet: SheetPlan): SheetGrid {
  const rows: (RawCell | null)[][] = [];
  for (const cell of sheet.cells) {
    const content = cell.content;
    let raw: RawCell | null = null;
    if (content.kind === "text") raw = { type: "text", text: content.text };
    else if (content.kind === "number") raw = { type: "number", value: content.value };
    else if (content.kind === "date") raw = { type: "date", serial: content.serial };
    else if (isFormulaContent(content) && typeof content.cached === "number")
      raw = { type: "number", value: content.cached };
    else if (isFormulaContent(content) && typeof content.cached === "string")
      raw = { type: "text", text: content.cached };
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
  return { sheets: plan.sheets.map(gridOfPlan) };
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

  it("judges each source row with the params given, not the cached status", () => {
    const read = readDynamicSheet(closedGrid());
    if (!read) throw new Error("no sheet");
    const later = statusBySourceRow(read, { ...REGISTER_PARAMS, asOf: "2012-07-01" as IsoDate });
    expect(later.get(sourceKey("台账", 4))).toEqual({ cell: "'动态管理'!N5", value: "正常" });
    expect(statusBySourceRow(read, REGISTER_PARAMS).get(sourceKey("台账", 4))?.value).toBe("逾期");
  });
});

describe("planNextCycle", () => {
  const read = readDynamicSheet(closedGrid());
  if (!read) throw new Error("no sheet");
  const next = planNextCycle(read.records, REGISTER_PARAMS);

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
    const again = planNextCycle(read.records, REGISTER_PARAMS, {
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
    const grid: WorkbookGrid = { sheets: nextCycleSheets(next).map(gridOfPlan) };
    expect(grid.sheets.map((s) => s.name)).toEqual([HISTORY_SHEET, ELIMINATED_SHEET]);
    const previous = readPreviousCycles(grid);
    expect(previous.history).toEqual(next.history);
    expect(previous.eliminated).toEqual(next.eliminated);
    expect(readPreviousCycles({ sheets: [] })).toEqual({ history: [], eliminated: [] });
  });
});

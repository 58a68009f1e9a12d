/**
 * A rater group's copy (三评议, decision 0025) through the use cases: `issueCopies` writes one per group beside the
 * judges' — the group's sheet, 评分标准, the identity and a stamp with a baseline per rater column — and
 * `mergeReturns` takes it back by nominee id and 评议人 header, with the judges' three-way rule, their checks of a
 * value and their refusals; a group's lines carry `judge: null` and `group`.
 */
import {
  BUILTIN_RUBRICS,
  cachedValueOf,
  issueCopies,
  planAssessment,
  type RawCell,
  type SheetGrid,
  type WorkbookGrid,
} from "../../../src/engine";
import { assessmentLayout, rubricSheetLayout } from "../../../src/engine/plan/assessmentLayout";
import { progressCell } from "../../../src/engine/plan/compileCopy";
import { isFormulaContent } from "../../../src/engine/plan/shiftRows";
import { CELL_STYLES, type StyleId } from "../../../src/engine/plan/cellStyles";
import { readIdentity } from "../../../src/engine/report/readIdentity";
import { readMergeLog, mergedCopies } from "../../../src/engine/report/readMergeLog";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planToGrid } from "../plan/assessmentFixtures";
import { n, t, typed } from "../../support/grids";
import {
  ISSUED_AT as ISSUED,
  issue,
  merge,
  MERGED_AT as MERGED,
  PEERS,
  raterColumn as col,
  reported,
  sanpingyiGrid,
  TODAY as today,
} from "./raterFixtures";

const LATER = "2026-01-02T10:00:00.000Z";
const RATERS = 10;
const BANDS = BUILTIN_RUBRICS.sanpingyi.gradeBands.length;

/** The master: raters 1 and 2 scored the first nominee before the copies went out (F3 88, G3 92). */
const master = typed(
  typed(sanpingyiGrid("sanpingyi-id"), PEERS, 3, col(1), n(88)),
  PEERS,
  3,
  col(2),
  n(92)
);
const ids = reported(master).report.nominees.map((nominee) => nominee.id);

function groupCopy(grid = master, issuedAt = ISSUED, copyId = `peers-${issuedAt}`): WorkbookGrid {
  const [copy] = issue(grid, { groups: ["peers"], issuedAt, newCopyId: () => copyId });
  if (!copy) throw new Error("no copy");
  return planToGrid(copy.plan());
}

/** Each nominee's rater scores as `report` reads them from a workbook. */
function raterScores(grid: WorkbookGrid): Map<string, (number | string | boolean | null)[]> {
  return new Map(
    reported(grid).report.nominees.map((nominee) => [
      nominee.id,
      nominee.inputs.raters.filter((s) => s.group === "peers").map((s) => s.value),
    ])
  );
}

/** Rater r's score for nominee i (0-based): valid, on the 0.5 step, 0…100. */
const scoreOf = (i: number, rater: number) => ((i * 7 + rater * 13) % 201) / 2;

/** The group copy with every rater's score typed on every row. */
function filled(copy: WorkbookGrid): WorkbookGrid {
  let grid = copy;
  ids.forEach((_id, i) => {
    for (let r = 1; r <= RATERS; r++) grid = typed(grid, PEERS, 3 + i, col(r), n(scoreOf(i, r)));
  });
  return grid;
}

/** The entry sheet of a copy with its rows (from row 3) reversed and two rater columns swapped with their headers. */
function shuffled(copy: WorkbookGrid, a: number, b: number): WorkbookGrid {
  return {
    ...copy,
    sheets: copy.sheets.map((sheet): SheetGrid => {
      if (sheet.name !== PEERS) return sheet;
      const swap = (row: readonly (RawCell | null | undefined)[] | undefined) => {
        const line = [...(row ?? [])];
        [line[col(a) - 1], line[col(b) - 1]] = [line[col(b) - 1], line[col(a) - 1]];
        return line;
      };
      const head = sheet.rows.slice(0, 2).map((row, i) => (i === 1 ? swap(row) : row));
      const body = sheet.rows
        .slice(2, 2 + ids.length)
        .reverse()
        .map(swap);
      return { ...sheet, rows: [...head, ...body, ...sheet.rows.slice(2 + ids.length)] };
    }),
  };
}

describe("issueCopies for a rater group", () => {
  it("issues every judge's copy and the group's when nothing is asked for", () => {
    const copies = issue(master);
    expect(copies.map((copy) => [copy.kind, copy.label])).toEqual([
      ["judge", "评委1"],
      ["judge", "评委2"],
      ["judge", "评委3"],
      ["raters", "评议_peers"],
    ]);
    expect(copies[3]).toMatchObject({ group: "peers", groupLabel: "党员互评", raters: RATERS });
  });

  it("issues only what is asked for: a group by its code or its label, judges alone without the group", () => {
    expect(issue(master, { groups: ["党员互评"] }).map((c) => c.label)).toEqual(["评议_peers"]);
    expect(issue(master, { groups: ["PEERS"] }).map((c) => c.label)).toEqual(["评议_peers"]);
    expect(issue(master, { judges: [2] }).map((c) => c.label)).toEqual(["评委2"]);
    expect(issue(master, { judges: [1], groups: ["peers"] }).map((c) => c.label)).toEqual([
      "评委1",
      "评议_peers",
    ]);
    const unknown = issueCopies(master, { groups: ["leaders"], issuedAt: ISSUED, today });
    expect(unknown.ok ? null : unknown.failure).toEqual({
      code: "no_such_group",
      params: { group: "leaders", groups: "peers（党员互评）" },
    });
  });

  it("holds the group's sheet and 评分标准 only, score cells unlocked, validation and protection in place", () => {
    const [copy] = issue(master, { groups: ["peers"] });
    if (!copy) throw new Error("no copy");
    const plan = copy.plan();
    expect(plan.sheets.map((s) => [s.name, s.visibility ?? "visible"])).toEqual([
      [PEERS, "visible"],
      ["评分标准", "visible"],
      ["shifan", "veryHidden"],
    ]);
    const sheet = plan.sheets[0];
    if (!sheet) throw new Error("no entry sheet");
    const locked = (row: number, c: number) => {
      const style = sheet.cells.find((cell) => cell.row === row && cell.col === c)?.style;
      const styles: Partial<Record<StyleId, { locked?: boolean }>> = {
        ...CELL_STYLES,
        ...plan.styles,
      };
      return style === undefined ? true : styles[style]?.locked !== false;
    };
    expect([1, 2, 3, 4, 5].map((c) => locked(3, c))).toEqual([true, true, true, true, true]);
    expect(Array.from({ length: RATERS }, (_u, r) => locked(3, col(r + 1)))).toEqual(
      Array(RATERS).fill(false)
    );
    expect(sheet.protection).toBeDefined();
    expect(sheet.validations).toContainEqual(
      expect.objectContaining({
        range: { top: 3, left: col(1), bottom: 2 + ids.length, right: col(RATERS) },
      })
    );
    // The master's scores as they stand.
    const at = (row: number, c: number) =>
      sheet.cells.find((cell) => cell.row === row && cell.col === c)?.content;
    expect([at(3, col(1)), at(3, col(2))]).toEqual([
      { kind: "number", value: 88 },
      { kind: "number", value: 92 },
    ]);
  });

  it("stamps the group, its entry sheet and a baseline per rater column, and caches every formula's value", () => {
    const [copy] = issue(master, { groups: ["peers"], newCopyId: () => "peers-1" });
    if (!copy) throw new Error("no copy");
    const identity = readIdentity(planToGrid(copy.plan()));
    if (identity.kind !== "identity") throw new Error("no identity");
    expect(identity.assessmentId).toBe("sanpingyi-id");
    expect(
      ["copy.id", "copy.group", "copy.entry", "copy.version", "copy.judge"].map((key) =>
        identity.entries.get(key)
      )
    ).toEqual(["peers-1", "peers", "raters_peers", "1", undefined]);
    const baseline = (id: string) =>
      (identity.entryRows.get(`baseline:${id}`) ?? []).map((v) => v ?? "");
    expect(baseline(ids[0] as string).slice(0, RATERS)).toEqual([
      "88",
      "92",
      ...Array(RATERS - 2).fill(""),
    ]);
    expect(baseline(ids[1] as string).filter((v) => v !== "")).toEqual([]);

    const plan = copy.plan();
    const sheet = plan.sheets[0];
    if (!sheet) throw new Error("no entry sheet");
    const formulas = plan.sheets.flatMap((s) =>
      s.cells.flatMap((cell) =>
        isFormulaContent(cell.content) ? [[s, cell, cell.content] as const] : []
      )
    );
    expect(formulas.length).toBeGreaterThan(ids.length * RATERS);
    const uncached = formulas.filter(
      ([s, cell, content]) => cachedValueOf(s, cell, content) === undefined
    );
    expect(uncached).toEqual([]);
    // The 计入 column of rater 1 holds the score as counted; the progress counts rows with every rater scored.
    const layout = assessmentLayout(["C1", "C2", "C3", "C4"], 3, ids.length, BANDS, [
      { id: "peers", raters: RATERS },
    ]);
    const counted = sheet.cells.find((c) => c.row === 3 && c.col === col(RATERS) + 1);
    if (!counted || !isFormulaContent(counted.content)) throw new Error("no 计入 formula");
    expect(cachedValueOf(sheet, counted, counted.content)).toBe(88);
    const at = progressCell(layout, "peers");
    const progress = sheet.cells.find((c) => c.row === at.row && c.col === at.col);
    if (!progress || !isFormulaContent(progress.content)) throw new Error("no progress");
    expect(cachedValueOf(sheet, progress, progress.content)).toBe(`已评完 0 / ${ids.length}`);
  });

  it("counts a copy of the group merged before: the next one issued is version 2", () => {
    const merged = merge(master, [
      { file: "p.xlsx", grid: typed(groupCopy(), PEERS, 4, 6, n(60)) },
    ]);
    const [next] = issue(planToGrid(merged.plan, sampleNominationGrid().sheets), {
      groups: ["peers"],
    });
    expect(next?.version).toBe(2);
  });
});

describe("mergeReturns of a rater group's copy", () => {
  it("takes every rater's value into the master's group sheet, matched by nominee id and 评议人 header", () => {
    const returned = shuffled(filled(groupCopy()), 2, 7);
    const merged = merge(master, [{ file: "peers.xlsx", grid: returned }]);
    // Raters 1 and 2 of the first nominee were 88 and 92 in the baseline too: changed, so taken like the rest.
    expect(merged.report.merged).toEqual([
      { file: "peers.xlsx", judge: null, group: "peers", taken: ids.length * RATERS },
    ]);
    expect(Object.keys(merged.report.merged[0] ?? {})).toEqual(["file", "judge", "group", "taken"]);
    expect(merged.report.conflicts).toEqual([]);
    expect(merged.report.invalid).toEqual([]);
    const scores = raterScores(planToGrid(merged.plan, sampleNominationGrid().sheets));
    ids.forEach((id, i) =>
      expect([id, scores.get(id)]).toEqual([
        id,
        Array.from({ length: RATERS }, (_u, r) => scoreOf(i, r + 1)),
      ])
    );
    // Where the master holds them: the master's own rows and columns, never the copy's.
    expect(merged.writes).toContainEqual({ sheet: PEERS, cell: "G3", value: scoreOf(0, 2) });
    expect(merged.writes).toContainEqual({ sheet: PEERS, cell: "L3", value: scoreOf(0, 7) });
  });

  it("would put the values in the wrong columns were rater columns matched by position (the twin)", () => {
    // The same return, its swapped headers put back: rater 2's values sit under 评议人7 and are taken as rater 7's.
    const swappedValues = shuffled(filled(groupCopy()), 2, 7);
    const headersBack: WorkbookGrid = {
      ...swappedValues,
      sheets: swappedValues.sheets.map((sheet) =>
        sheet.name !== PEERS
          ? sheet
          : {
              ...sheet,
              rows: sheet.rows.map((row, i) => {
                if (i !== 1) return row;
                const line = [...(row ?? [])];
                [line[col(2) - 1], line[col(7) - 1]] = [line[col(7) - 1], line[col(2) - 1]];
                return line;
              }),
            }
      ),
    };
    const merged = merge(master, [{ file: "peers.xlsx", grid: headersBack }]);
    expect(merged.writes).toContainEqual({ sheet: PEERS, cell: "G3", value: scoreOf(0, 7) });
  });

  it("lists a cell changed in the master and in the copy as a conflict and keeps the master's; preferCopy takes it", () => {
    const copy = typed(typed(groupCopy(), PEERS, 4, col(3), n(75)), PEERS, 5, col(1), n(66));
    const changed = typed(master, PEERS, 4, col(3), n(70)); // the official typed it after issuing
    const merged = merge(changed, [{ file: "peers.xlsx", grid: copy }]);
    expect(merged.report.conflicts).toEqual([
      {
        file: "peers.xlsx",
        judge: null,
        group: "peers",
        nominee: ids[1],
        criterion: null,
        rater: 3,
        cell: `'${PEERS}'!H4`,
        master: 70,
        copy: 75,
      },
    ]);
    expect(Object.keys(merged.report.conflicts[0] ?? {})).toEqual([
      "file",
      "judge",
      "group",
      "nominee",
      "criterion",
      "rater",
      "cell",
      "master",
      "copy",
    ]);
    expect(merged.writes).toEqual([{ sheet: PEERS, cell: "F5", value: 66 }]);
    expect(raterScores(planToGrid(merged.plan, [])).get(ids[1] as string)?.[2]).toBe(70);
    const preferred = merge(changed, [{ file: "peers.xlsx", grid: copy }], { preferCopy: true });
    expect(preferred.report.conflicts).toEqual([]);
    expect(preferred.writes).toContainEqual({ sheet: PEERS, cell: "H4", value: 75 });
  });

  it("checks values as the sheet does: over 100, off the step, text and TRUE are listed and not taken", () => {
    let copy = groupCopy();
    copy = typed(copy, PEERS, 4, col(1), n(101));
    copy = typed(copy, PEERS, 4, col(2), n(50.3));
    copy = typed(copy, PEERS, 4, col(3), t("优"));
    copy = typed(copy, PEERS, 4, col(4), { type: "boolean", value: true });
    copy = typed(copy, PEERS, 4, col(5), n(100));
    copy = typed(copy, PEERS, 4, col(6), n(0));
    const merged = merge(master, [{ file: "peers.xlsx", grid: copy }]);
    expect(
      merged.report.invalid.map((v) => [v.judge, v.cell, v.criterion, v.value, v.reason])
    ).toEqual([
      [null, `'${PEERS}'!F4`, null, 101, "out_of_range"],
      [null, `'${PEERS}'!G4`, null, 50.3, "off_step"],
      [null, `'${PEERS}'!H4`, null, "优", "not_a_number"],
      [null, `'${PEERS}'!I4`, null, true, "not_a_number"],
    ]);
    expect(merged.messages.invalid[0]?.zh).toBe("101 超出 0～100");
    expect(merged.writes).toEqual([
      { sheet: PEERS, cell: "J4", value: 100 },
      { sheet: PEERS, cell: "K4", value: 0 },
    ]);
  });

  it("changes nothing when the same copy is merged again", () => {
    const copy = filled(groupCopy());
    const once = planToGrid(merge(master, [{ file: "p.xlsx", grid: copy }]).plan, []);
    const twice = merge(once, [{ file: "p.xlsx", grid: copy }]);
    expect(twice.report.merged).toEqual([
      { file: "p.xlsx", judge: null, group: "peers", taken: 0 },
    ]);
    expect(twice.writes).toEqual([]);
    expect(raterScores(planToGrid(twice.plan, []))).toEqual(raterScores(once));
  });

  it("is not touched by 回避: raters are not judges (RULES §4.4)", () => {
    const recused = typed(typed(master, "回避", 2, 1, n(1)), "回避", 2, 2, t(ids[0] as string));
    const copy = typed(groupCopy(recused), PEERS, 3, col(3), n(77));
    const merged = merge(recused, [{ file: "p.xlsx", grid: copy }]);
    expect(merged.report.invalid).toEqual([]);
    expect(merged.writes).toEqual([{ sheet: PEERS, cell: "H3", value: 77 }]);
  });

  it("writes into the master's group sheet under its name now, when the official renamed it", () => {
    const renamed = renameSheet(master, PEERS, "党员互评表");
    const copy = typed(groupCopy(renamed), PEERS, 3, col(3), n(77));
    const merged = merge(renamed, [{ file: "p.xlsx", grid: copy }], { output: "cells" });
    expect(merged.writes).toEqual([{ sheet: "党员互评表", cell: "H3", value: 77 }]);
  });

  it("refuses a copy whose rater count is not the assessment's 评议人数, whose group sheet is gone, or lost a rater column", () => {
    const copy = typed(groupCopy(), PEERS, 3, col(3), n(77));
    // 评议人数 10 → 12 on 评分标准, the workbook generated again: the group's sheet has twelve columns now.
    const row = rubricSheetLayout(4, BANDS).raterGroupsHeaderRow + 1;
    const twelve = planAssessment(typed(master, "评分标准", row, 4, n(12)), { today });
    if (!twelve.ok) throw new Error(twelve.failure.code);
    const widened = planToGrid(twelve.plan, sampleNominationGrid().sheets);
    const withoutSheet: WorkbookGrid = {
      ...copy,
      sheets: copy.sheets.filter((s) => s.name !== PEERS),
    };
    const lostColumn = typed(copy, PEERS, 2, col(RATERS), null);
    const merged = merge(widened, [{ file: "ten.xlsx", grid: copy }]);
    expect(merged.report.refused).toEqual([{ file: "ten.xlsx", reason: "wrong_entry_sheet" }]);
    expect(merged.messages.refused[0]?.zh).toContain("评议人 10 ≠ 12");
    const others = merge(master, [
      { file: "gone.xlsx", grid: withoutSheet },
      { file: "nine.xlsx", grid: lostColumn },
    ]);
    expect(others.report.refused).toEqual([
      { file: "gone.xlsx", reason: "wrong_entry_sheet" },
      { file: "nine.xlsx", reason: "wrong_entry_sheet" },
    ]);
    expect(others.writes).toEqual([]);
    // The twin: the same copy into the master it was issued from merges.
    expect(merge(master, [{ file: "ten.xlsx", grid: copy }]).report.refused).toEqual([]);
  });

  it("refuses the earlier of two copies of the group given together, unless the copy is preferred", () => {
    const early = typed(groupCopy(master, ISSUED, "p-early"), PEERS, 3, col(3), n(60));
    const late = typed(groupCopy(master, LATER, "p-late"), PEERS, 3, col(4), n(61));
    const files = [
      { file: "early.xlsx", grid: early },
      { file: "late.xlsx", grid: late },
    ];
    const merged = merge(master, files);
    expect(merged.report.refused).toEqual([{ file: "early.xlsx", reason: "superseded" }]);
    expect(merged.messages.refused[0]?.zh).toContain("评议组 peers（党员互评）已有更新的评分表");
    expect(merged.writes).toEqual([{ sheet: PEERS, cell: "I3", value: 61 }]);
    expect(merge(master, files, { preferCopy: true }).report.refused).toEqual([]);
    // A judge's copy issued earlier is not superseded by the group's.
    const judge = typed(
      planToGrid(issue(master, { judges: [1], newCopyId: () => "j1" })[0]!.plan()),
      "评委1",
      3,
      6,
      n(20)
    );
    const both = merge(master, [
      { file: "j1.xlsx", grid: judge },
      { file: "late.xlsx", grid: late },
    ]);
    expect(both.report.refused).toEqual([]);
  });

  it("records the group in 合并记录's 评议组 column and reads it back: a later merge sees the copy merged", () => {
    const copy = typed(groupCopy(), PEERS, 4, col(3), n(75));
    const merged = merge(typed(master, PEERS, 4, col(3), n(70)), [{ file: "p.xlsx", grid: copy }]);
    const log = merged.plan.sheets.find((s) => s.name === "合并记录");
    if (!log) throw new Error("no 合并记录");
    const text = (row: number, c: number) => {
      const content = log.cells.find((cell) => cell.row === row && cell.col === c)?.content;
      return content?.kind === "text"
        ? content.text
        : content?.kind === "number"
          ? content.value
          : null;
    };
    expect(
      [2, 3, 4].map((row) => [text(row, 3), text(row, 4), text(row, 8), text(row, 11)])
    ).toEqual([
      ["评委", "评议组", "结果", "指标"],
      [null, "peers", "已合并", null],
      [null, "peers", "冲突", "评议人3"],
    ]);
    const lines = readMergeLog(planToGrid({ ...merged.plan, sheets: [log] }).sheets[0] ?? null);
    expect(mergedCopies(lines)).toEqual([
      { entry: "raters_peers", copyId: `peers-${ISSUED}`, version: 1, issuedAt: ISSUED },
    ]);
  });
});

describe("合并记录 written before it had a 评议组 column", () => {
  it("reads by its headers: a judge's line of the old layout still counts as merged", () => {
    const old = [
      "时间",
      "文件",
      "评委",
      "副本编号",
      "副本版本",
      "发出时间",
      "结果",
      "单元格",
      "编号",
      "指标",
      "原值",
      "副本值",
      "采用",
      "冲突",
      "未采用",
      "说明",
      "Note",
    ];
    const line = [MERGED, "a.xlsx", 2, "c-2", 1, ISSUED, "已合并", "评委2!A1", "", "", "", "", 4];
    const sheet: SheetGrid = {
      name: "合并记录",
      hidden: false,
      rows: [
        [t("合并记录")],
        old.map((h) => t(h)),
        line.map((v) => (typeof v === "number" ? n(v) : v === "" ? null : t(v))),
      ],
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    };
    const [read] = readMergeLog(sheet);
    expect(read).toMatchObject({
      judge: 2,
      group: null,
      copyId: "c-2",
      result: "merged",
      taken: 4,
    });
    expect(mergedCopies(readMergeLog(sheet))).toEqual([
      { entry: "judge_2", copyId: "c-2", version: 1, issuedAt: ISSUED },
    ]);
  });
});

/** The workbook with one sheet renamed as Excel does it: the sheet and every defined name that refers to it. */
function renameSheet(grid: WorkbookGrid, from: string, to: string): WorkbookGrid {
  return {
    ...grid,
    sheets: grid.sheets.map((s) => (s.name === from ? { ...s, name: to } : s)),
    ...(grid.names
      ? {
          names: grid.names.map((name) => ({
            ...name,
            refersTo: name.refersTo.split(`'${from}'!`).join(`'${to}'!`),
          })),
        }
      : {}),
  };
}

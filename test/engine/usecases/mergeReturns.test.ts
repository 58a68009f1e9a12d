/** mergeReturns over grids: the cases the command-line test does not make with LibreOffice. */
import {
  BUILTIN_RUBRICS,
  copyReadBuffers,
  copyReadOf,
  issueCopies,
  mergeReturns,
  planAssessment,
  type EntrySheetRead,
  type IsoDate,
  type RawCell,
  type SheetGrid,
  type WorkbookGrid,
  type WorkbookPlan,
} from "../../../src/engine";
import { parseA1 } from "../../../src/engine/core/CellRef";
import { readIdentity } from "../../../src/engine/report/readIdentity";
import {
  CELL_BLANK,
  CELL_NUMBER,
  idAt,
  renamedAt,
} from "../../../src/engine/usecases/mergeReturnsRead";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { planCell, planToGrid } from "../plan/assessmentFixtures";
import { n, t, typed } from "../../support/grids";

const ISSUED = "2026-01-01T10:00:00.000Z";
const LATER = "2026-01-02T10:00:00.000Z";
const MERGED = "2026-01-03T10:00:00.000Z";
const today = "2026-01-01" as IsoDate;

function masterGrid(): WorkbookGrid {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, { newAssessmentId: "master-id", judges: 3 });
  if (!planned.ok) throw new Error(planned.failure.code);
  return planToGrid(planned.plan, source.sheets);
}

function copyGrid(
  master: WorkbookGrid,
  judge: number,
  issuedAt = ISSUED,
  copyId = `copy-${judge}-${issuedAt}`
): WorkbookGrid {
  const issued = issueCopies(master, { judges: [judge], issuedAt, today, newCopyId: () => copyId });
  if (!issued.ok) throw new Error(issued.failure.code);
  return planToGrid(issued.copies[0]?.plan() ?? { sheets: [], names: [], styles: {} });
}

function merge(
  master: WorkbookGrid,
  copies: { file: string; grid: WorkbookGrid | null }[],
  preferCopy = false
) {
  const merged = mergeReturns(master, copies, { mergedAt: MERGED, output: "cells", preferCopy });
  if (!merged.ok) throw new Error(merged.failure.code);
  return merged;
}

/** The keys of a workbook's identity entries as readIdentity gives them. */
function readIdentityEntries(grid: WorkbookGrid): Iterable<string> {
  const identity = readIdentity(grid);
  return identity.kind === "identity" ? identity.entries.keys() : [];
}

describe("mergeReturns", () => {
  const master = masterGrid();

  it("takes a changed cell and says where it goes in the master (cells mode: the values and 合并记录 only)", () => {
    const copy = typed(copyGrid(master, 2), "评委2", 4, 7, n(12.5));
    const merged = merge(master, [{ file: "c2.xlsx", grid: copy }]);
    expect(merged.report.merged).toEqual([{ file: "c2.xlsx", judge: 2, taken: 1 }]);
    expect(merged.writes).toEqual([{ sheet: "评委2", cell: "G4", value: 12.5 }]);
    expect(merged.plan.sheets.map((s) => s.name)).toEqual(["合并记录", "shifan"]);
  });

  it("refuses a copy whose entry sheet is not the stamped one", () => {
    const copy = typed(copyGrid(master, 3), "评委3", 1, 1, t("评委2 评分表 · 百千万"));
    expect(merge(master, [{ file: "x.xlsx", grid: copy }]).report.refused).toEqual([
      { file: "x.xlsx", reason: "wrong_entry_sheet" },
    ]);
  });

  it("refuses the assessment itself given as a copy: it has no issue stamp", () => {
    expect(merge(master, [{ file: "master.xlsx", grid: master }]).report.refused).toEqual([
      { file: "master.xlsx", reason: "not_a_copy" },
    ]);
  });

  it("refuses the earlier of two copies of one judge given together, unless the copy is preferred", () => {
    const early = typed(copyGrid(master, 1, ISSUED), "评委1", 3, 6, n(20));
    const late = typed(copyGrid(master, 1, LATER), "评委1", 3, 6, n(22));
    const merged = merge(master, [
      { file: "early.xlsx", grid: early },
      { file: "late.xlsx", grid: late },
    ]);
    expect(merged.report.refused).toEqual([{ file: "early.xlsx", reason: "superseded" }]);
    expect(merged.writes).toEqual([{ sheet: "评委1", cell: "F3", value: 22 }]);
    // Preferred, both are taken in issue order: a cell both changed is written once, with the later copy's value.
    const both = merge(
      master,
      [
        { file: "late.xlsx", grid: typed(late, "评委1", 4, 6, n(7)) },
        { file: "early.xlsx", grid: typed(early, "评委1", 5, 6, n(9)) },
      ],
      true
    );
    expect(both.report.merged.map((m) => [m.file, m.taken])).toEqual([
      ["early.xlsx", 2],
      ["late.xlsx", 2],
    ]);
    expect(both.writes).toEqual([
      { sheet: "评委1", cell: "F3", value: 22 },
      { sheet: "评委1", cell: "F5", value: 9 },
      { sheet: "评委1", cell: "F4", value: 7 },
    ]);
  });

  it("matches rows by id when the judge deleted rows, and lists a value on a row no nominee has", () => {
    let copy = copyGrid(master, 1);
    const entry = copy.sheets[0] as SheetGrid;
    // Row 3 (the first nominee) deleted: every row moves up one.
    copy = {
      ...copy,
      sheets: [
        { ...entry, rows: [entry.rows[0], entry.rows[1], ...entry.rows.slice(3)] },
        ...copy.sheets.slice(1),
      ],
    };
    copy = typed(copy, "评委1", 3, 6, n(9)); // now the second nominee's row
    copy = typed(copy, "评委1", 80, 1, t("SF-9999"));
    copy = typed(copy, "评委1", 80, 6, n(5));
    const merged = merge(master, [{ file: "d.xlsx", grid: copy }]);
    expect(merged.writes).toEqual([{ sheet: "评委1", cell: "F4", value: 9 }]);
    expect(merged.report.invalid.map((v) => [v.nominee, v.reason])).toEqual([
      ["SF-9999", "unknown_nominee"],
    ]);
  });

  it("never writes by position into the master: a row deleted there is listed, and the rows below still match by id", () => {
    const sheet = master.sheets.find((s) => s.name === "评委1") as SheetGrid;
    // The master's 评委1 lost the first nominee's row (SF-0001, row 3): SF-0002 now sits on row 3.
    const edited: WorkbookGrid = {
      ...master,
      sheets: master.sheets.map((s) =>
        s === sheet ? { ...sheet, rows: [sheet.rows[0], sheet.rows[1], ...sheet.rows.slice(3)] } : s
      ),
    };
    let copy = copyGrid(master, 1);
    copy = typed(copy, "评委1", 3, 6, n(7)); // SF-0001, whose row the master lost
    copy = typed(copy, "评委1", 4, 6, n(9)); // SF-0002
    const merged = merge(edited, [{ file: "r.xlsx", grid: copy }]);
    expect(merged.writes).toEqual([{ sheet: "评委1", cell: "F3", value: 9 }]);
    expect(merged.report.invalid.map((v) => [v.nominee, v.criterion, v.reason, v.value])).toEqual([
      ["SF-0001", "C1", "no_master_cell", 7],
    ]);
  });

  it("writes into the master's column for the criterion as its sheet stands, not the layout's", () => {
    const sheet = master.sheets.find((s) => s.name === "评委2") as SheetGrid;
    // The master's 评委2 has C1 and C2 swapped (columns F and G, headers and all).
    const swap = (row: SheetGrid["rows"][number]) => {
      if (!row) return row;
      const cells = [...row];
      [cells[5], cells[6]] = [cells[6] ?? null, cells[5] ?? null];
      return cells;
    };
    const edited: WorkbookGrid = {
      ...master,
      sheets: master.sheets.map((s) =>
        s === sheet ? { ...sheet, rows: sheet.rows.map(swap) } : s
      ),
    };
    const copy = typed(copyGrid(master, 2), "评委2", 4, 6, n(11)); // C1 of SF-0002 in the copy's column F
    expect(merge(edited, [{ file: "s.xlsx", grid: copy }]).writes).toEqual([
      { sheet: "评委2", cell: "G4", value: 11 },
    ]);
  });

  it("lists a cell changed in the master and in the copy as a conflict, and takes the copy's with preferCopy", () => {
    const fixed = typed(master, "评委2", 5, 8, n(10));
    const copy = typed(copyGrid(master, 2), "评委2", 5, 8, n(12));
    expect(merge(fixed, [{ file: "c.xlsx", grid: copy }]).report.conflicts).toEqual([
      {
        file: "c.xlsx",
        judge: 2,
        nominee: "SF-0003",
        criterion: "C3",
        cell: "'评委2'!H5",
        master: 10,
        copy: 12,
      },
    ]);
    expect(merge(fixed, [{ file: "c.xlsx", grid: copy }], true).writes).toEqual([
      { sheet: "评委2", cell: "H5", value: 12 },
    ]);
  });

  it("merges what copyReadOf reads of a copy, posted with its buffers transferred, as it merges the whole copy", () => {
    const two = typed(copyGrid(master, 2), "评委2", 5, 8, {
      type: "number",
      value: 12,
      formula: "6*2",
      numberFormat: "0.##",
    });
    const copies = [
      {
        file: "c1.xlsx",
        // A score, text in a score cell, and a nominee's name edited (merge tells it by column B).
        grid: typed(
          typed(typed(copyGrid(master, 1), "评委1", 3, 6, n(20)), "评委1", 4, 7, t("十")),
          "评委1",
          5,
          2,
          t("改了名的党支部")
        ),
      },
      {
        file: "c2.xlsx",
        grid: {
          ...two,
          sheets: [
            ...two.sheets,
            {
              name: "笔记",
              hidden: false,
              rows: [[t("x")]],
              merges: [],
              hiddenRows: [],
              hiddenColumns: [],
            },
          ],
        },
      },
      { file: "master.xlsx", grid: master },
    ];
    const whole = merge(master, copies);
    const posted = copies.map(({ file, grid }) => {
      const read = copyReadOf(grid);
      return { file, read: structuredClone(read, { transfer: copyReadBuffers(read) }) };
    });
    const viaRead = mergeReturns(master, posted, { mergedAt: MERGED, output: "cells" });
    expect(whole.report.merged.map((m) => m.taken)).toEqual([1, 1]);
    expect(whole.report.invalid.map((v) => [v.nominee, v.reason, v.value])).toEqual([
      ["SF-0002", "not_a_number", "十"],
    ]);
    expect(whole.report.refused).toEqual([{ file: "master.xlsx", reason: "not_a_copy" }]);
    expect(whole.ignored.join("\n")).toContain("names edited on 1 rows");
    expect(whole.ignored.join("\n")).toContain("ignored: 笔记");
    expect(whole.writes).toEqual([
      { sheet: "评委1", cell: "F3", value: 20 },
      { sheet: "评委2", cell: "H5", value: 12 },
    ]);
    expect(
      viaRead.ok && [viaRead.report, viaRead.messages, viaRead.ignored, viaRead.writes]
    ).toEqual([whole.report, whole.messages, whole.ignored, whole.writes]);
  });

  describe("copyReadOf", () => {
    const entryOf = (grid: WorkbookGrid): EntrySheetRead => {
      const read = copyReadOf(grid);
      if (read.kind !== "copy") throw new Error("not a copy");
      const sheet = read.entrySheets[0]?.sheet;
      if (!sheet) throw new Error("no entry sheet");
      return sheet;
    };
    /** What the copy's cell at the nominee's row (index among the ids) and column reads as. */
    const readAt = (sheet: EntrySheetRead, i: number, col: number) => {
      const at = i * sheet.width + col - sheet.firstColumn;
      const kind = sheet.kinds[at];
      return kind === CELL_NUMBER
        ? sheet.numbers[at]
        : kind === CELL_BLANK
          ? "blank"
          : { other: sheet.others.get(at) };
    };

    it("reads a score cell as merge takes it: a number or date as its number, blank or spaces as blank, anything else as what it says", () => {
      const cells: RawCell[] = [
        n(12.5),
        { type: "date", serial: 7, numberFormat: "yyyy-mm-dd" },
        t("   "),
        t("十"),
        { type: "boolean", value: true },
        { type: "error", error: "#N/A", formula: "NA()" },
        { type: "number", value: 3, formula: "1+2" },
        t(""),
      ];
      const copy = cells.reduce(
        (grid, cell, i) => typed(grid, "评委2", 3 + i, 7, cell),
        copyGrid(master, 2)
      );
      const sheet = entryOf(copy);
      expect(cells.map((_cell, i) => readAt(sheet, i, 7))).toEqual([
        12.5,
        7,
        "blank",
        { other: "十" },
        { other: true },
        { other: "#N/A" },
        3,
        "blank",
      ]);
      // The next criterion's column, untouched, reads blank.
      expect(readAt(sheet, 0, 8)).toBe("blank");
      expect(sheet.head.rows[1]?.some((cell) => cell?.formula !== undefined)).toBe(false);
    });

    it("takes each id from its first row, with its name where it is text, and the stamp's baseline of it", () => {
      const scored = typed(master, "评委2", 3, 6, n(8));
      let copy = copyGrid(scored, 2);
      copy = typed(copy, "评委2", 5, 1, t("SF-0001")); // a second row for SF-0001
      copy = typed(copy, "评委2", 4, 2, n(42)); // SF-0002's name: not text
      const sheet = entryOf(copy);
      expect([0, 1, 2].map((i) => idAt(sheet, i))).toEqual(["SF-0001", "SF-0002", "SF-0004"]);
      expect([...sheet.rows.slice(0, 3)]).toEqual([3, 4, 6]);
      const entry = copy.sheets.find((s) => s.name === "评委2") as SheetGrid;
      const first = entry.rows[2]?.[1];
      const name = first?.type === "text" ? first.text : "";
      expect(name.length).toBeGreaterThan(0);
      expect([renamedAt(sheet, 0, name), renamedAt(sheet, 0, `${name}x`)]).toEqual([false, true]);
      expect(renamedAt(sheet, 0, name.slice(1))).toBe(true);
      // The same length, another text.
      expect(renamedAt(sheet, 0, `${name.startsWith("某") ? "另" : "某"}${name.slice(1)}`)).toBe(
        true
      );
      // Not text: never told as renamed.
      expect(renamedAt(sheet, 1, "42")).toBe(false);
      // The stamp's entries, without the baseline's row per nominee (readIdentity has them all).
      const read = copyReadOf(copy);
      const keys = read.kind === "copy" ? [...read.entries.keys()] : [];
      expect(keys.length).toBeGreaterThan(3);
      expect(keys.filter((key) => key.startsWith("baseline:"))).toEqual([]);
      expect(
        [...readIdentityEntries(copy)].filter((key) => key.startsWith("baseline:")).length
      ).toBeGreaterThan(10);
      const baseline = (i: number, s: number) =>
        sheet.baselineKinds[i * sheet.baselineWidth + s] === 1
          ? sheet.baselineNumbers[i * sheet.baselineWidth + s]
          : null;
      expect(sheet.baselineWidth).toBeGreaterThanOrEqual(4);
      expect([baseline(0, 0), baseline(0, 1), baseline(1, 0)]).toEqual([8, null, null]);
      expect(readAt(sheet, 0, 6)).toBe(8);
    });

    it("hands its buffers over when posted: the sender keeps none (failure twin: posted without them, it keeps a copy)", () => {
      const read = copyReadOf(typed(copyGrid(master, 2), "评委2", 3, 6, n(9)));
      const sheet = read.kind === "copy" ? read.entrySheets[0]?.sheet : undefined;
      const arrays = sheet
        ? [
            sheet.idEnds,
            sheet.rows,
            sheet.nameEnds,
            sheet.named,
            sheet.kinds,
            sheet.numbers,
            sheet.baselineKinds,
            sheet.baselineNumbers,
          ]
        : [];
      expect(arrays).toHaveLength(8);
      const copied = structuredClone(read);
      expect(arrays.every((array) => array.byteLength > 0)).toBe(true);
      const moved = structuredClone(read, { transfer: copyReadBuffers(read) });
      expect(arrays.map((array) => array.byteLength)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      expect(moved).toEqual(copied);
      expect(copyReadOf(sampleNominationGrid())).toEqual({ kind: "not_a_copy" });
    });
  });

  it("refuses nothing but an unreadable file when the rest are fine, and fails when the assessment is unusable", () => {
    expect(merge(master, [{ file: "bad.xlsx", grid: null }]).report.refused).toEqual([
      { file: "bad.xlsx", reason: "unreadable" },
    ]);
    const unusable = mergeReturns(sampleNominationGrid(), [], {
      mergedAt: MERGED,
      output: "workbook",
    });
    expect(unusable.ok).toBe(false);
  });
});

/** The generated sheets a plan writes, as read back, but 合并记录 and the identity sheet (which lists it). */
function writtenSheets(plan: WorkbookPlan): SheetGrid[] {
  return planToGrid(plan).sheets.filter((s) => s.name !== "合并记录" && s.name !== "shifan");
}

/** The workbook merge writes, against assessing the master with the values taken typed in by hand. */
function mergedAndTypedIn(master: WorkbookGrid, copies: { file: string; grid: WorkbookGrid }[]) {
  const merged = mergeReturns(master, copies, { mergedAt: MERGED, output: "workbook", today });
  if (!merged.ok) throw new Error(merged.failure.code);
  const typedIn = merged.writes.reduce((grid, write) => {
    const { row, col } = parseA1(write.cell);
    return typed(grid, write.sheet, row, col, write.value === null ? null : n(write.value));
  }, master);
  const assessed = planAssessment(typedIn, { today });
  if (!assessed.ok) throw new Error(assessed.failure.code);
  return { merged, plan: merged.plan, typedIn: assessed.plan };
}

describe("mergeReturns writes what assessing the master with the values typed in would (merge's read carried, not read again)", () => {
  const master = masterGrid();

  it("puts a value taken over text the master had in that cell, drops that cell's issue, and keeps other text", () => {
    // Issued before the official typed text into 评委2's G4 and G5 on the master; the judge then scored G4.
    const copy = typed(copyGrid(master, 2), "评委2", 4, 7, n(12.5));
    const fixed = typed(typed(master, "评委2", 4, 7, t("十二")), "评委2", 5, 7, t("abc"));
    const { merged, plan, typedIn } = mergedAndTypedIn(fixed, [{ file: "c2.xlsx", grid: copy }]);
    expect(merged.writes).toEqual([{ sheet: "评委2", cell: "G4", value: 12.5 }]);
    expect(planCell(plan, "评委2", "G4")?.content).toEqual({ kind: "number", value: 12.5 });
    expect(planCell(plan, "评委2", "G5")?.content).toEqual({ kind: "text", text: "abc" });
    // 校验结果's rows: 问题, 级别, 工作表, 单元格 …
    const listed = planToGrid(plan)
      .sheets.find((s) => s.name === "校验结果")
      ?.rows.flatMap((row) => {
        const [sheet, cell] = [row?.[2], row?.[3]];
        return sheet?.type === "text" && sheet.text === "评委2" && cell?.type === "text"
          ? [cell.text]
          : [];
      });
    expect(listed).toEqual(["G5"]);
    expect(writtenSheets(plan)).toEqual(writtenSheets(typedIn));
  });

  it("is the same with many values taken from two judges, some blanking a score the master had", () => {
    const scored = typed(master, "评委1", 3, 6, n(20));
    let one = copyGrid(scored, 1);
    let three = copyGrid(scored, 3);
    for (let row = 3; row <= 8; row++) {
      one = typed(one, "评委1", row, 7, n(row + 0.5));
      three = typed(three, "评委3", row, 6 + (row % 4), n(row));
    }
    one = typed(one, "评委1", 3, 6, null);
    const { merged, plan, typedIn } = mergedAndTypedIn(scored, [
      { file: "c1.xlsx", grid: one },
      { file: "c3.xlsx", grid: three },
    ]);
    expect(merged.writes).toHaveLength(13);
    expect(merged.writes).toContainEqual({ sheet: "评委1", cell: "F3", value: null });
    expect(planCell(plan, "评委1", "F3")?.content).toEqual({ kind: "blank" });
    expect(writtenSheets(plan)).toEqual(writtenSheets(typedIn));
  });
});

it("issues no rater group copy when the rubric has none (百千万), and refuses a group asked for", () => {
  const issued = issueCopies(masterGrid(), { issuedAt: ISSUED, today });
  if (!issued.ok) throw new Error(issued.failure.code);
  expect(issued.copies.map((copy) => copy.label)).toEqual(["评委1", "评委2", "评委3"]);
  const asked = issueCopies(masterGrid(), { groups: ["peers"], issuedAt: ISSUED, today });
  expect(asked.ok ? null : asked.failure).toEqual({
    code: "no_such_group",
    params: { group: "peers", groups: "—" },
  });
});

it("plans a copy when asked and keeps none: the same workbook on each call, a new plan each time", () => {
  const issued = issueCopies(masterGrid(), { issuedAt: ISSUED, today, newCopyId: () => "c" });
  if (!issued.ok) throw new Error(issued.failure.code);
  const [first, second] = issued.copies;
  if (!first || !second) throw new Error("two copies expected");
  const once = first.plan();
  const again = first.plan();
  expect(again).not.toBe(once);
  expect(planToGrid(again)).toEqual(planToGrid(once));
  expect(planToGrid(second.plan())).not.toEqual(planToGrid(once));
});

describe("mergeReturns in a 三评议 assessment (a rater group's sheet beside the judges')", () => {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, {
    newAssessmentId: "sanpingyi-id",
    judges: 3,
    rubric: BUILTIN_RUBRICS.sanpingyi,
  });
  if (!planned.ok) throw new Error(planned.failure.code);
  // Raters 1 and 2 of 党员互评 scored the first nominee on the master (评议_peers F3, G3).
  let master = planToGrid(planned.plan, source.sheets);
  master = typed(typed(master, "评议_peers", 3, 6, n(88)), "评议_peers", 3, 7, n(92));

  it("puts a rater's value taken over text the master had there, as assessing it typed in would", () => {
    const issued = issueCopies(master, { groups: ["peers"], issuedAt: ISSUED, today });
    if (!issued.ok) throw new Error(issued.failure.code);
    const copy = planToGrid(issued.copies[0]?.plan() ?? { sheets: [], names: [], styles: {} });
    const fixed = typed(typed(master, "评议_peers", 4, 6, t("好")), "评议_peers", 4, 7, t("差"));
    const { merged, plan, typedIn } = mergedAndTypedIn(fixed, [
      { file: "peers.xlsx", grid: typed(copy, "评议_peers", 4, 6, n(80)) },
    ]);
    expect(merged.writes).toEqual([{ sheet: "评议_peers", cell: "F4", value: 80 }]);
    expect(planCell(plan, "评议_peers", "F4")?.content).toEqual({ kind: "number", value: 80 });
    expect(writtenSheets(plan)).toEqual(writtenSheets(typedIn));
  });

  it("issues a judge's copy without the group's sheet, and merging it keeps the raters' scores", () => {
    const issued = issueCopies(master, { judges: [2], issuedAt: ISSUED, today });
    if (!issued.ok) throw new Error(issued.failure.code);
    const copy = planToGrid(issued.copies[0]?.plan() ?? { sheets: [], names: [], styles: {} });
    expect(copy.sheets.map((s) => s.name)).not.toContain("评议_peers");
    // Only judge 2 was asked for: the group's copy is not issued with it.
    expect(issued.copies.map((c) => c.label)).toEqual(["评委2"]);
    const merged = mergeReturns(
      master,
      [{ file: "c2.xlsx", grid: typed(copy, "评委2", 3, 6, n(21)) }],
      { mergedAt: MERGED, output: "workbook", today }
    );
    if (!merged.ok) throw new Error(merged.failure.code);
    expect(merged.report.merged).toEqual([{ file: "c2.xlsx", judge: 2, taken: 1 }]);
    const peers = merged.plan.sheets.find((s) => s.name === "评议_peers");
    const at = (row: number, col: number) =>
      peers?.cells.find((c) => c.row === row && c.col === col)?.content;
    expect([at(3, 6), at(3, 7)]).toEqual([
      { kind: "number", value: 88 },
      { kind: "number", value: 92 },
    ]);
    const judge2 = merged.plan.sheets.find((s) => s.name === "评委2");
    expect(judge2?.cells.find((c) => c.row === 3 && c.col === 6)?.content).toEqual({
      kind: "number",
      value: 21,
    });
  });
});

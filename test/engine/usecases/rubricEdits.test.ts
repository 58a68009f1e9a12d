/**
 * Issue #11 §6: the rubric edited on 评分标准 — a criterion added, removed or renamed, a maximum changed — then 生成 /
 * assess again. The sheets follow, and every entry for a criterion that still exists is kept, matched by criterion
 * id, never by position. RULES §4.3: text or TRUE typed in a score cell is the person's data, kept and still flagged.
 */
import {
  planAssessment,
  type IsoDate,
  type RawCell,
  type SheetGrid,
  type WorkbookGrid,
} from "../../../src/engine";
import { sampleNominationGrid } from "../../../src/samples/sampleNominations";
import { formulaAt, planToGrid } from "../plan/assessmentFixtures";
import { withSheet } from "../../support/grids";

const today = "2026-01-01" as IsoDate;
/** A score within every 百千万 maximum (C2's is 20): 0.5 … 18, depending on judge, row and criterion. */
const score = (judge: number, row: number, c: number): number =>
  ((row * 7 + c * 3 + judge * 5) % 36) / 2 + 0.5;
const JUDGES = 3;
const SCORE_COLS = [5, 6, 7, 8]; // 0-based: F … I

function setCell(sheet: SheetGrid, row: number, col: number, cell: RawCell | null): SheetGrid {
  const rows = Array.from(sheet.rows, (line) => (line ? [...line] : []));
  const target = (rows[row - 1] ??= []);
  target[col - 1] = cell;
  return { ...sheet, rows };
}

/** Every judge's scores typed, satisfaction too; text on 评委2 (first nominee, C3), TRUE on 评委3 (second nominee, C1). */
function scored(): WorkbookGrid {
  const source = sampleNominationGrid();
  const planned = planAssessment(source, {
    newAssessmentId: "rubric-edits",
    judges: JUDGES,
    today,
  });
  if (!planned.ok) throw new Error(planned.failure.code);
  let grid = planToGrid(planned.plan, source.sheets);
  for (let judge = 1; judge <= JUDGES; judge++)
    grid = withSheet(grid, `评委${judge}`, (sheet) => ({
      ...sheet,
      rows: Array.from(sheet.rows, (line, r) =>
        r < 2 || !line?.[0]
          ? line
          : line.map((cell, c) =>
              SCORE_COLS.includes(c)
                ? { type: "number" as const, value: score(judge, r + 1, c - 5) }
                : cell
            )
      ),
    }));
  // 群众满意度 90 on every row of 考核表 (column K), so a nominee's total depends on the judges' entries alone.
  grid = withSheet(grid, "考核表", (sheet) => ({
    ...sheet,
    rows: Array.from(sheet.rows, (line, r) =>
      r < 2 || !line?.[0]
        ? line
        : line.map((cell, c) => (c === 10 ? { type: "number" as const, value: 90 } : cell))
    ),
  }));
  grid = withSheet(grid, "评委2", (sheet) => setCell(sheet, 3, 8, { type: "text", text: "二十" }));
  return withSheet(grid, "评委3", (sheet) =>
    setCell(sheet, 4, 6, { type: "boolean", value: true })
  );
}

/** Each judge's entries by nominee id under the header ids of the sheet's score columns (header → cell). */
function entriesById(grid: WorkbookGrid, judge: number): Map<string, Record<string, unknown>> {
  const sheet = grid.sheets.find((s) => s.name === `评委${judge}`)!;
  const header = sheet.rows[1] ?? [];
  const ids: [string, number][] = [];
  for (let c = 5; ; c++) {
    const cell = header[c];
    if (cell?.type !== "text" || cell.text === "回避") break;
    ids.push([cell.text.split(/\s+/)[0] ?? "", c]);
  }
  const byId = new Map<string, Record<string, unknown>>();
  sheet.rows.forEach((line, r) => {
    const id = line?.[0];
    if (r < 2 || id?.type !== "text") return;
    byId.set(
      id.text,
      Object.fromEntries(
        ids.map(([criterion, c]) => {
          const cell = line?.[c];
          const value =
            cell?.type === "number"
              ? cell.value
              : cell?.type === "text"
                ? cell.text
                : cell?.type === "boolean"
                  ? cell.value
                  : null;
          return [criterion, value];
        })
      )
    );
  });
  return byId;
}

/** 评分标准's criteria block edited as an official would: C2 removed, C3 renamed, C4's maximum 25 → 30, C5 added. */
function editedRubric(grid: WorkbookGrid): WorkbookGrid {
  return withSheet(grid, "评分标准", (sheet) => {
    const rows = Array.from(sheet.rows, (line) => (line ? [...line] : []));
    const header = rows.findIndex((line) => line[0]?.type === "text" && line[0].text === "编号");
    const at = (c: number) => header + 1 + c; // 0-based row of criterion c
    rows[at(2)]![1] = { type: "text", text: "服务人民群众（含窗口服务）" };
    rows[at(3)]![2] = { type: "number", value: 30 };
    rows.splice(at(3) + 1, 0, [
      { type: "text", text: "C5" },
      { type: "text", text: "特色创新" },
      { type: "number", value: 10 },
    ]);
    rows.splice(at(1), 1);
    return { ...sheet, rows };
  });
}

function regenerate(grid: WorkbookGrid) {
  const again = planAssessment(grid, { today });
  if (!again.ok) throw new Error(again.failure.code);
  return again;
}

describe("the rubric edited on 评分标准, then generated again (issue #11 §6)", () => {
  const before = scored();
  const again = regenerate(editedRubric(before));
  const after = planToGrid(again.plan);

  it("follows the edited criteria on every judge sheet and 考核表, the maximum from 评分标准", () => {
    expect(again.rubric.criteria.map((c) => [c.id, c.label, c.max])).toEqual([
      ["C1", "推动科学发展", 30],
      ["C3", "服务人民群众（含窗口服务）", 25],
      ["C4", "加强基层组织", 30],
      ["C5", "特色创新", 10],
    ]);
    const header = after.sheets.find((s) => s.name === "评委1")!.rows[1]!;
    expect(header.slice(5, 9).map((cell) => (cell?.type === "text" ? cell.text : null))).toEqual([
      "C1 推动科学发展（满分 30）",
      "C3 服务人民群众（含窗口服务）（满分 25）",
      "C4 加强基层组织（满分 30）",
      "C5 特色创新（满分 10）",
    ]);
    // The maximum is 评分标准's cell, not text: an edit shows at once, before any regeneration.
    expect(formulaAt(again.plan, "评委1", "H2")).toBe('"C4 加强基层组织（满分 "&SF_Max_C4&"）"');
  });

  it("keeps every entry of the criteria still there, by criterion id (C3's scores stay C3's, never C2's)", () => {
    for (let judge = 1; judge <= JUDGES; judge++) {
      const was = entriesById(before, judge);
      const now = entriesById(after, judge);
      expect(now.size).toBe(was.size);
      for (const [id, entries] of was)
        expect([judge, id, now.get(id)]).toEqual([
          judge,
          id,
          { C1: entries["C1"], C3: entries["C3"], C4: entries["C4"], C5: null },
        ]);
    }
  });

  it("says how many entries of the removed criterion are not kept, and how many are", () => {
    const typedUnderC2 = [1, 2, 3].reduce((n, judge) => n + entriesById(before, judge).size, 0);
    expect(again.notes).toContainEqual({
      code: "criterion_scores_dropped",
      params: { criterion: "C2", count: typedUnderC2 },
    });
  });
});

describe("entries no formula counts survive regeneration (RULES §4.3)", () => {
  const before = scored();
  const after = planToGrid(regenerate(before).plan);

  it("writes text and TRUE back where they were typed", () => {
    const first = [...entriesById(after, 2).values()][0];
    expect(first?.["C3"]).toBe("二十");
    const second = [...entriesById(after, 3).values()][1];
    expect(second?.["C1"]).toBe(true);
  });

  it("keeps flagging them: 待更正 on 考核表 and listed as issues", () => {
    const again = regenerate(before);
    const main = planToGrid(again.plan).sheets.find((s) => s.name === "考核表")!;
    const total = (row: number) => {
      const cell = main.rows[row - 1]?.[12];
      return cell?.type === "text" ? cell.text : cell?.type === "number" ? cell.value : null;
    };
    expect([total(3), total(4)]).toEqual(["待更正", "待更正"]);
    expect(typeof total(5)).toBe("number");
    expect(again.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual(
      expect.arrayContaining([
        ["invalid_score", "评委2", "H3"],
        ["invalid_score", "评委3", "F4"],
      ])
    );
  });

  it("twin: a regeneration of a workbook without such entries has no 待更正", () => {
    const clean = withSheet(
      withSheet(before, "评委2", (sheet) => setCell(sheet, 3, 8, { type: "number", value: 20 })),
      "评委3",
      (sheet) => setCell(sheet, 4, 6, { type: "number", value: 20 })
    );
    const main = planToGrid(regenerate(clean).plan).sheets.find((s) => s.name === "考核表")!;
    expect(main.rows[2]?.[12]?.type).toBe("number");
    expect(main.rows[3]?.[12]?.type).toBe("number");
  });
});

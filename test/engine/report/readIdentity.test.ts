import {
  BUILTIN_RUBRICS,
  type IsoDate,
  type SheetGrid,
  type WorkbookGrid,
} from "../../../src/engine";
import { compileAssessment } from "../../../src/engine/plan/compileAssessment";
import { freshWorkbook, placeInWorkbook } from "../../../src/engine/plan/placeInWorkbook";
import { readAssessment } from "../../../src/engine/report/readAssessment";
import {
  readIdentity,
  sheetOfReference,
  targetWorkbook,
} from "../../../src/engine/report/readIdentity";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { nominee, planToGrid, withCell } from "../plan/assessmentFixtures";

const rubric = withOverrides(BUILTIN_RUBRICS.baiqianwan, { judges: 3 });
const settings = { rubric, asOf: "2012-06-30" as IsoDate, today: "2012-06-30" as IsoDate };
const source: SheetGrid = {
  name: "推荐汇总",
  hidden: false,
  rows: [[{ type: "text", text: "推荐表" }]],
  merges: [],
  hiddenRows: [],
  hiddenColumns: [],
};

function placedGrid(): WorkbookGrid {
  const compiled = compileAssessment(
    {
      nominees: [
        nominee({ name: "阳光社区党支部", row: 5 }),
        nominee({ name: "星沙街道党工委", row: 6 }),
      ],
      issues: [],
    },
    settings
  );
  const { plan } = placeInWorkbook(compiled, freshWorkbook("test-id", [source.name]), [
    source.name,
  ]);
  return planToGrid(plan, [source]);
}

/** The grid with one sheet renamed the way Excel renames: names that referred to it follow. */
function renamed(grid: WorkbookGrid, from: string, to: string): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) => (s.name === from ? { ...s, name: to } : s)),
    names: (grid.names ?? []).map((n) => ({
      ...n,
      refersTo: n.refersTo.replace(`'${from}'!`, `'${to}'!`),
    })),
  };
}

describe("sheetOfReference", () => {
  it.each([
    ["'评委2'!$A$1:$B$3", "评委2"],
    ["评委2!$A$1:$B$3", "评委2"],
    ["='It''s'!A1", "It's"],
    ["Sheet1!$A$1", "Sheet1"],
    ["#REF!", null],
    ["'评委2'!#REF!", null],
    ['"SF-0001"', null],
    ["5", null],
    ["#REF!$A$1:$B$3", null],
  ])("reads %s as %s", (reference, sheet) => {
    expect(sheetOfReference(reference)).toBe(sheet);
  });
});

describe("readIdentity", () => {
  it("finds every generated sheet in its role, and the assessment id", () => {
    const found = readIdentity(placedGrid());
    if (found.kind !== "identity") throw new Error(found.kind);
    expect(found.assessmentId).toBe("test-id");
    expect(found.layoutVersion).toBe(3);
    expect(found.sheets.map((s) => [s.role.kind, s.sheet?.name])).toEqual([
      ["rubric", "评分标准"],
      ["judge", "评委1"],
      ["judge", "评委2"],
      ["judge", "评委3"],
      ["main", "考核表"],
      ["summary", "汇总"],
      ["publicity", "公示名单"],
      ["judgeAnalysis", "评委分析"],
      ["issues", "校验结果"],
      ["recusal", "回避"],
      ["identity", "shifan"],
    ]);
    expect(found.sources).toEqual([{ written: "推荐汇总", current: "推荐汇总" }]);
  });

  it("keeps a copy's baseline row with cells issued, and none with nothing right of its key (failure twin: kept)", () => {
    const text = (t: string) => ({ type: "text", text: t }) as const;
    const grid = placedGrid();
    const withBaseline: WorkbookGrid = {
      ...grid,
      sheets: grid.sheets.map((sheet) =>
        sheet.name === "shifan"
          ? {
              ...sheet,
              // Among the key | value rows, above the tables, where issueCopies writes them.
              rows: [
                ...sheet.rows.slice(0, 2),
                [text("baseline:SF-0001")],
                [text("baseline:SF-0002"), text("8"), null, text("9")],
                ...sheet.rows.slice(2),
              ],
            }
          : sheet
      ),
    };
    const found = readIdentity(withBaseline);
    if (found.kind !== "identity") throw new Error(found.kind);
    expect(found.entryRows.get("baseline:SF-0002")).toEqual(["8", null, "9"]);
    expect(found.entries.get("baseline:SF-0002")).toBe("8");
    expect(found.entryRows.has("baseline:SF-0001")).toBe(false);
    expect(found.entries.has("baseline:SF-0001")).toBe(false);
    // The rest of the sheet reads as before.
    expect(found.sheets).toHaveLength(11);
    expect(found.sources).toEqual([{ written: "推荐汇总", current: "推荐汇总" }]);
  });

  it("follows a renamed sheet through its name's reference", () => {
    const found = readIdentity(renamed(placedGrid(), "评委2", "张三"));
    if (found.kind !== "identity") throw new Error(found.kind);
    const judge2 = found.sheets.find((s) => s.role.kind === "judge" && s.role.judge === 2);
    expect(judge2).toMatchObject({ written: "评委2", sheet: { name: "张三" } });
  });

  it("falls back to the identity sheet's record when the names were lost", () => {
    const grid = { ...placedGrid(), names: [] };
    const found = readIdentity(grid);
    if (found.kind !== "identity") throw new Error(found.kind);
    expect(found.assessmentId).toBe("test-id");
    expect(found.sheets.find((s) => s.role.kind === "main")?.sheet?.name).toBe("考核表");
  });

  it("takes a person's own sheet called 汇总 for nothing when there is no identity", () => {
    const own: SheetGrid = { ...source, name: "汇总" };
    expect(readIdentity({ sheets: [source, own] }).kind).toBe("none");
  });

  it("refuses a layout from a newer shifan", () => {
    const grid = placedGrid();
    const newer = {
      ...grid,
      names: (grid.names ?? []).map((n) =>
        n.name === "_shifan_Layout" ? { ...n, refersTo: "4" } : n
      ),
    };
    expect(readIdentity(newer)).toEqual({ kind: "newer", layoutVersion: 4 });
    expect(readAssessment(newer)).toMatchObject({
      ok: false,
      failure: { code: "newer_layout", params: { version: 4 } },
    });
  });

  it("keeps the person's names apart from shifan's", () => {
    const grid = placedGrid();
    const withOwn = {
      ...grid,
      names: [
        ...(grid.names ?? []),
        { name: "MyTotal", refersTo: "'推荐汇总'!$A$1", hidden: false },
      ],
    };
    const target = targetWorkbook(withOwn, "unused");
    expect([...target.userNames]).toEqual(["MYTOTAL"]);
    expect(target.assessmentId).toBe("test-id");
  });
});

describe("readAssessment refuses what it cannot rebuild without losing a score", () => {
  it("refuses scores on a judge sheet row whose id names no nominee", () => {
    let grid = withCell(placedGrid(), "评委1", "A9", { type: "text", text: "SF-0099" });
    grid = withCell(grid, "评委1", "F9", { type: "number", value: 12 });
    expect(readAssessment(grid)).toMatchObject({
      ok: false,
      failure: { code: "unplaced_scores", params: { sheet: "评委1", detail: "F9 (SF-0099)" } },
    });
  });

  it("refuses to rebuild a deleted 评分标准 with a rubric whose criteria differ from the judge sheets'", () => {
    const grid = placedGrid();
    const without = { ...grid, sheets: grid.sheets.filter((s) => s.name !== "评分标准") };
    expect(readAssessment(without)).toMatchObject({
      ok: false,
      failure: { code: "missing_rubric_sheet", params: { sheet: "评分标准" } },
    });
    expect(readAssessment(without, { fallbackRubric: BUILTIN_RUBRICS.wuhao })).toMatchObject({
      ok: false,
      failure: { code: "rubric_mismatch", params: { sheet: "评分标准" } },
    });
    const read = readAssessment(without, { fallbackRubric: BUILTIN_RUBRICS.baiqianwan });
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.missing).toEqual([{ kind: "rubric" }]);
    expect(read.state.rubric.judges).toBe(3);
  });
});

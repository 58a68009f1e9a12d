/**
 * Issue #9 §1 and #12 §4: what a person does to an assessment workbook in a spreadsheet application — delete
 * 考核表, 评分标准 or a judge's sheet, rename a judge's sheet or the nomination sheet, move sheets — is made
 * with a real LibreOffice, and `shifan assess` run again must survive it or refuse it with a message, never
 * losing an entered score. One soffice call fills the scores and makes every edit; one more saves an untouched
 * copy to show what LibreOffice keeps of the workbook identity.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { type AssessmentReport, type RawCell, type WorkbookGrid } from "../../src/engine";
import { readAssessment } from "../../src/engine/report/readAssessment";
import { readIdentity } from "../../src/engine/report/readIdentity";
import { LAYOUT_VERSION } from "../../src/engine/plan/workbookIdentity";
import { editWithLibreOffice, type WorkbookEdit } from "../../src/tools/libreofficeEdit";
import { describeWithSoffice } from "../support/loSuite";
import { reportOf, shifan, tempDir, typeNumbers } from "./assessFixtures";

jest.setTimeout(240_000);

const JUDGES = 5;
const MAXES = [30, 20, 25, 25];
/** A valid score for nominee n (0-based), judge j (1-based), criterion c: 0…max in steps of 0.5. */
const scoreOf = (n: number, j: number, c: number): number =>
  ((n * 7 + j * 3 + c * 5) % (2 * (MAXES[c] as number) + 1)) / 2;
const SCORE_COLUMNS = ["F", "G", "H", "I"];

/** judge → nominee id → the four scores, as the report reads them. */
function scoresById(report: AssessmentReport): Map<number, Map<string, (number | null)[]>> {
  const byJudge = new Map<number, Map<string, (number | null)[]>>();
  for (const nominee of report.nominees)
    for (const score of nominee.inputs.scores) {
      const judge = byJudge.get(score.judge) ?? new Map<string, (number | null)[]>();
      byJudge.set(score.judge, judge);
      const row = judge.get(nominee.id) ?? [];
      row.push(score.value);
      judge.set(nominee.id, row);
    }
  return byJudge;
}

function expectedScores(ids: readonly string[], judge: number): Map<string, number[]> {
  return new Map(ids.map((id, n) => [id, MAXES.map((_m, c) => scoreOf(n, judge, c))]));
}

let dir: string;
let assessed: string;
let ids: string[];
const out = (name: string) => path.join(dir, name);

/** Every score typed in by the judges, and a satisfaction figure, through LibreOffice. */
function fillEdits(count: number): WorkbookEdit[] {
  const edits: WorkbookEdit[] = [];
  for (let j = 1; j <= JUDGES; j++)
    for (let n = 0; n < count; n++)
      SCORE_COLUMNS.forEach((col, c) =>
        edits.push({
          kind: "set",
          sheet: `评委${j}`,
          cell: `${col}${3 + n}`,
          value: scoreOf(n, j, c),
        })
      );
  for (let n = 0; n < count; n++)
    edits.push({ kind: "set", sheet: "考核表", cell: `K${3 + n}`, value: 80 + (n % 20) });
  return edits;
}

const CASES: Record<string, WorkbookEdit[]> = {
  "deleted-main": [{ kind: "delete", sheet: "考核表" }],
  "deleted-rubric": [{ kind: "delete", sheet: "评分标准" }],
  "deleted-judge3": [{ kind: "delete", sheet: "评委3" }],
  "renamed-judge2": [{ kind: "rename", sheet: "评委2", to: "张三" }],
  "renamed-source": [{ kind: "rename", sheet: "推荐汇总", to: "推荐表2011" }],
  moved: [
    { kind: "move", sheet: "考核表", to: 0 },
    { kind: "move", sheet: "评委5", to: 1 },
  ],
};

describeWithSoffice("re-assessment after structural edits made in LibreOffice", () => {
  beforeAll(async () => {
    dir = await tempDir();
    const nominations = out("nominations.xlsx");
    await writeGridAsXlsx(sampleNominationGrid(), nominations);
    assessed = out("assessed.xlsx");
    const run = await shifan("assess", nominations, "-o", assessed, "--as-of", "2012-06-30");
    expect(run).toMatchObject({ code: 0, err: "" });
    const read = readAssessment(await XlsxWorkbookSource.fromFile(assessed).read());
    if (!read.ok) throw new Error(read.failure.code);
    ids = read.state.nominees.map((n) => n.id);
    const fill = fillEdits(ids.length);
    await editWithLibreOffice([
      { input: assessed, output: out("scored.xlsx"), edits: fill },
      ...Object.entries(CASES).map(([name, edits]) => ({
        input: assessed,
        output: out(`${name}.xlsx`),
        edits: [...fill, ...edits],
      })),
    ]);
  });
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("keeps the identity through a LibreOffice save: names (made visible), the identity sheet (hidden, not very hidden), the markers", async () => {
    const grid = await XlsxWorkbookSource.fromFile(out("scored.xlsx")).read();
    const before = readIdentity(await XlsxWorkbookSource.fromFile(assessed).read());
    const after = readIdentity(grid);
    if (before.kind !== "identity" || after.kind !== "identity") throw new Error("no identity");
    expect(after.assessmentId).toBe(before.assessmentId);
    expect(after.layoutVersion).toBe(LAYOUT_VERSION);
    expect(after.sheets.map((s) => [s.role, s.sheet?.name])).toEqual(
      before.sheets.map((s) => [s.role, s.sheet?.name])
    );
    // What LibreOffice 7 does to it, measured: very hidden becomes hidden, hidden names become visible.
    expect(grid.sheets.find((s) => s.name === "shifan")?.visibility).toBe("hidden");
    const idNames = (grid.names ?? []).filter((n) => n.name.startsWith("_shifan_"));
    expect(idNames.length).toBeGreaterThan(10);
    expect(idNames.every((n) => !n.hidden)).toBe(true);
    const workbookXml = strFromU8(
      unzipSync(await fs.readFile(out("scored.xlsx")))["xl/workbook.xml"] as Uint8Array
    );
    expect(workbookXml).toMatch(/name="_shifan_Sheet_judge_2"[^>]*>'?评委2'?!\$A\$1:\$B\$3</);
    expect(workbookXml).toMatch(/localSheetId="\d+" name="_shifan_generated"[^>]*>TRUE\(\)</);
  });

  it("re-assesses the LibreOffice-saved workbook keeping every score", async () => {
    const run = await shifan("assess", out("scored.xlsx"), "-o", out("scored-again.xlsx"));
    expect(run).toMatchObject({ code: 0, err: "" });
    const scores = scoresById(await reportOf(out("scored-again.xlsx")));
    for (let j = 1; j <= JUDGES; j++) expect(scores.get(j)).toEqual(expectedScores(ids, j));
  });

  it.each([
    ["deleted-main", "考核表（工作表“考核表”）已被删除"],
    ["deleted-rubric", "评分标准（工作表“评分标准”）已被删除"],
    ["deleted-judge3", "评委3评分表（工作表“评委3”）已被删除"],
    ["renamed-judge2", "已改名为“张三”"],
    ["renamed-source", "推荐表“推荐汇总”已改名为“推荐表2011”"],
    ["moved", ""],
  ])("%s: assess survives it, says so, and loses no score", async (name, said) => {
    const edited = out(`${name}.xlsx`);
    const again = out(`${name}-again.xlsx`);
    // The edited workbook itself is not a finished assessment any more: report says which sheet is gone.
    if (name.startsWith("deleted")) {
      const refused = await shifan("report", edited);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(
        name === "deleted-rubric"
          ? /评分标准工作表“评分标准”已被删除.*rubric sheet "评分标准" .* was deleted/
          : /缺少工作表“.+”.*missing its sheet/
      );
    }
    const run = await shifan("assess", edited, "-o", again);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain(said);
    expect(run.out).toContain(`推荐对象 ${ids.length} 个 /`);
    const report = await reportOf(again);
    expect(report.rubric.judges).toBe(JUDGES);
    expect(report.nominees.map((n) => n.id)).toEqual(ids);
    const scores = scoresById(report);
    for (let j = 1; j <= JUDGES; j++) {
      const want =
        name === "deleted-judge3" && j === 3
          ? new Map(ids.map((id) => [id, [null, null, null, null]]))
          : expectedScores(ids, j);
      expect(scores.get(j)).toEqual(want);
    }
    const satisfaction = report.nominees.map((n) => n.inputs.satisfaction.value);
    expect(satisfaction).toEqual(
      ids.map((_id, n) => (name === "deleted-main" ? null : 80 + (n % 20)))
    );
  });

  it("keeps a renamed judge sheet's name and reads its scores there", async () => {
    const grid = await XlsxWorkbookSource.fromFile(out("renamed-judge2-again.xlsx")).read();
    const names = grid.sheets.filter((s) => s.visibility === "visible").map((s) => s.name);
    expect(names).toContain("张三");
    expect(names).not.toContain("评委2");
    const report = await reportOf(out("renamed-judge2-again.xlsx"));
    expect(report.nominees[0]?.inputs.scores.find((s) => s.judge === 2)?.cell).toBe("'张三'!F3");
  });

  it("never reads a judge sheet as a second nomination table", async () => {
    const run = await shifan("inspect", out("renamed-judge2.xlsx"), "--json");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as { nominees: unknown[] }).nominees).toHaveLength(ids.length);
  });
});

describe("names that clash (#12 §4)", () => {
  const text = (t: string): RawCell => ({ type: "text", text: t });
  /** The sample's nominations on a sheet called `sheetName`, beside a person's own 汇总 sheet. */
  function clashingGrid(sheetName: string): WorkbookGrid {
    const sample = sampleNominationGrid();
    const source = sample.sheets[0];
    if (!source) throw new Error("no sample sheet");
    const own = {
      name: "汇总",
      hidden: false,
      rows: [[text("我的汇总")], [text("备注"), text("请勿删除")]],
      merges: [],
      hiddenRows: [],
      hiddenColumns: [],
    };
    return {
      sheets:
        sheetName === "汇总"
          ? [{ ...source, name: sheetName }]
          : [{ ...source, name: sheetName }, own],
    };
  }

  it.each(["考核表", "评委1", "汇总", "评分标准"])(
    "assesses a nomination sheet called %s, keeps the person's own 汇总, and names the generated sheets apart",
    async (sheetName) => {
      const work = await tempDir();
      try {
        const input = path.join(work, "in.xlsx");
        await writeGridAsXlsx(clashingGrid(sheetName), input);
        const inspected = await shifan("inspect", input, "--json");
        const count = (JSON.parse(inspected.out) as { nominees: unknown[] }).nominees.length;
        const output = path.join(work, "out.xlsx");
        const run = await shifan("assess", input, "-o", output, "--as-of", "2012-06-30");
        expect(run.err).toBe("");
        expect(run.code).toBe(0);
        expect(run.out).toContain(`推荐对象 ${count} 个`);
        expect(run.out).toContain("工作表名“汇总”已被您自己的工作表使用");
        const grid = await XlsxWorkbookSource.fromFile(output).read();
        expect(grid.sheets[0]?.name).toBe(sheetName);
        if (sheetName !== "汇总") expect(grid.sheets[1]?.rows[0]?.[0]).toEqual(text("我的汇总"));
        expect(grid.sheets.map((s) => s.name)).toContain("汇总(2)");
        expect(grid.sheets.map((s) => s.name)).toContain(
          sheetName === "汇总" ? "考核表" : `${sheetName}(2)`
        );
        // Assessed again: the same sheets are found, nothing is renamed further.
        const again = path.join(work, "again.xlsx");
        const second = await shifan("assess", output, "-o", again);
        expect(second.code).toBe(0);
        expect(second.out).toContain(`推荐对象 ${count} 个 /`);
        const names = (await XlsxWorkbookSource.fromFile(again).read()).sheets.map((s) => s.name);
        expect(names).toEqual(grid.sheets.map((s) => s.name));
        const report = await shifan("report", again, "--json");
        expect(report.code).toBe(0);
      } finally {
        await fs.rm(work, { recursive: true, force: true });
      }
    }
  );
});

/** Edits xl/workbook.xml of a package: what the first shifan wrote, or a person's defined name added. */
function editWorkbookXml(bytes: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  parts["xl/workbook.xml"] = strToU8(edit(strFromU8(parts["xl/workbook.xml"] as Uint8Array)));
  return zipSync(parts);
}

/** The workbook as the first shifan left it: no identity names, no identity sheet; markers kept or not. */
function asFirstVersion(bytes: Uint8Array, keepMarkers: boolean): Uint8Array {
  return editWorkbookXml(bytes, (xml) =>
    xml
      .replace(/<definedName name="_shifan_(?!generated)[^"]*"[^>]*>[^<]*<\/definedName>/g, "")
      .replace(/<sheet name="shifan"[^>]*\/>/, "")
      .replace(
        keepMarkers ? /$^/ : /<definedName name="_shifan_generated"[^>]*>[^<]*<\/definedName>/g,
        ""
      )
  );
}

describe("workbooks assessed by the first shifan (no identity)", () => {
  let work: string;
  let scored: Uint8Array;
  let firstIds: string[];
  beforeAll(async () => {
    work = await tempDir();
    const input = path.join(work, "in.xlsx");
    await writeGridAsXlsx(sampleNominationGrid(), input);
    const output = path.join(work, "assessed.xlsx");
    expect((await shifan("assess", input, "-o", output, "--as-of", "2012-06-30")).code).toBe(0);
    scored = await fs.readFile(output);
    for (let j = 1; j <= JUDGES; j++) {
      const typed: Record<string, number> = {};
      for (let n = 0; n < 30; n++)
        SCORE_COLUMNS.forEach((col, c) => (typed[`${col}${3 + n}`] = scoreOf(n, j, c)));
      scored = typeNumbers(scored, `评委${j}`, typed);
    }
    const read = readAssessment(await XlsxWorkbookSource.fromBuffer(scored).read());
    if (!read.ok) throw new Error(read.failure.code);
    firstIds = read.state.nominees.map((n) => n.id);
  });
  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  it.each([
    ["with its sheet markers", true],
    ["written by the pane (no markers)", false],
  ])(
    "is read by its names once (%s), then gets an identity; no score lost",
    async (_label, markers) => {
      const legacy = path.join(work, `legacy-${markers}.xlsx`);
      await fs.writeFile(legacy, asFirstVersion(scored, markers));
      expect(readIdentity(await XlsxWorkbookSource.fromFile(legacy).read()).kind).toBe("legacy");
      const again = path.join(work, `legacy-${markers}-again.xlsx`);
      const run = await shifan("assess", legacy, "-o", again);
      expect(run).toMatchObject({ code: 0, err: "" });
      expect(run.out).toContain("此工作簿由旧版 shifan 生成");
      expect(readIdentity(await XlsxWorkbookSource.fromFile(again).read()).kind).toBe("identity");
      const scores = scoresById(await reportOf(again));
      for (let j = 1; j <= JUDGES; j++) expect(scores.get(j)).toEqual(expectedScores(firstIds, j));
    }
  );

  it("keeps the panel at five judges when 评委3 was deleted from it", async () => {
    const legacy = path.join(work, "legacy-no-judge3.xlsx");
    await fs.writeFile(
      legacy,
      editWorkbookXml(asFirstVersion(scored, true), (xml) =>
        xml.replace(/<sheet name="评委3"[^>]*\/>/, "")
      )
    );
    const again = path.join(work, "legacy-no-judge3-again.xlsx");
    const run = await shifan("assess", legacy, "-o", again);
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain("评委人数仍为 5");
    const report = await reportOf(again);
    expect(report.rubric.judges).toBe(5);
    const scores = scoresById(report);
    for (const j of [1, 2, 4, 5]) expect(scores.get(j)).toEqual(expectedScores(firstIds, j));
  });
});

describe("a person's own defined names (#12 §4)", () => {
  it("keeps the person's SF_PassLine and gives shifan's formulas another name, the same on every run", async () => {
    const work = await tempDir();
    try {
      const plain = path.join(work, "plain.xlsx");
      await writeGridAsXlsx(sampleNominationGrid(), plain);
      const own = `<definedName name="SF_PassLine">'推荐汇总'!$B$2</definedName>`;
      const input = path.join(work, "in.xlsx");
      await fs.writeFile(
        input,
        editWorkbookXml(await fs.readFile(plain), (xml) =>
          xml.includes("<definedNames>")
            ? xml.replace("<definedNames>", `<definedNames>${own}`)
            : xml.replace("</sheets>", `</sheets><definedNames>${own}</definedNames>`)
        )
      );
      const output = path.join(work, "out.xlsx");
      const run = await shifan("assess", input, "-o", output, "--as-of", "2012-06-30");
      expect(run).toMatchObject({ code: 0, err: "" });
      expect(run.out).toContain("名称 SF_PassLine 已由您自己定义");
      const names = (await XlsxWorkbookSource.fromFile(output).read()).names ?? [];
      const byName = (n: string) => names.filter((x) => x.name === n).map((x) => x.refersTo);
      expect(byName("SF_PassLine")).toEqual(["'推荐汇总'!$B$2"]);
      expect(byName("SF_PassLine_2")).toEqual(["'评分标准'!$B$10"]);
      // 考核表's recommendation formula reads shifan's pass line, not the person's.
      const main = (await XlsxWorkbookSource.fromFile(output).read()).sheets.find(
        (s) => s.name === "考核表"
      );
      const formulas = (main?.rows[2] ?? []).map((cell) => cell?.formula ?? "").join(" ");
      expect(formulas).toContain("SF_PassLine_2");
      expect(formulas).not.toMatch(/SF_PassLine(?!_2)/);
      const again = path.join(work, "again.xlsx");
      expect((await shifan("assess", output, "-o", again)).code).toBe(0);
      const namesAgain = (await XlsxWorkbookSource.fromFile(again).read()).names ?? [];
      expect(
        namesAgain
          .filter((n) => n.name.startsWith("SF_PassLine"))
          .map((n) => [n.name, n.refersTo])
          .sort()
      ).toEqual([
        ["SF_PassLine", "'推荐汇总'!$B$2"],
        ["SF_PassLine_2", "'评分标准'!$B$10"],
      ]);
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  });
});

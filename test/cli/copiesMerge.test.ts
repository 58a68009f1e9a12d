/**
 * Issue #9 §2–§3 through the command line: `shifan copies` writes one workbook per judge; judges fill them in
 * LibreOffice (typing, sorting their rows) and save; `shifan merge` brings the values back by nominee id and
 * criterion, applies the three-way rule against each copy's baseline, refuses foreign, superseded and unreadable
 * files, lists conflicts and values not taken, and changes nothing when run twice. The merged workbook,
 * recalculated by LibreOffice, shows what `shifan report` computes (one soffice call each for the edits and the
 * recalculation).
 */
import { spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import {
  cellAt,
  reportOutputCells,
  type AssessmentReport,
  type MergeReport,
} from "../../src/engine";
import { readIdentity } from "../../src/engine/report/readIdentity";
import { editWithLibreOffice, type WorkbookEdit } from "../../src/tools/libreofficeEdit";
import { readComputedValues, recalculateWorkbooks } from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";
import { compareCells, formatMismatches } from "../crosscheck/compareCells";
import { reportOf, shifan, tempDir, typeNumbers } from "./assessFixtures";

jest.setTimeout(240_000);

const CLI = path.join(__dirname, "../../dist/cli/shifan.js");

const MAXES = [30, 20, 25, 25];
const COLS = ["F", "G", "H", "I"];
/** Judge 1's score for nominee n, criterion c: valid, in steps of 0.5. */
const judge1 = (n: number, c: number): number =>
  ((n * 5 + c * 3) % (2 * (MAXES[c] as number) + 1)) / 2;

function score(report: AssessmentReport, id: string, judge: number, criterion: string) {
  return report.nominees
    .find((n) => n.id === id)
    ?.inputs.scores.find((s) => s.judge === judge && s.criterion === criterion)?.value;
}

async function mergeJson(
  ...argv: string[]
): Promise<{ code: number; report: MergeReport; err: string }> {
  const run = await shifan("merge", ...argv, "--json");
  return {
    code: run.code,
    report: run.code === 0 ? (JSON.parse(run.out) as MergeReport) : ({} as MergeReport),
    err: run.err,
  };
}

let dir: string;
let master: string;
let ids: string[];
const at = (name: string) => path.join(dir, name);

describeWithSoffice("shifan copies and shifan merge", () => {
  beforeAll(async () => {
    dir = await tempDir();
    await writeGridAsXlsx(sampleNominationGrid(), at("nominations.xlsx"));
    expect(
      (
        await shifan(
          "assess",
          at("nominations.xlsx"),
          "-o",
          at("plain.xlsx"),
          "--as-of",
          "2012-06-30"
        )
      ).code
    ).toBe(0);
    // The official had typed two of judge 2's scores before issuing the copies.
    master = at("master.xlsx");
    await fs.writeFile(
      master,
      typeNumbers(await fs.readFile(at("plain.xlsx")), "评委2", { F3: 20, F4: 21 })
    );
    const report = await reportOf(master);
    ids = report.nominees.map((n) => n.id);
    const run = await shifan("copies", master, "-o", at("copies"));
    expect(run).toMatchObject({ code: 0, err: "" });

    const fill: WorkbookEdit[] = [];
    ids.forEach((_id, n) =>
      COLS.forEach((col, c) =>
        fill.push({ kind: "set", sheet: "评委1", cell: `${col}${3 + n}`, value: judge1(n, c) })
      )
    );
    await editWithLibreOffice([
      {
        // Judge 1 scores everything, then sorts the rows by name, newest habit of a judge at home.
        input: at("copies/master-评委1.xlsx"),
        output: at("ret1.xlsx"),
        edits: [
          ...fill,
          {
            kind: "sort",
            sheet: "评委1",
            from: 3,
            to: 2 + ids.length,
            lastColumn: 10,
            byColumn: 2,
            descending: true,
          },
        ],
      },
      {
        // Judge 2 changes the cell the official also changes after issuing (F3), and two others.
        input: at("copies/master-评委2.xlsx"),
        output: at("ret2.xlsx"),
        edits: [
          { kind: "set", sheet: "评委2", cell: "F3", value: 25 },
          { kind: "set", sheet: "评委2", cell: "F4", value: 21 },
          { kind: "set", sheet: "评委2", cell: "G5", value: 15.5 },
          { kind: "set", sheet: "评委2", cell: "B6", value: "改过的名称" },
        ],
      },
      {
        input: at("copies/master-评委3.xlsx"),
        output: at("ret3.xlsx"),
        edits: [
          { kind: "set", sheet: "评委3", cell: "F3", value: "二十" },
          { kind: "set", sheet: "评委3", cell: "G3", value: 21 },
          { kind: "set", sheet: "评委3", cell: "H3", value: 20.5 },
        ],
      },
    ]);
    // After issuing, the official fixed judge 2's F3 in the master.
    await fs.writeFile(
      at("master-fixed.xlsx"),
      typeNumbers(await fs.readFile(master), "评委2", { F3: 11 })
    );
  });
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("writes one workbook per judge, named after the assessment, with that judge's sheet only", async () => {
    const files = (await fs.readdir(at("copies"))).sort();
    expect(files).toEqual([1, 2, 3, 4, 5].map((j) => `master-评委${j}.xlsx`));
    const grid = await XlsxWorkbookSource.fromFile(at("copies/master-评委2.xlsx")).read();
    expect(grid.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["评委2", "visible"],
      ["评分标准", "visible"],
      ["shifan", "veryHidden"],
    ]);
    const entry = grid.sheets[0];
    if (!entry) throw new Error("no entry sheet");
    // Its own scores as issued, and its progress with a cached value (WPS shows cached values).
    expect(cellAt(entry, 3, 6)).toMatchObject({ type: "number", value: 20 });
    // F…I scores, J 回避, K 已评完, L progress.
    expect(cellAt(entry, 1, 12)).toMatchObject({ type: "text", text: `已评完 0 / ${ids.length}` });
    const identity = readIdentity(grid);
    expect(identity.kind === "identity" && identity.entries.get("copy.judge")).toBe("2");
    // The baseline: the judge's cells as issued (trailing blanks are not stored).
    expect(identity.kind === "identity" && identity.entryRows.get(`baseline:${ids[0]}`)).toEqual([
      "20",
    ]);
    // Protected, validation in place, only the score cells unlocked.
    const xml = strFromU8(
      unzipSync(await fs.readFile(at("copies/master-评委2.xlsx")))[
        "xl/worksheets/sheet1.xml"
      ] as Uint8Array
    );
    expect(xml).toContain("<sheetProtection");
    expect(xml).toMatch(/<dataValidation [^>]*type="decimal"[^>]*sqref="F3:F\d+"/);
  });

  it("writes only the judges asked for, and refuses a judge the assessment does not have", async () => {
    expect((await shifan("copies", master, "-o", at("some"), "--judges", "1,3")).code).toBe(0);
    expect((await fs.readdir(at("some"))).sort()).toEqual([
      "master-评委1.xlsx",
      "master-评委3.xlsx",
    ]);
    const run = await shifan("copies", master, "-o", at("none"), "--judges", "9");
    expect(run.code).toBe(2);
    expect(run.err).toContain("没有评委 9");
  });

  it("merges copies re-saved by LibreOffice, sorted rows included, by nominee id; lists the conflict and the values not taken", async () => {
    const out = at("merged.xlsx");
    const { code, report } = await mergeJson(
      at("master-fixed.xlsx"),
      at("ret1.xlsx"),
      at("ret2.xlsx"),
      at("ret3.xlsx"),
      "-o",
      out
    );
    expect(code).toBe(0);
    expect(Object.keys(report)).toEqual(["merged", "refused", "conflicts", "invalid"]);
    expect(report.merged).toEqual([
      { file: "ret1.xlsx", judge: 1, taken: ids.length * 4 },
      { file: "ret2.xlsx", judge: 2, taken: 1 },
      { file: "ret3.xlsx", judge: 3, taken: 1 },
    ]);
    expect(report.refused).toEqual([]);
    expect(report.conflicts).toEqual([
      {
        file: "ret2.xlsx",
        judge: 2,
        nominee: ids[0],
        criterion: "C1",
        cell: "'评委2'!F3",
        master: 11,
        copy: 25,
      },
    ]);
    expect(
      report.invalid.map((v) => [v.file, v.nominee, v.criterion, v.cell, v.value, v.reason])
    ).toEqual([
      ["ret3.xlsx", ids[0], "C1", "'评委3'!F3", "二十", "not_a_number"],
      ["ret3.xlsx", ids[0], "C2", "'评委3'!G3", 21, "out_of_range"],
    ]);
    const merged = await reportOf(out);
    ids.forEach((id, n) =>
      ["C1", "C2", "C3", "C4"].forEach((criterion, c) =>
        expect([id, criterion, score(merged, id, 1, criterion)]).toEqual([
          id,
          criterion,
          judge1(n, c),
        ])
      )
    );
    expect(score(merged, ids[0] as string, 2, "C1")).toBe(11); // the conflict left the master's value
    expect(score(merged, ids[1] as string, 2, "C1")).toBe(21); // unchanged by both
    expect(score(merged, ids[2] as string, 2, "C2")).toBe(15.5);
    expect(score(merged, ids[0] as string, 3, "C3")).toBe(20.5);
    expect(score(merged, ids[0] as string, 3, "C2")).toBeNull();
  });

  it("reads the returns on a worker thread in the built command line, with the same report as in this process", async () => {
    // dist/ is built by `npm test` before jest; the in-process runs above read on the main thread (no compiled worker).
    expect(existsSync(path.join(path.dirname(CLI), "readReturnedCopiesWorker.js"))).toBe(true);
    await fs.writeFile(at("junk-worker.xlsx"), "not a workbook");
    const files = ["ret1.xlsx", "ret2.xlsx", "ret3.xlsx", "junk-worker.xlsx"].map(at);
    const inProcess = await mergeJson(at("master-fixed.xlsx"), ...files, "-o", at("m-here.xlsx"));
    const built = spawnSync(
      process.execPath,
      [CLI, "merge", at("master-fixed.xlsx"), ...files, "-o", at("m-worker.xlsx"), "--json"],
      { encoding: "utf8" }
    );
    expect(built.stderr).toBe("");
    expect(built.status).toBe(0);
    const report = JSON.parse(built.stdout) as MergeReport;
    expect(report.refused).toEqual([{ file: "junk-worker.xlsx", reason: "unreadable" }]);
    expect(report.merged.map((m) => m.taken)).toEqual([ids.length * 4, 1, 1]);
    expect(report).toEqual(inProcess.report);
    const [here, worker] = [await reportOf(at("m-here.xlsx")), await reportOf(at("m-worker.xlsx"))];
    expect(worker.nominees.map((n) => n.inputs)).toEqual(here.nominees.map((n) => n.inputs));
  });

  it("changes nothing when the same copies are merged again", async () => {
    const again = at("merged-again.xlsx");
    const { report } = await mergeJson(
      at("merged.xlsx"),
      at("ret1.xlsx"),
      at("ret2.xlsx"),
      "-o",
      again
    );
    expect(report.merged.map((m) => m.taken)).toEqual([0, 0]);
    const before = await reportOf(at("merged.xlsx"));
    const after = await reportOf(again);
    expect(after.nominees.map((n) => n.inputs)).toEqual(before.nominees.map((n) => n.inputs));
  });

  it("keeps a growing 合并记录 with a link to each cell concerned", async () => {
    const grid = await XlsxWorkbookSource.fromFile(at("merged-again.xlsx")).read();
    const log = grid.sheets.find((s) => s.name === "合并记录");
    if (!log) throw new Error("no 合并记录");
    // 时间 文件 评委 评议组 副本编号 副本版本 发出时间 结果 …: 结果 is column H.
    expect(log.rows[1]?.slice(0, 8).map((c) => (c?.type === "text" ? c.text : null))).toEqual([
      "时间",
      "文件",
      "评委",
      "评议组",
      "副本编号",
      "副本版本",
      "发出时间",
      "结果",
    ]);
    const results = log.rows
      .slice(2)
      .map((row) => (row?.[7]?.type === "text" ? row[7].text : null));
    expect(results.filter((r) => r === "已合并")).toHaveLength(5);
    expect(results).toContain("冲突");
    expect(results).toContain("未采用");
    const parts = unzipSync(await fs.readFile(at("merged-again.xlsx")));
    const sheetXml = Object.entries(parts)
      .filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
      .map(([, bytes]) => strFromU8(bytes))
      .find((xml) => xml.includes("<hyperlink") && xml.includes("评委2"));
    expect(sheetXml).toMatch(/<hyperlink [^>]*location="'评委2'!F3"/);
  });

  it("refuses a foreign copy, an unreadable file and a superseded copy, and still writes OUT", async () => {
    // Another assessment of the same nominations: its own id.
    expect((await shifan("assess", at("nominations.xlsx"), "-o", at("other.xlsx"))).code).toBe(0);
    expect(
      (await shifan("copies", at("other.xlsx"), "-o", at("other-copies"), "--judges", "1")).code
    ).toBe(0);
    await fs.writeFile(at("junk.xlsx"), "not a workbook");
    // A second copy for judge 1, issued later than ret1's.
    expect((await shifan("copies", master, "-o", at("later"), "--judges", "1")).code).toBe(0);
    const out = at("refusals.xlsx");
    const { code, report } = await mergeJson(
      master,
      at("other-copies/other-评委1.xlsx"),
      at("junk.xlsx"),
      at("ret1.xlsx"),
      at("later/master-评委1.xlsx"),
      "-o",
      out
    );
    expect(code).toBe(0);
    expect(report.refused).toEqual([
      { file: "other-评委1.xlsx", reason: "foreign" },
      { file: "junk.xlsx", reason: "unreadable" },
      { file: "ret1.xlsx", reason: "superseded" },
    ]);
    expect(report.merged.map((m) => m.file)).toEqual(["master-评委1.xlsx"]);
    await fs.access(out);
    // --prefer-copy takes the older copy on purpose.
    const preferred = await mergeJson(
      master,
      at("ret1.xlsx"),
      at("later/master-评委1.xlsx"),
      "-o",
      at("preferred.xlsx"),
      "--prefer-copy"
    );
    expect(preferred.report.refused).toEqual([]);
    expect(preferred.report.merged.find((m) => m.file === "ret1.xlsx")?.taken).toBe(ids.length * 4);
  });

  it("says why in both languages in the text output", async () => {
    const run = await shifan(
      "merge",
      master,
      at("junk.xlsx"),
      at("ret3.xlsx"),
      "-o",
      at("text.xlsx")
    );
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /未合并 junk\.xlsx（unreadable）：.* \/ refused junk\.xlsx \(unreadable\)/
    );
    expect(run.out).toMatch(/未采用 '评委3'!G3.*超出 0～20 .* not taken .*21 is outside 0–20/);
  });

  it("exits 2 without writing OUT when the assessment itself is unusable", async () => {
    const out = at("never.xlsx");
    const run = await shifan("merge", at("nominations.xlsx"), at("ret1.xlsx"), "-o", out);
    expect(run.code).toBe(2);
    expect(run.err).toContain("not an assessment workbook");
    await expect(fs.access(out)).rejects.toThrow();
  });

  it("shows, recalculated by LibreOffice, what shifan report computes for the merged workbook", async () => {
    const [recalculated] = await recalculateWorkbooks([at("merged.xlsx")], at("recalc"));
    const report = await reportOf(at("merged.xlsx"));
    const expected = reportOutputCells(report);
    const sheets = [
      ...new Set(expected.map((cell) => cell.ref.replace(/!.*$/, "").replace(/^'|'$/g, ""))),
    ];
    const computed = await readComputedValues(recalculated as string, sheets);
    const mismatches = compareCells(expected, computed);
    if (mismatches.length > 0) throw new Error(formatMismatches(mismatches, "LibreOffice"));
    expect(expected.length).toBeGreaterThan(ids.length * 8);
  });
});

/**
 * Rater groups' copies through the command line (三评议, decision 0025): `shifan copies` writes one workbook per
 * group beside the judges'; the group's scores are typed in LibreOffice, its rows sorted, and saved; `shifan merge`
 * brings every value back by nominee id and 评议人 header, lists a conflict and the values the sheet would not count,
 * changes nothing the second time and refuses a copy whose rater count is no longer the assessment's (one soffice
 * call for every edit).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { BUILTIN_RUBRICS, cellAt, type MergeReport } from "../../src/engine";
import { rubricSheetLayout } from "../../src/engine/plan/assessmentLayout";
import { readIdentity } from "../../src/engine/report/readIdentity";
import { editWithLibreOffice, type WorkbookEdit } from "../../src/tools/libreofficeEdit";
import { describeWithSoffice } from "../support/loSuite";
import { reportOf, shifan, tempDir, typeNumbers } from "./assessFixtures";

jest.setTimeout(240_000);

const PEERS = "评议_peers";
const RATERS = 10;
/** Rater r's column letter on the group's sheet: F… */
const column = (rater: number) => String.fromCharCode(64 + 5 + rater);
/** Rater r's score for the nominee on row 3 + i of the copy as issued: valid, 0…100 on the 0.5 step. */
const scoreOf = (i: number, rater: number) => ((i * 7 + rater * 13) % 201) / 2;

/** Each nominee's 党员互评 scores as `report` reads them. */
async function raterScores(file: string): Promise<Map<string, unknown[]>> {
  const report = await reportOf(file);
  return new Map(
    report.nominees.map((nominee) => [
      nominee.id,
      nominee.inputs.raters.filter((s) => s.group === "peers").map((s) => s.value),
    ])
  );
}

async function mergeJson(...argv: string[]): Promise<{ code: number; report: MergeReport }> {
  const run = await shifan("merge", ...argv, "--json");
  if (run.code !== 0) throw new Error(run.err);
  return { code: run.code, report: JSON.parse(run.out) as MergeReport };
}

let dir: string;
let master: string;
let ids: string[];
const at = (name: string) => path.join(dir, name);

describeWithSoffice("shifan copies and shifan merge of a rater group's copy (三评议)", () => {
  beforeAll(async () => {
    dir = await tempDir();
    await writeGridAsXlsx(sampleNominationGrid(), at("nominations.xlsx"));
    const assessed = await shifan(
      "assess",
      at("nominations.xlsx"),
      "-o",
      at("plain.xlsx"),
      "--rubric",
      "sanpingyi",
      "--judges",
      "3",
      "--as-of",
      "2012-06-30"
    );
    expect(assessed).toMatchObject({ code: 0, err: "" });
    // Two members' scores were typed in the master before the copies went out.
    master = at("master.xlsx");
    await fs.writeFile(
      master,
      typeNumbers(await fs.readFile(at("plain.xlsx")), PEERS, { F3: 88, G3: 92 })
    );
    ids = (await reportOf(master)).nominees.map((n) => n.id);
    const run = await shifan("copies", master, "-o", at("copies"));
    expect(run).toMatchObject({ code: 0, err: "" });

    // The group's secretary types every member's score except H4 (typed 75), then sorts the rows by name.
    const fill: WorkbookEdit[] = [];
    ids.forEach((_id, i) => {
      for (let r = 1; r <= RATERS; r++)
        fill.push({
          kind: "set",
          sheet: PEERS,
          cell: `${column(r)}${3 + i}`,
          value: i === 1 && r === 3 ? 75 : scoreOf(i, r),
        });
    });
    const copy = at(`copies/master-${PEERS}.xlsx`);
    await editWithLibreOffice([
      {
        input: copy,
        output: at("peers-back.xlsx"),
        edits: [
          ...fill,
          {
            kind: "sort",
            sheet: PEERS,
            from: 3,
            to: 2 + ids.length,
            lastColumn: 5 + RATERS,
            byColumn: 2,
            descending: true,
          },
        ],
      },
      {
        input: copy,
        output: at("peers-bad.xlsx"),
        edits: [
          { kind: "set", sheet: PEERS, cell: "F5", value: 101 },
          { kind: "set", sheet: PEERS, cell: "G5", value: 50.3 },
          { kind: "set", sheet: PEERS, cell: "H5", value: "优" },
          { kind: "set", sheet: PEERS, cell: "I5", value: 100 },
        ],
      },
    ]);
    // After issuing, the official typed H4 in the master.
    await fs.writeFile(
      at("master-fixed.xlsx"),
      typeNumbers(await fs.readFile(master), PEERS, { H4: 70 })
    );
  });
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("writes one workbook per rater group beside the judges', with the group's sheet, its stamp and cached values", async () => {
    expect((await fs.readdir(at("copies"))).sort()).toEqual([
      "master-评委1.xlsx",
      "master-评委2.xlsx",
      "master-评委3.xlsx",
      `master-${PEERS}.xlsx`,
    ]);
    const file = at(`copies/master-${PEERS}.xlsx`);
    const grid = await XlsxWorkbookSource.fromFile(file).read();
    expect(grid.sheets.map((s) => [s.name, s.visibility])).toEqual([
      [PEERS, "visible"],
      ["评分标准", "visible"],
      ["shifan", "veryHidden"],
    ]);
    const entry = grid.sheets[0];
    if (!entry) throw new Error("no entry sheet");
    expect([cellAt(entry, 3, 6), cellAt(entry, 3, 7)]).toMatchObject([
      { type: "number", value: 88 },
      { type: "number", value: 92 },
    ]);
    // F…O raters, P…Y their hidden 计入, Z 已评完, AA the progress.
    expect(cellAt(entry, 2, 15)).toMatchObject({ type: "text", text: "评议人10\n（0～100）" });
    expect(cellAt(entry, 1, 27)).toMatchObject({ type: "text", text: `已评完 0 / ${ids.length}` });
    const identity = readIdentity(grid);
    if (identity.kind !== "identity") throw new Error("no identity");
    expect(
      ["copy.group", "copy.entry", "copy.version", "copy.judge"].map((k) => identity.entries.get(k))
    ).toEqual(["peers", "raters_peers", "1", undefined]);
    expect(identity.entryRows.get(`baseline:${ids[0]}`)).toEqual(["88", "92"]);
    const xml = strFromU8(
      unzipSync(await fs.readFile(file))["xl/worksheets/sheet1.xml"] as Uint8Array
    );
    expect(xml).toContain("<sheetProtection");
    expect(xml).toMatch(
      new RegExp(`<dataValidation [^>]*type="decimal"[^>]*sqref="F3:O${2 + ids.length}"`)
    );
    // Every formula written with its value (WPS shows cached values until a cell is edited).
    const formulaCells = (xml.match(/<c [^>]*>(?:(?!<\/c>).)*<\/c>/g) ?? []).filter((c) =>
      c.includes("<f")
    );
    expect(formulaCells.length).toBeGreaterThan(ids.length * RATERS);
    expect(formulaCells.filter((c) => !c.includes("<v>"))).toEqual([]);
  });

  it("writes only the groups asked for, by code or by name, and refuses a group the assessment does not have", async () => {
    expect((await shifan("copies", master, "-o", at("g1"), "--groups", "peers")).code).toBe(0);
    expect(await fs.readdir(at("g1"))).toEqual([`master-${PEERS}.xlsx`]);
    const both = await shifan(
      "copies",
      master,
      "-o",
      at("g2"),
      "--groups",
      "党员互评",
      "--judges",
      "2"
    );
    expect(both.code).toBe(0);
    expect((await fs.readdir(at("g2"))).sort()).toEqual([
      "master-评委2.xlsx",
      `master-${PEERS}.xlsx`,
    ]);
    expect(both.out).toContain("评议组 peers（党员互评，10 位评议人）");
    const run = await shifan("copies", master, "-o", at("g3"), "--groups", "leaders");
    expect(run.code).toBe(2);
    expect(run.err).toContain("没有评议组“leaders”：此考核工作簿的评议组为 peers（党员互评）");
  });

  it("merges the copy re-saved by LibreOffice with every value, its sorted rows by id; lists the conflict and keeps the master's", async () => {
    const out = at("merged.xlsx");
    const { report } = await mergeJson(at("master-fixed.xlsx"), at("peers-back.xlsx"), "-o", out);
    expect(report.merged).toEqual([
      { file: "peers-back.xlsx", judge: null, group: "peers", taken: ids.length * RATERS - 1 },
    ]);
    expect(report.refused).toEqual([]);
    expect(report.invalid).toEqual([]);
    expect(report.conflicts).toEqual([
      {
        file: "peers-back.xlsx",
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
    const scores = await raterScores(out);
    ids.forEach((id, i) =>
      expect([id, scores.get(id)]).toEqual([
        id,
        Array.from({ length: RATERS }, (_u, r) => (i === 1 && r === 2 ? 70 : scoreOf(i, r + 1))),
      ])
    );
    // 合并记录: the group in its own column.
    const grid = await XlsxWorkbookSource.fromFile(out).read();
    const log = grid.sheets.find((s) => s.name === "合并记录");
    const line = (row: number) =>
      [3, 4, 8, 11].map((c) => {
        const cell = log ? cellAt(log, row, c) : null;
        return cell?.type === "text" ? cell.text : null;
      });
    expect([line(3), line(4)]).toEqual([
      [null, "peers", "已合并", null],
      [null, "peers", "冲突", "评议人3"],
    ]);
  });

  it("lists the values the sheet would not count, in both languages in the text output, and takes the rest", async () => {
    const { report } = await mergeJson(master, at("peers-bad.xlsx"), "-o", at("bad.xlsx"));
    expect(
      report.invalid.map((v) => [v.cell, v.judge === null ? v.rater : null, v.value, v.reason])
    ).toEqual([
      [`'${PEERS}'!F5`, 1, 101, "out_of_range"],
      [`'${PEERS}'!G5`, 2, 50.3, "off_step"],
      [`'${PEERS}'!H5`, 3, "优", "not_a_number"],
    ]);
    expect(report.merged.map((m) => m.taken)).toEqual([1]);
    expect((await raterScores(at("bad.xlsx"))).get(ids[2] as string)?.slice(0, 4)).toEqual([
      null,
      null,
      null,
      100,
    ]);
    const text = await shifan("merge", master, at("peers-bad.xlsx"), "-o", at("bad-text.xlsx"));
    expect(text.out).toContain(
      "已合并 peers-bad.xlsx：评议组 peers，采用 1 格 / merged peers-bad.xlsx: rater group peers, 1 cells taken"
    );
    expect(text.out).toMatch(
      /未采用 '评议_peers'!F5（peers-bad\.xlsx，\S+ 评议人1，out_of_range）：101 超出 0～100 .* rater 1, out_of_range\): 101 is outside 0–100/
    );
  });

  it("changes nothing when the same copy is merged again", async () => {
    const { report } = await mergeJson(
      at("merged.xlsx"),
      at("peers-back.xlsx"),
      "-o",
      at("again.xlsx")
    );
    expect(report.merged).toEqual([
      { file: "peers-back.xlsx", judge: null, group: "peers", taken: 0 },
    ]);
    expect(await raterScores(at("again.xlsx"))).toEqual(await raterScores(at("merged.xlsx")));
  });

  it("refuses a copy whose rater count is no longer the assessment's 评议人数, and still writes OUT", async () => {
    // 评议人数 10 → 12 on 评分标准, the workbook assessed again: the group's sheet has twelve rater columns.
    const row =
      rubricSheetLayout(4, BUILTIN_RUBRICS.sanpingyi.gradeBands.length).raterGroupsHeaderRow + 1;
    await fs.writeFile(
      at("edited.xlsx"),
      typeNumbers(await fs.readFile(master), "评分标准", { [`D${row}`]: 12 })
    );
    expect((await shifan("assess", at("edited.xlsx"), "-o", at("twelve.xlsx"))).code).toBe(0);
    expect((await raterScores(at("twelve.xlsx"))).get(ids[0] as string)).toHaveLength(12);
    const { code, report } = await mergeJson(
      at("twelve.xlsx"),
      at("peers-back.xlsx"),
      "-o",
      at("refused.xlsx")
    );
    expect(code).toBe(0);
    expect(report.refused).toEqual([{ file: "peers-back.xlsx", reason: "wrong_entry_sheet" }]);
    expect(report.merged).toEqual([]);
    await fs.access(at("refused.xlsx"));
    const text = await shifan(
      "merge",
      at("twelve.xlsx"),
      at("peers-back.xlsx"),
      "-o",
      at("refused-text.xlsx")
    );
    expect(text.out).toContain("评议人 10 ≠ 12");
  });
});

import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/shifan";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { type AssessmentReport } from "../../src/engine";
import { readAssessment } from "../../src/engine/report/readAssessment";
import { captureIo, exists, tempDir, typeNumbers, writeNominations } from "./assessFixtures";

jest.setTimeout(60_000);

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function assess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(["assess", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("shifan assess", () => {
  it("writes an assessment workbook with every generated sheet after the untouched source", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    const run = await assess([
      input,
      "-o",
      output,
      "--judges",
      "3",
      "--quota",
      "province=2",
      "--as-of",
      "2012-06-30",
    ]);
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain("推荐对象 3 个");
    const grid = await XlsxWorkbookSource.fromFile(output).read();
    expect(grid.sheets.map((s) => s.name)).toEqual([
      "推荐汇总",
      "评分标准",
      "评委1",
      "评委2",
      "评委3",
      "考核表",
      "汇总",
      "公示名单",
      "评委分析",
      "校验结果",
      "回避",
      "shifan",
    ]);
    expect(grid.sheets.map((s) => s.visibility)).toEqual([
      ...Array.from({ length: 11 }, () => "visible"),
      "veryHidden",
    ]);
    const read = readAssessment(grid);
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.nominees.map((n) => [n.id, n.name])).toEqual([
      ["SF-0001", "阳光社区党支部"],
      ["SF-0002", "星沙街道党工委"],
      ["SF-0003", "桃花村党总支"],
    ]);
    expect(read.state.rubric.quotas.byTier.province).toBe(2);
    expect(read.state.asOf).toBe("2012-06-30");
  });

  it("counts errors and warnings and names the rows it carried with errors", async () => {
    const input = await writeNominations(dir, ["阳光社区党支部", "", "阳光社区党支部"]);
    const run = await assess([input, "-o", path.join(dir, "out.xlsx")]);
    expect(run).toMatchObject({ code: 0, err: "" });
    // Row 4 has no name (an error); row 5 repeats row 3 (a warning).
    expect(run.out).toContain(
      "问题：1 个错误，1 个提醒，见“校验结果” / issues: 1 error, 1 warning (see 校验结果)"
    );
    expect(run.out).toContain(
      '  SF-0002 推荐汇总 第 4 行（无名称）：缺少必填项“名称” / required field "name" is empty\n'
    );
    expect(run.out).not.toMatch(/SF-000[13] 推荐汇总/);
  });

  it("lists no rows when nothing is wrong", async () => {
    const run = await assess([await writeNominations(dir), "-o", path.join(dir, "out.xlsx")]);
    expect(run.out).toContain("问题：0 个错误，0 个提醒");
    expect(run.out).not.toContain("带错误写入");
  });

  it("keeps entered scores and parameter edits when run again, and applies the judges asked for", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    expect((await assess([input, "-o", output, "--judges", "3"])).code).toBe(0);

    // A judge types a score; the official raises the pass line (评分标准!B10).
    let bytes = typeNumbers(await fs.readFile(output), "评委2", { G3: 17.5 });
    bytes = typeNumbers(bytes, "评分标准", { B10: 88 });
    const edited = path.join(dir, "edited.xlsx");
    await fs.writeFile(edited, bytes);

    const again = path.join(dir, "again.xlsx");
    const run = await assess([edited, "-o", again, "--judges", "7"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain(
      "已保留 1 个推荐对象已录入的 1 项评分 / kept the 1 scores entered for 1 nominees"
    );
    expect(run.out).toContain("评委人数由 3 改为 7 / judges: 3 → 7");
    expect(run.out).toContain("推荐分数线 88");
    const read = readAssessment(await XlsxWorkbookSource.fromFile(again).read());
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.rubric.judges).toBe(7);
    expect(read.state.rubric.passLine).toBe(88);
    expect(read.state.nominees.map((n) => n.id)).toEqual(["SF-0001", "SF-0002", "SF-0003"]);
    expect(read.state.nominees[0]?.inputs.scores[1]?.[1]).toBe(17.5);
  });

  it("keeps the workbook's rubric and judges when the options name neither, and says nothing changed", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    expect((await assess([input, "-o", output, "--rubric", "wuhao", "--judges", "4"])).code).toBe(
      0
    );
    const again = path.join(dir, "again.xlsx");
    const run = await assess([output, "-o", again]);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(/评委人数由|评分标准由/);
    const read = readAssessment(await XlsxWorkbookSource.fromFile(again).read());
    if (!read.ok) throw new Error(read.failure.code);
    expect([read.state.rubric.id, read.state.rubric.judges]).toEqual(["wuhao", 4]);
  });

  it("drops a judge sheet that holds no score when fewer judges are asked for", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    expect((await assess([input, "-o", output, "--judges", "4"])).code).toBe(0);
    const edited = path.join(dir, "edited.xlsx");
    await fs.writeFile(edited, typeNumbers(await fs.readFile(output), "评委1", { F3: 28 }));
    const again = path.join(dir, "again.xlsx");
    expect((await assess([edited, "-o", again, "--judges", "3"])).code).toBe(0);
    const grid = await XlsxWorkbookSource.fromFile(again).read();
    expect(grid.sheets.map((sheet) => sheet.name)).not.toContain("评委4");
    const read = readAssessment(grid);
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.rubric.judges).toBe(3);
    expect(read.state.nominees[0]?.inputs.scores[0]?.[0]).toBe(28);
  });

  it("refuses fewer judges than the minimum of three, writing nothing (RULES §4.5)", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    const run = await assess([input, "-o", output, "--judges", "2"]);
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expect(run.err).toMatch(
      /^评委人数 2 少于最少评委人数 3：.*--min-judges 2.* \/ 2 judges is fewer than the minimum of 3/
    );
    expect(await exists(output)).toBe(false);
    // Three judges meet the minimum.
    expect((await assess([input, "-o", output, "--judges", "3"])).code).toBe(0);
  });

  it("lowers the minimum of judges only when asked, and says so on 评分标准", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    const run = await assess([input, "-o", output, "--judges", "2", "--min-judges", "2"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain(
      "最少评委人数由 3 改为 2（低于规则默认的 3 人，按明确要求设定，已写在“评分标准”表上） / minimum judges: 3 → 2"
    );
    const grid = await XlsxWorkbookSource.fromFile(output).read();
    const read = readAssessment(grid);
    if (!read.ok) throw new Error(read.failure.code);
    expect([read.state.rubric.judges, read.state.rubric.minJudges]).toEqual([2, 2]);
    const sheet = grid.sheets.find((s) => s.name === "评分标准");
    const row = sheet?.rows.find((r) => {
      const label = r?.[0];
      return label?.type === "text" && label.text === "最少评委人数";
    });
    expect(row?.[1]).toMatchObject({ type: "number", value: 2 });
    const hint = row?.[2];
    expect(hint?.type === "text" ? hint.text : "").toContain("低于规则默认的 3 人，系明确设定");
    // A minimum above the judges is refused too.
    const more = await assess([
      input,
      "-o",
      path.join(dir, "b.xlsx"),
      "--judges",
      "3",
      "--min-judges",
      "4",
    ]);
    expect(more.code).toBe(2);
    expect(more.err).toContain("评委人数 3 少于最少评委人数 4");
    expect((await assess([input, "-o", output, "--min-judges", "0"])).code).toBe(2);
  });

  it("refuses fewer judges while a removed judge's sheet holds scores, writing nothing", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    expect((await assess([input, "-o", output, "--judges", "3"])).code).toBe(0);
    const edited = path.join(dir, "edited.xlsx");
    await fs.writeFile(edited, typeNumbers(await fs.readFile(output), "评委3", { F4: 28 }));
    const again = path.join(dir, "again.xlsx");
    const run = await assess([edited, "-o", again, "--judges", "2"]);
    expect(run.code).toBe(2);
    expect(run.err.trim().split("\n")).toEqual([
      "评委人数从 3 减为 2 会丢失“评委3”中已录入的评分，未作任何修改 / going from 3 judges to 2 would drop the scores entered on 评委3; nothing was changed",
    ]);
    expect(await exists(again)).toBe(false);
  });

  it("refuses another rubric once scores are entered", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    expect((await assess([input, "-o", output, "--judges", "3"])).code).toBe(0);
    const edited = path.join(dir, "edited.xlsx");
    await fs.writeFile(edited, typeNumbers(await fs.readFile(output), "评委2", { G3: 17.5 }));
    const run = await assess([edited, "-o", path.join(dir, "again.xlsx"), "--rubric", "wuhao"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("评委2");
    expect(run.err).toContain("wuhao");
  });

  it("changes the rubric of a workbook with no score entered, and says so", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    expect((await assess([input, "-o", output])).code).toBe(0);
    const again = path.join(dir, "again.xlsx");
    const run = await assess([output, "-o", again, "--rubric", "wuhao"]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("评分标准由“baiqianwan”改为“wuhao”");
    const read = readAssessment(await XlsxWorkbookSource.fromFile(again).read());
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.rubric.criteria).toHaveLength(5);
  });

  it("refuses to overwrite the input without --in-place", async () => {
    const input = await writeNominations(dir);
    const before = await fs.readFile(input);
    const run = await assess([input, "-o", input]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("--in-place");
    expect(run.err.trim().split("\n")).toHaveLength(1);
    expect(await fs.readFile(input)).toEqual(before);
  });

  it("overwrites the input with --in-place", async () => {
    const input = await writeNominations(dir);
    expect((await assess([input, "--in-place"])).code).toBe(0);
    expect(readAssessment(await XlsxWorkbookSource.fromFile(input).read()).ok).toBe(true);
  });

  it("exits 2 and writes nothing for a damaged input", async () => {
    const input = path.join(dir, "broken.xlsx");
    await fs.writeFile(input, "not a workbook at all");
    const output = path.join(dir, "out.xlsx");
    const run = await assess([input, "-o", output]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/ \/ /);
    expect(await exists(output)).toBe(false);
  });

  it("exits 2 and leaves no file when the output folder does not exist", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "missing", "out.xlsx");
    const run = await assess([input, "-o", output]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("无法写入");
    expect(await fs.readdir(dir)).toEqual(["nominations.xlsx"]);
  });

  it("exits 2 for a workbook without a nomination table", async () => {
    const input = await writeNominations(dir, []);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("说明").getCell("A1").value = "填表说明";
    await workbook.xlsx.writeFile(input);
    const run = await assess([input, "-o", path.join(dir, "out.xlsx")]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("no nomination table");
  });

  it.each([
    [["--judges", "0"], "judges"],
    [["--quota", "planet=3"], "--quota"],
    [["--as-of", "2011-02-30"], "--as-of"],
    [["--rubric", "nowhere.json"], "nowhere.json"],
    [["--colour"], "unknown option"],
  ])("exits 2 for bad arguments %j", async (extra, mention) => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "out.xlsx");
    const run = await assess([input, "-o", output, ...extra]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(mention);
    expect(await exists(output)).toBe(false);
  });

  it("assesses against a rubric file, and refuses an invalid one", async () => {
    const input = await writeNominations(dir);
    const rubricFile = path.join(dir, "rubric.json");
    await fs.writeFile(
      rubricFile,
      JSON.stringify({
        id: "town",
        title: "乡镇考核",
        criteria: [{ id: "K1", label: "发展", max: 100 }],
        judges: 3,
      })
    );
    const output = path.join(dir, "out.xlsx");
    expect((await assess([input, "-o", output, "--rubric", rubricFile])).code).toBe(0);
    const read = readAssessment(await XlsxWorkbookSource.fromFile(output).read());
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.state.rubric.criteria.map((c) => [c.id, c.max])).toEqual([["K1", 100]]);
    expect(read.state.rubric.judges).toBe(3);

    await fs.writeFile(rubricFile, JSON.stringify({ id: "town", criteria: [] }));
    const bad = await assess([input, "-o", path.join(dir, "bad.xlsx"), "--rubric", rubricFile]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("rubric file");
    expect(await exists(path.join(dir, "bad.xlsx"))).toBe(false);
  });

  it("exits 2 without -o or --in-place", async () => {
    const input = await writeNominations(dir);
    expect((await assess([input])).code).toBe(2);
  });

  it("produces a workbook that `report --json` evaluates from its inputs", async () => {
    const input = await writeNominations(dir);
    const output = path.join(dir, "assessed.xlsx");
    await assess([input, "-o", output, "--judges", "3", "--as-of", "2012-06-30"]);
    // Every judge gives full marks to the first nominee; satisfaction 90: panel 100, total 0.8·100 + 0.2·90 = 98 → 优秀.
    let bytes: Uint8Array = await fs.readFile(output);
    for (const judge of ["评委1", "评委2", "评委3"])
      bytes = typeNumbers(bytes, judge, { F3: 30, G3: 20, H3: 25, I3: 25 });
    bytes = typeNumbers(bytes, "考核表", { K3: 90 });
    await fs.writeFile(output, bytes);

    const io = captureIo();
    expect(await main(["report", output, "--json"], io)).toBe(0);
    const report = JSON.parse(io.out()) as AssessmentReport;
    expect(report.asOf).toBe("2012-06-30");
    expect(report.nominees[0]?.outputs.total).toEqual({ cell: "'考核表'!M3", value: 98 });
    expect(report.nominees[0]?.outputs.grade.value).toBe("优秀");
    expect(report.nominees[0]?.outputs.rank.value).toBe(1);
    expect(report.nominees[1]?.outputs.total.value).toBeNull();
  });
});

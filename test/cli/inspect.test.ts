import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/shifan";
import type { CliIo } from "../../src/cli/CliIo";
import { FIELDS } from "../../src/engine";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { writeGridAsXlsx } from "../../src/samples/writeSampleXlsx";
import { gridFromRows, workbookOf } from "../support/grids";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(["inspect", ...args], io);
  return { code, stdout, stderr };
}

const sha256 = async (file: string): Promise<string> =>
  createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");

describe("shifan inspect", () => {
  let dir: string;
  let sample: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-inspect-"));
    sample = path.join(dir, "sample.xlsx");
    await writeGridAsXlsx(sampleNominationGrid(), sample);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("prints the --json document with its keys in contract order", async () => {
    const { code, stdout, stderr } = await run(sample, "--json");
    expect([code, stderr]).toEqual([0, ""]);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["file", "tables", "nominees", "issues"]);
    expect(json.file).toBe(sample);
    expect(Object.keys(json.tables[0])).toEqual([
      "sheet",
      "headerRows",
      "firstDataRow",
      "lastDataRow",
      "columns",
    ]);
    expect(json.tables[0]).toMatchObject({
      sheet: "推荐汇总",
      headerRows: [3, 4],
      firstDataRow: 5,
      lastDataRow: 37,
    });
    expect(json.tables[0].columns[2]).toEqual({
      column: "C",
      header: "党组织基本情况/名称",
      field: "name",
      confidence: 0.95,
    });
    expect(Object.keys(json.nominees[0])).toEqual(["sheet", "row", ...FIELDS]);
    expect(json.nominees).toHaveLength(30);
    expect(Object.keys(json.issues[0])).toEqual([
      "code",
      "severity",
      "sheet",
      "row",
      "cell",
      "field",
      "message",
    ]);
  });

  it("writes dates as ISO, codes for sector and tier, and null for what cannot be read", async () => {
    const json = JSON.parse((await run(sample, "--json")).stdout);
    const byRow = (row: number) => json.nominees.find((n: { row: number }) => n.row === row);
    expect(byRow(5)).toMatchObject({
      sector: "township",
      tier: "province",
      nominatedOn: "2011-05-10",
      lastReviewVeto: null,
    });
    expect(byRow(8)).toMatchObject({ nominatedOn: null });
    expect(byRow(13)).toMatchObject({ sector: null });
  });

  it("writes messages in Chinese by default and in English with --lang en", async () => {
    const zh = JSON.parse((await run(sample, "--json")).stdout);
    const en = JSON.parse((await run(sample, "--json", "--lang", "en")).stdout);
    const dateIssue = (json: { issues: Array<{ code: string; message: string }> }) =>
      json.issues.find((i) => i.code === "invalid_date")?.message;
    expect(dateIssue(zh)).toBe("推荐汇总!I8：无法识别的日期“2011-02-30”");
    expect(dateIssue(en)).toBe('推荐汇总!I8: "2011-02-30" is not a valid date');
  });

  it("prints a readable summary per sheet: the column mapping, sectors, and issues grouped by their Chinese name", async () => {
    const { code, stdout } = await run(sample);
    expect(code).toBe(0);
    expect(stdout).toContain("工作表“推荐汇总”：表头第 3、4 行，数据第 5–37 行，推荐对象 30 个");
    expect(stdout).toContain(
      "  列与字段：\n    A “序号” → （不使用）\n    B “推荐单位” → 推荐单位（地区）\n    C “党组织基本情况/名称” → 名称\n"
    );
    expect(stdout).toContain("  按领域：乡镇党委 3，");
    expect(stdout).toContain("工作表“填表说明”：没有推荐表格，已跳过");
    expect(stdout).toMatch(/\n {2}领域有歧义（1）\n {4}推荐汇总!D13：/);
    // No issue code and no ASCII punctuation after a Chinese character in the Chinese text.
    expect(stdout).not.toMatch(/[a-z]+_[a-z]+/);
    expect(stdout).not.toMatch(/[\u4e00-\u9fff][,:;()]/);
  });

  it("prints English names of sectors, fields and issues with --lang en, plurals right", async () => {
    const en = (await run(sample, "--lang=en")).stdout;
    expect(en).toContain('sheet "推荐汇总": header rows 3, 4, data rows 5–37, 30 nominees');
    expect(en).toContain('    C "党组织基本情况/名称" → name\n');
    expect(en).toContain("  by sector: Township 3, Village 3, ");
    expect(en).toMatch(/\n {2}Ambiguous sector \(1\)\n {4}推荐汇总!D13: /);
    expect(en).toContain("issues: 2 errors, 3 warnings");
    expect(en).not.toMatch(/\b(township|public_institution|ambiguous_sector)\b/);
  });

  it("never modifies the input file", async () => {
    const before = await sha256(sample);
    await run(sample, "--json");
    await run(sample);
    expect(await sha256(sample)).toBe(before);
  });

  async function expectFatal(args: string[], zh: string, en: string): Promise<void> {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toEqual([`${zh} / ${en}`, ""]);
  }

  it("exits 2 with one bilingual line for a missing file", async () => {
    const missing = path.join(dir, "missing.xlsx");
    await expectFatal([missing, "--json"], `找不到文件 ${missing}`, `file not found: ${missing}`);
  });

  it("exits 2 for a file that is not an .xlsx", async () => {
    const csv = path.join(dir, "list.xlsx");
    await fs.writeFile(csv, "序号,名称\n1,城关镇党委\n");
    await expectFatal(
      [csv],
      `${csv} 不是可读取的工作簿（可读取 .xlsx、.xlsm、.xls、.et、.ett、.ods；如为其他格式，请在 Excel 或 WPS 中另存为 .xlsx）`,
      `${csv} is not a workbook shifan can read (.xlsx, .xlsm, .xls, .et, .ett, .ods; save other kinds as .xlsx in Excel or WPS)`
    );
  });

  it("exits 2 for a truncated workbook", async () => {
    const bytes = await fs.readFile(sample);
    const truncated = path.join(dir, "truncated.xlsx");
    await fs.writeFile(truncated, bytes.subarray(0, bytes.length - 200));
    await expectFatal(
      [truncated, "--json"],
      `${truncated} 已损坏或不完整，无法读取`,
      `${truncated} is damaged or truncated and cannot be read`
    );
  });

  it("exits 2 for a workbook with no nomination table", async () => {
    const empty = path.join(dir, "instructions.xlsx");
    await writeGridAsXlsx(
      workbookOf(gridFromRows([["填表说明"], ["请按十一个领域填写"]], { name: "填表说明" })),
      empty
    );
    await expectFatal(
      [empty],
      `${empty} 中没有找到推荐表格`,
      `no nomination table found in ${empty}`
    );
  });

  it("exits 2 for bad arguments", async () => {
    expect((await run()).code).toBe(2);
    expect((await run(sample, "--lang", "fr")).stderr).toMatch(
      /^参数有误：.* \/ bad argument: .*\n$/
    );
    expect((await run(sample, "--csv")).code).toBe(2);
  });
});

import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/shifan";
import type { AssessmentReport } from "../../src/engine";
import { typeCells } from "../support/typeCells";
import { captureIo, tempDir, typeNumbers, writeNominations } from "./assessFixtures";

jest.setTimeout(60_000);

let dir: string;
let assessed: string;
beforeAll(async () => {
  dir = await tempDir();
  const input = await writeNominations(dir);
  assessed = path.join(dir, "assessed.xlsx");
  expect(
    await main(
      ["assess", input, "-o", assessed, "--judges", "3", "--as-of", "2012-06-30"],
      captureIo()
    )
  ).toBe(0);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function report(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(["report", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** report --json: the report, with the issues in inspect's shape per nominee and at the top. */
interface JsonIssue {
  readonly code: string;
  readonly severity: string;
  readonly sheet: string;
  readonly row: number | null;
  readonly cell: string | null;
  readonly field: string | null;
  readonly message: string;
}
type ReportJson = Omit<AssessmentReport, "nominees"> & {
  readonly nominees: (AssessmentReport["nominees"][number] & { readonly issues: JsonIssue[] })[];
  readonly issues: JsonIssue[];
};

describe("shifan report", () => {
  it("prints the JSON of the contract, key order included", async () => {
    const run = await report([assessed, "--json"]);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.out) as ReportJson;
    expect(Object.keys(parsed)).toEqual(["asOf", "rubric", "nominees", "issues"]);
    expect(parsed.issues).toEqual([]);
    expect(Object.keys(parsed.rubric)).toEqual([
      "id",
      "criteria",
      "judges",
      "passLine",
      "components",
      "quotas",
    ]);
    const first = parsed.nominees[0];
    expect(Object.keys(first ?? {})).toEqual([
      "id",
      "name",
      "sector",
      "tier",
      "region",
      "source",
      "inputs",
      "outputs",
      "issues",
    ]);
    expect(Object.keys(first?.outputs ?? {})).toEqual([
      "criteria",
      "panel",
      "total",
      "grade",
      "rank",
      "sectorRank",
      "recommended",
      "tie",
      "candidate",
      "status",
      "components",
    ]);
    expect(first).toMatchObject({
      id: "SF-0001",
      name: "阳光社区党支部",
      sector: "community",
      tier: "province",
      region: "长沙市",
      source: { sheet: "推荐汇总", row: 3 },
    });
    expect(first?.outputs.panel).toEqual({ cell: "'考核表'!J3", value: null });
  });

  it("reads what was typed, not cached values", async () => {
    // Scores typed straight into the sheet XML leave every cached formula value stale on purpose.
    let bytes: Uint8Array = await fs.readFile(assessed);
    for (const judge of ["评委1", "评委2", "评委3"])
      bytes = typeNumbers(bytes, judge, { F4: 20, G4: 10, H4: 15, I4: 15 });
    bytes = typeNumbers(bytes, "考核表", { K4: 100 });
    const typed = path.join(dir, "typed.xlsx");
    await fs.writeFile(typed, bytes);
    const parsed = JSON.parse((await report([typed, "--json"])).out) as AssessmentReport;
    // panel 60; total 0.8·60 + 0.2·100 = 68 → 合格, below the pass line: not recommended.
    expect(parsed.nominees[1]?.outputs).toMatchObject({
      panel: { value: 60 },
      total: { value: 68 },
      grade: { value: "合格" },
      rank: { value: 1 },
      recommended: { value: "否" },
    });
  });

  it("lists every issue in inspect's shape, under its nominee and at the top (#11 §3, #12 §5)", async () => {
    let bytes: Uint8Array = await fs.readFile(assessed);
    // The second nominee: 25.5 in the 25-point C3, 20.3 off the 0.5 step, text; satisfaction 120.
    bytes = typeCells(bytes, "评委1", { F4: 20, G4: 10, H4: 25.5, I4: 15 });
    bytes = typeCells(bytes, "评委2", { F4: 20.3, G4: 10, H4: 15, I4: 15 });
    bytes = typeCells(bytes, "评委3", { F4: "二十", G4: 10, H4: 15, I4: 15 });
    bytes = typeCells(bytes, "考核表", { K4: 120 });
    const typed = path.join(dir, "bad.xlsx");
    await fs.writeFile(typed, bytes);
    const parsed = JSON.parse((await report([typed, "--json", "--lang", "en"])).out) as ReportJson;
    const [first, second] = parsed.nominees;
    expect(second?.issues.map((found) => [found.code, found.sheet, found.cell])).toEqual([
      ["score_out_of_range", "评委1", "H4"],
      ["score_off_step", "评委2", "F4"],
      ["invalid_score", "评委3", "F4"],
      ["satisfaction_out_of_range", "考核表", "K4"],
    ]);
    expect(second?.issues[1]).toEqual({
      code: "score_off_step",
      severity: "error",
      sheet: "评委2",
      row: 4,
      cell: "F4",
      field: null,
      message:
        "评委2!F4: score 20.3 is not a whole number of 0.5-point steps: not counted, the nominee shows 待更正 (to correct)",
    });
    expect(first?.issues).toEqual([]);
    expect(parsed.issues).toEqual(second?.issues);
    // What the sheet shows for it: 待更正 where a bad entry holds a figure back (RULES §4.3), no grade, rank or
    // recommendation; C2 counts (10 from each judge).
    expect(second?.outputs).toMatchObject({
      criteria: { C1: { value: "待更正" }, C2: { value: 10 }, C3: { value: "待更正" } },
      panel: { cell: "'考核表'!J4", value: "待更正" },
      total: { cell: "'考核表'!M4", value: "待更正" },
      grade: { value: null },
      rank: { value: null },
      recommended: { value: null },
    });
  });

  it("takes --as-of over the workbook’s date", async () => {
    expect(
      (
        JSON.parse(
          (await report([assessed, "--json", "--as-of", "2013-03-01"])).out
        ) as AssessmentReport
      ).asOf
    ).toBe("2013-03-01");
  });

  it("prints a readable table without --json", async () => {
    const run = await report([assessed]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("2012-06-30");
    expect(run.out.split("\n")[1]).toBe(
      "编号\t名称\t级别\t评委评分\t满意度\t总分\t等次\t排名\t建议授牌\t动态管理"
    );
    expect(run.out.split("\n")[2]).toMatch(/^SF-0001\t阳光社区党支部\t省级\t—/);
    expect(run.out).toContain("评分细则 百千万 · 评委 3 人");
    // No awarded site here: no dynamic-management line.
    expect(run.out).not.toContain("动态管理：");
  });

  it("prints the table in English with --lang en", async () => {
    const run = await report([assessed, "--lang", "en"]);
    expect(run.out.split("\n")[0]).toContain("as of 2012-06-30 · rubric 百千万");
    expect(run.out.split("\n")[0]).toContain("3 judges");
    expect(run.out.split("\n")[2]).toMatch(/^SF-0001\t阳光社区党支部\tProvincial\t—/);
  });

  it("exits 2 naming the missing sheet for a workbook that was never assessed", async () => {
    const run = await report([path.join(dir, "nominations.xlsx")]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("考核表");
    expect(run.err).toContain("not an assessment workbook");
    expect(run.out).toBe("");
  });

  it("exits 2 for a missing file or a bad date", async () => {
    expect((await report([path.join(dir, "nowhere.xlsx")])).code).toBe(2);
    expect((await report([assessed, "--as-of", "30/06/2012"])).code).toBe(2);
  });
});

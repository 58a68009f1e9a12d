import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/shifan";
import type { CliIo } from "../../src/cli/CliIo";
import { writePlanToXlsx } from "../../src/adapters/xlsx/XlsxPlanSink";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { cellAt, type WorkbookGrid } from "../../src/engine/core/Grid";
import { serialToIsoDate } from "../../src/engine/core/IsoDate";
import { inspectWorkbook } from "../../src/engine/intake/inspectWorkbook";
import { sourceSheetsOnly } from "../../src/engine/report/readAssessment";
import { compileDynamicManagement } from "../../src/engine/plan/compileDynamicManagement";
import { ELIMINATED_SHEET, HISTORY_SHEET } from "../../src/engine/dynamic/dynamicLayout";
import { NEXT_REGISTER_SHEET } from "../../src/cli/commands/nextCycle";
import {
  REGISTER_CASES,
  REGISTER_PARAMS,
  registerSites,
  registerWorkbookBytes,
  type RegisterCase,
} from "../engine/dynamic/registerFixture";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function shifan(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const sha256 = (file: string): string =>
  createHash("sha256").update(readFileSync(file)).digest("hex");
const gridOf = (file: string): Promise<WorkbookGrid> => XlsxWorkbookSource.fromFile(file).read();

/** Rows of a sheet from `firstRow`, as display values (dates as ISO). */
function rowsOf(
  grid: WorkbookGrid,
  sheetName: string,
  firstRow: number,
  columns: number
): unknown[][] {
  const sheet = grid.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rows: unknown[][] = [];
  for (let row = firstRow; row <= sheet.rows.length; row++) {
    const values = Array.from({ length: columns }, (_u, c) => {
      const cell = cellAt(sheet, row, c + 1);
      if (cell === null) return null;
      if (cell.type === "date") return serialToIsoDate(cell.serial);
      if (cell.type === "text") return cell.text;
      if (cell.type === "number") return cell.value;
      return null;
    });
    if (values.some((v) => v !== null)) rows.push(values);
  }
  return rows;
}

const work = mkdtempSync(path.join(os.tmpdir(), "shifan-next-cycle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("shifan assess + report on a register (issue #3 acceptance)", () => {
  it.each(["simplified", "traditional"] as const)(
    "gives every source row its reasoned status (%s headers)",
    async (spelling) => {
      const register = path.join(work, `register-${spelling}.xlsx`);
      writeFileSync(register, await registerWorkbookBytes(REGISTER_CASES, spelling));
      const out = path.join(work, `assessed-${spelling}.xlsx`);
      expect((await shifan("assess", register, "-o", out, "--as-of", "2014-06-30")).code).toBe(0);
      const report = await shifan("report", out, "--json");
      expect(report.code).toBe(0);
      const nominees = (
        JSON.parse(report.stdout) as {
          nominees: {
            source: { row: number };
            outputs: { status: { cell: string; value: string | null } };
          }[];
        }
      ).nominees;
      expect(nominees.map((n) => [n.source.row, n.outputs.status.value])).toEqual(
        REGISTER_CASES.map((c, i) => [3 + i, c.expected])
      );
      expect(nominees[0]?.outputs.status.cell).toMatch(/^'考核表'!/);

      // The text shows the same statuses, in the last column, and counts them.
      const text = (await shifan("report", out)).stdout.split("\n");
      expect(
        text.slice(2, 2 + REGISTER_CASES.length).map((line) => line.split("\t").at(-1))
      ).toEqual(REGISTER_CASES.map((c) => c.expected ?? "—"));
      const counts = new Map<string, number>();
      for (const c of REGISTER_CASES)
        if (c.expected) counts.set(c.expected, (counts.get(c.expected) ?? 0) + 1);
      const order = ["淘汰", "保留", "逾期", "待考评", "正常"].filter((status) =>
        counts.has(status)
      );
      expect(text).toContain(
        `动态管理：${order.map((status) => `${status} ${counts.get(status)}`).join("，")}`
      );
    }
  );

  it("leaves status null on a nomination without award dates", async () => {
    const cases = REGISTER_CASES.slice(0, 2).map((c) => ({ ...c, awarded: "" }));
    const register = path.join(work, "nominations.xlsx");
    writeFileSync(register, await registerWorkbookBytes(cases));
    const out = path.join(work, "nominations-assessed.xlsx");
    expect((await shifan("assess", register, "-o", out, "--as-of", "2014-06-30")).code).toBe(0);
    const nominees = (
      JSON.parse((await shifan("report", out, "--json")).stdout) as {
        nominees: { outputs: { status: { value: unknown } } }[];
      }
    ).nominees;
    expect(nominees.map((n) => n.outputs.status.value)).toEqual([null, null]);
    expect((await gridOf(out)).sheets.map((s) => s.name)).not.toContain("动态管理");
  });
});

describe("shifan next-cycle", () => {
  let assessed: string;
  beforeAll(async () => {
    const register = path.join(work, "register.xlsx");
    writeFileSync(register, await registerWorkbookBytes());
    assessed = path.join(work, "cycle1.xlsx");
    expect((await shifan("assess", register, "-o", assessed, "--as-of", "2014-06-30")).code).toBe(
      0
    );
  });

  it("re-assesses an assessed register without reading its own 动态管理 sheets as nominees", async () => {
    const again = path.join(work, "cycle1-again.xlsx");
    expect((await shifan("assess", assessed, "-o", again)).code).toBe(0);
    const report = JSON.parse((await shifan("report", again, "--json")).stdout) as {
      nominees: { outputs: { status: { value: string | null } } }[];
    };
    expect(report.nominees.map((n) => n.outputs.status.value)).toEqual(
      REGISTER_CASES.map((c) => c.expected)
    );
    expect((await gridOf(again)).sheets.filter((s) => s.name === "动态管理")).toHaveLength(1);
  });

  it("carries the 15 sites still under management and lists the 3 eliminated ones, leaving FILE untouched", async () => {
    const before = sha256(assessed);
    const out = path.join(work, "cycle2.xlsx");
    const run = await shifan("next-cycle", assessed, "-o", out, "--as-of", "2014-06-30");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("carried 15, eliminated this cycle 3");
    expect(sha256(assessed)).toBe(before);

    const grid = await gridOf(out);
    expect(grid.sheets.map((s) => [s.name, s.visibility])).toEqual([
      [NEXT_REGISTER_SHEET, "visible"],
      [HISTORY_SHEET, "visible"],
      [ELIMINATED_SHEET, "visible"],
      // The workbook identity, so a later assess knows 考评历史 and 已淘汰 are not nominations.
      ["shifan", "veryHidden"],
    ]);
    const carried = rowsOf(grid, NEXT_REGISTER_SHEET, 3, 8);
    const kept = REGISTER_CASES.filter((c) => c.expected !== "淘汰");
    expect(carried.map((r) => r[1])).toEqual(kept.map((c) => c.name));
    // Ids are the assessment's stable ids, in register order with the eliminated ones skipped.
    expect(carried.map((r) => r[0])).toEqual(
      REGISTER_CASES.map((c, i) => [c, `SF-${String(i + 1).padStart(4, "0")}`] as const)
        .filter(([c]) => c.expected !== "淘汰")
        .map(([, id]) => id)
    );
    // Not reassessed this cycle: the last review stays what it was.
    expect(carried.find((r) => r[1] === "湘钢集团炼铁厂党委")?.slice(4, 8)).toEqual([
      "2012-07-01",
      "2013-12-20",
      91.5,
      "否",
    ]);

    const eliminated = rowsOf(grid, ELIMINATED_SHEET, 3, 9);
    expect(eliminated.map((r) => [r[1], r[5], r[6], r[7], r[8]])).toEqual([
      ["株洲市国土资源局机关党委", "2014-06-30", 82, "否", "最近考评得分低于分数线"],
      ["省农科院水稻研究所党支部", "2014-06-30", 95, "是", "最近考评一票否决"],
      ["湖南建工集团第三分公司党委", "2014-06-30", 84.99, "否", "最近考评得分低于分数线"],
    ]);
    // Every review with a date and a score, eliminated sites included.
    const history = rowsOf(grid, HISTORY_SHEET, 3, 5);
    expect(history).toHaveLength(
      REGISTER_CASES.filter((c) => c.review !== undefined && c.score !== undefined).length
    );
  });

  it("writes a register that intake reads back, and re-assesses without reading 已淘汰 or 考评历史 as nominees", async () => {
    const out = path.join(work, "cycle2-read.xlsx");
    expect((await shifan("next-cycle", assessed, "-o", out, "--as-of", "2014-06-30")).code).toBe(0);
    const inspected = inspectWorkbook(sourceSheetsOnly(await gridOf(out)));
    expect(inspected.nominees).toHaveLength(15);
    expect(inspected.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(inspected.nominees.find((n) => n.name === "湘钢集团炼铁厂党委")).toMatchObject({
      awardedOn: "2012-07-01",
      lastReviewOn: "2013-12-20",
      lastReviewScore: 91.5,
      lastReviewVeto: false,
      extra: { 示范点编号: "SF-0006" },
    });
    const next = path.join(work, "cycle2-assessed.xlsx");
    expect((await shifan("assess", out, "-o", next, "--as-of", "2016-06-30")).code).toBe(0);
    const report = JSON.parse((await shifan("report", next, "--json")).stdout) as {
      nominees: unknown[];
    };
    expect(report.nominees).toHaveLength(15);
  });

  describe("with this cycle typed in (a register kept on its own)", () => {
    const cases: readonly RegisterCase[] = [
      {
        name: "甲村党支部",
        sector: "村",
        tier: "省级",
        awarded: "2011-01-01",
        expected: "保留",
        nextDue: "2013-01-01",
      },
      {
        name: "乙社区党委",
        sector: "社区",
        tier: "市级",
        awarded: "2012-07-01",
        review: "2013-01-01",
        score: 60,
        veto: "否",
        expected: "保留",
        nextDue: "2015-01-01",
      },
      {
        name: "丙学校党委",
        sector: "学校",
        tier: "县级",
        awarded: "2013-01-01",
        expected: "淘汰",
        nextDue: "2015-01-01",
      },
      {
        name: "丁机关党委",
        sector: "机关",
        tier: "县级",
        awarded: "2013-01-01",
        expected: "淘汰",
        nextDue: "2015-01-01",
      },
    ];
    const cycle: Record<string, { total: number; veto: boolean }> = {
      甲村党支部: { total: 85, veto: false },
      乙社区党委: { total: 90, veto: false },
      丙学校党委: { total: 84.99, veto: false },
      丁机关党委: { total: 99, veto: true },
    };
    let closed: string;
    beforeAll(async () => {
      const bytes = await registerWorkbookBytes(cases);
      const { sites } = await registerSites(bytes, (nominee) => cycle[nominee.name ?? ""] ?? null);
      const plan = compileDynamicManagement(sites, {
        params: REGISTER_PARAMS,
        parameterCells: "own",
      });
      closed = path.join(work, "own.xlsx");
      writeFileSync(
        closed,
        await writePlanToXlsx(bytes, {
          sheets: plan.sheets,
          names: plan.names,
          styles: plan.styles,
        })
      );
    });

    it("makes this cycle's result the last review, dated the as-of day, and keeps the older one in the history", async () => {
      const out = path.join(work, "own-next.xlsx");
      expect((await shifan("next-cycle", closed, "-o", out, "--as-of", "2014-07-15")).code).toBe(0);
      const grid = await gridOf(out);
      expect(rowsOf(grid, NEXT_REGISTER_SHEET, 3, 8).map((r) => [r[1], r[5], r[6], r[7]])).toEqual([
        ["甲村党支部", "2014-07-15", 85, "否"],
        ["乙社区党委", "2014-07-15", 90, "否"],
      ]);
      expect(rowsOf(grid, HISTORY_SHEET, 3, 5).map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
        ["甲村党支部", "2014-07-15", 85, "否"],
        ["乙社区党委", "2013-01-01", 60, "否"],
        ["乙社区党委", "2014-07-15", 90, "否"],
        ["丙学校党委", "2014-07-15", 84.99, "否"],
        ["丁机关党委", "2014-07-15", 99, "是"],
      ]);
      expect(rowsOf(grid, ELIMINATED_SHEET, 3, 9).map((r) => [r[1], r[8]])).toEqual([
        ["丙学校党委", "本轮考核总分低于分数线"],
        ["丁机关党委", "本轮考核一票否决"],
      ]);
    });

    it("keeps earlier history and eliminations through a second cycle", async () => {
      const second = path.join(work, "own-next-register.xlsx");
      expect((await shifan("next-cycle", closed, "-o", second, "--as-of", "2014-07-15")).code).toBe(
        0
      );
      const assessedSecond = path.join(work, "own-next-assessed.xlsx");
      expect(
        (await shifan("assess", second, "-o", assessedSecond, "--as-of", "2016-08-01")).code
      ).toBe(0);
      const third = path.join(work, "own-third.xlsx");
      const run = await shifan("next-cycle", assessedSecond, "-o", third);
      expect(run.code).toBe(0);
      const grid = await gridOf(third);
      // No scores this time: 甲 and 乙 were last reviewed 2014-07-15, due 2016-07-15, overdue on 2016-08-01, still carried.
      expect(rowsOf(grid, NEXT_REGISTER_SHEET, 3, 2).map((r) => r[1])).toEqual([
        "甲村党支部",
        "乙社区党委",
      ]);
      expect(rowsOf(grid, ELIMINATED_SHEET, 3, 2).map((r) => r[1])).toEqual([
        "丙学校党委",
        "丁机关党委",
      ]);
      expect(rowsOf(grid, HISTORY_SHEET, 3, 5)).toHaveLength(5);
      expect(run.stdout).toContain("as of 2016-08-01");
    });
  });

  describe("errors: exit 2, one bilingual line, nothing on stdout", () => {
    it.each<[string, () => string[], RegExp]>([
      [
        "a missing file",
        () => ["next-cycle", path.join(work, "nope.xlsx"), "-o", path.join(work, "x.xlsx")],
        /找不到文件 .* \/ file not found/,
      ],
      [
        "a bad --as-of",
        () => ["next-cycle", assessed, "-o", path.join(work, "x.xlsx"), "--as-of", "2014-02-30"],
        /--as-of YYYY-MM-DD, not 2014-02-30/,
      ],
      [
        "the output is the input",
        () => ["next-cycle", assessed, "-o", assessed],
        /输出文件与输入文件相同/,
      ],
      [
        "an unknown option",
        () => ["next-cycle", assessed, "-o", path.join(work, "x.xlsx"), "--fast"],
        /unknown option --fast/,
      ],
    ])("refuses %s", async (_case, argv, message) => {
      const run = await shifan(...argv());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    });

    it("refuses no -o once in each language, with the usage once", async () => {
      const run = await shifan("next-cycle", assessed);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n")).toEqual([
        "参数有误：缺少输出文件 -o OUT / bad argument: -o OUT is required",
        "用法 / usage: shifan next-cycle FILE -o OUT [--as-of YYYY-MM-DD]",
        "",
      ]);
    });

    it("refuses a workbook without 动态管理", async () => {
      const register = path.join(work, "plain-register.xlsx");
      writeFileSync(register, await registerWorkbookBytes());
      const run = await shifan("next-cycle", register, "-o", path.join(work, "x.xlsx"));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/缺少“动态管理”工作表.* \/ .*no sheet "动态管理"/);
    });
  });
});

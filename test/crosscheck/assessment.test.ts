/**
 * Fidelity (issue #5 §6): assessment workbooks filled with seeded random scores are recalculated in
 * LibreOffice, and every output cell must show what `shifan report` computes. The same cells, as written
 * (before any recalculation), must already hold the engine's cached values.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AS_OF, assessScenario, scenarioRubric, type AssessedScenario } from "./assessScenario";
import {
  compareCells,
  formatMismatches,
  splitSheetCellRef,
  withWrongCachedValues,
} from "./compareCells";
import { RATER_EDGE_PURPOSES, SCENARIO_SPECS, buildScenario } from "./scenarios";
import {
  readComputedValues,
  recalculateWorkbooks,
  type ComputedWorkbook,
} from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";
import type { ReportNominee } from "../../src/engine/report/buildReport";

const scenarios = SCENARIO_SPECS.map(buildScenario);

let work: string;
let assessed: AssessedScenario[];
/** Scenario id → values as the file was written (ExcelJS reads the cached results). */
const written = new Map<string, ComputedWorkbook>();

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "shifan-crosscheck-"));
  assessed = await Promise.all(scenarios.map(assessScenario));
  for (const a of assessed) {
    const file = path.join(work, "written", `${a.scenario.id}.xlsx`);
    writeFileSync(ensureDir(file), a.bytes);
    written.set(a.scenario.id, await readComputedValues(file, sheetsNamed(a)));
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function ensureDir(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

function sheetsNamed(a: AssessedScenario): string[] {
  return [...new Set(a.expected.map((cell) => splitSheetCellRef(cell.ref).sheet))];
}

function byId(id: string): AssessedScenario {
  const found = assessed.find((a) => a.scenario.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

describe("the scenarios reach the workbook as typed", () => {
  it.each(scenarios.map((s) => s.id))(
    "workbook %s: every score, satisfaction and veto reads back from its cell",
    (id) => {
      const { scenario, report } = byId(id);
      expect(report.nominees).toHaveLength(scenario.nominees.length);
      report.nominees.forEach((nominee, i) => {
        const typed = scenario.nominees[i]!.inputs;
        expect(nominee.name).toBe(scenario.nominees[i]!.name);
        expect(nominee.inputs.scores.map((s) => s.value)).toEqual(typed.scores.flat());
        expect(nominee.inputs.satisfaction.value).toBe(typed.satisfaction);
        expect(nominee.inputs.veto.value).toBe(typed.veto === true ? "是" : "否");
        expect(nominee.inputs.raters.map((s) => s.value)).toEqual(
          Object.values(typed.raters ?? {}).flat()
        );
      });
    }
  );

  it("compares a non-trivial number of cells, blanks and figures both", () => {
    const cells = assessed.flatMap((a) => a.expected);
    expect(cells.length).toBeGreaterThan(2000);
    expect(cells.filter((c) => c.value === null).length).toBeGreaterThan(100);
    expect(cells.filter((c) => typeof c.value === "number").length).toBeGreaterThan(1000);
  });
});

describe("the file as written holds the engine’s values before any recalculation", () => {
  it.each(scenarios.map((s) => s.id))("workbook %s", (id) => {
    const a = byId(id);
    const mismatches = compareCells(a.expected, written.get(id)!);
    if (mismatches.length > 0)
      throw new Error(`workbook ${id} as written: ${formatMismatches(mismatches, "cached")}`);
  });
});

describeWithSoffice("LibreOffice recalculating the assessment workbooks", () => {
  const recalculated = new Map<string, ComputedWorkbook>();

  const STALE_ID = "B-stale";
  let staleAsWritten: ComputedWorkbook;

  beforeAll(async () => {
    const b = byId("B");
    const staleFile = path.join(work, "written", `${STALE_ID}.xlsx`);
    writeFileSync(staleFile, withWrongCachedValues(b.bytes));
    staleAsWritten = await readComputedValues(staleFile, sheetsNamed(b));
    const files = [...scenarios.map((s) => ({ id: s.id, a: byId(s.id) })), { id: STALE_ID, a: b }];
    // One soffice start for every workbook: start-up is most of the cost.
    const outputs = await recalculateWorkbooks(
      files.map((f) => path.join(work, "written", `${f.id}.xlsx`)),
      path.join(work, "recalculated"),
      { timeoutMs: 180_000 }
    );
    for (const [i, output] of outputs.entries()) {
      const { id, a } = files[i]!;
      recalculated.set(id, await readComputedValues(output, sheetsNamed(a)));
    }
  }, 200_000);

  it.each(scenarios.map((s) => s.id))("workbook %s: every output cell equals the report", (id) => {
    const a = byId(id);
    const mismatches = compareCells(a.expected, recalculated.get(id)!);
    if (mismatches.length > 0)
      throw new Error(
        `workbook ${id} in LibreOffice: ${formatMismatches(mismatches, "LibreOffice")}`
      );
  });

  it("really recalculates: a copy whose cached figures were all made wrong comes back right", () => {
    // Twin of the comparison above: were LibreOffice echoing cached values, the stale copy would still differ.
    const a = byId("B");
    expect(compareCells(a.expected, staleAsWritten).length).toBeGreaterThan(
      a.report.nominees.length
    );
    const mismatches = compareCells(a.expected, recalculated.get(STALE_ID)!);
    if (mismatches.length > 0)
      throw new Error(
        `stale copy of B in LibreOffice: ${formatMismatches(mismatches, "LibreOffice")}`
      );
  });

  /** What LibreOffice shows for one of scenario `id`'s edge nominees. */
  function shownFor(id: string, purpose: string) {
    const a = byId(id);
    const index = a.scenario.nominees.findIndex((n) => n.purpose === purpose);
    const nominee: ReportNominee | undefined = a.report.nominees[index];
    if (!nominee) throw new Error(`scenario ${id} has no nominee for ${purpose}`);
    const show = (ref: string) => {
      const { sheet, cell } = splitSheetCellRef(ref);
      const value = recalculated.get(id)?.get(sheet)?.get(cell);
      return value === "" || value === undefined ? null : value;
    };
    const o = nominee.outputs;
    return {
      criteria: Object.values(o.criteria).map((c) => show(c.cell)),
      panel: show(o.panel.cell),
      total: show(o.total.cell),
      grade: show(o.grade.cell),
      rank: show(o.rank.cell),
      recommended: show(o.recommended.cell),
    };
  }

  // Workbook B ranks its edge nominees in 市级 with no quota, so the pass line alone decides 建议授牌.
  it.each([
    ["总分恰为85.00", 85, "是"],
    ["总分恰为84.99", 84.99, "否"],
    ["总分84.995进位", 85, "是"],
    ["总分80.405进位", 80.41, "否"],
  ])("%s: total %p, recommended %p (pass line 85, Excel ROUND)", (purpose, total, recommended) => {
    const shown = shownFor("B", purpose);
    expect(shown.total).toBe(total);
    expect(shown.recommended).toBe(recommended);
  });

  it("averages four judges to .125 and rounds half away from zero (24.125 → 24.13)", () => {
    expect(shownFor("B", "四评委均分").criteria[0]).toBe(24.13);
  });

  it("gives a vetoed nominee with full marks 不合格, no rank and no recommendation", () => {
    expect(shownFor("B", "高分否决")).toMatchObject({
      panel: 100,
      total: 100,
      grade: "不合格",
      rank: null,
      recommended: "否",
    });
  });

  it("breaks equal totals by panel, then satisfaction; fully equal nominees share a rank and skip the next", () => {
    const satisfactionHigher = shownFor("B", "同分满意度高").rank as number;
    const panelHigher = shownFor("B", "同分评委高").rank as number;
    const fullyEqual = shownFor("B", "完全并列").rank as number;
    const panelLower = shownFor("B", "同分评委低").rank as number;
    for (const purpose of ["同分满意度高", "同分评委高", "完全并列", "同分评委低"])
      expect(shownFor("B", purpose).total).toBe(88);
    expect(panelHigher).toBe(satisfactionHigher + 1);
    expect(fullyEqual).toBe(panelHigher);
    expect(panelLower).toBe(panelHigher + 2);
  });

  it.each([
    [
      "仅两位评委",
      {
        criteria: [null, null, null, null],
        panel: null,
        total: null,
        grade: null,
        rank: null,
        recommended: null,
      },
    ],
    ["一项不足三人", { panel: null, total: null, grade: null, rank: null, recommended: null }],
    ["缺满意度", { panel: 95, total: null, grade: null, rank: null, recommended: null }],
  ])("leaves %s incomplete: no total, grade, rank or recommendation", (purpose, expected) => {
    expect(shownFor("B", purpose)).toMatchObject(expected);
  });

  it.each([
    "超出满分",
    "负分",
    "不在步长上",
    "满意度120",
    "文字评分",
    "粘贴TRUE",
    "满意度文字",
    "满意度TRUE",
  ])(
    "%s: LibreOffice counts it nowhere and shows 待更正, with no grade, rank or recommendation",
    (purpose) => {
      expect(shownFor("B", purpose)).toMatchObject({
        total: "待更正",
        grade: null,
        rank: null,
        recommended: null,
      });
    }
  );

  it.each(["恰为满分", "零分", "满意度100"])("%s counts: LibreOffice shows a total", (purpose) => {
    expect(typeof shownFor("B", purpose).total).toBe("number");
  });

  /** What LibreOffice shows for scenario G's (三评议) rater edge nominee: 党员互评 and the total. */
  function shownRaters(purpose: string) {
    const a = byId("G");
    const index = a.scenario.nominees.findIndex((n) => n.purpose === purpose);
    const nominee = a.report.nominees[index];
    if (!nominee) throw new Error(`scenario G has no nominee for ${purpose}`);
    const show = (ref: string) => {
      const { sheet, cell } = splitSheetCellRef(ref);
      const value = recalculated.get("G")?.get(sheet)?.get(cell);
      return value === "" || value === undefined ? null : value;
    };
    return {
      peers: show(nominee.outputs.components["peers"]!.cell),
      total: show(nominee.outputs.total.cell),
      grade: show(nominee.outputs.grade.cell),
      rank: show(nominee.outputs.rank.cell),
    };
  }

  it.each([
    RATER_EDGE_PURPOSES.above,
    RATER_EDGE_PURPOSES.negative,
    RATER_EDGE_PURPOSES.offStep,
    RATER_EDGE_PURPOSES.text,
    RATER_EDGE_PURPOSES.pastedTrue,
  ])(
    "三评议, %s: LibreOffice counts the rater's entry nowhere and shows 待更正 (RULES §4.3)",
    (purpose) => {
      expect(shownRaters(purpose)).toEqual({
        peers: "待更正",
        total: "待更正",
        grade: null,
        rank: null,
      });
    }
  );

  it("三评议: a rater's 100 counts; ten raters drop the highest and lowest (LibreOffice)", () => {
    // Nine raters give 90 and one 100: drop 100 and a 90 → 90. Total 88 × 0.4 + 90 × 0.3 + 90 × 0.3 = 89.2.
    expect(shownRaters(RATER_EDGE_PURPOSES.atMax)).toMatchObject({ peers: 90, total: 89.2 });
  });

  it("三评议: four raters average plainly, two leave the group and the total blank (LibreOffice)", () => {
    expect(shownRaters(RATER_EDGE_PURPOSES.fourOnly).peers).toBe(86.88);
    expect(shownRaters(RATER_EDGE_PURPOSES.tooFew)).toEqual({
      peers: null,
      total: null,
      grade: null,
      rank: null,
    });
  });

  it("says on 汇总 where a tie at the line recommends more than the quota (RULES §4.2), as the engine does", () => {
    const said = scenarios.flatMap((scenario) => {
      const summary = recalculated.get(scenario.id)?.get("汇总");
      return [...(summary?.entries() ?? [])].filter(
        ([cell, value]) =>
          /^K\d+$/.test(cell) && typeof value === "string" && value !== "" && cell !== "K2"
      );
    });
    expect(said.length).toBeGreaterThan(0);
    for (const [, value] of said)
      expect(String(value)).toMatch(/^(类别)?名额 \d+ 个，因名次并列建议授牌 \d+ 个/);
    // Sector lines too (workbook Q: 学校 2 places in 市级, three tied at 学校 rank 1).
    expect(said.some(([, value]) => String(value).startsWith("类别名额 2 个"))).toBe(true);
  });

  it("marks 并列 where a tie at a tier or sector line recommends more than the quota, as the engine does (workbook Q)", () => {
    for (const purpose of ["级别线1", "级别线2", "级别线3", "类别线1", "类别线2", "类别线3"]) {
      const a = byId("Q");
      const index = a.scenario.nominees.findIndex((n) => n.purpose === purpose);
      const o = a.report.nominees[index]!.outputs;
      const shown = recalculated.get("Q")!.get("考核表")!;
      expect([purpose, shown.get(splitSheetCellRef(o.recommended.cell).cell)]).toEqual([
        purpose,
        "是",
      ]);
      expect([purpose, shown.get(splitSheetCellRef(o.tie.cell).cell)]).toEqual([purpose, "并列"]);
    }
    const below = byId("Q").scenario.nominees.findIndex((n) => n.purpose === "类别线下");
    const o = byId("Q").report.nominees[below]!.outputs;
    const shown = recalculated.get("Q")!.get("考核表")!;
    // 学校 rank 4: outside the 2 places and the ROUNDUP(2 × 1.5) = 3 差额 places.
    expect(shown.get(splitSheetCellRef(o.sectorRank.cell).cell)).toBe(4);
    expect(shown.get(splitSheetCellRef(o.recommended.cell).cell)).toBe("否");
    expect(shown.get(splitSheetCellRef(o.candidate.cell).cell)).toBe("否");
  });

  it.each(scenarios.map((s) => s.id))(
    "workbook %s: 公示名单 lists the report's recommended nominees, tier by tier, in 考核表's order",
    (id) => {
      const a = byId(id);
      const tierOrder = ["province", "city", "county"];
      const expected = a.report.nominees
        .map((n, row) => ({ n, row }))
        .filter(({ n }) => n.outputs.recommended.value === "是")
        .sort(
          (x, y) => tierOrder.indexOf(x.n.tier!) - tierOrder.indexOf(y.n.tier!) || x.row - y.row
        )
        .map(({ n }) => [n.name, n.region ?? ""]);
      const shown = recalculated.get(id)!.get("公示名单")!;
      const listed = [];
      for (let row = 4; ; row++) {
        const name = shown.get(`B${row}`);
        if (name === undefined || name === null || name === "") break;
        listed.push([name, shown.get(`D${row}`) ?? ""]);
      }
      expect(listed).toEqual(expected);
    }
  );

  it("recommends within the tier quota by rank, ties at the line included (workbook A: 市级 quota 4)", () => {
    // docs/decisions/0004: everyone sharing the last rank inside the quota is recommended.
    const a = byId("A");
    expect(scenarioRubric(a.scenario).quotas.byTier.city).toBe(4);
    const shown = recalculated.get("A")!.get("考核表")!;
    const at = (ref: string) => shown.get(splitSheetCellRef(ref).cell);
    const passing = a.report.nominees.filter(
      (n) =>
        n.tier === "city" &&
        typeof at(n.outputs.rank.cell) === "number" &&
        (at(n.outputs.total.cell) as number) >= 85
    );
    const inside = passing.filter((n) => (at(n.outputs.rank.cell) as number) <= 4);
    const outside = passing.filter((n) => (at(n.outputs.rank.cell) as number) > 4);
    expect(inside.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0); // the quota bites: passing nominees left out
    for (const n of inside) expect(at(n.outputs.recommended.cell)).toBe("是");
    for (const n of outside) expect(at(n.outputs.recommended.cell)).toBe("否");
  });
});

it("uses a fixed as-of date, so the comparison never depends on the clock", () => {
  expect(assessed.every((a) => a.report.asOf === AS_OF)).toBe(true);
});

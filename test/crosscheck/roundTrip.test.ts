/**
 * Issue #9 §6: LibreOffice recalculates an assessment with 回避 lines, the assessment merged from five judges'
 * returns, and a 三评议 assessment merged from its judges' and its rater group's returns (decision 0025); every
 * formula cell of 考核表, 汇总, the judge and rater group sheets and 回避 must show what the interpreter gives the same
 * plan (compute's evaluatePlan): 0 mismatches. One soffice call for every workbook.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { gridAsXlsx } from "../../src/adapters/xlsx/gridAsXlsx";
import { writePlanToXlsx } from "../../src/adapters/xlsx/XlsxPlanSink";
import {
  BUILTIN_RUBRICS,
  a1,
  issueCopies,
  mergeReturns,
  planAssessment,
  type IsoDate,
  type MergeReport,
} from "../../src/engine";
import { assessmentLayout } from "../../src/engine/plan/assessmentLayout";
import { evaluatePlan } from "../../src/engine/compute/evaluatePlan";
import { isFormulaContent } from "../../src/engine/plan/shiftRows";
import type { WorkbookPlan } from "../../src/engine/plan/SheetPlan";
import { sampleNominationGrid } from "../../src/samples/sampleNominations";
import { planToGrid } from "../engine/plan/assessmentFixtures";
import {
  recalculateWorkbooks,
  readComputedValues,
  type ComputedWorkbook,
} from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";
import {
  compareCells,
  formatMismatches,
  withWrongCachedValues,
  type ExpectedCell,
} from "./compareCells";
import { n, t, typed } from "../support/grids";

const TODAY = "2012-04-01" as IsoDate;
const JUDGES = 5;
const COMPARED = /^(考核表|汇总|评委\d+|评议_\w+|回避|公示名单|评委分析)$/;

/** A seeded generator (mulberry32), so every run types the same scores. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every formula cell of the compared sheets with the interpreter's value for it. */
function expectedOf(plan: WorkbookPlan): ExpectedCell[] {
  const values = evaluatePlan(plan, { today: TODAY });
  return plan.sheets
    .filter((sheet) => COMPARED.test(sheet.name))
    .flatMap((sheet) =>
      sheet.cells.flatMap((cell): ExpectedCell[] => {
        if (!isFormulaContent(cell.content)) return [];
        const value = values.value(sheet.name, cell.row, cell.col);
        if (value !== null && typeof value === "object")
          throw new Error(`error value at ${sheet.name}!${a1(cell.row, cell.col)}`);
        return [
          {
            ref: `'${sheet.name}'!${a1(cell.row, cell.col)}`,
            value: value ?? null,
            what: sheet.name,
          },
        ];
      })
    );
}

/**
 * 回避 lines: each judge recused from a few nominees, one line with no such judge, one with no such id, two whose id
 * is a pattern (refused, never "all").
 */
const RECUSALS: readonly [number | string, string, string][] = [
  [1, "SF-0001", "同单位"],
  [2, "SF-0001", "亲属"],
  [3, "SF-0002", "同单位"],
  [5, "SF-0003", "曾任职"],
  [4, "SF-0005", "同单位"],
  [4, "SF-0006", "同单位"],
  [9, "SF-0004", "评委号写错"],
  [2, "SF-9999", "编号写错"],
  [3, "*", "全部"],
  [1, "SF-0007*", "通配符"],
];

interface Built {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly expected: readonly ExpectedCell[];
}

let work: string;
let built: Built[];
let mergeInvalid: readonly { reason: string; nominee: string; judge: number | null }[];
let groupMerge: MergeReport;
/** Rater scores typed into the group's copy (blanks are raters who abstained). */
let groupTyped: number;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "shifan-roundtrip-"));
  const sourceGrid = sampleNominationGrid();
  const sourceBytes = await gridAsXlsx(sourceGrid, () => false);
  const planned = planAssessment(sourceGrid, {
    newAssessmentId: "crosscheck",
    judges: JUDGES,
    asOf: TODAY,
    today: TODAY,
  });
  if (!planned.ok) throw new Error(planned.failure.code);
  const masterBytes = await writePlanToXlsx(sourceBytes, planned.plan);
  let master = await XlsxWorkbookSource.fromBuffer(masterBytes).read();
  RECUSALS.forEach(([judge, id, reason], i) => {
    master = typed(master, "回避", 2 + i, 1, typeof judge === "number" ? n(judge) : t(judge));
    master = typed(master, "回避", 2 + i, 2, t(id));
    master = typed(master, "回避", 2 + i, 3, t(reason));
  });
  const nominees = planned.nominees.length;
  const random = seeded(9);
  const score = (max: number) => Math.round(random() * max * 2) / 2;

  // Workbook 1, 回避: scores typed in the master itself (a recused judge's too), re-assessed.
  let scored = master;
  for (let j = 1; j <= JUDGES; j++)
    for (let i = 0; i < nominees; i++)
      if (random() > 0.15)
        planned.rubric.criteria.forEach((criterion, c) => {
          scored = typed(scored, `评委${j}`, 3 + i, 6 + c, n(score(criterion.max)));
        });
  const again = planAssessment(scored, { today: TODAY });
  if (!again.ok) throw new Error(again.failure.code);

  // Workbook 2, merged: five copies issued from the master with 回避, every row scored by its judge, merged.
  const issued = issueCopies(master, {
    issuedAt: "2012-03-01T09:00:00.000Z",
    today: TODAY,
    newCopyId: () => `c${random()}`,
  });
  if (!issued.ok) throw new Error(issued.failure.code);
  const returns = issued.copies.map((copy) => {
    if (copy.kind !== "judge") throw new Error("百千万 has no rater groups");
    let grid = planToGrid(copy.plan());
    for (let i = 0; i < nominees; i++)
      planned.rubric.criteria.forEach((criterion, c) => {
        grid = typed(grid, `评委${copy.judge}`, 3 + i, 6 + c, n(score(criterion.max)));
      });
    return { file: `crosscheck-${copy.label}.xlsx`, grid };
  });
  const merged = mergeReturns(master, returns, {
    mergedAt: "2012-03-20T09:00:00.000Z",
    output: "workbook",
    today: TODAY,
  });
  if (!merged.ok) throw new Error(merged.failure.code);
  mergeInvalid = merged.report.invalid;

  // Workbook 3, 三评议 merged: satisfaction typed in the master, every judge's copy and the group's issued, the judges
  // scoring every row, the group's raters most rows (a quarter abstain), all merged.
  const sanpingyi = planAssessment(sourceGrid, {
    rubric: BUILTIN_RUBRICS.sanpingyi,
    newAssessmentId: "crosscheck-groups",
    judges: 3,
    asOf: TODAY,
    today: TODAY,
  });
  if (!sanpingyi.ok) throw new Error(sanpingyi.failure.code);
  const groupMasterBytes = await writePlanToXlsx(sourceBytes, sanpingyi.plan);
  let groupMaster = await XlsxWorkbookSource.fromBuffer(groupMasterBytes).read();
  const groupLayout = assessmentLayout(
    sanpingyi.rubric.criteria.map((c) => c.id),
    3,
    nominees,
    sanpingyi.rubric.gradeBands.length,
    [{ id: "peers", raters: 10 }]
  );
  for (let i = 0; i < nominees; i++)
    groupMaster = typed(
      groupMaster,
      "考核表",
      groupLayout.firstRow + i,
      groupLayout.main.satisfaction,
      n(60 + Math.round(random() * 80) / 2)
    );
  const groupIssued = issueCopies(groupMaster, {
    issuedAt: "2012-03-01T09:00:00.000Z",
    today: TODAY,
    newCopyId: () => `g${random()}`,
  });
  if (!groupIssued.ok) throw new Error(groupIssued.failure.code);
  expect(groupIssued.copies.map((copy) => copy.label)).toEqual([
    "评委1",
    "评委2",
    "评委3",
    "评议_peers",
  ]);
  groupTyped = 0;
  const groupReturns = groupIssued.copies.map((copy) => {
    let grid = planToGrid(copy.plan());
    for (let i = 0; i < nominees; i++)
      if (copy.kind === "judge")
        sanpingyi.rubric.criteria.forEach((criterion, c) => {
          grid = typed(grid, copy.label, 3 + i, 6 + c, n(score(criterion.max)));
        });
      else
        for (let r = 1; r <= copy.raters; r++)
          if (random() > 0.25) {
            grid = typed(grid, copy.label, 3 + i, 5 + r, n(score(100)));
            groupTyped++;
          }
    return { file: `crosscheck-${copy.label}.xlsx`, grid };
  });
  const groupMerged = mergeReturns(groupMaster, groupReturns, {
    mergedAt: "2012-03-20T09:00:00.000Z",
    output: "workbook",
    today: TODAY,
  });
  if (!groupMerged.ok) throw new Error(groupMerged.failure.code);
  groupMerge = groupMerged.report;

  const recusalBytes = await writePlanToXlsx(masterBytes, again.plan);
  built = [
    { id: "recusal", bytes: recusalBytes, expected: expectedOf(again.plan) },
    // Twin: were LibreOffice echoing cached values, this copy (every cached result -1) would differ.
    {
      id: "recusal-stale",
      bytes: withWrongCachedValues(recusalBytes),
      expected: expectedOf(again.plan),
    },
    {
      id: "merged",
      bytes: await writePlanToXlsx(masterBytes, merged.plan),
      expected: expectedOf(merged.plan),
    },
    {
      id: "merged-groups",
      bytes: await writePlanToXlsx(groupMasterBytes, groupMerged.plan),
      expected: expectedOf(groupMerged.plan),
    },
  ];
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the workbooks compared", () => {
  it("compare many cells, recused rows among them", () => {
    for (const b of built.filter((x) => x.id === "recusal" || x.id === "merged")) {
      expect(b.expected.length).toBeGreaterThan(500);
      expect(b.expected.filter((c) => c.value === "回避").length).toBeGreaterThan(3);
    }
  });

  it("merge took every rater score typed in the group's copy, and the group's score and the totals are compared", () => {
    expect(groupMerge.refused).toEqual([]);
    expect(groupMerge.merged.at(-1)).toEqual({
      file: "crosscheck-评议_peers.xlsx",
      judge: null,
      group: "peers",
      taken: groupTyped,
    });
    expect(groupTyped).toBeGreaterThan(100);
    const groups = built.find((x) => x.id === "merged-groups")!.expected;
    // 考核表's 党员互评 column (K) and the 计入 columns of the group's sheet, with numbers among them.
    const groupScores = groups.filter((c) => /^'考核表'!K\d+$/.test(c.ref));
    expect(groupScores.filter((c) => typeof c.value === "number").length).toBeGreaterThan(10);
    expect(groups.filter((c) => c.what === "评议_peers").length).toBeGreaterThan(100);
  });

  it("merge took no value for a recused pair: each is listed with reason recused", () => {
    const recused = mergeInvalid.filter((i) => i.reason === "recused");
    // Six lines in force, four criteria each.
    expect(recused).toHaveLength(6 * 4);
    expect(new Set(recused.map((i) => `${i.judge}|${i.nominee}`))).toEqual(
      new Set(["1|SF-0001", "2|SF-0001", "3|SF-0002", "5|SF-0003", "4|SF-0005", "4|SF-0006"])
    );
  });
});

describeWithSoffice("LibreOffice recalculating 回避 and merged returns", () => {
  const recalculated = new Map<string, ComputedWorkbook>();
  let staleAsWritten: ComputedWorkbook;

  beforeAll(async () => {
    const files = built.map((b) => {
      const file = path.join(work, `${b.id}.xlsx`);
      writeFileSync(file, b.bytes);
      return file;
    });
    staleAsWritten = await readComputedValues(path.join(work, "recusal-stale.xlsx"));
    const outputs = await recalculateWorkbooks(files, path.join(work, "recalculated"), {
      timeoutMs: 180_000,
    });
    for (const [i, output] of outputs.entries())
      recalculated.set(built[i]!.id, await readComputedValues(output));
  }, 200_000);

  it.each(["recusal", "recusal-stale", "merged", "merged-groups"])(
    "workbook %s: every formula cell equals the interpreter's value",
    (id) => {
      const b = built.find((x) => x.id === id)!;
      const mismatches = compareCells(b.expected, recalculated.get(id)!);
      if (mismatches.length > 0)
        throw new Error(`${id} in LibreOffice: ${formatMismatches(mismatches, "LibreOffice")}`);
    }
  );

  it("really recalculates: the stale copy differs from the interpreter before LibreOffice, not after", () => {
    const stale = built.find((x) => x.id === "recusal-stale")!;
    expect(compareCells(stale.expected, staleAsWritten).length).toBeGreaterThan(100);
  });

  it("excludes a recused judge in LibreOffice too: SF-0001's row reads 回避 for judges 1 and 2 only", () => {
    const shown = recalculated.get("merged")!;
    const flags = [1, 2, 3, 4, 5].map((j) => shown.get(`评委${j}`)?.get("J3") ?? null);
    expect(flags.map((f) => (f === "" ? null : f))).toEqual(["回避", "回避", null, null, null]);
    expect(shown.get("回避")?.get("D8")).toBe("评委号无效");
    expect(shown.get("回避")?.get("D9")).toBe("考核表中无此编号");
    expect(shown.get("回避")?.get("D10")).toBe("编号不可留空或用通配符");
    expect(shown.get("回避")?.get("D11")).toBe("编号不可留空或用通配符");
  });
});

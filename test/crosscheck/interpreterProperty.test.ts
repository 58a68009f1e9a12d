import { isFormulaContent } from "../../src/engine/plan/shiftRows";
/**
 * interpreter(plan) = LibreOffice(plan), every formula cell, over assessment workbooks fast-check fills at random:
 * scores with abstentions and ties, vetoes, quotas, and bad pasted entries (text, numbers as text, scores out of
 * range, a satisfaction typed as "90%", a veto of "是 "). The workbooks come from a fixed seed, so a failure
 * reproduces; all of them are recalculated in ONE soffice call. Cached values are poisoned first, so every value
 * compared is LibreOffice's own.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XlsxWorkbookSource } from "../../src/adapters/xlsx/XlsxWorkbookSource";
import { writePlanToXlsx } from "../../src/adapters/xlsx/XlsxPlanSink";
import { evaluatePlan } from "../../src/engine/compute";
import { a1 } from "../../src/engine/core/CellRef";
import { SECTOR_CODES, TIER_CODES } from "../../src/engine/core";
import { inspectWorkbook } from "../../src/engine/intake/inspectWorkbook";
import { FormulaError, type CellValue } from "../../src/engine/interpret";
import { compileWithInputs } from "../../src/engine/plan/compileAssessment";
import {
  judgeSheetName,
  MAIN_SHEET,
  assessmentLayout,
} from "../../src/engine/plan/assessmentLayout";
import type { CellContent, WorkbookPlan } from "../../src/engine/plan/SheetPlan";
import { AS_OF, scenarioRubric } from "./assessScenario";
import { BAIQIANWAN_MAXIMA, WUHAO_MAXIMA, type Scenario } from "./scenarios";
import { nominationWorkbookBytes } from "./sourceWorkbook";
import {
  readComputedValues,
  recalculateWorkbooks,
  type ComputedValue,
} from "../support/libreoffice";
import { describeWithSoffice } from "../support/loSuite";

const SEED = 20261130;
const WORKBOOKS = 6;

/** What one entered cell may hold: a score, nothing, or something pasted that is not a valid score. */
type Entry = number | null | { readonly text: string };

const SCORE = (max: number): fc.Arbitrary<Entry> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: max * 2 }).map((h) => h / 2) },
    // A few values shared by many nominees, so totals, panels and satisfactions tie.
    { weight: 3, arbitrary: fc.constantFrom(max, max - 1, max - 2.5) },
    { weight: 2, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Entry>(
        { text: "85分" },
        { text: String(max - 1) },
        { text: "缺席" },
        max + 20,
        -3
      ),
    }
  );

interface RandomNominee {
  readonly sector: (typeof SECTOR_CODES)[number];
  readonly tier: (typeof TIER_CODES)[number];
  readonly scores: Entry[][];
  readonly satisfaction: Entry;
  readonly veto: "是" | "否" | "" | "是 ";
}

interface RandomWorkbook {
  readonly rubric: "baiqianwan" | "wuhao";
  readonly judges: number;
  readonly quotas: Partial<Record<(typeof TIER_CODES)[number], number>>;
  readonly nominees: RandomNominee[];
}

const WORKBOOK: fc.Arbitrary<RandomWorkbook> = fc
  .record({
    rubric: fc.constantFrom<"baiqianwan" | "wuhao">("baiqianwan", "wuhao"),
    judges: fc.integer({ min: 3, max: 5 }),
    quotas: fc.record(
      { province: fc.integer({ min: 1, max: 3 }), city: fc.integer({ min: 1, max: 3 }) },
      { requiredKeys: [] }
    ),
    count: fc.integer({ min: 4, max: 18 }),
  })
  .chain(({ rubric, judges, quotas, count }) => {
    const maxima = rubric === "baiqianwan" ? BAIQIANWAN_MAXIMA : WUHAO_MAXIMA;
    const nominee = fc.record({
      sector: fc.constantFrom(...SECTOR_CODES.slice(0, 4)),
      tier: fc.constantFrom(...TIER_CODES),
      scores: fc.tuple(...Array.from({ length: judges }, () => fc.tuple(...maxima.map(SCORE)))),
      satisfaction: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom<Entry>(90, 85.5, 100, 72.25) },
        { weight: 1, arbitrary: fc.constantFrom<Entry>(null, { text: "90%" }) }
      ),
      veto: fc.constantFrom<RandomNominee["veto"]>("否", "否", "否", "是", "", "是 "),
    });
    return fc.record({
      rubric: fc.constant(rubric),
      judges: fc.constant(judges),
      quotas: fc.constant(quotas),
      nominees: fc.array(nominee, { minLength: count, maxLength: count }),
    }) as fc.Arbitrary<RandomWorkbook>;
  });

function asScenario(id: string, w: RandomWorkbook): Scenario {
  return {
    id,
    rubric: w.rubric,
    judges: w.judges,
    maxima: w.rubric === "baiqianwan" ? BAIQIANWAN_MAXIMA : WUHAO_MAXIMA,
    quotas: w.quotas,
    nominees: w.nominees.map((n, i) => ({
      name: `随机示范点${i + 1}`,
      sector: n.sector,
      tier: n.tier,
      region: `第${(i % 3) + 1}市`,
      purpose: "random",
      // Valid numbers are typed through the compiler; pasted text and bad numbers are put in afterwards.
      inputs: {
        scores: n.scores.map((judge) =>
          judge.map((e) => (typeof e === "number" && e >= 0 && e <= 100 ? e : null))
        ),
        satisfaction: typeof n.satisfaction === "number" ? n.satisfaction : null,
        veto: null,
      },
    })),
  };
}

function entryContent(entry: Entry): CellContent {
  if (entry === null) return { kind: "blank" };
  if (typeof entry === "number") return { kind: "number", value: entry };
  return { kind: "text", text: entry.text };
}

/** The plan with every pasted entry in its input cell and every cached value poisoned. */
function filledPlan(plan: WorkbookPlan, w: RandomWorkbook, criteria: number): WorkbookPlan {
  const layout = assessmentLayout(
    Array.from({ length: criteria }, (_u, c) => `C${c + 1}`),
    w.judges,
    w.nominees.length,
    1
  );
  const entries = new Map<string, CellContent>();
  w.nominees.forEach((n, i) => {
    const row = layout.firstRow + i;
    n.scores.forEach((judge, j) =>
      judge.forEach((entry, c) =>
        entries.set(
          `${judgeSheetName(j + 1)}!${row}:${layout.judgeScoreColumns[c]}`,
          entryContent(entry)
        )
      )
    );
    entries.set(`${MAIN_SHEET}!${row}:${layout.main.satisfaction}`, entryContent(n.satisfaction));
    entries.set(
      `${MAIN_SHEET}!${row}:${layout.main.veto}`,
      n.veto === "" ? { kind: "blank" } : { kind: "text", text: n.veto }
    );
  });
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => ({
      ...sheet,
      cells: sheet.cells.map((cell) => {
        const entry = entries.get(`${sheet.name}!${cell.row}:${cell.col}`);
        if (entry) return { ...cell, content: entry };
        if (isFormulaContent(cell.content))
          return { ...cell, content: { ...cell.content, cached: "STALE" } };
        return cell;
      }),
    })),
  };
}

function sameShown(interpreted: CellValue | undefined, shown: ComputedValue | undefined): boolean {
  if (interpreted instanceof FormulaError) return shown === interpreted.code;
  if (interpreted === "" || interpreted === null || interpreted === undefined)
    return shown === "" || shown === null || shown === undefined;
  if (typeof interpreted === "number" && typeof shown === "number")
    return Math.abs(interpreted - shown) <= 1e-9 * Math.max(1, Math.abs(interpreted));
  return interpreted === shown;
}

describeWithSoffice("interpreter = LibreOffice over randomly filled assessment workbooks", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "shifan-property-"));
  const workbooks = fc.sample(WORKBOOK, { seed: SEED, numRuns: WORKBOOKS });
  const plans: WorkbookPlan[] = [];
  const shown: Map<string, Map<string, ComputedValue>>[] = [];

  beforeAll(async () => {
    const files: string[] = [];
    for (const [i, w] of workbooks.entries()) {
      const scenario = asScenario(`random-${i}`, w);
      const sourceBytes = await nominationWorkbookBytes(scenario);
      const inspected = inspectWorkbook(await XlsxWorkbookSource.fromBuffer(sourceBytes).read());
      const rubric = scenarioRubric(scenario);
      const compiled = compileWithInputs(
        inspected,
        { rubric, asOf: AS_OF, today: AS_OF },
        scenario.nominees.map((n) => n.inputs)
      );
      const plan = filledPlan(compiled.plan, w, rubric.criteria.length);
      plans.push(plan);
      const file = path.join(work, `random-${i}.xlsx`);
      writeFileSync(file, await writePlanToXlsx(sourceBytes, plan));
      files.push(file);
    }
    const outputs = await recalculateWorkbooks(files, path.join(work, "out"), {
      timeoutMs: 180_000,
    });
    for (const output of outputs) shown.push(await readComputedValues(output));
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(workbooks.map((w, i) => [i, w.nominees.length, w.judges] as const))(
    "workbook %i (%i nominees, %i judges): every formula cell",
    (i) => {
      const plan = plans[i]!;
      const values = evaluatePlan(plan, { today: AS_OF });
      const differences: string[] = [];
      let compared = 0;
      for (const sheet of plan.sheets) {
        for (const cell of sheet.cells) {
          if (!isFormulaContent(cell.content)) continue;
          compared++;
          const mine = values.value(sheet.name, cell.row, cell.col);
          const theirs = shown[i]!.get(sheet.name)?.get(a1(cell.row, cell.col));
          if (!sameShown(mine, theirs))
            differences.push(
              `'${sheet.name}'!${a1(cell.row, cell.col)}: interpreter ${mine instanceof FormulaError ? mine.code : JSON.stringify(mine)}, LibreOffice ${JSON.stringify(theirs)}`
            );
        }
      }
      expect(compared).toBeGreaterThan(40);
      expect(differences.slice(0, 20)).toEqual([]);
    }
  );

  it("fills pasted bad entries and ties into the workbooks it checks", () => {
    const all = workbooks.flatMap((w) => w.nominees);
    const pasted = all
      .flatMap((n) => n.scores.flat())
      .filter((e) => typeof e === "object" && e !== null);
    expect(pasted.length).toBeGreaterThan(5);
    expect(all.some((n) => n.veto === "是")).toBe(true);
  });
});

/**
 * `npm run bench -- office-js`: how a 10,000-nominee plan is cut into office-js requests, measured on the
 * in-memory Excel fake (which counts syncs and request bytes as Excel on the web would receive them).
 * Goal: every request under 5 MB, syncs ≤ ⌈total bytes / 4 MB⌉ + 3. Printed, never asserted.
 */
import { performance } from "node:perf_hooks";
import { FAKE_REQUEST_LIMIT_BYTES, FakeWorkbook } from "../adapters/officejs/fake/FakeExcel";
import { syntheticAssessmentPlan } from "../adapters/officejs/fake/syntheticPlan";
import { DEFAULT_MAX_REQUEST_BYTES, OfficeJsPlanSink } from "../adapters/officejs/OfficeJsWorkbook";
import { BUILTIN_RUBRICS, SECTOR_CODES, TIER_CODES, TIER_NAMES } from "../engine";
import { SECTOR_NAMES } from "../engine/core/domain";
import { inspectWorkbook } from "../engine/intake/inspectWorkbook";
import { compileAssessment } from "../engine/plan/compileAssessment";
import type { RawCell, WorkbookGrid, WorkbookPlan } from "../engine";
import type { Print } from "./run";

const NOMINEES = 10_000;
const SOURCE_SHEET = "推荐汇总";

/** A nomination sheet as offices send it: a title row, the header, one row per nominee. */
function nominationGrid(count: number): WorkbookGrid {
  const t = (text: string): RawCell => ({ type: "text", text });
  const rows: RawCell[][] = [
    [t("创先争优活动示范点推荐汇总表")],
    ["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"].map(t),
  ];
  for (let i = 0; i < count; i++) {
    const sector = SECTOR_CODES[i % SECTOR_CODES.length] ?? "village";
    const tier = TIER_CODES[i % TIER_CODES.length] ?? "county";
    rows.push([
      { type: "number", value: i + 1 },
      t(`第${(i % 14) + 1}市州`),
      t(`测试示范点${String(i + 1).padStart(5, "0")}党支部`),
      t(SECTOR_NAMES[sector]),
      t(TIER_NAMES[tier]),
    ]);
  }
  return {
    sheets: [
      { name: SOURCE_SHEET, hidden: false, rows, merges: [], hiddenRows: [], hiddenColumns: [] },
    ],
  };
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

async function measure(
  print: Print,
  label: string,
  source: WorkbookGrid,
  plan: WorkbookPlan
): Promise<void> {
  const book = FakeWorkbook.fromGrid(source);
  const started = performance.now();
  await new OfficeJsPlanSink(book.host()).apply(plan);
  const ms = Math.round(performance.now() - started);
  const total = book.stats.requestBytes.reduce((a, b) => a + b, 0);
  const goal = Math.ceil(total / DEFAULT_MAX_REQUEST_BYTES) + 3;
  const cells = plan.sheets.reduce((n, s) => n + s.cells.length, 0);
  print(`${label}: ${fmt(cells)} planned cells`);
  print(
    `  syncs ${book.stats.syncs} (goal ≤ ⌈total / 4 MB⌉ + 3 = ${goal}) ${book.stats.syncs <= goal ? "ok" : "OVER GOAL"}`
  );
  print(
    `  largest request ${fmt(book.stats.largestRequest)} bytes (limit ${fmt(FAKE_REQUEST_LIMIT_BYTES)}) ${book.stats.largestRequest < FAKE_REQUEST_LIMIT_BYTES ? "ok" : "OVER LIMIT"}`
  );
  print(
    `  total ${fmt(total)} bytes in requests of ${book.stats.requestBytes.map(fmt).join(", ")}`
  );
  print(`  in-memory apply ${fmt(ms)} ms (the fake; real Excel time is not measured here)`);
}

export async function bench(print: Print): Promise<void> {
  const source = nominationGrid(NOMINEES);
  await measure(
    print,
    `synthetic plan, ${fmt(NOMINEES)} nominees × 25 columns`,
    source,
    syntheticAssessmentPlan({ nominees: NOMINEES, columns: 25 })
  );
  let compiled: WorkbookPlan;
  try {
    const inspected = inspectWorkbook(source);
    compiled = compileAssessment(inspected, {
      rubric: BUILTIN_RUBRICS.baiqianwan,
      asOf: "today",
    }).plan;
  } catch (error) {
    print(
      `compiled plan: skipped, compileAssessment failed: ${error instanceof Error ? error.message : String(error)}`
    );
    return;
  }
  await measure(
    print,
    `compiled assessment plan (百千万 rubric), ${fmt(NOMINEES)} nominees`,
    source,
    compiled
  );
}

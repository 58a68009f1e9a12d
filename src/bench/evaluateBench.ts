/**
 * `npm run bench -- evaluate`: issue #10 §1. evaluatePlan over a 10,000-nominee, 5-judge assessment plan with
 * every score entered (goal: well under 1 s), printed beside a floor measured in the same run: compiling that
 * plan. (The JavaScript evaluators it was once compared with are gone: the formulas are the only rules.) Beside
 * it, the same plan with no score entered (what `assess` evaluates; `merge` evaluates the scored one, issue #9
 * §6) and the garbage collections each evaluation needs (decision 0038).
 */
import { PerformanceObserver, performance } from "node:perf_hooks";
import {
  BUILTIN_RUBRICS,
  SECTOR_CODES,
  TIER_CODES,
  TIER_NAMES,
  type IsoDate,
  type RawCell,
  type WorkbookGrid,
} from "../engine";
import { evaluatePlan } from "../engine/compute/evaluatePlan";
import { SECTOR_NAMES } from "../engine/core/domain";
import { inspectWorkbook } from "../engine/intake/inspectWorkbook";
import type { EnteredInputs } from "../engine/plan/AssessmentModel";
import { compileWithInputs } from "../engine/plan/compileAssessment";
import type { Print } from "./run";

const SIZE = 10_000;
const JUDGES = 5;
const ROUNDS = 3;
const AS_OF = "2012-04-01" as IsoDate;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A nomination sheet in memory: title, header, one nominee a row. */
function nominationGrid(count: number, random: () => number): WorkbookGrid {
  const text = (value: string): RawCell => ({ type: "text", text: value });
  const rows: RawCell[][] = [
    [text("创先争优活动示范点推荐汇总表")],
    ["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"].map(text),
  ];
  for (let i = 0; i < count; i++) {
    const sector = SECTOR_CODES[Math.floor(random() * SECTOR_CODES.length)] ?? "village";
    const tier = TIER_CODES[Math.floor(random() * TIER_CODES.length)] ?? "county";
    rows.push([
      { type: "number", value: i + 1 },
      text(`第${(i % 14) + 1}市州`),
      text(`测试示范点${String(i + 1).padStart(5, "0")}党支部`),
      text(SECTOR_NAMES[sector]),
      text(TIER_NAMES[tier]),
    ]);
  }
  return {
    sheets: [
      { name: "推荐汇总", hidden: false, rows, merges: [], hiddenRows: [], hiddenColumns: [] },
    ],
  };
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Heap in use after a full collection (npm run bench runs node with --expose-gc). */
function heapAfterGc(): number {
  collectGarbage?.();
  collectGarbage?.();
  return process.memoryUsage().heapUsed;
}

function megabytes(bytes: number): string {
  return collectGarbage ? `${(bytes / 2 ** 20).toFixed(1)} MB` : "n/a (node without --expose-gc)";
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(6)} ms`;
}

function best(rounds: number, run: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** Garbage collections during `run` (V8 reports them after it, once the event loop turns), and their time. */
async function collections(run: () => void): Promise<{ count: number; ms: number }> {
  const seen = { count: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.count++;
      seen.ms += entry.duration;
    }
  });
  collectGarbage?.();
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.observe({ entryTypes: ["gc"] });
  run();
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  return seen;
}

export async function bench(print: Print): Promise<void> {
  const random = seededRandom(SIZE);
  const rubric = { ...BUILTIN_RUBRICS.baiqianwan, judges: JUDGES };
  const inspected = inspectWorkbook(nominationGrid(SIZE, random));
  const maxima = rubric.criteria.map((c) => c.max);
  const inputs: EnteredInputs[] = inspected.nominees.map(() => ({
    scores: Array.from({ length: JUDGES }, () =>
      maxima.map((max) => Math.round(random() * max * 2) / 2)
    ),
    satisfaction: Math.round((70 + random() * 30) * 100) / 100,
    veto: random() < 0.03,
  }));
  const settings = { rubric, asOf: AS_OF, today: AS_OF };
  const baseline = heapAfterGc();
  let compiled = compileWithInputs(inspected, settings, inputs);
  const planBytes = heapAfterGc() - baseline;
  const compileMs = best(ROUNDS, () => {
    compiled = compileWithInputs(inspected, settings, inputs);
  });
  const evaluateMs = best(ROUNDS, () => evaluatePlan(compiled.plan, { today: AS_OF }));
  const before = heapAfterGc();
  const values = evaluatePlan(compiled.plan, { today: AS_OF });
  const valuesBytes = heapAfterGc() - before;
  const noScores: EnteredInputs[] = inputs.map(() => ({
    scores: Array.from({ length: JUDGES }, () => maxima.map(() => null)),
    satisfaction: null,
    veto: null,
  }));
  const empty = compileWithInputs(inspected, settings, noScores).plan;
  const emptyMs = best(ROUNDS, () => evaluatePlan(empty, { today: AS_OF }));
  const scoredGc = await collections(() => evaluatePlan(compiled.plan, { today: AS_OF }));
  const emptyGc = await collections(() => evaluatePlan(empty, { today: AS_OF }));
  const gc = ({ count, ms: time }: { count: number; ms: number }) =>
    `${count} (${time.toFixed(0)} ms)`;
  print(
    `${SIZE.toLocaleString("en")} nominees × ${JUDGES} judges, every score entered (${values.formulaCount.toLocaleString("en")} formula cells), best of ${ROUNDS}:`
  );
  print(`  evaluatePlan (interpreter over the plan)   ${ms(evaluateMs)}   goal well under 1 s`);
  print(`  floor: compileWithInputs (the same plan)    ${ms(compileMs)}`);
  print(`  the same plan with no score entered         ${ms(emptyMs)}   (what assess evaluates)`);
  print(
    `  garbage collections in one evaluation: every score entered ${gc(scoredGc)}, none ${gc(emptyGc)}`
  );
  print(
    `  memory: the values evaluatePlan keeps ${megabytes(valuesBytes)}, beside the plan itself ${megabytes(planBytes)}`
  );
}

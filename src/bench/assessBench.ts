/**
 * `npm run bench -- assess`: issue #5 §7. In one run:
 *  1. `assess` (read, inspect, compile, write) of 10,000 and 20,000 nominees against plain ExcelJS reading
 *     and writing the same nomination workbook — goal ≤ 2×;
 *  2. LibreOffice recalculating the 10,000-nominee assessment workbook (scores filled in) against a workbook
 *     holding only one conditional rank column COUNTIFS(tier,t,key,">"&key)+1 over the same rows — goal ≤ 2×.
 * Figures are printed, never asserted.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbookSource } from "../adapters/xlsx/XlsxWorkbookSource";
import { writePlanToXlsx } from "../adapters/xlsx/XlsxPlanSink";
import { assessCommand } from "../cli/commands/assess";
import type { CliIo } from "../cli/CliIo";
import {
  BUILTIN_RUBRICS,
  MAIN_SHEET,
  SECTOR_CODES,
  SECTOR_NAMES,
  SUMMARY_SHEET,
  TIER_CODES,
  TIER_NAMES,
  compileWithInputs,
  inspectWorkbook,
  type EnteredInputs,
  type IsoDate,
} from "../engine";
import { recalculateWorkbooks, sofficeAvailable } from "../tools/libreoffice";
import type { Print } from "./run";

const SIZES = [10_000, 20_000] as const;
const RECALC_SIZE = 10_000;
const SOURCE_SHEET = "推荐汇总";
const AS_OF = "2012-04-01" as IsoDate;
const SILENT: CliIo = { stdout: () => undefined, stderr: () => undefined };

/** mulberry32, so every run benches the same workbook. */
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

interface BenchNominee {
  readonly name: string;
  readonly sector: (typeof SECTOR_CODES)[number];
  readonly tier: (typeof TIER_CODES)[number];
  readonly region: string;
}

function benchNominees(count: number): BenchNominee[] {
  const random = seededRandom(count);
  return Array.from({ length: count }, (_, i) => ({
    name: `测试示范点${String(i + 1).padStart(5, "0")}党支部`,
    sector: SECTOR_CODES[Math.floor(random() * SECTOR_CODES.length)] ?? "village",
    tier: TIER_CODES[Math.floor(random() * TIER_CODES.length)] ?? "county",
    region: `第${(i % 14) + 1}市州`,
  }));
}

/** A nomination workbook as offices send it: a title row, the header, one row per nominee. */
async function nominationWorkbook(nominees: readonly BenchNominee[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SOURCE_SHEET);
  sheet.addRow(["创先争优活动示范点推荐汇总表"]);
  sheet.mergeCells(1, 1, 1, 5);
  sheet.addRow(["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"]);
  nominees.forEach((n, i) =>
    sheet.addRow([i + 1, n.region, n.name, SECTOR_NAMES[n.sector], TIER_NAMES[n.tier]])
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The reference workload: tier and an exact numeric key per row, and one rank column
 * `COUNTIFS(tier,t,key,">"&key)+1` over all rows (quadratic in LibreOffice, as the assessment's rank is).
 */
async function rankColumnWorkbook(rows: number, file: string): Promise<void> {
  const random = seededRandom(rows + 1);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("排名");
  sheet.addRow(["级别", "排序键", "排名"]);
  const last = rows + 1;
  for (let r = 2; r <= last; r++) {
    const tier = TIER_NAMES[TIER_CODES[Math.floor(random() * TIER_CODES.length)] ?? "county"];
    const key =
      Math.round(random() * 1e4) * 1e10 +
      Math.round(random() * 1e4) * 1e5 +
      Math.round(random() * 1e4);
    sheet.addRow([
      tier,
      key,
      { formula: `COUNTIFS($A$2:$A$${last},A${r},$B$2:$B$${last},">"&B${r})+1`, result: 0 },
    ]);
  }
  await workbook.xlsx.writeFile(file);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

/** Scores as a review meeting leaves them: most judges score, a few abstain, a few nominees are vetoed. */
function filledInputs(count: number, judges: number, maxima: readonly number[]): EnteredInputs[] {
  const random = seededRandom(count + 2);
  return Array.from({ length: count }, () => {
    const quality = 0.5 + random() * 0.5;
    return {
      scores: Array.from({ length: judges }, () =>
        maxima.map((max) =>
          random() < 0.04
            ? null
            : Math.min(max, Math.round(max * quality * 2 + (random() - 0.5) * 4) / 2)
        )
      ),
      satisfaction: random() < 0.03 ? null : Math.round((60 + random() * 40) * 100) / 100,
      veto: random() < 0.03,
    };
  });
}

/** assess through the command itself (read, inspect, compile, write atomically) against ExcelJS reading and writing the same file. */
async function benchAssess(print: Print, dir: string): Promise<void> {
  print(
    "| nominees | ExcelJS read+write | shifan assess | ratio (goal ≤ 2×) | of which read+inspect / compile / write |"
  );
  print("|---:|---:|---:|---:|---|");
  for (const size of SIZES) {
    const source = path.join(dir, `nominations-${size}.xlsx`);
    await fs.writeFile(source, await nominationWorkbook(benchNominees(size)));

    const plain = await timed(async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(source);
      await workbook.xlsx.writeFile(path.join(dir, `exceljs-${size}.xlsx`));
    });
    const assess = await timed(() =>
      assessCommand(
        [source, "-o", path.join(dir, `assessed-${size}.xlsx`), "--as-of", AS_OF],
        SILENT
      )
    );
    if (assess.value !== 0) throw new Error(`shifan assess exited with ${assess.value}`);

    // The same work in stages, to show where the time goes.
    const bytes = await fs.readFile(source);
    const read = await timed(async () =>
      inspectWorkbook(await XlsxWorkbookSource.fromBuffer(bytes).read())
    );
    const compile = await timed(async () =>
      compileWithInputs(
        read.value,
        { rubric: BUILTIN_RUBRICS.baiqianwan, asOf: AS_OF, today: AS_OF },
        []
      )
    );
    const write = await timed(() => writePlanToXlsx(bytes, compile.value.plan));
    print(
      `| ${size.toLocaleString("en")} | ${seconds(plain.ms)} | ${seconds(assess.ms)} | ${ratio(assess.ms, plain.ms)} | ${seconds(read.ms)} / ${seconds(compile.ms)} / ${seconds(write.ms)} |`
    );
  }
}

/** LibreOffice recalculating the filled assessment workbook against the bare rank column, each in its own soffice run. */
async function benchRecalculation(print: Print, dir: string): Promise<void> {
  if (!sofficeAvailable()) {
    print(
      "LibreOffice recalculation: skipped, soffice is not installed (set SHIFAN_SOFFICE to its path)"
    );
    return;
  }
  const rubric = BUILTIN_RUBRICS.baiqianwan;
  const sourceBytes = await nominationWorkbook(benchNominees(RECALC_SIZE));
  const inspect = inspectWorkbook(await XlsxWorkbookSource.fromBuffer(sourceBytes).read());
  const inputs = filledInputs(
    inspect.nominees.length,
    rubric.judges,
    rubric.criteria.map((c) => c.max)
  );
  const compiled = compileWithInputs(inspect, { rubric, asOf: AS_OF, today: AS_OF }, inputs);
  const assessed = path.join(dir, "assessment-filled.xlsx");
  await fs.writeFile(assessed, await writePlanToXlsx(sourceBytes, compiled.plan));
  const rankOnly = path.join(dir, "rank-column-only.xlsx");
  await rankColumnWorkbook(RECALC_SIZE, rankOnly);
  const empty = path.join(dir, "start-up-only.xlsx");
  const emptyWorkbook = new ExcelJS.Workbook();
  emptyWorkbook.addWorksheet("空").getCell("A1").value = 1;
  await emptyWorkbook.xlsx.writeFile(empty);

  // Without the recalculation setting LibreOffice keeps cached values (fullCalcOnLoad too), so that run is load + save alone.
  const run = async (file: string, name: string, recalculateOnLoad: boolean): Promise<number> =>
    (
      await timed(() =>
        recalculateWorkbooks([file], path.join(dir, `out-${name}-${recalculateOnLoad}`), {
          recalculateOnLoad,
          timeoutMs: 1_800_000,
        })
      )
    ).ms;
  const startUp = await run(empty, "start-up", true);
  const rank = {
    full: await run(rankOnly, "rank", true),
    loadSave: await run(rankOnly, "rank", false),
  };
  const assessment = {
    full: await run(assessed, "assessment", true),
    loadSave: await run(assessed, "assessment", false),
  };
  // The difference of two noisy wall times: on a busy machine it can vanish, and then it says so instead of a figure.
  const recalc = (w: { full: number; loadSave: number }): number | null =>
    w.full > w.loadSave ? w.full - w.loadSave : null;
  const recalcText = (w: { full: number; loadSave: number }): string => {
    const ms = recalc(w);
    return ms === null ? "within noise" : seconds(ms);
  };
  const recalcRatio = (): string => {
    const a = recalc(assessment);
    const r = recalc(rank);
    return a === null || r === null ? "not measurable this run" : ratio(a, r);
  };
  print(
    `LibreOffice, ${RECALC_SIZE.toLocaleString("en")} nominees (${rubric.judges} judges, scores filled); soffice start-up alone ${seconds(startUp)}:`
  );
  print(
    "| workbook | open + recalculate + save | open + save (cached values) | recalculation (difference) |"
  );
  print("|---|---:|---:|---:|");
  print(
    `| one rank column COUNTIFS(tier,t,key,">"&key)+1 | ${seconds(rank.full)} | ${seconds(rank.loadSave)} | ${recalcText(rank)} |`
  );
  print(
    `| assessment workbook | ${seconds(assessment.full)} | ${seconds(assessment.loadSave)} | ${recalcText(assessment)} |`
  );
  print(
    `ratio assessment / rank column (goal ≤ 2×): ${ratio(assessment.full, rank.full)} end to end, ${recalcRatio()} recalculation alone`
  );

  // Where the time goes: the same workbook without one part at a time (open + recalculate + save).
  const plan = compiled.plan;
  const without = async (name: string, sheets: typeof plan.sheets): Promise<string> => {
    const file = path.join(dir, `assessment-without-${name}.xlsx`);
    await fs.writeFile(file, await writePlanToXlsx(sourceBytes, { ...plan, sheets }));
    return seconds(await run(file, `without-${name}`, true));
  };
  const rankColumn = compiled.layout.main.rank;
  const withoutSummary = await without(
    "summary",
    plan.sheets.filter((sheet) => sheet.name !== SUMMARY_SHEET)
  );
  const withoutRank = await without(
    "rank",
    plan.sheets.map((sheet) =>
      sheet.name === MAIN_SHEET
        ? { ...sheet, cells: sheet.cells.filter((cell) => cell.col !== rankColumn) }
        : sheet
    )
  );
  const withoutFormats = await without(
    "formats",
    plan.sheets.map((sheet) => ({ ...sheet, conditionalFormats: [], validations: [] }))
  );
  print(
    `where the time goes (open + recalculate + save): without ${SUMMARY_SHEET} ${withoutSummary}; without the rank column ${withoutRank}; without conditional formats and validations ${withoutFormats}`
  );
}

export async function bench(print: Print): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-assess-bench-"));
  try {
    await benchAssess(print, dir);
    print("");
    await benchRecalculation(print, dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

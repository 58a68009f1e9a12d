/**
 * `npm run bench -- round trip`: issue #9 §6. On a 10,000-nominee, 5-judge assessment, in one run, best of a few
 * rounds each, alternating:
 *  - `shifan copies` (five judges' copies) against `shifan assess` of the same assessment workbook;
 *  - `shifan merge` of five full returns (every judge scored every nominee) against the same assess, and beside it
 *    against `shifan assess` of the merged workbook: the same 200,000 scores evaluated and written, which the
 *    empty assessment's assess does not have to do.
 * Beside them each command's CPU time, the main thread's and all threads', and the least wall time those allow on this
 * machine's cores (decision 0035: why merge stays above assess). Then merge once more, stage by stage (decision 0028).
 * Goal: each ≤ 1.0× its floor (issue #9 §6 names the first).
 * Figures are printed, never asserted.
 */
import { promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { assessCommand } from "../cli/commands/assess";
import { copiesCommand } from "../cli/commands/copies";
import { mergeCommand } from "../cli/commands/merge";
import type { CliIo } from "../cli/CliIo";
import { NATIVE_INFLATE } from "../cli/nativeInflate";
import { readReturnedCopy, transferList } from "../cli/readReturnedCopies";
import { XlsxWorkbookSource } from "../adapters/xlsx/XlsxWorkbookSource";
import { writePlanToXlsx } from "../adapters/xlsx/XlsxPlanSink";
import {
  SECTOR_CODES,
  TIER_CODES,
  TIER_NAMES,
  mergeReturns,
  rowsRead,
  type MergeRequest,
  type ReturnedCopy,
} from "../engine";
import { SECTOR_NAMES } from "../engine/core/domain";
import type { Print } from "./run";

const SIZE = 10_000;
const JUDGES = 5;
const ROUNDS = 3;
const MAXES = [30, 20, 25, 25];
const SILENT: CliIo = { stdout: () => undefined, stderr: () => undefined };

/** One stage of the merge, timed once (after the rounds), with what it made. */
async function stage<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/**
 * `merge`'s work stage by stage, on this thread: reading the master; reading the five returns as merge takes them
 * (the command does that on a worker thread beside the master's read); posting and receiving them; mergeReturns taking the
 * values (its `cells` output: the merge alone); mergeReturns as the command runs it (the assessment planned again
 * with every score, cached values evaluated); writing the file.
 */
async function mergeStages(masterFile: string, returns: readonly string[]): Promise<string> {
  const bytes = await fs.readFile(masterFile);
  const master = await stage(() =>
    XlsxWorkbookSource.fromBuffer(bytes, { ...NATIVE_INFLATE, rowsRead }).read()
  );
  const read = await stage(async () => {
    const list: ReturnedCopy[] = [];
    for (const file of returns) list.push(await readReturnedCopy(file));
    return list;
  });
  // The worker posts what merge takes of each return, its buffers transferred; here both ends are on this thread.
  const copies = await stage(async () =>
    read.value.map((copy) => structuredClone(copy, { transfer: transferList(copy) }))
  );
  const request = (output: MergeRequest["output"]): MergeRequest => ({
    mergedAt: new Date().toISOString(),
    output,
  });
  const taking = await stage(async () =>
    mergeReturns(master.value, copies.value, request("cells"))
  );
  const merged = await stage(async () =>
    mergeReturns(master.value, copies.value, request("workbook"))
  );
  if (!taking.value.ok || !merged.value.ok) throw new Error("the bench's merge failed");
  const plan = merged.value.plan;
  const write = await stage(() => writePlanToXlsx(bytes, plan));
  return `merge stage by stage (one run each, on one thread): read the master ${seconds(master.ms)} / read the ${returns.length} returns ${seconds(read.ms)} (the command: on a worker, beside the master's read) / post and receive them ${seconds(copies.ms)} / take their values ${seconds(taking.ms)} / take them, plan again and evaluate ${seconds(merged.ms)} / write ${seconds(write.ms)}`;
}

/** What one command cost: wall clock, CPU time of every thread of the process, and of the main thread alone. */
interface Cost {
  readonly wall: number;
  readonly cpu: number;
  /** null where /proc is not there to tell the main thread's own time. */
  readonly mainCpu: number | null;
}

/**
 * The main thread's CPU time so far, ms, from Linux's /proc (in clock ticks of 1/100 s, the kernel's USER_HZ): the
 * worker merge reads its returns on and V8's helper threads are left out; null elsewhere.
 */
function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function timed(work: () => Promise<number>): Promise<Cost> {
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const main = mainThreadCpu();
  const code = await work();
  if (code !== 0) throw new Error(`a timed command exited with ${code}`);
  const used = process.cpuUsage(cpu);
  const mainNow = mainThreadCpu();
  return {
    wall: Number(process.hrtime.bigint() - started) / 1e6,
    cpu: (used.user + used.system) / 1000,
    mainCpu: main === null || mainNow === null ? null : mainNow - main,
  };
}

/** Each field's least over the rounds (best of, as for the time). */
function least(a: Cost | null, b: Cost): Cost {
  if (!a) return b;
  return {
    wall: Math.min(a.wall, b.wall),
    cpu: Math.min(a.cpu, b.cpu),
    mainCpu: a.mainCpu === null || b.mainCpu === null ? null : Math.min(a.mainCpu, b.mainCpu),
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function nominations(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("推荐汇总");
  sheet.addRow(["创先争优活动示范点推荐汇总表"]);
  sheet.addRow(["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"]);
  for (let i = 0; i < SIZE; i++)
    sheet.addRow([
      i + 1,
      `第${(i % 14) + 1}市州`,
      `测试示范点${String(i + 1).padStart(5, "0")}党支部`,
      SECTOR_NAMES[SECTOR_CODES[i % SECTOR_CODES.length] ?? "village"],
      TIER_NAMES[TIER_CODES[i % TIER_CODES.length] ?? "county"],
    ]);
  await workbook.xlsx.writeFile(file);
}

/** A judge's copy as it comes back: every score cell (F…I of each nominee row) typed, by editing the sheet XML. */
function fullReturn(bytes: Uint8Array, judge: number): Uint8Array {
  const parts = unzipSync(bytes);
  const sheetPath = "xl/worksheets/sheet1.xml";
  const xml = strFromU8(parts[sheetPath] as Uint8Array).replace(
    /<c r="([F-I])(\d+)"( s="\d+")?\/>/g,
    (whole, col: string, rowText: string, style: string | undefined) => {
      const row = Number(rowText);
      if (row < 3) return whole;
      const c = col.charCodeAt(0) - 70;
      const max = MAXES[c] ?? 20;
      const value = ((row * 7 + judge * 3 + c) % (2 * max + 1)) / 2;
      return `<c r="${col}${row}"${style ?? ""}><v>${value}</v></c>`;
    }
  );
  parts[sheetPath] = strToU8(xml);
  return zipSync(parts, { level: 1 });
}

export async function bench(print: Print): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-roundtrip-bench-"));
  try {
    const source = path.join(dir, "nominations.xlsx");
    await nominations(source);
    const master = path.join(dir, "master.xlsx");
    await timed(() =>
      assessCommand(
        [source, "-o", master, "--judges", String(JUDGES), "--as-of", "2012-04-01"],
        SILENT
      )
    );
    await timed(() => copiesCommand([master, "-o", path.join(dir, "issued")], SILENT));
    const returns: string[] = [];
    for (let j = 1; j <= JUDGES; j++) {
      const file = path.join(dir, `return-${j}.xlsx`);
      await fs.writeFile(
        file,
        fullReturn(await fs.readFile(path.join(dir, "issued", `master-评委${j}.xlsx`)), j)
      );
      returns.push(file);
    }

    let assess: Cost | null = null;
    let copies: Cost | null = null;
    let merge: Cost | null = null;
    let scoredAssess: Cost | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      assess = least(
        assess,
        await timed(() => assessCommand([master, "-o", path.join(dir, "again.xlsx")], SILENT))
      );
      copies = least(
        copies,
        await timed(() => copiesCommand([master, "-o", path.join(dir, `copies-${round}`)], SILENT))
      );
      merge = least(
        merge,
        await timed(() =>
          mergeCommand([master, ...returns, "-o", path.join(dir, "merged.xlsx")], SILENT)
        )
      );
      scoredAssess = least(
        scoredAssess,
        await timed(() =>
          assessCommand(
            [path.join(dir, "merged.xlsx"), "-o", path.join(dir, "rescored.xlsx")],
            SILENT
          )
        )
      );
    }
    if (!assess || !copies || !merge || !scoredAssess) throw new Error("no rounds");
    const assessMs = assess.wall;
    const copiesMs = copies.wall;
    const mergeMs = merge.wall;
    const scoredAssessMs = scoredAssess.wall;
    const stages = await mergeStages(master, returns);
    print(
      `${SIZE.toLocaleString("en")} nominees, ${JUDGES} judges; best of ${ROUNDS} runs each, alternating`
    );
    print("| step | time | shifan assess of the same workbook | ratio (goal ≤ 1.0×) |");
    print("|---|---:|---:|---:|");
    print(
      `| copies (${JUDGES} judges) | ${seconds(copiesMs)} | ${seconds(assessMs)} | ${(copiesMs / assessMs).toFixed(2)}× |`
    );
    print(
      `| merge of ${JUDGES} full returns (${(SIZE * MAXES.length * JUDGES).toLocaleString("en")} scores) | ${seconds(mergeMs)} | ${seconds(assessMs)} | ${(mergeMs / assessMs).toFixed(2)}× |`
    );
    print("");
    print("| step | time | shifan assess of the merged workbook (every score in) | ratio |");
    print("|---|---:|---:|---:|");
    print(
      `| merge of ${JUDGES} full returns | ${seconds(mergeMs)} | ${seconds(scoredAssessMs)} | ${(mergeMs / scoredAssessMs).toFixed(2)}× |`
    );
    print("");
    // Where the time can go on this machine: a command takes at least its main thread's CPU time, and at least
    // all its threads' CPU time spread over every core (merge's worker and V8's helpers included).
    const cores = os.cpus().length;
    const bound = (cost: Cost): number => Math.max(cost.mainCpu ?? 0, cost.cpu / cores);
    print(
      `CPU time, best of ${ROUNDS} each (the least wall time a command can take here is the larger of its main thread's and all its threads' ÷ ${cores} cores):`
    );
    print("| command | main thread | all threads | least wall time | wall |");
    print("|---|---:|---:|---:|---:|");
    for (const [name, cost] of [
      ["assess", assess],
      ["merge", merge],
      ["assess of the merged workbook", scoredAssess],
    ] as const)
      print(
        `| ${name} | ${cost.mainCpu === null ? "n/a" : seconds(cost.mainCpu)} | ${seconds(cost.cpu)} | ${seconds(bound(cost))} | ${seconds(cost.wall)} |`
      );
    print(
      `merge/assess by that least time: ${(bound(merge) / bound(assess)).toFixed(2)}× (by wall: ${(mergeMs / assessMs).toFixed(2)}×)`
    );
    print("");
    print(stages);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

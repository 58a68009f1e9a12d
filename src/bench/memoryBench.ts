/**
 * `npm run bench -- memory`: issue #12 §1. Peak memory of the shifan command line, each command in a fresh node
 * process (its peak resident memory, read by the process itself at exit: see reportPeakMemory.ts), beside floors measured in
 * the same run: node doing nothing, and ExcelJS reading the same file. Goals: assess of 10,000 nominees
 * ≤ 300 MB, assess of 200,000 nominees < 1 GB; copies of that 200,000-nominee assessment beside assess's peak.
 * Figures are printed, never asserted.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { SECTOR_CODES, TIER_CODES, TIER_NAMES } from "../engine";
import { SECTOR_NAMES } from "../engine/core/domain";
import type { Print } from "./run";

const SOURCE_SHEET = "推荐汇总";
const AS_OF = "2012-04-01";
const CLI = path.join(__dirname, "..", "cli", "shifan.js");
const HOOK = path.join(__dirname, "reportPeakMemory.js");
const EXCELJS_READ = path.join(__dirname, "readWithExcelJs.js");
/** A 200,000-nominee assess takes minutes on a busy 2-core machine; past this the run is reported as cut off. */
const TIMEOUT_MS = 30 * 60_000;

/**
 * A nomination workbook as offices send it (title, header, one nominee a row), written by ExcelJS's streaming
 * writer so that making the bench's 200,000-row source does not itself take gigabytes.
 */
async function writeNominationFile(count: number, file: string): Promise<void> {
  // Shared strings, as Excel and WPS write them.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet(SOURCE_SHEET);
  // The merge before the commit: a streamed row cannot be touched once committed.
  sheet.mergeCells(1, 1, 1, 5);
  sheet.getRow(1).getCell(1).value = "创先争优活动示范点推荐汇总表";
  sheet.getRow(1).commit();
  sheet.addRow(["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别"]).commit();
  for (let i = 0; i < count; i++) {
    const sector = SECTOR_CODES[i % SECTOR_CODES.length] ?? "village";
    const tier = TIER_CODES[(i * 7) % TIER_CODES.length] ?? "county";
    sheet
      .addRow([
        i + 1,
        `第${(i % 14) + 1}市州`,
        `测试示范点${String(i + 1).padStart(6, "0")}党支部`,
        SECTOR_NAMES[sector],
        TIER_NAMES[tier],
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

interface Measured {
  readonly peakBytes: number;
  readonly ms: number;
  /** False where only getrusage's figure was available, which may include the bench process's own memory. */
  readonly fromProc: boolean;
}

/** Runs `node --require reportPeakMemory.js …args` to its end; its peak memory, or why there is none. */
async function peakOf(args: readonly string[], dir: string): Promise<Measured | string> {
  const report = path.join(dir, `peak-${process.hrtime.bigint()}.txt`);
  const started = performance.now();
  const child = spawn(process.execPath, ["--require", HOOK, ...args], {
    env: { ...process.env, SHIFAN_PEAK_MEMORY_FILE: report },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-400);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (c, s) => resolve([c, s]))
  );
  clearTimeout(timer);
  const ms = performance.now() - started;
  if (code !== 0)
    return `failed (${signal ?? `exit ${code}`} after ${seconds(ms)}): ${stderr.trim().split("\n").pop() ?? ""}`;
  const [kilobytes, source] = (await fs.readFile(report, "utf8")).split(" ");
  return { peakBytes: Number(kilobytes) * 1024, ms, fromProc: source === "VmHWM" };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function shown(measured: Measured | string): string {
  if (typeof measured === "string") return measured;
  const caveat = measured.fromProc ? "" : ", getrusage: may include the bench's memory";
  return `**${(measured.peakBytes / 2 ** 20).toFixed(0)} MB** (${seconds(measured.ms)}${caveat})`;
}

export async function bench(print: Print): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shifan-memory-bench-"));
  try {
    const sources = new Map<number, string>();
    for (const count of [10_000, 200_000]) {
      const file = path.join(dir, `nominations-${count}.xlsx`);
      await writeNominationFile(count, file);
      sources.set(count, file);
    }
    const source = (count: number): string => sources.get(count) ?? "";
    const idle = await peakOf(["-e", "0"], dir);
    print(
      "peak resident memory (VmHWM) of each command in a fresh node process, its time beside it, and ExcelJS reading the same file"
    );
    print(`floor: node doing nothing ${shown(idle)}`);
    print("| command | source | shifan | floor: ExcelJS reads the file | goal |");
    print("|---|---|---:|---:|---|");
    const rows: ReadonlyArray<{ label: string; count: number; args: string[]; goal: string }> = [
      { label: "inspect", count: 200_000, args: ["inspect", source(200_000)], goal: "—" },
      {
        label: "assess",
        count: 10_000,
        args: [
          "assess",
          source(10_000),
          "-o",
          path.join(dir, "assessed-10000.xlsx"),
          "--as-of",
          AS_OF,
        ],
        goal: "≤ 300 MB",
      },
      {
        label: "assess",
        count: 200_000,
        args: [
          "assess",
          source(200_000),
          "-o",
          path.join(dir, "assessed-200000.xlsx"),
          "--as-of",
          AS_OF,
        ],
        goal: "< 1 GB",
      },
    ];
    const floors = new Map<number, Measured | string>();
    const peaks = new Map<string, Measured | string>();
    for (const row of rows) {
      const size = (await fs.stat(source(row.count))).size;
      const shifan = await peakOf([CLI, ...row.args], dir);
      let floor = floors.get(row.count);
      if (!floor) {
        floor = await peakOf([EXCELJS_READ, source(row.count)], dir);
        floors.set(row.count, floor);
      }
      peaks.set(`${row.label} ${row.count}`, shifan);
      print(
        `| ${row.label} | ${row.count.toLocaleString("en")} nominees, ${(size / 2 ** 20).toFixed(1)} MiB | ${shown(shifan)} | ${shown(floor)} | ${row.goal} |`
      );
    }
    // One copy per judge of the 200,000-nominee assessment just written. Its goal is to stay near assess of the same
    // nominees, which stands beside it; ExcelJS reading the assessment is not run here.
    const assessed = path.join(dir, "assessed-200000.xlsx");
    const assessedPeak = peaks.get("assess 200000");
    if (assessedPeak !== undefined && typeof assessedPeak !== "string") {
      const size = (await fs.stat(assessed)).size;
      const copies = await peakOf(
        [CLI, "copies", assessed, "-o", path.join(dir, "copies-200000")],
        dir
      );
      print(
        `| copies (every judge) | the 200,000-nominee assessment above, ${(size / 2 ** 20).toFixed(1)} MiB | ${shown(copies)} | assess of those nominees: ${shown(assessedPeak)} | about assess's |`
      );
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

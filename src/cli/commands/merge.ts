/**
 * `shifan merge ASSESSMENT COPY… -o OUT [--json] [--prefer-copy] [--in-place]`: returned copies (judges' and rater
 * groups') merged into the assessment, written to OUT with a growing 合并记录 sheet. Exit 0 when OUT was written, whatever was refused;
 * 2, with no OUT, when the assessment itself is unusable. ASSESSMENT and the copies are only read.
 */
import { promises as fs } from "node:fs";
import {
  failureMessage,
  inFile,
  fatalMessage,
  mergeReturns,
  rowsRead,
  type MergeCellOf,
  type MergeEntry,
  type MergedReturns,
  type WorkbookGrid,
} from "../../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../../adapters/xlsx/XlsxWorkbookSource";
import { writePlanToXlsxPieces } from "../../adapters/xlsx/XlsxPlanSink";
import { CliError, type Command } from "../CliIo";
import { NATIVE_INFLATE } from "../nativeInflate";
import { refuseOutputOverInput, writeOutputFile } from "../outputFile";
import { startReadingCopies } from "../readReturnedCopies";
import { badArgument, lastValue, parseCommandArgs, type ArgSpec } from "../commandArgs";

const USAGE = "merge ASSESSMENT COPY… -o OUT [--json] [--prefer-copy] [--in-place]";
export const MERGE_ARGS: ArgSpec = {
  valued: ["--output"],
  switches: ["--json", "--prefer-copy", "--in-place"],
  aliases: { "-o": "--output" },
};

export interface MergeArgs {
  readonly master: string;
  readonly copies: readonly string[];
  readonly output: string;
  readonly json: boolean;
  readonly preferCopy: boolean;
  readonly inPlace: boolean;
}

export function parseMergeArgs(args: readonly string[]): MergeArgs {
  const parsed = parseCommandArgs(args, MERGE_ARGS);
  const [master, ...copies] = parsed.positionals;
  if (master === undefined || copies.length === 0)
    throw badArgument(
      {
        zh: "需要一个考核工作簿和至少一份评委回收的副本",
        en: "an assessment and at least one copy are required",
      },
      USAGE
    );
  const inPlace = parsed.switches.has("--in-place");
  const output = lastValue(parsed, "--output");
  if (output === undefined && !inPlace)
    throw badArgument(
      {
        zh: "缺少输出文件 -o OUT（或用 --in-place 写回考核工作簿）",
        en: "-o OUT is required (or --in-place)",
      },
      USAGE
    );
  return {
    master,
    copies,
    output: output ?? master,
    json: parsed.switches.has("--json"),
    preferCopy: parsed.switches.has("--prefer-copy"),
    inPlace,
  };
}

async function readMaster(file: string): Promise<{ bytes: Uint8Array; grid: WorkbookGrid }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      fatalMessage(code === "ENOENT" || code === "ENOTDIR" ? "file_not_found" : "not_xlsx", {
        file,
      })
    );
  }
  try {
    return {
      bytes,
      grid: await XlsxWorkbookSource.fromBuffer(bytes, { ...NATIVE_INFLATE, rowsRead }).read(),
    };
  } catch (err) {
    if (err instanceof XlsxReadError) throw new CliError(fatalMessage(err.code, { file }));
    throw err;
  }
}

const shown = (value: unknown): string =>
  value === null || value === undefined ? "（空）" : String(value);

/** `评委3` / `judge 3`, or `评议组 peers` / `rater group peers`. */
function whose(line: MergeEntry): { zh: string; en: string } {
  return line.judge === null
    ? { zh: `评议组 ${line.group}`, en: `rater group ${line.group}` }
    : { zh: `评委${line.judge}`, en: `judge ${line.judge}` };
}

/** `C1`, or `评议人3` / `rater 3`. */
function which(line: MergeCellOf): { zh: string; en: string } {
  return line.criterion === null
    ? { zh: `评议人${line.rater}`, en: `rater ${line.rater}` }
    : { zh: line.criterion, en: line.criterion };
}

/**
 * The assessment's bytes and the merge, with only what the command goes on to use: the master's grid, the returns
 * and the cells taken (200,000 write objects for five full 10k returns) are let go before the write, as assess lets
 * its grid go, so they are not carried through the write's collections.
 */
async function mergeFiles(
  options: MergeArgs
): Promise<{ bytes: Uint8Array; merged: Omit<MergedReturns, "writes"> }> {
  // The returns are read on a worker thread while this one reads the assessment.
  const reading = startReadingCopies(options.copies);
  let master: { bytes: Uint8Array; grid: WorkbookGrid };
  try {
    master = await readMaster(options.master);
  } catch (err) {
    reading.stop();
    throw err;
  }
  const merged = mergeReturns(master.grid, await reading.copies, {
    mergedAt: new Date().toISOString(),
    preferCopy: options.preferCopy,
    output: "workbook",
  });
  if (!merged.ok) throw new CliError(failureMessage(inFile(merged.failure, options.master)));
  const { report, messages, ignored, plan } = merged;
  return { bytes: master.bytes, merged: { report, messages, ignored, plan } };
}

export const mergeCommand: Command = async (args, io) => {
  const options = parseMergeArgs(args);
  if (!options.inPlace) await refuseOutputOverInput(options.master, options.output);
  const { bytes, merged } = await mergeFiles(options);
  // In pieces, as assess writes: the package is never joined into one array.
  await writeOutputFile(options.output, await writePlanToXlsxPieces(bytes, merged.plan));
  const { report } = merged;
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `已写入 ${options.output} / written`,
    ...report.merged.map((m) => {
      const who = whose(m);
      return `已合并 ${m.file}：${who.zh}，采用 ${m.taken} 格 / merged ${m.file}: ${who.en}, ${m.taken} cells taken`;
    }),
    ...report.refused.map((r, i) => {
      const text = merged.messages.refused[i];
      return `未合并 ${r.file}（${r.reason}）：${text?.zh ?? ""} / refused ${r.file} (${r.reason}): ${text?.en ?? ""}`;
    }),
    ...report.conflicts.map((c) => {
      const at = which(c);
      return `冲突 ${c.cell}（${c.nominee} ${at.zh}）：考核表 ${shown(c.master)}，${c.file} ${shown(c.copy)}，保留考核表的值 / conflict ${c.cell} (${c.nominee} ${at.en}): master ${shown(c.master)}, ${c.file} ${shown(c.copy)}; the master's value is kept`;
    }),
    ...report.invalid.map((v, i) => {
      const text = merged.messages.invalid[i];
      const at = which(v);
      return `未采用 ${v.cell}（${v.file}，${v.nominee} ${at.zh}，${v.reason}）：${text?.zh ?? ""} / not taken ${v.cell} (${v.file}, ${v.nominee} ${at.en}, ${v.reason}): ${text?.en ?? ""}`;
    }),
    ...merged.ignored,
  ];
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
};

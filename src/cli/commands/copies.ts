/**
 * `shifan copies ASSESSMENT -o DIR [--judges 1,3,…]`: one workbook per judge, `<stem>-评委N.xlsx` in DIR, to email
 * out. Each holds that judge's sheet and 评分标准, the assessment's identity and an issue stamp; `shifan merge`
 * takes them back. The assessment workbook is only read.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { failureMessage, inFile, fatalMessage, issueCopies, noteMessage } from "../../engine";
import { sheetlessWorkbookBytes, writePlanToXlsx } from "../../adapters/xlsx/XlsxPlanSink";
import { CliError, type Command } from "../CliIo";
import { writeOutputFile } from "../outputFile";
import {
  badArgument,
  inputAndOutput,
  lastValue,
  parseCommandArgs,
  type ArgSpec,
} from "../commandArgs";
import { readInputGrid } from "../readInputWorkbook";

const USAGE = "copies ASSESSMENT -o DIR [--judges 1,3,…]";
const COPIES_ARGS: ArgSpec = { valued: ["--output", "--judges"], aliases: { "-o": "--output" } };

export interface CopiesArgs {
  readonly input: string;
  readonly dir: string;
  readonly judges?: readonly number[];
}

export function parseCopiesArgs(args: readonly string[]): CopiesArgs {
  const parsed = parseCommandArgs(args, COPIES_ARGS);
  const { input, output: dir } = inputAndOutput(parsed, USAGE, {
    zh: "缺少输出文件夹 -o DIR",
    en: "-o DIR is required",
  });
  const judgesText = lastValue(parsed, "--judges");
  if (judgesText === undefined) return { input, dir };
  const parts = judgesText.split(/[,，]/).map((part) => part.trim());
  if (parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) < 1))
    throw badArgument({
      zh: `--judges 应为评委编号，如 1,3（而不是 ${judgesText}）`,
      en: `--judges takes judge numbers such as 1,3 (not ${judgesText})`,
    });
  return { input, dir, judges: parts.map(Number) };
}

export const copiesCommand: Command = async (args, io) => {
  const options = parseCopiesArgs(args);
  const grid = await readInputGrid(options.input);
  const issued = issueCopies(grid, {
    issuedAt: new Date().toISOString(),
    newCopyId: () => randomUUID(),
    ...(options.judges === undefined ? {} : { judges: options.judges }),
  });
  if (!issued.ok) throw new CliError(failureMessage(inFile(issued.failure, options.input)));
  try {
    await fs.mkdir(options.dir, { recursive: true });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(fatalMessage("output_not_writable", { file: options.dir, reason }));
  }
  const stem = path.parse(options.input).name;
  const lines: string[] = [];
  for (const copy of issued.copies) {
    const file = path.join(options.dir, `${stem}-${copy.label}.xlsx`);
    const bytes = await writePlanToXlsx(sheetlessWorkbookBytes(), copy.plan);
    await writeOutputFile(file, bytes);
    lines.push(
      `${file}：评委${copy.judge}，第 ${copy.version} 版，已评完 ${copy.complete} / ${copy.nominees} / judge ${copy.judge}, copy version ${copy.version}, ${copy.complete} of ${copy.nominees} complete`
    );
  }
  io.stdout(
    `${[
      `已写入 ${issued.copies.length} 份评委评分表 / ${issued.copies.length} judge copies written`,
      ...lines,
      ...issued.notes.map((found) => noteMessage(found)),
    ].join("\n")}\n`
  );
  return 0;
};

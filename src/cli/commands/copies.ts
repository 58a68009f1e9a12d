/**
 * `shifan copies ASSESSMENT -o DIR [--judges 1,3,…] [--groups peers,…]`: one workbook per judge, `<stem>-评委N.xlsx`,
 * and per rater group (三评议), `<stem>-评议_<code>.xlsx`, in DIR, to email out — every judge and group, or exactly
 * those named. Each holds that entry sheet and 评分标准, the assessment's identity and an issue stamp; `shifan merge`
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

const USAGE = "copies ASSESSMENT -o DIR [--judges 1,3,…] [--groups peers,…]";
export const COPIES_ARGS: ArgSpec = {
  valued: ["--output", "--judges", "--groups"],
  aliases: { "-o": "--output" },
};

export interface CopiesArgs {
  readonly input: string;
  readonly dir: string;
  readonly judges?: readonly number[];
  /** Rater groups by code or label, as typed; the use case says which it does not know. */
  readonly groups?: readonly string[];
}

function parseGroups(text: string): string[] {
  const parts = text
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0)
    throw badArgument({
      zh: `--groups 应为评议组代码或名称，如 peers 或 党员互评（而不是 ${text}）`,
      en: `--groups takes rater group codes or names such as peers (not ${text})`,
    });
  return parts;
}

export function parseCopiesArgs(args: readonly string[]): CopiesArgs {
  const parsed = parseCommandArgs(args, COPIES_ARGS);
  const { input, output: dir } = inputAndOutput(parsed, USAGE, {
    zh: "缺少输出文件夹 -o DIR",
    en: "-o DIR is required",
  });
  const judgesText = lastValue(parsed, "--judges");
  const groupsText = lastValue(parsed, "--groups");
  const groups = groupsText === undefined ? {} : { groups: parseGroups(groupsText) };
  if (judgesText === undefined) return { input, dir, ...groups };
  const parts = judgesText.split(/[,，]/).map((part) => part.trim());
  if (parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) < 1))
    throw badArgument({
      zh: `--judges 应为评委编号，如 1,3（而不是 ${judgesText}）`,
      en: `--judges takes judge numbers such as 1,3 (not ${judgesText})`,
    });
  return { input, dir, judges: parts.map(Number), ...groups };
}

/**
 * The copies issued from the master, read in a frame of its own: the copies hold only what they are made of, so the
 * master's grid (at 200,000 nominees larger than any one copy) is let go before the first copy is planned.
 */
async function issueFromFile(options: CopiesArgs): Promise<ReturnType<typeof issueCopies>> {
  return issueCopies(await readInputGrid(options.input), {
    issuedAt: new Date().toISOString(),
    newCopyId: () => randomUUID(),
    ...(options.judges === undefined ? {} : { judges: options.judges }),
    ...(options.groups === undefined ? {} : { groups: options.groups }),
  });
}

export const copiesCommand: Command = async (args, io) => {
  const options = parseCopiesArgs(args);
  const issued = await issueFromFile(options);
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
    // One copy planned, written and let go before the next: a 200,000-nominee plan each.
    const bytes = await writePlanToXlsx(sheetlessWorkbookBytes(), copy.plan());
    await writeOutputFile(file, bytes);
    const progress = `${copy.complete} / ${copy.nominees}`;
    lines.push(
      copy.kind === "judge"
        ? `${file}：评委${copy.judge}，第 ${copy.version} 版，已评完 ${progress} / judge ${copy.judge}, copy version ${copy.version}, ${copy.complete} of ${copy.nominees} complete`
        : `${file}：评议组 ${copy.group}（${copy.groupLabel}，${copy.raters} 位评议人），第 ${copy.version} 版，已评完 ${progress} / rater group ${copy.group} (${copy.raters} raters), copy version ${copy.version}, ${copy.complete} of ${copy.nominees} complete`
    );
  }
  const judges = issued.copies.filter((copy) => copy.kind === "judge").length;
  const groups = issued.copies.length - judges;
  io.stdout(
    `${[
      groups === 0
        ? `已写入 ${judges} 份评委评分表 / ${judges} judge copies written`
        : `已写入 ${judges} 份评委评分表、${groups} 份评议组评分表 / ${judges} judge copies and ${groups} rater group copies written`,
      ...lines,
      ...issued.notes.map((found) => noteMessage(found)),
    ].join("\n")}\n`
  );
  return 0;
};

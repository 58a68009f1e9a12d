/**
 * `shifan next-cycle FILE -o OUT [--as-of YYYY-MM-DD]`: starts the next dynamic-management cycle from a finished
 * one. OUT is a new workbook: the register of carried sites (示范点管理台账, plain values, ready for
 * `shifan assess`), 考评历史 (every review with its date) and 已淘汰 (eliminated sites, kept). FILE is only read.
 */
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import {
  NEXT_REGISTER_SHEET,
  failureMessage,
  inFile,
  parseIsoDate,
  startNextCycle,
  type IsoDate,
  type StartedCycle,
} from "../../engine";
import { writePlanToXlsx } from "../../adapters/xlsx/XlsxPlanSink";
import { CliError, type Command } from "../CliIo";
import { refuseOutputOverInput, writeOutputFile } from "../outputFile";
import {
  badArgument,
  inputAndOutput,
  lastValue,
  parseCommandArgs,
  type ArgSpec,
} from "../commandArgs";
import { readInputGrid } from "../readInputWorkbook";

const USAGE = "next-cycle FILE -o OUT [--as-of YYYY-MM-DD]";
export { NEXT_REGISTER_SHEET };

interface NextCycleArgs {
  readonly input: string;
  readonly output: string;
  readonly asOf?: IsoDate;
}

export const NEXT_CYCLE_ARGS: ArgSpec = {
  valued: ["--output", "--as-of"],
  aliases: { "-o": "--output" },
};

export function parseNextCycleArgs(args: readonly string[]): NextCycleArgs {
  const parsed = parseCommandArgs(args, NEXT_CYCLE_ARGS);
  const { input, output } = inputAndOutput(parsed, USAGE, {
    zh: "缺少输出文件 -o OUT",
    en: "-o OUT is required",
  });
  const asOfText = lastValue(parsed, "--as-of");
  if (asOfText === undefined) return { input, output };
  const asOf = parseIsoDate(asOfText);
  if (!asOf)
    throw badArgument({
      zh: `--as-of 应为 YYYY-MM-DD 格式的有效日期，而不是 ${asOfText}`,
      en: `--as-of YYYY-MM-DD, not ${asOfText}`,
    });
  return { input, output, asOf };
}

/** The register sheet as an official keeps one: a title, the header on row 2, real date cells. */
async function registerBytes(started: StartedCycle): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(NEXT_REGISTER_SHEET);
  sheet.addRow([`示范点动态管理台账（自 ${started.asOf} 起的新一轮）`]);
  sheet.addRow([...started.registerHeaders]);
  for (const row of started.registerRows) {
    // Dates become date cells: 授牌时间 and 最近考评时间 are columns 5 and 6.
    sheet.addRow(
      row.map((value, c) =>
        value !== null && (c === 4 || c === 5) ? new Date(`${value}T00:00:00Z`) : value
      )
    );
  }
  sheet.getRow(2).font = { bold: true };
  for (const col of [5, 6]) sheet.getColumn(col).numFmt = "yyyy-mm-dd";
  sheet.getColumn(2).width = 30;
  sheet.getColumn(9).width = 40;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const nextCycleCommand: Command = async (args, io) => {
  const options = parseNextCycleArgs(args);
  await refuseOutputOverInput(options.input, options.output);
  const started = startNextCycle(await readInputGrid(options.input), {
    newAssessmentId: randomUUID(),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  });
  if (!started.ok) throw new CliError(failureMessage(inFile(started.failure, options.input)));
  const written = await writePlanToXlsx(await registerBytes(started), started.plan);
  await writeOutputFile(options.output, written);
  const { next, asOf } = started;
  const thisCycle = next.eliminated.filter((e) => e.eliminatedOn === asOf).length;
  io.stdout(
    [
      `已写入 ${options.output} / written`,
      `考核基准日 ${asOf} / as of ${asOf}`,
      `延续 ${next.carried.length} 个示范点，本轮淘汰 ${thisCycle} 个，已淘汰共 ${next.eliminated.length} 个 / carried ${next.carried.length}, eliminated this cycle ${thisCycle}, eliminated in all ${next.eliminated.length}`,
      `考评记录 ${next.history.length} 条 / reviews on record: ${next.history.length}`,
    ].join("\n") + "\n"
  );
  return 0;
};

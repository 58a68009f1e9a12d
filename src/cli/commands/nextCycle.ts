/**
 * `shifan next-cycle FILE -o OUT [--as-of YYYY-MM-DD]`: starts the next dynamic-management cycle from a finished
 * one. OUT is a new workbook: the register of carried sites (示范点管理台账, plain values, ready for
 * `shifan assess`), 考评历史 (every review with its date) and 已淘汰 (eliminated sites, kept). FILE is only read.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import {
  NEXT_CYCLE_STYLES,
  NEXT_REGISTER_HEADERS,
  buildReport,
  fatalMessage,
  isoDate,
  nextCycleSheets,
  nextRegisterRows,
  parseIsoDate,
  planNextCycle,
  readAssessment,
  readDynamicSheet,
  readPreviousCycles,
  sourceKey,
  DYNAMIC_SHEET,
  type DynamicParams,
  type DynamicRecord,
  type IsoDate,
  type NextCycle,
  type WorkbookGrid,
} from "../../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../../adapters/xlsx/XlsxWorkbookSource";
import { atomicWriteFile, writePlanToXlsx } from "../../adapters/xlsx/XlsxPlanSink";
import { CliError, type Command } from "../CliIo";
import {
  badArgument,
  lastValue,
  onlyPositional,
  parseCommandArgs,
  type ArgSpec,
} from "../commandArgs";

const USAGE = "next-cycle FILE -o OUT [--as-of YYYY-MM-DD]";
/** RULES §5 defaults, for a parameter cell that cannot be read. */
const DEFAULT_PARAMS = { cycleMonths: 24, windowDays: 90, passLine: 85 } as const;
export const NEXT_REGISTER_SHEET = "示范点管理台账";

interface NextCycleArgs {
  readonly input: string;
  readonly output: string;
  readonly asOf?: IsoDate;
}

const NEXT_CYCLE_ARGS: ArgSpec = { valued: ["--output", "--as-of"], aliases: { "-o": "--output" } };

export function parseNextCycleArgs(args: readonly string[]): NextCycleArgs {
  const parsed = parseCommandArgs(args, NEXT_CYCLE_ARGS);
  const input = onlyPositional(parsed, USAGE);
  const output = lastValue(parsed, "--output");
  if (output === undefined) throw badArgument(`-o OUT is required: ${USAGE}`);
  const asOfText = lastValue(parsed, "--as-of");
  if (asOfText === undefined) return { input, output };
  const asOf = parseIsoDate(asOfText);
  if (!asOf) throw badArgument(`--as-of YYYY-MM-DD, not ${asOfText}`);
  return { input, output, asOf };
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

async function readGrid(file: string): Promise<WorkbookGrid> {
  try {
    return await XlsxWorkbookSource.fromFile(file).read();
  } catch (err) {
    if (err instanceof XlsxReadError) throw new CliError(fatalMessage(err.code, { file }));
    throw err;
  }
}

function today(): IsoDate {
  const now = new Date();
  const date = isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  if (!date) throw new Error("the clock gave an impossible date");
  return date;
}

/**
 * The records and parameters to judge with. In an assessment workbook the engine's own evaluation of this
 * cycle (report) and the rubric's parameters count, never cached formula values; a register assessed on its
 * own (动态管理 holding its parameters) is read as it stands.
 */
function closingState(
  grid: WorkbookGrid,
  asOf: IsoDate | undefined
): { records: DynamicRecord[]; params: DynamicParams } | null {
  const read = readDynamicSheet(grid);
  if (read === null) return null;
  const assessment = readAssessment(grid);
  if (!assessment.ok) {
    return {
      records: [...read.records],
      params: {
        asOf: asOf ?? read.params.asOf ?? today(),
        cycleMonths: read.params.cycleMonths ?? DEFAULT_PARAMS.cycleMonths,
        windowDays: read.params.windowDays ?? DEFAULT_PARAMS.windowDays,
        passLine: read.params.passLine ?? DEFAULT_PARAMS.passLine,
      },
    };
  }
  const { state } = assessment;
  const report = buildReport(state, asOf);
  const cycle = new Map(report.nominees.map((n) => [sourceKey(n.source.sheet, n.source.row), n]));
  const records = read.records.map((record): DynamicRecord => {
    const assessed = cycle.get(sourceKey(record.source.sheet, record.source.row));
    if (assessed === undefined) return record;
    const veto = assessed.inputs.veto.value;
    return {
      ...record,
      cycleTotal: assessed.outputs.total.value,
      cycleVeto: veto === null ? null : veto === "是",
    };
  });
  return {
    records,
    params: {
      asOf: report.asOf,
      passLine: state.rubric.passLine,
      cycleMonths: state.rubric.dynamic.cycleMonths,
      windowDays: state.rubric.dynamic.windowDays,
    },
  };
}

/** The register sheet as an official keeps one: a title, the header on row 2, real date cells. */
async function registerBytes(next: NextCycle, asOf: IsoDate): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(NEXT_REGISTER_SHEET);
  sheet.addRow([`示范点动态管理台账（自 ${asOf} 起的新一轮）`]);
  sheet.addRow([...NEXT_REGISTER_HEADERS]);
  for (const row of nextRegisterRows(next)) {
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
  if (await samePath(options.input, options.output))
    throw new CliError(fatalMessage("output_is_input"));
  const grid = await readGrid(options.input);
  const closing = closingState(grid, options.asOf);
  if (closing === null)
    throw new CliError(
      fatalMessage("not_assessment_workbook", { file: options.input, sheet: DYNAMIC_SHEET })
    );

  const next = planNextCycle(closing.records, closing.params, readPreviousCycles(grid));
  const plan = { sheets: nextCycleSheets(next), names: [], styles: NEXT_CYCLE_STYLES };
  const written = await writePlanToXlsx(await registerBytes(next, closing.params.asOf), plan);
  try {
    await atomicWriteFile(options.output, written);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliError(fatalMessage("output_not_writable", { file: options.output, reason }));
  }
  const thisCycle = next.eliminated.filter((e) => e.eliminatedOn === closing.params.asOf).length;
  io.stdout(
    [
      `已写入 ${options.output} / written`,
      `考核基准日 ${closing.params.asOf} / as of ${closing.params.asOf}`,
      `延续 ${next.carried.length} 个示范点，本轮淘汰 ${thisCycle} 个，已淘汰共 ${next.eliminated.length} 个 / carried ${next.carried.length}, eliminated this cycle ${thisCycle}, eliminated in all ${next.eliminated.length}`,
      `考评记录 ${next.history.length} 条 / reviews on record: ${next.history.length}`,
    ].join("\n") + "\n"
  );
  return 0;
};

/**
 * `shifan assess IN -o OUT [--rubric baiqianwan|wuhao|sanpingyi|FILE] [--judges N] [--min-judges N] [--quota TIER=N]… [--as-of YYYY-MM-DD]
 * [--password P] [--in-place]`: writes the assessment workbook (source sheets untouched, generated sheets
 * added or replaced) atomically. On an assessed workbook, applies what the options ask, keeps every entered
 * score and refuses what would drop one (the engine's planAssessment decides; this file parses and prints).
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import {
  builtinRubric,
  MAX_JUDGES,
  TIER_CODES,
  TIER_NAMES,
  checkOverrides,
  failureMessage,
  inFile,
  fatalMessage,
  noteMessage,
  parseIsoDate,
  parseRubricJson,
  planAssessment,
  countEn,
  issueText,
  type CarriedNominee,
  type Issue,
  type IsoDate,
  type Note,
  type PlannedAssessment,
  type Rubric,
  type TierCode,
} from "../../engine";
import { writePlanToXlsxPieces } from "../../adapters/xlsx/XlsxPlanSink";
import { CliError, type Command } from "../CliIo";
import { refuseOutputOverInput, writeOutputFile } from "../outputFile";
import { writeWithinExcelLimits } from "../excelLimitErrors";
import { asXlsxPackage, readInputWorkbook } from "../readInputWorkbook";
import {
  badArgument,
  lastValue,
  onlyPositional,
  parseCommandArgs,
  type ArgSpec,
} from "../commandArgs";

export interface AssessArgs {
  readonly input: string;
  readonly output: string;
  readonly inPlace: boolean;
  /** Absent: the workbook's own rubric, or 百千万 for a first assessment. */
  readonly rubric?: string;
  readonly judges?: number;
  /** Set explicitly; fewer judges than the minimum is refused otherwise (RULES §4.5). */
  readonly minJudges?: number;
  readonly quotas: Partial<Record<TierCode, number>>;
  readonly asOf?: IsoDate;
  readonly password?: string;
}

const USAGE =
  "assess IN -o OUT [--rubric baiqianwan|wuhao|sanpingyi|FILE] [--judges N] [--min-judges N] [--quota TIER=N]… [--as-of YYYY-MM-DD] [--password P] [--in-place]";

/** Excel refuses a sheet-protection password longer than this. */
const MAX_PASSWORD_LENGTH = 255;

/** An argument quoted in a message, cut to a readable length. */
function shorten(text: string, lang: "zh" | "en"): string {
  if (text.length <= 24) return text;
  return `${text.slice(0, 20)}…${lang === "zh" ? `（${text.length} 位）` : ` (${text.length} digits)`}`;
}

/** Nominees carried into the workbook whose source row has an error (a blank name or tier …), in 考核表 order. */
function nomineesWithErrors(
  nominees: readonly CarriedNominee[],
  issues: readonly Issue[]
): { nominee: CarriedNominee; errors: Issue[] }[] {
  const byRow = new Map<string, Issue[]>();
  for (const found of issues) {
    if (found.severity !== "error" || found.row === null) continue;
    const key = `${found.sheet}\u0000${found.row}`;
    byRow.set(key, [...(byRow.get(key) ?? []), found]);
  }
  return nominees.flatMap((nominee) => {
    const errors = byRow.get(`${nominee.source.sheet}\u0000${nominee.source.row}`);
    return errors ? [{ nominee, errors }] : [];
  });
}

function tierOf(text: string): TierCode | undefined {
  return TIER_CODES.find((tier) => tier === text || TIER_NAMES[tier] === text);
}

export const ASSESS_ARGS: ArgSpec = {
  valued: ["--output", "--rubric", "--judges", "--min-judges", "--quota", "--as-of", "--password"],
  switches: ["--in-place"],
  aliases: { "-o": "--output" },
};

export function parseAssessArgs(args: readonly string[]): AssessArgs {
  const parsed = parseCommandArgs(args, ASSESS_ARGS);
  const input = onlyPositional(parsed, USAGE);
  const inPlace = parsed.switches.has("--in-place");
  const output = lastValue(parsed, "--output");
  if (output === undefined && !inPlace)
    throw badArgument(
      {
        zh: "缺少输出文件 -o OUT（或用 --in-place 写回输入文件）",
        en: "-o OUT is required (or --in-place)",
      },
      USAGE
    );

  // Outputs are always .xlsx: a macro-free package under a .xlsm or .xls name would not open.
  const written = output ?? input;
  if (/\.(xlsm|xltm|xltx|xls|xlt|et|ett|ods|ots)$/i.test(written))
    throw badArgument({
      zh: `${inPlace && output === undefined ? "--in-place" : "-o"} ${written}：输出总是 .xlsx 文件，请另以 .xlsx 命名`,
      en: `${inPlace && output === undefined ? "--in-place" : "-o"} ${written}: outputs are always .xlsx; give the output an .xlsx name`,
    });

  let judges: number | undefined;
  const judgesText = lastValue(parsed, "--judges");
  if (judgesText !== undefined) {
    judges = /^\d+$/.test(judgesText) ? Number(judgesText) : NaN;
    if (checkOverrides({ judges }).length > 0)
      throw badArgument({
        zh: `--judges 评委人数应为 1 至 ${MAX_JUDGES} 的整数，而不是 ${judgesText}`,
        en: `--judges must be a whole number from 1 to ${MAX_JUDGES}, not ${judgesText}`,
      });
  }
  let minJudges: number | undefined;
  const minJudgesText = lastValue(parsed, "--min-judges");
  if (minJudgesText !== undefined) {
    minJudges = /^\d+$/.test(minJudgesText) ? Number(minJudgesText) : NaN;
    if (checkOverrides({ minJudges }).length > 0)
      throw badArgument({
        zh: `--min-judges 最少评委人数应为 1 至 ${MAX_JUDGES} 的整数，而不是 ${minJudgesText}`,
        en: `--min-judges must be a whole number from 1 to ${MAX_JUDGES}, not ${minJudgesText}`,
      });
  }
  const quotas: Partial<Record<TierCode, number>> = {};
  for (const text of parsed.values.get("--quota") ?? []) {
    const m = /^([^=]+)=(\d+)$/.exec(text);
    const tier = m?.[1] === undefined ? undefined : tierOf(m[1]);
    if (!m || !tier)
      throw badArgument({
        zh: `--quota 应写成 级别=名额（级别：${TIER_CODES.map((code) => TIER_NAMES[code]).join("、")} 或 ${TIER_CODES.join("、")}），而不是 ${text}`,
        en: `--quota TIER=N (TIER: ${TIER_CODES.join("|")}), not ${text}`,
      });
    const quota = Number(m[2]);
    // 400 digits read as Infinity: a quota must be a whole number a spreadsheet can hold exactly.
    if (!Number.isSafeInteger(quota))
      throw badArgument({
        zh: `--quota ${m[1]}=${shorten(m[2] ?? "", "zh")}：名额须为整数且小于 2^53`,
        en: `--quota ${m[1]}=${shorten(m[2] ?? "", "en")}: the quota must be a whole number below 2^53`,
      });
    quotas[tier] = quota;
  }
  let asOf: IsoDate | undefined;
  const asOfText = lastValue(parsed, "--as-of");
  if (asOfText !== undefined) {
    const date = parseIsoDate(asOfText);
    if (!date)
      throw badArgument({
        zh: `--as-of 应为 YYYY-MM-DD 格式的有效日期，而不是 ${asOfText}`,
        en: `--as-of YYYY-MM-DD, not ${asOfText}`,
      });
    asOf = date;
  }
  const password = lastValue(parsed, "--password");
  if (password !== undefined && (password.length === 0 || password.length > MAX_PASSWORD_LENGTH))
    throw badArgument({
      zh: `--password 密码须为 1 至 ${MAX_PASSWORD_LENGTH} 个字符（Excel 的上限）`,
      en: `--password: the password must be 1 to ${MAX_PASSWORD_LENGTH} characters (Excel’s limit)`,
    });
  const rubric = lastValue(parsed, "--rubric");
  return {
    input,
    output: output ?? input,
    inPlace,
    quotas,
    ...(rubric === undefined ? {} : { rubric }),
    ...(judges === undefined ? {} : { judges }),
    ...(minJudges === undefined ? {} : { minJudges }),
    ...(asOf === undefined ? {} : { asOf }),
    ...(password === undefined ? {} : { password }),
  };
}

async function loadRubric(spec: string): Promise<Rubric> {
  const builtin = builtinRubric(spec);
  if (builtin) return builtin;
  let text: string;
  try {
    text = await fs.readFile(spec, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      fatalMessage(code === "ENOENT" || code === "ENOTDIR" ? "file_not_found" : "file_unreadable", {
        file: spec,
      })
    );
  }
  const parsed = parseRubricJson(text);
  if (!parsed.ok) throw new CliError(failureMessage(inFile(parsed.failure, spec)));
  return parsed.rubric;
}

/**
 * The plan for the input file and the package to write it into. Only what the command goes on to use is returned:
 * the grid read and what inspect found are let go before the write (at 200,000 nominees, 150 MB).
 */
async function planFile(
  options: AssessArgs,
  rubric: Rubric | undefined
): Promise<{
  planned: Pick<PlannedAssessment, "plan"> & {
    /** How many nominees, how many of them vanished, and those written with errors. */
    readonly count: number;
    readonly vanished: number;
    readonly carried: ReturnType<typeof nomineesWithErrors>;
  };
  issues: readonly Issue[];
  notes: readonly Note[];
  target: { bytes: Uint8Array; notes: string[] };
}> {
  const input = await readInputWorkbook(options.input);
  const planned = planAssessment(input.reading.grid, {
    newAssessmentId: randomUUID(),
    quotas: options.quotas,
    ...(rubric === undefined ? {} : { rubric }),
    ...(options.judges === undefined ? {} : { judges: options.judges }),
    ...(options.minJudges === undefined ? {} : { minJudges: options.minJudges }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  if (!planned.ok) throw new CliError(failureMessage(inFile(planned.failure, options.input)));
  return {
    // The nominees themselves are let go too: the summary needs these alone.
    planned: {
      plan: planned.plan,
      count: planned.nominees.length,
      vanished: planned.nominees.filter((n) => n.vanished).length,
      carried: nomineesWithErrors(planned.nominees, planned.issues),
    },
    issues: planned.issues,
    notes: planned.notes,
    target: await asXlsxPackage(input),
  };
}

export const assessCommand: Command = async (args, io) => {
  const options = parseAssessArgs(args);
  if (!options.inPlace) await refuseOutputOverInput(options.input, options.output);
  const rubric = options.rubric === undefined ? undefined : await loadRubric(options.rubric);
  const { planned, issues, notes, target } = await planFile(options, rubric);
  // In pieces: a 200,000-row package joined into one array would be held twice.
  const written = await writeWithinExcelLimits(() =>
    writePlanToXlsxPieces(target.bytes, planned.plan)
  );
  await writeOutputFile(options.output, written);

  const errors = issues.filter((found) => found.severity === "error").length;
  const warnings = issues.length - errors;
  const { count, vanished, carried } = planned;
  const lines = [
    `已写入 ${options.output} / written ${options.output}`,
    `推荐对象 ${count} 个${vanished > 0 ? `（其中 ${vanished} 个已不在推荐表中）` : ""} / ${countEn(count, "nominee")}${vanished > 0 ? ` (${vanished} no longer in the source)` : ""}`,
    `问题：${errors} 个错误，${warnings} 个提醒，见“校验结果” / issues: ${countEn(errors, "error")}, ${countEn(warnings, "warning")} (see 校验结果)`,
  ];
  if (carried.length > 0) {
    lines.push(
      "带错误写入的推荐对象（请更正源表后重新生成）/ nominees written with errors (correct the source and assess again):"
    );
    for (const { nominee, errors: found } of carried) {
      const zh = found.map((one) => issueText(one, "zh")).join("；");
      const en = found.map((one) => issueText(one, "en")).join("; ");
      const name = nominee.name === null ? "（无名称）" : ` ${nominee.name}`;
      lines.push(
        `  ${nominee.id} ${nominee.source.sheet} 第 ${nominee.source.row} 行${name}：${zh} / ${en}`
      );
    }
  }
  lines.push(
    `工作表 / sheets: ${planned.plan.sheets
      .filter((s) => s.visibility !== "veryHidden")
      .map((s) => s.name)
      .join("、")}`,
    ...notes.map((found) => noteMessage(found)),
    ...target.notes
  );
  io.stdout(`${lines.join("\n")}\n`);
  return 0;
};

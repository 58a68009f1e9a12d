/**
 * `shifan report FILE [--json] [--as-of YYYY-MM-DD]`: the engine's own evaluation of an assessment
 * workbook's inputs (never its cached formula values), each figure with the cell that shows it.
 */
import {
  failureMessage,
  fatalMessage,
  issueMessage,
  noteMessage,
  parseIsoDate,
  reportAssessment,
  TIER_NAMES,
  type AssessmentReport,
  type IsoDate,
} from "../../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../../adapters/xlsx/XlsxWorkbookSource";
import { CliError, type CliIo, type Command } from "../CliIo";
import {
  badArgument,
  lastValue,
  onlyPositional,
  parseCommandArgs,
  type ArgSpec,
} from "../commandArgs";

interface ReportArgs {
  readonly file: string;
  readonly json: boolean;
  readonly asOf?: IsoDate;
}

const REPORT_ARGS: ArgSpec = { valued: ["--as-of"], switches: ["--json"] };

function parseArgs(args: readonly string[]): ReportArgs {
  const parsed = parseCommandArgs(args, REPORT_ARGS);
  const file = onlyPositional(parsed, "report FILE [--json] [--as-of YYYY-MM-DD]");
  const json = parsed.switches.has("--json");
  const asOfText = lastValue(parsed, "--as-of");
  if (asOfText === undefined) return { file, json };
  const asOf = parseIsoDate(asOfText);
  if (!asOf) throw badArgument(`--as-of YYYY-MM-DD, not ${asOfText}`);
  return { file, json, asOf };
}

const shown = (value: number | string | null): string => (value === null ? "—" : String(value));

function writeTable(io: CliIo, file: string, report: AssessmentReport): void {
  const lines = [
    `${file} · 考核基准日 / as of ${report.asOf} · ${report.rubric.id} · 评委 ${report.rubric.judges} · 推荐分数线 ${report.rubric.passLine}`,
    ["编号", "名称", "级别", "评委评分", "满意度", "总分", "等次", "排名", "建议授牌"].join("\t"),
    ...report.nominees.map((n) =>
      [
        n.id,
        n.name ?? "",
        n.tier === null ? "" : TIER_NAMES[n.tier],
        shown(n.outputs.panel.value),
        shown(n.inputs.satisfaction.value),
        shown(n.outputs.total.value),
        shown(n.outputs.grade.value),
        shown(n.outputs.rank.value),
        shown(n.outputs.recommended.value),
      ].join("\t")
    ),
  ];
  io.stdout(`${lines.join("\n")}\n`);
}

export const reportCommand: Command = async (args, io) => {
  const options = parseArgs(args);
  let reported;
  try {
    reported = reportAssessment(
      await XlsxWorkbookSource.fromFile(options.file).read(),
      options.asOf === undefined ? {} : { asOf: options.asOf }
    );
  } catch (err) {
    if (err instanceof XlsxReadError)
      throw new CliError(fatalMessage(err.code, { file: options.file }));
    throw err;
  }
  if (!reported.ok)
    throw new CliError(
      failureMessage({
        ...reported.failure,
        params: { ...reported.failure.params, file: options.file },
      })
    );
  if (options.json) {
    io.stdout(`${JSON.stringify(reported.report, null, 2)}\n`);
    return 0;
  }
  writeTable(io, options.file, reported.report);
  const remarks = [
    ...reported.issues.map((found) => issueMessage(found, "zh")),
    ...reported.notes.map((found) => noteMessage(found)),
  ];
  if (remarks.length > 0)
    io.stdout(`\n问题 / issues:\n${remarks.map((line) => `  ${line}`).join("\n")}\n`);
  return 0;
};

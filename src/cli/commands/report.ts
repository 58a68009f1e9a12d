/**
 * `shifan report FILE [--json] [--as-of YYYY-MM-DD] [--lang zh|en]`: the engine's own evaluation of an assessment
 * workbook's inputs (never its cached formula values), each figure with the cell that shows it.
 */
import {
  failureMessage,
  inFile,
  fatalMessage,
  issueMessage,
  noteMessage,
  parseIsoDate,
  countEn,
  reportAssessment,
  rowsRead,
  rubricName,
  tierName,
  type AssessmentReport,
  type Issue,
  type Lang,
  type IsoDate,
} from "../../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../../adapters/xlsx/XlsxWorkbookSource";
import { CliError, type CliIo, type Command } from "../CliIo";
import { NATIVE_INFLATE } from "../nativeInflate";
import { issueJson } from "./inspect";
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
  readonly lang: Lang;
  readonly asOf?: IsoDate;
}

export const REPORT_ARGS: ArgSpec = { valued: ["--as-of", "--lang"], switches: ["--json"] };
const USAGE = "report FILE [--json] [--as-of YYYY-MM-DD] [--lang zh|en]";

function parseArgs(args: readonly string[]): ReportArgs {
  const parsed = parseCommandArgs(args, REPORT_ARGS);
  const file = onlyPositional(parsed, USAGE);
  const json = parsed.switches.has("--json");
  const lang = lastValue(parsed, "--lang") ?? "zh";
  if (lang !== "zh" && lang !== "en")
    throw badArgument({
      zh: `--lang 应为 zh 或 en，而不是 ${lang}`,
      en: `--lang zh|en, not ${lang}`,
    });
  const asOfText = lastValue(parsed, "--as-of");
  if (asOfText === undefined) return { file, json, lang };
  const asOf = parseIsoDate(asOfText);
  if (!asOf)
    throw badArgument({
      zh: `--as-of 应为 YYYY-MM-DD 格式的有效日期，而不是 ${asOfText}`,
      en: `--as-of YYYY-MM-DD, not ${asOfText}`,
    });
  return { file, json, lang, asOf };
}

const shown = (value: number | string | null): string => (value === null ? "—" : String(value));

/** RULES §5's statuses in the order the rules test them; the text counts them in this order. */
const STATUS_ORDER = ["淘汰", "保留", "逾期", "待考评", "正常"] as const;

const HEADINGS: Readonly<Record<Lang, readonly string[]>> = {
  zh: [
    "编号",
    "名称",
    "级别",
    "评委评分",
    "满意度",
    "总分",
    "等次",
    "排名",
    "建议授牌",
    "动态管理",
  ],
  en: [
    "id",
    "name",
    "tier",
    "panel",
    "satisfaction",
    "total",
    "grade",
    "rank",
    "recommended",
    "status",
  ],
};

/** How many awarded sites carry each status, in RULES order, then any other word the column holds. */
export function statusCounts(report: AssessmentReport): { status: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const nominee of report.nominees) {
    const status = nominee.outputs.status.value;
    if (status) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const known: readonly string[] = STATUS_ORDER;
  return [
    ...STATUS_ORDER.filter((status) => counts.has(status)),
    ...[...counts.keys()].filter((status) => !known.includes(status)),
  ].map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/**
 * The --json document: the report, each nominee with the issues in its own input cells (bad entries, #11 §3), and
 * every issue at the end (#12 §5), all in inspect's issue shape.
 */
function reportJson(report: AssessmentReport, issues: readonly Issue[], lang: Lang): unknown {
  const shown = issues.map((found) => ({
    at: found.cell === null ? null : `${found.sheet}!${found.cell}`,
    json: issueJson(found, lang),
  }));
  return {
    ...report,
    nominees: report.nominees.map((nominee) => {
      const cells = new Set(
        [
          ...nominee.inputs.scores.flatMap((score) => (score.cell === null ? [] : [score.cell])),
          nominee.inputs.satisfaction.cell,
          nominee.inputs.veto.cell,
        ].map(unquoted)
      );
      return {
        ...nominee,
        issues: shown
          .filter((found) => found.at !== null && cells.has(found.at))
          .map((found) => found.json),
      };
    }),
    issues: shown.map((found) => found.json),
  };
}

/** `'评委1'!F3` → `评委1!F3`, as an issue names its sheet and cell. */
function unquoted(ref: string): string {
  const quoted = /^'((?:[^']|'')*)'!(.*)$/.exec(ref);
  return quoted ? `${(quoted[1] ?? "").replace(/''/g, "'")}!${quoted[2] ?? ""}` : ref;
}

function writeTable(io: CliIo, file: string, report: AssessmentReport, lang: Lang): void {
  const zh = lang === "zh";
  const { rubric } = report;
  const heading = zh
    ? `${file} · 考核基准日 ${report.asOf} · 评分细则 ${rubricName(rubric.id, "zh")} · 评委 ${rubric.judges} 人 · 推荐分数线 ${rubric.passLine}`
    : `${file} · as of ${report.asOf} · rubric ${rubricName(rubric.id, "en")} · ${countEn(rubric.judges, "judge")} · pass line ${rubric.passLine}`;
  const lines = [
    heading,
    HEADINGS[lang].join("\t"),
    ...report.nominees.map((n) =>
      [
        n.id,
        n.name ?? "",
        n.tier === null ? "" : tierName(n.tier, lang),
        shown(n.outputs.panel.value),
        shown(n.inputs.satisfaction.value),
        shown(n.outputs.total.value),
        shown(n.outputs.grade.value),
        shown(n.outputs.rank.value),
        shown(n.outputs.recommended.value),
        shown(n.outputs.status.value),
      ].join("\t")
    ),
  ];
  const counts = statusCounts(report);
  if (counts.length > 0) {
    const parts = counts.map(({ status, count }) => `${status} ${count}`);
    lines.push(
      "",
      zh ? `动态管理：${parts.join("，")}` : `dynamic management: ${parts.join(", ")}`
    );
  }
  io.stdout(`${lines.join("\n")}\n`);
}

export const reportCommand: Command = async (args, io) => {
  const options = parseArgs(args);
  let reported;
  try {
    reported = reportAssessment(
      await XlsxWorkbookSource.fromFile(options.file, { ...NATIVE_INFLATE, rowsRead }).read(),
      options.asOf === undefined ? {} : { asOf: options.asOf }
    );
  } catch (err) {
    if (err instanceof XlsxReadError)
      throw new CliError(fatalMessage(err.code, { file: options.file }));
    throw err;
  }
  if (!reported.ok) throw new CliError(failureMessage(inFile(reported.failure, options.file)));
  if (options.json) {
    io.stdout(
      `${JSON.stringify(reportJson(reported.report, reported.issues, options.lang), null, 2)}\n`
    );
    return 0;
  }
  writeTable(io, options.file, reported.report, options.lang);
  const remarks = [
    ...reported.issues.map((found) => issueMessage(found, options.lang)),
    ...reported.notes.map((found) => noteMessage(found, options.lang)),
  ];
  if (remarks.length > 0)
    io.stdout(
      `\n${options.lang === "zh" ? "问题：" : "issues:"}\n${remarks.map((line) => `  ${line}`).join("\n")}\n`
    );
  return 0;
};

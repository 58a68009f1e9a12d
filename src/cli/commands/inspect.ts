/**
 * `shifan inspect FILE [--json] [--lang zh|en]`: reads a nomination workbook and reports its tables,
 * nominees and issues. Exit 0 whenever the file was read, whatever the rows hold.
 */
import {
  FIELDS,
  FIELD_LABELS_EN,
  FIELD_LABELS_ZH,
  columnLetter,
  countEn,
  inspectNominations,
  type InspectResult,
  SECTOR_CODES,
  fatalMessage,
  issueMessage,
  issueTitle,
  sectorName,
  type Issue,
  type IssueCode,
  type Lang,
  type Nominee,
  type TableLayout,
} from "../../engine";
import { XlsxReadError, XlsxWorkbookSource } from "../../adapters/xlsx/XlsxWorkbookSource";
import { CliError, type CliIo, type Command } from "../CliIo";
import { NATIVE_INFLATE } from "../nativeInflate";
import {
  badArgument,
  lastValue,
  onlyPositional,
  parseCommandArgs,
  type ArgSpec,
} from "../commandArgs";

interface InspectArgs {
  readonly file: string;
  readonly json: boolean;
  readonly lang: Lang;
}

export const INSPECT_ARGS: ArgSpec = { valued: ["--lang"], switches: ["--json"] };

function parseArgs(args: readonly string[]): InspectArgs {
  const parsed = parseCommandArgs(args, INSPECT_ARGS);
  const file = onlyPositional(parsed, "inspect FILE [--json] [--lang zh|en]");
  const lang = lastValue(parsed, "--lang") ?? "zh";
  if (lang !== "zh" && lang !== "en")
    throw badArgument({
      zh: `--lang 应为 zh 或 en，而不是 ${lang}`,
      en: `--lang zh|en, not ${lang}`,
    });
  return { file, json: parsed.switches.has("--json"), lang };
}

export const inspectCommand: Command = async (args, io) => {
  const options = parseArgs(args);
  let result: InspectResult;
  try {
    result = inspectNominations(
      await XlsxWorkbookSource.fromFile(options.file, NATIVE_INFLATE).read()
    ).inspect;
  } catch (err) {
    if (err instanceof XlsxReadError)
      throw new CliError(fatalMessage(err.code, { file: options.file }));
    throw err;
  }
  if (result.tables.length === 0)
    throw new CliError(fatalMessage("no_nomination_table", { file: options.file }));
  if (options.json)
    io.stdout(`${JSON.stringify(inspectJson(options.file, result, options.lang), null, 2)}\n`);
  else writeSummary(io, options.file, result, options.lang);
  return 0;
};

/** The --json document; key order is part of the contract. */
export function inspectJson(file: string, result: InspectResult, lang: Lang): unknown {
  return {
    file,
    tables: result.tables.map((table) => ({
      sheet: table.sheet,
      headerRows: [...table.headerRows],
      firstDataRow: table.firstDataRow,
      lastDataRow: table.lastDataRow,
      columns: table.columns.map((c) => ({
        column: columnLetter(c.col),
        header: c.header,
        field: c.field,
        confidence: c.confidence,
      })),
    })),
    nominees: result.nominees.map(nomineeJson),
    issues: result.issues.map((found) => issueJson(found, lang)),
  };
}

/** One issue in --json: the same shape from inspect and report. */
export function issueJson(found: Issue, lang: Lang) {
  return {
    code: found.code,
    severity: found.severity,
    sheet: found.sheet,
    row: found.row,
    cell: found.cell,
    field: found.field,
    message: issueMessage(found, lang),
  };
}

function nomineeJson(nominee: Nominee): Record<string, unknown> {
  const json: Record<string, unknown> = { sheet: nominee.sheet, row: nominee.row };
  for (const field of FIELDS) json[field] = nominee[field];
  return json;
}

function writeSummary(io: CliIo, file: string, result: InspectResult, lang: Lang): void {
  const zh = lang === "zh";
  const lines: string[] = [zh ? `文件：${file}` : `file: ${file}`];
  for (const table of result.tables) lines.push(...tableSummary(table, result.nominees, lang));
  for (const sheet of result.skippedSheets)
    lines.push(
      zh
        ? `工作表“${sheet}”：没有推荐表格，已跳过`
        : `sheet "${sheet}": no nomination table, skipped`
    );
  const errors = result.issues.filter((i) => i.severity === "error").length;
  const warnings = result.issues.length - errors;
  lines.push(
    "",
    zh
      ? `问题：${errors} 个错误，${warnings} 个提醒`
      : `issues: ${countEn(errors, "error")}, ${countEn(warnings, "warning")}`
  );
  const byCode = new Map<IssueCode, Issue[]>();
  for (const found of result.issues)
    byCode.set(found.code, [...(byCode.get(found.code) ?? []), found]);
  for (const [code, found] of byCode) {
    lines.push(`  ${issueTitle(code, lang)}${zh ? `（${found.length}）` : ` (${found.length})`}`);
    for (const one of found) lines.push(`    ${issueMessage(one, lang)}`);
  }
  io.stdout(`${lines.join("\n")}\n`);
}

function tableSummary(table: TableLayout, nominees: readonly Nominee[], lang: Lang): string[] {
  const zh = lang === "zh";
  const mine = nominees.filter((n) => n.sheet === table.sheet);
  const headerRows = table.headerRows.join(zh ? "、" : ", ");
  const lines = [
    "",
    zh
      ? `工作表“${table.sheet}”：表头第 ${headerRows} 行，数据第 ${table.firstDataRow}–${table.lastDataRow} 行，推荐对象 ${mine.length} 个`
      : `sheet "${table.sheet}": header ${table.headerRows.length === 1 ? "row" : "rows"} ${headerRows}, data rows ${table.firstDataRow}–${table.lastDataRow}, ${countEn(mine.length, "nominee")}`,
    zh ? "  列与字段：" : "  columns and fields:",
  ];
  for (const column of table.columns) {
    const field = column.field
      ? (zh ? FIELD_LABELS_ZH : FIELD_LABELS_EN)[column.field]
      : zh
        ? "（不使用）"
        : "(not used)";
    const header = zh ? `“${column.header}”` : `"${column.header}"`;
    lines.push(`    ${columnLetter(column.col)} ${header} → ${field}`);
  }
  const counts = SECTOR_CODES.map(
    (sector) => [sector, mine.filter((n) => n.sector === sector).length] as const
  ).filter(([, n]) => n > 0);
  const unread = mine.filter((n) => n.sector === null).length;
  const parts = counts.map(([sector, n]) => `${sectorName(sector, lang)} ${n}`);
  if (unread) parts.push(zh ? `领域未识别 ${unread}` : `sector not read ${unread}`);
  if (parts.length)
    lines.push(zh ? `  按领域：${parts.join("，")}` : `  by sector: ${parts.join(", ")}`);
  return lines;
}

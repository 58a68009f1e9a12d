/** Reads 合并记录 back: its lines, to write again first, and the copies merged so far (for supersession). */
import { cellAt, type SheetGrid } from "../core/Grid";
import { HEADER_ROW } from "../plan/assessmentLayout";
import {
  MERGE_LOG_COLUMNS,
  MERGE_LOG_HEADER_OF,
  MERGE_RESULTS,
  type MergeLogLine,
  type MergeResult,
} from "../plan/mergeLog";
import { roleKey, type SheetRole } from "../plan/workbookIdentity";

function text(sheet: SheetGrid, row: number, col: number): string | null {
  const cell = cellAt(sheet, row, col);
  if (!cell) return null;
  if (cell.type === "text") return cell.text === "" ? null : cell.text;
  if (cell.type === "number") return String(cell.value);
  return null;
}

function number(sheet: SheetGrid, row: number, col: number): number | null {
  const cell = cellAt(sheet, row, col);
  if (cell?.type === "number") return cell.value;
  if (cell?.type === "text" && /^-?\d+(\.\d+)?$/.test(cell.text.trim())) return Number(cell.text);
  return null;
}

const RESULT_BY_WORD = new Map(
  (Object.entries(MERGE_RESULTS) as [MergeResult, string][]).map(([key, word]) => [word, key])
);

type LogField = keyof typeof MERGE_LOG_COLUMNS;

/**
 * Each field's column, found by its header on the header row (a log written before 评议组 was added has every
 * later column one to the left); a field without its header is read nowhere (column 0: empty).
 */
function columnsByHeader(sheet: SheetGrid): Record<LogField, number> {
  const byHeader = new Map<string, number>();
  const width = sheet.rows[HEADER_ROW - 1]?.length ?? 0;
  for (let col = 1; col <= width; col++) {
    const header = text(sheet, HEADER_ROW, col);
    if (header !== null && !byHeader.has(header)) byHeader.set(header, col);
  }
  // A log whose headers cannot be read at all (a person cleared them): read where this version writes.
  if (byHeader.size === 0) return { ...MERGE_LOG_COLUMNS };
  return Object.fromEntries(
    (Object.keys(MERGE_LOG_COLUMNS) as LogField[]).map((field) => [
      field,
      byHeader.get(MERGE_LOG_HEADER_OF[field]) ?? 0,
    ])
  ) as Record<LogField, number>;
}

/** Every line of the log, in order; a row whose result word is not one of the log's is skipped. */
export function readMergeLog(sheet: SheetGrid | null): MergeLogLine[] {
  if (!sheet) return [];
  const C = columnsByHeader(sheet);
  const lines: MergeLogLine[] = [];
  for (let row = HEADER_ROW + 1; row <= sheet.rows.length; row++) {
    const result = RESULT_BY_WORD.get(text(sheet, row, C.result) ?? "");
    if (!result) continue;
    const cellText = text(sheet, row, C.cell);
    const bang = cellText?.lastIndexOf("!") ?? -1;
    const value = (col: number): number | string | null =>
      number(sheet, row, col) ?? text(sheet, row, col);
    lines.push({
      time: text(sheet, row, C.time) ?? "",
      file: text(sheet, row, C.file) ?? "",
      judge: number(sheet, row, C.judge),
      group: text(sheet, row, C.group),
      copyId: text(sheet, row, C.copyId),
      version: number(sheet, row, C.version),
      issuedAt: text(sheet, row, C.issuedAt),
      result,
      cell:
        cellText !== null && bang > 0
          ? { sheet: cellText.slice(0, bang), address: cellText.slice(bang + 1) }
          : null,
      nominee: text(sheet, row, C.nominee),
      criterion: text(sheet, row, C.criterion),
      master: value(C.master),
      copy: value(C.copy),
      taken: number(sheet, row, C.taken),
      conflicts: number(sheet, row, C.conflicts),
      invalid: number(sheet, row, C.invalid),
      reasonZh: text(sheet, row, C.reasonZh) ?? "",
      reasonEn: text(sheet, row, C.reasonEn) ?? "",
    });
  }
  return lines;
}

/** A copy merged into the workbook: whose entry sheet (`judge_3`, `raters_peers`), which copy, issued when. */
export interface MergedCopy {
  readonly entry: string;
  readonly copyId: string;
  readonly version: number;
  readonly issuedAt: string;
}

export function mergedCopies(lines: readonly MergeLogLine[]): MergedCopy[] {
  return lines.flatMap((line) => {
    if (line.result !== "merged" || line.copyId === null || line.issuedAt === null) return [];
    const entry: SheetRole | null =
      line.judge !== null
        ? { kind: "judge", judge: line.judge }
        : line.group !== null
          ? { kind: "raters", group: line.group }
          : null;
    return entry
      ? [
          {
            entry: roleKey(entry),
            copyId: line.copyId,
            version: line.version ?? 1,
            issuedAt: line.issuedAt,
          },
        ]
      : [];
  });
}

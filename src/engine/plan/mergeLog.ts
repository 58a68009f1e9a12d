/**
 * 合并记录: the merge log an assessment workbook keeps, one line per returned copy merged or refused, then a
 * line per cell that needs a person (a conflict, a value not taken), each linked to its cell. It grows with every
 * merge: earlier lines are read back and written again first. What was merged also tells a later merge which
 * copies are superseded (docs/decisions/0011).
 */
import { HEADER_ROW } from "./assessmentLayout";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";
import { MERGE_LOG_SHEET } from "./workbookIdentity";

/** What a line records. */
export const MERGE_RESULTS = {
  merged: "已合并",
  refused: "已拒绝",
  conflict: "冲突",
  invalid: "未采用",
} as const;
export type MergeResult = keyof typeof MERGE_RESULTS;

export const MERGE_LOG_HEADERS = [
  "时间",
  "文件",
  "评委",
  "评议组",
  "副本编号",
  "副本版本",
  "发出时间",
  "结果",
  "单元格",
  "编号",
  "指标",
  "原值",
  "副本值",
  "采用",
  "冲突",
  "未采用",
  "说明",
  "Note",
] as const;

/**
 * Columns (1-based) of each field as written. 评议组 (a rater group's code, decision 0025) came after the first logs
 * were written: the log is read back by its headers, so a log written without it still reads.
 */
export const MERGE_LOG_COLUMNS = {
  time: 1,
  file: 2,
  judge: 3,
  group: 4,
  copyId: 5,
  version: 6,
  issuedAt: 7,
  result: 8,
  cell: 9,
  nominee: 10,
  criterion: 11,
  master: 12,
  copy: 13,
  taken: 14,
  conflicts: 15,
  invalid: 16,
  reasonZh: 17,
  reasonEn: 18,
} as const;

/** Each field's header, as MERGE_LOG_HEADERS has it. */
export const MERGE_LOG_HEADER_OF: Readonly<Record<keyof typeof MERGE_LOG_COLUMNS, string>> =
  Object.fromEntries(
    Object.entries(MERGE_LOG_COLUMNS).map(([field, col]) => [field, MERGE_LOG_HEADERS[col - 1]])
  ) as Record<keyof typeof MERGE_LOG_COLUMNS, string>;

export interface MergeLogLine {
  readonly time: string;
  readonly file: string;
  readonly judge: number | null;
  /** A rater group's copy (三评议): the group's code; null for a judge's copy and a refused file. */
  readonly group: string | null;
  readonly copyId: string | null;
  readonly version: number | null;
  readonly issuedAt: string | null;
  readonly result: MergeResult;
  /** The cell concerned, with its sheet: linked. */
  readonly cell: { readonly sheet: string; readonly address: string } | null;
  readonly nominee: string | null;
  readonly criterion: string | null;
  readonly master: number | string | null;
  readonly copy: number | string | null;
  readonly taken: number | null;
  readonly conflicts: number | null;
  readonly invalid: number | null;
  readonly reasonZh: string;
  readonly reasonEn: string;
}

const TITLE = "合并记录 · 各评委、评议组交回的评分表合并情况（最新在下）/ merge log, newest last";

/** The log sheet: earlier lines first, as they were, then this merge's. */
export function compileMergeLog(lines: readonly MergeLogLine[]): SheetPlan {
  const sheet = new SheetBuilder(MERGE_LOG_SHEET);
  const c = MERGE_LOG_COLUMNS;
  sheet.text(1, 1, TITLE, "title");
  MERGE_LOG_HEADERS.forEach((label, i) => sheet.text(HEADER_ROW, 1 + i, label, "header"));
  lines.forEach((line, i) => {
    const row = HEADER_ROW + 1 + i;
    const put = (col: number, value: string | number | null): void => {
      if (typeof value === "number") sheet.number(row, col, value, "text");
      else sheet.text(row, col, value, "text");
    };
    put(c.time, line.time);
    put(c.file, line.file);
    put(c.judge, line.judge);
    put(c.group, line.group);
    put(c.copyId, line.copyId);
    put(c.version, line.version);
    put(c.issuedAt, line.issuedAt);
    put(c.result, MERGE_RESULTS[line.result]);
    if (line.cell)
      sheet.text(row, c.cell, `${line.cell.sheet}!${line.cell.address}`, "link", {
        link: { sheet: line.cell.sheet, cell: line.cell.address },
      });
    put(c.nominee, line.nominee);
    put(c.criterion, line.criterion);
    put(c.master, line.master);
    put(c.copy, line.copy);
    put(c.taken, line.taken);
    put(c.conflicts, line.conflicts);
    put(c.invalid, line.invalid);
    put(c.reasonZh, line.reasonZh);
    put(c.reasonEn, line.reasonEn);
  });
  [20, 28, 6, 8, 38, 8, 22, 8, 14, 10, 8, 8, 8, 6, 6, 6, 40, 40].forEach((width, i) =>
    sheet.column(1 + i, width)
  );
  if (lines.length > 0)
    sheet.set("autoFilter", {
      top: HEADER_ROW,
      left: 1,
      bottom: HEADER_ROW + lines.length,
      right: MERGE_LOG_HEADERS.length,
    });
  sheet.set("freeze", { rows: HEADER_ROW, columns: 0 });
  sheet.protect(undefined);
  sheet.set("tabColor", "7F7F7F");
  return sheet.build();
}

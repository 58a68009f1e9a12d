/**
 * 回避: the register of judges recused from a nominee (issue #9 §4, RULES §4.4). Column A 评委 (the judge's number),
 * B 编号 (the nominee's id), C 原因 (free text), entered by the official from row 2; D says, as a formula, whether
 * the line is in force; hidden E is the line's key (`3|SF-0007`) that each judge sheet's 回避 column looks for.
 * The rule lives in these formulas only: a line counts when D says 已回避, and a judge sheet's row is recused when
 * its key is listed. Every line is kept as typed, whatever it holds.
 */
import { bool, call, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import { MAIN_SHEET, type AssessmentLayout } from "./assessmentLayout";
import { HIGHLIGHT } from "./assessmentStyles";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";
import { RECUSAL_SHEET } from "./workbookIdentity";

/** What a cell of 回避 holds as typed: a number stays a number (a date its serial), anything else its text. */
export type RecusalCell = number | string | null;

/** A line of 回避 as the official typed it. */
export interface RecusalLine {
  /** The sheet row it was typed on (2 and below); kept on the next write. */
  readonly row: number;
  readonly judge: RecusalCell;
  readonly id: RecusalCell;
  readonly reason: RecusalCell;
}

export const RECUSAL_COLUMNS = { judge: 1, id: 2, reason: 3, check: 4, key: 5 } as const;
export const RECUSAL_FIRST_ROW = 2;
/** Room for at least this many lines, and this many more below the last one typed. */
const RECUSAL_ROOM = 1000;

export const RECUSAL_HEADERS = ["评委", "编号", "原因", "核对", "键"] as const;
/** What D shows for a line in force; anything else in D means the line is not applied. */
export const RECUSAL_IN_FORCE = "已回避";
export const RECUSAL_NO_JUDGE = "评委号无效";
export const RECUSAL_NO_NOMINEE = "考核表中无此编号";
/**
 * A blank 编号, or one COUNTIF would read as a pattern or a comparison (`*`, `SF-00?`, `<>SF-0001`): a line names one
 * judge and one nominee, so it is refused rather than read as "all" — and rather than shown 已回避 while its key,
 * looked up as plain text, matches no row.
 */
export const RECUSAL_NOT_ONE_ID = "编号不可留空或用通配符";
/** The key's separator: a judge number never holds it, so `1|SF-0012` and `11|SF-0002` stay apart. */
export const RECUSAL_KEY_SEPARATOR = "|";

/** The last row of 回避 that formulas read: room for 1,000 lines, or 1,000 more than the lowest line typed. */
export function recusalLastRow(lines: readonly RecusalLine[]): number {
  const lowest = lines.reduce((max, line) => Math.max(max, line.row), RECUSAL_FIRST_ROW - 1);
  return Math.max(RECUSAL_FIRST_ROW + RECUSAL_ROOM - 1, lowest + RECUSAL_ROOM);
}

/** 回避!$E$2:$E$last: the keys of the lines in force, for COUNTIF. */
export function recusalKeys(lastRow: number): FormulaNode {
  return range(
    { row: RECUSAL_FIRST_ROW, col: RECUSAL_COLUMNS.key, rowAbsolute: true, colAbsolute: true },
    { row: lastRow, col: RECUSAL_COLUMNS.key, rowAbsolute: true, colAbsolute: true },
    RECUSAL_SHEET
  );
}

/** The formulas of 回避's first line (row 2), filled down. */
export function recusalRowFormulas(layout: AssessmentLayout): {
  check: FormulaNode;
  key: FormulaNode;
} {
  const row = RECUSAL_FIRST_ROW;
  const judge = ref(row, RECUSAL_COLUMNS.judge);
  const id = ref(row, RECUSAL_COLUMNS.id);
  const ids = range(
    { row: layout.firstRow, col: layout.main.id, rowAbsolute: true, colAbsolute: true },
    {
      row: Math.max(layout.firstRow, layout.lastRow),
      col: layout.main.id,
      rowAbsolute: true,
      colAbsolute: true,
    },
    MAIN_SHEET
  );
  // IF around the number tests, not OR: INT of a text is #VALUE!, which OR would pass on.
  const judgeBad = call(
    "IF",
    call("ISNUMBER", judge),
    call(
      "OR",
      op(judge, "<", num(1)),
      op(judge, ">", num(layout.judges)),
      op(judge, "<>", call("INT", judge))
    ),
    bool(true)
  );
  // COUNTIF over the id's own cell with an escaped wildcard finds a literal * ? or ~ in it (FIND is not whitelisted).
  const holds = (literal: string) => op(call("COUNTIF", id, text(`*~${literal}*`)), ">", num(0));
  const startsWith = (ch: string) => op(call("LEFT", id, num(1)), "=", text(ch));
  const idNotOne = call(
    "OR",
    op(id, "=", text("")),
    holds("*"),
    holds("?"),
    holds("~"),
    startsWith("="),
    startsWith("<"),
    startsWith(">")
  );
  const check = call(
    "IF",
    call("AND", op(judge, "=", text("")), op(id, "=", text(""))),
    text(""),
    call(
      "IF",
      judgeBad,
      text(RECUSAL_NO_JUDGE),
      call(
        "IF",
        idNotOne,
        text(RECUSAL_NOT_ONE_ID),
        call(
          "IF",
          // Ids are unique, so a real one matches once.
          op(call("COUNTIF", ids, id), "<>", num(1)),
          text(RECUSAL_NO_NOMINEE),
          text(RECUSAL_IN_FORCE)
        )
      )
    )
  );
  const key = call(
    "IF",
    op(ref(row, RECUSAL_COLUMNS.check), "=", text(RECUSAL_IN_FORCE)),
    op(op(judge, "&", text(RECUSAL_KEY_SEPARATOR)), "&", id),
    text("")
  );
  return { check, key };
}

/**
 * 回避 with the lines as typed, room below them, the check and key formulas on every row of that room, a
 * whole-number validation on 评委 and the sheet protected except its three input columns.
 */
export function compileRecusalSheet(
  lines: readonly RecusalLine[],
  layout: AssessmentLayout,
  password: string | undefined
): { sheet: SheetPlan; lastRow: number } {
  const sheet = new SheetBuilder(RECUSAL_SHEET);
  const lastRow = recusalLastRow(lines);
  RECUSAL_HEADERS.forEach((label, i) => sheet.text(1, 1 + i, label, "header"));
  sheet.column(RECUSAL_COLUMNS.judge, 8);
  sheet.column(RECUSAL_COLUMNS.id, 12);
  sheet.column(RECUSAL_COLUMNS.reason, 30);
  sheet.column(RECUSAL_COLUMNS.check, 26);
  sheet.column(RECUSAL_COLUMNS.key, 14, true);
  const byRow = new Map(lines.map((line) => [line.row, line]));
  const first = recusalRowFormulas(layout);
  for (let row = RECUSAL_FIRST_ROW; row <= lastRow; row++) {
    const line = byRow.get(row);
    const put = (col: number, value: RecusalCell, style: "inputText" | "inputPlain") =>
      typeof value === "number"
        ? sheet.number(row, col, value, style)
        : sheet.text(row, col, value, style);
    put(RECUSAL_COLUMNS.judge, line?.judge ?? null, "inputText");
    put(RECUSAL_COLUMNS.id, line?.id ?? null, "inputText");
    put(RECUSAL_COLUMNS.reason, line?.reason ?? null, "inputPlain");
    const offset = row - RECUSAL_FIRST_ROW;
    sheet.filledFormula(row, RECUSAL_COLUMNS.check, first.check, offset, "computedText");
    sheet.filledFormula(row, RECUSAL_COLUMNS.key, first.key, offset, "key");
  }
  const column = (col: number) => ({
    top: RECUSAL_FIRST_ROW,
    left: col,
    bottom: lastRow,
    right: col,
  });
  sheet.validate({
    range: column(RECUSAL_COLUMNS.judge),
    rule: { type: "whole", min: num(1), max: num(layout.judges) },
    allowBlank: true,
    prompt: { title: "评委", text: `回避的评委编号：1～${layout.judges}` },
    error: { title: "评委编号无效", text: `评委编号应为 1～${layout.judges} 的整数` },
  });
  const check = ref(RECUSAL_FIRST_ROW, RECUSAL_COLUMNS.check, { absolute: "col" });
  sheet.highlight({
    range: { top: RECUSAL_FIRST_ROW, left: 1, bottom: lastRow, right: RECUSAL_COLUMNS.check },
    when: call("AND", op(check, "<>", text("")), op(check, "<>", text(RECUSAL_IN_FORCE))),
    style: HIGHLIGHT.error,
  });
  sheet.set("freeze", { rows: 1, columns: 0 });
  sheet.protect(password);
  sheet.set("tabColor", "A5A5A5");
  return { sheet: sheet.build(), lastRow };
}

/**
 * A rater group's entry sheet (RULES §4.1, 党员互评): the judge sheets' pattern — identity columns, one nominee a
 * row, only the score cells unlocked — with one column per rater, each giving one score 0…100. Its hidden 计入
 * columns hold what 考核表 counts, so a bad entry (RULES §4.3) is judged once per cell, as typed.
 */
import { RATERS_WORDS, TO_CORRECT } from "../core/words";
import { call, num, op, range, ref, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import type { Rubric, RubricComponent } from "../rubric/Rubric";
import type { CarriedNominee } from "./AssessmentModel";
import {
  HEADER_ROW,
  IDENTITY_COLUMNS,
  meetingPrint,
  raterSheetName,
  type AssessmentLayout,
  type RaterSheetLayout,
} from "./assessmentLayout";
import { HIGHLIGHT } from "./assessmentStyles";
import { raterRejectedAt, writeIdentity, writeIdentityHeaders } from "./compileJudgeSheet";
import { invalidScore } from "./entryRules";
import { panelScore } from "./panelRule";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";

/** A rater's score is out of 100 whatever the rubric's criteria (RULES §4.1). */
export const RATER_MAX = 100;

/** `评议人3`: rater r's column header (1-based). */
export function raterHeader(rater: number): string {
  return `${RATERS_WORDS.rater}${rater}`;
}

/** The first row's 计入 formula of each rater: the score, "" for a blank, 待更正 for an entry that cannot count. */
export function raterCountedFormulas(sheet: RaterSheetLayout, firstRow: number): FormulaNode[] {
  return sheet.scoreColumns.map((col) => {
    const score = ref(firstRow, col);
    return call(
      "IF",
      invalidScore(score, num(RATER_MAX)),
      text(TO_CORRECT),
      call("IF", op(score, "=", text("")), text(""), score)
    );
  });
}

/**
 * 考核表's score of the group for the nominee on `row` (RULES §4.1): the panel's rule over the raters who scored
 * — the mean after dropping one highest and one lowest from SF_DropFrom raters on, the plain mean from
 * SF_MinJudges, blank below — rounded to 0.01; 待更正 while any rater's entry cannot count.
 */
export function raterGroupFormula(sheet: RaterSheetLayout, row: number): FormulaNode {
  const first = sheet.countedColumns[0] ?? 1;
  const last = sheet.countedColumns[sheet.countedColumns.length - 1] ?? first;
  const counted = range({ row, col: first }, { row, col: last }, raterSheetName(sheet.group));
  return panelScore([counted], op(call("COUNTIF", counted, text(TO_CORRECT)), ">", num(0)));
}

export function compileRaterSheet(
  group: RubricComponent & { readonly raters: number },
  index: number,
  rubric: Rubric,
  nominees: readonly CarriedNominee[],
  layout: AssessmentLayout,
  password: string | undefined
): SheetPlan {
  const at = layout.raterSheets[index];
  if (!at || at.group !== group.id) throw new Error(`no layout for rater group ${group.id}`);
  const sheet = new SheetBuilder(raterSheetName(group.id));
  const lastScoreCol = at.scoreColumns[at.scoreColumns.length - 1] ?? IDENTITY_COLUMNS.region;

  sheet.text(1, 1, `${group.label} ${RATERS_WORDS.sheetTitle} · ${rubric.title}`, "title");
  const headers = writeIdentityHeaders(sheet);
  at.scoreColumns.forEach((col, r) => {
    const label = `${raterHeader(r + 1)}\n（0～${RATER_MAX}）`;
    sheet.text(HEADER_ROW, col, label, "header");
    sheet.column(col, 9);
    headers.push({ col, text: label });
  });
  at.countedColumns.forEach((col, r) => {
    sheet.text(HEADER_ROW, col, `${raterHeader(r + 1)} 计入`, "header");
    sheet.column(col, 8, true);
  });
  sheet.fitRowToText(HEADER_ROW, headers);

  const counted = raterCountedFormulas(at, layout.firstRow);
  nominees.forEach((nominee, i) => {
    const row = layout.firstRow + i;
    writeIdentity(sheet, row, nominee);
    const scores = nominee.inputs.raters?.[group.id] ?? [];
    at.scoreColumns.forEach((col, r) => {
      const typed = raterRejectedAt(nominee.inputs, group.id, r);
      if (typed === undefined) sheet.number(row, col, scores[r] ?? null, "input");
      else sheet.put(row, col, typed, "input");
    });
    at.countedColumns.forEach((col, r) =>
      sheet.filledFormula(row, col, counted[r] as FormulaNode, i, "number")
    );
  });

  if (nominees.length > 0) {
    const scoreRange = {
      top: layout.firstRow,
      left: at.scoreColumns[0] ?? lastScoreCol,
      bottom: layout.lastRow,
      right: lastScoreCol,
    };
    sheet.validate({
      range: scoreRange,
      rule: { type: "decimal", min: num(0), max: num(RATER_MAX) },
      allowBlank: true,
      prompt: {
        title: group.label,
        text: `请输入 0～${RATER_MAX} 分（步长 ${rubric.scoreStep}）；未评请留空`,
      },
      error: { title: "分数无效", text: `分数应在 0～${RATER_MAX} 之间` },
    });
    sheet.highlight({
      range: scoreRange,
      when: invalidScore(ref(layout.firstRow, at.scoreColumns[0] ?? lastScoreCol), num(RATER_MAX)),
      style: HIGHLIGHT.error,
    });
    sheet.set("autoFilter", {
      top: HEADER_ROW,
      left: 1,
      bottom: layout.lastRow,
      right: lastScoreCol,
    });
  }
  sheet.set("freeze", { rows: HEADER_ROW, columns: IDENTITY_COLUMNS.name });
  sheet.set("print", meetingPrint(sheet.printedWidth(1, lastScoreCol)));
  sheet.protect(password);
  sheet.set("tabColor", "ED7D31");
  return sheet.build();
}

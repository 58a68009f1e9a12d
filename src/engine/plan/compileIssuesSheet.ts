/** 校验结果: every issue found, each linked to the cell it is about. */
import type { Issue } from "../core/Issue";
import { issueText, issueTitle } from "../messages";
import { HEADER_ROW, ISSUES_SHEET } from "./assessmentLayout";
import { sheetPrint } from "./printSetup";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";

/** The code stays, last and narrow, for filtering; a person reads the issue's Chinese name first. */
export const ISSUE_HEADERS = [
  "问题",
  "级别",
  "工作表",
  "单元格",
  "说明",
  "英文说明",
  "代码",
] as const;
const SEVERITY_WORDS = { error: "错误", warning: "提醒" } as const;

function issuesTitle(issues: readonly Issue[]): string {
  const errors = issues.filter((found) => found.severity === "error").length;
  return `共 ${issues.length} 条问题：${errors} 个错误，${issues.length - errors} 个提醒`;
}

export function compileIssuesSheet(
  issues: readonly Issue[],
  password: string | undefined
): SheetPlan {
  const sheet = new SheetBuilder(ISSUES_SHEET);
  sheet.text(1, 1, issues.length === 0 ? "未发现问题" : issuesTitle(issues), "title");
  ISSUE_HEADERS.forEach((label, i) => sheet.text(HEADER_ROW, 1 + i, label, "header"));
  issues.forEach((found, i) => {
    const row = HEADER_ROW + 1 + i;
    const target = found.cell ?? (found.row === null ? null : `A${found.row}`);
    sheet.text(row, 1, issueTitle(found.code, "zh"), "wrapText");
    sheet.text(row, 2, SEVERITY_WORDS[found.severity], "wrapText");
    sheet.text(row, 3, found.sheet, "wrapText");
    sheet.text(
      row,
      4,
      found.cell ?? (found.row === null ? null : String(found.row)),
      "link",
      target === null ? {} : { link: { sheet: found.sheet, cell: target } }
    );
    sheet.text(row, 5, issueText(found, "zh"), "wrapText");
    sheet.text(row, 6, issueText(found, "en"), "wrapText");
    sheet.text(row, 7, found.code, "note");
  });
  [18, 6, 14, 8, 60, 50, 12].forEach((width, i) => sheet.column(1 + i, width));
  // A long message wraps in its column rather than running under the next one, on screen and on paper.
  issues.forEach((found, i) =>
    sheet.fitRowToText(HEADER_ROW + 1 + i, [
      { col: 1, text: issueTitle(found.code, "zh") },
      { col: 5, text: issueText(found, "zh") },
      { col: 6, text: issueText(found, "en") },
    ])
  );
  if (issues.length > 0)
    sheet.set("autoFilter", {
      top: HEADER_ROW,
      left: 1,
      bottom: HEADER_ROW + issues.length,
      right: ISSUE_HEADERS.length,
    });
  sheet.set("freeze", { rows: HEADER_ROW, columns: 0 });
  sheet.set(
    "print",
    sheetPrint({
      orientation: "landscape",
      width: sheet.printedWidth(1, ISSUE_HEADERS.length),
      repeatRows: { first: 1, last: HEADER_ROW },
    })
  );
  sheet.protect(password);
  return sheet.build();
}

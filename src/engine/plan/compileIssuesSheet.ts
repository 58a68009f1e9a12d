/** 校验结果: every issue found, each linked to the cell it is about. */
import type { Issue } from "../core/Issue";
import { issueMessage } from "../messages";
import { HEADER_ROW, ISSUES_SHEET } from "./assessmentLayout";
import { SheetBuilder } from "./SheetBuilder";
import type { SheetPlan } from "./SheetPlan";

export const ISSUE_HEADERS = ["代码", "级别", "工作表", "单元格", "说明", "Description"] as const;
const SEVERITY_WORDS = { error: "错误", warning: "警告" } as const;

export function compileIssuesSheet(
  issues: readonly Issue[],
  password: string | undefined
): SheetPlan {
  const sheet = new SheetBuilder(ISSUES_SHEET);
  sheet.text(
    1,
    1,
    issues.length === 0
      ? "未发现问题 / no issues found"
      : `共 ${issues.length} 条 / ${issues.length} issue(s)`,
    "title"
  );
  ISSUE_HEADERS.forEach((label, i) => sheet.text(HEADER_ROW, 1 + i, label, "header"));
  issues.forEach((found, i) => {
    const row = HEADER_ROW + 1 + i;
    const target = found.cell ?? (found.row === null ? null : `A${found.row}`);
    sheet.text(row, 1, found.code, "text");
    sheet.text(row, 2, SEVERITY_WORDS[found.severity], "text");
    sheet.text(row, 3, found.sheet, "text");
    sheet.text(
      row,
      4,
      found.cell ?? (found.row === null ? null : String(found.row)),
      "link",
      target === null ? {} : { link: { sheet: found.sheet, cell: target } }
    );
    sheet.text(row, 5, issueMessage(found, "zh"), "text");
    sheet.text(row, 6, issueMessage(found, "en"), "text");
  });
  [22, 8, 16, 10, 60, 60].forEach((width, i) => sheet.column(1 + i, width));
  if (issues.length > 0)
    sheet.set("autoFilter", {
      top: HEADER_ROW,
      left: 1,
      bottom: HEADER_ROW + issues.length,
      right: ISSUE_HEADERS.length,
    });
  sheet.set("freeze", { rows: HEADER_ROW, columns: 0 });
  sheet.protect(password);
  return sheet.build();
}

import { issueMessage } from "../../../src/engine";
import { issue } from "../../../src/engine/core/Issue";
import { ISSUE_MESSAGES_EN } from "../../../src/engine/messages/en";
import type { IssueText } from "../../../src/engine/messages/issueText";
import { ISSUE_MESSAGES_ZH } from "../../../src/engine/messages/zh-CN";

const at = { sheet: "推荐汇总", row: 7, cell: "C7", field: "name" as const };

describe("issueMessage", () => {
  it("shortens a long quoted value with …, so a message fits a cell of 校验结果", () => {
    const long = "长".repeat(40_000);
    for (const lang of ["zh", "en"] as const) {
      const message = issueMessage(
        issue("unsafe_text", "warning", at, { value: `=${long}` }),
        lang
      );
      expect(message.length).toBeLessThan(300);
      expect(message).toContain("长…");
      expect(message).toContain("推荐汇总!C7");
    }
  });

  it("quotes a value of 120 characters whole (failure twin)", () => {
    const value = `=${"x".repeat(119)}`;
    expect(issueMessage(issue("unsafe_text", "warning", at, { value }), "en")).toContain(
      `"${value}"`
    );
  });

  it("names unstorable characters in both languages", () => {
    const found = issue("unstorable_character", "warning", at, { value: "城关镇\uFFFD党委" });
    expect(issueMessage(found, "zh")).toBe(
      "推荐汇总!C7：“城关镇\uFFFD党委”含有 Excel 等表格软件无法保存的字符（如空字符），已替换为 �，请核对原文"
    );
    expect(issueMessage(found, "en")).toContain("no spreadsheet can store");
  });
});

describe("issue parameters typed per code", () => {
  const dated = { sheet: "推荐汇总", row: 7, cell: "H7", field: "awardedOn" as const };

  it("quotes each code's own parameters, and the field's label, in both languages", () => {
    const found = issue("month_only_date", "warning", dated, {
      value: "2012年6月",
      date: "2012-06-01",
    });
    expect(issueMessage(found, "zh")).toBe(
      "推荐汇总!H7：日期“2012年6月”只到月份，按 2012-06-01 计"
    );
    expect(issueMessage(found, "en")).toBe(
      '推荐汇总!H7: date "2012年6月" gives only a month; taken as 2012-06-01'
    );
    const missing = issue("missing_required", "error", at);
    expect(issueMessage(missing, "zh")).toBe("推荐汇总!C7：缺少必填项“名称”");
  });

  it("narrows params by code", () => {
    const found = issue("duplicate", "warning", at, {
      otherSheet: "株洲市",
      otherRow: 6,
      otherCell: "C6",
    });
    expect(found.code === "duplicate" && found.params.otherRow + 1).toBe(7);
  });

  it("refuses a missing, misnamed or extra parameter when compiled (npm run typecheck)", () => {
    const built = [
      // @ts-expect-error month_only_date also quotes the date it is taken as
      issue("month_only_date", "warning", dated, { value: "2012年6月" }),
      // @ts-expect-error duplicate's row is otherRow
      issue("duplicate", "warning", at, { otherSheet: "株洲市", row: 6, otherCell: "C6" }),
      // @ts-expect-error sheet_without_table quotes nothing
      issue("sheet_without_table", "warning", at, { value: "x" }),
      // @ts-expect-error score_out_of_range quotes numbers
      issue("score_out_of_range", "error", at, { value: "31", max: "30" }),
    ];
    expect(built.map((found) => found.code)).toEqual([
      "month_only_date",
      "duplicate",
      "sheet_without_table",
      "score_out_of_range",
    ]);
  });

  it("gives each language's text only its code's params", () => {
    const texts: IssueText = {
      ...ISSUE_MESSAGES_EN,
      // @ts-expect-error invalid_tier quotes no date
      invalid_tier: (p) => `${p.date}`,
    };
    expect(Object.keys(texts).sort()).toEqual(Object.keys(ISSUE_MESSAGES_ZH).sort());
  });
});

import { issue, issueMessage } from "../../../src/engine";

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

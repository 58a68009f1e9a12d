import { paneText, STRING_KEYS } from "../../src/taskpane/strings";

describe("paneText", () => {
  it("speaks Chinese and English for the same key", () => {
    expect(paneText("zh", "tabMeeting")).toBe("评审");
    expect(paneText("en", "tabMeeting")).toBe("Review");
  });

  it("fills placeholders by name", () => {
    expect(paneText("zh", "generating", { done: 3, total: 7 })).toBe("正在写入（3/7）…");
    expect(paneText("en", "incomplete", { done: 2, judges: 5 })).toBe(
      "Incomplete (2/5 judges done)"
    );
  });

  it('leaves a placeholder visible when its value is missing, rather than printing "undefined"', () => {
    expect(paneText("en", "generating", { done: 3 })).toBe("Writing (3/{total})…");
  });

  it("puts the English noun in the number the count asks for", () => {
    expect(paneText("en", "tablesFound", { count: 1 })).toBe("1 table found");
    expect(paneText("en", "tablesFound", { count: 2 })).toBe("2 tables found");
    expect(paneText("en", "saved", { count: 1 })).toBe("Saved 1 cell.");
    expect(paneText("zh", "tablesFound", { count: 2 })).toBe("找到 2 张表");
  });

  it.each(STRING_KEYS)("writes Chinese with full-width punctuation: %s", (key) => {
    expect(paneText("zh", key)).not.toMatch(/[\u4e00-\u9fff][,;:()?!]|[,;:(?!][\u4e00-\u9fff]/);
  });

  it.each(STRING_KEYS)("has text and the same placeholders in both languages: %s", (key) => {
    expect(paneText("zh", key).trim()).not.toBe("");
    expect(paneText("en", key).trim()).not.toBe("");
    const placeholders = (lang: "zh" | "en") =>
      [...paneText(lang, key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(placeholders("en")).toEqual(placeholders("zh"));
  });
});

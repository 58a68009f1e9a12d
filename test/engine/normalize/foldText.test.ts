import { foldText } from "../../../src/engine/normalize/foldText";

describe("foldText", () => {
  it.each([
    ["the Taiwan standard form", "衛生單位", "卫生单位"],
    ["the Hong Kong and Taiwan variant 衞", "衞生單位", "卫生单位"],
    ["the variant 敍 of 敘", "敍事", "叙事"],
    ["a compatibility ideograph (U+F901)", "\uF901新", "更新"],
    ["a Hong Kong form 綫", "綫路", "线路"],
  ])("folds %s like the simplified spelling", (_, typed, simplified) => {
    expect(foldText(typed)).toBe(foldText(simplified));
  });

  it.each([
    ["芸, a character of its own in Chinese, not Japanese for 藝", "芸香", "艺香"],
    ["a different word", "衞生", "卫星"],
  ])("keeps %s apart", (_, a, b) => {
    expect(foldText(a)).not.toBe(foldText(b));
  });
});

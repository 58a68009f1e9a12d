import { relativeTarget, resolveTarget } from "../../../src/adapters/xlsx/packageParts";

describe("relativeTarget", () => {
  it.each([
    ["xl/workbook.xml", "xl/worksheets/sheet3.xml", "worksheets/sheet3.xml"],
    ["xl/worksheets/sheet3.xml", "xl/comments1.xml", "../comments1.xml"],
    ["xl/worksheets/sheet3.xml", "xl/drawings/vmlDrawing1.vml", "../drawings/vmlDrawing1.vml"],
    ["xl/drawings/drawing1.xml", "xl/charts/chart2.xml", "../charts/chart2.xml"],
    ["xl/workbook.xml", "xl/styles.xml", "styles.xml"],
    ["workbook.xml", "xl/styles.xml", "xl/styles.xml"],
    ["a/b/c/part.xml", "a/x/part.xml", "../../x/part.xml"],
  ])("from %s to %s is %s, and resolves back", (from, to, expected) => {
    expect(relativeTarget(from, to)).toBe(expected);
    expect(resolveTarget(from, expected)).toBe(to);
  });

  it("climbs out of a folder that only shares its name's start (failure twin of the common prefix)", () => {
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/worksheetsX/sheet1.xml")).toBe(
      "../worksheetsX/sheet1.xml"
    );
  });
});

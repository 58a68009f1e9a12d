/**
 * Every Excel API member the office-js adapter may call, checked against Microsoft's requirement-set notes in
 * @types/office-js (generated from the same source as the requirement-set tables on learn.microsoft.com).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import {
  EXCEL_API_FLOOR,
  EXCEL_API_REQUIREMENTS,
  HOST_GATED_FEATURES,
  versionAtMost,
} from "../../../src/adapters/officejs/excelApiSubset";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SUBSET_FILE = path.join(ROOT, "src", "adapters", "officejs", "excelApiSubset.ts");
const OFFICE_TYPES = path.join(ROOT, "node_modules", "@types", "office-js", "index.d.ts");

/** The subset's interfaces and the Excel class each stands for; the others are plain option objects. */
const CLASS_OF: Readonly<Record<string, string>> = {
  XlApplication: "Application",
  XlWorkbook: "Workbook",
  XlWorksheetCollection: "WorksheetCollection",
  XlWorksheet: "Worksheet",
  XlRange: "Range",
  XlRangeAreas: "RangeAreas",
  XlRangeFormat: "RangeFormat",
  XlRangeFont: "RangeFont",
  XlRangeFill: "RangeFill",
  XlFormatProtection: "FormatProtection",
  XlRangeBorderCollection: "RangeBorderCollection",
  XlRangeBorder: "RangeBorder",
  XlDataValidation: "DataValidation",
  XlConditionalFormatCollection: "ConditionalFormatCollection",
  XlConditionalFormat: "ConditionalFormat",
  XlCustomConditionalFormat: "CustomConditionalFormat",
  XlFreezePanes: "WorksheetFreezePanes",
  XlWorksheetProtection: "WorksheetProtection",
  XlAutoFilter: "AutoFilter",
  XlPageLayout: "PageLayout",
  XlPageBreakCollection: "PageBreakCollection",
  XlHeaderFooterGroup: "HeaderFooterGroup",
  XlHeaderFooter: "HeaderFooter",
  XlNamedItemCollection: "NamedItemCollection",
  XlNamedItem: "NamedItem",
  XlChartCollection: "ChartCollection",
  XlChart: "Chart",
  XlChartTitle: "ChartTitle",
  XlChartSeriesCollection: "ChartSeriesCollection",
  XlChartSeries: "ChartSeries",
  XlChartSeriesFormat: "ChartSeriesFormat",
  XlChartFill: "ChartFill",
};
/** Members every client object or collection has (office.js itself, no requirement set of their own). */
const CLIENT_OBJECT_MEMBERS = new Set(["load", "isNullObject", "items"]);
/** XlCustomConditionalFormat's inline `rule` and `format` objects are these classes. */
const INLINE_MEMBERS = [
  "ConditionalFormatRule.formula",
  "ConditionalRangeFormat.fill",
  "ConditionalRangeFormat.font",
  "ConditionalRangeFill.color",
  "ConditionalRangeFont.color",
  "ConditionalRangeFont.bold",
];

/** `Class.member` for every member of the mapped interfaces in excelApiSubset.ts. */
function subsetMembers(): string[] {
  const source = ts.createSourceFile(
    SUBSET_FILE,
    fs.readFileSync(SUBSET_FILE, "utf8"),
    ts.ScriptTarget.ES2022
  );
  const members: string[] = [];
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const excelClass = CLASS_OF[node.name.text];
    if (!excelClass) return;
    for (const member of node.members) {
      const name = member.name && ts.isIdentifier(member.name) ? member.name.text : null;
      if (name && !CLIENT_OBJECT_MEMBERS.has(name)) members.push(`${excelClass}.${name}`);
    }
  });
  return [...members, ...INLINE_MEMBERS];
}

/** The `[Api set: …]` note of `Class.member` in the Excel namespace of @types/office-js, or null. */
function apiSetNote(lines: readonly string[], member: string): string | null {
  const [excelClass, name] = member.split(".");
  const start = lines.findIndex((line) => line.startsWith("declare namespace Excel {"));
  const classLine = lines.findIndex(
    (line, i) => i > start && new RegExp(`^    (class|interface) ${excelClass}\\b`).test(line)
  );
  if (start < 0 || classLine < 0) return null;
  for (let i = classLine + 1; i < lines.length && !/^ {4}}/.test(lines[i] ?? ""); i++) {
    if (!new RegExp(`^        (readonly )?${name}\\??[(:<]`).test(lines[i] ?? "")) continue;
    for (let j = i - 1; j > classLine; j--) {
      const note = /\[Api set: ([^\]]+)\]/.exec(lines[j] ?? "");
      if (note) return note[1] ?? null;
    }
  }
  return null;
}

describe("the ExcelApi requirement of every member the adapter uses", () => {
  const lines = fs.readFileSync(OFFICE_TYPES, "utf8").split("\n");

  it("lists every member of the subset, and nothing the subset does not declare", () => {
    expect(Object.keys(EXCEL_API_REQUIREMENTS).sort()).toEqual(subsetMembers().sort());
  });

  it.each(Object.entries(EXCEL_API_REQUIREMENTS))(
    "%s needs ExcelApi %s, as Microsoft's table says",
    (member, version) => {
      const note = apiSetNote(lines, member);
      expect(note).not.toBeNull();
      // "ExcelApi 1.1 for reading visibility; 1.2 for setting it": the entry must be one of the versions named.
      const versions = [...(note ?? "").matchAll(/\b1\.\d+\b/g)].map((match) => match[0]);
      expect(note).toMatch(/^ExcelApi /);
      expect(versions).toContain(version);
    }
  );

  it("needs nothing above ExcelApi 1.7 except the features it gates on the host's version", () => {
    const gated = new Set<string>(Object.values(HOST_GATED_FEATURES));
    const above = Object.entries(EXCEL_API_REQUIREMENTS).filter(
      ([, version]) => !versionAtMost(version, EXCEL_API_FLOOR)
    );
    for (const [member, version] of above)
      expect([member, gated.has(version)]).toEqual([member, true]);
    expect(above.map(([member]) => member).sort()).toEqual(
      [
        "Application.suspendScreenUpdatingUntilNextSync",
        "AutoFilter.apply",
        "DataValidation.errorAlert",
        "DataValidation.ignoreBlanks",
        "DataValidation.prompt",
        "DataValidation.rule",
        "PageLayout.orientation",
        "PageLayout.paperSize",
        "PageLayout.setPrintTitleRows",
        "PageLayout.setPrintTitleColumns",
        "PageLayout.headersFooters",
        "HeaderFooterGroup.defaultForAllPages",
        "HeaderFooter.leftHeader",
        "HeaderFooter.centerHeader",
        "HeaderFooter.rightHeader",
        "HeaderFooter.leftFooter",
        "HeaderFooter.centerFooter",
        "HeaderFooter.rightFooter",
        "PageLayout.zoom",
        "Range.dataValidation",
        "Range.getMergedAreasOrNullObject",
        "RangeAreas.address",
        "Worksheet.autoFilter",
        "Worksheet.pageLayout",
        "Worksheet.horizontalPageBreaks",
        "PageBreakCollection.add",
      ].sort()
    );
  });

  it("orders versions numerically, so 1.13 is above 1.9", () => {
    expect(versionAtMost("1.9", "1.13")).toBe(true);
    expect(versionAtMost("1.13", "1.9")).toBe(false);
    expect(versionAtMost("1.7", "1.7")).toBe(true);
  });
});

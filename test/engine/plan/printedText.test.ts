/**
 * Printed sheets show their text whole (issue #13 §4): a long name, sector or 推荐单位 wraps in its column and its
 * row grows (LibreOffice's PDF printed them cut off by the next cell); 汇总's sector names fit column A; the page
 * header names the sheet in a Chinese font (in the Latin one LibreOffice printed the name's lower half cut off).
 */
import { BUILTIN_RUBRICS, type IsoDate } from "../../../src/engine";
import { a1 } from "../../../src/engine/core/CellRef";
import { SECTOR_NAMES, TIER_CODES } from "../../../src/engine/core/domain";
import { rubricSheetLayout, RUBRIC_SHEET } from "../../../src/engine/plan/assessmentLayout";
import { compileWithInputs } from "../../../src/engine/plan/compileAssessment";
import { IDENTITY_WIDTHS } from "../../../src/engine/plan/compileJudgeSheet";
import {
  PAGE_HEADER,
  pageTextCode,
  printedWidth,
  wrappedLines,
  wrappedRowHeight,
} from "../../../src/engine/plan/printSetup";
import { withOverrides } from "../../../src/engine/rubric/Rubric";
import { nominee, planCell } from "./assessmentFixtures";

const LONG_NAME = "湖南省水利水电科学研究院机关党委第一党支部";
const settings = (rubric = BUILTIN_RUBRICS.baiqianwan) => ({
  rubric: withOverrides(rubric, { judges: 3 }),
  asOf: "2012-06-30" as IsoDate,
  today: "2012-06-30" as IsoDate,
});

function compiled(rubric = BUILTIN_RUBRICS.baiqianwan) {
  const source = {
    nominees: [
      nominee({ name: LONG_NAME, sector: "community" }),
      nominee({ name: "望城区东山镇建设村党支部", sector: "public_institution" }),
      nominee({ name: "短名", sector: "village", region: "长沙市委组织部机关工委直属机关党委" }),
      nominee({ name: "短名二", sector: "village" }),
    ],
    issues: [],
  };
  return compileWithInputs(source, settings(rubric), [], []).plan;
}

describe("identity cells on the printed sheets", () => {
  const plan = compiled(BUILTIN_RUBRICS.sanpingyi);

  it.each(["评委1", "评委3", "考核表", "评议_peers"])(
    "wraps what is longer than its column and makes the row tall enough, on %s",
    (sheetName) => {
      const sheet = plan.sheets.find((s) => s.name === sheetName)!;
      const heights = new Map((sheet.rows ?? []).map((r) => [r.row, r.height]));
      const at = (a1: string) => planCell(plan, sheetName, a1);
      // Row 3: the long name; row 4: 文化、卫生、体育等事业单位党组织 in 类别; row 5: a long 推荐单位; row 6: none.
      expect(at("B3")).toMatchObject({ content: { text: LONG_NAME }, style: "textWrap" });
      expect(at("C4")).toMatchObject({ content: { text: SECTOR_NAMES.public_institution } });
      // One style down each of these columns (the pane formats a column in one piece); 编号 and 级别 do not wrap.
      for (const row of [3, 4, 5, 6]) {
        expect([at(`B${row}`), at(`C${row}`), at(`E${row}`)].map((c) => c?.style)).toEqual([
          "textWrap",
          "textWrap",
          "textWrap",
        ]);
        expect([at(`A${row}`), at(`D${row}`)].map((c) => c?.style)).toEqual(["text", "text"]);
      }
      expect(heights.get(3)).toBe(
        wrappedRowHeight([{ text: LONG_NAME, width: IDENTITY_WIDTHS.name }])
      );
      expect(heights.get(4)).toBe(
        wrappedRowHeight([{ text: SECTOR_NAMES.public_institution, width: IDENTITY_WIDTHS.sector }])
      );
      expect(heights.get(5)).toBeGreaterThan(15);
      expect(heights.get(6)).toBeUndefined();
      // Every identity column keeps its width: what does not fit it wraps.
      expect(printedWidth(sheet.columns, 2, 2)).toBe(IDENTITY_WIDTHS.name);
    }
  );
});

describe("汇总's column A", () => {
  const plan = compiled();
  const sheet = plan.sheets.find((s) => s.name === "汇总")!;

  it("holds every sector name on one line, and 汇总 prints no wider than before (190)", () => {
    const width = printedWidth(sheet.columns, 1, 1);
    for (const label of Object.values(SECTOR_NAMES))
      expect({ label, lines: wrappedLines(label, width) }).toEqual({ label, lines: 1 });
    expect(printedWidth(sheet.columns, 1, 12)).toBe(190);
  });
});

describe("the page header", () => {
  it("names the sheet in a Chinese font", () => {
    expect(pageTextCode(PAGE_HEADER.right ?? [])).toBe('&"宋体,常规"&A');
    const plan = compiled();
    for (const sheet of plan.sheets.filter((s) => s.print))
      expect({ sheet: sheet.name, header: sheet.print?.header }).toEqual({
        sheet: sheet.name,
        header: PAGE_HEADER,
      });
  });
});

describe("评分标准's sector-quota note", () => {
  it.each([BUILTIN_RUBRICS.baiqianwan, BUILTIN_RUBRICS.wuhao, BUILTIN_RUBRICS.sanpingyi])(
    "makes its row as tall as the note wrapped at its column's width, not the default width ($id)",
    (rubric) => {
      const plan = compiled(rubric);
      const sheet = plan.sheets.find((s) => s.name === RUBRIC_SHEET)!;
      const at = rubricSheetLayout(rubric.criteria.length, rubric.gradeBands.length);
      const row = at.sectorQuotasHeaderRow;
      const col = 2 + TIER_CODES.length;
      const note = planCell(plan, RUBRIC_SHEET, a1(row, col))?.content;
      if (note?.kind !== "text") throw new Error(`${RUBRIC_SHEET}!${a1(row, col)} holds no note`);
      const height = sheet.rows?.find((r) => r.row === row)?.height;
      const width = printedWidth(sheet.columns, col, col);
      expect(width).toBe(30);
      expect(height).toBe(wrappedRowHeight([{ text: note.text, width }]));
      // About four lines (it was written 213 pt tall, the estimate at the default width).
      expect(height).toBeLessThan(100);
    }
  );
});

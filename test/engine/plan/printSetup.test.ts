import { JUDGE_ANALYSIS_NOTES } from "../../../src/engine/plan/compileJudgeAnalysisSheet";
import {
  MIN_PRINT_SCALE,
  brokenForWidth,
  pageTextCode,
  printedWidth,
  sheetPrint,
  wrappedLines,
  wrappedRowHeight,
} from "../../../src/engine/plan/printSetup";

describe("sheetPrint", () => {
  it("fits a sheet one page wide when that keeps it at 70 % or more", () => {
    // 134 width units, a judge sheet of four criteria: about 100 % on A4 landscape.
    const print = sheetPrint({ orientation: "landscape", width: 134 });
    expect(print.fitToWidth).toBe(true);
    expect(print.scale).toBeUndefined();
  });

  it("prints a wider sheet at 70 % across pages instead of shrinking it", () => {
    // 240 units, 考核表: fitted it would print at about 55 %.
    const print = sheetPrint({
      orientation: "landscape",
      width: 240,
      repeatColumns: { first: 1, last: 2 },
    });
    expect(print.fitToWidth).toBeUndefined();
    expect(print.scale).toBe(MIN_PRINT_SCALE);
    expect(print.repeatColumns).toEqual({ first: 1, last: 2 });
  });

  it("judges portrait pages by their narrower width", () => {
    expect(sheetPrint({ orientation: "landscape", width: 168 }).fitToWidth).toBe(true);
    expect(sheetPrint({ orientation: "portrait", width: 168 }).scale).toBe(70);
  });
});

describe("printedWidth", () => {
  it("adds the widths of the columns that print, a default width for unset ones", () => {
    const columns = [
      { col: 1, width: 10 },
      { col: 2, width: 5, hidden: true },
    ];
    expect(printedWidth(columns, 1, 3)).toBeCloseTo(18.43);
    expect(printedWidth(columns, 1, 2)).toBe(10);
  });
});

describe("wrapped text", () => {
  it("counts a Chinese character about two digits wide and each explicit line", () => {
    expect(wrappedLines("C1 推动科学发展", 12)).toBe(2);
    expect(wrappedLines("编号", 10)).toBe(1);
    expect(wrappedLines("C1 推动科学发展\n（满分 30）", 14)).toBe(3);
  });

  it("keeps the default height when every text fits one line", () => {
    expect(wrappedRowHeight([{ text: "编号", width: 10 }])).toBeNull();
    expect(wrappedRowHeight([{ text: "C1 推动科学发展", width: 12 }])).toBe(33);
  });
});

describe("brokenForWidth", () => {
  it("breaks where the text wraps, each line fitting the column", () => {
    const broken = brokenForWidth("甲乙丙丁戊己庚辛壬癸子丑寅卯", 16);
    expect(broken).toBe("甲乙丙丁戊己庚\n辛壬癸子丑寅卯");
    expect(wrappedLines(broken, 16)).toBe(2);
  });

  it("never starts a line with a closing mark nor ends one with an opening mark", () => {
    // Wrapped at 7 characters a line, "；" would start the second line and "（" end it.
    expect(brokenForWidth("合计分各项之和；回避与空（白）不计", 16)).toBe(
      "合计分各项之\n和；回避与空\n（白）不计"
    );
    for (const note of JUDGE_ANALYSIS_NOTES)
      for (const width of [40, 60, 90, 110])
        for (const line of brokenForWidth(note, width).split("\n")) {
          expect({ line, width, fits: wrappedLines(line, width) }).toEqual({
            line,
            width,
            fits: 1,
          });
          expect({ line, start: /^[，。、；：？！）]/.test(line) }).toEqual({ line, start: false });
          expect({ line, end: /[（“]$/.test(line) }).toEqual({ line, end: false });
        }
  });

  it("keeps the text's own line breaks and leaves text that fits as it is", () => {
    expect(brokenForWidth("评委\n合计", 10)).toBe("评委\n合计");
  });
});

describe("pageTextCode", () => {
  it("writes the printer's fields as Excel's codes and doubles a literal ampersand", () => {
    expect(pageTextCode(["第 ", { field: "page" }, " 页，共 ", { field: "pages" }, " 页"])).toBe(
      "第 &P 页，共 &N 页"
    );
    expect(pageTextCode(["R&D ", { field: "sheet" }, { field: "date" }])).toBe("R&&D &A&D");
  });
});

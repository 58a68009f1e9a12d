import {
  MIN_PRINT_SCALE,
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

describe("pageTextCode", () => {
  it("writes the printer's fields as Excel's codes and doubles a literal ampersand", () => {
    expect(pageTextCode(["第 ", { field: "page" }, " 页，共 ", { field: "pages" }, " 页"])).toBe(
      "第 &P 页，共 &N 页"
    );
    expect(pageTextCode(["R&D ", { field: "sheet" }, { field: "date" }])).toBe("R&&D &A&D");
  });
});

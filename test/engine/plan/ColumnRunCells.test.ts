import { call, ref } from "../../../src/engine/formula/build";
import { cellsChanged, cellsInColumns, cellsWith } from "../../../src/engine/plan/ColumnRunCells";
import { SheetBuilder } from "../../../src/engine/plan/SheetBuilder";
import type { CellPlan, SheetCells } from "../../../src/engine/plan/SheetPlan";

const base = call("SUM", ref(3, 1), ref(3, 2));
const addresses = (cells: Iterable<CellPlan>): string[] =>
  [...cells].map((c) => `${c.row}/${c.col}`);

/** Every way of visiting the cells, which must agree. */
function visits(cells: SheetCells): { forEach: CellPlan[]; iterated: CellPlan[] } {
  const forEach: CellPlan[] = [];
  cells.forEach((cell, i) => {
    expect(i).toBe(forEach.length);
    forEach.push(cell);
  });
  return { forEach, iterated: [...cells] };
}

describe("a sheet's cells as SheetBuilder keeps them", () => {
  it("gives back every cell put, with its content, style and extras, by row then column", () => {
    const sheet = new SheetBuilder("表");
    for (let row = 3; row <= 5; row++) {
      sheet.text(row, 1, `名${row}`, "text");
      sheet.number(row, 2, row * 10, "score");
      sheet.filledFormula(row, 3, base, row - 3, "count");
      sheet.number(row, 4, null, "input");
    }
    sheet.text(1, 2, "标题", "title", { note: "说明", link: { sheet: "汇总", cell: "A1" } });
    const cells = sheet.build().cells;
    const { forEach, iterated } = visits(cells);
    expect(iterated).toEqual(forEach);
    expect(cells.length).toBe(13);
    expect(addresses(cells)).toEqual([
      "1/2",
      ...[3, 4, 5].flatMap((row) => [`${row}/1`, `${row}/2`, `${row}/3`, `${row}/4`]),
    ]);
    expect(forEach[0]).toEqual({
      row: 1,
      col: 2,
      content: { kind: "text", text: "标题" },
      style: "title",
      link: { sheet: "汇总", cell: "A1" },
      note: "说明",
    });
    expect(forEach.slice(9)).toEqual([
      { row: 5, col: 1, content: { kind: "text", text: "名5" }, style: "text" },
      { row: 5, col: 2, content: { kind: "number", value: 50 }, style: "score" },
      {
        row: 5,
        col: 3,
        content: { kind: "filled", base, offset: 2, cached: null },
        style: "count",
      },
      { row: 5, col: 4, content: { kind: "blank" }, style: "input" },
    ]);
    // Filled cells keep their base object: the identity the writer shares a formula by.
    const filled = forEach.filter((c) => c.col === 3).map((c) => c.content);
    expect(filled.every((c) => c.kind === "filled" && c.base === base)).toBe(true);
  });

  it("keeps a break in a run: another style, another base, a gap, an offset out of step", () => {
    const sheet = new SheetBuilder("表");
    const other = call("SUM", ref(3, 1));
    sheet.filledFormula(3, 1, base, 0, "count");
    sheet.filledFormula(4, 1, base, 1, "score");
    sheet.filledFormula(5, 1, other, 2, "score");
    sheet.filledFormula(6, 1, other, 5, "score");
    sheet.filledFormula(8, 1, other, 6, "score");
    const contents = [...sheet.build().cells].map((c) => [c.row, c.style, c.content]);
    expect(contents).toEqual([
      [3, "count", { kind: "filled", base, offset: 0, cached: null }],
      [4, "score", { kind: "filled", base, offset: 1, cached: null }],
      [5, "score", { kind: "filled", base: other, offset: 2, cached: null }],
      [6, "score", { kind: "filled", base: other, offset: 5, cached: null }],
      [8, "score", { kind: "filled", base: other, offset: 6, cached: null }],
    ]);
  });

  it("orders cells put out of order, and keeps two put at one address for the writer to refuse", () => {
    const sheet = new SheetBuilder("表");
    sheet.number(5, 2, 1);
    sheet.number(6, 2, 2);
    sheet.number(2, 2, 3);
    sheet.number(1, 3, 4);
    sheet.number(6, 2, 5);
    sheet.number(2, 1, 6);
    const cells = sheet.build().cells;
    const { forEach, iterated } = visits(cells);
    expect(iterated).toEqual(forEach);
    expect(
      forEach.map((c) => [c.row, c.col, c.content.kind === "number" && c.content.value])
    ).toEqual([
      [1, 3, 4],
      [2, 1, 6],
      [2, 2, 3],
      [5, 2, 1],
      [6, 2, 2],
      [6, 2, 5],
    ]);
  });

  it("answers find, some, every, filter, map and flatMap as an array would", () => {
    const sheet = new SheetBuilder("表");
    for (let row = 1; row <= 4; row++) sheet.number(row, 1, row);
    const cells = sheet.build().cells;
    const array = [...cells];
    const even = (c: CellPlan): boolean => c.content.kind === "number" && c.content.value % 2 === 0;
    expect(cells.find(even)).toEqual(array.find(even));
    expect(cells.find((c) => c.row === 9)).toBeUndefined();
    expect(cells.some(even)).toBe(true);
    expect(cells.every(even)).toBe(false);
    expect(cells.every((c) => c.col === 1)).toBe(true);
    expect(cells.filter(even)).toEqual(array.filter(even));
    expect(cells.map((c) => c.row)).toEqual([1, 2, 3, 4]);
    expect(cells.flatMap((c) => (even(c) ? [c.row, c.row] : []))).toEqual([2, 2, 4, 4]);
  });

  it("keeps only the columns asked for", () => {
    const sheet = new SheetBuilder("表");
    for (let row = 1; row <= 3; row++) {
      sheet.text(row, 1, `名${row}`);
      sheet.filledFormula(row, 2, base, row - 1);
      sheet.number(row, 3, row);
    }
    const cells = sheet.build().cells;
    const kept = cellsInColumns(cells, (col) => col !== 2);
    expect(kept.length).toBe(6);
    expect(addresses(kept)).toEqual(["1/1", "1/3", "2/1", "2/3", "3/1", "3/3"]);
    expect([...kept]).toEqual(cells.filter((c) => c.col !== 2));
    // An array is filtered as it is.
    expect(cellsInColumns([...cells], (col) => col === 2).map((c) => c.row)).toEqual([1, 2, 3]);
  });

  it("changes a fill-down's base for its whole run, and a link, leaving the rest as it was", () => {
    const sheet = new SheetBuilder("表");
    const renamed = call("SUM", ref(3, 1, { sheet: "新" }));
    for (let row = 1; row <= 3; row++) {
      sheet.filledFormula(row, 1, base, row - 1, "count");
      sheet.text(row, 2, `名${row}`);
    }
    sheet.text(4, 2, "链接", "text", { link: { sheet: "旧", cell: "A1" } });
    const change = (cell: CellPlan): CellPlan =>
      cell.content.kind === "filled"
        ? { ...cell, content: { ...cell.content, base: renamed } }
        : cell.link
          ? { ...cell, link: { sheet: "新", cell: cell.link.cell } }
          : cell;
    const cells = sheet.build().cells;
    const changed = cellsChanged(cells, change);
    expect([...changed]).toEqual([...cells].map(change));
    expect(changed.length).toBe(cells.length);
    // The plan it came from is unchanged.
    expect([...cells][0]?.content).toEqual({ kind: "filled", base, offset: 0, cached: null });
  });

  it("adds cells to a built sheet as an array joined and sorted would have them, leaving the sheet as it was", () => {
    const sheet = new SheetBuilder("表");
    for (let row = 2; row <= 5; row++) {
      sheet.text(row, 1, `名${row}`);
      sheet.filledFormula(row, 2, base, row - 2);
    }
    const cells = sheet.build().cells;
    const before = [...cells];
    const more: CellPlan[] = [
      { row: 1, col: 3, content: { kind: "text", text: "已评完" }, style: "header" },
      ...[2, 3, 4, 5].map((row): CellPlan => ({
        row,
        col: 3,
        content: { kind: "filled", base, offset: row - 2, cached: null },
      })),
      // Below a column already there, and one at an address already taken (the writer refuses it).
      { row: 6, col: 1, content: { kind: "number", value: 6 } },
      { row: 5, col: 2, content: { kind: "number", value: 0 } },
    ];
    const joined = cellsWith(cells, more);
    // Runs, not an array of every cell.
    expect(Array.isArray(joined)).toBe(false);
    const { forEach, iterated } = visits(joined);
    expect(iterated).toEqual(forEach);
    expect(joined.length).toBe(before.length + more.length);
    const sorted = [...before, ...more].sort((x, y) => x.row - y.row || x.col - y.col);
    expect(forEach).toEqual(sorted);
    expect(forEach.filter((c) => c.row === 5 && c.col === 2).map((c) => c.content.kind)).toEqual([
      "filled",
      "number",
    ]);
    // The sheet it came from is unchanged, and an array is joined as it is.
    expect([...cells]).toEqual(before);
    expect(cellsWith(before, more)).toEqual([...before, ...more]);
  });

  it("has nothing to visit when nothing was put", () => {
    const cells = new SheetBuilder("表").build().cells;
    expect(cells.length).toBe(0);
    expect(visits(cells)).toEqual({ forEach: [], iterated: [] });
  });
});

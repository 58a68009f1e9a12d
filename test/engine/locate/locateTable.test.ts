import fc from "fast-check";
import { type SheetGrid } from "../../../src/engine";
import type { RowKind } from "../../../src/engine/core/Table";
import { HEADER_VOCABULARY } from "../../../src/engine/headers/matchHeader";
import { locateTable } from "../../../src/engine/locate/locateTable";
import { date, gridFromRows, type CellInput } from "../../support/grids";

const locate = (sheet: SheetGrid) => locateTable(sheet, HEADER_VOCABULARY);

const kindsOf = (sheet: SheetGrid): Record<number, RowKind> =>
  Object.fromEntries(locate(sheet)?.rowKinds ?? []);

/** A 推荐汇总表 the way a province sends it: title, subtitle, header, blank row, 合计, merged 注：. */
function provinceSheet(): SheetGrid {
  const title = "2011年全省创先争优活动省级示范点创建单位推荐汇总表";
  return gridFromRows(
    [
      [title],
      ["填报单位（盖章）：省委创先争优活动领导小组办公室          填报日期：2011年5月28日"],
      ["序号", "推荐单位", "党组织名称", "党组织类别", "推荐级别", "党员人数", "推荐时间", "备注"],
      [1, "永州市", "道县永安镇党委", "乡镇党委", "省级", 66, "2011/5/22"],
      [2, "怀化市", "辰溪县大瑶镇党委", "镇党委", "省级", 57, date("2011-05-15")],
      [],
      [3, "益阳市", "", "乡镇", "省级", 61, "2011年5月21日"],
      ["合计", "", "3个"],
      ["注：1.党组织类别按十一个领域填写；2.推荐时间填写到日。"],
    ],
    { name: "推荐汇总", merges: ["A1:H1", "A2:H2", "A9:H9"] }
  );
}

/** The multi-city layout: group cells merged over 名称 | 类别 and 姓名 | 联系电话, 序号 merged down. */
function twoRowHeaderSheet(extraRows: CellInput[][] = []): SheetGrid {
  return gridFromRows(
    [
      ["长沙市创先争优活动市级示范点推荐名单"],
      ["序号", "党组织基本情况", "", "级别", "党组织书记", "", "党员人数", "推荐日期", "内部编号"],
      ["", "名称", "类别", "", "姓名", "联系电话"],
      [
        1,
        "岳麓区河西街道阳光社区党总支",
        "社区党组织",
        "市级",
        "李建国",
        "0731-8589101",
        139,
        "2011-05-16",
        "长沙-100",
      ],
      [
        2,
        "宁乡市实验小学党总支",
        "学校党组织",
        "市级",
        "彭德胜",
        "0731-8936004",
        30,
        "2011年5月16日",
        "长沙-101",
      ],
      ["序号", "名称", "类别", "级别", "姓名", "联系电话", "党员人数", "推荐日期"],
      [
        3,
        "长沙市律师协会党支部",
        "社会组织",
        "市级",
        "唐平",
        "13920920012",
        102,
        "2011/5/19",
        "长沙-106",
      ],
      ["小计", "3个"],
      ...extraRows,
    ],
    {
      name: "长沙市",
      merges: ["A1:I1", "B2:C2", "E2:F2", "A2:A3", "D2:D3", "G2:G3", "H2:H3", "I2:I3"],
    }
  );
}

describe("locateTable", () => {
  it("finds a one-row header under a title and subtitle", () => {
    const table = locate(provinceSheet());
    expect(table?.headerRows).toEqual([3]);
    expect(table?.firstDataRow).toBe(4);
    expect(table?.lastDataRow).toBe(7);
    expect(table?.columns.map((c) => c.field)).toEqual([
      null,
      "region",
      "name",
      "sector",
      "tier",
      "members",
      "nominatedOn",
      "notes",
    ]);
  });

  it("classifies titles, data, a blank row inside, the 合计 row and the merged note", () => {
    expect(kindsOf(provinceSheet())).toEqual({
      1: "title",
      2: "title",
      3: "header",
      4: "data",
      5: "data",
      7: "data",
      8: "total",
      9: "note",
    });
  });

  it("keeps a row with an empty name as data, so its missing name is reported", () => {
    expect(kindsOf(provinceSheet())[7]).toBe("data");
  });

  it("joins a merged group header to its sub-headers over two rows", () => {
    const table = locate(twoRowHeaderSheet());
    expect(table?.headerRows).toEqual([2, 3]);
    expect(table?.columns.map((c) => [c.header, c.field])).toEqual([
      ["序号", null],
      ["党组织基本情况/名称", "name"],
      ["党组织基本情况/类别", "sector"],
      ["级别", "tier"],
      ["党组织书记/姓名", "secretary"],
      ["党组织书记/联系电话", "phone"],
      ["党员人数", "members"],
      ["推荐日期", "nominatedOn"],
      ["内部编号", null],
    ]);
  });

  it("takes a header repeated mid-table for a header, and 小计 for a total", () => {
    expect(kindsOf(twoRowHeaderSheet())).toEqual({
      1: "title",
      2: "header",
      3: "header",
      4: "data",
      5: "data",
      6: "header",
      7: "data",
      8: "total",
    });
  });

  it("takes sign-off lines and cells beside the table for strays", () => {
    const sheet = twoRowHeaderSheet([
      [],
      ["", "", "", "", "审核人：王明", "", "填表人：李华"],
      ["", "", "", "", "", "", "", "", "", "", "", "见附件"],
    ]);
    const kinds = kindsOf(sheet);
    expect(kinds[10]).toBe("stray");
    expect(kinds[11]).toBe("stray");
    expect(locate(sheet)?.lastDataRow).toBe(7);
  });

  it("does not take a name beginning with 注 for a note", () => {
    const sheet = gridFromRows([
      ["名称", "类别", "级别"],
      ["注册会计师协会党支部", "社会组织", "市级"],
      ["注：以上排名不分先后"],
    ]);
    expect(kindsOf(sheet)).toEqual({ 1: "header", 2: "data", 3: "note" });
  });

  it("takes a 总计 in the name column after a serial number for a total", () => {
    const sheet = gridFromRows([
      ["序号", "名称", "类别", "级别"],
      [1, "城关镇党委", "乡镇", "县级"],
      ["", "总 计", "1"],
    ]);
    expect(kindsOf(sheet)[3]).toBe("total");
  });

  it("marks pre-numbered empty template lines as blank, not as nominees", () => {
    const sheet = gridFromRows([
      ["序号", "名称", "类别", "级别"],
      [1, "城关镇党委", "乡镇", "县级"],
      [2],
      [3],
    ]);
    expect(kindsOf(sheet)).toEqual({ 1: "header", 2: "data", 3: "blank", 4: "blank" });
  });

  it("maps traditional-character headers", () => {
    const sheet = gridFromRows([
      ["序號", "黨組織名稱", "黨組織類別", "推薦級別"],
      [1, "城關鎮黨委", "鄉鎮", "縣級"],
    ]);
    expect(locate(sheet)?.columns.map((c) => c.field)).toEqual([null, "name", "sector", "tier"]);
  });

  it("finds a header that is not at the top", () => {
    const sheet = gridFromRows([
      [],
      [],
      ["", "", "示范点推荐表"],
      [],
      ["", "", "名称", "领域", "级别"],
      ["", "", "城关镇党委", "乡镇", "县级"],
    ]);
    const table = locate(sheet);
    expect(table?.headerRows).toEqual([5]);
    expect(table?.columns.map((c) => c.col)).toEqual([3, 4, 5]);
    expect(kindsOf(sheet)).toEqual({ 3: "title", 5: "header", 6: "data" });
  });

  it("finds no table on an instructions sheet, even one that mentions 类别 in a sentence", () => {
    const sheet = gridFromRows([
      ["填表说明"],
      ["1. 每个市州一个工作表；2. 类别按省委通知中的十一个领域填写；3. 请勿合并单元格。"],
    ]);
    expect(locate(sheet)).toBeNull();
  });

  it("finds no table when a row names only unrelated columns", () => {
    expect(
      locate(
        gridFromRows([
          ["备注", "联系电话"],
          ["无", "123"],
        ])
      )
    ).toBeNull();
    expect(locate(gridFromRows([]))).toBeNull();
  });

  it("keeps a one-row header when a title is merged above it", () => {
    const sheet = gridFromRows(
      [["推荐名单"], ["名称", "类别", "级别"], ["城关镇党委", "乡镇", "县级"]],
      { merges: ["A1:C1"] }
    );
    expect(locate(sheet)?.headerRows).toEqual([2]);
  });

  it("reports an empty data range for a header without rows", () => {
    const table = locate(gridFromRows([["名称", "类别", "级别"]]));
    expect(table).toMatchObject({ headerRows: [1], firstDataRow: 2, lastDataRow: 1 });
  });
});

describe("locateTable on random grids", () => {
  const cellArbitrary: fc.Arbitrary<CellInput> = fc.oneof(
    fc.constantFrom(
      "",
      "",
      "",
      "序号",
      "名称",
      "党组织名称",
      "类别",
      "级别",
      "合计",
      "注：说明",
      "审核人：张三",
      "街道社区"
    ),
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -5, max: 200 }),
    fc.constant(null)
  );
  const sheetArbitrary = fc
    .record({
      rows: fc.array(fc.array(cellArbitrary, { maxLength: 8 }), { maxLength: 25 }),
      merges: fc.array(
        fc.tuple(
          fc.integer({ min: 1, max: 25 }),
          fc.integer({ min: 1, max: 8 }),
          fc.nat(2),
          fc.nat(3)
        ),
        { maxLength: 3 }
      ),
    })
    .map(({ rows, merges }) => {
      const sheet = gridFromRows(rows);
      return {
        ...sheet,
        merges: merges.map(([top, left, down, across]) => ({
          top,
          left,
          bottom: top + down,
          right: left + across,
        })),
      };
    });

  it("never throws, and accounts for every non-blank row", () => {
    fc.assert(
      fc.property(sheetArbitrary, (sheet) => {
        const table = locate(sheet);
        if (!table) return;
        sheet.rows.forEach((row, i) => {
          const nonBlank = (row ?? []).some(
            (cell) => cell && !(cell.type === "text" && cell.text.trim() === "")
          );
          expect(table.rowKinds.has(i + 1)).toBe(nonBlank);
        });
        for (const [row, kind] of table.rowKinds) {
          if (kind === "data") {
            expect(row).toBeGreaterThanOrEqual(table.firstDataRow);
            expect(row).toBeLessThanOrEqual(table.lastDataRow);
          }
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe("locateTable with another vocabulary", () => {
  it("locates by the words it is given, not by built-in ones", () => {
    const english = {
      ...HEADER_VOCABULARY,
      match: (header: string) =>
        header === "Name"
          ? { field: "name" as const, confidence: 1 }
          : header === "Tier"
            ? { field: "tier" as const, confidence: 1 }
            : { field: null, confidence: 0 },
      mapColumns: (labels: ReadonlyArray<{ col: number; header: string }>) =>
        labels.map(({ col, header }) => ({ col, header, ...english.match(header) })),
    };
    const sheet = gridFromRows([
      ["Name", "Tier"],
      ["Town committee", "county"],
    ]);
    expect(locateTable(sheet, english)?.columns.map((c) => c.field)).toEqual(["name", "tier"]);
    expect(locate(sheet)).toBeNull();
  });
});

describe("locateTable and odd lines under the header", () => {
  it("takes a unit note in the 序号 column for a stray, not an empty form line", () => {
    const sheet = gridFromRows([
      ["序号", "名称", "类别", "级别"],
      ["（单位：人）"],
      [1, "城关镇党委", "乡镇", "县级"],
    ]);
    expect(kindsOf(sheet)).toEqual({ 1: "header", 2: "stray", 3: "data" });
  });
});

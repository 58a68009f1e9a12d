/**
 * A register (台账) of 18 awarded sites, built in code: the same cases as the shared register-dynamic sample,
 * each status reasoned from RULES §5 as of 2014-06-30 with a 24-month cycle, a 90-day window and pass line 85.
 */
import ExcelJS from "exceljs";
import type { IsoDate } from "../../../src/engine/core/IsoDate";
import type { DynamicParams } from "../../../src/engine/dynamic/dynamicLayout";
import type { DynamicStatus } from "../../../src/engine/core/words";
import { dynamicSites } from "../../../src/engine/dynamic/dynamicSites";
import { inspectWorkbook } from "../../../src/engine/intake/inspectWorkbook";
import { XlsxWorkbookSource } from "../../../src/adapters/xlsx/XlsxWorkbookSource";

export const REGISTER_SHEET = "示范点管理台账";
export const REGISTER_HEADER_ROW = 2;
export const REGISTER_PARAMS: DynamicParams = {
  asOf: "2014-06-30" as IsoDate,
  cycleMonths: 24,
  windowDays: 90,
  passLine: 85,
};

export interface RegisterCase {
  readonly name: string;
  readonly sector: string;
  readonly tier: string;
  /** As typed: a Date cell or one of the text forms officials use. */
  readonly awarded: Date | string;
  readonly review?: Date | string;
  readonly score?: number;
  readonly veto?: "是" | "否";
  readonly expected: DynamicStatus;
  readonly nextDue: string;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export const REGISTER_CASES: readonly RegisterCase[] = [
  {
    name: "望城区白箬铺镇光明村党总支",
    sector: "村党组织",
    tier: "省级",
    awarded: day("2012-06-28"),
    expected: "逾期",
    nextDue: "2014-06-28",
  },
  {
    name: "岳麓区望月湖街道社区党委",
    sector: "社区",
    tier: "省级",
    awarded: "2012.6.30",
    expected: "待考评",
    nextDue: "2014-06-30",
  },
  {
    name: "湘潭县第一中学党委",
    sector: "学校",
    tier: "省级",
    awarded: "2012年6月29日",
    expected: "逾期",
    nextDue: "2014-06-29",
  },
  {
    name: "浏阳市大瑶镇党委",
    sector: "乡镇党委",
    tier: "市级",
    awarded: "2012-09-28",
    expected: "待考评",
    nextDue: "2014-09-28",
  },
  {
    name: "宁乡县花明楼镇党委",
    sector: "鎮黨委",
    tier: "市州级",
    awarded: "2012/9/29",
    expected: "正常",
    nextDue: "2014-09-29",
  },
  {
    name: "湘钢集团炼铁厂党委",
    sector: "国有企业",
    tier: "市级",
    awarded: "2012-07-01",
    review: "2013-12-20",
    score: 91.5,
    veto: "否",
    expected: "正常",
    nextDue: "2015-12-20",
  },
  {
    name: "株洲市国土资源局机关党委",
    sector: "机关",
    tier: "市级",
    awarded: "2012-07-01",
    review: "2013-12-20",
    score: 82,
    veto: "否",
    expected: "淘汰",
    nextDue: "2015-12-20",
  },
  {
    name: "省农科院水稻研究所党支部",
    sector: "科研院所",
    tier: "县级",
    awarded: "2012-07-01",
    review: "2013-11-02",
    score: 95,
    veto: "是",
    expected: "淘汰",
    nextDue: "2015-11-02",
  },
  {
    name: "长沙县星沙工业园某民营企业党支部",
    sector: "非公企业",
    tier: "县级",
    awarded: "2012-02-29",
    expected: "逾期",
    nextDue: "2014-02-28",
  },
  {
    name: "芙蓉区个体劳动者协会党支部",
    sector: "社会组织",
    tier: "县级",
    awarded: "2012年8月31日",
    expected: "待考评",
    nextDue: "2014-08-31",
  },
  {
    name: "湘雅附属医院第二党总支",
    sector: "医院",
    tier: "省级",
    awarded: "2012-07-01",
    review: "2012-12-01",
    score: 88,
    veto: "否",
    expected: "正常",
    nextDue: "2014-12-01",
  },
  {
    name: "韶山市韶山村党委",
    sector: "农村",
    tier: "县级",
    awarded: "2012-07-01",
    review: "2012.9.15",
    score: 86,
    veto: "否",
    expected: "待考评",
    nextDue: "2014-09-15",
  },
  {
    name: "雨花区侯家塘街道党工委",
    sector: "街道党工委",
    tier: "市级",
    awarded: "2013-07-01",
    expected: "正常",
    nextDue: "2015-07-01",
  },
  {
    name: "天心区坡子街社区党委",
    sector: "社区党组织",
    tier: "县级",
    awarded: "2012-07-01",
    review: "2013-06-30",
    score: 85,
    veto: "否",
    expected: "正常",
    nextDue: "2015-06-30",
  },
  {
    name: "湖南建工集团第三分公司党委",
    sector: "国企",
    tier: "省级",
    awarded: "2012-07-01",
    review: "2013-06-30",
    score: 84.99,
    veto: "否",
    expected: "淘汰",
    nextDue: "2015-06-30",
  },
  {
    name: "邵阳市第二中学党总支",
    sector: "中小学",
    tier: "县级",
    awarded: "2011-12-31",
    expected: "逾期",
    nextDue: "2013-12-31",
  },
  {
    name: "常德市鼎城区石板滩镇双桥村党支部",
    sector: "村党支部",
    tier: "市级",
    awarded: "2012/12/1",
    expected: "正常",
    nextDue: "2014-12-01",
  },
  {
    name: "湘西州财政局机关党总支",
    sector: "党政机关",
    tier: "省级",
    awarded: "2012-10-01",
    review: "2012.7.1",
    score: 90,
    veto: "否",
    expected: "正常",
    nextDue: "2014-10-01",
  },
];

/** Simplified headers (授牌时间, 最近考评时间 …) or traditional ones with the other synonyms (命名時間, 上次考評分數 …). */
export type HeaderSpelling = "simplified" | "traditional";

const HEADERS: Readonly<Record<HeaderSpelling, readonly string[]>> = {
  simplified: [
    "序号",
    "示范点名称",
    "所属领域",
    "级别",
    "所在市州",
    "授牌时间",
    "最近考评时间",
    "最近考评得分",
    "一票否决",
    "备注",
  ],
  traditional: [
    "序號",
    "示範點名稱",
    "所屬領域",
    "級別",
    "所在市州",
    "命名時間",
    "上次考評時間",
    "上次考評分數",
    "一票否決",
    "備註",
  ],
};

/** The register as an official keeps it: a merged title row, the header on row 2, one site a row from row 3. */
export async function registerWorkbookBytes(
  cases: readonly RegisterCase[] = REGISTER_CASES,
  spelling: HeaderSpelling = "simplified"
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(REGISTER_SHEET);
  sheet.addRow(["创先争优活动示范点动态管理台账"]);
  sheet.mergeCells(1, 1, 1, 10);
  sheet.addRow([...HEADERS[spelling]]);
  cases.forEach((c, i) => {
    sheet.addRow([
      i + 1,
      c.name,
      c.sector,
      c.tier,
      "长沙市",
      c.awarded,
      c.review ?? null,
      c.score ?? null,
      c.veto ?? null,
      null,
    ]);
  });
  for (const col of [6, 7]) sheet.getColumn(col).numFmt = "yyyy-mm-dd";
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The register through the intake path every workbook takes (read, inspect), then its awarded sites. */
export async function registerSites(
  bytes: Uint8Array,
  cycleOf?: Parameters<typeof dynamicSites>[2]
) {
  const grid = await XlsxWorkbookSource.fromBuffer(bytes).read();
  const inspected = inspectWorkbook(grid);
  const sites = dynamicSites(
    inspected.nominees,
    (_nominee, i) => `S${String(i + 1).padStart(3, "0")}`,
    cycleOf
  );
  return { grid, inspected, sites };
}

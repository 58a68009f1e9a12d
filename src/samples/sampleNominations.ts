/**
 * The bundled sample nomination workbook (推荐汇总表), built by code so the command line, the tests and the
 * add-in's demo in the browser share one. Laid out the way lower levels send them: a title and a subtitle, a
 * two-row header with merged group cells, a blank row, the header repeated, 小计 and 合计, a 注： note and a
 * sign-off line — with a few planted defects at known cells. No node imports here: the browser builds it too.
 */
import {
  SECTOR_CODES,
  TIER_CODES,
  isoDate,
  isoDateToSerial,
  type CellRange,
  type RawCell,
  type SectorCode,
  type TierCode,
  type WorkbookGrid,
} from "../engine";

export const SAMPLE_SHEET = "推荐汇总";

/** The planted defects, where they are and what intake must say about them. */
export const SAMPLE_DEFECTS = [
  { code: "invalid_date", cell: "I8", field: "nominatedOn" },
  { code: "ambiguous_sector", cell: "D13", field: "sector" },
  { code: "unsafe_text", cell: "J15", field: "notes" },
  { code: "duplicate", cell: "C36", field: "name" },
] as const;

const t = (text: string): RawCell => ({ type: "text", text });
const n = (value: number): RawCell => ({ type: "number", value });

/** A spelling officials use for each sector, so the sample exercises normalising too. */
const SECTOR_SPELLING: Readonly<Record<SectorCode, readonly string[]>> = {
  township: ["乡镇党委", "镇党委"],
  village: ["村党组织", "农村"],
  subdistrict: ["街道党工委", "街道"],
  community: ["社区党组织", "居民区"],
  soe: ["国有企业党组织", "国企"],
  organ: ["机关", "党政机关"],
  school: ["学校党组织", "高校"],
  research: ["科研院所", "科研单位党组织"],
  public_institution: ["卫生单位", "事业单位"],
  non_public: ["非公企业", "非公有制经济组织党组织"],
  social_org: ["社会组织", "社会团体"],
};

const NAMES: Readonly<Record<SectorCode, readonly string[]>> = {
  township: ["长沙县黄兴镇党委", "宁乡市花明楼镇党委", "浏阳市大瑶镇党委"],
  village: ["望城区白箬铺镇光明村党总支", "浏阳市沿溪镇沙龙村党支部", "宁乡市关山村党委"],
  subdistrict: ["长沙县星沙街道党工委", "天心区坡子街街道党工委", "雨花区圭塘街道党工委"],
  community: [
    "岳麓区桔子洲街道新民社区党委",
    "芙蓉区定王台街道丰泉古井社区党支部",
    "开福区四方坪街道鸿铭社区党总支",
  ],
  soe: ["湖南建工集团有限公司党委", "湖南湘江新区发展集团党委", "长沙水业集团党委"],
  organ: ["长沙市财政局机关党委", "长沙市人力资源和社会保障局机关党委", "长沙市司法局机关党委"],
  school: ["湖南师范大学附属中学党委", "长沙市实验小学党总支", "长沙民政职业技术学院党委"],
  research: ["湖南省农业科学院水稻研究所党委", "湖南省蔬菜研究所党委", "湖南省茶叶研究所党委"],
  public_institution: ["长沙市中心医院党委", "长沙市图书馆党支部"],
  non_public: ["湖南远大科技集团党委", "长沙绿源科技有限公司党支部"],
  social_org: ["长沙市律师协会党支部", "长沙市餐饮行业协会党支部"],
};

const REGIONS = [
  "长沙县",
  "宁乡市",
  "浏阳市",
  "望城区",
  "天心区",
  "雨花区",
  "岳麓区",
  "芙蓉区",
  "开福区",
];
const SECRETARIES = [
  "李建国",
  "王秀英",
  "张伟",
  "刘芳",
  "陈明",
  "杨静",
  "赵军",
  "黄丽",
  "周平",
  "吴涛",
];
/** 2011-05-10: the first day nominations came in. */
const FIRST_DAY = isoDateToSerial(isoDate(2011, 5, 10) as NonNullable<ReturnType<typeof isoDate>>);
const COLUMN_COUNT = 10;

interface SampleNominee {
  readonly region: string;
  readonly name: string;
  readonly sector: string;
  readonly tier: string;
  readonly members: number;
  readonly secretary: string;
  readonly phone: string;
  readonly nominated: RawCell;
  readonly notes?: string;
}

/** Thirty nominees over all 11 sectors and 3 tiers, dates typed the many ways sheets hold them. */
function sampleNominees(): SampleNominee[] {
  const list: SampleNominee[] = [];
  let i = 0;
  for (const sector of SECTOR_CODES) {
    for (const name of NAMES[sector]) {
      const tier: TierCode = TIER_CODES[i % 3] as TierCode;
      const spellings = SECTOR_SPELLING[sector];
      const day = FIRST_DAY + ((i * 7) % 18);
      list.push({
        region: REGIONS[i % REGIONS.length] as string,
        name,
        sector: spellings[i % spellings.length] as string,
        tier: ["省级", "市级", "县级"][TIER_CODES.indexOf(tier)] as string,
        members: 20 + ((i * 37) % 140),
        secretary: SECRETARIES[i % SECRETARIES.length] as string,
        phone:
          i % 2
            ? `0731-8${String(500000 + i * 7919).slice(0, 6)}`
            : `138${String(70000000 + i * 104729).slice(0, 8)}`,
        nominated: dateCell(day, i),
      });
      i++;
    }
  }
  return list.slice(0, 30);
}

/** The nomination date in one of the forms RULES.md §6 lists. */
function dateCell(serial: number, i: number): RawCell {
  const iso = new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  switch (i % 4) {
    case 0:
      return { type: "date", serial, numberFormat: "yyyy-mm-dd" };
    case 1:
      return t(`${y}年${m}月${d}日`);
    case 2:
      return t(`${y}/${m}/${d}`);
    default:
      return t(`${y}.${m}.${d}`);
  }
}

function nomineeRow(serialNumber: number, nominee: SampleNominee): RawCell[] {
  return [
    n(serialNumber),
    t(nominee.region),
    t(nominee.name),
    t(nominee.sector),
    t(nominee.tier),
    n(nominee.members),
    t(nominee.secretary),
    t(nominee.phone),
    nominee.nominated,
    ...(nominee.notes ? [t(nominee.notes)] : []),
  ];
}

/**
 * The sample workbook: one sheet 推荐汇总 (rows 3–4 header; 30 nominees in rows 5–37 around a blank row 12,
 * the header repeated in row 21 and 小计 in row 27; 合计 in row 38, a note in row 39, a sign-off in row 41),
 * and a 填表说明 sheet with no table.
 * @example inspectWorkbook(sampleNominationGrid()).nominees.length === 30
 */
export function sampleNominationGrid(): WorkbookGrid {
  const nominees = sampleNominees();
  // Planted defects (SAMPLE_DEFECTS): rows follow from the layout below.
  const planted = nominees.map((nominee, i) => {
    if (i === 3) return { ...nominee, nominated: t("2011-02-30") };
    if (i === 7) return { ...nominee, sector: "街道社区" };
    if (i === 9)
      return { ...nominee, notes: '=HYPERLINK("http://www.example.com/shifan","申报材料")' };
    return nominee;
  });
  // The duplicate: nominee 7 sent again by the same region, its name typed in traditional characters.
  planted[28] = { ...(planted[6] as SampleNominee), name: "長沙縣星沙街道黨工委", members: 88 };

  const rows: Array<Array<RawCell | null> | undefined> = [];
  const merges: CellRange[] = [];
  const title = "2011年创先争优活动示范点推荐汇总表（示例）";
  rows.push([t(title)]);
  merges.push({ top: 1, left: 1, bottom: 1, right: COLUMN_COUNT });
  rows.push([
    t("填报单位（盖章）：长沙市委创先争优活动领导小组办公室　　　填报日期：2011年5月28日"),
  ]);
  merges.push({ top: 2, left: 1, bottom: 2, right: COLUMN_COUNT });
  const groupRow = [
    "序号",
    "推荐单位",
    "党组织基本情况",
    "",
    "推荐级别",
    "党员人数",
    "党组织书记",
    "",
    "推荐时间",
    "备注",
  ];
  rows.push(groupRow.map((text) => t(text)));
  rows.push(["", "", "名称", "类别", "", "", "姓名", "联系电话", "", ""].map((text) => t(text)));
  merges.push({ top: 3, left: 3, bottom: 3, right: 4 }, { top: 3, left: 7, bottom: 3, right: 8 });
  for (const col of [1, 2, 5, 6, 9, 10]) merges.push({ top: 3, left: col, bottom: 4, right: col });

  let serialNumber = 1;
  const addNominees = (from: number, to: number): void => {
    for (let i = from; i < to; i++)
      rows.push(nomineeRow(serialNumber++, planted[i] as SampleNominee));
  };
  addNominees(0, 7); // rows 5–11
  rows.push(undefined); // row 12: blank inside the data
  addNominees(7, 15); // rows 13–20
  rows.push(
    [
      "序号",
      "推荐单位",
      "名称",
      "类别",
      "推荐级别",
      "党员人数",
      "姓名",
      "联系电话",
      "推荐时间",
      "备注",
    ].map((text) => t(text))
  ); // row 21
  addNominees(15, 20); // rows 22–26
  rows.push([t("小计"), t(""), t("20个")]); // row 27
  addNominees(20, 30); // rows 28–37
  rows.push([t("合计"), t(""), t("30个")]); // row 38
  rows.push([t("注：1.党组织类别按十一个领域填写；2.推荐时间填写到日；3.同一单位不得重复推荐。")]); // row 39
  merges.push({ top: 39, left: 1, bottom: 39, right: COLUMN_COUNT });
  rows.push(undefined); // row 40
  rows.push([null, null, null, null, null, null, t("审核人：王明"), null, t("填表人：李华")]); // row 41

  return {
    sheets: [
      { name: SAMPLE_SHEET, hidden: false, rows, merges, hiddenRows: [], hiddenColumns: [] },
      {
        name: "填表说明",
        hidden: false,
        rows: [
          [t("填表说明")],
          [t("1. 类别按省委通知中的十一个领域填写；2. 推荐时间填写到日；3. 请勿修改表头。")],
        ],
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  };
}

/**
 * A small register of awarded sites (示范点管理台账) for the demo's 动态管理 tab (`demo.html?sample=register`). Its
 * dates are set back from `today`, so every status of docs/rules.md §5 shows whatever day the demo runs: one site
 * in good standing, one due soon, two overdue, two to be removed (a low last score, a veto), one retained-looking
 * recent review. No node imports here: the browser builds it too.
 */
import {
  addMonths,
  isoDateToSerial,
  type IsoDate,
  type RawCell,
  type WorkbookGrid,
} from "../engine";

export const REGISTER_SHEET = "示范点管理台账";

const t = (text: string): RawCell => ({ type: "text", text });
const n = (value: number): RawCell => ({ type: "number", value });
const d = (date: IsoDate): RawCell => ({ type: "date", serial: isoDateToSerial(date) });

interface RegisterSite {
  readonly name: string;
  readonly sector: string;
  readonly tier: string;
  readonly city: string;
  /** Months before today. */
  readonly awardedAgo: number;
  readonly review?: { readonly ago: number; readonly score: number; readonly veto: boolean };
}

const SITES: readonly RegisterSite[] = [
  { name: "浏阳市大瑶镇党委", sector: "乡镇党委", tier: "省级", city: "长沙市", awardedAgo: 6 },
  { name: "望城区光明村党总支", sector: "村党组织", tier: "省级", city: "长沙市", awardedAgo: 23 },
  {
    name: "天心区坡子街街道党工委",
    sector: "街道党组织",
    tier: "市级",
    city: "长沙市",
    awardedAgo: 30,
  },
  {
    name: "芦淞区建设街道新华社区党委",
    sector: "社区党组织",
    tier: "市级",
    city: "株洲市",
    awardedAgo: 40,
    review: { ago: 27, score: 88, veto: false },
  },
  {
    name: "湘潭电机集团党委",
    sector: "国有企业党组织",
    tier: "市级",
    city: "湘潭市",
    awardedAgo: 14,
    review: { ago: 1, score: 80, veto: false },
  },
  {
    name: "岳塘区财政局机关党委",
    sector: "机关党组织",
    tier: "县级",
    city: "湘潭市",
    awardedAgo: 20,
    review: { ago: 2, score: 91, veto: true },
  },
  {
    name: "株洲市第二中学党委",
    sector: "学校党组织",
    tier: "县级",
    city: "株洲市",
    awardedAgo: 26,
    review: { ago: 3, score: 92, veto: false },
  },
];

/** The register as of `today`. */
export function sampleRegisterGrid(today: IsoDate): WorkbookGrid {
  const header = [
    "序号",
    "示范点名称",
    "所属领域",
    "级别",
    "所在市州",
    "授牌时间",
    "最近考评时间",
    "最近考评得分",
    "一票否决",
  ];
  const rows: (RawCell | null)[][] = [
    [t("创先争优活动示范点管理台账（示例）")],
    header.map(t),
    ...SITES.map((site, i) => [
      n(i + 1),
      t(site.name),
      t(site.sector),
      t(site.tier),
      t(site.city),
      d(addMonths(today, -site.awardedAgo)),
      site.review ? d(addMonths(today, -site.review.ago)) : null,
      site.review ? n(site.review.score) : null,
      site.review ? t(site.review.veto ? "是" : "否") : null,
    ]),
  ];
  return {
    sheets: [
      {
        name: REGISTER_SHEET,
        hidden: false,
        rows,
        merges: [{ top: 1, left: 1, bottom: 1, right: header.length }],
        hiddenRows: [],
        hiddenColumns: [],
      },
    ],
  };
}

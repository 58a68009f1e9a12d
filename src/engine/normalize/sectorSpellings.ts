import { SECTOR_NAMES, type SectorCode } from "../core/domain";

/**
 * How nomination sheets write each sector (RULES.md §2). One spelling a line: a new spelling that officials
 * use is one more string here. Simplified characters; traditional, full-width, spaces and separator
 * punctuation are folded away before lookup, and a trailing 党委/党支部/… is stripped (村党支部 → 村).
 */
export const SECTOR_SPELLINGS: Readonly<Record<SectorCode, readonly string[]>> = {
  township: [SECTOR_NAMES.township, "乡镇", "镇党委", "乡党委", "乡镇党组织", "乡", "镇"],
  village: [
    SECTOR_NAMES.village,
    "村",
    "村党支部",
    "村党总支",
    "村党委",
    "农村",
    "农村党组织",
    "行政村",
    "村级",
  ],
  subdistrict: [SECTOR_NAMES.subdistrict, "街道", "街道党工委", "街道办事处"],
  community: [
    SECTOR_NAMES.community,
    "社区",
    "社区党支部",
    "居民区",
    "城郊居民区",
    "城市社区",
    "居委会",
  ],
  soe: [
    SECTOR_NAMES.soe,
    "国企",
    "国有企业",
    "国有及国有控股企业",
    "省属国有企业",
    "国有控股企业",
    "央企",
  ],
  organ: [SECTOR_NAMES.organ, "机关", "党政机关", "机关单位", "省直机关", "市直机关", "县直机关"],
  school: [SECTOR_NAMES.school, "学校", "高校", "高等学校", "中小学", "职业学院"],
  research: [SECTOR_NAMES.research, "科研单位", "科研院所", "研究所", "科研机构", "研究院"],
  public_institution: [
    SECTOR_NAMES.public_institution,
    "事业单位",
    "文化单位",
    "卫生单位",
    "医院",
    "体育单位",
    "文化、卫生、体育等事业单位",
    "文化卫生体育事业单位",
  ],
  non_public: [
    SECTOR_NAMES.non_public,
    "非公企业",
    "非公有制企业",
    "非公有制经济组织",
    "民营企业",
    "私营企业",
    "非公经济组织",
  ],
  social_org: [
    SECTOR_NAMES.social_org,
    "社会组织",
    "社会团体",
    "社团",
    "社会中介组织",
    "民办非企业单位",
    "行业协会",
    "中介组织",
  ],
};

/** Spellings that name two sectors at once (000 and 004 count 街道社区 as one category): reported, never guessed. */
export const AMBIGUOUS_SECTOR_SPELLINGS: readonly {
  readonly spelling: string;
  readonly sectors: readonly SectorCode[];
}[] = [
  { spelling: "街道社区", sectors: ["subdistrict", "community"] },
  { spelling: "社区街道", sectors: ["subdistrict", "community"] },
  { spelling: "城市社区街道", sectors: ["subdistrict", "community"] },
  { spelling: "城市街道社区", sectors: ["subdistrict", "community"] },
];

/** Trailing words that say "the party organisation of" and not which sector: stripped before lookup, longest first. */
export const SECTOR_SUFFIXES: readonly string[] = [
  "党组织",
  "党总支",
  "党支部",
  "党工委",
  "党委",
  "组织",
  "党",
];

/**
 * Word families for spellings not in the table, tried in this order; the first family whose word the text
 * contains wins, so 非公 is tried before 企业-like words and research before school (科学院 is research).
 */
export const SECTOR_KEYWORDS: readonly {
  readonly sector: SectorCode;
  readonly words: readonly string[];
}[] = [
  { sector: "non_public", words: ["非公", "民营", "私营", "非国有"] },
  { sector: "soe", words: ["国有", "国企", "央企"] },
  { sector: "research", words: ["研究所", "研究院", "科研", "科学院"] },
  { sector: "school", words: ["高校", "学院", "大学", "中小学", "学校", "中学", "小学"] },
  { sector: "public_institution", words: ["医院", "卫生", "文化", "体育", "事业单位"] },
  {
    sector: "social_org",
    words: ["协会", "学会", "商会", "社团", "社会组织", "民办非企业", "基金会"],
  },
];

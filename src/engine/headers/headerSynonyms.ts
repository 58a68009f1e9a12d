import type { Field } from "../core/domain";

/**
 * How nomination sheets title each field's column, one spelling per entry, compared after foldText
 * (so traditional, full-width and spaced spellings match too). A '/' joins a group header to its
 * sub-header (党组织书记/姓名). 推荐单位 is the recommending body, hence region, never the nominee.
 */
export const HEADER_SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  name: [
    "名称",
    "党组织名称",
    "申报单位",
    "申报单位名称",
    "单位名称",
    "示范点名称",
    "示范点创建单位名称",
    "示范点创建单位",
    "创建单位",
    "创建单位名称",
    "推荐对象",
    "推荐对象名称",
    "党组织全称",
    "基层党组织名称",
  ],
  region: [
    "推荐单位",
    "所在市州",
    "地区",
    "市州",
    "所属地区",
    "所在地区",
    "所属市州",
    "推荐地区",
    "地市",
    "县市区",
    "所在县市区",
    "所在地",
    "市(州)",
  ],
  sector: [
    "类别",
    "党组织类别",
    "领域",
    "所属领域",
    "党组织所属领域",
    "类型",
    "党组织类型",
    "单位类别",
    "所属类别",
    "行业领域",
  ],
  tier: ["级别", "推荐级别", "示范点级别", "申报级别", "创建级别", "层级"],
  members: ["党员人数", "在册党员", "党员数", "党员数量", "党员总数", "党员", "正式党员人数"],
  secretary: [
    "书记",
    "党组织书记",
    "书记姓名",
    "党组织书记/姓名",
    "党组织书记姓名",
    "支部书记",
    "负责人",
  ],
  phone: ["联系电话", "电话", "党组织书记/联系电话", "手机", "手机号码", "联系方式", "办公电话"],
  nominatedOn: ["推荐时间", "推荐日期", "申报时间", "申报日期", "推荐申报时间"],
  awardedOn: ["授牌时间", "授牌日期", "命名时间", "命名日期"],
  lastReviewOn: [
    "最近考评时间",
    "上次考评时间",
    "最近考评日期",
    "上次考评日期",
    "考评时间",
    "考评日期",
    "最近一次考评时间",
  ],
  lastReviewScore: [
    "最近考评得分",
    "上次考评分数",
    "最近考评分数",
    "上次考评得分",
    "考评得分",
    "考评分数",
    "最近一次考评得分",
  ],
  lastReviewVeto: ["一票否决", "是否一票否决"],
  notes: ["备注", "备考", "附注"],
};

/** Columns every table has that carry no field: kept as columns, mapped to nothing. */
export const SERIAL_HEADERS: readonly string[] = ["序号", "编号", "排序"];

/** Codes from docs/rules.md §2–§3. The canonical names live with the sector table in normalize/. */

export const SECTOR_CODES = [
  "township",
  "village",
  "subdistrict",
  "community",
  "soe",
  "organ",
  "school",
  "research",
  "public_institution",
  "non_public",
  "social_org",
] as const;
export type SectorCode = (typeof SECTOR_CODES)[number];

export const TIER_CODES = ["province", "city", "county"] as const;
export type TierCode = (typeof TIER_CODES)[number];

/** Canonical names as the notices write them (RULES.md §2, §3). */
export const SECTOR_NAMES: Readonly<Record<SectorCode, string>> = {
  township: "乡镇党委",
  village: "村党组织",
  subdistrict: "街道党组织",
  community: "社区党组织",
  soe: "国有企业党组织",
  organ: "机关党组织",
  school: "学校党组织",
  research: "科研单位党组织",
  public_institution: "文化、卫生、体育等事业单位党组织",
  non_public: "非公有制经济组织党组织",
  social_org: "社会组织党组织",
};

export const TIER_NAMES: Readonly<Record<TierCode, string>> = {
  province: "省级",
  city: "市级",
  county: "县级",
};

/** The fields a nomination table can hold; the order is the order of `shifan inspect --json`. */
export const FIELDS = [
  "name",
  "sector",
  "tier",
  "region",
  "members",
  "secretary",
  "phone",
  "nominatedOn",
  "awardedOn",
  "lastReviewOn",
  "lastReviewScore",
  "lastReviewVeto",
  "notes",
] as const;
export type Field = (typeof FIELDS)[number];

export const REQUIRED_FIELDS: readonly Field[] = ["name", "sector", "tier"];

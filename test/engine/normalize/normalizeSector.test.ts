import { SECTOR_CODES, SECTOR_NAMES, type SectorCode } from "../../../src/engine/core/domain";
import { normalizeSector } from "../../../src/engine/normalize/normalizeSector";
import { SECTOR_SPELLINGS } from "../../../src/engine/normalize/sectorSpellings";
import { bool, err, num, text } from "./cells";

const sector = (code: SectorCode) => ({ kind: "sector", sector: code });

describe("normalizeSector", () => {
  it.each(SECTOR_CODES.map((code) => [code, SECTOR_NAMES[code]] as const))(
    "reads the canonical name of %s",
    (code, name) => {
      expect(normalizeSector(text(name))).toEqual(sector(code));
    }
  );

  it.each([
    // RULES.md §2, one or more spellings a sector
    ["乡镇", "township"],
    ["镇党委", "township"],
    ["乡党委", "township"],
    ["村", "village"],
    ["农村", "village"],
    ["村党总支", "village"],
    ["街道", "subdistrict"],
    ["街道党工委", "subdistrict"],
    ["社区", "community"],
    ["居民区", "community"],
    ["城郊居民区", "community"],
    ["国企", "soe"],
    ["国有及国有控股企业", "soe"],
    ["省属国有企业", "soe"],
    ["党政机关", "organ"],
    ["机关单位", "organ"],
    ["省直机关", "organ"],
    ["高等学校", "school"],
    ["中小学", "school"],
    ["职业学院", "school"],
    ["科研院所", "research"],
    ["研究所", "research"],
    ["事业单位", "public_institution"],
    ["卫生单位", "public_institution"],
    ["医院", "public_institution"],
    ["非公企业", "non_public"],
    ["民营企业", "non_public"],
    ["私营企业", "non_public"],
    ["社会团体", "social_org"],
    ["社会中介组织", "social_org"],
    ["民办非企业单位", "social_org"],
    ["行业协会", "social_org"],
  ])("reads the listed spelling %s as %s", (typed, code) => {
    expect(normalizeSector(text(typed))).toEqual(sector(code as SectorCode));
  });

  it.each([
    ["traditional characters", "社區黨組織", "community"],
    ["traditional with a suffix", "村黨支部", "village"],
    ["the Hong Kong and Taiwan variant 衞 of 衛", "衞生單位", "public_institution"],
    [
      "a variant with the standard form beside it",
      "文化、衞生、體育等事業單位",
      "public_institution",
    ],
    ["full-width letters and spaces", " 国 有 企 业 ", "soe"],
    ["an ideographic space", "\u3000街道\u3000", "subdistrict"],
    [
      "separator punctuation in the canonical name",
      "文化，卫生，体育等事业单位党组织",
      "public_institution",
    ],
    ["a stripped 党总支", "社区党总支", "community"],
    ["a stripped 党委", "国有企业党委", "soe"],
    ["a stripped 党支部 after a listed spelling", "非公有制经济组织党支部", "non_public"],
    ["two stripped words", "机关单位党组织", "organ"],
    ["the 国有 family", "国有独资公司", "soe"],
    ["the 国企 family", "市属国企", "soe"],
    ["the 非公 family before 企业", "非公有制经济", "non_public"],
    ["非国有 is not 国有", "非国有企业", "non_public"],
    ["the 高校 family", "省属高校", "school"],
    ["the 大学 family", "湖南大学党委", "school"],
    ["the 学院 family", "职业技术学院", "school"],
    ["科学院 is research, not school", "农业科学院", "research"],
    ["the 研究院 family", "水利水电科学研究院", "research"],
    ["the 卫生 family", "卫生系统", "public_institution"],
    ["the 体育 family", "体育局直属单位", "public_institution"],
    ["the 协会 family", "律师协会", "social_org"],
    ["the 学会 family", "计算机学会", "social_org"],
  ])("matches %s: %s", (_case, typed, code) => {
    expect(normalizeSector(text(typed))).toEqual(sector(code as SectorCode));
  });

  it.each([
    "街道社区",
    "街道、社区",
    "街道/社区",
    "街道 社区",
    "城市社区街道",
    "街道社区党组织",
    "街道（社区）",
  ])("calls %s ambiguous between subdistrict and community", (typed) => {
    expect(normalizeSector(text(typed))).toEqual({
      kind: "ambiguous",
      candidates: ["subdistrict", "community"],
    });
  });

  it("keeps 街道 alone and 社区 alone unambiguous", () => {
    expect(normalizeSector(text("街道"))).toEqual(sector("subdistrict"));
    expect(normalizeSector(text("社区"))).toEqual(sector("community"));
  });

  describe("unknown sectors", () => {
    it("suggests the sectors that share 企业 for 企业 alone", () => {
      // 企业 appears in 国有企业 (soe), 非公企业 (non_public) and 民办非企业单位 (social_org): 2 shared characters each.
      expect(normalizeSector(text("企业"))).toEqual({
        kind: "unknown",
        suggestions: ["soe", "non_public", "social_org"],
      });
    });

    it("suggests at most three sectors for 文明单位, ties in code order", () => {
      // 单位 is shared by 机关单位, 科研单位, 事业单位 and 民办非企业单位; 文 also by 文化单位 (public_institution: 3).
      const reading = normalizeSector(text("文明单位"));
      expect(reading).toEqual({
        kind: "unknown",
        suggestions: ["public_institution", "organ", "research"],
      });
    });

    it("suggests nothing when no character is shared", () => {
      expect(normalizeSector(text("其他"))).toEqual({ kind: "unknown", suggestions: [] });
    });

    it("does not suggest from the party words every sector shares", () => {
      expect(normalizeSector(text("党组织"))).toEqual({ kind: "unknown", suggestions: [] });
    });

    it.each([
      ["a number", num(3)],
      ["a boolean", bool(true)],
      ["an error", err("#N/A")],
    ])("calls %s unknown", (_case, cell) => {
      expect(normalizeSector(cell)).toMatchObject({ kind: "unknown" });
    });
  });

  it.each([
    ["null", null],
    ["empty text", text("")],
    ["spaces", text("  \u3000 ")],
  ])("calls %s blank", (_case, cell) => {
    expect(normalizeSector(cell)).toEqual({ kind: "blank" });
  });

  it("lists every sector with its canonical name first", () => {
    for (const code of SECTOR_CODES) expect(SECTOR_SPELLINGS[code][0]).toBe(SECTOR_NAMES[code]);
  });
});

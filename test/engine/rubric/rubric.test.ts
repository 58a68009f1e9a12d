import { SECTOR_CODES } from "../../../src/engine/core/domain";
import { failureMessage } from "../../../src/engine";
import {
  BUILTIN_RUBRICS,
  checkOverrides,
  parseRubricJson,
  withOverrides,
} from "../../../src/engine/rubric";

const minimal = {
  criteria: [
    { id: "C1", label: "发展", max: 60 },
    { id: "C2", label: "和谐", max: 40 },
  ],
};

/** The refusal's errors: rubric_invalid's detail lists them joined by "; ", each starting with its JSON path. */
function errorsOf(document: unknown): string[] {
  const result = parseRubricJson(JSON.stringify(document));
  if (result.ok) throw new Error("expected the rubric to be refused");
  if (result.failure.code !== "rubric_invalid") throw new Error(result.failure.code);
  return result.failure.params.detail.split(/; (?=\$)/);
}

function withCriteria(criteria: unknown[]): unknown {
  return { criteria };
}

describe("built-in rubric 百千万 (RULES §4)", () => {
  const rubric = BUILTIN_RUBRICS.baiqianwan;

  it("has the four criteria with 30/20/25/25 points", () => {
    expect(rubric.criteria.map((c) => [c.id, c.label, c.max])).toEqual([
      ["C1", "推动科学发展", 30],
      ["C2", "促进社会和谐", 20],
      ["C3", "服务人民群众", 25],
      ["C4", "加强基层组织", 25],
    ]);
  });

  it("gives every sector its own four goals from the notice", () => {
    for (const criterion of rubric.criteria)
      expect(Object.keys(criterion.descriptors).sort()).toEqual([...SECTOR_CODES].sort());
    // Spot checks against seed 002: the village's goal (2) and the school's goal (3).
    expect(rubric.criteria[1]?.descriptors.village).toBe(
      "村级管理民主，“四议两公开”落实好，矛盾纠纷调处好，精神文明创建活动制度化，村风文明、和谐稳定"
    );
    expect(rubric.criteria[2]?.descriptors.school).toBe(
      "党组织密切联系群众，认真倾听师生呼声，及时反映师生意愿，在帮助解决其工作、学习、生活中的实际困难成效好"
    );
    expect(rubric.criteria[0]?.descriptors.public_institution).toMatch(
      /^结合本单位工作任务和特点加强党的建设，文化系统要突出服务文化强省/
    );
    expect(rubric.criteria[3]?.descriptors.non_public).toMatch(/“五个先锋”（创业发展先锋/);
    // The notice's half-width punctuation and the stray space of “县 (市、区)” are written as Chinese text is.
    expect(rubric.criteria[0]?.descriptors.township).toContain("居所在县（市、区）前列，");
  });

  it("writes every descriptor with full-width punctuation", () => {
    for (const r of [rubric, BUILTIN_RUBRICS.wuhao])
      for (const criterion of r.criteria)
        for (const descriptor of Object.values(criterion.descriptors))
          expect(descriptor).not.toMatch(/[,;:()]|\s/);
  });

  it("never carries a goal number or a list separator into a descriptor", () => {
    for (const criterion of rubric.criteria) {
      for (const descriptor of Object.values(criterion.descriptors)) {
        expect(descriptor).not.toMatch(/[(（][1-4][)）]|[;；]$/);
      }
    }
  });

  it("gives different sectors different goals", () => {
    const goalsOne = new Set(Object.values(rubric.criteria[0]?.descriptors ?? {}));
    expect(goalsOne.size).toBe(SECTOR_CODES.length);
  });

  it("takes the RULES defaults", () => {
    expect(rubric).toMatchObject({
      judges: 5,
      minJudges: 3,
      dropExtremesFrom: 5,
      scoreStep: 0.5,
      components: [
        { id: "panel", kind: "panel", label: "评委评分", weight: 0.8 },
        { id: "satisfaction", kind: "figure", label: "群众满意度", weight: 0.2 },
      ],
      gradeBands: [
        { grade: "优秀", min: 90 },
        { grade: "良好", min: 80 },
        { grade: "合格", min: 60 },
      ],
      failGrade: "不合格",
      passLine: 85,
      // No quota: the notice's 100 / 1,000 / 10,000 are province-wide totals (docs/rules.md §3).
      quotas: { byTier: {} },
      tieBreak: ["total", "panel", "satisfaction"],
      dynamic: { cycleMonths: 24, windowDays: 90 },
    });
  });

  it("cannot be changed in place", () => {
    expect(Object.isFrozen(rubric.criteria[0])).toBe(true);
    expect(() => {
      (rubric.components[0] as { weight: number }).weight = 1;
    }).toThrow(TypeError);
  });
});

describe("built-in rubric 五个好 (seed 001 §二)", () => {
  const rubric = BUILTIN_RUBRICS.wuhao;

  it("has five criteria of 20 points", () => {
    expect(rubric.criteria.map((c) => `${c.id} ${c.label} ${c.max}`)).toEqual([
      "C1 领导班子好 20",
      "C2 党员队伍好 20",
      "C3 工作机制好 20",
      "C4 工作业绩好 20",
      "C5 群众反映好 20",
    ]);
  });

  it("shows the same description for every sector", () => {
    const mechanism = rubric.criteria[2];
    expect(new Set(Object.values(mechanism?.descriptors ?? {}))).toEqual(
      new Set(["规章制度完善，管理措施到位，工作运行顺畅有序。"])
    );
    expect(Object.keys(mechanism?.descriptors ?? {})).toHaveLength(SECTOR_CODES.length);
  });
});

describe("parseRubricJson: accepted", () => {
  it("reads a file saved with a UTF-8 byte-order mark (Notepad, WPS) like one without", () => {
    const plain = parseRubricJson(JSON.stringify(minimal));
    expect(parseRubricJson(`\uFEFF${JSON.stringify(minimal)}`)).toEqual(plain);
    expect(plain.ok).toBe(true);
  });

  it("still refuses what is not JSON after a byte-order mark", () => {
    expect(parseRubricJson("\uFEFF{ criteria: ").ok).toBe(false);
  });

  it("fills every parameter left out with the default", () => {
    const result = parseRubricJson(JSON.stringify(minimal));
    expect(result).toEqual({
      ok: true,
      issues: [],
      notes: [],
      rubric: {
        ...BUILTIN_RUBRICS.baiqianwan,
        id: "custom",
        title: "自定义评分细则",
        criteria: [
          { id: "C1", label: "发展", max: 60, descriptors: {} },
          { id: "C2", label: "和谐", max: 40, descriptors: {} },
        ],
      },
    });
  });

  it("reads every parameter it is given", () => {
    const result = parseRubricJson(
      JSON.stringify({
        id: "town",
        title: "乡镇考核",
        criteria: [
          {
            id: "growth",
            label: "发展",
            max: 50.5,
            descriptors: { village: "村", township: "镇" },
          },
          { id: "C2", label: "和谐", max: 49.5, descriptors: "全部领域" },
        ],
        judges: 7,
        minJudges: 4,
        dropExtremesFrom: 6,
        scoreStep: 0.5,
        components: [
          { id: "panel", kind: "panel", label: "评委评分", weight: 0.7 },
          { id: "satisfaction", kind: "figure", label: "群众满意度", weight: 0.3 },
        ],
        gradeBands: [
          { grade: "A", min: 85 },
          { grade: "B", min: 70 },
        ],
        failGrade: "C",
        passLine: 80,
        quotas: {
          byTier: { city: 25 },
          bySectorTier: { city: { village: 20, organ: 4 } },
          candidateRatio: 1.2,
        },
        tieBreak: ["total", "satisfaction"],
        dynamic: { cycleMonths: 12 },
      })
    );
    if (!result.ok) throw new Error(failureMessage(result.failure));
    expect(result.rubric).toMatchObject({
      id: "town",
      judges: 7,
      minJudges: 4,
      dropExtremesFrom: 6,
      components: [
        { id: "panel", kind: "panel", label: "评委评分", weight: 0.7 },
        { id: "satisfaction", kind: "figure", label: "群众满意度", weight: 0.3 },
      ],
      failGrade: "C",
      passLine: 80,
      quotas: {
        byTier: { city: 25 },
        bySectorTier: { city: { village: 20, organ: 4 } },
        candidateRatio: 1.2,
      },
      tieBreak: ["total", "satisfaction"],
      dynamic: { cycleMonths: 12, windowDays: 90 },
    });
    expect(result.rubric.criteria[0]?.descriptors).toEqual({ village: "村", township: "镇" });
    expect(Object.keys(result.rubric.criteria[1]?.descriptors ?? {})).toHaveLength(
      SECTOR_CODES.length
    );
  });

  it("accepts maxima that add up to 100 only in hundredths", () => {
    const thirds = withCriteria([
      { id: "C1", label: "a", max: 33.3 },
      { id: "C2", label: "b", max: 33.3 },
      { id: "C3", label: "c", max: 33.4 },
    ]);
    expect(parseRubricJson(JSON.stringify({ ...(thirds as object), scoreStep: 0.1 })).ok).toBe(
      true
    );
  });

  it("keeps a label that looks like a formula as plain data", () => {
    const result = parseRubricJson(
      JSON.stringify(withCriteria([{ id: "C1", label: "=SUM(A1)", max: 100 }]))
    );
    expect(result.ok && result.rubric.criteria[0]?.label).toBe("=SUM(A1)");
  });
});

describe("parseRubricJson: components (RULES §4.1)", () => {
  it("takes weights for the panel and the figure, keeping their labels", () => {
    const result = parseRubricJson(
      JSON.stringify({ ...minimal, weights: { panel: 0.6, satisfaction: 0.4 } })
    );
    if (!result.ok) throw new Error(failureMessage(result.failure));
    expect(result.rubric.components).toEqual([
      { id: "panel", kind: "panel", label: "评委评分", weight: 0.6 },
      { id: "satisfaction", kind: "figure", label: "群众满意度", weight: 0.4 },
    ]);
  });

  it("puts rater groups between the panel and the figure, whatever order they are given in", () => {
    const result = parseRubricJson(
      JSON.stringify({
        ...minimal,
        components: [
          { id: "satisfaction", kind: "figure", label: "群众评议", weight: 0.2 },
          { id: "peers", kind: "raters", label: "党员互评", weight: 0.2, raters: 30 },
          { id: "panel", kind: "panel", label: "组织点评", weight: 0.5 },
          { id: "staff", kind: "raters", label: "职工评议", weight: 0.1, raters: 5 },
        ],
      })
    );
    if (!result.ok) throw new Error(failureMessage(result.failure));
    expect(result.rubric.components.map((c) => [c.id, c.raters])).toEqual([
      ["panel", undefined],
      ["peers", 30],
      ["staff", 5],
      ["satisfaction", undefined],
    ]);
  });
});

describe("parseRubricJson: refused, each error naming its path in both languages", () => {
  it("refuses text that is not JSON", () => {
    const result = parseRubricJson("{criteria:");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure).toEqual({
      code: "rubric_invalid",
      params: { detail: expect.stringMatching(/^\$: 不是有效的 JSON \/ not valid JSON/) },
    });
  });

  it.each<[string, unknown, RegExp]>([
    ["a document that is not an object", [], /^\$: 应为对象 \/ must be an object$/],
    ["no criteria", {}, /^\$\.criteria: .* \/ must be a non-empty array/],
    ["empty criteria", withCriteria([]), /^\$\.criteria: /],
    [
      "maxima not adding up to 100",
      withCriteria([{ id: "C1", label: "a", max: 90 }]),
      /^\$\.criteria: 各项满分之和须为 100\(百分制\),现为 90 \/ .*add up to 90$/,
    ],
    [
      "a duplicate id",
      withCriteria([
        { id: "C1", label: "a", max: 50 },
        { id: "c1", label: "b", max: 50 },
      ]),
      /^\$\.criteria\[1\]\.id: .*duplicate id c1/,
    ],
    [
      "an id with a space",
      withCriteria([{ id: "C 1", label: "a", max: 100 }]),
      /^\$\.criteria\[0\]\.id: .* \/ must look like C1/,
    ],
    [
      "an id starting with a digit",
      withCriteria([{ id: "1C", label: "a", max: 100 }]),
      /^\$\.criteria\[0\]\.id: /,
    ],
    [
      "a zero max",
      withCriteria([
        { id: "C1", label: "a", max: 0 },
        { id: "C2", label: "b", max: 100 },
      ]),
      /^\$\.criteria\[0\]\.max: 满分须大于 0 \/ must be greater than 0$/,
    ],
    [
      "a negative max",
      withCriteria([{ id: "C1", label: "a", max: -10 }]),
      /^\$\.criteria\[0\]\.max: .*must be from 0 to 100/,
    ],
    [
      "a max off the score step",
      withCriteria([
        { id: "C1", label: "a", max: 50.25 },
        { id: "C2", label: "b", max: 49.75 },
      ]),
      /^\$\.criteria\[0\]\.max: .*multiple of the score step 0\.5/,
    ],
    [
      "a label of 101 characters",
      withCriteria([{ id: "C1", label: "长".repeat(101), max: 100 }]),
      /^\$\.criteria\[0\]\.label: 不得超过 100 个字符/,
    ],
    [
      "an empty label",
      withCriteria([{ id: "C1", label: "  ", max: 100 }]),
      /^\$\.criteria\[0\]\.label: 应为非空文本/,
    ],
    [
      "a descriptor for an unknown sector",
      withCriteria([{ id: "C1", label: "a", max: 100, descriptors: { farm: "x" } }]),
      /^\$\.criteria\[0\]\.descriptors\.farm: 未知字段/,
    ],
    ["an unknown root field", { ...minimal, judge: 5 }, /^\$\.judge: 未知字段 \/ unknown field/],
    ["21 judges", { ...minimal, judges: 21 }, /^\$\.judges: .*must be from 1 to 20 \(got 21\)/],
    ["a fractional judge count", { ...minimal, judges: 4.5 }, /^\$\.judges: 应为整数/],
    [
      "minJudges above judges",
      { ...minimal, judges: 3, minJudges: 4 },
      /^\$\.minJudges: .*must not exceed judges \(3\)/,
    ],
    [
      "dropping extremes from 2 scores",
      { ...minimal, dropExtremesFrom: 2 },
      /^\$\.dropExtremesFrom: /,
    ],
    [
      "components without a figure",
      { ...minimal, components: [{ id: "panel", kind: "panel", label: "评委", weight: 1 }] },
      /^\$\.components: .*must have exactly one figure \(got 0\)/,
    ],
    [
      "a rater group's code that cannot name a sheet role",
      {
        ...minimal,
        components: [
          { id: "panel", kind: "panel", label: "评委", weight: 0.5 },
          { id: "peer group", kind: "raters", label: "互评", weight: 0.3, raters: 10 },
          { id: "satisfaction", kind: "figure", label: "满意度", weight: 0.2 },
        ],
      },
      /^\$\.components\[1\]\.id: .*letters and digits/,
    ],
    [
      "a rater group without its number of raters",
      {
        ...minimal,
        components: [
          { id: "panel", kind: "panel", label: "评委", weight: 0.5 },
          { id: "peers", kind: "raters", label: "互评", weight: 0.3 },
          { id: "satisfaction", kind: "figure", label: "满意度", weight: 0.2 },
        ],
      },
      /^\$\.components\[1\]\.raters: 应为数字/,
    ],
    [
      "components not adding up to 1",
      {
        ...minimal,
        components: [
          { id: "panel", kind: "panel", label: "评委", weight: 0.5 },
          { id: "peers", kind: "raters", label: "互评", weight: 0.4, raters: 10 },
          { id: "satisfaction", kind: "figure", label: "满意度", weight: 0.2 },
        ],
      },
      /^\$\.components: .*add up to 1\.1/,
    ],
    [
      "weights and components both",
      {
        ...minimal,
        weights: { panel: 0.8, satisfaction: 0.2 },
        components: [
          { id: "panel", kind: "panel", label: "评委", weight: 0.8 },
          { id: "satisfaction", kind: "figure", label: "满意度", weight: 0.2 },
        ],
      },
      /^\$\.weights: .*not both/,
    ],
    [
      "weights not adding up to 1",
      { ...minimal, weights: { panel: 0.8, satisfaction: 0.3 } },
      /^\$\.weights: .*add up to 1\.1/,
    ],
    [
      "a negative weight",
      { ...minimal, weights: { panel: 1.2, satisfaction: -0.2 } },
      /^\$\.weights\.panel: /,
    ],
    [
      "grade bands going up",
      {
        ...minimal,
        gradeBands: [
          { grade: "B", min: 60 },
          { grade: "A", min: 90 },
        ],
      },
      /^\$\.gradeBands\[1\]\.min: .*from the highest line down/,
    ],
    [
      "a repeated grade",
      {
        ...minimal,
        gradeBands: [
          { grade: "A", min: 90 },
          { grade: "A", min: 60 },
        ],
      },
      /^\$\.gradeBands\[1\]\.grade: .*duplicate grade A/,
    ],
    ["a fail grade equal to a band", { ...minimal, failGrade: "合格" }, /^\$\.failGrade: /],
    ["a pass line over 100", { ...minimal, passLine: 101 }, /^\$\.passLine: /],
    [
      "a fractional quota",
      { ...minimal, quotas: { byTier: { city: 2.5 } } },
      /^\$\.quotas\.byTier\.city: 应为整数/,
    ],
    [
      "a negative quota",
      { ...minimal, quotas: { byTier: { city: -1 } } },
      /^\$\.quotas\.byTier\.city: /,
    ],
    [
      "an unknown tier",
      { ...minimal, quotas: { byTier: { nation: 1 } } },
      /^\$\.quotas\.byTier\.nation: 未知字段/,
    ],
    [
      "a negative sector quota",
      { ...minimal, quotas: { bySectorTier: { city: { village: -2 } } } },
      /^\$\.quotas\.bySectorTier\.city\.village: /,
    ],
    [
      "a 差额 ratio below 1:1",
      { ...minimal, quotas: { candidateRatio: 0.9 } },
      /^\$\.quotas\.candidateRatio: 应在 1 至 3 之间/,
    ],
    [
      "a tie-break not starting with total",
      { ...minimal, tieBreak: ["panel", "total"] },
      /^\$\.tieBreak: .*must start with 'total'/,
    ],
    ["an unknown tie-break key", { ...minimal, tieBreak: ["total", "age"] }, /^\$\.tieBreak: /],
    [
      "a cycle of 0 months",
      { ...minimal, dynamic: { cycleMonths: 0 } },
      /^\$\.dynamic\.cycleMonths: /,
    ],
  ])("refuses %s", (_case, document, expected) => {
    const errors = errorsOf(document);
    expect(errors.some((error) => expected.test(error))).toBe(true);
  });

  it("reports every problem in one pass", () => {
    const errors = errorsOf({
      criteria: [{ id: "C1", label: "", max: 100 }],
      judges: 0,
      passLine: -1,
    });
    expect(errors.map((error) => error.split(":")[0])).toEqual([
      "$.criteria[0].label",
      "$.judges",
      "$.passLine",
    ]);
  });
});

describe("withOverrides", () => {
  const base = BUILTIN_RUBRICS.baiqianwan;

  it("sets the judge count and the quotas it is given, keeping the others", () => {
    const rubric = withOverrides(base, { judges: 7, quotas: { province: 20 } });
    expect(rubric.judges).toBe(7);
    expect(rubric.minJudges).toBe(3);
    expect(rubric.quotas.byTier).toEqual({ province: 20 });
    expect(base.quotas.byTier.province).toBeUndefined();
    const again = withOverrides(rubric, { quotas: { city: 5 } });
    expect(again.quotas.byTier).toEqual({ province: 20, city: 5 });
  });

  it("keeps the minimum of judges with a small panel (RULES §4.5)", () => {
    expect(withOverrides(base, { judges: 2 })).toMatchObject({ judges: 2, minJudges: 3 });
  });

  it("sets the minimum of judges only when asked", () => {
    expect(withOverrides(base, { judges: 2, minJudges: 2 })).toMatchObject({
      judges: 2,
      minJudges: 2,
    });
    expect(withOverrides(base, { minJudges: 4 })).toMatchObject({ judges: 5, minJudges: 4 });
  });

  it("changes nothing without overrides", () => {
    expect(withOverrides(base, {})).toEqual(base);
  });

  it("refuses impossible overrides, which checkOverrides reports first", () => {
    expect(checkOverrides({ judges: 0, quotas: { city: -1 } })).toHaveLength(2);
    expect(checkOverrides({ judges: 20, quotas: { city: 0 } })).toEqual([]);
    expect(checkOverrides({ minJudges: 0 })).toEqual([
      "min-judges: 最少评委人数须为 1 至 20 的整数 / must be a whole number from 1 to 20 (got 0)",
    ]);
    expect(checkOverrides({ minJudges: 1 })).toEqual([]);
    expect(() => withOverrides(base, { judges: 21 })).toThrow(/1 to 20/);
    expect(() => withOverrides(base, { quotas: { county: 1.5 } })).toThrow(/quotas\.county/);
  });
});

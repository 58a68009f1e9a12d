/**
 * The rubrics shifan ships: 百千万 (seed 002, RULES §4), 五个好 (seed 001 §二) and 三评议 (seeds 000 §三.1,
 * 001 §四, 003; RULES §4.1).
 */
import { SECTOR_CODES, type SectorCode } from "../core/domain";
import { BAIQIANWAN_GOALS } from "./baiqianwanDescriptors";
import {
  PANEL_COMPONENT,
  SATISFACTION_COMPONENT,
  defaultParameters,
  type Criterion,
  type Rubric,
} from "./Rubric";

/** Each 好 as seed 001 describes it (given in traditional characters there; shown here in simplified). */
export const WUHAO_DESCRIPTIONS = {
  领导班子好:
    "深入学习实践科学发展观，组织落实本单位科学发展规划、思路和措施，团结协作，求真务实，勤政廉洁，有较强的凝聚力和战斗力，在重大问题面前立场坚定、旗帜鲜明，自觉在思想上、行动上与党中央保持高度一致。",
  党员队伍好: "党员有较强的党员意识，队伍素质优良、富有活力，先锋模范作用发挥明显。",
  工作机制好: "规章制度完善，管理措施到位，工作运行顺畅有序。",
  工作业绩好:
    "紧紧围绕中心和大局谋划、推进本单位工作，在推动科学发展、加快推进富裕文明和谐新建设中打头阵、作标兵，各项工作成绩突出。",
  群众反映好:
    "基层党组织和党员在群众中有较高威信和良好形象，党群干群关系密切，得到群众的拥护和支持。",
} as const;

function sameForEverySector(text: string): Partial<Record<SectorCode, string>> {
  return Object.fromEntries(SECTOR_CODES.map((sector) => [sector, text]));
}

function goalOfEverySector(goalIndex: 0 | 1 | 2 | 3): Partial<Record<SectorCode, string>> {
  return Object.fromEntries(
    SECTOR_CODES.map((sector) => [sector, BAIQIANWAN_GOALS[sector][goalIndex]])
  );
}

function baiqianwanCriteria(): Criterion[] {
  return [
    { id: "C1", label: "推动科学发展", max: 30, descriptors: goalOfEverySector(0) },
    { id: "C2", label: "促进社会和谐", max: 20, descriptors: goalOfEverySector(1) },
    { id: "C3", label: "服务人民群众", max: 25, descriptors: goalOfEverySector(2) },
    { id: "C4", label: "加强基层组织", max: 25, descriptors: goalOfEverySector(3) },
  ];
}

function baiqianwan(): Rubric {
  const criteria = baiqianwanCriteria();
  return {
    id: "baiqianwan",
    title: "创先争优活动示范点考核（百千万示范带动工程）",
    criteria,
    ...defaultParameters(),
  };
}

function wuhao(): Rubric {
  const criteria: Criterion[] = Object.entries(WUHAO_DESCRIPTIONS).map(
    ([label, description], index) => ({
      id: `C${index + 1}`,
      label,
      max: 20,
      descriptors: sameForEverySector(description),
    })
  );
  return { id: "wuhao", title: "先进基层党组织“五个好”考核", criteria, ...defaultParameters() };
}

/** Raters' columns on the 党员互评 sheet by default: 003 has groups of 10–50 members; an official adds more. */
export const DEFAULT_PEER_RATERS = 10;

/**
 * 三评议 (003: 组织点评、党员互评、群众评议; 001 §四: 领导点评, 群众评议): the leaders score 百千万's four goals as
 * the judges' panel, party members each give one score, the public's satisfaction is the figure. The weights
 * 0.4 / 0.3 / 0.3 are RULES §4.1's default, not a rule of the notices: 评分标准 says so, and they are editable.
 */
function sanpingyi(): Rubric {
  const parameters = defaultParameters();
  return {
    id: "sanpingyi",
    title: "创先争优活动示范点考核（三评议：领导点评、党员互评、群众评议）",
    criteria: baiqianwanCriteria(),
    ...parameters,
    components: [
      { id: PANEL_COMPONENT, kind: "panel", label: "领导点评", weight: 0.4 },
      { id: "peers", kind: "raters", label: "党员互评", weight: 0.3, raters: DEFAULT_PEER_RATERS },
      { id: SATISFACTION_COMPONENT, kind: "figure", label: "群众评议", weight: 0.3 },
    ],
  };
}

export type BuiltinRubricId = "baiqianwan" | "wuhao" | "sanpingyi";
export const BUILTIN_RUBRIC_IDS: readonly BuiltinRubricId[] = ["baiqianwan", "wuhao", "sanpingyi"];

/** Frozen all the way down, so no caller changes a built-in rubric in place; withOverrides returns a copy. */
export const BUILTIN_RUBRICS: Readonly<Record<BuiltinRubricId, Rubric>> = {
  baiqianwan: deepFreeze(baiqianwan()),
  wuhao: deepFreeze(wuhao()),
  sanpingyi: deepFreeze(sanpingyi()),
};

/** The built-in rubric called `id`; undefined for any other id. */
export function builtinRubric(id: string): Rubric | undefined {
  return (BUILTIN_RUBRIC_IDS as readonly string[]).includes(id)
    ? BUILTIN_RUBRICS[id as BuiltinRubricId]
    : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

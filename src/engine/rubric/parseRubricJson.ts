/**
 * A custom rubric from JSON: the Rubric shape, where everything but `criteria` may be left out and
 * then takes the RULES defaults. Every error names its JSON path and reads 'zh / en'.
 */
import { SECTOR_CODES, TIER_CODES, type SectorCode, type TierCode } from "../core/domain";
import { failed, succeeded, type Outcome } from "../core/Outcome";
import {
  MAX_CANDIDATE_RATIO,
  MAX_JUDGES,
  MAX_RATERS,
  PANEL_COMPONENT,
  RATER_GROUP_ID,
  SATISFACTION_COMPONENT,
  defaultParameters,
  type RubricComponent,
  type Criterion,
  type GradeBand,
  type Rubric,
  type TieBreakKey,
} from "./Rubric";

/** The rubric, or `rubric_invalid` whose `detail` lists every error, each "path: zh / en", joined by "; ". */
export type ParsedRubric = Outcome<{ readonly rubric: Rubric }>;

export const MAX_LABEL_LENGTH = 100;
/** Well under Excel's 32,767 characters per cell, long enough for any goal text in the notices. */
export const MAX_DESCRIPTOR_LENGTH = 2000;
const CRITERION_ID = /^(C\d+|[A-Za-z]\w*)$/;
const ROOT_KEYS = [
  "id",
  "title",
  "criteria",
  "judges",
  "minJudges",
  "dropExtremesFrom",
  "scoreStep",
  "weights",
  "components",
  "gradeBands",
  "failGrade",
  "passLine",
  "quotas",
  "tieBreak",
  "dynamic",
] as const;

type Json = unknown;
type JsonObject = Record<string, Json>;

/**
 * The limits of a rubric's numeric parameters, wherever they are typed: checked here for a rubric JSON and, through
 * parameterProblem, for 评分标准's cells when readAssessment reads them back (issue #12 §5: one validator).
 */
export const PARAMETER_LIMITS = {
  judges: { min: 1, max: MAX_JUDGES, whole: true },
  minJudges: { min: 1, max: MAX_JUDGES, whole: true },
  // Dropping two scores needs at least one left: 3 is the smallest sensible threshold.
  dropExtremesFrom: { min: 3, max: MAX_JUDGES + 1, whole: true },
  scoreStep: { min: 0.01, max: 100, whole: false },
  passLine: { min: 0, max: 100, whole: false },
  weight: { min: 0, max: 1, whole: false },
  criterionMax: { min: 0, max: 100, whole: false },
  gradeMin: { min: 0, max: 100, whole: false },
  quota: { min: 0, max: 1_000_000, whole: true },
  candidateRatio: { min: 1, max: MAX_CANDIDATE_RATIO, whole: false },
  cycleMonths: { min: 1, max: 120, whole: true },
  windowDays: { min: 0, max: 3650, whole: true },
} as const;
export type LimitedParameter = keyof typeof PARAMETER_LIMITS;

/**
 * What is wrong with `value` as parameter `key`, 'zh / en' (the JSON parser's own words); null when nothing is.
 *
 * @example
 * parameterProblem("passLine", 120) // "应在 0 至 100 之间 / must be from 0 to 100 (got 120)"
 */
export function parameterProblem(key: LimitedParameter, value: unknown): string | null {
  const check = new Checker();
  check.limited(value, "", key);
  const [problem] = check.errors;
  return problem === undefined ? null : problem.replace(/^: /, "");
}

/** Collects errors while walking the document, so one pass reports every problem. */
class Checker {
  readonly errors: string[] = [];

  fail(path: string, zh: string, en: string): void {
    this.errors.push(`${path}: ${zh} / ${en}`);
  }

  object(value: Json, path: string, allowedKeys: readonly string[]): JsonObject | null {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.fail(path, "应为对象", "must be an object");
      return null;
    }
    for (const key of Object.keys(value)) {
      if (!allowedKeys.includes(key))
        this.fail(
          `${path}.${key}`,
          "未知字段",
          `unknown field (expected one of ${allowedKeys.join(", ")})`
        );
    }
    return value as JsonObject;
  }

  text(value: Json, path: string, maxLength: number): string | null {
    if (typeof value !== "string" || value.trim() === "") {
      this.fail(path, "应为非空文本", "must be non-empty text");
      return null;
    }
    if (value.length > maxLength) {
      this.fail(
        path,
        `不得超过 ${maxLength} 个字符`,
        `must be at most ${maxLength} characters (got ${value.length})`
      );
      return null;
    }
    return value;
  }

  /** A number within the parameter's PARAMETER_LIMITS. */
  limited(value: Json, path: string, key: LimitedParameter): number | null {
    const { min, max, whole } = PARAMETER_LIMITS[key];
    return this.number(value, path, min, max, whole);
  }

  number(value: Json, path: string, min: number, max: number, wholeNumber = false): number | null {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.fail(path, "应为数字", "must be a number");
      return null;
    }
    if (wholeNumber && !Number.isInteger(value)) {
      this.fail(path, "应为整数", `must be a whole number (got ${value})`);
      return null;
    }
    if (value < min || value > max) {
      this.fail(path, `应在 ${min} 至 ${max} 之间`, `must be from ${min} to ${max} (got ${value})`);
      return null;
    }
    return value;
  }
}

/**
 * Parses and checks a custom rubric.
 *
 * @example
 * parseRubricJson('{"id":"town","title":"乡镇","criteria":[{"id":"C1","label":"发展","max":100}]}')
 * // { ok: true, rubric: { …defaults, criteria: [{ id: 'C1', label: '发展', max: 100, descriptors: {} }] } }
 */
export function parseRubricJson(text: string): ParsedRubric {
  let document: Json;
  try {
    // Notepad and WPS save UTF-8 with a byte-order mark, which JSON.parse refuses.
    document = JSON.parse(text.replace(/^\uFEFF/, "")) as Json;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed("rubric_invalid", { detail: `$: 不是有效的 JSON / not valid JSON (${reason})` });
  }
  const check = new Checker();
  const rubric = readRubric(document, check);
  return check.errors.length === 0 && rubric
    ? succeeded({ rubric })
    : failed("rubric_invalid", { detail: check.errors.join("; ") });
}

function readRubric(document: Json, check: Checker): Rubric | null {
  const root = check.object(document, "$", ROOT_KEYS);
  if (!root) return null;
  const defaults = defaultParameters();

  const id = "id" in root ? check.text(root["id"], "$.id", 64) : "custom";
  const title =
    "title" in root ? check.text(root["title"], "$.title", MAX_LABEL_LENGTH) : "自定义评分细则";
  const scoreStep =
    "scoreStep" in root
      ? check.limited(root["scoreStep"], "$.scoreStep", "scoreStep")
      : defaults.scoreStep;
  const criteria = readCriteria(root["criteria"], scoreStep, check);

  const judges =
    "judges" in root ? check.limited(root["judges"], "$.judges", "judges") : defaults.judges;
  const minJudges =
    "minJudges" in root
      ? check.limited(root["minJudges"], "$.minJudges", "minJudges")
      : defaults.minJudges;
  if (judges !== null && minJudges !== null && minJudges > judges) {
    check.fail("$.minJudges", `不得多于评委人数 ${judges}`, `must not exceed judges (${judges})`);
  }
  const dropExtremesFrom =
    "dropExtremesFrom" in root
      ? check.limited(root["dropExtremesFrom"], "$.dropExtremesFrom", "dropExtremesFrom")
      : defaults.dropExtremesFrom;

  if ("weights" in root && "components" in root)
    check.fail("$.weights", "与 components 只能二选一", "give weights or components, not both");
  const components =
    "components" in root
      ? readComponents(root["components"], check)
      : "weights" in root
        ? readWeights(root["weights"], defaults.components, check)
        : defaults.components;
  const gradeBands =
    "gradeBands" in root ? readGradeBands(root["gradeBands"], check) : defaults.gradeBands;
  const failGrade =
    "failGrade" in root ? check.text(root["failGrade"], "$.failGrade", 20) : defaults.failGrade;
  if (gradeBands && failGrade !== null && gradeBands.some((band) => band.grade === failGrade)) {
    check.fail("$.failGrade", "不得与等次档重名", "must differ from every grade band");
  }
  const passLine =
    "passLine" in root
      ? check.limited(root["passLine"], "$.passLine", "passLine")
      : defaults.passLine;
  const quotas = "quotas" in root ? readQuotas(root["quotas"], check) : defaults.quotas;
  const tieBreak = "tieBreak" in root ? readTieBreak(root["tieBreak"], check) : defaults.tieBreak;
  const dynamic = "dynamic" in root ? readDynamic(root["dynamic"], check) : defaults.dynamic;

  if (
    id === null ||
    title === null ||
    criteria === null ||
    judges === null ||
    minJudges === null ||
    dropExtremesFrom === null ||
    scoreStep === null ||
    components === null ||
    gradeBands === null ||
    failGrade === null ||
    passLine === null ||
    quotas === null ||
    tieBreak === null ||
    dynamic === null
  ) {
    return null;
  }
  return {
    id,
    title,
    criteria,
    judges,
    minJudges,
    dropExtremesFrom,
    scoreStep,
    components,
    gradeBands,
    failGrade,
    passLine,
    quotas,
    tieBreak,
    dynamic,
  };
}

function readCriteria(value: Json, scoreStep: number | null, check: Checker): Criterion[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail(
      "$.criteria",
      "应为非空数组(至少一项考核指标)",
      "must be a non-empty array of criteria"
    );
    return null;
  }
  const criteria: Criterion[] = [];
  const seenIds = new Set<string>();
  let complete = true;
  value.forEach((item: Json, index) => {
    const path = `$.criteria[${index}]`;
    const criterion = readCriterion(item, path, scoreStep, check);
    if (!criterion) {
      complete = false;
      return;
    }
    const key = criterion.id.toUpperCase();
    if (seenIds.has(key)) {
      check.fail(`${path}.id`, `编号 ${criterion.id} 重复`, `duplicate id ${criterion.id}`);
      complete = false;
    }
    seenIds.add(key);
    criteria.push(criterion);
  });
  if (!complete) return null;
  const total = criteria.reduce((sum, criterion) => sum + criterion.max, 0);
  // Compared in hundredths so 33.3 + 33.3 + 33.4 counts as 100.
  if (Math.round(total * 100) !== 10000) {
    check.fail(
      "$.criteria",
      `各项满分之和须为 100(百分制),现为 ${total}`,
      `the maxima must add up to 100 (a 100-point scale); they add up to ${total}`
    );
    return null;
  }
  return criteria;
}

function readCriterion(
  value: Json,
  path: string,
  scoreStep: number | null,
  check: Checker
): Criterion | null {
  const item = check.object(value, path, ["id", "label", "max", "descriptors"]);
  if (!item) return null;
  const id = check.text(item["id"], `${path}.id`, 32);
  if (id !== null && !CRITERION_ID.test(id)) {
    check.fail(
      `${path}.id`,
      "编号须形如 C1,或以字母开头、仅含字母数字下划线",
      "must look like C1, or start with a letter and hold only letters, digits and _"
    );
  }
  const label = check.text(item["label"], `${path}.label`, MAX_LABEL_LENGTH);
  let max = check.limited(item["max"], `${path}.max`, "criterionMax");
  if (max === 0) {
    check.fail(`${path}.max`, "满分须大于 0", "must be greater than 0");
    max = null;
  }
  if (max !== null && scoreStep !== null && !isMultipleOf(max, scoreStep)) {
    check.fail(
      `${path}.max`,
      `满分须为评分步长 ${scoreStep} 的整数倍`,
      `must be a multiple of the score step ${scoreStep}`
    );
  }
  const descriptors =
    "descriptors" in item ? readDescriptors(item["descriptors"], `${path}.descriptors`, check) : {};
  if (
    id === null ||
    !CRITERION_ID.test(id) ||
    label === null ||
    max === null ||
    descriptors === null
  )
    return null;
  return { id, label, max, descriptors };
}

/** A string applies to every sector; an object gives each sector its own text. */
function readDescriptors(
  value: Json,
  path: string,
  check: Checker
): Partial<Record<SectorCode, string>> | null {
  if (typeof value === "string") {
    const textForAll = check.text(value, path, MAX_DESCRIPTOR_LENGTH);
    return textForAll === null
      ? null
      : Object.fromEntries(SECTOR_CODES.map((sector) => [sector, textForAll]));
  }
  const item = check.object(value, path, SECTOR_CODES);
  if (!item) return null;
  const descriptors: Partial<Record<SectorCode, string>> = {};
  let complete = true;
  for (const sector of SECTOR_CODES) {
    if (!(sector in item)) continue;
    const descriptor = check.text(item[sector], `${path}.${sector}`, MAX_DESCRIPTOR_LENGTH);
    if (descriptor === null) complete = false;
    else descriptors[sector] = descriptor;
  }
  return complete &&
    Object.keys(item).every((key) => (SECTOR_CODES as readonly string[]).includes(key))
    ? descriptors
    : null;
}

/** `weights: { panel, satisfaction }`: the two components every rubric has, with these weights. */
function readWeights(
  value: Json,
  defaults: readonly RubricComponent[],
  check: Checker
): RubricComponent[] | null {
  const item = check.object(value, "$.weights", ["panel", "satisfaction"]);
  if (!item) return null;
  const panel = check.limited(item["panel"], "$.weights.panel", "weight");
  const satisfaction = check.limited(item["satisfaction"], "$.weights.satisfaction", "weight");
  if (panel === null || satisfaction === null) return null;
  if (Math.abs(panel + satisfaction - 1) > 1e-9) {
    check.fail(
      "$.weights",
      `评委评分与群众满意度权重之和须为 1,现为 ${panel + satisfaction}`,
      `panel + satisfaction must add up to 1; they add up to ${panel + satisfaction}`
    );
    return null;
  }
  const weights: Readonly<Record<string, number>> = {
    [PANEL_COMPONENT]: panel,
    [SATISFACTION_COMPONENT]: satisfaction,
  };
  return defaults.map((component) => ({
    ...component,
    weight: weights[component.id] ?? component.weight,
  }));
}

const COMPONENT_KEYS = ["id", "kind", "label", "weight", "raters"] as const;

/**
 * `components: [{ id, kind, label, weight, raters? }]` (RULES §4.1): exactly one `panel` (id "panel") and one
 * `figure` (id "satisfaction"), any number of `raters` groups (a code of letters and digits, `raters` 1…100);
 * weights summing to 1. Put in the sheets' order: panel, rater groups, figure.
 */
function readComponents(value: Json, check: Checker): RubricComponent[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail("$.components", "应为非空数组", "must be a non-empty array");
    return null;
  }
  const components: RubricComponent[] = [];
  let complete = true;
  value.forEach((entry: Json, index) => {
    const path = `$.components[${index}]`;
    const item = check.object(entry, path, COMPONENT_KEYS);
    if (!item) {
      complete = false;
      return;
    }
    const kind = item["kind"];
    if (kind !== "panel" && kind !== "figure" && kind !== "raters") {
      check.fail(`${path}.kind`, "应为 panel、figure 或 raters", "must be panel, figure or raters");
      complete = false;
      return;
    }
    const id = check.text(item["id"], `${path}.id`, 40);
    const label = check.text(item["label"], `${path}.label`, MAX_LABEL_LENGTH);
    const weight = check.limited(item["weight"], `${path}.weight`, "weight");
    const wantedId =
      kind === "panel" ? PANEL_COMPONENT : kind === "figure" ? SATISFACTION_COMPONENT : null;
    if (id !== null && wantedId !== null && id !== wantedId)
      check.fail(`${path}.id`, `应为 "${wantedId}"`, `must be "${wantedId}" for a ${kind}`);
    if (
      id !== null &&
      kind === "raters" &&
      (!RATER_GROUP_ID.test(id) || id === PANEL_COMPONENT || id === SATISFACTION_COMPONENT)
    )
      check.fail(
        `${path}.id`,
        "评议组编号应以字母开头、仅含字母和数字",
        "a rater group's id is letters and digits, starting with a letter"
      );
    const raters =
      kind === "raters"
        ? check.number(item["raters"], `${path}.raters`, 1, MAX_RATERS, true)
        : undefined;
    if (kind !== "raters" && "raters" in item)
      check.fail(`${path}.raters`, "仅评议组可设评议人数", "only a raters group has raters");
    if (id === null || label === null || weight === null || raters === null) {
      complete = false;
      return;
    }
    components.push({ id, kind, label, weight, ...(raters === undefined ? {} : { raters }) });
  });
  if (!complete) return null;
  const ids = components.map((component) => component.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined)
    check.fail("$.components", `编号 ${repeated} 重复`, `id ${repeated} appears twice`);
  for (const kind of ["panel", "figure"] as const) {
    const count = components.filter((component) => component.kind === kind).length;
    if (count !== 1)
      check.fail(
        "$.components",
        `须有且仅有一个 ${kind}`,
        `must have exactly one ${kind} (got ${count})`
      );
  }
  const sum = components.reduce((total, component) => total + component.weight, 0);
  if (Math.abs(sum - 1) > 1e-9)
    check.fail(
      "$.components",
      `权重之和须为 1,现为 ${sum}`,
      `weights must add up to 1; they add up to ${sum}`
    );
  const order: Readonly<Record<RubricComponent["kind"], number>> = {
    panel: 0,
    raters: 1,
    figure: 2,
  };
  return [...components].sort((a, b) => order[a.kind] - order[b.kind]);
}

function readGradeBands(value: Json, check: Checker): GradeBand[] | null {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail("$.gradeBands", "应为非空数组", "must be a non-empty array");
    return null;
  }
  const bands: GradeBand[] = [];
  let complete = true;
  value.forEach((entry: Json, index) => {
    const path = `$.gradeBands[${index}]`;
    const item = check.object(entry, path, ["grade", "min"]);
    if (!item) {
      complete = false;
      return;
    }
    const grade = check.text(item["grade"], `${path}.grade`, 20);
    const min = check.limited(item["min"], `${path}.min`, "gradeMin");
    if (grade === null || min === null) {
      complete = false;
      return;
    }
    const previous = bands[bands.length - 1];
    if (previous && min >= previous.min) {
      check.fail(
        `${path}.min`,
        `等次档须按分数线从高到低排列(须低于 ${previous.min})`,
        `bands must go from the highest line down (must be below ${previous.min})`
      );
      complete = false;
    }
    if (bands.some((band) => band.grade === grade)) {
      check.fail(`${path}.grade`, `等次 ${grade} 重复`, `duplicate grade ${grade}`);
      complete = false;
    }
    bands.push({ grade, min });
  });
  return complete ? bands : null;
}

function readQuotas(value: Json, check: Checker): Rubric["quotas"] | null {
  const item = check.object(value, "$.quotas", ["byTier", "bySectorTier", "candidateRatio"]);
  if (!item) return null;
  const byTier =
    "byTier" in item
      ? readCounts<TierCode>(item["byTier"], "$.quotas.byTier", TIER_CODES, check)
      : {};
  const candidateRatio =
    "candidateRatio" in item
      ? check.limited(item["candidateRatio"], "$.quotas.candidateRatio", "candidateRatio")
      : undefined;
  const bySectorTier =
    "bySectorTier" in item ? readSectorQuotas(item["bySectorTier"], check) : undefined;
  if (byTier === null || candidateRatio === null || bySectorTier === null) return null;
  return {
    byTier,
    ...(bySectorTier === undefined ? {} : { bySectorTier }),
    ...(candidateRatio === undefined ? {} : { candidateRatio }),
  };
}

function readSectorQuotas(
  value: Json,
  check: Checker
): Partial<Record<TierCode, Partial<Record<SectorCode, number>>>> | null {
  const bySectorTierItem = check.object(value, "$.quotas.bySectorTier", TIER_CODES);
  if (!bySectorTierItem) return null;
  const bySectorTier: Partial<Record<TierCode, Partial<Record<SectorCode, number>>>> = {};
  let complete = true;
  for (const tier of TIER_CODES) {
    if (!(tier in bySectorTierItem)) continue;
    const counts = readCounts<SectorCode>(
      bySectorTierItem[tier],
      `$.quotas.bySectorTier.${tier}`,
      SECTOR_CODES,
      check
    );
    if (counts === null) complete = false;
    else bySectorTier[tier] = counts;
  }
  return complete ? bySectorTier : null;
}

function readCounts<K extends string>(
  value: Json,
  path: string,
  keys: readonly K[],
  check: Checker
): Partial<Record<K, number>> | null {
  const item = check.object(value, path, keys);
  if (!item) return null;
  const counts: Partial<Record<K, number>> = {};
  let complete = Object.keys(item).every((key) => (keys as readonly string[]).includes(key));
  for (const key of keys) {
    if (!(key in item)) continue;
    const count = check.limited(item[key], `${path}.${key}`, "quota");
    if (count === null) complete = false;
    else counts[key] = count;
  }
  return complete ? counts : null;
}

const TIE_BREAK_KEYS: readonly TieBreakKey[] = ["total", "panel", "satisfaction"];

function readTieBreak(value: Json, check: Checker): TieBreakKey[] | null {
  const isKeyList =
    Array.isArray(value) && value.every((key) => (TIE_BREAK_KEYS as readonly Json[]).includes(key));
  if (!isKeyList) {
    check.fail(
      "$.tieBreak",
      "应为由 total、panel、satisfaction 组成的数组",
      "must be an array of total, panel, satisfaction"
    );
    return null;
  }
  const keys = value as TieBreakKey[];
  if (keys[0] !== "total" || new Set(keys).size !== keys.length) {
    check.fail(
      "$.tieBreak",
      "须以 total(总分)开头且不重复",
      "must start with 'total' and name each key once"
    );
    return null;
  }
  return keys;
}

function readDynamic(value: Json, check: Checker): Rubric["dynamic"] | null {
  const item = check.object(value, "$.dynamic", ["cycleMonths", "windowDays"]);
  if (!item) return null;
  const defaults = defaultParameters().dynamic;
  const cycleMonths =
    "cycleMonths" in item
      ? check.limited(item["cycleMonths"], "$.dynamic.cycleMonths", "cycleMonths")
      : defaults.cycleMonths;
  const windowDays =
    "windowDays" in item
      ? check.limited(item["windowDays"], "$.dynamic.windowDays", "windowDays")
      : defaults.windowDays;
  return cycleMonths === null || windowDays === null ? null : { cycleMonths, windowDays };
}

function isMultipleOf(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

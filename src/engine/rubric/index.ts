export * from "./Rubric";
export {
  BUILTIN_RUBRICS,
  BUILTIN_RUBRIC_IDS,
  DEFAULT_PEER_RATERS,
  WUHAO_DESCRIPTIONS,
  builtinRubric,
  type BuiltinRubricId,
} from "./builtinRubrics";
export { BAIQIANWAN_GOALS } from "./baiqianwanDescriptors";
export { parseRubricJson, MAX_LABEL_LENGTH, MAX_DESCRIPTOR_LENGTH } from "./parseRubricJson";
export type { ParsedRubric } from "./parseRubricJson";

export * from "./Rubric";
export { BUILTIN_RUBRICS, WUHAO_DESCRIPTIONS } from "./builtinRubrics";
export { BAIQIANWAN_GOALS } from "./baiqianwanDescriptors";
export { parseRubricJson, MAX_LABEL_LENGTH, MAX_DESCRIPTOR_LENGTH } from "./parseRubricJson";
export type { ParsedRubric } from "./parseRubricJson";

export { evaluatePlan, inputsFromGrid, PlanValues } from "./evaluatePlan";
export type { EvaluatePlanOptions, PlanCell, PlanInputs } from "./evaluatePlan";

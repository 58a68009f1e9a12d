export { evaluatePlan, PlanValues } from "./evaluatePlan";
export type { EvaluatePlanOptions, PlanCell, PlanInputs } from "./evaluatePlan";

export { excelRound } from "../interpret/excelRound";
export { evaluateNominee, criterionScore, gradeOf } from "./evaluateNominee";
export type { NomineeInputs, NomineeOutputs } from "./evaluateNominee";
export {
  rankNominees,
  rankWithinSector,
  recommend,
  compositeRankKey,
  hundredths,
  DEFAULT_TIE_BREAK,
} from "./rankNominees";
export type { RankRow } from "./rankNominees";

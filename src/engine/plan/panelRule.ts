/**
 * The panel's rule, stated once for a criterion score on 考核表 (RULES §4) and a rater group's score (§4.1, "the
 * panel's rule"): the mean of the scores present, after dropping one highest and one lowest from SF_DropFrom on;
 * blank below SF_MinJudges scores; rounded to 0.01; 待更正 while an entry cannot count (RULES §4.3).
 */
import { TO_CORRECT } from "../core/words";
import { call, name, num, op, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import { PARAMETER_NAMES } from "./assessmentLayout";

const param = (key: keyof typeof PARAMETER_NAMES): FormulaNode =>
  name(PARAMETER_NAMES[key] as string);

/** `scores`: the cells (or one range) the rule reads; `cannotCount`: TRUE while any of them waits for a correction. */
export function panelScore(scores: readonly FormulaNode[], cannotCount: FormulaNode): FormulaNode {
  const count = call("COUNT", ...scores);
  const sum = call("SUM", ...scores);
  const trimmedMean = op(
    op(op(sum, "-", call("MAX", ...scores)), "-", call("MIN", ...scores)),
    "/",
    op(count, "-", num(2))
  );
  const mean = call(
    "IF",
    op(count, ">=", param("dropExtremesFrom")),
    trimmedMean,
    op(sum, "/", count)
  );
  return call(
    "IF",
    cannotCount,
    text(TO_CORRECT),
    call("IF", op(count, "<", param("minJudges")), text(""), call("ROUND", mean, num(2)))
  );
}

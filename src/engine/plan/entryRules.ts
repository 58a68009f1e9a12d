/**
 * Which entries count (RULES §4.3, issue #11 §3): one statement each, used by the 考核表 formulas that refuse to
 * count a bad entry and by the highlight that marks the cell. A blank is an abstention, never an error.
 *
 * Pasting bypasses validation, and LibreOffice has no boolean type: a pasted TRUE is the number 1 to its COUNT,
 * SUM and ISNUMBER, where Excel skips it. ISLOGICAL and TYPE tell it apart in both (see `invalid`).
 */
import { call, name, num, op, text } from "../formula/build";
import type { FormulaNode } from "../formula/ast";
import { PARAMETER_NAMES } from "./assessmentLayout";

export { TO_CORRECT } from "../core/words";

/** Off the step by more than this is off the step: x / step is a whole number up to binary noise (0.3 / 0.1). */
const STEP_TOLERANCE = 1e-9;

/** TRUE for anything but a blank, "" or a number within 0…max (and on the score step when `onStep`). */
function invalid(cell: FormulaNode, max: FormulaNode, onStep: boolean): FormulaNode {
  const step = name(PARAMETER_NAMES.scoreStep as string);
  const steps = op(cell, "/", step);
  const numberTests = [
    call("ISLOGICAL", cell),
    op(call("TYPE", cell), "<>", num(1)),
    op(cell, "<", num(0)),
    op(cell, ">", max),
    ...(onStep
      ? [op(call("ABS", op(steps, "-", call("ROUND", steps, num(0)))), ">", num(STEP_TOLERANCE))]
      : []),
  ];
  // Excel: TRUE is no number, and TRUE <> "" holds. LibreOffice: TRUE is a number; typed there it has a boolean
  // format (ISLOGICAL), read from an .xlsx it is the formula =TRUE() (TYPE 8, not 1). Measured with 7.x headless.
  return call("IF", call("ISNUMBER", cell), call("OR", ...numberTests), op(cell, "<>", text("")));
}

/** A judge's score that cannot count: above the criterion's maximum, below 0, off the step, text, TRUE/FALSE. */
export function invalidScore(cell: FormulaNode, max: FormulaNode): FormulaNode {
  return invalid(cell, max, true);
}

/** A figure per nominee (群众满意度, %) that cannot count: outside 0…100, text, TRUE/FALSE. */
export function invalidFigure(cell: FormulaNode): FormulaNode {
  return invalid(cell, num(100), false);
}

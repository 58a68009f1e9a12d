/**
 * COUNTIF(S), SUMIF(S) and AVERAGEIF(S): every criteria range must be a reference of one shape; the criteria
 * are read by criteria.ts; large ranges are answered from indexes built once (RangeIndexes).
 */
import type { FormulaNode } from "../formula/ast";
import { parseCriterion, type Criterion } from "./criteria";
import type { Frame, Interpreter } from "./Interpreter";
import { FormulaError, RangeRef, type Value } from "./values";

interface CriteriaPairs {
  readonly ranges: RangeRef[];
  readonly criteria: Criterion[];
}

function pairsOf(
  ev: Interpreter,
  args: readonly FormulaNode[],
  f: Frame,
  shape?: RangeRef
): CriteriaPairs | FormulaError {
  const ranges: RangeRef[] = [];
  const criteria: Criterion[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const range = ev.value(args[i] as FormulaNode, f);
    if (range instanceof FormulaError) return range;
    if (!(range instanceof RangeRef)) return FormulaError.value;
    const model = shape ?? ranges[0];
    if (model && (model.rows !== range.rows || model.cols !== range.cols))
      return FormulaError.value;
    ranges.push(range);
    criteria.push(parseCriterion(ev.scalar(args[i + 1] as FormulaNode, f)));
  }
  return { ranges, criteria };
}

export function countifs(ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value {
  const pairs = pairsOf(ev, args, f);
  if (pairs instanceof FormulaError) return pairs;
  return ev.indexes.count(pairs.ranges, pairs.criteria);
}

/** SUMIF(range, criteria, [sum_range]): the sum range takes the criteria range's shape from its top-left cell, as in Excel. */
export function sumif(average: boolean) {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const [rangeArg, criteriaArg, sumArg] = args as [FormulaNode, FormulaNode, FormulaNode?];
    const pairs = pairsOf(ev, [rangeArg, criteriaArg], f);
    if (pairs instanceof FormulaError) return pairs;
    const range = pairs.ranges[0] as RangeRef;
    let sumRange = range;
    if (sumArg !== undefined && sumArg.kind !== "empty") {
      const given = ev.value(sumArg, f);
      if (given instanceof FormulaError) return given;
      if (!(given instanceof RangeRef)) return FormulaError.value;
      sumRange = new RangeRef(
        given.sheet,
        given.top,
        given.left,
        given.top + range.rows - 1,
        given.left + range.cols - 1
      );
    }
    return total(ev.indexes.sum(sumRange, pairs.ranges, pairs.criteria), average);
  };
}

/** SUMIFS(sum_range, range1, criteria1, …) and AVERAGEIFS: every range of the sum range's shape. */
export function sumifs(average: boolean) {
  return (ev: Interpreter, args: readonly FormulaNode[], f: Frame): Value => {
    const sumRange = ev.value(args[0] as FormulaNode, f);
    if (sumRange instanceof FormulaError) return sumRange;
    if (!(sumRange instanceof RangeRef)) return FormulaError.value;
    const pairs = pairsOf(ev, args.slice(1), f, sumRange);
    if (pairs instanceof FormulaError) return pairs;
    return total(ev.indexes.sum(sumRange, pairs.ranges, pairs.criteria), average);
  };
}

function total(
  result: { readonly sum: number; readonly count: number } | FormulaError,
  average: boolean
): Value {
  if (result instanceof FormulaError) return result;
  if (!average) return result.sum;
  return result.count === 0 ? FormulaError.div0 : result.sum / result.count;
}

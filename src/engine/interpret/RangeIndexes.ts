/**
 * Indexes over the ranges every row scans, built once per evaluation (LibreOffice keeps a sorted range cache for
 * the same reason). A COUNTIFS(tier, t, key, ">"&k) on each of 10,000 rows is 10^8 comparisons scanned, and
 * 10,000 binary searches in one index: rows are grouped by the equality criteria's keys, and within a group
 * the one ordering criterion's numbers are sorted. Criteria an index cannot answer (wildcards, <>, "", text
 * ordering) and small ranges are scanned; both paths give the same answers (test/engine/interpret).
 */
import {
  equalityKeyOfCell,
  equalityKeyOfCriterion,
  meetsCriterion,
  type Criterion,
} from "./criteria";
import { foldCase } from "./coerce";
import type { Interpreter } from "./Interpreter";
import { FormulaError, RangeRef, type CellValue } from "./values";

/** Rows of one group, in sheet order; with an ordering criterion, also sorted by its number. */
interface Group {
  /** Offsets (row-major position in the ranges) in sheet order. */
  readonly offsets: number[];
  /** The ordering column's numbers, ascending, and the offsets in that order. */
  sortedValues?: Float64Array;
  sortedOffsets?: Int32Array;
}

interface CriteriaIndex {
  readonly groups: Map<string, Group>;
}

export interface SumResult {
  readonly sum: number;
  /** Numbers summed (AVERAGEIFS divides by it). */
  readonly count: number;
}

/** Which criteria an index can answer: "=" with a key, or one numeric ordering criterion. */
interface Plan {
  readonly equality: number[];
  readonly ordering: number | undefined;
}

function rangeKey(range: RangeRef): string {
  return `${range.sheet}!${range.top}:${range.left}:${range.bottom}:${range.right}`;
}

/** The cell at `offset` (row-major) inside `range`. */
function cellAtOffset(ev: Interpreter, range: RangeRef, offset: number): CellValue {
  const cols = range.cols;
  const rowStep = cols === 1 ? offset : Math.floor(offset / cols);
  return ev.book.cellValue(
    range.sheet,
    range.top + rowStep,
    range.left + (offset - rowStep * cols)
  );
}

/** Match key of MATCH(…, 0) and VLOOKUP(…, FALSE): no numeric text, no wildcard. */
export function exactMatchKey(value: CellValue): string | undefined {
  switch (typeof value) {
    case "number":
      return `n${value === 0 ? 0 : value}`;
    case "string":
      return `t${foldCase(value)}`;
    case "boolean":
      return value ? "b1" : "b0";
    default:
      return undefined;
  }
}

export class RangeIndexes {
  private readonly criteriaIndexes = new Map<string, CriteriaIndex>();
  private readonly matchIndexes = new Map<string, Map<string, number>>();

  constructor(
    private readonly ev: Interpreter,
    /** Ranges with fewer cells are scanned. */
    private readonly indexFrom: number
  ) {}

  count(ranges: readonly RangeRef[], criteria: readonly Criterion[]): number {
    const size = ranges[0]?.size ?? 0;
    const plan = size >= this.indexFrom ? planOf(criteria) : undefined;
    if (!plan) {
      let n = 0;
      for (let offset = 0; offset < size; offset++)
        if (this.meetsAll(ranges, criteria, offset)) n++;
      return n;
    }
    const group = this.group(ranges, criteria, plan);
    if (!group) return 0;
    if (plan.ordering === undefined) return group.offsets.length;
    const [from, to] = orderedSpan(group, criteria[plan.ordering] as Criterion);
    return to - from;
  }

  /** Sum and count of the numbers in `sumRange` on rows meeting every criterion, in sheet order; a matched error is the result. */
  sum(
    sumRange: RangeRef,
    ranges: readonly RangeRef[],
    criteria: readonly Criterion[]
  ): SumResult | FormulaError {
    const size = ranges[0]?.size ?? 0;
    const plan = size >= this.indexFrom ? planOf(criteria) : undefined;
    let offsets: Iterable<number>;
    if (!plan) {
      const matched: number[] = [];
      for (let offset = 0; offset < size; offset++)
        if (this.meetsAll(ranges, criteria, offset)) matched.push(offset);
      offsets = matched;
    } else {
      const group = this.group(ranges, criteria, plan);
      if (!group) offsets = [];
      else if (plan.ordering === undefined) offsets = group.offsets;
      else {
        const [from, to] = orderedSpan(group, criteria[plan.ordering] as Criterion);
        // Summed in sheet order, as a scan would: floating-point sums depend on the order.
        offsets = Array.from((group.sortedOffsets as Int32Array).subarray(from, to)).sort(
          (a, b) => a - b
        );
      }
    }
    let sum = 0;
    let count = 0;
    for (const offset of offsets) {
      const cell = cellAtOffset(this.ev, sumRange, offset);
      if (typeof cell === "number") {
        sum += cell;
        count++;
      } else if (cell instanceof FormulaError) return cell;
    }
    return { sum, count };
  }

  /** Position (0-based) of the first cell of a one-row or one-column range equal to `key`, or undefined. */
  firstExact(range: RangeRef, key: string): number | undefined {
    const id = rangeKey(range);
    let index = this.matchIndexes.get(id);
    if (!index) {
      const built = new Map<string, number>();
      for (let offset = range.size - 1; offset >= 0; offset--) {
        const cellKey = exactMatchKey(cellAtOffset(this.ev, range, offset));
        if (cellKey !== undefined) built.set(cellKey, offset);
      }
      index = built;
      this.matchIndexes.set(id, index);
    }
    return index.get(key);
  }

  /** Whether a range is large enough to be looked up through an index. */
  indexes(range: RangeRef): boolean {
    return range.size >= this.indexFrom;
  }

  private meetsAll(
    ranges: readonly RangeRef[],
    criteria: readonly Criterion[],
    offset: number
  ): boolean {
    for (let i = 0; i < ranges.length; i++) {
      const cell = cellAtOffset(this.ev, ranges[i] as RangeRef, offset);
      if (!meetsCriterion(criteria[i] as Criterion, cell)) return false;
    }
    return true;
  }

  private group(
    ranges: readonly RangeRef[],
    criteria: readonly Criterion[],
    plan: Plan
  ): Group | undefined {
    const id = [
      ...plan.equality.map((i) => `=${rangeKey(ranges[i] as RangeRef)}`),
      plan.ordering === undefined ? "" : `<${rangeKey(ranges[plan.ordering] as RangeRef)}`,
    ].join("|");
    let index = this.criteriaIndexes.get(id);
    if (!index) {
      index = this.build(ranges, plan);
      this.criteriaIndexes.set(id, index);
    }
    const key = plan.equality
      .map((i) => equalityKeyOfCriterion(criteria[i] as Criterion) as string)
      .join("\u0000");
    return index.groups.get(key);
  }

  private build(ranges: readonly RangeRef[], plan: Plan): CriteriaIndex {
    const groups = new Map<string, Group>();
    const size = ranges[0]?.size ?? 0;
    const ordered = plan.ordering === undefined ? undefined : (ranges[plan.ordering] as RangeRef);
    const orderValues = new Map<Group, number[]>();
    rows: for (let offset = 0; offset < size; offset++) {
      let key = "";
      for (let k = 0; k < plan.equality.length; k++) {
        const cellKey = equalityKeyOfCell(
          cellAtOffset(this.ev, ranges[plan.equality[k] as number] as RangeRef, offset)
        );
        if (cellKey === undefined) continue rows;
        key = k === 0 ? cellKey : `${key}\u0000${cellKey}`;
      }
      let value = 0;
      if (ordered) {
        // A numeric ordering criterion (">85") matches numbers only: text, blanks and errors never.
        const cell = cellAtOffset(this.ev, ordered, offset);
        if (typeof cell !== "number") continue;
        value = cell;
      }
      let group = groups.get(key);
      if (!group) {
        group = { offsets: [] };
        groups.set(key, group);
        if (ordered) orderValues.set(group, []);
      }
      group.offsets.push(offset);
      orderValues.get(group)?.push(value);
    }
    for (const [group, values] of orderValues) {
      const order = group.offsets
        .map((_offset, i) => i)
        .sort((a, b) => (values[a] as number) - (values[b] as number));
      group.sortedValues = Float64Array.from(order, (i) => values[i] as number);
      group.sortedOffsets = Int32Array.from(order, (i) => group.offsets[i] as number);
    }
    return { groups };
  }
}

function planOf(criteria: readonly Criterion[]): Plan | undefined {
  const equality: number[] = [];
  let ordering: number | undefined;
  for (let i = 0; i < criteria.length; i++) {
    const criterion = criteria[i] as Criterion;
    if (equalityKeyOfCriterion(criterion) !== undefined) equality.push(i);
    else if (
      criterion.operand.kind === "number" &&
      (criterion.op === "<" ||
        criterion.op === "<=" ||
        criterion.op === ">" ||
        criterion.op === ">=") &&
      ordering === undefined
    )
      ordering = i;
    else return undefined;
  }
  return { equality, ordering };
}

/** [from, to) of the group's sorted numbers that meet a numeric ordering criterion. */
function orderedSpan(group: Group, criterion: Criterion): [number, number] {
  const values = group.sortedValues as Float64Array;
  const v = (criterion.operand as { value: number }).value;
  const below = lowerBound(values, v); // first index with value >= v
  const atOrBelow = upperBound(values, v); // first index with value > v
  switch (criterion.op) {
    case ">":
      return [atOrBelow, values.length];
    case ">=":
      return [below, values.length];
    case "<":
      return [0, below];
    default:
      return [0, atOrBelow];
  }
}

function lowerBound(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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
  hasEqualityKey,
  meetsCriterion,
  type Criterion,
  type EqualityKey,
} from "./criteria";
import { foldCase } from "./coerce";
import type { Interpreter } from "./Interpreter";
import { FormulaError, RangeRef, type CellValue } from "./values";

/**
 * Rows of one group, in sheet order; with an ordering criterion, also sorted by its number. Typed arrays sized
 * once the groups are counted: growing arrays per group were about 15 MB of garbage per scored evaluation.
 */
interface Group {
  /** Offsets (row-major position in the ranges) in sheet order. */
  readonly offsets: Int32Array;
  /** The ordering column's number on each of those rows. */
  readonly values?: Float64Array;
  /**
   * The ordering column's numbers, ascending (a typed array's own numeric sort: a count needs nothing more), and,
   * made when a sum first asks, the offsets in that order.
   */
  sortedValues?: Float64Array;
  sortedOffsets?: Int32Array;
}

interface CriteriaIndex {
  /** Groups by the equality columns' key numbers, combined (see `composite`). */
  readonly groups: Map<number, Group>;
  readonly columns: readonly ColumnKeys[];
}

/**
 * One column's equality keys as small numbers, read once per evaluation and shared by every index over the
 * column (汇总 asks for sector and tier in several combinations): the same text is one number, no string per row.
 */
interface ColumnKeys {
  /** Per row, the key's number, or −1 when no "=" criterion can match the cell. */
  readonly ids: Int32Array;
  /** By equality key: a number criterion (a judge's total) finds its rows by the number, no text made. */
  readonly idOf: ReadonlyMap<EqualityKey, number>;
  /**
   * A text or boolean criterion's id in this column (−1: none), by the criterion read: criteria are kept by the
   * value they were read from (compileFormula), so a tier's name on every row folds its text once, not per call.
   */
  readonly idOfCriterion: WeakMap<Criterion, number>;
}

export interface SumResult {
  readonly sum: number;
  /** Numbers summed (AVERAGEIFS divides by it). */
  readonly count: number;
}

/** What `group` answers when the criteria must be scanned after all. */
const SCAN = Symbol("scan");

/**
 * Which criteria an index can answer: "=" with a key, one numeric ordering criterion, and one "<>text" (answered
 * as the rows without it minus the rows with "=text": for plain text the two criteria are exact complements).
 */
interface Plan {
  readonly equality: number[];
  readonly ordering: number | undefined;
  readonly excluded: number | undefined;
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

/**
 * A reader of a range's cells by offset, as cellAtOffset reads them: a one-column range through its column
 * (WorkbookContext.column) when the workbook gives one, found once for the whole range.
 */
function cellsOf(ev: Interpreter, range: RangeRef): (offset: number) => CellValue {
  const book = ev.book;
  if (range.cols === 1 && book.column !== undefined) {
    const column = book.column(range.sheet, range.left);
    const top = range.top;
    return (offset) => column.cell(top + offset);
  }
  return (offset) => cellAtOffset(ev, range, offset);
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
  /** null: the columns' keys are too many to combine exactly, so those criteria are scanned. */
  private readonly criteriaIndexes = new Map<string, CriteriaIndex | null>();
  private readonly columnKeys = new Map<string, ColumnKeys>();
  private readonly matchIndexes = new Map<string, Map<string, number>>();
  /** Per compiled formula's ranges: the plan of the criteria last met, by their kinds (see kindOf). */
  private readonly plans = new WeakMap<
    readonly RangeRef[],
    { readonly kinds: Uint8Array; readonly plan: Plan | undefined }
  >();
  /** Per compiled formula's ranges: the index's key for the plan last met. */
  private readonly indexIds = new WeakMap<
    readonly RangeRef[],
    { readonly plan: Plan; readonly id: string }
  >();

  constructor(
    private readonly ev: Interpreter,
    /** Ranges with fewer cells are scanned. */
    private readonly indexFrom: number
  ) {}

  /**
   * `fixed`: the caller passes this very `ranges` array on every call (a compiled formula's ranges), so the index
   * answering it is found without building its key again.
   */
  count(ranges: readonly RangeRef[], criteria: readonly Criterion[], fixed = false): number {
    const size = ranges[0]?.size ?? 0;
    const plan = size >= this.indexFrom ? this.planFor(ranges, criteria, fixed) : undefined;
    if (!plan) return this.scanCount(ranges, criteria);
    if (plan.excluded !== undefined) {
      const { without, withIt } = complement(ranges, criteria, plan.excluded);
      const all = without.ranges.length === 0 ? size : this.count(without.ranges, without.criteria);
      return all - this.count(withIt.ranges, withIt.criteria);
    }
    const group = this.group(ranges, criteria, plan, fixed);
    if (group === SCAN) return this.scanCount(ranges, criteria);
    if (!group) return 0;
    if (plan.ordering === undefined) return group.offsets.length;
    const ordering = criteria[plan.ordering] as Criterion;
    return spanEnd(group, ordering) - spanStart(group, ordering);
  }

  /** planOf(criteria), kept for a compiled formula's ranges while its criteria's kinds stay the same. */
  private planFor(
    ranges: readonly RangeRef[],
    criteria: readonly Criterion[],
    fixed: boolean
  ): Plan | undefined {
    if (!fixed) return planOf(criteria);
    const known = this.plans.get(ranges);
    if (known !== undefined && known.kinds.length === criteria.length) {
      let same = true;
      for (let i = 0; i < criteria.length && same; i++)
        same = known.kinds[i] === kindOf(criteria[i] as Criterion);
      if (same) return known.plan;
    }
    const plan = planOf(criteria);
    this.plans.set(ranges, { kinds: Uint8Array.from(criteria, kindOf), plan });
    return plan;
  }

  /** Sum and count of the numbers in `sumRange` on rows meeting every criterion, in sheet order; a matched error is the result. */
  sum(
    sumRange: RangeRef,
    ranges: readonly RangeRef[],
    criteria: readonly Criterion[]
  ): SumResult | FormulaError {
    const offsets = this.offsets(ranges, criteria);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < offsets.length; i++) {
      const cell = cellAtOffset(this.ev, sumRange, offsets[i] as number);
      if (typeof cell === "number") {
        sum += cell;
        count++;
      } else if (cell instanceof FormulaError) return cell;
    }
    return { sum, count };
  }

  /** Offsets of the rows meeting every criterion, in sheet order (sums depend on the order, as a scan adds). */
  private offsets(ranges: readonly RangeRef[], criteria: readonly Criterion[]): ArrayLike<number> {
    const size = ranges[0]?.size ?? 0;
    const plan = size >= this.indexFrom ? planOf(criteria) : undefined;
    if (!plan) return this.scan(ranges, criteria);
    if (plan.excluded !== undefined) {
      const { without, withIt } = complement(ranges, criteria, plan.excluded);
      const removed = new Set(Array.from(this.offsets(withIt.ranges, withIt.criteria)));
      const all =
        without.ranges.length === 0
          ? Array.from({ length: size }, (_u, offset) => offset)
          : Array.from(this.offsets(without.ranges, without.criteria));
      return all.filter((offset) => !removed.has(offset));
    }
    const group = this.group(ranges, criteria, plan);
    if (group === SCAN) return this.scan(ranges, criteria);
    if (!group) return [];
    if (plan.ordering === undefined) return group.offsets;
    const ordering = criteria[plan.ordering] as Criterion;
    const from = spanStart(group, ordering);
    const to = spanEnd(group, ordering);
    // Every number of the group meets it (">=0" over totals): the group's rows, already in sheet order.
    if (from === 0 && to === group.offsets.length) return group.offsets;
    // A typed array sorts its numbers ascending by itself, with no comparator called per pair.
    return sortedOffsets(group).slice(from, to).sort();
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

  /** Offsets of the rows meeting every criterion, one row at a time. */
  private scan(ranges: readonly RangeRef[], criteria: readonly Criterion[]): number[] {
    const matched: number[] = [];
    const size = ranges[0]?.size ?? 0;
    for (let offset = 0; offset < size; offset++)
      if (this.meetsAll(ranges, criteria, offset)) matched.push(offset);
    return matched;
  }

  /** How many rows meet every criterion, one row at a time (scan's length, with no list made). */
  private scanCount(ranges: readonly RangeRef[], criteria: readonly Criterion[]): number {
    let count = 0;
    const size = ranges[0]?.size ?? 0;
    for (let offset = 0; offset < size; offset++)
      if (this.meetsAll(ranges, criteria, offset)) count++;
    return count;
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
    plan: Plan,
    fixed = false
  ): Group | typeof SCAN | undefined {
    const id = this.indexId(ranges, plan, fixed);
    let index = this.criteriaIndexes.get(id);
    if (index === undefined) {
      index = this.build(ranges, plan);
      this.criteriaIndexes.set(id, index);
    }
    if (index === null) return SCAN;
    let key = 0;
    for (let k = 0; k < plan.equality.length; k++) {
      const column = index.columns[k] as ColumnKeys;
      // A column where no "=" criterion matches anything (回避's keys while nobody is recused): no key to make.
      if (column.idOf.size === 0) return undefined;
      const criterion = criteria[plan.equality[k] as number] as Criterion;
      const operand = criterion.operand;
      let id: number | undefined;
      if (operand.kind === "number") id = column.idOf.get(operand.value);
      else {
        id = column.idOfCriterion.get(criterion);
        if (id === undefined) {
          const wanted = equalityKeyOfCriterion(criterion);
          id = (wanted === undefined ? undefined : column.idOf.get(wanted)) ?? -1;
          column.idOfCriterion.set(criterion, id);
        }
      }
      if (id === undefined || id < 0) return undefined;
      key = composite(key, id, column);
    }
    return index.groups.get(key);
  }

  /** The key of the index over these ranges for this plan's kinds of criteria, remembered for the last plan of a ranges array. */
  private indexId(ranges: readonly RangeRef[], plan: Plan, fixed: boolean): string {
    const known = fixed ? this.indexIds.get(ranges) : undefined;
    if (known !== undefined && known.plan === plan) return known.id;
    const id = [
      ...plan.equality.map((i) => `=${rangeKey(ranges[i] as RangeRef)}`),
      plan.ordering === undefined ? "" : `<${rangeKey(ranges[plan.ordering] as RangeRef)}`,
    ].join("|");
    if (fixed) this.indexIds.set(ranges, { plan, id });
    return id;
  }

  private keysOf(range: RangeRef): ColumnKeys {
    const id = rangeKey(range);
    let keys = this.columnKeys.get(id);
    if (!keys) {
      const ids = new Int32Array(range.size);
      const idOf = new Map<EqualityKey, number>();
      const cellAt = cellsOf(this.ev, range);
      for (let offset = 0; offset < ids.length; offset++) {
        const cellKey = equalityKeyOfCell(cellAt(offset));
        if (cellKey === undefined) {
          ids[offset] = -1;
          continue;
        }
        let n = idOf.get(cellKey);
        if (n === undefined) idOf.set(cellKey, (n = idOf.size));
        ids[offset] = n;
      }
      keys = { ids, idOf, idOfCriterion: new WeakMap() };
      this.columnKeys.set(id, keys);
    }
    return keys;
  }

  /**
   * Groups the rows: a first pass reads the cells (in the order a scan would, the ordering cell only on rows
   * every equality column keys) and numbers each row's group, a second fills each group's arrays, sized by then.
   */
  private build(ranges: readonly RangeRef[], plan: Plan): CriteriaIndex | null {
    const size = ranges[0]?.size ?? 0;
    const columns = plan.equality.map((i) => this.keysOf(ranges[i] as RangeRef));
    const span = columns.reduce((product, column) => product * (column.idOf.size + 1), 1);
    if (span > Number.MAX_SAFE_INTEGER) return null;
    const orderedAt =
      plan.ordering === undefined ? undefined : cellsOf(this.ev, ranges[plan.ordering] as RangeRef);
    const keys: number[] = [];
    const numberOf = new Map<number, number>();
    const counts: number[] = [];
    /** Per row, its group's number in `keys`, or −1 when it is in none. */
    const groupOf = new Int32Array(size);
    const values = orderedAt ? new Float64Array(size) : undefined;
    rows: for (let offset = 0; offset < size; offset++) {
      groupOf[offset] = -1;
      let key = 0;
      for (let k = 0; k < columns.length; k++) {
        const column = columns[k] as ColumnKeys;
        const id = column.ids[offset] as number;
        if (id < 0) continue rows;
        key = composite(key, id, column);
      }
      if (orderedAt && values) {
        // A numeric ordering criterion (">85") matches numbers only: text, blanks and errors never.
        const cell = orderedAt(offset);
        if (typeof cell !== "number") continue;
        values[offset] = cell;
      }
      let n = numberOf.get(key);
      if (n === undefined) {
        numberOf.set(key, (n = keys.length));
        keys.push(key);
        counts.push(0);
      }
      counts[n] = (counts[n] as number) + 1;
      groupOf[offset] = n;
    }
    const offsetsOf = counts.map((count) => new Int32Array(count));
    const valuesOf = values ? counts.map((count) => new Float64Array(count)) : undefined;
    const filled = new Int32Array(counts.length);
    for (let offset = 0; offset < size; offset++) {
      const n = groupOf[offset] as number;
      if (n < 0) continue;
      const at = filled[n] as number;
      filled[n] = at + 1;
      (offsetsOf[n] as Int32Array)[at] = offset;
      if (valuesOf && values) (valuesOf[n] as Float64Array)[at] = values[offset] as number;
    }
    const groups = new Map<number, Group>();
    keys.forEach((key, n) => {
      const offsets = offsetsOf[n] as Int32Array;
      const ordered = valuesOf?.[n];
      // A typed array sorts its numbers ascending by itself, with no comparator called per pair.
      groups.set(
        key,
        ordered ? { offsets, values: ordered, sortedValues: ordered.slice().sort() } : { offsets }
      );
    });
    return { groups, columns };
  }
}

/** Appends a column's key number to a combined key: a mixed-radix number, exact while under 2^53. */
function composite(key: number, id: number, column: ColumnKeys): number {
  return key * (column.idOf.size + 1) + id;
}

/** What an index can do with a criterion: find rows by its key, order by its number, take its "<>text" out, or nothing. */
const EQUALITY = 0;
const ORDERING = 1;
const EXCLUSION = 2;
const UNINDEXED = 3;

function kindOf(criterion: Criterion): number {
  if (hasEqualityKey(criterion)) return EQUALITY;
  const { op, operand } = criterion;
  if (operand.kind === "number" && (op === "<" || op === "<=" || op === ">" || op === ">="))
    return ORDERING;
  if (op === "<>" && operand.kind === "text" && !operand.pattern) return EXCLUSION;
  return UNINDEXED;
}

/** The plan for criteria of these kinds (one ordering and one exclusion at most), or undefined: a scan. */
function planOf(criteria: readonly Criterion[]): Plan | undefined {
  const equality: number[] = [];
  let ordering: number | undefined;
  let excluded: number | undefined;
  for (let i = 0; i < criteria.length; i++) {
    const kind = kindOf(criteria[i] as Criterion);
    if (kind === EQUALITY) equality.push(i);
    else if (kind === ORDERING && ordering === undefined) ordering = i;
    else if (kind === EXCLUSION && excluded === undefined) excluded = i;
    else return undefined;
  }
  return { equality, ordering, excluded };
}

interface CriteriaPairs {
  readonly ranges: readonly RangeRef[];
  readonly criteria: readonly Criterion[];
}

/** A "<>text" criterion split: the other criteria alone, and with "=text" in its place. */
function complement(
  ranges: readonly RangeRef[],
  criteria: readonly Criterion[],
  excluded: number
): { without: CriteriaPairs; withIt: CriteriaPairs } {
  const others = (list: readonly RangeRef[] | readonly Criterion[]) =>
    list.filter((_item, i) => i !== excluded);
  const flipped: Criterion = { ...(criteria[excluded] as Criterion), op: "=" };
  return {
    without: { ranges: others(ranges) as RangeRef[], criteria: others(criteria) as Criterion[] },
    withIt: { ranges, criteria: criteria.map((c, i) => (i === excluded ? flipped : c)) },
  };
}

/** The group's offsets in the order of its sorted numbers (ties in sheet order), made once. */
function sortedOffsets(group: Group): Int32Array {
  if (!group.sortedOffsets) {
    const values = group.values as Float64Array;
    // A plain array's sort is stable (ties stay in sheet order).
    const order = Array.from({ length: group.offsets.length }, (_u, i) => i).sort(
      (a, b) => (values[a] as number) - (values[b] as number)
    );
    const offsets = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) offsets[i] = group.offsets[order[i] as number] as number;
    group.sortedOffsets = offsets;
  }
  return group.sortedOffsets;
}

/** Where the group's sorted numbers that meet a numeric ordering criterion start (see spanEnd). */
function spanStart(group: Group, criterion: Criterion): number {
  const values = group.sortedValues as Float64Array;
  const v = (criterion.operand as { value: number }).value;
  switch (criterion.op) {
    case ">":
      return upperBound(values, v); // first index with value > v
    case ">=":
      return lowerBound(values, v); // first index with value >= v
    default:
      return 0;
  }
}

/** Where they end (exclusive): [spanStart, spanEnd) meets the criterion. */
function spanEnd(group: Group, criterion: Criterion): number {
  const values = group.sortedValues as Float64Array;
  const v = (criterion.operand as { value: number }).value;
  switch (criterion.op) {
    case "<":
      return lowerBound(values, v);
    case "<=":
      return upperBound(values, v);
    default:
      return values.length;
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

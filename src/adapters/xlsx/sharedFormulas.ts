/**
 * Shared formulas (ECMA-376 §18.3.1.40, `<f t="shared">`): a run of cells down one column whose formulas
 * are the same formula shifted by one row each is written once, on the run's first cell (the master), and
 * the others only name the group. A 20,000-row 考核表 then carries a few dozen formula texts instead of
 * hundreds of thousands, which is most of the time and size of the written package.
 */
import { formulaOf } from "../../engine";
import type { CellAddress, FormulaNode, CellPlan, FormulaContent } from "../../engine";

const MAX_ROW = 1_048_576;

/**
 * True when `other` is `master` moved down `rowOffset` rows, as a spreadsheet moves a formula when it
 * fills it down: row parts without `$` move, everything else (columns, `$` rows, sheet names, defined
 * names, literals, functions) must match literally. Only what this proves equal may share a formula.
 */
export function equalWhenShifted(
  master: FormulaNode,
  other: FormulaNode,
  rowOffset: number
): boolean {
  switch (master.kind) {
    case "number":
    case "text":
    case "bool":
      return other.kind === master.kind && other.value === master.value;
    case "ref":
      return (
        other.kind === "ref" &&
        other.sheet === master.sheet &&
        addressShifted(master.at, other.at, rowOffset)
      );
    case "range":
      return (
        other.kind === "range" &&
        other.sheet === master.sheet &&
        addressShifted(master.from, other.from, rowOffset) &&
        addressShifted(master.to, other.to, rowOffset)
      );
    case "name":
      return other.kind === "name" && other.name === master.name;
    case "call": {
      if (
        other.kind !== "call" ||
        other.fn !== master.fn ||
        other.args.length !== master.args.length
      )
        return false;
      for (let i = 0; i < master.args.length; i++) {
        if (
          !equalWhenShifted(master.args[i] as FormulaNode, other.args[i] as FormulaNode, rowOffset)
        )
          return false;
      }
      return true;
    }
    case "binary":
      return (
        other.kind === "binary" &&
        other.op === master.op &&
        equalWhenShifted(master.left, other.left, rowOffset) &&
        equalWhenShifted(master.right, other.right, rowOffset)
      );
    case "negate":
      return other.kind === "negate" && equalWhenShifted(master.operand, other.operand, rowOffset);
    case "empty":
      return other.kind === "empty";
  }
}

function addressShifted(master: CellAddress, other: CellAddress, rowOffset: number): boolean {
  if (
    other.col !== master.col ||
    !other.colAbsolute !== !master.colAbsolute ||
    !other.rowAbsolute !== !master.rowAbsolute
  )
    return false;
  if (master.rowAbsolute) return other.row === master.row;
  // Excel refuses a shared formula whose shifted refs leave the sheet; a proven follower's own ref is that shift.
  return other.row === master.row + rowOffset && other.row <= MAX_ROW;
}

/** How one cell writes its formula: the run's master (with its range and group id), a follower, or on its own. */
export type SharedFormulaRole =
  | { readonly kind: "master"; readonly si: number; readonly lastRow: number }
  | { readonly kind: "follower"; readonly si: number };

interface OpenRun {
  readonly index: number;
  readonly masterIndex: number;
  readonly masterRow: number;
  readonly masterContent: FormulaContent;
  /** The master's tree, built only when a cell not filled from the master's base must be compared with it. */
  master: FormulaNode | undefined;
  lastRow: number;
}

/**
 * True when `content` continues `run` one row down: by identity when both were filled down from one base
 * (offsets stepping with rows, refs kept on the sheet), else by comparing trees.
 */
function continuesRun(
  run: OpenRun,
  content: FormulaContent,
  row: number,
  deepestRow: (base: FormulaNode) => number
): boolean {
  if (run.lastRow !== row - 1) return false;
  const rowOffset = row - run.masterRow;
  const master = run.masterContent;
  if (content.kind === "filled" && master.kind === "filled" && content.base === master.base) {
    return (
      content.offset - master.offset === rowOffset &&
      deepestRow(content.base) + content.offset <= MAX_ROW
    );
  }
  run.master ??= formulaOf(master);
  return equalWhenShifted(run.master, formulaOf(content), rowOffset);
}

/**
 * Functions whose formulas are written whole in each cell, never shared. COUNTIFS: LibreOffice in its default
 * mode (no recalculation on load) drops the cached values of shared-formula cells and computes them again one by
 * one while saving; for 考核表's rank, a COUNTIFS over every row, that doubled the save of 10,000 rows (about 18 s
 * shared, 10–12 s written whole; docs/decisions/0007).
 */
const NEVER_SHARED = new Set(["COUNTIFS"]);

function callsNeverShared(node: FormulaNode): boolean {
  switch (node.kind) {
    case "call":
      return NEVER_SHARED.has(node.fn) || node.args.some(callsNeverShared);
    case "binary":
      return callsNeverShared(node.left) || callsNeverShared(node.right);
    case "negate":
      return callsNeverShared(node.operand);
    default:
      return false;
  }
}

/** The lowest row a formula's row-relative refs reach (0 when none); only those move when it is filled down. */
export function deepestRelativeRow(node: FormulaNode): number {
  switch (node.kind) {
    case "number":
    case "text":
    case "bool":
    case "name":
    case "empty":
      return 0;
    case "ref":
      return node.at.rowAbsolute ? 0 : node.at.row;
    case "range":
      return Math.max(
        node.from.rowAbsolute ? 0 : node.from.row,
        node.to.rowAbsolute ? 0 : node.to.row
      );
    case "call":
      return node.args.reduce((deepest, arg) => Math.max(deepest, deepestRelativeRow(arg)), 0);
    case "binary":
      return Math.max(deepestRelativeRow(node.left), deepestRelativeRow(node.right));
    case "negate":
      return deepestRelativeRow(node.operand);
  }
}

/**
 * The shared-formula role of each cell of `cells` (ordered by row, then column), by index; undefined where a
 * cell writes its own formula or has none. Runs of one cell are not shared. Group ids (`si`) count from 0
 * in the order the masters appear. Cells filled down from one base (kind "filled") join a run by that identity,
 * without building or comparing their trees; any other formula is compared with the run's master.
 */
export function sharedFormulaRoles(cells: Iterable<CellPlan>): (SharedFormulaRole | undefined)[] {
  const runs = new SharedFormulaRuns();
  let count = 0;
  for (const cell of cells) runs.add(cell, count++);
  const roleOf = runs.finish();
  return Array.from({ length: count }, (_, i) => roleOf(i));
}

/**
 * sharedFormulaRoles one cell at a time, for cells visited without an array: `add` every cell in order with its
 * index, then `finish` gives each index's role. Four bytes a cell while the roles are read.
 */
export class SharedFormulaRuns {
  private readonly openByColumn = new Map<number, OpenRun>();
  private readonly runs: OpenRun[] = [];
  private runOfCell: Int32Array;
  private readonly deepestByBase = new Map<FormulaNode, number>();
  private readonly unsharedByBase = new Map<FormulaNode, boolean>();

  /** `expected`: how many cells will be added (more may be). */
  constructor(expected = 1024) {
    this.runOfCell = new Int32Array(Math.max(expected, 16));
  }

  private neverShared(content: FormulaContent): boolean {
    if (content.kind === "formula") return callsNeverShared(content.formula);
    let found = this.unsharedByBase.get(content.base);
    if (found === undefined) {
      found = callsNeverShared(content.base);
      this.unsharedByBase.set(content.base, found);
    }
    return found;
  }

  private readonly deepestRow = (base: FormulaNode): number => {
    let deepest = this.deepestByBase.get(base);
    if (deepest === undefined) {
      deepest = deepestRelativeRow(base);
      this.deepestByBase.set(base, deepest);
    }
    return deepest;
  };

  add(cell: CellPlan, i: number): void {
    if (i >= this.runOfCell.length) {
      const grown = new Int32Array(this.runOfCell.length * 2);
      grown.set(this.runOfCell);
      this.runOfCell = grown;
    }
    this.runOfCell[i] = -1;
    const content = cell.content;
    if ((content.kind !== "formula" && content.kind !== "filled") || this.neverShared(content)) {
      this.openByColumn.delete(cell.col);
      return;
    }
    const open = this.openByColumn.get(cell.col);
    if (open && continuesRun(open, content, cell.row, this.deepestRow)) {
      open.lastRow = cell.row;
      this.runOfCell[i] = open.index;
      return;
    }
    const run: OpenRun = {
      index: this.runs.length,
      masterIndex: i,
      masterRow: cell.row,
      masterContent: content,
      master: undefined,
      lastRow: cell.row,
    };
    this.runOfCell[i] = run.index;
    this.runs.push(run);
    this.openByColumn.set(cell.col, run);
  }

  /** The role of the cell added with index `i`. */
  finish(): (i: number) => SharedFormulaRole | undefined {
    // One role object per run: followers of a run share it.
    const masterRoles: (SharedFormulaRole | undefined)[] = [];
    const followerRoles: (SharedFormulaRole | undefined)[] = [];
    let nextSi = 0;
    for (const run of this.runs) {
      if (run.lastRow === run.masterRow) continue;
      const si = nextSi++;
      masterRoles[run.index] = { kind: "master", si, lastRow: run.lastRow };
      followerRoles[run.index] = { kind: "follower", si };
    }
    const runOfCell = this.runOfCell;
    const runs = this.runs;
    this.openByColumn.clear();
    return (i) => {
      const runIndex = runOfCell[i] ?? -1;
      if (runIndex < 0) return undefined;
      return runs[runIndex]?.masterIndex === i ? masterRoles[runIndex] : followerRoles[runIndex];
    };
  }
}

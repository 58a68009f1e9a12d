/**
 * Moves a formula down the sheet the way filling it down does: row parts without `$` move by `offset`,
 * everything else stays. Subtrees that hold no moving ref are reused, not copied, so a 20,000-row column
 * built from one row's formula shares its constants, names and absolute ranges.
 */
import type { CellAddress, FormulaNode } from "../formula/ast";

/**
 * `moved`, when given, maps each node already moved by this `offset` to its copy: pass one map for all the
 * formulas of a row that are kept, so a subtree they share (a judge's score, a COUNT used twice) stays one object.
 *
 * @example
 * shiftRows(op(ref(3, 1), '+', ref(1, 4, { absolute: true })), 2) // A5+$D$1
 */
export function shiftRows(
  node: FormulaNode,
  offset: number,
  moved?: Map<FormulaNode, FormulaNode>
): FormulaNode {
  if (
    offset === 0 ||
    node.kind === "number" ||
    node.kind === "text" ||
    node.kind === "name" ||
    node.kind === "bool"
  )
    return node;
  if (!moved) return shiftNode(node, offset, undefined);
  const known = moved.get(node);
  if (known) return known;
  const shifted = shiftNode(node, offset, moved);
  moved.set(node, shifted);
  return shifted;
}

function shiftNode(
  node: FormulaNode,
  offset: number,
  moved: Map<FormulaNode, FormulaNode> | undefined
): FormulaNode {
  switch (node.kind) {
    case "number":
    case "text":
    case "bool":
    case "name":
    case "empty":
      return node;
    case "ref": {
      if (node.at.rowAbsolute) return node;
      const at = shiftAddress(node.at, offset);
      return node.sheet === undefined
        ? { kind: "ref", at }
        : { kind: "ref", sheet: node.sheet, at };
    }
    case "range": {
      if (node.from.rowAbsolute && node.to.rowAbsolute) return node;
      const from = node.from.rowAbsolute ? node.from : shiftAddress(node.from, offset);
      const to = node.to.rowAbsolute ? node.to : shiftAddress(node.to, offset);
      return node.sheet === undefined
        ? { kind: "range", from, to }
        : { kind: "range", sheet: node.sheet, from, to };
    }
    case "call": {
      // A preallocated array, filled in order: measured faster than copying lazily on the first change.
      const args = new Array<FormulaNode>(node.args.length);
      let changed = false;
      for (let i = 0; i < args.length; i++) {
        const arg = node.args[i] as FormulaNode;
        const shifted = shiftRows(arg, offset, moved);
        if (shifted !== arg) changed = true;
        args[i] = shifted;
      }
      return changed ? { kind: "call", fn: node.fn, args } : node;
    }
    case "binary": {
      const left = shiftRows(node.left, offset, moved);
      const right = shiftRows(node.right, offset, moved);
      return left === node.left && right === node.right
        ? node
        : { kind: "binary", op: node.op, left, right };
    }
    case "negate": {
      const operand = shiftRows(node.operand, offset, moved);
      return operand === node.operand ? node : { kind: "negate", operand };
    }
  }
}

function shiftAddress(at: CellAddress, offset: number): CellAddress {
  // Only relative rows reach here; the column keeps its own `$`.
  return at.colAbsolute
    ? { row: at.row + offset, col: at.col, colAbsolute: true }
    : { row: at.row + offset, col: at.col };
}

type FillStep = (built: FormulaNode[], offset: number) => FormulaNode;

/**
 * Prepares `formulas` (one row's) to be moved to any row: the nodes that move are found once, and each row
 * then builds only those, in one pass without lookups. Same result as shiftRows with one `moved` map per row,
 * including subtrees shared between the formulas.
 *
 * @example
 * const fill = rowFiller([op(ref(3, 1), '+', num(1))]);
 * fill(2) // [A5+1]
 */
export function rowFiller(formulas: readonly FormulaNode[]): (offset: number) => FormulaNode[] {
  const steps: FillStep[] = [];
  const stepOf = new Map<FormulaNode, number>();
  const fixed = new Set<FormulaNode>();
  // The index of the step that builds `node`, or -1 when it never moves. Children get their steps first.
  const prepare = (node: FormulaNode): number => {
    if (fixed.has(node)) return -1;
    const known = stepOf.get(node);
    if (known !== undefined) return known;
    const step = stepFor(node, prepare);
    if (!step) {
      fixed.add(node);
      return -1;
    }
    stepOf.set(node, steps.length);
    steps.push(step);
    return steps.length - 1;
  };
  const roots = formulas.map(prepare);
  return (offset) => {
    if (offset === 0) return [...formulas];
    const built = new Array<FormulaNode>(steps.length);
    for (let k = 0; k < steps.length; k++) built[k] = (steps[k] as FillStep)(built, offset);
    return roots.map((step, i) =>
      step < 0 ? (formulas[i] as FormulaNode) : (built[step] as FormulaNode)
    );
  };
}

/** How to build `node` moved down, from its children's builds; undefined when nothing in it moves. */
function stepFor(node: FormulaNode, prepare: (child: FormulaNode) => number): FillStep | undefined {
  switch (node.kind) {
    case "number":
    case "text":
    case "bool":
    case "name":
    case "empty":
      return undefined;
    case "ref": {
      if (node.at.rowAbsolute) return undefined;
      const { at, sheet } = node;
      return sheet === undefined
        ? (_built, offset) => ({ kind: "ref", at: shiftAddress(at, offset) })
        : (_built, offset) => ({ kind: "ref", sheet, at: shiftAddress(at, offset) });
    }
    case "range": {
      const { from, to, sheet } = node;
      if (from.rowAbsolute && to.rowAbsolute) return undefined;
      const corner = (address: CellAddress, offset: number): CellAddress =>
        address.rowAbsolute ? address : shiftAddress(address, offset);
      return sheet === undefined
        ? (_built, offset) => ({
            kind: "range",
            from: corner(from, offset),
            to: corner(to, offset),
          })
        : (_built, offset) => ({
            kind: "range",
            sheet,
            from: corner(from, offset),
            to: corner(to, offset),
          });
    }
    case "call": {
      const argSteps = node.args.map(prepare);
      if (argSteps.every((step) => step < 0)) return undefined;
      const { fn, args: fixedArgs } = node;
      return (built) => {
        const args = new Array<FormulaNode>(argSteps.length);
        for (let i = 0; i < args.length; i++) {
          const step = argSteps[i] as number;
          args[i] = (step < 0 ? fixedArgs[i] : built[step]) as FormulaNode;
        }
        return { kind: "call", fn, args };
      };
    }
    case "binary": {
      const leftStep = prepare(node.left);
      const rightStep = prepare(node.right);
      if (leftStep < 0 && rightStep < 0) return undefined;
      const { op, left, right } = node;
      return (built) => ({
        kind: "binary",
        op,
        left: leftStep < 0 ? left : (built[leftStep] as FormulaNode),
        right: rightStep < 0 ? right : (built[rightStep] as FormulaNode),
      });
    }
    case "negate": {
      const operandStep = prepare(node.operand);
      if (operandStep < 0) return undefined;
      return (built) => ({ kind: "negate", operand: built[operandStep] as FormulaNode });
    }
  }
}

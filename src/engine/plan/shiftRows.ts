/**
 * Moves a formula down the sheet the way filling it down does: row parts without `$` move by `offset`,
 * everything else stays. Subtrees that hold no moving ref are reused, not copied, so a 20,000-row column
 * built from one row's formula shares its constants, names and absolute ranges.
 */
import type { CellAddress, FormulaNode } from "../formula/ast";
import type { CellContent, CellPlan, FormulaContent, ScalarValue, SheetPlan } from "./SheetPlan";

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

/** True for a cell that computes: a formula written out or one filled down. */
export function isFormulaContent(content: CellContent): content is FormulaContent {
  return content.kind === "formula" || content.kind === "filled";
}

/**
 * The formula a computing cell holds: its own, or its fill-down's base moved down its offset.
 *
 * @example
 * formulaOf({ kind: 'filled', base: op(ref(3, 1), '+', num(1)), offset: 2, cached: null }) // A5+1
 */
export function formulaOf(content: FormulaContent): FormulaNode {
  return content.kind === "formula" ? content.formula : shiftRows(content.base, content.offset);
}

/**
 * The value cached for a formula cell: the sheet's cached values where it holds them, else the content's own.
 *
 * @example cachedValueOf(sheet, cell, cell.content) // 88.5, as '考核表'!M3 shows before any recalculation
 */
export function cachedValueOf(
  sheet: SheetPlan,
  cell: CellPlan,
  content: FormulaContent
): ScalarValue {
  return sheet.cachedValues ? sheet.cachedValues.at(cell.row, cell.col) : content.cached;
}

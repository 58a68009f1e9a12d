/**
 * Renames sheets and defined names throughout a plan: sheet plans, every formula (cells, validations,
 * conditional formats, names) and every link. The compilers write default names; a workbook where a name is
 * taken, or where a person renamed a generated sheet, gets the names chosen for it here, in one pass.
 * Shared subtrees stay shared: a column filled down from one formula is still one fill after renaming.
 */
import type { FormulaNode } from "../formula/ast";
import { cellsChanged } from "./ColumnRunCells";
import type { CellContent, CellPlan, SheetPlan, WorkbookPlan } from "./SheetPlan";

export interface PlanRenames {
  /** Default sheet name → name to use. */
  readonly sheets: ReadonlyMap<string, string>;
  /** Defined name → name to use. */
  readonly names: ReadonlyMap<string, string>;
}

/** The plan with every sheet and name renamed as asked; the same plan object when nothing is renamed. */
export function renamePlan(plan: WorkbookPlan, renames: PlanRenames): WorkbookPlan {
  if (renames.sheets.size === 0 && renames.names.size === 0) return plan;
  const memo = new Map<FormulaNode, FormulaNode>();
  const sheetOf = (sheet: string): string => renames.sheets.get(sheet) ?? sheet;
  const node = (formula: FormulaNode): FormulaNode => renameNode(formula, renames, memo);
  const filled = new Map<FormulaNode, FormulaNode>();

  const content = (c: CellContent): CellContent => {
    if (c.kind === "filled") {
      // One renamed base per base: the column stays one fill-down.
      const base = filled.get(c.base) ?? node(c.base);
      filled.set(c.base, base);
      return base === c.base ? c : { ...c, base };
    }
    if (c.kind !== "formula") return c;
    const formula = node(c.formula);
    return formula === c.formula ? c : { ...c, formula };
  };
  const cell = (c: CellPlan): CellPlan => {
    const renamedContent = content(c.content);
    const link =
      c.link === undefined || !renames.sheets.has(c.link.sheet)
        ? c.link
        : { ...c.link, sheet: sheetOf(c.link.sheet) };
    if (renamedContent === c.content && link === c.link) return c;
    return { ...c, content: renamedContent, ...(link === undefined ? {} : { link }) };
  };
  const sheet = (s: SheetPlan): SheetPlan => ({
    ...s,
    name: sheetOf(s.name),
    cells: cellsChanged(s.cells, cell),
    validations: s.validations.map((v) =>
      v.rule.type === "list"
        ? v
        : { ...v, rule: { ...v.rule, min: node(v.rule.min), max: node(v.rule.max) } }
    ),
    conditionalFormats: s.conditionalFormats.map((f) => ({ ...f, when: node(f.when) })),
  });
  return {
    ...plan,
    sheets: plan.sheets.map(sheet),
    names: plan.names.map((n) => ({
      ...n,
      name: renames.names.get(n.name) ?? n.name,
      refersTo: node(n.refersTo),
    })),
  };
}

function renameNode(
  node: FormulaNode,
  renames: PlanRenames,
  memo: Map<FormulaNode, FormulaNode>
): FormulaNode {
  const known = memo.get(node);
  if (known) return known;
  const renamed = renameOnce(node, renames, memo);
  memo.set(node, renamed);
  return renamed;
}

function renameOnce(
  node: FormulaNode,
  renames: PlanRenames,
  memo: Map<FormulaNode, FormulaNode>
): FormulaNode {
  switch (node.kind) {
    case "number":
    case "text":
    case "bool":
    case "empty":
      return node;
    case "name": {
      const to = renames.names.get(node.name);
      return to === undefined ? node : { kind: "name", name: to };
    }
    case "ref":
    case "range": {
      const to = node.sheet === undefined ? undefined : renames.sheets.get(node.sheet);
      return to === undefined ? node : { ...node, sheet: to };
    }
    case "call": {
      const args = node.args.map((arg) => renameNode(arg, renames, memo));
      return args.every((arg, i) => arg === node.args[i]) ? node : { ...node, args };
    }
    case "binary": {
      const left = renameNode(node.left, renames, memo);
      const right = renameNode(node.right, renames, memo);
      return left === node.left && right === node.right ? node : { ...node, left, right };
    }
    case "negate": {
      const operand = renameNode(node.operand, renames, memo);
      return operand === node.operand ? node : { kind: "negate", operand };
    }
  }
}

/**
 * Small workbooks for formula tests, written as a person fills cells: `{ Data: { A1: 5, A2: "x", B1: "=A1*2" } }`.
 * Text starting with "=" is a formula (test/support/formulaText.ts reads it). The same book is an interpreter
 * context (`SpecBook`) and, through `bookPlan`, a WorkbookPlan the xlsx writer turns into a file for LibreOffice.
 */
import { parseA1 } from "../../src/engine/core/CellRef";
import type { FormulaNode } from "../../src/engine/formula/ast";
import {
  FormulaError,
  Interpreter,
  type CellValue,
  type InterpreterOptions,
  type WorkbookContext,
} from "../../src/engine/interpret";
import type { CellContent, CellPlan, WorkbookPlan } from "../../src/engine/plan/SheetPlan";
import { parseFormula } from "./formulaText";

export type CellSpec = number | string | boolean;

export interface BookSpec {
  readonly sheets: Readonly<Record<string, Readonly<Record<string, CellSpec>>>>;
  /** Defined names (workbook scope) → formula text such as "Data!$A$1:$A$3" or "0.8". */
  readonly names?: Readonly<Record<string, string>>;
  readonly today?: number;
}

interface SpecCell {
  readonly value?: CellValue;
  readonly formula?: FormulaNode;
}

/** A BookSpec as a WorkbookContext: formulas computed on demand, a cell that needs itself is a cycle error. */
export class SpecBook implements WorkbookContext {
  readonly today: number | undefined;
  readonly interpreter: Interpreter;
  private readonly sheetNames: string[];
  private readonly cells: Map<string, SpecCell>[] = [];
  private readonly names = new Map<string, FormulaNode>();
  private readonly computed = new Map<string, CellValue>();
  private readonly inProgress = new Set<string>();

  constructor(spec: BookSpec, options: InterpreterOptions = {}) {
    this.today = spec.today;
    this.sheetNames = Object.keys(spec.sheets);
    for (const name of this.sheetNames) {
      const cells = new Map<string, SpecCell>();
      for (const [a1, content] of Object.entries(spec.sheets[name] ?? {})) {
        const { row, col } = parseA1(a1);
        cells.set(
          `${row}:${col}`,
          typeof content === "string" && content.startsWith("=")
            ? { formula: parseFormula(content) }
            : { value: content }
        );
      }
      this.cells.push(cells);
    }
    for (const [name, text] of Object.entries(spec.names ?? {}))
      this.names.set(name.toUpperCase(), parseFormula(text));
    this.interpreter = new Interpreter(this, options);
  }

  sheetIndex(name: string): number | undefined {
    const i = this.sheetNames.indexOf(name);
    return i === -1 ? undefined : i;
  }

  definedName(name: string): FormulaNode | undefined {
    return this.names.get(name.toUpperCase());
  }

  cellValue(sheet: number, row: number, col: number): CellValue {
    const key = `${sheet}:${row}:${col}`;
    if (this.computed.has(key)) return this.computed.get(key) as CellValue;
    const cell = this.cells[sheet]?.get(`${row}:${col}`);
    if (!cell) return null;
    if (!cell.formula) return cell.value ?? null;
    if (this.inProgress.has(key)) return FormulaError.cycle;
    this.inProgress.add(key);
    try {
      const value = this.interpreter.evaluateCell(cell.formula, { sheet, row, col });
      this.computed.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The value of the cell `Sheet!A1` (or `A1` on the first sheet). */
  value(ref: string): CellValue {
    const [sheetName, a1] = ref.includes("!") ? ref.split("!") : [this.sheetNames[0], ref];
    const sheet = this.sheetIndex(sheetName as string);
    if (sheet === undefined) throw new Error(`no sheet ${sheetName}`);
    const { row, col } = parseA1(a1 as string);
    return this.cellValue(sheet, row, col);
  }

  /** Evaluates formula text as if typed into `at` (default: first sheet, Z1000, far from the data). */
  evaluate(formula: string, at = { sheet: 0, row: 1000, col: 26 }): CellValue {
    return this.interpreter.evaluateCell(parseFormula(formula), at);
  }
}

/** The book as a WorkbookPlan: what the xlsx writer renders for LibreOffice. Formulas carry no cached value. */
export function bookPlan(spec: BookSpec): WorkbookPlan {
  return {
    sheets: Object.entries(spec.sheets).map(([name, cells]) => ({
      name,
      cells: Object.entries(cells).map(([a1, content]): CellPlan => {
        const { row, col } = parseA1(a1);
        return { row, col, content: contentOf(content) };
      }),
      columns: [],
      merges: [],
      validations: [],
      conditionalFormats: [],
    })),
    names: Object.entries(spec.names ?? {}).map(([name, text]) => ({
      name,
      refersTo: parseFormula(text),
    })),
    styles: {},
  };
}

function contentOf(content: CellSpec): CellContent {
  if (typeof content === "number") return { kind: "number", value: content };
  if (typeof content === "boolean") return { kind: "bool", value: content };
  if (content.startsWith("="))
    return { kind: "formula", formula: parseFormula(content), cached: null };
  return { kind: "text", text: content };
}

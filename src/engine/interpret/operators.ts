/** Operators and element-wise application, shared by the interpreter and the functions. */
import type { BinaryOperator } from "../formula/ast";
import { add, compareValues, subtract, toNumber, toText } from "./coerce";
import { ArrayValue, FormulaError, type CellValue } from "./values";

/** Applies `fn` to every element of a value that may be an array. */
export function mapValues(
  value: CellValue | ArrayValue,
  fn: (value: CellValue) => CellValue
): CellValue | ArrayValue {
  if (!(value instanceof ArrayValue)) return fn(value);
  return new ArrayValue(value.rows, value.cols, value.values.map(fn));
}

/**
 * Element-wise over arrays of any shapes, as Excel does: a one-row or one-column array (or a single value) is
 * repeated along the other dimension; where shapes do not meet, the element is #N/A.
 */
export function broadcast(
  operands: readonly (CellValue | ArrayValue)[],
  fn: (values: CellValue[]) => CellValue
): ArrayValue {
  let rows = 1;
  let cols = 1;
  for (const operand of operands) {
    if (operand instanceof ArrayValue) {
      rows = Math.max(rows, operand.rows);
      cols = Math.max(cols, operand.cols);
    }
  }
  const values = new Array<CellValue>(rows * cols);
  const args = new Array<CellValue>(operands.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      for (let k = 0; k < operands.length; k++) {
        const operand = operands[k] as CellValue | ArrayValue;
        if (!(operand instanceof ArrayValue)) args[k] = operand;
        else {
          const rr = operand.rows === 1 ? 0 : r;
          const cc = operand.cols === 1 ? 0 : c;
          args[k] = rr < operand.rows && cc < operand.cols ? operand.at(rr, cc) : FormulaError.na;
        }
      }
      values[r * cols + c] = fn(args);
    }
  }
  return new ArrayValue(rows, cols, values);
}

/** One operator on two values, Excel's coercions and error order (the left error wins). */
export function binaryOperation(op: BinaryOperator, left: CellValue, right: CellValue): CellValue {
  if (left instanceof FormulaError) return left;
  if (right instanceof FormulaError) return right;
  switch (op) {
    case "&": {
      const a = toText(left);
      const b = toText(right);
      if (a instanceof FormulaError) return a;
      if (b instanceof FormulaError) return b;
      return a + b;
    }
    case "=":
      return compareValues(left, right) === 0;
    case "<>":
      return compareValues(left, right) !== 0;
    case "<":
      return compareValues(left, right) < 0;
    case "<=":
      return compareValues(left, right) <= 0;
    case ">":
      return compareValues(left, right) > 0;
    case ">=":
      return compareValues(left, right) >= 0;
    default:
      return arithmetic(op, left, right);
  }
}

function arithmetic(op: "+" | "-" | "*" | "/" | "^", left: CellValue, right: CellValue): CellValue {
  const a = toNumber(left);
  if (a instanceof FormulaError) return a;
  const b = toNumber(right);
  if (b instanceof FormulaError) return b;
  switch (op) {
    case "+":
      return finite(add(a, b));
    case "-":
      return finite(subtract(a, b));
    case "*":
      return finite(a * b);
    case "/":
      return b === 0 ? FormulaError.div0 : finite(a / b);
    case "^":
      // 0^0 is #NUM! in Excel (LibreOffice gives 1).
      return a === 0 && b === 0 ? FormulaError.num : finite(a ** b);
  }
}

/** Excel has no infinities, NaN or negative zero. */
export function finite(value: number): number | FormulaError {
  if (!Number.isFinite(value)) return FormulaError.num;
  return value === 0 ? 0 : value;
}

/**
 * Reads Excel formula text into shifan's FormulaNode, for tests only: the semantics tables are written as a
 * person types formulas, then evaluated by the interpreter and, unparsed, by LibreOffice. The product never
 * parses formulas (they are built as trees), so this stays in test/support.
 */
import type { BinaryOperator, CellAddress, FormulaNode } from "../../src/engine/formula/ast";
import { columnNumber } from "../../src/engine/core/CellRef";

type TokenKind = "number" | "string" | "ident" | "ref" | "op" | "(" | ")" | "," | "end";
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const REF =
  /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*))!)?(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i] as string;
    if (ch === " ") {
      i++;
      continue;
    }
    const number = /^\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|^\.\d+(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: "number", text: number[0] });
      i += number[0].length;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let text = "";
      for (;;) {
        if (j >= source.length) throw new Error(`unterminated string in ${source}`);
        if (source[j] === '"') {
          if (source[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += source[j];
        j++;
      }
      tokens.push({ kind: "string", text });
      i = j + 1;
      continue;
    }
    const ref = REF.exec(rest);
    if (
      ref &&
      !/^[A-Za-z_.\d]/.test(rest.slice(ref[0].length)) &&
      !rest.slice(ref[0].length).startsWith("(")
    ) {
      tokens.push({ kind: "ref", text: ref[0] });
      i += ref[0].length;
      continue;
    }
    const ident = /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*/.exec(rest);
    if (ident) {
      tokens.push({ kind: "ident", text: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>])/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0] });
      i += op[0].length;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: ch, text: ch });
      i++;
      continue;
    }
    throw new Error(`cannot read ${JSON.stringify(rest)} in ${source}`);
  }
  tokens.push({ kind: "end", text: "" });
  return tokens;
}

function address(text: string): CellAddress {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(text);
  if (!m) throw new Error(`not an address: ${text}`);
  return {
    row: Number(m[4]),
    col: columnNumber(m[2] as string),
    ...(m[3] ? { rowAbsolute: true } : {}),
    ...(m[1] ? { colAbsolute: true } : {}),
  };
}

const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ["=", "<>", "<", "<=", ">", ">="],
  ["&"],
  ["+", "-"],
  ["*", "/"],
  ["^"],
];

/**
 * `=SUM(A1:A3)*2` → FormulaNode (the leading = is optional).
 *
 * @example parseFormula("IF(A1>0,'Data 1'!B2,\"\")")
 */
export function parseFormula(text: string): FormulaNode {
  const tokens = tokenize(text.replace(/^=/, ""));
  let at = 0;
  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const expect = (kind: TokenKind): Token => {
    const token = next();
    if (token.kind !== kind)
      throw new Error(`expected ${kind}, got ${token.text || token.kind} in ${text}`);
    return token;
  };

  const binary = (level: number): FormulaNode => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    const ops = LEVELS[level] as readonly BinaryOperator[];
    while (peek().kind === "op" && ops.includes(peek().text as BinaryOperator)) {
      const op = next().text as BinaryOperator;
      left = { kind: "binary", op, left, right: binary(level + 1) };
    }
    return left;
  };
  const unary = (): FormulaNode => {
    if (peek().kind === "op" && peek().text === "-") {
      next();
      return { kind: "negate", operand: unary() };
    }
    if (peek().kind === "op" && peek().text === "+") {
      next();
      return unary();
    }
    return primary();
  };
  const primary = (): FormulaNode => {
    const token = next();
    switch (token.kind) {
      case "number":
        return { kind: "number", value: Number(token.text) };
      case "string":
        return { kind: "text", value: token.text };
      case "(": {
        const inner = binary(0);
        expect(")");
        return inner;
      }
      case "ref": {
        const m = REF.exec(token.text) as RegExpExecArray;
        const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
        const from = address(m[3] as string);
        const sheetPart = sheet === undefined ? {} : { sheet };
        if (m[4] === undefined) return { kind: "ref", ...sheetPart, at: from };
        return { kind: "range", ...sheetPart, from, to: address(m[4]) };
      }
      case "ident": {
        const upper = token.text.toUpperCase();
        if (peek().kind === "(") {
          next();
          const args: FormulaNode[] = [];
          if (peek().kind === ")") {
            next();
            return { kind: "call", fn: upper.replace(/^_XLFN\./, ""), args };
          }
          for (;;) {
            const t = peek();
            args.push(t.kind === "," || t.kind === ")" ? { kind: "empty" } : binary(0));
            const sep = next();
            if (sep.kind === ")") break;
            if (sep.kind !== ",") throw new Error(`expected , or ) in ${text}`);
          }
          return { kind: "call", fn: upper.replace(/^_XLFN\./, ""), args };
        }
        if (upper === "TRUE" || upper === "FALSE") return { kind: "bool", value: upper === "TRUE" };
        return { kind: "name", name: token.text };
      }
      default:
        throw new Error(`unexpected ${token.text || token.kind} in ${text}`);
    }
  };

  const node = binary(0);
  if (peek().kind !== "end") throw new Error(`unexpected ${peek().text} in ${text}`);
  return node;
}

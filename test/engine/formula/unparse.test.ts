import type { FormulaNode } from "../../../src/engine/formula/ast";
import {
  at,
  atA1,
  bool,
  call,
  empty,
  name,
  neg,
  num,
  op,
  range,
  ref,
  text,
} from "../../../src/engine/formula/build";
import { knownFunctions, lookupFunction } from "../../../src/engine/formula/functions";
import { formatNumber, unparse } from "../../../src/engine/formula/unparse";

const both = (node: FormulaNode, host?: string): [string, string] => [
  unparse(node, "ooxml", host),
  unparse(node, "officejs", host),
];

describe("unparse: every node kind in both dialects", () => {
  it.each<[string, FormulaNode, string, string]>([
    ["number", num(85), "85", "=85"],
    ["negative number", num(-2.5), "-2.5", "=-2.5"],
    ["text", text("是"), '"是"', '="是"'],
    ["bool", bool(true), "TRUE", "=TRUE"],
    ["bool false", bool(false), "FALSE", "=FALSE"],
    ["ref", ref(7, 2), "B7", "=B7"],
    ["absolute ref", ref(7, 2, { absolute: true }), "$B$7", "=$B$7"],
    ["row-absolute ref", ref(7, 2, { absolute: "row" }), "B$7", "=B$7"],
    ["column-absolute ref", ref(7, 2, { absolute: "col" }), "$B7", "=$B7"],
    ["ref on another sheet", ref(1, 28, { sheet: "评分" }), "'评分'!AB1", "='评分'!AB1"],
    ["range", range("$C$2", "$G$2"), "$C$2:$G$2", "=$C$2:$G$2"],
    [
      "range on another sheet",
      range(at(2, 1), at(30, 1), "名单"),
      "'名单'!A2:A30",
      "='名单'!A2:A30",
    ],
    ["defined name", name("PassLine"), "PassLine", "=PassLine"],
    ["call", call("ROUND", ref(2, 3), num(2)), "ROUND(C2,2)", "=ROUND(C2,2)"],
    ["call without arguments", call("TODAY"), "TODAY()", "=TODAY()"],
    [
      "call with an omitted argument",
      call("IF", ref(1, 1), empty(), num(0)),
      "IF(A1,,0)",
      "=IF(A1,,0)",
    ],
    ["binary", op(ref(1, 1), "+", num(1)), "A1+1", "=A1+1"],
    ["negate", neg(ref(1, 1)), "-A1", "=-A1"],
  ])("%s", (_case, node, ooxml, officejs) => {
    expect(both(node)).toEqual([ooxml, officejs]);
  });

  it("refuses an omitted argument as a whole formula or an operand", () => {
    expect(() => unparse(empty(), "ooxml")).toThrow(/omitted/);
    expect(() => unparse(op(empty(), "+", num(1)), "officejs")).toThrow(/omitted/);
  });

  it("writes the functions Excel 2007 already had without a prefix", () => {
    const node = call(
      "IFERROR",
      call("AVERAGEIFS", range("B2", "B9"), range("A2", "A9"), text("x")),
      call("SUMIFS", range("B2", "B9"), range("A2", "A9"), text("x"), range("C2", "C9"), text("y"))
    );
    expect(unparse(node, "ooxml")).toBe(
      'IFERROR(AVERAGEIFS(B2:B9,A2:A9,"x"),SUMIFS(B2:B9,A2:A9,"x",C2:C9,"y"))'
    );
    expect(unparse(call("COUNTIFS", range("A2", "A9"), text(">1")), "ooxml")).toBe(
      'COUNTIFS(A2:A9,">1")'
    );
  });

  it("adds _xlfn. in OOXML only, for functions newer than Excel 2007", () => {
    const node = call("IFNA", call("MATCH", ref(1, 1), range("B1", "B9"), num(0)), text(""));
    expect(both(node)).toEqual(['_xlfn.IFNA(MATCH(A1,B1:B9,0),"")', '=IFNA(MATCH(A1,B1:B9,0),"")']);
  });

  it("writes a hand-built lower-case function name in upper case", () => {
    const node: FormulaNode = { kind: "call", fn: "sum", args: [range("A1", "A3")] };
    expect(unparse(node, "ooxml")).toBe("SUM(A1:A3)");
  });
});

describe("unparse: sheet names", () => {
  it.each([
    ["汇总", "'汇总'!A1"],
    ["Score Sheet", "'Score Sheet'!A1"],
    ["Judge's", "'Judge''s'!A1"],
    ["評分 表", "'評分 表'!A1"],
    ["2014", "'2014'!A1"],
  ])("always quotes %s", (sheet, expected) => {
    expect(unparse(ref(1, 1, { sheet }), "ooxml", "other")).toBe(expected);
  });

  it("omits the sheet when it is the host sheet", () => {
    expect(unparse(ref(1, 1, { sheet: "评分" }), "ooxml", "评分")).toBe("A1");
    expect(unparse(range("A1", "B2", "评分"), "officejs", "评分")).toBe("=A1:B2");
  });

  it("keeps the sheet when the host sheet differs or is unknown", () => {
    expect(unparse(ref(1, 1, { sheet: "评分" }), "ooxml", "汇总")).toBe("'评分'!A1");
    expect(unparse(ref(1, 1, { sheet: "评分" }), "ooxml")).toBe("'评分'!A1");
  });

  it.each(["", "a[1]", "a:b", "a/b", "x".repeat(32), "'quoted'"])(
    "refuses the impossible sheet name %j",
    (sheet) => {
      expect(() => unparse(ref(1, 1, { sheet }), "ooxml")).toThrow(/sheet name/);
    }
  );
});

describe("unparse: text literals", () => {
  it("doubles quotes inside text", () => {
    expect(unparse(text('他说"好"'), "ooxml")).toBe('"他说""好"""');
  });

  it("keeps user text that looks like a formula as a quoted literal", () => {
    const userText = '=HYPERLINK("http://x","点此")';
    const node = op(ref(2, 1), "=", text(userText));
    expect(unparse(node, "officejs")).toBe('=A2="=HYPERLINK(""http://x"",""点此"")"');
    // Outside its string literals the formula is only the comparison: no function call leaked out.
    const outsideLiterals = unparse(node, "ooxml").replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideLiterals).toBe('A2=""');
  });

  it("accepts text of exactly 255 characters and refuses 256", () => {
    expect(unparse(text("字".repeat(255)), "ooxml")).toHaveLength(257);
    expect(() => unparse(text("字".repeat(256)), "ooxml")).toThrow(/255/);
  });
});

describe("unparse: numbers", () => {
  it.each<[number, string]>([
    [0, "0"],
    [-0, "0"],
    [0.1, "0.1"],
    [85.5, "85.5"],
    [1e-7, "0.0000001"],
    [1.5e-10, "0.00000000015"],
    [-2.5e-8, "-0.000000025"],
    [1e21, "1000000000000000000000"],
    [1.2345e25, "12345000000000000000000000"],
    [-1e22, "-10000000000000000000000"],
    [100010000000000, "100010000000000"],
    [0.30000000000000004, "0.30000000000000004"],
  ])("writes %p as %s", (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it("never writes an exponent, and reads back to the same double", () => {
    const samples = [
      1e-7,
      1e21,
      123456789e15,
      5e-324,
      1.7976931348623157e308,
      0.1 + 0.2,
      2 ** 60,
      -3.14e-12,
    ];
    for (const value of samples) {
      const written = formatNumber(value);
      expect(written).not.toMatch(/e/i);
      expect(Number(written)).toBe(value);
    }
  });

  it("refuses NaN and infinities", () => {
    expect(() => formatNumber(Number.NaN)).toThrow(/finite/);
    expect(() => unparse({ kind: "number", value: Infinity }, "ooxml")).toThrow(/finite/);
  });
});

describe("unparse: precedence", () => {
  const a = ref(1, 1);
  const b = ref(1, 2);
  const c = ref(1, 3);
  it.each<[string, FormulaNode, string]>([
    ["1-(2-3) keeps its parentheses", op(num(1), "-", op(num(2), "-", num(3))), "1-(2-3)"],
    ["(1-2)-3 needs none", op(op(num(1), "-", num(2)), "-", num(3)), "1-2-3"],
    ["a+(b+c) keeps the evaluation order", op(a, "+", op(b, "+", c)), "A1+(B1+C1)"],
    ["a*b+c", op(op(a, "*", b), "+", c), "A1*B1+C1"],
    ["a*(b+c)", op(a, "*", op(b, "+", c)), "A1*(B1+C1)"],
    ["(a+b)/c", op(op(a, "+", b), "/", c), "(A1+B1)/C1"],
    ["a/(b*c)", op(a, "/", op(b, "*", c)), "A1/(B1*C1)"],
    ["-(a+b)", neg(op(a, "+", b)), "-(A1+B1)"],
    ["-a*b", op(neg(a), "*", b), "(-A1)*B1"],
    ["-(a*b)", neg(op(a, "*", b)), "-(A1*B1)"],
    ["-(-a)", neg(neg(a)), "-(-A1)"],
    ["-(-2)", neg(num(-2)), "-(-2)"],
    ["2^-1", op(num(2), "^", neg(num(1))), "2^(-1)"],
    ["2^(-1) from a negative literal", op(num(2), "^", num(-1)), "2^(-1)"],
    ["(-2)^2 stays a square of -2", op(num(-2), "^", num(2)), "(-2)^2"],
    ["-(2^2) stays negative", neg(op(num(2), "^", num(2))), "-(2^2)"],
    ["(2^3)^2 is parenthesised", op(op(num(2), "^", num(3)), "^", num(2)), "(2^3)^2"],
    ["2^(3^2)", op(num(2), "^", op(num(3), "^", num(2))), "2^(3^2)"],
    ["1-(-2)", op(num(1), "-", num(-2)), "1-(-2)"],
    ['">"&(a+1)', op(text(">"), "&", op(a, "+", num(1))), '">"&A1+1'],
    ["(a&b)=c", op(op(a, "&", b), "=", c), "A1&B1=C1"],
    ["(a=b)=c chains are parenthesised", op(op(a, "=", b), "=", c), "(A1=B1)=C1"],
    ["a>=(b+c)", op(a, ">=", op(b, "+", c)), "A1>=B1+C1"],
    ["(a>=b)+1", op(op(a, ">=", b), "+", num(1)), "(A1>=B1)+1"],
    ["a&(b&c)", op(a, "&", op(b, "&", c)), "A1&(B1&C1)"],
  ])("%s", (_case, node, expected) => {
    expect(unparse(node, "ooxml")).toBe(expected);
  });

  it("writes the criterion formula in the order the engine computes it", () => {
    const scores = range("C2", "G2");
    const trimmed = op(
      op(op(call("SUM", scores), "-", call("MAX", scores)), "-", call("MIN", scores)),
      "/",
      op(call("COUNT", scores), "-", num(2))
    );
    expect(unparse(call("ROUND", trimmed, num(2)), "officejs")).toBe(
      "=ROUND((SUM(C2:G2)-MAX(C2:G2)-MIN(C2:G2))/(COUNT(C2:G2)-2),2)"
    );
  });
});

describe("function whitelist", () => {
  it.each([
    "XLOOKUP",
    "LET",
    "IFS",
    "TEXTJOIN",
    "CONCAT",
    "FILTER",
    "TRIMMEAN",
    "MAXIFS",
    "MINIFS",
  ])("refuses %s in the builder and the unparser", (fn) => {
    expect(() => call(fn, ref(1, 1), ref(1, 2))).toThrow(/refused/);
    const handBuilt: FormulaNode = { kind: "call", fn, args: [ref(1, 1), ref(1, 2)] };
    expect(() => unparse(handBuilt, "ooxml")).toThrow(/refused/);
    expect(() => unparse(handBuilt, "officejs")).toThrow(/refused/);
  });

  it("refuses a name it does not know", () => {
    expect(() => call("WEBSERVICE", text("http://x"))).toThrow(/whitelist/);
    expect(() => unparse({ kind: "call", fn: "CALL", args: [] }, "ooxml")).toThrow(/whitelist/);
  });

  it("refuses a wrong argument count", () => {
    expect(() => call("ROUND", num(1))).toThrow(/2…2 arguments, got 1/);
    expect(() => unparse({ kind: "call", fn: "TODAY", args: [num(1)] }, "ooxml")).toThrow(
      /arguments/
    );
  });

  it("marks MAXIFS and MINIFS as needing _xlfn. yet not allowed", () => {
    for (const fn of ["MAXIFS", "MINIFS"])
      expect(lookupFunction(fn)).toMatchObject({ xlfnPrefix: true, allowed: false });
  });

  it("lists every function the brief requires as allowed", () => {
    const required =
      "SUM COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS SUMIF SUMIFS AVERAGEIFS MAX MIN LARGE SMALL ROUND INT ABS IF IFERROR AND OR NOT ISNUMBER ISBLANK ISTEXT ISERROR N INDEX MATCH VLOOKUP DATE TODAY EDATE YEAR MONTH DAY TEXT LEN TRIM HYPERLINK SUMPRODUCT ROWS CHOOSE".split(
        " "
      );
    for (const fn of required)
      expect(lookupFunction(fn)).toMatchObject({ allowed: true, xlfnPrefix: false });
  });

  it("has one entry per name", () => {
    const names = knownFunctions().map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("builders and names", () => {
  it("reads $ marks from A1 text", () => {
    expect(atA1("$B7")).toEqual({ row: 7, col: 2, colAbsolute: true });
    expect(atA1("B$7")).toEqual({ row: 7, col: 2, rowAbsolute: true });
    expect(atA1("B7")).toEqual({ row: 7, col: 2 });
  });

  it("refuses addresses outside the grid", () => {
    expect(() => unparse(ref(0, 1), "ooxml")).toThrow(/row/);
    expect(() => unparse(ref(1_048_577, 1), "ooxml")).toThrow(/row/);
    expect(() => unparse(ref(1, 16_385), "ooxml")).toThrow(/column/);
    expect(unparse(ref(1_048_576, 16_384), "ooxml")).toBe("XFD1048576");
  });

  it.each(["评分_合计", "PassLine", "_quota.province", "Quota1x"])(
    "accepts the defined name %s",
    (n) => {
      expect(unparse(name(n), "ooxml")).toBe(n);
    }
  );

  it.each(["A1", "XFD5", "R1C1", "R", "TRUE", "has space", "1abc", "a-b", ""])(
    "refuses the defined name %j",
    (n) => {
      expect(() => unparse(name(n), "ooxml")).toThrow(/defined name/);
    }
  );

  it("refuses non-finite numbers at build time", () => {
    expect(() => num(Number.NaN)).toThrow(/finite/);
  });
});

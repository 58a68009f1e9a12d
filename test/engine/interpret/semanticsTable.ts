/**
 * Formula semantics as Excel defines them, case by case, over one small workbook. Each case is a formula
 * typed into Data!Z<n> and the value Excel shows. Where LibreOffice shows something else, `lo` says what and
 * `why` names the difference and its source: the interpreter follows Excel, and shifan's formulas must not
 * depend on such a case (test/engine/interpret/libreofficeSemantics.test.ts holds LibreOffice to `lo`).
 *
 * Cases come in contrasting pairs (blank vs "", direct vs referenced text, a criterion that matches vs one
 * that does not …): each behaviour's failure twin sits next to it.
 */
import type { BookSpec, CellSpec } from "../../support/formulaBook";

/** A value as a cell shows it; null is an empty cell. */
export type Expected = number | string | boolean | null | { readonly error: string };

export interface SemanticsCase {
  readonly formula: string;
  readonly excel: Expected;
  /** LibreOffice's value when it differs from Excel's. */
  readonly lo?: Expected;
  readonly why?: string;
  /** Not computed alike by a recalculating LibreOffice at all (TODAY, circular references): unit test only. */
  readonly unitOnly?: true;
}

export const err = (code: string): Expected => ({ error: code });

/** Where the cases are written: column Z of the data sheet, one row each. */
export const CASE_SHEET = "Data";
export const CASE_COLUMN = "Z";

export const DATA: Readonly<Record<string, CellSpec>> = {
  A1: 1,
  A2: 2,
  A3: "3",
  A4: true,
  // A5 left blank on purpose.
  A6: '=""',
  A7: "abc",
  A8: 0,
  A9: -5.5,
  A10: 10,
  C1: "=1/0",
  C2: "=NA()",
  D1: "Apple",
  D2: "apple pie",
  D3: "banana",
  D4: 85,
  D5: "85",
  // D6 blank.
  D7: '=""',
  D8: "a*b",
  D9: true,
  D10: -3,
  E1: 10,
  E2: 20,
  E3: 30,
  E4: 40,
  E5: 50,
  E6: 60,
  F1: "省级",
  F2: "市级",
  F3: "县级",
  F4: "省级",
  F5: "市级",
  // F6 blank.
  G1: 5,
  G2: 6,
  G3: 7,
  G4: 8,
  G5: 9,
  G6: 10,
  H1: 45292, // 2024-01-01
  H2: 45322, // 2024-01-31
  H3: 45351, // 2024-02-29
  I1: 40,
  I2: 30,
  I3: 20,
  I4: 10,
};

/**
 * LibreOffice has no boolean cell type: TRUE is the number 1 formatted as a boolean (its Help, "Logical
 * functions"; an .xlsx `t="b"` cell is imported so). Wherever Excel skips or spells out a boolean, LibreOffice
 * counts or writes 1. shifan's formulas never put booleans in cells they aggregate, compare with text or join.
 */
const LO_BOOLEAN_IS_ONE = "LibreOffice keeps TRUE as the number 1 (no boolean type)";

export const SEMANTICS_CASES: readonly SemanticsCase[] = [
  // Arithmetic and coercion
  { formula: "=A1+A3", excel: 4 },
  { formula: "=A1+A7", excel: err("#VALUE!") },
  { formula: "=A5+1", excel: 1 },
  { formula: "=A4+1", excel: 2 },
  { formula: "=A6+1", excel: err("#VALUE!") },
  { formula: '="3"*"2"', excel: 6 },
  { formula: '="1,000"+0', excel: 1000 },
  { formula: '="50%"*2', excel: 1 },
  { formula: '="2024-01-31"+0', excel: 45322 },
  { formula: '=" 5 "+0', excel: 5 },
  { formula: '="x5"+0', excel: err("#VALUE!") },
  { formula: "=1/0", excel: err("#DIV/0!") },
  { formula: "=A1/A5", excel: err("#DIV/0!") },
  { formula: "=C1+C2", excel: err("#DIV/0!") },
  { formula: "=C2+C1", excel: err("#N/A") },
  {
    formula: "=0^0",
    excel: err("#NUM!"),
    lo: 1,
    why: "LibreOffice gives 0^0 = 1 (ODFF allows either); Excel #NUM!",
  },
  { formula: "=2^-1", excel: 0.5 },
  { formula: "=-2^2", excel: 4 },
  { formula: "=0.5-0.4-0.1", excel: 0 },
  { formula: "=0.1+0.2=0.3", excel: true },
  { formula: "=0.1+0.2=0.31", excel: false },
  // Comparison: blank takes the other side's type; "" is text; numbers < text < booleans; text ignores case
  { formula: '=A5=""', excel: true },
  { formula: "=A5=0", excel: true },
  { formula: "=A5=FALSE", excel: true },
  { formula: '=A6=""', excel: true },
  { formula: "=A6=0", excel: false },
  { formula: '="abc"="ABC"', excel: true },
  { formula: '="abc"="abd"', excel: false },
  { formula: '="a"<"B"', excel: true },
  { formula: '=1<"0"', excel: true },
  { formula: '="z"<TRUE', excel: true, lo: false, why: `${LO_BOOLEAN_IS_ONE}: "z" > 1` },
  { formula: "=A3=3", excel: false },
  { formula: '=A3="3"', excel: true },
  // Aggregates: typed arguments are converted, referenced text and booleans skipped, errors propagate
  {
    formula: "=SUM(A1:A10)",
    excel: 7.5,
    lo: 8.5,
    why: `${LO_BOOLEAN_IS_ONE}: the TRUE in A4 is summed`,
  },
  {
    formula: '=SUM(A1,"3",TRUE)',
    excel: 5,
    lo: err("#VALUE!"),
    why: 'Excel converts numeric text typed as an argument (SUM reference: "text representations of numbers that you type directly … are counted"); LibreOffice refuses it',
  },
  { formula: '=SUM(A1,"abc")', excel: err("#VALUE!") },
  { formula: "=SUM(A1:A10,C1)", excel: err("#DIV/0!") },
  {
    formula: "=COUNT(A1:A10)",
    excel: 5,
    lo: 6,
    why: `${LO_BOOLEAN_IS_ONE}: A4 counts as a number`,
  },
  { formula: '=COUNT(A3,"3",TRUE)', excel: 2 },
  { formula: "=COUNT(C1:C2)", excel: 0 },
  // The same cells by single references, as a criterion score reads its judges: read once, each function's rule kept.
  { formula: "=SUM(A1,A2,C1)+COUNT(A1,A2,C1)", excel: err("#DIV/0!") },
  { formula: "=COUNT(A1,A2,C1)+MAX(A1,A2,A9)+MIN(A1,A2,A9)", excel: -1.5 },
  // Single-cell references only, as the compiled formulas gather them once per cell (interpret/compileFormula.ts)
  { formula: "=SUM(A1,A3,A5,A6,A7,A10)", excel: 11 },
  { formula: "=AVERAGE(A1,A2,A9,A10)", excel: 1.875 },
  { formula: "=AVERAGE(A5,A7)", excel: err("#DIV/0!") },
  { formula: "=MIN(A5,A7)", excel: 0 },
  { formula: "=COUNT(A1,C1,A9)", excel: 2 },
  { formula: "=SUM(A2,C2)", excel: err("#N/A") },
  { formula: "=COUNTA(A1:A10)", excel: 9 },
  { formula: "=COUNTBLANK(A1:A10)", excel: 2 },
  { formula: "=AVERAGE(A1:A2)", excel: 1.5 },
  { formula: "=AVERAGE(A5:A7)", excel: err("#DIV/0!") },
  {
    formula: "=MAX(A3:A7)",
    excel: 0,
    lo: true,
    why: `${LO_BOOLEAN_IS_ONE}: MAX finds 1 and shows it in A4's boolean format`,
  },
  { formula: "=MIN(A1:A10)", excel: -5.5 },
  { formula: "=MAX(A4,A1)", excel: 1, lo: true, why: `${LO_BOOLEAN_IS_ONE}: 1, shown as TRUE` },
  { formula: "=MAX(TRUE,0)", excel: 1 },
  { formula: "=LARGE(A1:A10,2)", excel: 2 },
  { formula: "=SMALL(A1:A10,1)", excel: -5.5 },
  {
    formula: "=LARGE(A1:A10,6)",
    excel: err("#NUM!"),
    lo: -5.5,
    why: `${LO_BOOLEAN_IS_ONE}: six numbers, not five`,
  },
  { formula: "=SUMPRODUCT(A1:A2,E1:E2)", excel: 50 },
  { formula: '=SUMPRODUCT((F1:F6="省级")*G1:G6)', excel: 13 },
  { formula: '=SUMPRODUCT(MAX((F1:F6="市级")*(G1:G6+1)))-1', excel: 9 },
  { formula: "=SUMPRODUCT(A1:A4)", excel: 3, lo: 4, why: `${LO_BOOLEAN_IS_ONE}: A4 adds 1` },
  { formula: "=SUMPRODUCT(A1:A2,E1:E3)", excel: err("#VALUE!") },
  // Logic
  { formula: "=IF(A5,1,2)", excel: 2 },
  { formula: '=IF("TRUE",1,2)', excel: 1 },
  { formula: '=IF("x",1,2)', excel: err("#VALUE!") },
  { formula: "=IF(C1,1,2)", excel: err("#DIV/0!") },
  { formula: "=IF(TRUE,1,C1)", excel: 1 },
  { formula: "=IF(FALSE,1)", excel: false },
  // src/engine/formula/build.ts warns that LibreOffice leaves this blank; recalculated and saved as .xlsx it is 0.
  { formula: "=IF(FALSE,1,)", excel: 0 },
  { formula: "=IF(TRUE,A5)", excel: 0 },
  { formula: '=IF(TRUE,A5)=""', excel: true },
  { formula: '=IFERROR(C1,"e")', excel: "e" },
  { formula: '=IFERROR(A1,"e")', excel: 1 },
  { formula: "=IFNA(C1,0)", excel: err("#DIV/0!") },
  { formula: "=IFNA(C2,0)", excel: 0 },
  { formula: "=ISERROR(C2)", excel: true },
  { formula: "=ISNA(C1)", excel: false },
  { formula: "=ISNA(NA())", excel: true },
  { formula: "=ISBLANK(A5)", excel: true },
  { formula: "=ISBLANK(A6)", excel: false },
  { formula: "=ISNUMBER(A3)", excel: false },
  { formula: "=ISNUMBER(A1)", excel: true },
  { formula: "=ISTEXT(A3)", excel: true },
  { formula: "=ISTEXT(A5)", excel: false },
  { formula: "=ISLOGICAL(A4)", excel: true },
  { formula: "=ISLOGICAL(A1)", excel: false },
  { formula: "=ISLOGICAL(A5)", excel: false },
  { formula: "=TYPE(A1)", excel: 1 },
  { formula: "=TYPE(A5)", excel: 1 },
  { formula: "=TYPE(A7)", excel: 2 },
  { formula: "=TYPE(C1)", excel: 16 },
  {
    formula: "=TYPE(A4)",
    excel: 4,
    lo: 8,
    why: "LibreOffice reads an .xlsx TRUE cell as the formula =TRUE() (it has no boolean cells): TYPE says formula",
  },
  {
    formula: "=ISNUMBER(A4)",
    excel: false,
    lo: true,
    why: "LibreOffice has no boolean type: a TRUE cell is the number 1 shown as TRUE (only ISLOGICAL tells it apart)",
  },
  { formula: "=AND(A1,A4)", excel: true },
  { formula: "=AND(A1:A10)", excel: false },
  { formula: "=AND(A7)", excel: err("#VALUE!") },
  { formula: "=OR(A8,A1)", excel: true },
  { formula: "=OR(A8,A5)", excel: false },
  { formula: "=NOT(A5)", excel: true },
  { formula: '=NOT("abc")', excel: err("#VALUE!") },
  { formula: "=N(A4)", excel: 1 },
  { formula: "=N(A3)", excel: 0 },
  { formula: "=N(A5)", excel: 0 },
  { formula: "=N(C1)", excel: err("#DIV/0!") },
  // Rounding
  { formula: "=ROUND(2.675,2)", excel: 2.68 },
  { formula: "=ROUND(-1.005,2)", excel: -1.01 },
  { formula: "=ROUND(1.0049999,2)", excel: 1 },
  { formula: "=ROUND(1250,-2)", excel: 1300 },
  { formula: "=ROUND(A3,0)", excel: 3 },
  { formula: "=INT(-1.5)", excel: -2 },
  { formula: "=ABS(A9)", excel: 5.5 },
  // Text
  { formula: "=A1&A5&A4", excel: "1TRUE", lo: "11", why: `${LO_BOOLEAN_IS_ONE}: joined as "1"` },
  { formula: '=0.1+0.2&""', excel: "0.3" },
  { formula: '=1/3&""', excel: "0.333333333333333" },
  { formula: '=123456789012&""', excel: "123456789012" },
  { formula: '=-12.5&"/"&3', excel: "-12.5/3" },
  { formula: "=LEN(A7)", excel: 3 },
  { formula: "=LEN(A5)", excel: 0 },
  { formula: '=TRIM("  a   b  ")', excel: "a b" },
  { formula: '=LEFT("abc")', excel: "a" },
  { formula: '=LEFT("abc",2)', excel: "ab" },
  { formula: '=RIGHT("abc",5)', excel: "abc" },
  { formula: '=MID("abcdef",2,3)', excel: "bcd" },
  { formula: '=MID("abc",0,1)', excel: err("#VALUE!") },
  {
    formula: '=CONCATENATE("a",1,TRUE)',
    excel: "a1TRUE",
    lo: "a11",
    why: `${LO_BOOLEAN_IS_ONE}: even a typed TRUE`,
  },
  { formula: '=VALUE("12.5")', excel: 12.5 },
  { formula: '=VALUE("x")', excel: err("#VALUE!") },
  { formula: '=HYPERLINK("#Data!A1","go")', excel: "go" },
  { formula: '=TEXT(0.856,"0.0%")', excel: "85.6%" },
  { formula: '=TEXT(1234.5,"#,##0.00")', excel: "1,234.50" },
  { formula: '=TEXT(45292,"yyyy-mm-dd")', excel: "2024-01-01" },
  { formula: '=TEXT(5,"00")', excel: "05" },
  { formula: '=TEXT(2.5,"0")', excel: "3" },
  { formula: '=TEXT(-2.5,"0")', excel: "-3" },
  { formula: '=TEXT("abc","0")', excel: "abc" },
  { formula: '=TEXT(45322,"yyyy年m月d日")', excel: "2024年1月31日" },
  { formula: '=TEXT(0.5,"h:mm")', excel: "12:00" },
  // Dates (1900 system)
  { formula: "=DATE(2024,2,30)", excel: 45352 },
  { formula: "=DATE(2024,14,1)", excel: 45689 },
  { formula: "=DATE(2024,1,0)", excel: 45291 },
  {
    formula: "=ISERROR(DATE(100,1,1))",
    excel: false,
    lo: true,
    why: "Excel's DATE reads years 0…1899 as 1900 + year (2000-01-01); LibreOffice refuses the year 100 (#VALUE!)",
  },
  {
    formula: "=DATE(1900,2,29)",
    excel: 60,
    lo: 61,
    why: "Excel keeps Lotus 1-2-3's 29 February 1900 (serial 60); LibreOffice has no such day and reads it as 1 March",
  },
  { formula: "=EDATE(H2,1)", excel: 45351 },
  { formula: "=EDATE(H3,12)", excel: 45716 },
  { formula: "=EDATE(H2,-2)", excel: 45260 },
  { formula: '=EDATE("2024-01-31",1)', excel: 45351 },
  { formula: "=YEAR(H1)", excel: 2024 },
  { formula: "=MONTH(H3)", excel: 2 },
  { formula: "=DAY(H2)", excel: 31 },
  {
    formula: "=DAY(1)",
    excel: 1,
    lo: 31,
    why: "serials before 1900-03-01: Excel counts from 1900-01-01 = 1, LibreOffice from 1899-12-30 = 0",
  },
  { formula: "=TODAY()", excel: 45400, unitOnly: true },
  // Lookup
  { formula: "=INDEX(E1:E6,3)", excel: 30 },
  { formula: "=INDEX(E1:G6,2,3)", excel: 6 },
  {
    formula: "=INDEX(E1:E6,7)",
    excel: err("#REF!"),
    lo: err("#VALUE!"),
    why: "a position outside the range: #REF! in Excel (INDEX reference), #VALUE! in LibreOffice",
  },
  { formula: "=INDEX(A1:A10,5)", excel: 0 },
  { formula: '=INDEX(A1:A10,5)=""', excel: true },
  { formula: '=MATCH("市级",F1:F6,0)', excel: 2 },
  { formula: '=MATCH("x",F1:F6,0)', excel: err("#N/A") },
  { formula: '=MATCH("市*",F1:F6,0)', excel: 2 },
  { formula: "=MATCH(35,E1:E6)", excel: 3 },
  { formula: "=MATCH(5,E1:E6)", excel: err("#N/A") },
  { formula: "=MATCH(60,E1:E6,1)", excel: 6 },
  { formula: "=MATCH(25,I1:I4,-1)", excel: 2 },
  // Across a row: E1:I1 holds 10, 省级, 5, 2024-01-01, 40.
  { formula: "=MATCH(5,E1:I1,0)", excel: 3 },
  { formula: "=MATCH(40,E1:I1,0)", excel: 5 },
  { formula: "=MATCH(45,I1:I4,-1)", excel: err("#N/A") },
  { formula: "=MATCH(A5,E1:E6,0)", excel: err("#N/A") },
  { formula: "=MATCH(3,A1:A10,0)", excel: err("#N/A") },
  { formula: "=VLOOKUP(30,E1:G6,3,FALSE)", excel: 7 },
  { formula: "=VLOOKUP(35,E1:G6,3)", excel: 7 },
  {
    formula: "=VLOOKUP(30,E1:G6,4,FALSE)",
    excel: err("#REF!"),
    lo: err("#VALUE!"),
    why: "a column past the table: #REF! in Excel (VLOOKUP reference), #VALUE! in LibreOffice",
  },
  { formula: "=VLOOKUP(99,E1:G6,2,FALSE)", excel: err("#N/A") },
  { formula: '=CHOOSE(2,"a","b","c")', excel: "b" },
  { formula: '=CHOOSE(4,"a","b","c")', excel: err("#VALUE!") },
  { formula: "=ROW(E3)", excel: 3 },
  { formula: "=COLUMN(E3)", excel: 5 },
  { formula: "=ROWS(E1:G6)", excel: 6 },
  { formula: "=COLUMNS(E1:G6)", excel: 3 },
  // Defined names
  { formula: "=Rate*100", excel: 80 },
  { formula: "=SUM(Quotas)", excel: 210 },
  { formula: '=INDEX(Quotas,MATCH("县级",Tiers,0))', excel: 30 },
  { formula: "=OneCell+1", excel: 11 },
  { formula: "=Missing+1", excel: err("#NAME?") },
  // Criteria
  { formula: '=COUNTIF(D1:D10,"apple")', excel: 1 },
  { formula: '=COUNTIF(D1:D10,"apple*")', excel: 2 },
  { formula: '=COUNTIF(D1:D10,"?pple")', excel: 1 },
  { formula: '=COUNTIF(D1:D10,"a~*b")', excel: 1 },
  { formula: '=COUNTIF(D1:D10,"a*b")', excel: 1 },
  {
    formula: "=COUNTIF(D1:D10,85)",
    excel: 2,
    lo: 1,
    why: 'Excel counts text that reads as the number ("85") under a numeric criterion (Apache POI\'s Countif notes it; the known COUNTIF false matches on 16-digit ids stored as text); LibreOffice counts numbers only',
  },
  { formula: '=COUNTIF(D1:D10,">80")', excel: 1 },
  {
    formula: '=COUNTIF(D1:D10,"<>85")',
    excel: 9,
    lo: 8,
    why: '"<>85" matches the text "85" in Excel, not in LibreOffice (see the D5 case); blank cells count in both',
  },
  { formula: '=COUNTIF(D6,"<>85")', excel: 1 },
  { formula: '=COUNTIF(D7,"<>85")', excel: 1 },
  {
    formula: '=COUNTIF(D5,"<>85")',
    excel: 1,
    lo: 0,
    why: 'a numeric criterion never matches text in LibreOffice: the text "85" meets neither "85" nor "<>85"; Excel counts it under both (POI\'s NumberMatcher)',
  },
  { formula: '=COUNTIF(F1:F6,"<>省级")', excel: 4 },
  { formula: '=COUNTIFS(G1:G6,">0",F1:F6,"<>省级")', excel: 4 },
  { formula: '=COUNTIF(D1:D10,"")', excel: 2 },
  { formula: '=COUNTIF(D1:D10,"=")', excel: 1 },
  { formula: '=COUNTIF(D1:D10,"<>")', excel: 9 },
  { formula: "=COUNTIF(D1:D10,TRUE)", excel: 1 },
  { formula: '=COUNTIF(D1:D10,"<0")', excel: 1 },
  { formula: '=COUNTIF(D1:D10,">b")', excel: 1 },
  {
    formula: "=COUNTIF(A1:A10,D6)",
    excel: 1,
    why: "a blank criteria cell: Microsoft's COUNTIFS reference says it is treated as 0 (A8 holds 0)",
  },
  { formula: '=COUNTIFS(F1:F6,"省级",G1:G6,">5")', excel: 1 },
  { formula: '=COUNTIFS(F1:F6,"省级",G1:G3,">0")', excel: err("#VALUE!") },
  // Ranges fixed with $, as the compiled formulas resolve them once (interpret/compileFormula.ts)
  { formula: '=COUNTIF($D$1:$D$10,"apple*")', excel: 2 },
  { formula: '=COUNTIF($D$1:$D$10,"<>")', excel: 9 },
  { formula: '=COUNTIFS($F$1:$F$6,"省级",$G$1:$G$6,">5")', excel: 1 },
  { formula: '=COUNTIFS($F$1:$F$6,"省级",$G$1:$G$3,">0")', excel: err("#VALUE!") },
  { formula: '=COUNTIF($E$1:$E$6,">"&E2)', excel: 4 },
  { formula: '=SUMIF(F1:F6,"市级",G1:G6)', excel: 15 },
  { formula: '=SUMIF(G1:G6,">7")', excel: 27 },
  { formula: '=SUMIFS(G1:G6,F1:F6,"<>省级")', excel: 32 },
  { formula: '=AVERAGEIF(F1:F6,"县级",G1:G6)', excel: 7 },
  { formula: '=AVERAGEIF(F1:F6,"x",G1:G6)', excel: err("#DIV/0!") },
  { formula: '=AVERAGEIFS(G1:G6,F1:F6,"省级")', excel: 6.5 },
  { formula: '=COUNTIF(E1:E6,">"&25)', excel: 4 },
  // A criterion `op & number` counts the number as & writes it: 15 significant digits (30.000000000000004 → "30").
  { formula: '=COUNTIF($E$1:$E$6,">="&(0.1+0.2)*100)', excel: 4 },
  { formula: '=COUNTIF(Quotas,"<="&30)', excel: 3 },
  { formula: '=COUNTIFS(Tiers,"省级",Quotas,">"&15)', excel: 1 },
  { formula: '=COUNTIF($F$1:$F$6,"<>"&F1)', excel: 4 },
  { formula: '=COUNTIF(H1:H3,">2024-01-15")', excel: 2 },
  { formula: '=SUMIF(A1:A3,">0",E1)', excel: 30 },
  // A circular reference is an error, never a hang (Excel shows 0 and warns; LibreOffice Err:522)
  { formula: "=Z1000+1", excel: err("#REF!"), unitOnly: true },
];

/** Other sheet for cross-sheet references, and the names the cases use. */
export function semanticsBook(today = 45400): BookSpec {
  const cases = Object.fromEntries(
    SEMANTICS_CASES.map((c, i) => [`${CASE_COLUMN}${i + 1}`, c.formula])
  );
  return {
    sheets: { [CASE_SHEET]: { ...DATA, ...cases, Z1000: "=Z999+1", Z999: "=Z1000" } },
    names: {
      Rate: "0.8",
      Quotas: "Data!$E$1:$E$6",
      Tiers: "Data!$F$1:$F$6",
      OneCell: "Data!$A$10",
    },
    today,
  };
}

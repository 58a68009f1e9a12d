/**
 * The functions a generated workbook may use: only those that Excel 2016+, WPS and LibreOffice 7.4
 * compute alike. The unparser and the `call` builder refuse every other name.
 */

export interface FormulaFunction {
  readonly name: string;
  /** Added to Excel after 2007, so an .xlsx `<f>` element must write it as `_xlfn.NAME`. */
  readonly xlfnPrefix: boolean;
  /** False for functions known but refused: a recipient's spreadsheet would show #NAME?. */
  readonly allowed: boolean;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Why a refused function is refused, for the error message. */
  readonly refusal?: string;
}

/** Excel's own ceiling on a function's argument count. */
const MAX_ARGS = 255;

function allowed(
  name: string,
  minArgs: number,
  maxArgs: number,
  xlfnPrefix = false
): FormulaFunction {
  return { name, xlfnPrefix, allowed: true, minArgs, maxArgs };
}

function refused(name: string, refusal: string, xlfnPrefix = true): FormulaFunction {
  return { name, xlfnPrefix, allowed: false, minArgs: 0, maxArgs: MAX_ARGS, refusal };
}

const FUNCTION_LIST: readonly FormulaFunction[] = [
  // aggregation
  allowed("SUM", 1, MAX_ARGS),
  allowed("COUNT", 1, MAX_ARGS),
  allowed("COUNTA", 1, MAX_ARGS),
  allowed("COUNTBLANK", 1, 1),
  allowed("COUNTIF", 2, 2),
  allowed("COUNTIFS", 2, MAX_ARGS - 1), // Excel 2007: no prefix
  allowed("SUMIF", 2, 3),
  allowed("SUMIFS", 3, MAX_ARGS), // Excel 2007: no prefix
  allowed("AVERAGE", 1, MAX_ARGS),
  allowed("AVERAGEIF", 2, 3),
  allowed("AVERAGEIFS", 3, MAX_ARGS), // Excel 2007: no prefix
  allowed("MAX", 1, MAX_ARGS),
  allowed("MIN", 1, MAX_ARGS),
  allowed("LARGE", 2, 2),
  allowed("SMALL", 2, 2),
  allowed("SUMPRODUCT", 1, MAX_ARGS),
  // arithmetic
  allowed("ROUND", 2, 2),
  allowed("INT", 1, 1),
  allowed("ABS", 1, 1),
  // logic and type tests
  allowed("IF", 2, 3),
  allowed("IFERROR", 2, 2), // Excel 2007: no prefix
  allowed("IFNA", 2, 2, true), // Excel 2013
  allowed("AND", 1, MAX_ARGS),
  allowed("OR", 1, MAX_ARGS),
  allowed("NOT", 1, 1),
  allowed("ISNUMBER", 1, 1),
  allowed("ISBLANK", 1, 1),
  allowed("ISTEXT", 1, 1),
  // A TRUE is a number to LibreOffice's other functions: ISLOGICAL (TRUE typed in LibreOffice, boolean format) and
  // TYPE (TRUE read from an .xlsx, which LibreOffice keeps as the formula =TRUE(): 8) find bad entries (#11 §3).
  allowed("ISLOGICAL", 1, 1),
  allowed("TYPE", 1, 1),
  allowed("ISERROR", 1, 1),
  allowed("ISNA", 1, 1),
  allowed("N", 1, 1),
  allowed("NA", 0, 0),
  // lookup
  allowed("INDEX", 2, 3),
  allowed("MATCH", 2, 3),
  allowed("VLOOKUP", 3, 4),
  allowed("CHOOSE", 2, MAX_ARGS),
  allowed("ROWS", 1, 1),
  allowed("COLUMNS", 1, 1),
  allowed("ROW", 0, 1),
  allowed("COLUMN", 0, 1),
  // dates
  allowed("DATE", 3, 3),
  allowed("TODAY", 0, 0),
  allowed("EDATE", 2, 2),
  allowed("YEAR", 1, 1),
  allowed("MONTH", 1, 1),
  allowed("DAY", 1, 1),
  // text
  allowed("TEXT", 2, 2),
  allowed("LEN", 1, 1),
  allowed("TRIM", 1, 1),
  allowed("LEFT", 1, 2),
  allowed("RIGHT", 1, 2),
  allowed("MID", 3, 3),
  allowed("CONCATENATE", 1, MAX_ARGS),
  allowed("VALUE", 1, 1),
  allowed("HYPERLINK", 1, 2),
  // known, and refused
  refused("MAXIFS", "Excel 2019+ only; Excel 2016 shows #NAME?"),
  refused("MINIFS", "Excel 2019+ only; Excel 2016 shows #NAME?"),
  refused("IFS", "Excel 2019+ only"),
  refused("SWITCH", "Excel 2019+ only"),
  refused("CONCAT", "Excel 2019+ only"),
  refused("TEXTJOIN", "Excel 2019+ only"),
  refused("XLOOKUP", "Excel 2021+ only"),
  refused("XMATCH", "Excel 2021+ only"),
  refused("LET", "Excel 2021+ only"),
  refused("LAMBDA", "Excel 2021+ only"),
  refused("FILTER", "dynamic array; Excel 2021+ only"),
  refused("SORT", "dynamic array; Excel 2021+ only"),
  refused("UNIQUE", "dynamic array; Excel 2021+ only"),
  refused("SEQUENCE", "dynamic array; Excel 2021+ only"),
  refused(
    "TRIMMEAN",
    "trims by a fraction of all cells, blanks included, not of the scores present",
    false
  ),
  refused("INDIRECT", "volatile and breaks when sheets are renamed", false),
  refused("OFFSET", "volatile", false),
];

const FUNCTIONS_BY_NAME: ReadonlyMap<string, FormulaFunction> = new Map(
  FUNCTION_LIST.map((f) => [f.name, f])
);

/** Every function the whitelist knows, allowed or refused, by upper-case name. */
export function knownFunctions(): readonly FormulaFunction[] {
  return FUNCTION_LIST;
}

export function lookupFunction(name: string): FormulaFunction | undefined {
  return FUNCTIONS_BY_NAME.get(name.toUpperCase());
}

/**
 * The whitelist entry for `name` given `argCount` arguments; throws when the function is not allowed
 * or the count is wrong — both are bugs in the code that built the formula, never bad user data.
 */
export function requireAllowedFunction(name: string, argCount: number): FormulaFunction {
  const fn = lookupFunction(name);
  if (!fn) throw new Error(`formula function not on the whitelist: ${name}`);
  if (!fn.allowed)
    throw new Error(`formula function refused: ${fn.name} (${fn.refusal ?? "not portable"})`);
  if (argCount < fn.minArgs || argCount > fn.maxArgs) {
    throw new Error(`${fn.name} takes ${fn.minArgs}…${fn.maxArgs} arguments, got ${argCount}`);
  }
  return fn;
}

/**
 * One reading of a command's arguments for every `shifan` command, so `--flag value`, `--flag=value`, short
 * aliases and unknown options behave the same everywhere. Each command still decides what its values mean.
 */
import { fatalMessage } from "../engine";
import { CliError } from "./CliIo";

export interface ArgSpec {
  /** Options that take a value, long form: `--output`. */
  readonly valued: readonly string[];
  /** Options that stand alone: `--json`. */
  readonly switches?: readonly string[];
  /** Short spellings: `{ "-o": "--output" }`. */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Every value of each valued option, in the order given (long form as key). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly switches: ReadonlySet<string>;
}

/** What went wrong with an argument, said once in each language. */
export interface ArgumentProblem {
  readonly zh: string;
  readonly en: string;
}

/**
 * A usage error: one line, Chinese then English, and the command's synopsis once on a line of its own when
 * `usage` is given (for a missing argument, where the synopsis is the help). The CLI exits 2.
 */
export function badArgument(problem: ArgumentProblem, usage?: string): CliError {
  const line = fatalMessage("bad_argument", { zh: problem.zh, en: problem.en });
  return new CliError(usage === undefined ? line : `${line}\n用法 / usage: shifan ${usage}`);
}

/**
 * Splits `args` by `spec`. A value may follow its option or be joined by `=`; a separate value may not start
 * with "-" (so `--password -o out` is refused rather than taking "-o" as the password): `--password=-x` can.
 *
 * @example
 * parseCommandArgs(["in.xlsx", "-o", "out.xlsx", "--quota=province=3"], { valued: ["--output", "--quota"], aliases: { "-o": "--output" } })
 * // positionals ["in.xlsx"], values { --output: ["out.xlsx"], --quota: ["province=3"] }
 */
export function parseCommandArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const written = equals < 0 ? arg : arg.slice(0, equals);
    const flag = spec.aliases?.[written] ?? written;
    if (spec.switches?.includes(flag)) {
      if (equals >= 0)
        throw badArgument({ zh: `${written} 不带值`, en: `${written} takes no value` });
      switches.add(flag);
      continue;
    }
    if (!spec.valued.includes(flag))
      throw badArgument({ zh: `未知选项 ${arg}`, en: `unknown option ${arg}` });
    let value: string | undefined;
    if (equals >= 0) value = arg.slice(equals + 1);
    else {
      value = args[i + 1];
      if (value === undefined || value.startsWith("-"))
        throw badArgument({
          zh: `${written} 需要一个值（以“-”开头的值请写成 ${flag}=值）`,
          en: `${written} needs a value (write ${flag}=VALUE for one that starts with "-")`,
        });
      i++;
    }
    const list = values.get(flag);
    if (list) list.push(value);
    else values.set(flag, [value]);
  }
  return { positionals, values, switches };
}

/** The last value given for `flag` (a later one overrides an earlier one), or undefined. */
export function lastValue(parsed: ParsedArgs, flag: string): string | undefined {
  const list = parsed.values.get(flag);
  return list?.[list.length - 1];
}

/**
 * The input file and the `--output` (`-o`) value of a command that reads one workbook and writes elsewhere
 * (`copies`, `next-cycle`), or a usage error: `missingOutput` says what `-o` names.
 */
export function inputAndOutput(
  parsed: ParsedArgs,
  usage: string,
  missingOutput: ArgumentProblem
): { readonly input: string; readonly output: string } {
  const input = onlyPositional(parsed, usage);
  const output = lastValue(parsed, "--output");
  if (output === undefined) throw badArgument(missingOutput, usage);
  return { input, output };
}

/** The single positional argument a command takes, or a usage error. */
export function onlyPositional(parsed: ParsedArgs, usage: string): string {
  const [first, second] = parsed.positionals;
  if (first === undefined)
    throw badArgument({ zh: "缺少输入文件", en: "the input file is missing" }, usage);
  if (second !== undefined)
    throw badArgument({
      zh: `只能给一个输入文件，多出了 ${second}`,
      en: `one input file only, not also ${second}`,
    });
  return first;
}

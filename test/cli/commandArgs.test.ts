import {
  inputAndOutput,
  lastValue,
  onlyPositional,
  parseCommandArgs,
  type ArgSpec,
} from "../../src/cli/commandArgs";
import { CliError } from "../../src/cli/CliIo";
import { parseAssessArgs } from "../../src/cli/commands/assess";
import { parseCopiesArgs } from "../../src/cli/commands/copies";
import { parseNextCycleArgs } from "../../src/cli/commands/nextCycle";

const SPEC: ArgSpec = {
  valued: ["--output", "--quota", "--password"],
  switches: ["--json"],
  aliases: { "-o": "--output" },
};

function failure(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error("expected a CliError");
}

describe("parseCommandArgs", () => {
  it("reads a value after its option, joined by =, or through a short alias", () => {
    const parsed = parseCommandArgs(
      ["in.xlsx", "-o", "a.xlsx", "--quota=province=3", "--quota", "city=5", "--json"],
      SPEC
    );
    expect(parsed.positionals).toEqual(["in.xlsx"]);
    expect(parsed.values.get("--output")).toEqual(["a.xlsx"]);
    // Repeatable options keep every value in order; single ones take the last.
    expect(parsed.values.get("--quota")).toEqual(["province=3", "city=5"]);
    expect(parsed.switches.has("--json")).toBe(true);
    expect(lastValue(parseCommandArgs(["--output=1", "-o", "2"], SPEC), "--output")).toBe("2");
  });

  it('refuses a separate value that starts with "-", and takes it joined by =', () => {
    expect(failure(() => parseCommandArgs(["in.xlsx", "--password", "-o", "x"], SPEC))).toMatch(
      /--password needs a value .*--password=VALUE/
    );
    expect(lastValue(parseCommandArgs(["--password=-secret"], SPEC), "--password")).toBe("-secret");
    expect(failure(() => parseCommandArgs(["-o"], SPEC))).toMatch(/-o needs a value/);
  });

  it("says the problem once in each language, Chinese in the Chinese half", () => {
    expect(failure(() => parseCommandArgs(["--colour", "red"], SPEC))).toBe(
      "参数有误：未知选项 --colour / bad argument: unknown option --colour"
    );
    expect(failure(() => onlyPositional(parseCommandArgs([], SPEC), "cmd FILE [--json]"))).toBe(
      "参数有误：缺少输入文件 / bad argument: the input file is missing\n用法 / usage: shifan cmd FILE [--json]"
    );
  });

  it("names an unknown option and a switch given a value", () => {
    expect(failure(() => parseCommandArgs(["--colour", "red"], SPEC))).toMatch(
      /unknown option --colour/
    );
    expect(failure(() => parseCommandArgs(["-x"], SPEC))).toMatch(/unknown option -x/);
    expect(failure(() => parseCommandArgs(["--json=yes"], SPEC))).toMatch(/--json takes no value/);
  });

  it("takes a lone - as a positional, and wants exactly one", () => {
    expect(parseCommandArgs(["-"], SPEC).positionals).toEqual(["-"]);
    expect(failure(() => onlyPositional(parseCommandArgs([], SPEC), "cmd FILE"))).toMatch(
      /cmd FILE/
    );
    expect(
      failure(() => onlyPositional(parseCommandArgs(["a.xlsx", "b.xlsx"], SPEC), "cmd FILE"))
    ).toMatch(/one input file only, not also b\.xlsx/);
  });

  it("takes the input and -o of a command that writes elsewhere, or says which is missing", () => {
    const missingOutput = { zh: "缺少输出文件 -o OUT", en: "-o OUT is required" };
    expect(
      inputAndOutput(parseCommandArgs(["in.xlsx", "-o", "out.xlsx"], SPEC), "cmd", missingOutput)
    ).toEqual({ input: "in.xlsx", output: "out.xlsx" });
    expect(
      failure(() =>
        inputAndOutput(parseCommandArgs(["in.xlsx"], SPEC), "cmd FILE -o OUT", missingOutput)
      )
    ).toBe(
      "参数有误：缺少输出文件 -o OUT / bad argument: -o OUT is required\n用法 / usage: shifan cmd FILE -o OUT"
    );
    expect(
      failure(() =>
        inputAndOutput(parseCommandArgs(["-o", "out.xlsx"], SPEC), "cmd FILE -o OUT", missingOutput)
      )
    ).toMatch(/the input file is missing/);
  });
});

describe("commands read their options alike", () => {
  it("assess and next-cycle both refuse a value that looks like an option", () => {
    expect(failure(() => parseAssessArgs(["in.xlsx", "-o", "--in-place"]))).toMatch(
      /-o needs a value/
    );
    expect(failure(() => parseNextCycleArgs(["in.xlsx", "-o", "--as-of"]))).toMatch(
      /-o needs a value/
    );
    expect(parseAssessArgs(["in.xlsx", "-o", "out.xlsx", "--password=-p"]).password).toBe("-p");
  });

  it("copies and next-cycle both want their input and -o, and name what -o is", () => {
    expect(parseCopiesArgs(["a.xlsx", "-o", "out", "--judges", "1,3"])).toEqual({
      input: "a.xlsx",
      dir: "out",
      judges: [1, 3],
    });
    expect(parseNextCycleArgs(["a.xlsx", "--output=b.xlsx"])).toEqual({
      input: "a.xlsx",
      output: "b.xlsx",
    });
    expect(failure(() => parseCopiesArgs(["a.xlsx"]))).toMatch(
      /^参数有误：缺少输出文件夹 -o DIR \/ bad argument: -o DIR is required\n用法 \/ usage: shifan copies ASSESSMENT/
    );
    expect(failure(() => parseNextCycleArgs(["a.xlsx"]))).toMatch(
      /^参数有误：缺少输出文件 -o OUT \/ bad argument: -o OUT is required\n用法 \/ usage: shifan next-cycle FILE/
    );
    expect(failure(() => parseCopiesArgs(["-o", "out"]))).toMatch(/the input file is missing/);
  });
});

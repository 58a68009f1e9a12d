/**
 * `shifan help` lists every option each command accepts: an official learns the CLI from that one screen, so an
 * option a command parses but its line leaves out (as --groups was for copies) is one nobody finds.
 */
import type { ArgSpec } from "../../src/cli/commandArgs";
import { ASSESS_ARGS } from "../../src/cli/commands/assess";
import { COPIES_ARGS } from "../../src/cli/commands/copies";
import { COMMANDS } from "../../src/cli/commands/index";
import { INSPECT_ARGS } from "../../src/cli/commands/inspect";
import { MERGE_ARGS } from "../../src/cli/commands/merge";
import { NEXT_CYCLE_ARGS } from "../../src/cli/commands/nextCycle";
import { REPORT_ARGS } from "../../src/cli/commands/report";
import { SERVE_ARGS } from "../../src/cli/commands/serve";

const SPECS: Record<string, ArgSpec> = {
  inspect: INSPECT_ARGS,
  assess: ASSESS_ARGS,
  report: REPORT_ARGS,
  copies: COPIES_ARGS,
  merge: MERGE_ARGS,
  "next-cycle": NEXT_CYCLE_ARGS,
  serve: SERVE_ARGS,
};

/** How the help line may spell an option: its long form, or a short alias of it. */
function spellings(option: string, spec: ArgSpec): string[] {
  const short = Object.entries(spec.aliases ?? {}).filter(([, long]) => long === option);
  return [option, ...short.map(([alias]) => alias)];
}

describe("shifan help", () => {
  it("has a line for every command whose options it checks", () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(SPECS).sort());
  });

  it.each(Object.keys(SPECS))("names every option %s accepts", (name) => {
    const spec = SPECS[name] as ArgSpec;
    const line = COMMANDS[name]?.summary ?? "";
    const words = new Set(line.split(/[\s[\]]+/));
    const missing = [...spec.valued, ...(spec.switches ?? [])].filter(
      (option) => !spellings(option, spec).some((s) => words.has(s))
    );
    expect(missing).toEqual([]);
  });
});

/**
 * Outside the engine, code imports it only through src/engine/index.ts (eslint.config.mjs). ESLint lints a line of
 * source as if it were a file of an adapter or of the bench; nothing is written into src/.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

// One ESLint process for every probe (loading typescript-eslint takes seconds): [file, source] in, rule ids out.
const LINT_PROBES = `
const { ESLint } = require("eslint");
const probes = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(probes.map(([filePath, text]) => eslint.lintText(text, { filePath }))).then((results) =>
  process.stdout.write(JSON.stringify(results.map(([r]) => r.messages.map((m) => m.ruleId))))
);
`;

function ruleIds(probes: readonly (readonly [file: string, source: string])[]): string[][] {
  const output = execFileSync(process.execPath, ["-e", LINT_PROBES], {
    cwd: ROOT,
    input: JSON.stringify(probes),
    encoding: "utf8",
  });
  return JSON.parse(output) as string[][];
}

jest.setTimeout(60_000);

describe("the engine's boundary", () => {
  it("refuses an import from the engine's inner folders outside the engine, and not in a bench, which times stages", () => {
    expect(
      ruleIds([
        ["src/adapters/xlsx/probe.ts", 'export { a1 } from "../../engine/core/CellRef";\n'],
        ["src/cli/probe.ts", 'export { a1 } from "../engine/core";\n'],
        ["src/adapters/xlsx/probe.ts", 'export { a1 } from "../../engine";\n'],
        ["src/bench/probe.ts", 'export { a1 } from "../engine/core/CellRef";\n'],
      ])
    ).toEqual([["no-restricted-imports"], ["no-restricted-imports"], [], []]);
  });
});

/** Builds dist/pane once for the browser tests, skipping the build when it is newer than every input. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PANE_DIR = path.join(ROOT, "dist", "pane");
const STAMP = path.join(PANE_DIR, "build-stamp.json");
const INPUTS = [
  "src/taskpane",
  "src/demo",
  "src/engine",
  "src/adapters/officejs",
  "src/samples",
  "webpack.config.js",
  "package-lock.json",
  "manifest.xml",
];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

export function ensurePaneBuilt(): void {
  const stampTime = fs.statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const inputsTime = Math.max(...INPUTS.map((input) => newestMtime(path.join(ROOT, input))));
  if (stampTime > inputsTime) return;
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"],
    {
      cwd: ROOT,
      stdio: "pipe",
      timeout: 240_000,
    }
  );
}

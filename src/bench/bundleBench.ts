/**
 * Task-pane bundle size: the JavaScript each page loads before it can show anything, gzipped as a web
 * server would send it. The budget (issue #4) is 400 KB gzip for the task pane's initial JavaScript.
 * Reads dist/pane as `npm run build:pane` left it; lazy chunks (meeting mode, charts) are listed apart.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Print } from "./run";

export const INITIAL_JS_BUDGET_BYTES = 400 * 1024;
const PAGES = ["taskpane.html", "demo.html"] as const;

/** Local script files an HTML page loads up front (CDN scripts such as office.js are not ours to count). */
export function initialScripts(html: string): string[] {
  // The built HTML is minified: attribute values may be quoted either way or not at all.
  return [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)]
    .map((match) => match[1] ?? match[2] ?? match[3] ?? "")
    .filter(
      (src) =>
        src !== "" &&
        !/^[a-z]+:\/\//i.test(src) &&
        !src.startsWith("//") &&
        !src.startsWith("office-js/")
    );
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function bench(print: Print): Promise<void> {
  const paneDir = path.join(__dirname, "..", "pane");
  if (!fs.existsSync(path.join(paneDir, "taskpane.html"))) {
    print("dist/pane is missing: run `npm run build:pane` first (skipped)");
    return;
  }
  const initial = new Set<string>();
  for (const page of PAGES) {
    const html = fs.readFileSync(path.join(paneDir, page), "utf8");
    const scripts = initialScripts(html);
    scripts.forEach((script) => initial.add(script));
    const total = scripts.reduce((sum, script) => sum + gzipSize(path.join(paneDir, script)), 0);
    const verdict =
      page === "taskpane.html"
        ? total <= INITIAL_JS_BUDGET_BYTES
          ? " — within the 400 KB budget"
          : " — OVER the 400 KB budget"
        : "";
    print(`${page}: initial JS ${kb(total)} gzip in ${scripts.length} file(s)${verdict}`);
  }
  const lazy = fs.readdirSync(paneDir).filter((file) => file.endsWith(".js") && !initial.has(file));
  const lazyTotal = lazy.reduce((sum, file) => sum + gzipSize(path.join(paneDir, file)), 0);
  print(`loaded on demand: ${kb(lazyTotal)} gzip in ${lazy.length} chunk(s)`);
}

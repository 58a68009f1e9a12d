/**
 * What the browser tests share: which Chromium, the demo server, axe-core's serious findings, screenshots.
 * Screenshots land in test-artifacts/e2e/ (gitignored).
 */
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensurePaneBuilt, PANE_DIR, ROOT } from "./buildPane";

// scripts/demo-server.js is plain CommonJS shared with `npm run demo`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStaticServer } = require("../../scripts/demo-server.js") as {
  startStaticServer: (options: {
    root: string;
    port: number;
  }) => Promise<{ server: Server; url: string }>;
};

/** SHIFAN_CHROMIUM, else Debian's chromium, Ubuntu's chromium-browser or the snap's. */
export const CHROMIUM =
  process.env["SHIFAN_CHROMIUM"] ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"].find((candidate) =>
    fs.existsSync(candidate)
  ) ??
  "/usr/bin/chromium";
export const ARTIFACTS = path.join(ROOT, "test-artifacts", "e2e");
/** Added to a page as an init script (page.addInitScript): the demo's Content-Security-Policy refuses inline ones. */
export const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const haveChromium = fs.existsSync(CHROMIUM);
// On a developer's machine without Chromium the suite is skipped; CI installs it (npm run test:full), so there a
// missing browser is a failure, never a silent skip.
if (!haveChromium && process.env["CI"]) {
  throw new Error(`${CHROMIUM} is missing: npm run test:full installs Debian's chromium package`);
}
export const describeInBrowser = haveChromium ? describe : describe.skip;

export interface DemoBrowser {
  readonly browser: Browser;
  readonly server: Server;
  /** http://localhost:PORT */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the pane when stale, serves dist/pane on a free port and starts a headless Chromium. */
export async function startDemoBrowser(): Promise<DemoBrowser> {
  ensurePaneBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { server, url } = await startStaticServer({ root: PANE_DIR, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    server,
    url,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window)))
    throw new Error("axe-core is not on the page: add it with page.addInitScript({ path: AXE })");
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    // Fluent's focus library (Tabster) adds aria-hidden focus sentinels on purpose; they hand focus on at once
    // and are a known false positive of aria-hidden-focus (microsoft/tabster#288), so they are left out.
    const context = { include: [["body"]], exclude: [["[data-tabster-dummy]"]] };
    const result = await axe.run(context as unknown as Document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`
    );
}

export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

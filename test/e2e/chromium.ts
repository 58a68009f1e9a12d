/** Debian's Chromium driven by playwright-core, for the browser tests. */
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** SHIFAN_CHROMIUM, else Debian's chromium, Ubuntu's chromium-browser or the snap's (as pane.test.ts). */
export const CHROMIUM =
  process.env["SHIFAN_CHROMIUM"] ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"].find((candidate) =>
    fs.existsSync(candidate)
  ) ??
  "/usr/bin/chromium";
export const haveChromium = fs.existsSync(CHROMIUM);
// On a developer's machine without Chromium the browser tests are skipped; `npm run test:full` installs it, so there a
// missing browser is a failure, never a silent skip.
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
}
export const describeInBrowser = haveChromium ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

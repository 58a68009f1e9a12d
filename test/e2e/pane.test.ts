/**
 * The try-it-without-Excel demo driven in Debian's Chromium: detect → change one mapping → validate →
 * generate → score one nominee in meeting mode → its total appears in the grid view. axe-core checks
 * accessibility on the way; screenshots land in test-artifacts/e2e/ (gitignored).
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
const CHROMIUM =
  process.env["SHIFAN_CHROMIUM"] ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"].find((candidate) =>
    fs.existsSync(candidate)
  ) ??
  "/usr/bin/chromium";
const ARTIFACTS = path.join(ROOT, "test-artifacts", "e2e");
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const haveChromium = fs.existsSync(CHROMIUM);
// On a developer's machine without Chromium the suite is skipped; CI installs it (.ci/run), so there a missing
// browser is a failure, never a silent skip.
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: npm run test:full installs Debian's chromium package`);
}
const describeInBrowser = haveChromium ? describe : describe.skip;

jest.setTimeout(120_000);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
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

const paneTab = (page: Page, name: string) =>
  page.locator("aside").getByRole("tab", { name, exact: true });
const sheetTab = (page: Page, name: string) =>
  page.getByRole("tablist", { name: "工作表 / Sheets" }).getByRole("tab", { name, exact: true });

async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

describeInBrowser("task pane demo in Chromium", () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensurePaneBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const started = await startStaticServer({ root: PANE_DIR, port: 0 });
    server = started.server;
    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "zh-CN" });
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // axe-core comes in as an init script: the demo's Content-Security-Policy refuses injected inline scripts.
    await page.addInitScript({ path: AXE });
    await page.goto(`${started.url}/demo.html`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  // The steps share one page on purpose: each continues where the previous one left the workbook.
  it("detects the sample nomination table", async () => {
    await page.getByRole("button", { name: "识别工作簿" }).click();
    await page.getByText("找到 1 张表").waitFor();
    await page.getByText(/工作表“推荐汇总”/).waitFor();
    await snap(page, "1-detect");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("re-detects after one column mapping is changed", async () => {
    const notes = page.getByRole("combobox", { name: /^J .*字段$/ });
    await notes.click();
    await page.getByRole("option", { name: "（不使用）" }).click();
    // Intake follows the chosen mapping: the column now maps to nothing, and no refusal is shown.
    await page
      .getByRole("combobox", { name: /^J .*字段$/ })
      .filter({ hasText: "（不使用）" })
      .waitFor();
    expect(await page.getByText(/未按所选字段识别/).count()).toBe(0);
    await snap(page, "2-mapping");
  });

  it("lists issues grouped by code and selects the cell of one in the grid", async () => {
    await paneTab(page, "校验").click();
    const firstIssue = page.locator('section[aria-label="校验"] li button').first();
    const text = (await firstIssue.textContent()) ?? "";
    const cell = /!([A-Z]+\d+)/.exec(text)?.[1];
    expect(cell).toBeDefined();
    await firstIssue.click();
    await page.locator(`table.grid td.selected[data-cell="${cell}"]`).waitFor();
    await snap(page, "3-validate");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("generates the assessment sheets with three judges", async () => {
    await paneTab(page, "生成").click();
    const judges = page.getByRole("spinbutton", { name: "评委人数" });
    await judges.fill("3");
    await judges.press("Tab");
    await page.getByRole("button", { name: "生成考核工作簿" }).click();
    await page.getByText(/已生成：/).waitFor();
    for (const sheet of ["评分标准", "评委1", "评委3", "考核表", "汇总", "校验结果"]) {
      await sheetTab(page, sheet).waitFor();
    }
    expect(await sheetTab(page, "评委4").count()).toBe(0);
    await snap(page, "4-generate");
  });

  it("scores one nominee by keyboard in meeting mode and shows the live total", async () => {
    await paneTab(page, "评审").click();
    const chooser = page.getByRole("combobox", { name: "推荐对象" });
    await chooser.click();
    await chooser.fill("SF-0001");
    await page.getByRole("option", { name: /^SF-0001 / }).click();
    await page.getByRole("textbox", { name: "评委1 C1" }).click();
    // Enter moves to the next box in reading order: judge 1's four criteria, then judge 2's …
    for (let judge = 0; judge < 3; judge++) {
      for (const score of ["27", "18", "22.5", "22"]) {
        await page.keyboard.type(score);
        await page.keyboard.press("Enter");
      }
    }
    await page.getByRole("textbox", { name: "群众满意度" }).fill("90");
    // Panel 27 + 18 + 22.5 + 22 = 89.5; total 89.5 × 0.8 + 90 × 0.2 = 89.6, grade 良好.
    await page.getByTestId("live-total").getByText("89.6").waitFor();
    await page.getByText("良好").first().waitFor();
    await snap(page, "5-meeting");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存 13 个单元格。").waitFor();
  });

  it("refuses an out-of-range score inline without saving it", async () => {
    const box = page.getByRole("textbox", { name: "评委2 C2" });
    await box.fill("21");
    await page.getByText("评委2 C2: 须在 0 至 20 之间").waitFor();
    expect(await page.getByRole("button", { name: "保存" }).isDisabled()).toBe(true);
    await box.fill("18");
  });

  it("shows the new total in the grid view of 考核表", async () => {
    await sheetTab(page, "考核表").click();
    const row = page.locator('table.grid[data-sheet="考核表"] tr', { hasText: "SF-0001" });
    const total = row.locator("td", { hasText: /^89\.6$/ });
    await total.waitFor();
    await total.scrollIntoViewIfNeeded();
    await snap(page, "6-grid-total");
  });

  it("shows dynamic management as the workbook holds it, never invented figures", async () => {
    await paneTab(page, "动态管理").click();
    // The sample's nominees have no award date, so no status: the pane says so instead of showing counts.
    await page.getByText(/动态管理状态将随动态管理版本提供|状态统计/).waitFor();
    expect(await page.locator('section[aria-label="动态管理"] table').count()).toBe(0);
  });

  it("draws the summary charts", async () => {
    await paneTab(page, "汇总").click();
    await page.locator('svg[role="img"]').first().waitFor();
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    await snap(page, "7-summary");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("switches the pane to English", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await paneTab(page, "Detect").waitFor();
    await snap(page, "8-english");
  });

  it("raised no uncaught error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});

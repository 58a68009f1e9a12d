/**
 * The try-it-without-Excel demo driven in Debian's Chromium: detect → change one mapping → validate →
 * generate → score one nominee in meeting mode → its total appears in the grid view. axe-core checks
 * accessibility on the way; screenshots land in test-artifacts/e2e/ (gitignored).
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import {
  AXE,
  describeInBrowser,
  seriousViolations,
  snap,
  startDemoBrowser,
  type DemoBrowser,
} from "./browser";

jest.setTimeout(120_000);

/** The text of what describes an element (aria-describedby), as a screen reader reads it after the name. */
async function describedBy(locator: Locator): Promise<string> {
  return locator.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ")
      .trim()
  );
}

const paneTab = (page: Page, name: string) =>
  page.locator("aside").getByRole("tab", { name, exact: true });
const sheetTab = (page: Page, name: string) =>
  page.getByRole("tablist", { name: "工作表 / Sheets" }).getByRole("tab", { name, exact: true });

describeInBrowser("task pane demo in Chromium", () => {
  let demo: DemoBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = await startDemoBrowser();
    page = await demo.browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "zh-CN" });
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // axe-core comes in as an init script: the demo's Content-Security-Policy refuses injected inline scripts.
    await page.addInitScript({ path: AXE });
    await page.goto(`${demo.url}/demo.html`);
  }, 300_000);

  afterAll(async () => {
    await demo?.close();
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
    // No total, grade or rank from a refused entry: the figures say 待更正 until it is corrected.
    await page.getByTestId("live-total").getByText("待更正").waitFor();
    await box.fill("18");
    await page.getByTestId("live-total").getByText("89.6").waitFor();
  });

  it("shows the new total in the grid view of 考核表", async () => {
    await sheetTab(page, "考核表").click();
    const row = page.locator('table.grid[data-sheet="考核表"] tr', { hasText: "SF-0001" });
    const total = row.locator("td", { hasText: /^89\.6$/ });
    await total.waitFor();
    await total.scrollIntoViewIfNeeded();
    await snap(page, "6-grid-total");
  });

  it("records a recusal on 回避 by keyboard alone, and removes it", async () => {
    await paneTab(page, "分发回收").click();
    const judge = page.getByRole("combobox", { name: "评委" });
    await judge.focus();
    // Options: blank, 评委1, 评委2 …; then the nominee (blank, SF-0001, SF-0002 …), the reason, the button.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.type("亲属");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText(/^第 2 行：评委2 回避 SF-0002 .*（亲属）$/).waitFor();
    await snap(page, "6b-recusal");
    expect(await seriousViolations(page)).toEqual([]);
    await sheetTab(page, "回避").click();
    await page.locator('table.grid[data-sheet="回避"] td', { hasText: /^SF-0002$/ }).waitFor();
    const remove = page.getByRole("button", { name: "删除第 2 行：评委2 回避 SF-0002" });
    await remove.focus();
    await page.keyboard.press("Enter");
    await page.getByText("尚未登记回避。").waitFor();
  });

  it("says plainly that a workbook without award dates has no dynamic-management status", async () => {
    await paneTab(page, "动态管理").click();
    await page.getByText(/此工作簿没有已授牌的示范点/).waitFor();
    expect(await page.locator('section[aria-label="动态管理"]').count()).toBe(0);
  });

  it("draws the summary charts", async () => {
    await paneTab(page, "汇总").click();
    await page.locator('svg[role="img"]').first().waitFor();
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    await snap(page, "7-summary");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("regenerates with a fourth judge, keeping the scores and saying what it kept and changed", async () => {
    await paneTab(page, "生成").click();
    const judges = page.getByRole("spinbutton", { name: "评委人数" });
    // The tab opens with the workbook's own settings: three judges.
    expect(await judges.inputValue()).toBe("3");
    await judges.fill("4");
    await judges.press("Tab");
    await page.getByRole("button", { name: "生成考核工作簿" }).click();
    const notes = page.getByRole("list", { name: "保留、更改与未写入的内容" });
    await notes.getByText("已保留 1 个推荐对象已录入的 12 项评分").waitFor();
    await notes.getByText("评委人数由 3 改为 4").waitFor();
    await sheetTab(page, "评委4").waitFor();
    // SF-0001's 12 scores carried: three judges of four scored, the total stays 89.6.
    await sheetTab(page, "考核表").click();
    const row = page.locator('table.grid[data-sheet="考核表"] tr', { hasText: "SF-0001" });
    await row.locator("td", { hasText: /^89\.6$/ }).waitFor();
    await snap(page, "7b-regenerate");
  });

  it("issues judge 1's copy as a download and takes it back through the pane's own file button, by keyboard", async () => {
    await paneTab(page, "分发回收").click();
    await page.getByRole("textbox", { name: /^评委编号/ }).fill("1");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "生成评委评分表" }).click();
    const copy = await download;
    const file = path.join(
      await mkdtemp(path.join(os.tmpdir(), "shifan-e2e-")),
      copy.suggestedFilename()
    );
    await copy.saveAs(file);
    // The button in the pane's language (Chromium's own "Choose Files" was English), named with what it picks.
    const picker = page.getByRole("button", { name: "选择交回的文件 选择文件…" });
    expect(await describedBy(picker)).toBe("未选择文件");
    const chooser = page.waitForEvent("filechooser");
    await picker.focus();
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(file);
    const picked = `已选 1 个文件：${path.basename(file)}`;
    await page.getByText(picked).waitFor();
    expect(await describedBy(picker)).toBe(picked);
    await snap(page, "7c-returns-picked");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "合并", exact: true }).click();
    await page.getByText(`已合并 ${path.basename(file)}：评委1，采用 0 格`).waitFor();
    // Merged: the picker is empty again for the next returns (it kept showing the merged file), and 合并 waits for one.
    expect(await describedBy(picker)).toBe("未选择文件");
    expect(await page.getByText(picked).count()).toBe(0);
    expect(await page.getByRole("button", { name: "合并", exact: true }).isDisabled()).toBe(true);
  });

  it("switches the pane to English", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await paneTab(page, "Detect").waitFor();
    await snap(page, "8-english");
    await paneTab(page, "Copies").click();
    const picker = page.getByRole("button", { name: "Pick returned files Choose files…" });
    // The picker emptied by the merge, said in English now.
    expect(await describedBy(picker)).toBe("No file chosen");
  });

  it("raised no uncaught error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});

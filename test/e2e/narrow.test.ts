/**
 * Every tab of the pane at 360 px, the width of an Excel task pane: a full-page screenshot of each (test-artifacts/
 * e2e/360-*.png), and on each no horizontal scroll, no English in the Chinese pane (text and screen-reader labels
 * alike) and nothing serious from axe-core. Tabs are found in the tab list, so a new tab is covered without a
 * change here. Run on the nomination sample and on a register of awarded sites (the 动态管理 tab with statuses).
 */
import type { Page } from "playwright-core";
import {
  AXE,
  describeInBrowser,
  seriousViolations,
  snap,
  startDemoBrowser,
  type DemoBrowser,
} from "./browser";

jest.setTimeout(180_000);

const WIDTH = 360;

/** Text a person reads or hears in the pane that is English: visible text and accessible names, outside lang="en". */
async function englishInPane(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector("aside") as HTMLElement;
    const found: string[] = [];
    // Ids (SF-0001), criteria (C1), cell addresses (I8) are the workbook's own labels; what a message quotes from a
    // sheet (“…”) is the sheet's text.
    const english = (text: string): boolean =>
      /[A-Za-z]{2,}/.test(text.replace(/“[^”]*”/g, "").replace(/\bSF-\d+|\b[A-Z]{1,3}\d+\b/g, ""));
    const inEnglishPart = (element: Element | null): boolean =>
      element?.closest('[lang^="en"]') !== null && element?.closest('[lang^="en"]') !== undefined;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? "";
      if (!parent || inEnglishPart(parent) || !english(text)) continue;
      if (parent.closest("script,style")) continue;
      found.push(`text “${text.trim()}” in <${parent.tagName.toLowerCase()}>`);
    }
    for (const element of Array.from(root.querySelectorAll("*"))) {
      if (inEnglishPart(element)) continue;
      for (const attribute of ["aria-label", "title", "placeholder", "alt", "aria-valuetext"]) {
        const value = element.getAttribute(attribute);
        if (value && english(value))
          found.push(`${attribute}="${value}" on <${element.tagName.toLowerCase()}>`);
      }
    }
    return found;
  });
}

/** How far the page is wider than the window, and what sticks out. */
async function horizontalOverflow(page: Page): Promise<{ extra: number; wide: string[] }> {
  return page.evaluate(() => {
    const extra = document.documentElement.scrollWidth - window.innerWidth;
    const wide = Array.from(document.querySelectorAll("aside *"))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`);
    return { extra, wide };
  });
}

/** The pane's tabs by their visible names (Fluent's Tab also holds a hidden copy of its text for layout). */
function paneTabs(page: Page) {
  return page.locator("aside").getByRole("tablist").first().getByRole("tab");
}

async function settled(page: Page): Promise<void> {
  await page.locator('aside [role="progressbar"]').first().waitFor({ state: "detached" });
}

interface TabCheck {
  readonly tab: string;
  readonly overflow: { extra: number; wide: string[] };
  readonly english: string[];
  readonly axe: string[];
}

/** Opens each tab in turn, lets `prepare` bring it to a state worth seeing, and checks it. */
async function visitEveryTab(
  page: Page,
  label: string,
  options: { checkEnglish: boolean; prepare?: (tab: string) => Promise<void> }
): Promise<TabCheck[]> {
  const checks: TabCheck[] = [];
  const tabs = paneTabs(page);
  const count = await tabs.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) {
    const tab = (await tabs.nth(i).innerText()).trim();
    await tabs.nth(i).click();
    await settled(page);
    await options.prepare?.(tab);
    await settled(page);
    await snap(page, `360-${label}-${i + 1}-${tab}`, true);
    checks.push({
      tab,
      overflow: await horizontalOverflow(page),
      english: options.checkEnglish ? await englishInPane(page) : [],
      axe: await seriousViolations(page),
    });
  }
  return checks;
}

function expectAllClean(checks: readonly TabCheck[]): void {
  for (const check of checks) {
    expect({ tab: check.tab, overflow: check.overflow.extra, wide: check.overflow.wide }).toEqual({
      tab: check.tab,
      overflow: 0,
      wide: [],
    });
    expect({ tab: check.tab, english: check.english, axe: check.axe }).toEqual({
      tab: check.tab,
      english: [],
      axe: [],
    });
  }
}

async function detectAndGenerate(page: Page, zh: boolean): Promise<void> {
  await page.getByRole("button", { name: zh ? "识别工作簿" : "Detect tables" }).click();
  await page.getByText(zh ? /找到 1 张表/ : "1 table found").waitFor();
  await page
    .locator("aside")
    .getByRole("tab", { name: zh ? "生成" : "Generate" })
    .click();
  await page
    .getByRole("button", { name: zh ? "生成考核工作簿" : "Generate assessment workbook" })
    .click();
  await page.getByText(zh ? /已生成：/ : /Generated:/).waitFor({ timeout: 60_000 });
}

/** In 评审, scores the chosen nominee fully (every judge, satisfaction) and saves, so 汇总 has figures to chart. */
async function scoreAndSave(page: Page): Promise<void> {
  await page.getByRole("textbox", { name: "评委1 C1" }).click();
  for (let judge = 0; judge < 5; judge++)
    for (const score of ["27", "18", "22.5", "22"]) {
      await page.keyboard.type(score);
      await page.keyboard.press("Enter");
    }
  await page.getByRole("textbox", { name: "群众满意度" }).fill("90");
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText("已保存 21 个单元格。").waitFor();
}

/** In 评审, picks the first nominee so the score grid shows. */
async function pickFirstNominee(page: Page, zh: boolean): Promise<void> {
  const picker = page.getByRole("combobox", { name: zh ? "推荐对象" : "Nominee" });
  await picker.click();
  await page.getByRole("option").first().click();
  await page.locator("aside h2").first().waitFor();
}

describeInBrowser("every tab of the pane at 360 px", () => {
  let demo: DemoBrowser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = await startDemoBrowser();
  }, 300_000);

  afterAll(async () => {
    await demo?.close();
  });

  async function openPane(query: string, locale: string): Promise<Page> {
    const page = await demo.browser.newPage({ viewport: { width: WIDTH, height: 760 }, locale });
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.addInitScript({ path: AXE });
    await page.goto(`${demo.url}/demo.html?layout=pane&${query}`);
    return page;
  }

  it("fits, speaks Chinese and passes axe on every tab of the assessed nomination sample", async () => {
    const page = await openPane("", "zh-CN");
    await detectAndGenerate(page, true);
    const checks = await visitEveryTab(page, "zh", {
      checkEnglish: true,
      prepare: async (tab) => {
        if (tab !== "评审") return;
        await pickFirstNominee(page, true);
        await scoreAndSave(page);
      },
    });
    expectAllClean(checks);
    await page.close();
  });

  it("shows the register's statuses, counts and action list on 动态管理, and fits every tab", async () => {
    const page = await openPane("sample=register", "zh-CN");
    await detectAndGenerate(page, true);
    const checks = await visitEveryTab(page, "register", {
      checkEnglish: true,
      prepare: async (tab) => {
        if (tab === "评审") await pickFirstNominee(page, true);
      },
    });
    expectAllClean(checks);
    // The sample's dates sit back from today so that each status shows (src/samples/sampleRegister.ts).
    await page.locator("aside").getByRole("tab", { name: "动态管理" }).click();
    const counts = await page
      .locator('section[aria-label="动态管理"] .fui-Badge')
      .allTextContents();
    expect(counts.slice(0, 4)).toEqual(["淘汰 2", "逾期 2", "待考评 1", "正常 2"]);
    await page.getByText("待办清单（5）").first().waitFor();
    const actions = page.getByRole("list", { name: "待办清单（5）" }).getByRole("listitem");
    expect(await actions.count()).toBe(5);
    expect(await actions.first().textContent()).toMatch(/^淘汰.*最近考评/);
    expect(await actions.last().textContent()).toMatch(/^待考评.*临近下次考评日期/);
    await page.close();
  });

  it("fits every tab in English too", async () => {
    const page = await openPane("lang=en", "en-US");
    await detectAndGenerate(page, false);
    const checks = await visitEveryTab(page, "en", {
      checkEnglish: false,
      prepare: async (tab) => {
        if (tab === "Review") await pickFirstNominee(page, false);
      },
    });
    expectAllClean(checks);
    await page.close();
  });

  it("raised no uncaught error in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The pane on an older Excel, in Chromium: the demo's fake host pretends to be ExcelApi 1.7 (volume-licensed
 * Office 2019). The pane names what that Excel lacks, and generating leaves out data validation and nothing else,
 * and says after generating which sheets it left without what.
 */
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { ensurePaneBuilt, PANE_DIR } from "./buildPane";
import { describeInBrowser, launchChromium } from "./chromium";

// scripts/demo-server.js is plain CommonJS shared with `npm run demo`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStaticServer } = require("../../scripts/demo-server.js") as {
  startStaticServer: (options: {
    root: string;
    port: number;
  }) => Promise<{ server: Server; url: string }>;
};

jest.setTimeout(120_000);

/** Detects and generates on the demo page, then counts the validations the fake workbook holds on 评委1. */
async function generateAndCountValidations(page: Page): Promise<number> {
  await page.getByRole("button", { name: "识别工作簿" }).click();
  await page.getByText("找到 1 张表").waitFor();
  await page.locator("aside").getByRole("tab", { name: "生成", exact: true }).click();
  await page.getByRole("button", { name: "生成考核工作簿" }).click();
  await page.getByText(/已生成：/).waitFor();
  return page.evaluate(() => {
    const demo = (
      window as unknown as {
        shifanDemo: { book: { validations(sheet: string): unknown[]; sheetNames(): string[] } };
      }
    ).shifanDemo;
    if (!demo.book.sheetNames().includes("评委1")) throw new Error("评委1 was not generated");
    return demo.book.validations("评委1").length;
  });
}

describeInBrowser("the pane on ExcelApi 1.7", () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensurePaneBuilt();
    const started = await startStaticServer({ root: PANE_DIR, port: 0 });
    server = started.server;
    url = started.url;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  async function openDemo(query: string): Promise<Page> {
    const page = await browser.newPage({ locale: "zh-CN" });
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${url}/demo.html${query}`);
    return page;
  }

  it("names what it lacks, and generates the sheets without data validation", async () => {
    const page = await openDemo("?excelApi=1.7");
    await page.getByText("此 Excel 缺少以下功能").waitFor();
    await page.getByText(/数据验证（需要 ExcelApi 1\.8/).waitFor();
    await page.getByText(/筛选按钮和打印设置（需要 ExcelApi 1\.9）/).waitFor();
    expect(await generateAndCountValidations(page)).toBe(0);
    const written = page.getByRole("list", { name: "保留、更改与未写入的内容" });
    await written.getByText(/“评委1”.*：未设置数据验证.*此 Excel 缺少 ExcelApi 1\.8/).waitFor();
    await written.getByText(/：未添加筛选按钮，此 Excel 缺少 ExcelApi 1\.9/).waitFor();
    await page.close();
  });

  it("writes the validations and shows no notice on a current Excel", async () => {
    const page = await openDemo("");
    await page.getByRole("button", { name: "识别工作簿" }).waitFor();
    expect(await page.getByText("此 Excel 缺少以下功能").count()).toBe(0);
    expect(await generateAndCountValidations(page)).toBeGreaterThan(0);
    expect(await page.getByText(/未设置数据验证|未添加筛选按钮/).count()).toBe(0);
    await page.close();
  });

  it("raised no uncaught error in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});

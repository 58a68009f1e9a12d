/**
 * The pane where webviews are old or office.js cannot be reached (issue #14): every emitted chunk parses as
 * ES2017, the inline boot check as ES5; in Chromium, taskpane.html with office.js unreachable or a file missing
 * shows what to do instead of "正在加载…"; real office.js runs under the pane's Content-Security-Policy; and the
 * demo runs end to end with the APIs EdgeHTML 18 lacks taken away.
 */
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import * as acorn from "acorn";
import type { Browser, Page } from "playwright-core";
import { ensurePaneBuilt, PANE_DIR, ROOT } from "./buildPane";
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

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

function parseError(source: string, ecmaVersion: 5 | 2017): string | null {
  try {
    acorn.parse(source, { ecmaVersion, sourceType: "script" });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const inlineScripts = (html: string): string[] =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? "");

describe("the built pane's JavaScript", () => {
  beforeAll(() => ensurePaneBuilt(), 300_000);

  it("parses as ES2017 in every emitted chunk (EdgeHTML 18 cannot parse later syntax)", () => {
    const chunks = fs.readdirSync(PANE_DIR).filter((file) => file.endsWith(".js"));
    expect(chunks.length).toBeGreaterThan(3);
    const failures = chunks
      .map((file) => [file, parseError(fs.readFileSync(path.join(PANE_DIR, file), "utf8"), 2017)])
      .filter(([, error]) => error !== null);
    expect(failures).toEqual([]);
  });

  it("keeps the inline boot check of taskpane.html to ES5, so IE11 runs it", () => {
    const scripts = inlineScripts(fs.readFileSync(path.join(PANE_DIR, "taskpane.html"), "utf8"));
    expect(scripts).toHaveLength(1);
    expect(parseError(scripts[0] ?? "", 5)).toBeNull();
  });

  it("would catch later syntax: ES2018 object spread and ES2020 optional chaining fail the ES2017 parse", () => {
    expect(parseError("const a = { ...b };", 2017)).toMatch(/Unexpected token/);
    expect(parseError("a?.b;", 2017)).toMatch(/Unexpected token/);
    expect(parseError("class A { static { } }", 2017)).toMatch(/Unexpected token/);
    expect(parseError("const a = () => 1;", 5)).not.toBeNull();
  });

  it("hashes the inline boot check into the Content-Security-Policy it ships with", () => {
    const html = fs.readFileSync(path.join(PANE_DIR, "taskpane.html"), "utf8");
    const policy = fs
      .readFileSync(path.join(PANE_DIR, "content-security-policy.txt"), "utf8")
      .trim();
    expect(html).toContain(`content="${policy}"`);
    const crypto = jest.requireActual<typeof import("node:crypto")>("node:crypto");
    const hash = crypto
      .createHash("sha256")
      .update(inlineScripts(html)[0] ?? "", "utf8")
      .digest("base64");
    expect(policy).toContain(`'sha256-${hash}'`);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(policy).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com /);
  });
});

describeInBrowser("taskpane.html in Chromium", () => {
  let browser: Browser;
  let server: Server;
  let url: string;

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

  /** A page that records uncaught errors and Content-Security-Policy violations. */
  async function newPage(): Promise<{ page: Page; errors: string[]; violations: string[] }> {
    const page = await browser.newPage({ locale: "zh-CN" });
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    const violations: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    return { page, errors, violations };
  }

  /** Serves office.js from the installed package in place of Microsoft's CDN, which this machine cannot reach. */
  async function officeJsFromPackage(page: Page): Promise<void> {
    await page.route(`${OFFICE_JS_CDN}**`, async (route) => {
      const relative = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
      const file = path.join(OFFICE_JS_DIST, relative);
      if (fs.existsSync(file)) await route.fulfill({ path: file, contentType: "text/javascript" });
      else await route.fulfill({ status: 404, body: "" });
    });
  }

  it("says what to do when office.js cannot be reached, instead of loading forever", async () => {
    const { page, violations } = await newPage();
    await page.route(`${OFFICE_JS_CDN}**`, (route) => route.abort("connectionrefused"));
    await page.goto(`${url}/taskpane.html`);
    const alert = page.getByRole("alert");
    await alert.getByText("无法加载 Office 的脚本库 office.js").waitFor();
    await alert.getByText(/Office's script library \(office\.js\) could not be loaded/).waitFor();
    await alert.getByText(/Excel 网页版/).waitFor();
    await alert.getByText(/intranet build/).waitFor();
    expect(await page.locator("#root").getAttribute("data-boot-failure")).toBe("office");
    expect(await page.getByText("正在加载…").count()).toBe(0);
    expect(violations).toEqual([]);
    await page.close();
  });

  it("says which files failed when a script of the pane itself is missing", async () => {
    const { page } = await newPage();
    await officeJsFromPackage(page);
    await page.route(/\/taskpane\.[0-9a-f]+\.js$/, (route) =>
      route.fulfill({ status: 404, body: "" })
    );
    await page.goto(`${url}/taskpane.html`);
    await page.getByRole("alert").getByText("加载项的文件没有全部加载成功。").waitFor();
    expect(await page.locator("#root").getAttribute("data-boot-failure")).toBe("script");
    await page.close();
  });

  it("tells a webview without ES2017 (IE11) what to do", async () => {
    const { page } = await newPage();
    await officeJsFromPackage(page);
    // IE11 has no Object.getOwnPropertyDescriptors: the check reads it as "too old" before the bundle runs.
    await page.addInitScript(() => {
      delete (Object as { getOwnPropertyDescriptors?: unknown }).getOwnPropertyDescriptors;
    });
    await page.route(/\/taskpane\.[0-9a-f]+\.js$/, (route) =>
      route.fulfill({ status: 404, body: "" })
    );
    await page.goto(`${url}/taskpane.html`);
    await page
      .getByRole("alert")
      .getByText(/此 Office 用 Internet Explorer 11 显示加载项/)
      .waitFor();
    await page
      .getByRole("alert")
      .getByText(/WebView2/)
      .first()
      .waitFor();
    await page.close();
  });

  it("runs the real office.js under the pane's policy, and outside Excel says the pane belongs in Excel", async () => {
    const { page, errors, violations } = await newPage();
    await officeJsFromPackage(page);
    await page.goto(`${url}/taskpane.html`);
    await page.getByText(/本加载项只能在 Excel 中使用/).waitFor();
    await page.getByText(/This add-in works in Excel only/).waitFor();
    expect(await page.locator("#root").getAttribute("data-boot-failure")).toBeNull();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says so when opened in another Office application", async () => {
    const { page } = await newPage();
    await page.route(`${OFFICE_JS_CDN}office.js`, (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body:
          "window.Office = { HostType: { Excel: 'Excel' }, context: {}," +
          " onReady: function () { return Promise.resolve({ host: 'Word', platform: 'PC' }); } };",
      })
    );
    await page.goto(`${url}/taskpane.html`);
    await page.getByText(/现在是在 Word 中打开的/).waitFor();
    await page.getByText(/it was opened in Word/).waitFor();
    await page.close();
  });

  it("runs the demo end to end with what EdgeHTML 18 lacks taken away, under the same policy", async () => {
    const { page, errors, violations } = await newPage();
    await page.addInitScript(() => {
      // What MDN's compatibility data gives as missing in EdgeHTML 18 among what the bundle uses; the polyfills
      // (core-js) and the shims (legacyShims.ts) must put each back before the pane needs it. (globalThis stays:
      // Playwright's own evaluation needs it.)
      const remove = (owner: object, names: string[]): void => {
        for (const name of names) delete (owner as Record<string, unknown>)[name];
      };
      remove(window, [
        "WeakRef",
        "FinalizationRegistry",
        "ResizeObserver",
        "DOMRect",
        "queueMicrotask",
        "structuredClone",
        "BigInt",
      ]);
      remove(Object, ["fromEntries", "hasOwn"]);
      remove(Promise, ["allSettled", "any"]);
      remove(Array.prototype, ["flat", "flatMap", "at", "findLast", "findLastIndex"]);
      remove(String.prototype, ["matchAll", "replaceAll", "trimStart", "trimEnd", "at"]);
      remove(Symbol.prototype, ["description"]);
      remove(Event.prototype, ["composedPath"]);
      remove(Element.prototype, ["replaceChildren"]);
    });
    await page.goto(`${url}/demo.html`);
    expect(await page.evaluate(() => typeof (window as { WeakRef?: unknown }).WeakRef)).toBe(
      "function"
    );
    await page.getByRole("button", { name: "识别工作簿" }).click();
    await page.getByText("找到 1 张表").waitFor();
    // A Fluent dropdown: positioning (ResizeObserver, DOMRect) and focus management (WeakRef, composedPath).
    await page.getByRole("combobox", { name: /^J .*字段$/ }).click();
    await page.getByRole("option", { name: "（不使用）" }).click();
    await page.locator("aside").getByRole("tab", { name: "生成", exact: true }).click();
    await page.getByRole("button", { name: "生成考核工作簿" }).click();
    await page.getByText(/已生成：/).waitFor();
    // Fluent's styles applied under the policy: the primary button is filled, not a bare browser button.
    const background = await page
      .getByRole("button", { name: "生成考核工作簿" })
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).not.toMatch(/^rgba\(0, 0, 0, 0\)$|^rgb\(239, 239, 239\)$/);
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });
});

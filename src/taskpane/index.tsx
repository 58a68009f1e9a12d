/**
 * The task pane's composition root: the only place that waits for Office and touches `Excel.run`.
 * Everything below receives a PaneService. taskpane.html's boot check (boot.js) shows what to do until
 * this module reports that it has started.
 */
import "./legacyShims"; // first: Fluent's modules use these as they load
import { createRoot } from "react-dom/client";
import { officeExcelHost } from "../adapters/officejs/OfficeJsWorkbook";
import { App } from "./App";
import { workbookAccessOverHost } from "./services/officeJsAccess";
import { WorkbookPaneService } from "./services/WorkbookPaneService";
import { deliveryForPlatform } from "./services/FileDelivery";

interface BootCheck {
  started(): void;
  fail(reason: "office" | "script"): void;
}
const boot = (window as unknown as { shifanBoot?: BootCheck }).shifanBoot;

/** A plain-DOM message in both languages: React may not be running. */
function showMessage(container: HTMLElement, zh: string, en: string): void {
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  for (const [text, lang] of [
    [zh, "zh-CN"],
    [en, "en"],
  ] as const) {
    const line = document.createElement("p");
    line.lang = lang;
    line.textContent = text;
    box.appendChild(line);
  }
  container.textContent = "";
  container.appendChild(box);
}

const container = document.getElementById("root") as HTMLElement;
if (typeof Office === "undefined") {
  boot?.fail("office");
} else {
  Office.onReady()
    .then(({ host }) => {
      boot?.started();
      if (host !== Office.HostType.Excel) {
        const where = host ? String(host) : null;
        showMessage(
          container,
          where
            ? `本加载项只能在 Excel 中使用，现在是在 ${where} 中打开的。请在 Excel 的“开始”选项卡点击“考核助手”。`
            : "本加载项只能在 Excel 中使用：请在 Excel 的“开始”选项卡点击“考核助手”打开它，不要直接用浏览器打开本页。",
          where
            ? `This add-in works in Excel only; it was opened in ${where}. In Excel, click Assessment Pane on the Home tab.`
            : "This add-in works in Excel only: open it from Excel (Home tab, Assessment Pane), not as a page in a browser."
        );
        return;
      }
      // Judges' copies: downloads on the web and on Windows, new workbooks (Excel.createWorkbook) elsewhere.
      const delivery = deliveryForPlatform(String(Office.context.platform ?? ""), (base64) =>
        Excel.createWorkbook(base64)
      );
      const documentUrl = Office.context.document?.url ?? "";
      const stem = decodeURIComponent(documentUrl.split(/[\\/]/).pop() ?? "").replace(
        /\.[^.]*$/,
        ""
      );
      const service = new WorkbookPaneService(
        workbookAccessOverHost(officeExcelHost),
        delivery,
        () => stem || "考核工作簿"
      );
      const lang =
        Office.context.displayLanguage?.toLowerCase().startsWith("zh") === false ? "en" : "zh";
      createRoot(container).render(<App service={service} initialLang={lang} />);
    })
    .catch((error: unknown) => {
      console.error(error);
      boot?.started();
      const detail = error instanceof Error ? error.message : String(error);
      showMessage(container, `加载项启动失败：${detail}`, `The add-in failed to start: ${detail}`);
    });
}

/**
 * The task pane's composition root: the only place that waits for Office and touches `Excel.run`.
 * Everything below receives a PaneService.
 */
import { createRoot } from "react-dom/client";
import { officeExcelHost } from "../adapters/officejs/OfficeJsWorkbook";
import { App } from "./App";
import { workbookAccessOverHost } from "./services/officeJsAccess";
import { WorkbookPaneService } from "./services/WorkbookPaneService";

function showStartupFailure(container: HTMLElement, error: unknown): void {
  // React may not be running; plain DOM keeps the message visible in the pane, not only in the console.
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.textContent = `加载项启动失败 / The add-in failed to start: ${error instanceof Error ? error.message : String(error)}`;
  container.replaceChildren(message);
}

const container = document.getElementById("root") as HTMLElement;
Office.onReady()
  .then(() => {
    const service = new WorkbookPaneService(workbookAccessOverHost(officeExcelHost));
    const lang =
      Office.context.displayLanguage?.toLowerCase().startsWith("zh") === false ? "en" : "zh";
    createRoot(container).render(<App service={service} initialLang={lang} />);
  })
  .catch((error: unknown) => {
    console.error(error);
    showStartupFailure(container, error);
  });

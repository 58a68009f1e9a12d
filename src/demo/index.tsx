/**
 * Try it without Excel: the real task pane beside a grid view of an in-memory workbook (the typed
 * fake of the Excel API) loaded with the bundled sample nominations. No office.js is loaded.
 */
import "../taskpane/legacyShims"; // first: Fluent's modules use these as they load
import { createRoot } from "react-dom/client";
import { FakeWorkbook } from "../adapters/officejs/fake/FakeExcel";
import { sampleNominationGrid } from "../samples/sampleNominations";
import { App } from "../taskpane/App";
import { workbookAccessOverHost } from "../taskpane/services/officeJsAccess";
import { WorkbookPaneService } from "../taskpane/services/WorkbookPaneService";
import { GridView } from "./GridView";

const query = new URLSearchParams(window.location.search);
const book = FakeWorkbook.fromGrid(sampleNominationGrid());
// ?excelApi=1.7 pretends to be an older Excel (volume-licensed Office 2019), to see what the pane leaves out there.
const excelApi = /^1\.\d+$/.test(query.get("excelApi") ?? "")
  ? (query.get("excelApi") ?? "")
  : undefined;
const host = book.host(excelApi ? { apiVersion: excelApi } : {});
const service = new WorkbookPaneService(workbookAccessOverHost(host));
const initialLang = query.get("lang") === "en" ? "en" : "zh";

// Tests and curious people can reach the fake from the browser console.
(window as unknown as { shifanDemo: { book: FakeWorkbook } }).shifanDemo = { book };

createRoot(document.getElementById("root") as HTMLElement).render(
  <div className="demo">
    <aside className="demo-pane" aria-label="任务窗格 / Task pane">
      <App service={service} initialLang={initialLang} />
    </aside>
    <GridView book={book} />
  </div>
);

/**
 * Try it without Excel: the real task pane beside a grid view of an in-memory workbook (the typed
 * fake of the Excel API) loaded with the bundled sample nominations. No office.js is loaded.
 */
import "../taskpane/legacyShims"; // first: Fluent's modules use these as they load
import { createRoot } from "react-dom/client";
import { FakeWorkbook } from "../adapters/officejs/fake/FakeExcel";
import { isoDate, type IsoDate, type WorkbookGrid } from "../engine";
import { sampleNominationGrid } from "../samples/sampleNominations";
import { sampleRegisterGrid } from "../samples/sampleRegister";
import { App } from "../taskpane/App";
import { workbookAccessOverHost } from "../taskpane/services/officeJsAccess";
import { WorkbookPaneService } from "../taskpane/services/WorkbookPaneService";
import { GridView } from "./GridView";

const query = new URLSearchParams(window.location.search);

function today(): IsoDate {
  const now = new Date();
  const date = isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  if (!date) throw new Error("the clock gave an impossible date");
  return date;
}

// ?sample=register: a register of awarded sites, for the 动态管理 tab; otherwise the nomination sample.
const sample: WorkbookGrid =
  query.get("sample") === "register" ? sampleRegisterGrid(today()) : sampleNominationGrid();
const book = FakeWorkbook.fromGrid(sample);
// ?excelApi=1.7 pretends to be an older Excel (volume-licensed Office 2019), to see what the pane leaves out there.
const excelApi = /^1\.\d+$/.test(query.get("excelApi") ?? "")
  ? (query.get("excelApi") ?? "")
  : undefined;
const host = book.host(excelApi ? { apiVersion: excelApi } : {});
const service = new WorkbookPaneService(workbookAccessOverHost(host));
const initialLang = query.get("lang") === "en" ? "en" : "zh";
const paneOnly = query.get("layout") === "pane";

// Tests and curious people can reach the fake from the browser console.
(window as unknown as { shifanDemo: { book: FakeWorkbook } }).shifanDemo = { book };

const pane = (
  <aside className={paneOnly ? "pane-only" : "demo-pane"} aria-label="任务窗格 / Task pane">
    <App service={service} initialLang={initialLang} />
  </aside>
);

// ?layout=pane: the pane alone at the window's width, as Excel shows a task pane (the browser tests use it at 360 px).
createRoot(document.getElementById("root") as HTMLElement).render(
  paneOnly ? (
    pane
  ) : (
    <div className="demo">
      {pane}
      <GridView book={book} />
    </div>
  )
);

import { renderToString } from "react-dom/server";
import { App } from "../../src/taskpane/App";
import type { HostCapabilities, PaneService } from "../../src/taskpane/services/PaneService";

const CURRENT_EXCEL: HostCapabilities = { supported: true, missing: [] };

/** A service whose workbook is never reached: these tests look at the first paint only. */
function serviceWith(capabilities: HostCapabilities): PaneService {
  const unreachable = () => Promise.reject(new Error("not called on first paint"));
  return {
    capabilities: () => capabilities,
    inspect: unreachable,
    selectCell: unreachable,
    generatedSettings: unreachable,
    generate: unreachable,
    readAssessment: unreachable,
    writeCells: unreachable,
    copyDelivery: () => "download",
    issueCopies: unreachable,
    mergeReturns: unreachable,
    readRecusals: unreachable,
    addRecusal: unreachable,
    removeRecusal: unreachable,
  };
}

describe("App first paint", () => {
  it("opens in Chinese on the 识别 tab with all six tabs", () => {
    const html = renderToString(<App service={serviceWith(CURRENT_EXCEL)} />);
    for (const tab of ["识别", "校验", "生成", "评审", "动态管理", "汇总"])
      expect(html).toContain(tab);
    expect(html).toContain("识别工作簿");
  });

  it("opens in English when asked", () => {
    const html = renderToString(<App service={serviceWith(CURRENT_EXCEL)} initialLang="en" />);
    expect(html).toContain("Detect tables");
    expect(html).not.toContain("识别工作簿");
  });

  it("says plainly when Excel lacks ExcelApi 1.7 and the add-in cannot run", () => {
    const html = renderToString(<App service={serviceWith({ supported: false, missing: [] })} />);
    expect(html).toContain("至少需要 ExcelApi 1.7");
  });

  it("names what volume-licensed Office 2019 (ExcelApi 1.7) lacks, in Chinese and English", () => {
    const lacking: HostCapabilities = {
      supported: true,
      missing: ["validation", "filtersAndPrint", "mergedCells"],
    };
    const zh = renderToString(<App service={serviceWith(lacking)} />);
    expect(zh).toContain("此 Excel 缺少以下功能");
    expect(zh).toContain("数据验证（需要 ExcelApi 1.8");
    expect(zh).toContain("筛选按钮和打印设置（需要 ExcelApi 1.9）");
    expect(zh).toContain("读取合并单元格（需要 ExcelApi 1.13）");
    expect(zh).not.toContain("无法运行");
    const en = renderToString(<App service={serviceWith(lacking)} initialLang="en" />);
    expect(en).toContain("data validation (needs ExcelApi 1.8");
    expect(en).toContain("filter buttons and print setup (needs ExcelApi 1.9)");
  });

  it("names only merged-cell reading on ExcelApi 1.9", () => {
    const html = renderToString(
      <App service={serviceWith({ supported: true, missing: ["mergedCells"] })} />
    );
    expect(html).toContain("读取合并单元格");
    expect(html).not.toContain("数据验证（");
  });

  it("shows no version notice on a current Excel", () => {
    const html = renderToString(<App service={serviceWith(CURRENT_EXCEL)} />);
    expect(html).not.toContain("ExcelApi");
  });
});

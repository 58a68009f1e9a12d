import { renderToString } from "react-dom/server";
import { App } from "../../src/taskpane/App";
import type { PaneService } from "../../src/taskpane/services/PaneService";

/** A service whose workbook is never reached: these tests look at the first paint only. */
function serviceWith(apiSupported: boolean): PaneService {
  const unreachable = () => Promise.reject(new Error("not called on first paint"));
  return {
    apiSupported: () => apiSupported,
    inspect: unreachable,
    selectCell: unreachable,
    generate: unreachable,
    readAssessment: unreachable,
    writeCells: unreachable,
  };
}

describe("App first paint", () => {
  it("opens in Chinese on the 识别 tab with all six tabs", () => {
    const html = renderToString(<App service={serviceWith(true)} />);
    for (const tab of ["识别", "校验", "生成", "评审", "动态管理", "汇总"])
      expect(html).toContain(tab);
    expect(html).toContain("识别工作簿");
  });

  it("opens in English when asked", () => {
    const html = renderToString(<App service={serviceWith(true)} initialLang="en" />);
    expect(html).toContain("Detect tables");
    expect(html).not.toContain("识别工作簿");
  });

  it("says plainly when Excel lacks ExcelApi 1.8", () => {
    expect(renderToString(<App service={serviceWith(false)} />)).toContain("需要 ExcelApi 1.8");
  });

  it("shows no version warning when ExcelApi 1.8 is there", () => {
    expect(renderToString(<App service={serviceWith(true)} />)).not.toContain("ExcelApi 1.8");
  });
});

/** WorkbookAccess over an ExcelHost: real Excel in the task pane, the in-memory fake in the demo. */
import {
  ApplyCancelledError,
  OfficeJsPlanSink,
  OfficeJsWorkbookSource,
  hostCapabilities,
  selectCell,
  writeInputCells,
  type ExcelHost,
} from "../../adapters/officejs/OfficeJsWorkbook";
import { CancelledError } from "./PaneService";
import type { WorkbookAccess } from "./WorkbookPaneService";

export function workbookAccessOverHost(host: ExcelHost): WorkbookAccess {
  return {
    capabilities: () => hostCapabilities(host),
    read: () => new OfficeJsWorkbookSource(host).read(),
    apply: async (plan, options) => {
      try {
        return await new OfficeJsPlanSink(host).apply(plan, options);
      } catch (error) {
        throw error instanceof ApplyCancelledError ? new CancelledError(error.message) : error;
      }
    },
    writeCells: (cells) =>
      writeInputCells(
        host,
        cells.map((write) => ({ sheet: write.sheet, cell: write.cell, value: write.value }))
      ),
    selectCell: (sheet, cell) => selectCell(host, sheet, cell),
  };
}

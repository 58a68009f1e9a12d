/** The LibreOffice harness for tests: the runner lives in src/tools so the bench (built by tsconfig.cli.json) shares it. */
export {
  sofficeAvailable,
  sofficeCommand,
  recalculateWorkbooks,
  convertWorkbooksToPdf,
  convertWorkbooksToXls,
  readComputedValues,
  recalcProfileRegistry,
} from "../../src/tools/libreoffice";
export type {
  ComputedValue,
  ComputedWorkbook,
  RecalculateOptions,
} from "../../src/tools/libreoffice";

/**
 * The part of the Excel JavaScript API that shifan uses, and nothing more.
 * `Excel.RequestContext` is checked to satisfy `XlContext` at compile time (OfficeJsWorkbook.ts), and the
 * in-memory fake (fake/FakeExcel.ts) implements it, so the adapter cannot call anything the fake lacks.
 * Enum-typed properties are `string` here: the adapter writes string literals ('Custom', 'Stop'), which
 * office-js accepts, and never touches the `Excel` enums at run time (they do not exist outside Office).
 * Members are declared as methods on purpose: method parameters compare bivariantly, which lets
 * `Excel.Range` stand where `XlRange` is expected.
 */

export type XlCellValue = string | number | boolean | null;

export interface XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  sync(): Promise<unknown>;
}

export interface XlApplication {
  /** ExcelApi 1.6. */
  suspendApiCalculationUntilNextSync(): void;
  /** ExcelApi 1.9. */
  suspendScreenUpdatingUntilNextSync(): void;
  /** ExcelApi 1.1. 'Recalculate' | 'Full' | 'FullRebuild'. */
  calculate(calculationType: string): void;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  readonly names: XlNamedItemCollection;
}

export interface XlWorksheetCollection {
  readonly items: XlWorksheet[];
  load(propertyNames: string): XlWorksheetCollection;
  getItem(key: string): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
  add(name?: string): XlWorksheet;
}

export interface XlWorksheet {
  readonly name: string;
  readonly isNullObject: boolean;
  visibility: string;
  tabColor: string;
  readonly freezePanes: XlFreezePanes;
  readonly protection: XlWorksheetProtection;
  readonly autoFilter: XlAutoFilter;
  readonly pageLayout: XlPageLayout;
  readonly horizontalPageBreaks: XlPageBreakCollection;
  readonly charts: XlChartCollection;
  load(propertyNames: string): XlWorksheet;
  delete(): void;
  activate(): void;
  getRange(address?: string): XlRange;
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number
  ): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
}

export interface XlRange {
  readonly isNullObject: boolean;
  readonly address: string;
  /** 0-based, like every index in office-js. */
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  values: XlCellValue[][];
  formulas: XlCellValue[][];
  numberFormat: (string | null)[][];
  /** 'Empty' | 'String' | 'Double' | 'Integer' | 'Boolean' | 'Error' | 'Unknown' | 'RichValue'. */
  readonly valueTypes: string[][];
  /** null when some rows are hidden and others not. */
  rowHidden: boolean;
  columnHidden: boolean;
  hyperlink: XlHyperlink;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;
  readonly conditionalFormats: XlConditionalFormatCollection;
  load(propertyNames: string): XlRange;
  merge(across?: boolean): void;
  select(): void;
  /** ExcelApi 1.13. */
  getMergedAreasOrNullObject(): XlRangeAreas;
}

export interface XlHyperlink {
  documentReference?: string;
  address?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface XlRangeAreas {
  readonly isNullObject: boolean;
  /** Comma-separated addresses, each with its sheet: `Sheet1!A1:B2, Sheet1!D4:E4`. */
  readonly address: string;
  load(propertyNames: string): XlRangeAreas;
}

export interface XlRangeFormat {
  /** Points, not characters. */
  columnWidth: number;
  /** Points. */
  rowHeight: number;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  /** Fits the rows' heights to their contents (wrapped text, font sizes); merged cells are left out. */
  autofitRows(): void;
  readonly font: XlRangeFont;
  readonly fill: XlRangeFill;
  readonly protection: XlFormatProtection;
  readonly borders: XlRangeBorderCollection;
}

export interface XlRangeFont {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
}

export interface XlRangeFill {
  color: string;
}

export interface XlFormatProtection {
  locked: boolean;
}

export interface XlRangeBorderCollection {
  getItem(index: string): XlRangeBorder;
}

export interface XlRangeBorder {
  style: string;
  color: string;
}

export interface XlDataValidation {
  rule: XlDataValidationRule;
  errorAlert: XlDataValidationErrorAlert;
  prompt: XlDataValidationPrompt;
  ignoreBlanks: boolean;
  load(propertyNames: string): XlDataValidation;
}

export interface XlBasicValidation {
  formula1: string | number | object;
  formula2?: string | number | object;
  operator: string;
}

export interface XlDataValidationRule {
  decimal?: XlBasicValidation;
  wholeNumber?: XlBasicValidation;
  date?: XlBasicValidation;
  list?: { inCellDropDown: boolean; source: string | object };
}

export interface XlDataValidationErrorAlert {
  message: string;
  showAlert: boolean;
  style: string;
  title: string;
}

export interface XlDataValidationPrompt {
  message: string;
  showPrompt: boolean;
  title: string;
}

export interface XlConditionalFormatCollection {
  add(type: string): XlConditionalFormat;
}

export interface XlConditionalFormat {
  priority: number;
  stopIfTrue: boolean;
  readonly custom: XlCustomConditionalFormat;
}

export interface XlCustomConditionalFormat {
  readonly rule: { formula: string };
  readonly format: {
    readonly fill: { color: string };
    readonly font: { color: string; bold: boolean };
  };
}

export interface XlFreezePanes {
  freezeAt(frozenRange: XlRange | string): void;
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
}

export interface XlProtectionOptions {
  allowAutoFilter?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowSort?: boolean;
}

export interface XlWorksheetProtection {
  readonly protected: boolean;
  protect(options?: XlProtectionOptions, password?: string): void;
  load(propertyNames: string): XlWorksheetProtection;
}

export interface XlPageBreakCollection {
  /** ExcelApi 1.9: a break above the range's top-left cell. */
  add(pageBreakRange: XlRange | string): unknown;
}

export interface XlAutoFilter {
  /** ExcelApi 1.9. */
  apply(range: XlRange | string): void;
}

/** ExcelApi 1.9. */
export interface XlPageLayout {
  orientation: string;
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  setPrintTitleRows(printTitleRows: XlRange | string): void;
  setPrintTitleColumns(printTitleColumns: XlRange | string): void;
  readonly headersFooters: XlHeaderFooterGroup;
}

/** ExcelApi 1.9: what every page's header and footer show, in Excel's codes (&P page, &N pages, &A sheet, &D date). */
export interface XlHeaderFooterGroup {
  readonly defaultForAllPages: XlHeaderFooter;
}

export interface XlHeaderFooter {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

export interface XlNamedItemCollection {
  readonly items: XlNamedItem[];
  load(propertyNames: string): XlNamedItemCollection;
  add(name: string, reference: XlRange | string, comment?: string): XlNamedItem;
  getItemOrNullObject(name: string): XlNamedItem;
}

export interface XlNamedItem {
  readonly name: string;
  readonly isNullObject: boolean;
  /** ExcelApi 1.7: `='评委2'!$A$1:$B$3`, `="text"`, `=#REF!`. */
  readonly formula: unknown;
  visible: boolean;
  delete(): void;
  load(propertyNames: string): XlNamedItem;
}

export interface XlChartCollection {
  /** `type`: 'ColumnClustered' | 'ColumnStacked' | 'BarStacked' …; `seriesBy`: 'Auto' | 'Columns' | 'Rows'. */
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart;
}

export interface XlChart {
  readonly title: XlChartTitle;
  readonly series: XlChartSeriesCollection;
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void;
}

export interface XlChartTitle {
  text: string;
}

export interface XlChartSeriesCollection {
  getItemAt(index: number): XlChartSeries;
}

export interface XlChartSeries {
  name: string;
  readonly format: XlChartSeriesFormat;
  setValues(sourceData: XlRange): void;
  setXAxisValues(sourceData: XlRange): void;
}

export interface XlChartSeriesFormat {
  readonly fill: XlChartFill;
}

export interface XlChartFill {
  setSolidColor(color: string): void;
}

/** An ExcelApi requirement set version, "major.minor". */
export type ExcelApiVersion = `1.${number}`;

/**
 * The requirement set of every Excel API member the subset above declares, keyed by the real class name, as
 * Microsoft's requirement-set tables give it (the `[Api set: …]` notes of @types/office-js carry the same
 * tables; test/adapters/officejs/apiRequirements.test.ts checks each entry against them). Where a property
 * needs one set to read and another to write, the entry is the one for the way the adapter uses it.
 * The manifest asks for ExcelApi 1.7 (LTSC 2019 has no more); members above it are used only where the
 * host reports their set (HOST_GATED_FEATURES), and the fake refuses them on a lower pretend host.
 */
export const EXCEL_API_REQUIREMENTS = {
  "Application.suspendApiCalculationUntilNextSync": "1.6",
  "Application.suspendScreenUpdatingUntilNextSync": "1.9",
  "Application.calculate": "1.1",
  "Workbook.worksheets": "1.1",
  "Workbook.names": "1.1",
  "WorksheetCollection.getItem": "1.1",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "WorksheetCollection.add": "1.1",
  "Worksheet.name": "1.1",
  "Worksheet.visibility": "1.2", // 1.1 to read, 1.2 to set (generated helper sheets are hidden)
  "Worksheet.tabColor": "1.7",
  "Worksheet.freezePanes": "1.7",
  "Worksheet.protection": "1.2",
  "Worksheet.autoFilter": "1.9",
  "Worksheet.pageLayout": "1.9",
  "Worksheet.horizontalPageBreaks": "1.9",
  "PageBreakCollection.add": "1.9",
  "Worksheet.delete": "1.1",
  "Worksheet.activate": "1.1",
  "Worksheet.getRange": "1.1",
  "Worksheet.getRangeByIndexes": "1.7",
  "Worksheet.getUsedRangeOrNullObject": "1.4",
  "Range.address": "1.1",
  "Range.rowIndex": "1.1",
  "Range.columnIndex": "1.1",
  "Range.rowCount": "1.1",
  "Range.columnCount": "1.1",
  "Range.values": "1.1",
  "Range.formulas": "1.1",
  "Range.numberFormat": "1.1",
  "Range.valueTypes": "1.1",
  "Range.rowHidden": "1.2",
  "Range.columnHidden": "1.2",
  "Range.hyperlink": "1.7",
  "Range.format": "1.1",
  "Range.dataValidation": "1.8",
  "Range.conditionalFormats": "1.6",
  "Range.merge": "1.2",
  "Range.select": "1.1",
  "Range.getMergedAreasOrNullObject": "1.13",
  "RangeAreas.address": "1.9",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.rowHeight": "1.2",
  "RangeFormat.autofitRows": "1.2",
  "RangeFormat.horizontalAlignment": "1.1",
  "RangeFormat.verticalAlignment": "1.1",
  "RangeFormat.wrapText": "1.1",
  "RangeFormat.font": "1.1",
  "RangeFormat.fill": "1.1",
  "RangeFormat.protection": "1.2",
  "RangeFormat.borders": "1.1",
  "RangeFont.bold": "1.1",
  "RangeFont.italic": "1.1",
  "RangeFont.color": "1.1",
  "RangeFont.size": "1.1",
  "RangeFill.color": "1.1",
  "FormatProtection.locked": "1.2",
  "RangeBorderCollection.getItem": "1.1",
  "RangeBorder.style": "1.1",
  "RangeBorder.color": "1.1",
  "DataValidation.rule": "1.8",
  "DataValidation.errorAlert": "1.8",
  "DataValidation.prompt": "1.8",
  "DataValidation.ignoreBlanks": "1.8",
  "ConditionalFormatCollection.add": "1.6",
  "ConditionalFormat.priority": "1.6",
  "ConditionalFormat.stopIfTrue": "1.6",
  "ConditionalFormat.custom": "1.6",
  "CustomConditionalFormat.rule": "1.6",
  "CustomConditionalFormat.format": "1.6",
  "ConditionalFormatRule.formula": "1.6",
  "ConditionalRangeFormat.fill": "1.6",
  "ConditionalRangeFormat.font": "1.6",
  "ConditionalRangeFill.color": "1.6",
  "ConditionalRangeFont.color": "1.6",
  "ConditionalRangeFont.bold": "1.6",
  "WorksheetFreezePanes.freezeAt": "1.7",
  "WorksheetFreezePanes.freezeRows": "1.7",
  "WorksheetFreezePanes.freezeColumns": "1.7",
  "WorksheetProtection.protected": "1.2",
  "WorksheetProtection.protect": "1.7", // 1.2 with options, 1.7 with a password
  "AutoFilter.apply": "1.9",
  "PageLayout.orientation": "1.9",
  "PageLayout.paperSize": "1.9",
  "PageLayout.zoom": "1.9",
  "PageLayout.setPrintTitleRows": "1.9",
  "PageLayout.setPrintTitleColumns": "1.9",
  "PageLayout.headersFooters": "1.9",
  "HeaderFooterGroup.defaultForAllPages": "1.9",
  "HeaderFooter.leftHeader": "1.9",
  "HeaderFooter.centerHeader": "1.9",
  "HeaderFooter.rightHeader": "1.9",
  "HeaderFooter.leftFooter": "1.9",
  "HeaderFooter.centerFooter": "1.9",
  "HeaderFooter.rightFooter": "1.9",
  "NamedItemCollection.add": "1.4",
  "NamedItemCollection.getItemOrNullObject": "1.4",
  "NamedItem.name": "1.1",
  "NamedItem.delete": "1.4",
  "NamedItem.formula": "1.7",
  "NamedItem.visible": "1.1",
  "Worksheet.charts": "1.1",
  "ChartCollection.add": "1.1",
  "Chart.title": "1.1",
  "Chart.series": "1.1",
  "Chart.setPosition": "1.1",
  "ChartTitle.text": "1.1",
  "ChartSeriesCollection.getItemAt": "1.1",
  "ChartSeries.name": "1.1",
  "ChartSeries.format": "1.1",
  "ChartSeries.setValues": "1.7",
  "ChartSeries.setXAxisValues": "1.7",
  "ChartSeriesFormat.fill": "1.1",
  "ChartFill.setSolidColor": "1.1",
} as const satisfies Record<string, ExcelApiVersion>;

export type ExcelApiMember = keyof typeof EXCEL_API_REQUIREMENTS;

/** The least ExcelApi the add-in runs on (manifest.xml asks for it): volume-licensed Office 2019 has 1.7. */
export const EXCEL_API_FLOOR = "1.7" satisfies ExcelApiVersion;

/**
 * What the add-in does only where the host has the newer set, and the set it needs. The pane names each
 * missing one; everything else works from the floor.
 */
export const HOST_GATED_FEATURES = {
  /** Data validation on score and choice cells (the formulas still flag bad entries without it). */
  validation: "1.8",
  /** Filter buttons, print setup, and screen updating held during writes. */
  filtersAndPrint: "1.9",
  /** Reading which cells of a nomination sheet are merged (titles and two-row headers). */
  mergedCells: "1.13",
} as const satisfies Record<string, ExcelApiVersion>;

export type HostGatedFeature = keyof typeof HOST_GATED_FEATURES;

/** a ≤ b for ExcelApi versions ("1.13" > "1.9"). */
export function versionAtMost(a: string, b: string): boolean {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor < bMajor || (aMajor === bMajor && aMinor <= bMinor);
}

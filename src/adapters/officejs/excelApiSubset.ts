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
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
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
  delete(): void;
  load(propertyNames: string): XlNamedItem;
}

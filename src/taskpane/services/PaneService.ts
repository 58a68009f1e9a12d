/**
 * What the task pane asks of the workbook and the engine. Components receive a PaneService and never
 * see `Excel`: the same service runs over real Excel (taskpane/index.tsx) and over the in-memory fake
 * (demo/index.tsx).
 */
import type { DeliveryMode } from "./FileDelivery";
import type {
  CancelToken,
  DynamicOverview,
  Field,
  Issue,
  Nominee,
  ProgressListener,
  Rubric,
  SectorCode,
  TableLayout,
  TierCode,
  Outcome,
  MergeReport,
  MergedReturns,
  RecusalLine,
  RecusalRegister,
} from "../../engine";

/** Person-chosen field per column, by sheet then 1-based column; null = "not used". */
export type MappingOverrides = Readonly<Record<string, Readonly<Record<number, Field | null>>>>;

export interface InspectView {
  readonly tables: readonly TableLayout[];
  readonly nominees: readonly Nominee[];
  readonly issues: readonly Issue[];
  readonly skippedSheets: readonly string[];
}

import type { BuiltinRubricId } from "../../engine";
export type { BuiltinRubricId };

/** The settings the 生成 tab shows and sends. */
export interface GenerateSettings {
  readonly rubricId: BuiltinRubricId;
  readonly judges: number;
  /** The whole quota table: a tier without a number has no quota (no limit). */
  readonly quotas: Readonly<Partial<Record<TierCode, number>>>;
}

export interface GenerateRequest extends GenerateSettings {
  /** Empty: protect without a password. */
  readonly password: string;
  /** The person's column mapping from the 识别 tab. */
  readonly mappingOverrides: MappingOverrides;
}

/** The sheets written, with what the engine kept and changed (notes); or why nothing was written. */
export type GenerateOutcome = Outcome<{ readonly sheets: readonly string[] }>;

/** A cell of the workbook, by sheet name and A1 address. */
export interface CellAt {
  readonly sheet: string;
  readonly cell: string;
}

export interface InputCell<T> extends CellAt {
  readonly value: T;
}

/** A judge's score box; no cell where the judge's sheet has no row or column for the nominee (nothing to save to). */
export type ScoreInput =
  InputCell<number | null> | { readonly sheet: null; readonly cell: null; readonly value: null };

/** One nominee of an assessment workbook, with the input cells meeting mode edits. */
export interface MeetingNominee {
  readonly id: string;
  readonly name: string;
  readonly sector: SectorCode | null;
  readonly tier: TierCode | null;
  /** [judge][criterion]. */
  readonly scores: readonly (readonly ScoreInput[])[];
  readonly satisfaction: InputCell<number | null>;
  readonly veto: InputCell<boolean | null>;
  /** The 考核表 cell that shows the total (for people looking at the sheet). */
  readonly totalCell: CellAt | null;
  /** 动态管理状态 as the engine evaluates it; null for candidates or when the workbook has none. */
  readonly status: string | null;
}

export interface MeetingData {
  /** The rubric with the parameters as the workbook's 评分标准 sheet holds them. */
  readonly rubric: Rubric;
  readonly nominees: readonly MeetingNominee[];
  /** The awarded sites' statuses, due dates and action reasons; null without a 动态管理 sheet. */
  readonly dynamic?: DynamicOverview | null;
  /** 回避's lines as typed: the live figures leave a recused judge's scores out, as the sheet's formulas do. */
  readonly recusals?: readonly RecusalLine[];
}

export interface CellWrite extends CellAt {
  readonly value: number | string | null;
}

/** Features shifan leaves out where the host's ExcelApi is older than they need. */
export type HostFeature = "validation" | "filtersAndPrint" | "mergedCells";

export interface HostCapabilities {
  /** ExcelApi 1.7 is there; below it the pane cannot work at all. */
  readonly supported: boolean;
  /** What this Excel lacks, for the pane to say; empty on a current Excel. */
  readonly missing: readonly HostFeature[];
}

export interface PaneService {
  /** What this Excel can do of what the pane asks of it. */
  capabilities(): HostCapabilities;
  /** Reads the workbook and finds its nomination tables, applying the person's column mapping. */
  inspect(overrides: MappingOverrides): Promise<InspectView>;
  selectCell(at: CellAt): Promise<void>;
  /** The workbook's current rubric, judges and quotas when it was generated before with a built-in rubric. */
  generatedSettings(): Promise<GenerateSettings | null>;
  /** Writes the assessment sheets after the source sheets, or says why not (nothing written then). */
  generate(
    request: GenerateRequest,
    options: { progress: ProgressListener; cancel: CancelToken }
  ): Promise<GenerateOutcome>;
  /** The assessment as the workbook's input cells hold it now; null when the workbook has no assessment sheets. */
  readAssessment(): Promise<MeetingData | null>;
  /** Writes exactly these cells and nothing else (co-authors' edits elsewhere survive). */
  writeCells(cells: readonly CellWrite[]): Promise<void>;
  /** How this host delivers judges' copies: downloads, or new Excel workbooks (said before the person clicks). */
  copyDelivery(): DeliveryMode;
  /**
   * 分发: one workbook per judge and per rater group (三评议), delivered as the host allows: every judge and group
   * when neither list is given, otherwise exactly those listed (groups by code or label).
   */
  issueCopies(judges?: readonly number[], groups?: readonly string[]): Promise<IssueOutcome>;
  /** 回收: returned copies merged into the open workbook; the values written in chunked syncs. */
  mergeReturns(files: readonly ReturnedFile[], preferCopy: boolean): Promise<MergeOutcome>;
  /** 回避: the register's lines, each with whether the workbook's formulas apply it. */
  readRecusals(): Promise<RecusalOutcome>;
  /** Types one line on the first free row of 回避, then reads the register again. */
  addRecusal(line: { judge: number; id: string; reason: string }): Promise<RecusalOutcome>;
  /** Clears the line on `row` of 回避 (judge, id, reason), then reads the register again. */
  removeRecusal(row: number): Promise<RecusalOutcome>;
}

/** The 回避 register as the workbook holds it now; or why there is none (an assessment made before 回避). */
export type RecusalOutcome = Outcome<RecusalRegister>;

/** A copy issued: a judge's, or a rater group's (`judge` null, as in the merge report). */
export type IssuedCopyView = {
  readonly fileName: string;
  readonly version: number;
  readonly complete: number;
  readonly nominees: number;
} & (
  | { readonly judge: number }
  | { readonly judge: null; readonly group: string; readonly groupLabel: string }
);

/** The copies written and how they reached the person; or why none was (nothing delivered then). */
export type IssueOutcome = Outcome<{
  readonly copies: readonly IssuedCopyView[];
  readonly delivery: DeliveryMode;
}>;

/** A returned file as picked with the file input. */
export interface ReturnedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The merge report (the shape of `shifan merge --json`), its texts, and how many cells were written. */
export type MergeOutcome = Outcome<{
  readonly report: MergeReport;
  readonly messages: MergedReturns["messages"];
  readonly ignored: readonly string[];
  readonly written: number;
}>;

/** The person stopped a long operation. */
export class CancelledError extends Error {
  /** `detail`: what the cancelled work left behind, in plain words. */
  constructor(readonly detail: string = "") {
    super(detail || "cancelled");
    this.name = "CancelledError";
  }
}

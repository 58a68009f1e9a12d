import type { Note, WorkbookGrid } from "./core";
import type { WorkbookPlan } from "./plan/SheetPlan";

/** Reports progress of long work; `stage` is a short key such as 'values' or 'formulas'. */
export type ProgressListener = (done: number, total: number, stage: string) => void;

/** Lets a person stop long work between chunks. */
export interface CancelToken {
  readonly cancelled: boolean;
}

/** Reads a workbook into plain grids (every sheet). */
export interface WorkbookSource {
  read(): Promise<WorkbookGrid>;
}

/** What rendering a plan told the person: the parts of the plan the host could not render (`not_rendered`). */
export interface ApplyResult {
  readonly notes: readonly Note[];
}

/** Renders a plan into a workbook: new sheets after the source sheets, which it never alters. */
export interface PlanSink {
  apply(
    plan: WorkbookPlan,
    options?: { progress?: ProgressListener; cancel?: CancelToken }
  ): Promise<ApplyResult>;
}

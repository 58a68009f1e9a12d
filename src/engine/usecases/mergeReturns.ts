/**
 * Use case: returned judge copies merged into the assessment (`shifan merge`, the pane's 回收). A cell is matched by
 * nominee id and criterion, never by position. HotCRP's rule for offline reviews: a cell the judge changed and the
 * master did not (since the copy was issued: the stamp's baseline) is taken; changed in both to different values,
 * it is a conflict — not applied, listed — unless the person prefers the copy. Copies of another assessment, whose
 * entry sheet is not the stamped one, superseded by a later copy of the same judge, or unreadable are refused
 * whole. Nothing but the judge's input cells is read from a copy. Merging a copy twice changes nothing the second
 * time. docs/decisions/0011.
 */
import { a1 } from "../core/CellRef";
import { cellAt, isBlankCell, type RawCell, type SheetGrid, type WorkbookGrid } from "../core/Grid";
import type { IsoDate } from "../core/IsoDate";
import { failed, type Outcome } from "../core/Outcome";
import { mergeReasonText, type InvalidReason, type RefusalReason } from "../messages/mergeReasons";
import { HEADER_ROW, assessmentLayout } from "../plan/assessmentLayout";
import { CELL_STYLES } from "../plan/cellStyles";
import { compileMergeLog, type MergeLogLine } from "../plan/mergeLog";
import { placePlan } from "../plan/placeInWorkbook";
import type { WorkbookPlan } from "../plan/SheetPlan";
import { raterGroups } from "../rubric/Rubric";
import { COPY_KEYS, roleKey } from "../plan/workbookIdentity";
import { firstMissingSheet, readAssessment, rowsById } from "../report/readAssessment";
import { readIdentity, targetWorkbook } from "../report/readIdentity";
import { mergedCopies, readMergeLog } from "../report/readMergeLog";
import { planAssessment, randomAssessmentId } from "./planAssessment";
import { recusalsOf } from "./recusals";

/** A returned file as the front end read it: its grid, or why it could not be read. */
export interface ReturnedCopy {
  /** How the person knows the file (its name). */
  readonly file: string;
  readonly grid: WorkbookGrid | null;
  /** Why `grid` is null, in words (damaged, not a workbook …). */
  readonly unreadable?: string;
}

export interface MergeRequest {
  /** Take the copy's value where both changed, and merge a superseded copy anyway. */
  readonly preferCopy?: boolean;
  /** When the merge happens, ISO 8601 (the front end's clock). */
  readonly mergedAt: string;
  readonly today?: IsoDate;
  /**
   * `workbook`: the whole assessment compiled again with the values taken (a file to write, cached values right);
   * `cells`: only the cells to write and the 合并记录 sheet (the pane, where Excel recalculates).
   */
  readonly output: "workbook" | "cells";
}

/** `shifan merge --json`, exactly (issue #9 §3). */
export interface MergeReport {
  readonly merged: readonly {
    readonly file: string;
    readonly judge: number;
    readonly taken: number;
  }[];
  readonly refused: readonly { readonly file: string; readonly reason: RefusalReason }[];
  readonly conflicts: readonly {
    readonly file: string;
    readonly judge: number;
    readonly nominee: string;
    readonly criterion: string;
    readonly cell: string;
    readonly master: number | null;
    readonly copy: number | null;
  }[];
  readonly invalid: readonly {
    readonly file: string;
    readonly judge: number;
    readonly nominee: string;
    readonly criterion: string;
    readonly cell: string;
    readonly value: string | number | boolean | null;
    readonly reason: InvalidReason;
  }[];
}

/** A value to write into the master: a judge's score cell. */
export interface MergeWrite {
  readonly sheet: string;
  readonly cell: string;
  readonly value: number | null;
}

export interface MergedReturns {
  readonly report: MergeReport;
  /** Each refusal's and invalid value's text, Chinese and English, in the report's order. */
  readonly messages: {
    readonly refused: readonly { readonly zh: string; readonly en: string }[];
    readonly invalid: readonly { readonly zh: string; readonly en: string }[];
  };
  /** Ignored parts of copies (edited identity text, added sheets), one bilingual line each. */
  readonly ignored: readonly string[];
  /** The cells taken, where the master holds them. */
  readonly writes: readonly MergeWrite[];
  /** `workbook`: the assessment with the values taken and 合并记录; `cells`: 合并记录 (and the identity) only. */
  readonly plan: WorkbookPlan;
}

interface Stamp {
  readonly copyId: string;
  readonly judge: number;
  readonly version: number;
  readonly issuedAt: string;
  readonly entry: string;
}

function stampOf(entries: ReadonlyMap<string, string>): Stamp | null {
  const copyId = entries.get(COPY_KEYS.id);
  const judge = Number(entries.get(COPY_KEYS.judge));
  const issuedAt = entries.get(COPY_KEYS.issuedAt);
  const entry = entries.get(COPY_KEYS.entry);
  if (!copyId || !Number.isInteger(judge) || judge < 1 || !issuedAt || !entry) return null;
  return {
    copyId,
    judge,
    version: Number(entries.get(COPY_KEYS.version) ?? 1) || 1,
    issuedAt,
    entry,
  };
}

type Reading =
  | { readonly kind: "number"; readonly value: number | null }
  | { readonly kind: "bad"; readonly value: string | number | boolean | null };

function readScore(cell: RawCell | null): Reading {
  if (isBlankCell(cell) || !cell) return { kind: "number", value: null };
  switch (cell.type) {
    case "number":
      return { kind: "number", value: cell.value };
    case "date":
      return { kind: "number", value: cell.serial };
    case "text":
      return { kind: "bad", value: cell.text };
    case "boolean":
      return { kind: "bad", value: cell.value };
    case "error":
      return { kind: "bad", value: cell.error };
  }
}

/** A score off the rubric's step (0.5): never counted (RULES §4.3). */
function offStep(value: number, step: number): boolean {
  if (step <= 0) return false;
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) > 1e-9;
}

interface CopyPlanned {
  readonly file: string;
  readonly grid: WorkbookGrid;
  readonly stamp: Stamp;
  readonly entrySheet: SheetGrid;
  readonly baseline: ReadonlyMap<string, readonly (string | null)[]>;
  readonly ignored: string[];
}

/**
 * @example
 * const merged = mergeReturns(master, [{ file: 'a-评委3.xlsx', grid }], { mergedAt: new Date().toISOString(), output: 'workbook' });
 * if (merged.ok) console.log(JSON.stringify(merged.report));
 */
export function mergeReturns(
  master: WorkbookGrid,
  returned: readonly ReturnedCopy[],
  request: MergeRequest
): Outcome<MergedReturns> {
  const read = readAssessment(master);
  if (!read.ok) return read;
  const state = read.state;
  const missing = firstMissingSheet(state);
  if (missing !== null) return failed("assessment_incomplete", { sheet: missing });
  const assessmentId = state.identity.kind === "identity" ? state.identity.assessmentId : null;
  if (assessmentId === null) return failed("no_identity", {});
  const { rubric } = state;
  const layout = assessmentLayout(
    rubric.criteria.map((c) => c.id),
    rubric.judges,
    state.nominees.length,
    rubric.gradeBands.length,
    raterGroups(rubric)
  );
  const logSheet = state.identity.sheets.find((s) => s.role.kind === "mergeLog")?.sheet ?? null;
  // Who is recused, as 回避's formulas say; with no line typed there is nobody, and compiling the assessment to
  // evaluate its recusal columns would only confirm that.
  const { recused } = state.recusals.some((line) => line.judge !== null || line.id !== null)
    ? recusalsOf(state).found
    : { recused: [] as readonly ReadonlySet<string>[] };
  const earlierLines = readMergeLog(logSheet);
  const merged = mergedCopies(earlierLines);

  const refused: { file: string; reason: RefusalReason }[] = [];
  const refusedText: { zh: string; en: string }[] = [];
  const refuse = (
    file: string,
    reason: RefusalReason,
    params: Record<string, string | number> = {}
  ) => {
    refused.push({ file, reason });
    refusedText.push(mergeReasonText(reason, params));
  };

  // Check every copy before taking anything: identity, stamp, entry sheet.
  const candidates: CopyPlanned[] = [];
  for (const copy of returned) {
    if (!copy.grid) {
      refuse(copy.file, "unreadable", { detail: copy.unreadable ?? "" });
      continue;
    }
    const identity = readIdentity(copy.grid);
    if (identity.kind !== "identity") {
      refuse(copy.file, "not_a_copy");
      continue;
    }
    if (identity.assessmentId !== assessmentId) {
      refuse(copy.file, "foreign");
      continue;
    }
    const stamp = stampOf(identity.entries);
    if (!stamp) {
      refuse(copy.file, "not_a_copy");
      continue;
    }
    const entries = identity.sheets.filter((s) => s.role.kind === "judge");
    const entry = entries.find((s) => roleKey(s.role) === stamp.entry)?.sheet ?? null;
    const titleCell = entry ? cellAt(entry, 1, 1) : null;
    const title = titleCell?.type === "text" ? titleCell.text : "";
    const headers = entry
      ? layout.judgeScoreColumns.map((col) => {
          const cell = cellAt(entry, HEADER_ROW, col);
          return cell?.type === "text" ? (cell.text.split(/\s+/)[0] ?? "") : "";
        })
      : [];
    const wrong =
      entries.length !== 1
        ? `${entries.length} 张评分表 / entry sheets`
        : !entry
          ? `${stamp.entry}`
          : stamp.entry !== roleKey({ kind: "judge", judge: stamp.judge }) ||
              !title.startsWith(`评委${stamp.judge} `)
            ? `${entry.name}: ${title}`
            : stamp.judge > rubric.judges
              ? `评委${stamp.judge} > ${rubric.judges}`
              : headers.join(",") !== layout.criteriaIds.join(",")
                ? `${headers.join(",")} ≠ ${layout.criteriaIds.join(",")}`
                : null;
    if (wrong !== null || !entry) {
      refuse(copy.file, "wrong_entry_sheet", { detail: wrong ?? "" });
      continue;
    }
    const baseline = new Map<string, readonly (string | null)[]>();
    for (const [key, values] of identity.entryRows)
      if (key.startsWith(COPY_KEYS.baselinePrefix))
        baseline.set(key.slice(COPY_KEYS.baselinePrefix.length), values);
    const known = new Set(identity.sheets.flatMap((s) => (s.sheet ? [s.sheet.name] : [])));
    const added = copy.grid.sheets.filter((s) => !known.has(s.name)).map((s) => s.name);
    const ignored: string[] = [];
    if (added.length > 0)
      ignored.push(
        `${copy.file}：忽略新增的工作表 ${added.join("、")} / sheets added to the copy are ignored: ${added.join(", ")}`
      );
    candidates.push({
      file: copy.file,
      grid: copy.grid,
      stamp,
      entrySheet: entry,
      baseline,
      ignored,
    });
  }

  // Superseded: a later copy of the same judge merged before, or among these.
  const ordered = [...candidates].sort((a, b) => a.stamp.issuedAt.localeCompare(b.stamp.issuedAt));
  const accepted: CopyPlanned[] = [];
  for (const copy of ordered) {
    const newer = [
      ...merged.filter((m) => m.judge === copy.stamp.judge && m.copyId !== copy.stamp.copyId),
      ...candidates
        .filter((c) => c.stamp.judge === copy.stamp.judge && c.stamp.copyId !== copy.stamp.copyId)
        .map((c) => c.stamp),
    ].filter((other) => other.issuedAt > copy.stamp.issuedAt);
    if (newer.length > 0 && !request.preferCopy) {
      const latest =
        newer
          .map((n) => n.issuedAt)
          .sort()
          .at(-1) ?? "";
      refuse(copy.file, "superseded", {
        judge: copy.stamp.judge,
        newer: latest,
        issuedAt: copy.stamp.issuedAt,
      });
      continue;
    }
    accepted.push(copy);
  }

  // The master's values as they stand, updated as copies are taken (two copies of one judge, in issue order).
  const current = new Map(
    state.nominees.map((n, i) => [n.id, { index: i, scores: n.inputs.scores }])
  );
  const values = state.nominees.map((n) => n.inputs.scores.map((scores) => [...scores]));
  const judgeSheetName = (judge: number): string =>
    state.sheetNames.get(roleKey({ kind: "judge", judge })) ?? `评委${judge}`;
  const masterRow = (judge: number, id: string, index: number): number =>
    state.judgeRows[judge - 1]?.get(id) ?? layout.firstRow + index;

  const report: {
    merged: { file: string; judge: number; taken: number }[];
    conflicts: MergeReport["conflicts"][number][];
    invalid: MergeReport["invalid"][number][];
  } = { merged: [], conflicts: [], invalid: [] };
  const invalidText: { zh: string; en: string }[] = [];
  const writes = new Map<string, MergeWrite>();
  const lines: MergeLogLine[] = [];
  const ignored: string[] = [];

  for (const copy of accepted) {
    const judge = copy.stamp.judge;
    const sheetName = judgeSheetName(judge);
    let taken = 0;
    let conflicts = 0;
    let invalids = 0;
    const detail: MergeLogLine[] = [];
    const base = {
      time: request.mergedAt,
      file: copy.file,
      judge,
      copyId: copy.stamp.copyId,
      version: copy.stamp.version,
      issuedAt: copy.stamp.issuedAt,
    };
    ignored.push(...copy.ignored);
    let renamedIdentity = 0;
    for (const [id, row] of rowsById(copy.entrySheet)) {
      const target = current.get(id);
      const baselineRow = copy.baseline.get(id);
      layout.judgeScoreColumns.forEach((col, c) => {
        const criterion = rubric.criteria[c];
        if (!criterion) return;
        const reading = readScore(cellAt(copy.entrySheet, row, col));
        const baseText = baselineRow?.[c] ?? null;
        const baseline = baseText === null || baseText === "" ? null : Number(baseText);
        const invalid = (
          reason: InvalidReason,
          value: string | number | boolean | null,
          params: Record<string, string | number> = {}
        ) => {
          const index = target?.index ?? -1;
          const cell =
            index >= 0
              ? `'${sheetName}'!${a1(masterRow(judge, id, index), col)}`
              : `'${copy.entrySheet.name}'!${a1(row, col)}`;
          report.invalid.push({
            file: copy.file,
            judge,
            nominee: id,
            criterion: criterion.id,
            cell,
            value,
            reason,
          });
          const text = mergeReasonText(reason, {
            value: String(value ?? ""),
            nominee: id,
            ...params,
          });
          invalidText.push(text);
          invalids++;
          detail.push({
            ...base,
            result: "invalid",
            cell:
              index >= 0
                ? { sheet: sheetName, address: a1(masterRow(judge, id, index), col) }
                : null,
            nominee: id,
            criterion: criterion.id,
            master: index >= 0 ? (values[index]?.[judge - 1]?.[c] ?? null) : null,
            copy: typeof value === "boolean" ? String(value) : value,
            taken: null,
            conflicts: null,
            invalid: null,
            reasonZh: text.zh,
            reasonEn: text.en,
          });
        };
        if (!target) {
          if (reading.value !== null) invalid("unknown_nominee", reading.value);
          return;
        }
        // 回避 as the master's formulas say now: whatever the copy holds there is never taken (RULES §4.4).
        if (recused[judge - 1]?.has(id)) {
          if (reading.kind === "bad" || reading.value !== baseline)
            invalid("recused", reading.value);
          return;
        }
        if (reading.kind === "bad") {
          // Unchanged bad text is the judge's own problem already reported on the master; a new one is listed.
          invalid("not_a_number", reading.value);
          return;
        }
        const value = reading.value;
        if (value === baseline) return; // the judge did not change it
        if (value !== null && (value < 0 || value > criterion.max)) {
          invalid("out_of_range", value, { max: criterion.max });
          return;
        }
        if (value !== null && offStep(value, rubric.scoreStep)) {
          invalid("off_step", value, { step: rubric.scoreStep });
          return;
        }
        const scores = values[target.index]?.[judge - 1];
        if (!scores) return;
        const master = scores[c] ?? null;
        if (master === value) return; // already so (merged before, or typed alike)
        const address = a1(masterRow(judge, id, target.index), col);
        if (master !== baseline && !request.preferCopy) {
          conflicts++;
          report.conflicts.push({
            file: copy.file,
            judge,
            nominee: id,
            criterion: criterion.id,
            cell: `'${sheetName}'!${address}`,
            master,
            copy: value,
          });
          detail.push({
            ...base,
            result: "conflict",
            cell: { sheet: sheetName, address },
            nominee: id,
            criterion: criterion.id,
            master,
            copy: value,
            taken: null,
            conflicts: null,
            invalid: null,
            reasonZh: "评委与考核表都改了此格，保留考核表的值",
            reasonEn: "changed in both the copy and the master; the master keeps its value",
          });
          return;
        }
        scores[c] = value;
        writes.set(`${sheetName}!${address}`, { sheet: sheetName, cell: address, value });
        taken++;
      });
      const name = cellAt(copy.entrySheet, row, 2);
      const masterName = state.nominees[target?.index ?? -1]?.name ?? null;
      if (target && name?.type === "text" && masterName !== null && name.text !== masterName)
        renamedIdentity++;
    }
    if (renamedIdentity > 0)
      ignored.push(
        `${copy.file}：${renamedIdentity} 行的名称被改动，已忽略（按编号匹配）/ names edited on ${renamedIdentity} rows are ignored (rows match by id)`
      );
    report.merged.push({ file: copy.file, judge, taken });
    lines.push({
      ...base,
      result: "merged",
      cell: { sheet: sheetName, address: "A1" },
      nominee: null,
      criterion: null,
      master: null,
      copy: null,
      taken,
      conflicts,
      invalid: invalids,
      reasonZh: "",
      reasonEn: "",
    });
    lines.push(...detail);
  }
  refused.forEach((refusal, i) =>
    lines.push({
      time: request.mergedAt,
      file: refusal.file,
      judge: null,
      copyId: null,
      version: null,
      issuedAt: null,
      result: "refused",
      cell: null,
      nominee: null,
      criterion: null,
      master: null,
      copy: null,
      taken: null,
      conflicts: null,
      invalid: null,
      reasonZh: `${refusal.reason}: ${refusedText[i]?.zh ?? ""}`,
      reasonEn: `${refusal.reason}: ${refusedText[i]?.en ?? ""}`,
    })
  );

  const logSheet2 = compileMergeLog([...earlierLines, ...lines]);
  const writeList = [...writes.values()];
  let plan: WorkbookPlan;
  if (request.output === "workbook") {
    const planned = planAssessment(withScores(master, writeList), {
      extraSheets: [logSheet2],
      newAssessmentId: randomAssessmentId(),
      ...(request.today === undefined ? {} : { today: request.today }),
    });
    if (!planned.ok) return planned;
    plan = planned.plan;
  } else {
    const identity = readIdentity(master);
    const sources =
      identity.kind === "identity"
        ? identity.sources.flatMap((s) => (s.current ? [s.current] : []))
        : [];
    plan = placePlan(
      { sheets: [logSheet2], names: [], styles: CELL_STYLES },
      targetWorkbook(master, assessmentId, identity),
      sources
    ).plan;
  }
  return {
    ok: true,
    report: {
      merged: report.merged,
      refused,
      conflicts: report.conflicts,
      invalid: report.invalid,
    },
    messages: { refused: refusedText, invalid: invalidText },
    ignored,
    writes: writeList,
    plan,
    issues: [],
    notes: state.notes,
  };
}

/** The workbook with these score cells typed in, as a person typing them would leave it. */
function withScores(grid: WorkbookGrid, writes: readonly MergeWrite[]): WorkbookGrid {
  if (writes.length === 0) return grid;
  const bySheet = new Map<string, MergeWrite[]>();
  for (const write of writes) {
    const list = bySheet.get(write.sheet);
    if (list) list.push(write);
    else bySheet.set(write.sheet, [write]);
  }
  return {
    ...grid,
    sheets: grid.sheets.map((sheet): SheetGrid => {
      const mine = bySheet.get(sheet.name);
      if (!mine) return sheet;
      const rows = [...sheet.rows];
      const copied = new Map<number, (RawCell | null | undefined)[]>();
      for (const write of mine) {
        const m = /^([A-Z]+)(\d+)$/.exec(write.cell);
        if (!m) continue;
        const row = Number(m[2]);
        let col = 0;
        for (const ch of m[1] as string) col = col * 26 + ch.charCodeAt(0) - 64;
        // Each row copied once, however many of its cells are written (five full returns: 200,000 writes).
        let line = copied.get(row);
        if (!line) {
          line = [...(rows[row - 1] ?? [])];
          copied.set(row, line);
          rows[row - 1] = line;
        }
        while (line.length < col) line.push(null);
        line[col - 1] = write.value === null ? null : { type: "number", value: write.value };
      }
      return { ...sheet, rows };
    }),
  };
}

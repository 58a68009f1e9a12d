/** 分发回收's state: issuing copies and merging returns through the service, one action at a time. */
import { useState } from "react";
import type {
  IssueOutcome,
  MergeOutcome,
  PaneService,
  ReturnedFile,
} from "../services/PaneService";

/** "1,3" → [1, 3]; "" → undefined (every judge); null when it is not a list of judge numbers. */
export function parseJudges(text: string): number[] | undefined | null {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const parts = trimmed.split(/[,，、\s]+/).filter(Boolean);
  return parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) >= 1)
    ? parts.map(Number)
    : null;
}

/** "peers, 党员互评" → ["peers", "党员互评"]; "" → undefined (none named). */
export function parseGroups(text: string): string[] | undefined {
  const parts = text
    .split(/[,，、\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length === 0 ? undefined : parts;
}

async function readPicked(files: readonly File[]): Promise<ReturnedFile[]> {
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    }))
  );
}

export function useRoundTrip(service: PaneService, onError: (error: unknown) => void) {
  const [judgesText, setJudgesText] = useState("");
  const [groupsText, setGroupsText] = useState("");
  const [busy, setBusy] = useState<"issue" | "merge" | null>(null);
  const [issued, setIssued] = useState<IssueOutcome | null>(null);
  const [picked, setPicked] = useState<readonly File[]>([]);
  const [preferCopy, setPreferCopy] = useState(false);
  const [merged, setMerged] = useState<MergeOutcome | null>(null);
  const judges = parseJudges(judgesText);

  async function issue(): Promise<void> {
    if (judges === null) return;
    setBusy("issue");
    setIssued(null);
    try {
      const groups = parseGroups(groupsText);
      // Neither list filled in: every judge and every group; otherwise exactly those listed (as `shifan copies`).
      setIssued(
        judges === undefined && groups === undefined
          ? await service.issueCopies()
          : await service.issueCopies(judges ?? [], groups ?? [])
      );
    } catch (error) {
      onError(error);
    } finally {
      setBusy(null);
    }
  }

  async function merge(): Promise<void> {
    if (picked.length === 0) return;
    setBusy("merge");
    setMerged(null);
    try {
      const outcome = await service.mergeReturns(await readPicked(picked), preferCopy);
      setMerged(outcome);
      // Merged: the picker starts empty for the next returns (the files listed stay in the merge report below it).
      if (outcome.ok) setPicked([]);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(null);
    }
  }

  return {
    judgesText,
    setJudgesText,
    groupsText,
    setGroupsText,
    judgesValid: judges !== null,
    busy,
    issued,
    issue,
    picked,
    setPicked,
    preferCopy,
    setPreferCopy,
    merged,
    merge,
  };
}

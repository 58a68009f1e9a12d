/** 回避 editor's state: the register as the workbook holds it, and one add or remove at a time through the service. */
import { useEffect, useState } from "react";
import type { PaneService, RecusalOutcome } from "../services/PaneService";

export function useRecusals(service: PaneService, onError: (error: unknown) => void) {
  const [register, setRegister] = useState<RecusalOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [judge, setJudge] = useState("");
  const [id, setId] = useState("");
  const [reason, setReason] = useState("");

  async function run(action: () => Promise<RecusalOutcome>): Promise<void> {
    setBusy(true);
    try {
      setRegister(await action());
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void run(() => service.readRecusals());
    // Read when the tab opens; every change reads it again.
  }, [service]);

  const canAdd = !busy && judge !== "" && id !== "";

  async function add(): Promise<void> {
    if (!canAdd) return;
    await run(() => service.addRecusal({ judge: Number(judge), id, reason: reason.trim() }));
    setReason("");
  }

  return {
    register,
    busy,
    judge,
    setJudge,
    id,
    setId,
    reason,
    setReason,
    canAdd,
    add,
    remove: (row: number) => run(() => service.removeRecusal(row)),
  };
}

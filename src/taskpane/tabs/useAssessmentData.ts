import { useEffect, useState } from "react";
import type { MeetingData, PaneService } from "../services/PaneService";

/**
 * The assessment as the workbook holds it, read once when a tab opens: undefined while reading, null when the
 * workbook has no assessment (or the read failed, which `onError` reports).
 */
export function useAssessmentData(
  service: PaneService,
  onError: (error: unknown) => void
): MeetingData | null | undefined {
  const [data, setData] = useState<MeetingData | null | undefined>(undefined);
  useEffect(() => {
    service.readAssessment().then(setData, (caught: unknown) => {
      setData(null);
      onError(caught);
    });
  }, [service, onError]);
  return data;
}

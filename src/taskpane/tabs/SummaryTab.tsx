import { makeStyles, Spinner, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { SectorCode, TierCode } from "../../engine";
import type { MeetingData, PaneService } from "../services/PaneService";
import { paneText, type PaneLang, type StringKey } from "../strings";
import { sectorLabel, tierLabel } from "../fieldLabels";
import { Notice } from "../components/Notice";
import { useAssessmentData } from "./useAssessmentData";
import { BarChart, type BarRow, type BarSegment } from "../components/BarChart";
import { meetingFigures } from "../meeting/meetingModel";

/** One colour per grade band, best first; the fail grade last. Contrast ≥ 3:1 on white (WCAG non-text). */
const GRADE_COLORS = ["#0f6cbd", "#3a96dd", "#8a8886", "#c50f1f"] as const;
const PASSED_COLOR = "#107c10";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export interface SummaryFigures {
  /** Complete nominees per sector, counted by grade. */
  readonly bySector: { sector: SectorCode | null; grades: Record<string, number> }[];
  /** Eligible nominees at or above the pass line, per tier, beside the tier's quota. */
  readonly byTier: { tier: TierCode; passed: number; quota: number | null }[];
  readonly grades: readonly string[];
}

/** The summary figures as the workbook computes them: 考核表's grades counted, 汇总's 达线数 and 名额. */
export function summaryFigures(data: MeetingData): SummaryFigures {
  const figures = meetingFigures(data, {});
  const grades = [...data.rubric.gradeBands.map((band) => band.grade), data.rubric.failGrade];
  const bySector = new Map<SectorCode | null, Record<string, number>>();
  data.nominees.forEach((nominee, i) => {
    const grade = figures.rows[i]?.grade ?? null;
    if (grade === null) return;
    const counts = bySector.get(nominee.sector) ?? Object.fromEntries(grades.map((g) => [g, 0]));
    counts[grade] = (counts[grade] ?? 0) + 1;
    bySector.set(nominee.sector, counts);
  });
  return {
    grades,
    bySector: [...bySector].map(([sector, counts]) => ({ sector, grades: counts })),
    byTier: figures.tiers.map(({ tier, passed, quota }) => ({ tier, passed, quota })),
  };
}

export interface SummaryTabProps {
  service: PaneService;
  lang: PaneLang;
  onError: (error: unknown) => void;
}

/** 汇总: grade distribution per sector and passed vs quota per tier, as small SVG bar charts. */
export function SummaryTab({ service, lang, onError }: SummaryTabProps) {
  const styles = useStyles();
  const t = (key: StringKey, params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const data = useAssessmentData(service, onError);

  if (data === undefined) return <Spinner size="small" />;
  if (data === null) return <Notice intent="info">{t("noAssessment")}</Notice>;
  const figures = summaryFigures(data);
  if (figures.bySector.length === 0) return <Notice intent="info">{t("noScores")}</Notice>;
  const legend: BarSegment[] = figures.grades.map((grade, i) => ({
    label: grade,
    value: 0,
    color: GRADE_COLORS[Math.min(i, GRADE_COLORS.length - 1)] as string,
  }));
  const sectorRows: BarRow[] = figures.bySector.map(({ sector, grades }) => ({
    label: sectorLabel(sector, lang),
    segments: legend.map((entry) => ({ ...entry, value: grades[entry.label] ?? 0 })),
  }));
  const tierRows: BarRow[] = figures.byTier.map(({ tier, passed, quota }) => ({
    label: tierLabel(tier, lang),
    segments: [{ label: t("passed"), value: passed, color: PASSED_COLOR }],
    ...(quota !== null
      ? { scale: Math.max(quota, passed), note: `${passed} / ${quota}` }
      : { note: `${passed}` }),
  }));
  return (
    <section className={styles.section} aria-label={t("tabSummary")}>
      <Text>{t("summaryIntro")}</Text>
      <Subtitle2 as="h2">{t("distribution")}</Subtitle2>
      <BarChart title={t("distribution")} rows={sectorRows} legend={legend} />
      <Subtitle2 as="h2">{t("passedVsQuota")}</Subtitle2>
      <BarChart title={t("passedVsQuota")} rows={tierRows} />
    </section>
  );
}

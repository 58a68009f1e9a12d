import {
  Badge,
  makeStyles,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DYNAMIC_STATUS } from "../../engine";
import type { MeetingData, PaneService } from "../services/PaneService";
import { paneText, type PaneLang, type StringKey } from "../strings";
import { tierLabel } from "../fieldLabels";
import { Notice } from "../components/Notice";
import { useAssessmentData } from "./useAssessmentData";

/** RULES §5 status words, in the order the rules test them. */
const S = DYNAMIC_STATUS;
const STATUS_ORDER = [S.eliminated, S.kept, S.overdue, S.dueSoon, S.normal] as const;
const DUE_STATUSES: ReadonlySet<string> = new Set([S.overdue, S.dueSoon]);

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  counts: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** How many nominees carry each status; statuses outside RULES §5 are counted too, after the known ones. */
export function countStatuses(data: MeetingData): { status: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const nominee of data.nominees)
    if (nominee.status) counts.set(nominee.status, (counts.get(nominee.status) ?? 0) + 1);
  const known = STATUS_ORDER.filter((status) => counts.has(status)).map((status) => ({
    status,
    count: counts.get(status) ?? 0,
  }));
  const other = [...counts]
    .filter(([status]) => !(STATUS_ORDER as readonly string[]).includes(status))
    .map(([status, count]) => ({ status, count }));
  return [...known, ...other];
}

export interface DynamicTabProps {
  service: PaneService;
  lang: PaneLang;
  onError: (error: unknown) => void;
}

/** 动态管理: status counts and the sites due, as the assessment workbook's status column holds them. */
export function DynamicTab({ service, lang, onError }: DynamicTabProps) {
  const styles = useStyles();
  const t = (key: StringKey, params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const data = useAssessmentData(service, onError);

  if (data === undefined) return <Spinner size="small" />;
  if (data === null) return <Notice intent="info">{t("noAssessment")}</Notice>;
  const counts = countStatuses(data);
  if (counts.length === 0) return <Notice intent="info">{t("dynamicComing")}</Notice>;
  const due = data.nominees.filter((nominee) => nominee.status && DUE_STATUSES.has(nominee.status));
  return (
    <section className={styles.section} aria-label={t("tabDynamic")}>
      <Text>{t("dynamicIntro")}</Text>
      <Subtitle2 as="h2">{t("statusCounts")}</Subtitle2>
      <div className={styles.counts}>
        {counts.map(({ status, count }) => (
          <Badge
            key={status}
            appearance="tint"
            size="large"
            color={
              status === S.eliminated || status === S.overdue
                ? "danger"
                : status === S.dueSoon
                  ? "warning"
                  : "success"
            }
          >
            {status} {count}
          </Badge>
        ))}
      </div>
      <Subtitle2 as="h2">{t("dueList")}</Subtitle2>
      {due.length === 0 ? (
        <Notice intent="success">{t("noneDue")}</Notice>
      ) : (
        <Table size="small" aria-label={t("dueList")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("name")}</TableHeaderCell>
              <TableHeaderCell>{t("tier")}</TableHeaderCell>
              <TableHeaderCell>{t("status")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {due.map((nominee) => (
              <TableRow key={nominee.id}>
                <TableCell>{nominee.name}</TableCell>
                <TableCell>{tierLabel(nominee.tier, lang)}</TableCell>
                <TableCell>{nominee.status}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

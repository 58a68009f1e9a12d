import {
  Badge,
  Caption1,
  makeStyles,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { DYNAMIC_STATUS, type DynamicOverview, type DynamicSiteView } from "../../engine";
import type { PaneService } from "../services/PaneService";
import { paneText, type PaneLang, type StringKey } from "../strings";
import { tierLabel } from "../fieldLabels";
import { Notice } from "../components/Notice";
import { useAssessmentData } from "./useAssessmentData";

/** RULES §5 status words, in the order the rules test them. */
const S = DYNAMIC_STATUS;
const STATUS_ORDER = [S.eliminated, S.kept, S.overdue, S.dueSoon, S.normal] as const;
type Status = (typeof STATUS_ORDER)[number];
/** The action list leads with what is most urgent: removal, then overdue, then due soon. */
const ACTION_ORDER: readonly string[] = [S.eliminated, S.overdue, S.dueSoon];

const STATUS_KEYS: Readonly<Record<Status, StringKey>> = {
  [S.eliminated]: "statusEliminate",
  [S.kept]: "statusRetain",
  [S.overdue]: "statusOverdue",
  [S.dueSoon]: "statusDueSoon",
  [S.normal]: "statusNormal",
};

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  counts: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    overflowWrap: "anywhere",
  },
  itemHead: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
});

/** How many sites carry each status, in RULES order; a word outside RULES §5 is counted after them. */
export function countStatuses(
  sites: readonly Pick<DynamicSiteView, "status">[]
): { status: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const site of sites)
    if (site.status) counts.set(site.status, (counts.get(site.status) ?? 0) + 1);
  const known: readonly string[] = STATUS_ORDER;
  return [
    ...STATUS_ORDER.filter((status) => counts.has(status)),
    ...[...counts.keys()].filter((status) => !known.includes(status)),
  ].map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/** The sites an official must act on, most urgent first; within a status, the one due longest ago first. */
export function actionList(overview: DynamicOverview): DynamicSiteView[] {
  const rank = (site: DynamicSiteView): number => ACTION_ORDER.indexOf(site.status ?? "");
  return overview.sites
    .filter((site) => site.needsAction)
    .sort((a, b) => rank(a) - rank(b) || (a.daysToDue ?? 0) - (b.daysToDue ?? 0));
}

function statusColor(status: string): "danger" | "warning" | "success" {
  if (status === S.eliminated || status === S.overdue) return "danger";
  return status === S.dueSoon ? "warning" : "success";
}

export interface DynamicTabProps {
  service: PaneService;
  lang: PaneLang;
  onError: (error: unknown) => void;
}

/** 动态管理: each awarded site's status counted, and the sites to act on with their due date and reason. */
export function DynamicTab({ service, lang, onError }: DynamicTabProps) {
  const styles = useStyles();
  const t = (key: StringKey, params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const statusText = (status: string): string =>
    status in STATUS_KEYS ? t(STATUS_KEYS[status as Status]) : status;
  const data = useAssessmentData(service, onError);

  if (data === undefined) return <Spinner size="small" />;
  if (data === null) return <Notice intent="info">{t("noAssessment")}</Notice>;
  const overview = data.dynamic ?? null;
  if (overview === null || overview.sites.length === 0)
    return <Notice intent="info">{t("noAwardedSites")}</Notice>;
  const counts = countStatuses(overview.sites);
  const actions = actionList(overview);
  return (
    <section className={styles.section} aria-label={t("tabDynamic")}>
      <Text>{t("dynamicIntro", { count: overview.sites.length, asOf: overview.asOf })}</Text>
      <Subtitle2 as="h2">{t("statusCounts")}</Subtitle2>
      <div className={styles.counts}>
        {counts.map(({ status, count }) => (
          <Badge key={status} appearance="tint" size="large" color={statusColor(status)}>
            {statusText(status)} {count}
          </Badge>
        ))}
      </div>
      <Subtitle2 as="h2">{t("actionList", { count: actions.length })}</Subtitle2>
      {actions.length === 0 ? (
        <Notice intent="success">{t("noneDue")}</Notice>
      ) : (
        <ul className={styles.list} aria-label={t("actionList", { count: actions.length })}>
          {actions.map((site) => (
            <li key={site.id} className={styles.item}>
              <span className={styles.itemHead}>
                <Badge appearance="filled" color={statusColor(site.status ?? "")}>
                  {statusText(site.status ?? "")}
                </Badge>
                <Text weight="semibold">{site.name ?? site.id}</Text>
              </span>
              <Caption1>
                {site.id} · {tierLabel(site.tier, lang)} ·{" "}
                {t("nextDue", { date: site.nextDue ?? "—" })}
              </Caption1>
              <Caption1>{lang === "zh" ? site.reason : t(reasonKey(site.reason))}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The 待办清单's reason words (dynamicLayout's ACTION_REASONS) in the pane's English. */
const REASON_KEYS: Readonly<Record<string, StringKey>> = {
  本轮考核一票否决: "reasonCycleVeto",
  本轮考核总分低于分数线: "reasonCycleBelowLine",
  最近考评一票否决: "reasonLastVeto",
  最近考评得分低于分数线: "reasonLastBelowLine",
  已超过下次考评日期: "reasonOverdue",
  临近下次考评日期: "reasonDueSoon",
};

function reasonKey(reason: string): StringKey {
  return REASON_KEYS[reason] ?? "reasonOther";
}

import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Link,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { issueMessage, issueTitle, type Issue, type IssueCode } from "../../engine";
import type { InspectView, PaneService } from "../services/PaneService";
import { paneText, type PaneLang } from "../strings";
import { Notice } from "../components/Notice";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  // Source text can be a long URL or formula-like string: let it wrap anywhere rather than leave the pane.
  item: { textAlign: "left", overflowWrap: "anywhere" },
  header: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

/** Issues grouped by code, in the order codes first appear. */
export function groupIssues(issues: readonly Issue[]): { code: IssueCode; issues: Issue[] }[] {
  const groups = new Map<IssueCode, Issue[]>();
  for (const found of issues) groups.set(found.code, [...(groups.get(found.code) ?? []), found]);
  return [...groups].map(([code, grouped]) => ({ code, issues: grouped }));
}

export interface ValidateTabProps {
  service: PaneService;
  lang: PaneLang;
  inspect: InspectView | null;
  onError: (error: unknown) => void;
}

/** 校验: what intake found wrong, grouped by kind; each issue selects its cell. */
export function ValidateTab({ service, lang, inspect, onError }: ValidateTabProps) {
  const styles = useStyles();
  const t = (key: Parameters<typeof paneText>[1], params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  if (!inspect) return <Notice intent="info">{t("needDetect")}</Notice>;
  if (inspect.issues.length === 0) return <Notice intent="success">{t("noIssues")}</Notice>;
  const groups = groupIssues(inspect.issues);
  return (
    <section className={styles.section} aria-label={t("tabValidate")}>
      <Text>{t("validateIntro")}</Text>
      <Accordion multiple collapsible defaultOpenItems={groups.map((group) => group.code)}>
        {groups.map((group) => {
          const errors = group.issues.filter((found) => found.severity === "error").length;
          return (
            <AccordionItem key={group.code} value={group.code}>
              <AccordionHeader>
                <span className={styles.header}>
                  <span>{issueTitle(group.code, lang)}</span>
                  <Badge appearance="filled" color={errors > 0 ? "danger" : "warning"}>
                    {group.issues.length}
                  </Badge>
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <ul className={styles.list}>
                  {group.issues.map((found, index) => (
                    <li key={`${found.sheet}!${found.cell ?? found.row ?? ""}#${index}`}>
                      {found.cell ? (
                        <Link
                          as="button"
                          className={styles.item}
                          onClick={() => {
                            service
                              .selectCell({ sheet: found.sheet, cell: found.cell as string })
                              .catch(onError);
                          }}
                        >
                          {issueMessage(found, lang)}
                        </Link>
                      ) : (
                        <Text className={styles.item}>{issueMessage(found, lang)}</Text>
                      )}
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </section>
  );
}

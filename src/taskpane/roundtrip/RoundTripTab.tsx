import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  Spinner,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { failureMessage, noteMessage } from "../../engine";
import { FilePicker } from "../components/FilePicker";
import { Notice } from "../components/Notice";
import type { DeliveryMode } from "../services/FileDelivery";
import type { PaneService } from "../services/PaneService";
import { splitSheetCell } from "../services/WorkbookPaneService";
import { paneText, type PaneLang, type StringKey } from "../strings";
import { useRoundTrip } from "./useRoundTrip";
import { RecusalEditor } from "./RecusalEditor";
import { useRoundTripStyles } from "./roundTripStyles";

/**
 * What the file picker offers: returns as the judge saved them — .xlsx, .xls and WPS's .et/.ett, .ods (the reader
 * tells them by content, so a renamed file is read all the same).
 */
const RETURN_FILE_TYPES = [
  ".xlsx",
  ".xls",
  ".et",
  ".ett",
  ".ods",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-excel",
  "application/vnd.oasis.opendocument.spreadsheet",
].join(",");

export interface RoundTripTabProps {
  service: PaneService;
  lang: PaneLang;
  /** How this host delivers copies: said before the person clicks. */
  delivery: DeliveryMode;
  onError: (error: unknown) => void;
}

/**
 * 分发回收: judges' and rater groups' copies out (downloads or new workbooks), returned copies merged back,
 * conflicts listed; 回避.
 */
export function RoundTripTab({ service, lang, delivery, onError }: RoundTripTabProps) {
  const styles = useRoundTripStyles();
  const t = (key: StringKey, params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const state = useRoundTrip(service, onError);
  const shown = (value: unknown) =>
    value === null || value === undefined ? t("emptyValue") : String(value);
  const select = (cell: string) => {
    service.selectCell(splitSheetCell(cell)).catch(onError);
  };
  const { issued, merged } = state;

  return (
    <>
      <section className={styles.section} aria-labelledby="issue-title">
        <Subtitle2 id="issue-title">{t("issueTitle")}</Subtitle2>
        <Text>{t("issueIntro")}</Text>
        <Notice intent="info">
          {t(delivery === "download" ? "deliveryDownload" : "deliveryWorkbook")}
        </Notice>
        <Field
          label={t("judgesLabel")}
          validationState={state.judgesValid ? "none" : "error"}
          validationMessage={state.judgesValid ? undefined : t("judgesInvalid")}
        >
          <Input
            value={state.judgesText}
            onChange={(_e, data) => state.setJudgesText(data.value)}
          />
        </Field>
        <Field label={t("groupsLabel")} hint={t("groupsHint")}>
          <Input
            value={state.groupsText}
            onChange={(_e, data) => state.setGroupsText(data.value)}
          />
        </Field>
        <Button
          appearance="primary"
          disabled={state.busy !== null || !state.judgesValid}
          onClick={() => void state.issue()}
        >
          {t("issueButton")}
        </Button>
        {state.busy === "issue" && <Spinner size="tiny" label={t("issuing")} />}
        {issued && !issued.ok && (
          <Notice intent="error">{failureMessage(issued.failure, lang)}</Notice>
        )}
        {issued?.ok && (
          <>
            <Notice intent="success">
              {t(issued.delivery === "download" ? "issuedDownload" : "issuedWorkbook", {
                count: issued.copies.length,
              })}
            </Notice>
            <ul className={styles.lines}>
              {issued.copies.map((copy) => (
                <li key={copy.fileName} className={styles.line}>
                  {copy.judge === null
                    ? t("groupCopyLine", {
                        file: copy.fileName,
                        group: copy.group,
                        label: copy.groupLabel,
                        version: copy.version,
                        complete: copy.complete,
                        nominees: copy.nominees,
                      })
                    : t("copyLine", {
                        file: copy.fileName,
                        judge: copy.judge,
                        version: copy.version,
                        complete: copy.complete,
                        nominees: copy.nominees,
                      })}
                </li>
              ))}
            </ul>
            {issued.notes.map((found, i) => (
              <Text key={`${found.code}-${i}`}>{noteMessage(found, lang)}</Text>
            ))}
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="merge-title">
        <Subtitle2 id="merge-title">{t("mergeTitle")}</Subtitle2>
        <Text>{t("mergeIntro")}</Text>
        <FilePicker
          label={t("pickFiles")}
          buttonText={t("chooseFiles")}
          chosenText={
            state.picked.length === 0
              ? t("noFilesPicked")
              : t("filesPicked", {
                  count: state.picked.length,
                  names: state.picked.map((file) => file.name).join(t("listSeparator")),
                })
          }
          multiple
          accept={RETURN_FILE_TYPES}
          disabled={state.busy !== null}
          onPick={state.setPicked}
        />
        <Checkbox
          checked={state.preferCopy}
          onChange={(_e, data) => state.setPreferCopy(data.checked === true)}
          label={t("preferCopy")}
        />
        <Button
          appearance="primary"
          disabled={state.busy !== null || state.picked.length === 0}
          onClick={() => void state.merge()}
        >
          {t("mergeButton")}
        </Button>
        {state.busy === "merge" && <Spinner size="tiny" label={t("merging")} />}
        {merged && !merged.ok && (
          <Notice intent="error">{failureMessage(merged.failure, lang)}</Notice>
        )}
        {merged?.ok && (
          <>
            <Notice intent="success">{t("mergedSummary", { written: merged.written })}</Notice>
            <ul className={styles.lines} aria-label={t("mergeTitle")}>
              {merged.report.merged.map((m) => (
                <li key={`m-${m.file}`} className={styles.line}>
                  {m.judge === null
                    ? t("groupMergedLine", { file: m.file, group: m.group, taken: m.taken })
                    : t("mergedLine", { file: m.file, judge: m.judge, taken: m.taken })}
                </li>
              ))}
              {merged.report.refused.map((r, i) => (
                <li key={`r-${r.file}-${i}`} className={styles.line}>
                  {t("refusedLine", {
                    file: r.file,
                    reason: merged.messages.refused[i]?.[lang] ?? r.reason,
                  })}
                </li>
              ))}
              {merged.report.conflicts.map((c) => (
                <li key={`c-${c.file}-${c.cell}`} className={styles.line}>
                  <Link onClick={() => select(c.cell)}>
                    {t("conflictLine", {
                      cell: c.cell,
                      nominee: c.nominee,
                      criterion: c.criterion ?? t("raterColumn", { rater: c.rater }),
                      master: shown(c.master),
                      copy: shown(c.copy),
                    })}
                  </Link>
                </li>
              ))}
              {merged.report.invalid.map((v, i) => (
                <li key={`v-${v.file}-${v.cell}-${i}`} className={styles.line}>
                  <Link onClick={() => select(v.cell)}>
                    {t("invalidLine", {
                      cell: v.cell,
                      nominee: v.nominee,
                      criterion: v.criterion ?? t("raterColumn", { rater: v.rater }),
                      reason: merged.messages.invalid[i]?.[lang] ?? v.reason,
                    })}
                  </Link>
                </li>
              ))}
              {merged.ignored.map((line) => (
                <li key={line} className={styles.line}>
                  {line}
                </li>
              ))}
            </ul>
            {(merged.report.conflicts.length > 0 || merged.report.invalid.length > 0) && (
              <Text size={200}>{t("selectHint")}</Text>
            )}
          </>
        )}
      </section>

      <RecusalEditor service={service} lang={lang} onError={onError} />
    </>
  );
}

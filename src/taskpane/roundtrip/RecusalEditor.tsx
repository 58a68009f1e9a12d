/** 回避 editor: the register's lines (each says whether it is applied), one line added or removed at a time. */
import {
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { failureMessage } from "../../engine";
import { Notice } from "../components/Notice";
import type { PaneService } from "../services/PaneService";
import { paneText, type PaneLang, type StringKey } from "../strings";
import { useRecusals } from "./useRecusals";
import { useRoundTripStyles } from "./roundTripStyles";

const useStyles = makeStyles({
  line: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  notApplied: { color: tokens.colorPaletteRedForeground1 },
  // Long nominee names must not widen the pane (360 px): the list box takes the field's width, no more.
  select: { width: "100%", minWidth: 0 },
});

export interface RecusalEditorProps {
  service: PaneService;
  lang: PaneLang;
  onError: (error: unknown) => void;
}

export function RecusalEditor({ service, lang, onError }: RecusalEditorProps) {
  const shared = useRoundTripStyles();
  const styles = useStyles();
  const t = (key: StringKey, params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const state = useRecusals(service, onError);
  const { register } = state;

  return (
    <section className={shared.section} aria-labelledby="recusal-title">
      <Subtitle2 id="recusal-title">{t("recusalTitle")}</Subtitle2>
      <Text>{t("recusalIntro")}</Text>
      {register && !register.ok && (
        <Notice intent="warning">{failureMessage(register.failure, lang)}</Notice>
      )}
      {register?.ok && (
        <>
          {register.lines.length === 0 ? (
            <Text>{t("recusalNone")}</Text>
          ) : (
            <ul className={shared.lines} aria-label={t("recusalTitle")}>
              {register.lines.map((line) => (
                <li key={line.row} className={mergeClasses(shared.line, styles.line)}>
                  <Text>
                    {t("recusalLine", {
                      row: line.row,
                      judge: String(line.judge ?? ""),
                      id: String(line.id ?? ""),
                      name: line.name ?? "",
                      reason: line.reason === null ? "" : `（${line.reason}）`,
                    })}
                  </Text>
                  {!line.inForce && (
                    <Text className={styles.notApplied}>
                      {t("recusalNotApplied", { check: line.check })}
                    </Text>
                  )}
                  <Button
                    size="small"
                    disabled={state.busy}
                    aria-label={t("recusalRemove", {
                      row: line.row,
                      judge: String(line.judge ?? ""),
                      id: String(line.id ?? ""),
                    })}
                    onClick={() => void state.remove(line.row)}
                  >
                    ×
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <Field label={t("recusalJudge")}>
            <Select
              className={styles.select}
              value={state.judge}
              onChange={(_e, data) => state.setJudge(data.value)}
            >
              <option value="" />
              {Array.from({ length: register.judges }, (_unused, j) => (
                <option key={j + 1} value={String(j + 1)}>
                  {t("judge", { n: j + 1 })}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("recusalNominee")}>
            <Select
              className={styles.select}
              value={state.id}
              onChange={(_e, data) => state.setId(data.value)}
            >
              <option value="" />
              {register.nominees.map((nominee) => (
                <option key={nominee.id} value={nominee.id}>
                  {`${nominee.id} ${nominee.name ?? ""}`}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("recusalReason")}>
            <Input value={state.reason} onChange={(_e, data) => state.setReason(data.value)} />
          </Field>
          <Button appearance="primary" disabled={!state.canAdd} onClick={() => void state.add()}>
            {t("recusalAdd")}
          </Button>
        </>
      )}
      {state.busy && <Spinner size="tiny" label={t("recusalSaving")} />}
    </section>
  );
}

import { useEffect, useRef, useState } from "react";
import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  ProgressBar,
  SpinButton,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  BUILTIN_RUBRICS,
  MAX_JUDGES,
  RUBRIC_DEFAULTS,
  TIER_CODES,
  failureMessage,
  noteMessage,
  type TierCode,
} from "../../engine";
import {
  CancelledError,
  type BuiltinRubricId,
  type GenerateOutcome,
  type InspectView,
  type MappingOverrides,
  type PaneService,
} from "../services/PaneService";
import { paneText, type PaneLang } from "../strings";
import { tierLabel } from "../fieldLabels";
import { Notice } from "../components/Notice";
import { fluentLabels } from "../components/fluentLabels";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  quota: { flex: "1 1 90px" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

type Progress = { done: number; total: number } | null;

/** A SpinButton's number: typed text wins over the arrows' value. */
function spinValue(data: {
  value?: number | null;
  displayValue?: string | undefined;
}): number | null {
  if (data.value !== undefined && data.value !== null) return data.value;
  const typed = Number(data.displayValue);
  return data.displayValue !== undefined &&
    data.displayValue.trim() !== "" &&
    Number.isFinite(typed)
    ? typed
    : null;
}

export interface GenerateTabProps {
  service: PaneService;
  lang: PaneLang;
  inspect: InspectView | null;
  /** The column mapping the 识别 tab applied. */
  overrides: MappingOverrides;
  onError: (error: unknown) => void;
}

/** 生成: rubric, judges, quotas and password, then the assessment sheets written with progress and cancel. */
export function GenerateTab({ service, lang, inspect, overrides, onError }: GenerateTabProps) {
  const styles = useStyles();
  const t = (key: Parameters<typeof paneText>[1], params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const [rubricId, setRubricId] = useState<BuiltinRubricId>("baiqianwan");
  const [judges, setJudges] = useState<number>(RUBRIC_DEFAULTS.judges);
  // No quota unless the official enters the number handed down (docs/rules.md §3).
  const [quotas, setQuotas] = useState<Partial<Record<TierCode, number>>>({});
  const [password, setPassword] = useState("");
  const [progress, setProgress] = useState<Progress>(null);
  const [outcome, setOutcome] = useState<GenerateOutcome | CancelledError | null>(null);
  const cancel = useRef({ cancelled: false });
  const touched = useRef(false);

  // A workbook generated before opens with its own rubric, judges and quotas, so generating again changes
  // only what the person changes here.
  useEffect(() => {
    let live = true;
    service.generatedSettings().then(
      (settings) => {
        if (!live || !settings || touched.current) return;
        setRubricId(settings.rubricId);
        setJudges(settings.judges);
        setQuotas({ ...settings.quotas });
      },
      () => undefined
    );
    return () => {
      live = false;
    };
  }, [service]);
  const labels = fluentLabels(lang);

  if (!inspect) return <Notice intent="info">{t("needDetect")}</Notice>;
  const rubricNames: Record<BuiltinRubricId, string> = {
    baiqianwan: t("rubricBaiqianwan"),
    wuhao: t("rubricWuhao"),
    sanpingyi: t("rubricSanpingyi"),
  };
  const busy = progress !== null;

  async function generate() {
    if (!inspect) return;
    cancel.current = { cancelled: false };
    setOutcome(null);
    setProgress({ done: 0, total: 1 });
    try {
      const result = await service.generate(
        { rubricId, judges, quotas, password, mappingOverrides: overrides },
        { progress: (done, total) => setProgress({ done, total }), cancel: cancel.current }
      );
      setOutcome(result);
    } catch (caught) {
      if (caught instanceof CancelledError) setOutcome(caught);
      else onError(caught);
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className={styles.section} aria-label={t("tabGenerate")}>
      <Text>{t("generateIntro")}</Text>
      <Field label={t("rubric")}>
        <Dropdown
          {...labels.dropdown}
          value={rubricNames[rubricId]}
          selectedOptions={[rubricId]}
          onOptionSelect={(_event, data) => {
            touched.current = true;
            setRubricId((data.optionValue as BuiltinRubricId | undefined) ?? "baiqianwan");
          }}
          disabled={busy}
        >
          {(Object.keys(BUILTIN_RUBRICS) as BuiltinRubricId[]).map((id) => (
            <Option key={id} value={id}>
              {rubricNames[id]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t("judges")}>
        <SpinButton
          {...labels.spinButton}
          value={judges}
          min={1}
          max={MAX_JUDGES}
          disabled={busy}
          onChange={(_event, data) => {
            const value = spinValue(data);
            if (value !== null && Number.isInteger(value) && value >= 1 && value <= MAX_JUDGES) {
              touched.current = true;
              setJudges(value);
            }
          }}
        />
      </Field>
      <div className={styles.row}>
        {TIER_CODES.map((tier) => (
          <Field
            key={tier}
            className={styles.quota}
            label={t("quotaFor", { tier: tierLabel(tier, lang) })}
          >
            <SpinButton
              {...labels.spinButton}
              value={quotas[tier] ?? null}
              min={0}
              placeholder={t("noQuota")}
              disabled={busy}
              onChange={(_event, data) => {
                if (data.value === undefined && data.displayValue?.trim() === "") {
                  touched.current = true;
                  const rest = { ...quotas };
                  delete rest[tier];
                  setQuotas(rest);
                  return;
                }
                const value = spinValue(data);
                if (value !== null && Number.isInteger(value) && value >= 0) {
                  touched.current = true;
                  setQuotas({ ...quotas, [tier]: value });
                }
              }}
            />
          </Field>
        ))}
      </div>
      <Caption1>{t("quotaHint")}</Caption1>
      <Field label={t("password")}>
        <Input
          type="password"
          value={password}
          onChange={(_event, data) => setPassword(data.value)}
          disabled={busy}
          autoComplete="new-password"
        />
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          onClick={() => void generate()}
          disabled={busy || inspect.nominees.length === 0}
        >
          {t("generateButton")}
        </Button>
        {busy && (
          <Button
            onClick={() => {
              cancel.current.cancelled = true;
            }}
          >
            {t("cancel")}
          </Button>
        )}
      </div>
      {progress && (
        <Field
          validationMessage={t("generating", { done: progress.done, total: progress.total })}
          validationState="none"
        >
          <ProgressBar value={progress.total > 0 ? progress.done / progress.total : 0} />
        </Field>
      )}
      {outcome instanceof CancelledError && (
        <Notice intent="warning">
          {t("cancelled")} {outcome.detail}
        </Notice>
      )}
      {outcome && !(outcome instanceof CancelledError) && !outcome.ok && (
        <Notice intent="error">
          {t("notGenerated", { reason: failureMessage(outcome.failure, lang) })}
        </Notice>
      )}
      {outcome && !(outcome instanceof CancelledError) && outcome.ok && (
        <Notice intent="success">{t("generated", { sheets: outcome.sheets.join("、") })}</Notice>
      )}
      {outcome && !(outcome instanceof CancelledError) && outcome.notes.length > 0 && (
        <ul aria-label={t("generateNotes")}>
          {outcome.notes.map((found, i) => (
            <li key={i}>
              <Text>{noteMessage(found, lang)}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

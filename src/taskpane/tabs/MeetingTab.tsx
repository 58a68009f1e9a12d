import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  Button,
  Caption1,
  Combobox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Spinner,
  Subtitle1,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { MeetingData, MeetingNominee, PaneService } from "../services/PaneService";
import { paneText, type PaneLang, type StringKey } from "../strings";
import { sectorLabel, tierLabel } from "../fieldLabels";
import { Notice } from "../components/Notice";
import { fluentLabels } from "../components/fluentLabels";
import {
  changedCells,
  hasInvalidEdit,
  liveResults,
  moveInGrid,
  parseScoreText,
  scoreKey,
  scoreText,
  type GridMove,
  type NomineeEdits,
  type ScoreProblem,
} from "../meeting/meetingModel";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  criteria: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  grid: { borderCollapse: "collapse", width: "100%" },
  gridHead: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    padding: "2px",
    textAlign: "center",
    whiteSpace: "nowrap",
  },
  gridCell: { padding: "2px" },
  scoreBox: {
    boxSizing: "border-box",
    width: "100%",
    minWidth: "0",
    padding: "4px",
    textAlign: "right",
    fontSize: tokens.fontSizeBase300,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    ":focus": { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-1px" },
  },
  scoreBoxInvalid: {
    border: `2px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  live: { display: "grid", gridTemplateColumns: "repeat(4, 1fr)", gap: tokens.spacingHorizontalS },
  figure: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    padding: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  figureValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end", flexWrap: "wrap" },
  heading: { display: "block", margin: 0, overflowWrap: "anywhere" },
  headingNote: { margin: 0 },
});

const PROBLEM_TEXT: Record<ScoreProblem, StringKey> = {
  not_number: "scoreNotNumber",
  out_of_range: "scoreOutOfRange",
  off_step: "scoreOffStep",
};

const KEY_MOVES: Readonly<Record<string, GridMove>> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

export interface MeetingTabProps {
  service: PaneService;
  lang: PaneLang;
  onError: (error: unknown) => void;
}

/** 评审 meeting mode: one nominee at a time, every judge's scores by keyboard, live results, save only what changed. */
export function MeetingTab({ service, lang, onError }: MeetingTabProps) {
  const styles = useStyles();
  const t = (key: StringKey, params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const [data, setData] = useState<MeetingData | null | undefined>(undefined);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [edits, setEdits] = useState<Record<string, NomineeEdits>>({});
  const [saving, setSaving] = useState(false);
  const [savedCount, setSavedCount] = useState<number | null>(null);
  const boxes = useRef(new Map<string, HTMLInputElement>());

  async function load() {
    try {
      const read = await service.readAssessment();
      setData(read);
      setEdits({});
    } catch (caught) {
      setData(null);
      onError(caught);
    }
  }
  useEffect(() => {
    void load();
    // Loaded once when the tab opens; the reload button and save read again.
  }, []);

  const live = useMemo(() => (data ? liveResults(data, edits) : []), [data, edits]);

  if (data === undefined) return <Spinner size="small" />;
  if (data === null) {
    return (
      <section className={styles.section}>
        <Notice intent="info">{t("noAssessment")}</Notice>
        <div>
          <Button onClick={() => void load()}>{t("loadAssessment")}</Button>
        </div>
      </section>
    );
  }

  const { rubric } = data;
  const index = data.nominees.findIndex((nominee) => nominee.id === selectedId);
  const nominee: MeetingNominee | undefined = data.nominees[index];
  const nomineeEdits = nominee ? edits[nominee.id] : undefined;
  const result = live[index];
  const optionText = (candidate: MeetingNominee) => `${candidate.id} ${candidate.name}`;
  // The box shows the chosen nominee's text: reopening the list then shows every nominee, not just that one.
  const folded = nominee && query === optionText(nominee) ? "" : query.trim().toLowerCase();
  const matches = data.nominees.filter(
    (candidate) => folded === "" || optionText(candidate).toLowerCase().includes(folded)
  );

  function editNominee(change: (previous: NomineeEdits) => NomineeEdits) {
    if (!nominee) return;
    setSavedCount(null);
    setEdits((all) => ({ ...all, [nominee.id]: change(all[nominee.id] ?? { scores: {} }) }));
  }

  function boxText(judge: number, criterion: number): string {
    const edited = nomineeEdits?.scores[scoreKey(judge, criterion)];
    return edited ?? scoreText(nominee?.scores[judge]?.[criterion]?.value ?? null);
  }

  function focusBox(judge: number, criterion: number) {
    const box = boxes.current.get(scoreKey(judge, criterion));
    box?.focus();
    box?.select();
  }

  function onBoxKey(event: KeyboardEvent<HTMLInputElement>, judge: number, criterion: number) {
    const size = { judges: rubric.judges, criteria: rubric.criteria.length };
    let move: GridMove | undefined;
    if (event.key === "Enter") move = event.shiftKey ? "previous" : "next";
    else if (event.key === "ArrowUp" || event.key === "ArrowDown") move = KEY_MOVES[event.key];
    else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      // Left and right move between boxes only from the edge of the text, so the caret still works inside a box.
      const box = event.currentTarget;
      const atStart = box.selectionStart === 0 && box.selectionEnd === 0;
      const atEnd = box.selectionStart === box.value.length;
      if ((event.key === "ArrowLeft" && atStart) || (event.key === "ArrowRight" && atEnd))
        move = KEY_MOVES[event.key];
    }
    if (!move) return;
    const target = moveInGrid({ judge, criterion }, move, size);
    event.preventDefault();
    if (target) focusBox(target.judge, target.criterion);
  }

  async function save() {
    if (!nominee) return;
    const writes = changedCells(nominee, nomineeEdits, rubric);
    if (writes.length === 0) {
      setSavedCount(0);
      return;
    }
    setSaving(true);
    try {
      await service.writeCells(writes);
      const reread = await service.readAssessment();
      setData(reread);
      setEdits((all) => {
        const rest = { ...all };
        delete rest[nominee.id];
        return rest;
      });
      setSavedCount(writes.length);
    } catch (caught) {
      onError(caught);
    } finally {
      setSaving(false);
    }
  }

  const problems: string[] = [];
  if (nominee) {
    rubric.criteria.forEach((criterion, c) => {
      for (let j = 0; j < rubric.judges; j++) {
        const text = nomineeEdits?.scores[scoreKey(j, c)];
        const problem =
          text === undefined ? null : parseScoreText(text, criterion.max, rubric.scoreStep).problem;
        if (problem)
          problems.push(
            `${t("judge", { n: j + 1 })} ${criterion.id}: ${t(PROBLEM_TEXT[problem], { max: criterion.max, step: rubric.scoreStep })}`
          );
      }
    });
  }
  const satisfactionText =
    nomineeEdits?.satisfaction ?? scoreText(nominee?.satisfaction.value ?? null);
  const satisfactionProblem = nominee ? parseScoreText(satisfactionText, 100, 0.01).problem : null;
  const vetoValue =
    nomineeEdits?.veto !== undefined ? nomineeEdits.veto : (nominee?.veto.value ?? null);
  const outputs = result?.outputs;
  // A refused entry is not saved and not counted: figures without it would read as the nominee's result.
  const pending =
    problems.length > 0 || satisfactionProblem !== null ? t("pendingCorrection") : null;

  return (
    <section className={styles.section} aria-label={t("tabMeeting")}>
      <Text>{t("meetingIntro")}</Text>
      <Field label={t("chooseNominee")}>
        <Combobox
          {...fluentLabels(lang).combobox}
          freeform
          placeholder={t("pickNominee", { count: data.nominees.length })}
          value={query}
          selectedOptions={selectedId ? [selectedId] : []}
          onChange={(event) => setQuery(event.target.value)}
          onOptionSelect={(_event, option) => {
            const chosen = data.nominees.find((candidate) => candidate.id === option.optionValue);
            setSelectedId(chosen?.id ?? null);
            setQuery(chosen ? optionText(chosen) : "");
            setSavedCount(null);
          }}
        >
          {matches.map((candidate) => (
            <Option key={candidate.id} value={candidate.id} text={optionText(candidate)}>
              {optionText(candidate)}
            </Option>
          ))}
        </Combobox>
      </Field>
      {nominee && outputs && (
        <>
          <div>
            <Subtitle1 as="h2" className={styles.heading}>
              {nominee.name}
            </Subtitle1>
            <Caption1 as="p" className={styles.headingNote}>
              {nominee.id} · {sectorLabel(nominee.sector, lang)} · {tierLabel(nominee.tier, lang)}
            </Caption1>
          </div>
          <ol className={styles.criteria} aria-label={t("criterion")}>
            {rubric.criteria.map((criterion) => (
              <li key={criterion.id}>
                <Text weight="semibold">
                  {criterion.id} {criterion.label}
                </Text>{" "}
                <Caption1>{t("maxPoints", { max: criterion.max })}</Caption1>
                {nominee.sector && criterion.descriptors[nominee.sector] && (
                  <div>
                    <Caption1>{criterion.descriptors[nominee.sector]}</Caption1>
                  </div>
                )}
              </li>
            ))}
          </ol>
          <table className={styles.grid} aria-label={`${nominee.name} ${t("criterion")}`}>
            <thead>
              <tr>
                <th className={styles.gridHead} scope="col">
                  {t("judge", { n: "" }).trim()}
                </th>
                {rubric.criteria.map((criterion) => (
                  <th key={criterion.id} className={styles.gridHead} scope="col">
                    {criterion.id}
                    <br />≤{criterion.max}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rubric.judges }, (_unused, j) => (
                <tr key={j}>
                  <th className={styles.gridHead} scope="row">
                    {t("judge", { n: j + 1 })}
                  </th>
                  {rubric.criteria.map((criterion, c) => {
                    const text = boxText(j, c);
                    const invalid =
                      parseScoreText(text, criterion.max, rubric.scoreStep).problem !== null;
                    return (
                      <td key={criterion.id} className={styles.gridCell}>
                        <input
                          ref={(element) => {
                            if (element) boxes.current.set(scoreKey(j, c), element);
                            else boxes.current.delete(scoreKey(j, c));
                          }}
                          className={
                            invalid
                              ? `${styles.scoreBox} ${styles.scoreBoxInvalid}`
                              : styles.scoreBox
                          }
                          inputMode="decimal"
                          // No row or column for the nominee on that judge's sheet: nothing to save to.
                          readOnly={nominee?.scores[j]?.[c]?.cell === null}
                          aria-label={`${t("judge", { n: j + 1 })} ${criterion.id}`}
                          aria-invalid={invalid}
                          data-judge={j + 1}
                          data-criterion={criterion.id}
                          value={text}
                          onChange={(event) => {
                            const value = event.target.value;
                            editNominee((previous) => ({
                              ...previous,
                              scores: { ...previous.scores, [scoreKey(j, c)]: value },
                            }));
                          }}
                          onKeyDown={(event) => onBoxKey(event, j, c)}
                          onFocus={(event) => event.currentTarget.select()}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {problems.length > 0 && (
            <Notice intent="error">
              {problems.map((problem) => (
                <div key={problem}>{problem}</div>
              ))}
            </Notice>
          )}
          <div className={styles.row}>
            <Field
              label={t("satisfaction")}
              validationState={satisfactionProblem ? "error" : "none"}
              validationMessage={
                satisfactionProblem
                  ? t(PROBLEM_TEXT[satisfactionProblem], { max: 100, step: 0.01 })
                  : undefined
              }
            >
              <Input
                size="small"
                inputMode="decimal"
                value={satisfactionText}
                onChange={(_event, change) =>
                  editNominee((previous) => ({ ...previous, satisfaction: change.value }))
                }
              />
            </Field>
            <Field label={t("veto")}>
              <Dropdown
                {...fluentLabels(lang).dropdown}
                size="small"
                value={vetoValue ? t("yes") : t("no")}
                selectedOptions={[vetoValue ? "yes" : "no"]}
                onOptionSelect={(_event, option) =>
                  editNominee((previous) => ({ ...previous, veto: option.optionValue === "yes" }))
                }
              >
                <Option value="no">{t("no")}</Option>
                <Option value="yes">{t("yes")}</Option>
              </Dropdown>
            </Field>
          </div>
          <div className={styles.live} aria-live="polite">
            <Figure label={t("livePanel")} value={pending ?? outputs.panel} />
            <Figure label={t("liveTotal")} value={pending ?? outputs.total} testId="live-total" />
            <Figure label={t("liveGrade")} value={pending ?? outputs.grade} />
            <Figure label={t("liveRank")} value={pending ?? result?.rank ?? null} />
          </div>
          {!outputs.complete && (
            <Caption1>
              {t("incomplete", { done: outputs.judgesComplete, judges: rubric.judges })}
            </Caption1>
          )}
          <div className={styles.row}>
            <Button
              appearance="primary"
              onClick={() => void save()}
              disabled={saving || hasInvalidEdit(nominee, nomineeEdits, rubric)}
            >
              {saving ? t("saving") : t("save")}
            </Button>
            <Button onClick={() => void load()} disabled={saving}>
              {t("loadAssessment")}
            </Button>
          </div>
          {savedCount !== null && (
            <Notice intent={savedCount > 0 ? "success" : "info"}>
              {savedCount > 0 ? t("saved", { count: savedCount }) : t("nothingToSave")}
            </Notice>
          )}
        </>
      )}
    </section>
  );
}

function Figure(props: { label: string; value: number | string | null; testId?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.figure} data-testid={props.testId}>
      <Caption1>{props.label}</Caption1>
      <span className={styles.figureValue}>{props.value ?? "—"}</span>
    </div>
  );
}

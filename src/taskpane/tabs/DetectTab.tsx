import { useState } from "react";
import {
  Button,
  Caption1,
  Dropdown,
  makeStyles,
  Option,
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
import { columnLetter, FIELDS, type Field, type TableLayout } from "../../engine";
import type { InspectView, MappingOverrides, PaneService } from "../services/PaneService";
import { unappliedOverrides } from "../services/WorkbookPaneService";
import { paneText, type PaneLang } from "../strings";
import { fieldLabel, sectorLabel, tierLabel } from "../fieldLabels";
import { Notice } from "../components/Notice";
import { fluentLabels } from "../components/fluentLabels";

const PREVIEW_ROWS = 5;
const UNMAPPED = "";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  dropdown: { minWidth: "140px", width: "100%" },
  table: { tableLayout: "auto" },
});

export interface DetectTabProps {
  service: PaneService;
  lang: PaneLang;
  inspect: InspectView | null;
  overrides: MappingOverrides;
  onInspected: (inspect: InspectView, overrides: MappingOverrides) => void;
  onError: (error: unknown) => void;
}

/** 识别: finds the tables, shows each column's field (editable) and the first rows as read. */
export function DetectTab({
  service,
  lang,
  inspect,
  overrides,
  onInspected,
  onError,
}: DetectTabProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [remapped, setRemapped] = useState(false);
  const t = (key: Parameters<typeof paneText>[1], params?: Record<string, string | number>) =>
    paneText(lang, key, params);

  async function detect(nextOverrides: MappingOverrides, isRemap: boolean) {
    setBusy(true);
    try {
      onInspected(await service.inspect(nextOverrides), nextOverrides);
      setRemapped(isRemap);
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(false);
    }
  }

  const unapplied = inspect ? unappliedOverrides(inspect, overrides) : [];

  function remap(sheet: string, col: number, field: Field | null) {
    const next: MappingOverrides = {
      ...overrides,
      [sheet]: { ...(overrides[sheet] ?? {}), [col]: field },
    };
    void detect(next, true);
  }

  return (
    <section className={styles.section} aria-label={t("tabDetect")}>
      <Text>{t("detectIntro")}</Text>
      <div>
        <Button appearance="primary" onClick={() => void detect(overrides, false)} disabled={busy}>
          {t("detectButton")}
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={t("detecting")} />}
      {inspect && !busy && (
        <>
          {inspect.tables.length === 0 ? (
            <Notice intent="warning">{t("noTables")}</Notice>
          ) : remapped && unapplied.length > 0 ? null : (
            <Notice intent="success">
              {remapped ? t("mappingChanged") : t("tablesFound", { count: inspect.tables.length })}
            </Notice>
          )}
          {remapped && unapplied.length > 0 && (
            <Notice intent="warning">
              {t("overridesNotApplied", {
                columns: unapplied
                  .map((entry) => `${entry.sheet}!${columnLetter(entry.col)}`)
                  .join("、"),
              })}
            </Notice>
          )}
          {inspect.skippedSheets.length > 0 && (
            <Caption1>{t("skippedSheets", { sheets: inspect.skippedSheets.join("、") })}</Caption1>
          )}
          {inspect.tables.map((table) => (
            <TableSection
              key={table.sheet}
              table={table}
              inspect={inspect}
              lang={lang}
              onRemap={remap}
              disabled={busy}
            />
          ))}
        </>
      )}
    </section>
  );
}

function TableSection(props: {
  table: TableLayout;
  inspect: InspectView;
  lang: PaneLang;
  disabled: boolean;
  onRemap: (sheet: string, col: number, field: Field | null) => void;
}) {
  const { table, inspect, lang, disabled, onRemap } = props;
  const styles = useStyles();
  const t = (key: Parameters<typeof paneText>[1], params?: Record<string, string | number>) =>
    paneText(lang, key, params);
  const nominees = inspect.nominees.filter((nominee) => nominee.sheet === table.sheet);
  const preview = nominees.slice(0, PREVIEW_ROWS);
  return (
    <div className={styles.section}>
      <Subtitle2 as="h2">
        {t("tableCaption", {
          sheet: table.sheet,
          first: table.firstDataRow,
          last: table.lastDataRow,
          nominees: nominees.length,
        })}
      </Subtitle2>
      <Table size="small" className={styles.table} aria-label={`${table.sheet} ${t("field")}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("column")}</TableHeaderCell>
            <TableHeaderCell>{t("header")}</TableHeaderCell>
            <TableHeaderCell>{t("field")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {table.columns.map((column) => {
            const selected = column.field ?? UNMAPPED;
            const selectedText = column.field ? fieldLabel(column.field, lang) : t("unmapped");
            return (
              <TableRow key={column.col}>
                <TableCell>{columnLetter(column.col)}</TableCell>
                <TableCell>{column.header}</TableCell>
                <TableCell>
                  <Dropdown
                    {...fluentLabels(lang).dropdown}
                    className={styles.dropdown}
                    size="small"
                    aria-label={`${columnLetter(column.col)} ${column.header}: ${t("field")}`}
                    value={selectedText}
                    selectedOptions={[selected]}
                    disabled={disabled}
                    data-column={columnLetter(column.col)}
                    onOptionSelect={(_event, data) => {
                      const value = data.optionValue ?? UNMAPPED;
                      if (value !== selected)
                        onRemap(
                          table.sheet,
                          column.col,
                          value === UNMAPPED ? null : (value as Field)
                        );
                    }}
                  >
                    <Option value={UNMAPPED}>{t("unmapped")}</Option>
                    {FIELDS.map((field) => (
                      <Option key={field} value={field}>
                        {fieldLabel(field, lang)}
                      </Option>
                    ))}
                  </Dropdown>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Subtitle2 as="h3">{t("preview", { count: preview.length })}</Subtitle2>
      <Table size="small" aria-label={t("preview", { count: preview.length })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("name")}</TableHeaderCell>
            <TableHeaderCell>{t("sector")}</TableHeaderCell>
            <TableHeaderCell>{t("tier")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.map((nominee) => (
            <TableRow key={nominee.row}>
              <TableCell>{nominee.displayName ?? "—"}</TableCell>
              <TableCell>{sectorLabel(nominee.sector, lang)}</TableCell>
              <TableCell>{tierLabel(nominee.tier, lang)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

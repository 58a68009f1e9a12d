import { lazy, Suspense, useCallback, useState } from "react";
import {
  Button,
  FluentProvider,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type {
  HostFeature,
  InspectView,
  MappingOverrides,
  PaneService,
} from "./services/PaneService";
import { paneText, type PaneLang } from "./strings";
import { ErrorBar } from "./components/ErrorBar";
import { Notice } from "./components/Notice";
import { DetectTab } from "./tabs/DetectTab";
import { ValidateTab } from "./tabs/ValidateTab";
import { GenerateTab } from "./tabs/GenerateTab";
import { DynamicTab } from "./tabs/DynamicTab";

// Meeting mode and the charts load on first use: the initial pane stays within its 400 KB gzip budget.
const MeetingTab = lazy(() =>
  import("./tabs/MeetingTab").then((module) => ({ default: module.MeetingTab }))
);
const SummaryTab = lazy(() =>
  import("./tabs/SummaryTab").then((module) => ({ default: module.SummaryTab }))
);
const RoundTripTab = lazy(() =>
  import("./roundtrip/RoundTripTab").then((module) => ({ default: module.RoundTripTab }))
);

const HOST_FEATURE_TEXT = {
  validation: "lacksValidation",
  filtersAndPrint: "lacksFiltersAndPrint",
  mergedCells: "lacksMergedCells",
} as const satisfies Record<HostFeature, Parameters<typeof paneText>[1]>;

type TabId = "detect" | "validate" | "generate" | "meeting" | "roundtrip" | "dynamic" | "summary";
const TABS: readonly {
  id: TabId;
  label:
    | "tabDetect"
    | "tabValidate"
    | "tabGenerate"
    | "tabMeeting"
    | "tabRoundTrip"
    | "tabDynamic"
    | "tabSummary";
}[] = [
  { id: "detect", label: "tabDetect" },
  { id: "validate", label: "tabValidate" },
  { id: "generate", label: "tabGenerate" },
  { id: "meeting", label: "tabMeeting" },
  { id: "roundtrip", label: "tabRoundTrip" },
  { id: "dynamic", label: "tabDynamic" },
  { id: "summary", label: "tabSummary" },
];

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tabs: { flexWrap: "wrap" },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
});

export interface AppProps {
  service: PaneService;
  initialLang?: PaneLang;
}

/** The task pane: language switch, six tabs, one error bar. Every tab talks to the workbook only through `service`. */
export function App({ service, initialLang = "zh" }: AppProps) {
  const styles = useStyles();
  const [lang, setLang] = useState<PaneLang>(initialLang);
  const [tab, setTab] = useState<TabId>("detect");
  const [inspect, setInspect] = useState<InspectView | null>(null);
  const [overrides, setOverrides] = useState<MappingOverrides>({});
  const [error, setError] = useState<unknown>(null);
  const t = (key: Parameters<typeof paneText>[1], params?: Record<string, string | number>) =>
    paneText(lang, key, params);

  const report = useCallback((caught: unknown) => {
    // The pane shows every failure; the console keeps the stack for whoever debugs it.
    console.error(caught);
    setError(caught);
  }, []);

  const capabilities = service.capabilities();
  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <div className={styles.root}>
        <header className={styles.header}>
          <Text as="h1" weight="semibold" size={400}>
            {t("appTitle")}
          </Text>
          <Button
            size="small"
            appearance="subtle"
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
            lang={lang === "zh" ? "en" : "zh-CN"}
          >
            {t("language")}
          </Button>
        </header>
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_event, data) => setTab(data.value as TabId)}
          size="small"
        >
          {TABS.map((entry) => (
            <Tab key={entry.id} value={entry.id}>
              {t(entry.label)}
            </Tab>
          ))}
        </TabList>
        <main className={styles.body}>
          {!capabilities.supported && <Notice intent="warning">{t("apiTooOld")}</Notice>}
          {capabilities.supported && capabilities.missing.length > 0 && (
            <Notice intent="info">
              {t("hostLacks", {
                features: capabilities.missing
                  .map((feature) => t(HOST_FEATURE_TEXT[feature]))
                  .join(t("listSeparator")),
              })}
            </Notice>
          )}
          {error !== null && (
            <ErrorBar error={error} lang={lang} onDismiss={() => setError(null)} />
          )}
          {tab === "detect" && (
            <DetectTab
              service={service}
              lang={lang}
              inspect={inspect}
              overrides={overrides}
              onInspected={(result, nextOverrides) => {
                setInspect(result);
                setOverrides(nextOverrides);
                setError(null);
              }}
              onError={report}
            />
          )}
          {tab === "validate" && (
            <ValidateTab service={service} lang={lang} inspect={inspect} onError={report} />
          )}
          {tab === "generate" && (
            <GenerateTab
              service={service}
              lang={lang}
              inspect={inspect}
              overrides={overrides}
              onError={report}
            />
          )}
          <Suspense fallback={<Spinner size="small" />}>
            {tab === "meeting" && <MeetingTab service={service} lang={lang} onError={report} />}
            {tab === "summary" && <SummaryTab service={service} lang={lang} onError={report} />}
            {tab === "roundtrip" && (
              <RoundTripTab
                service={service}
                lang={lang}
                delivery={service.copyDelivery()}
                onError={report}
              />
            )}
          </Suspense>
          {tab === "dynamic" && <DynamicTab service={service} lang={lang} onError={report} />}
        </main>
      </div>
    </FluentProvider>
  );
}

/**
 * The task pane: four panels and 设置 under a TabList. The template panel ships with the shell;
 * the others are chunks of their own, loaded once the pane is idle (so a tab switch rarely
 * waits) or when their tab is first chosen. A panel stays mounted once shown, so a clerk can look
 * at a merge's results, insert a sheet, and come back to them.
 */
import { useEffect, useState, type CSSProperties } from "react";
import { FluentProvider, Tab, TabList, useId, webLightTheme } from "@fluentui/react-components";
import type { PaneActions } from "../../jobs/actions";
import { useShellStrings, useStrings } from "../i18n/strings";
import type { Lang } from "../../form/lang";
import { whenIdle } from "../idle";
import { InsertPanel } from "./InsertPanel";
import { token } from "./layout";
import { LazyPanelView } from "./lazy-panel";
import { LAZY_PANELS, fillPanel, mergePanel, settingsPanel, validatePanel } from "./panels";

export interface AppProps {
  actions: PaneActions;
  lang: Lang;
  /** Today's date, for the default report month (tests pin it; the pane uses the clock). */
  today?: Date;
}

type TabId = "insert" | "validate" | "fill" | "merge" | "settings";
const TABS: readonly TabId[] = ["insert", "validate", "fill", "merge", "settings"];

// Inline styles, not makeStyles: the shell is in the first load (see layout.ts), and an inline
// style also wins over FluentProvider's and TabList's own classes, as makeStyles' would.
const STYLES: Record<"root" | "tabs" | "privacy", CSSProperties> = {
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    minWidth: 0,
    overflowX: "hidden",
    backgroundColor: token("colorNeutralBackground1"),
  },
  tabs: {
    flexWrap: "wrap",
    borderBottom: `${token("strokeWidthThin")} solid ${token("colorNeutralStroke2")}`,
    paddingLeft: token("spacingHorizontalXS"),
    paddingRight: token("spacingHorizontalXS"),
  },
  privacy: {
    margin: 0,
    padding: `${token("spacingVerticalXS")} ${token("spacingHorizontalM")}`,
    color: token("colorNeutralForeground3"),
    fontSize: token("fontSizeBase200"),
    lineHeight: token("lineHeightBase200"),
  },
};

export function App({ actions, lang, today }: AppProps) {
  const t = useStrings(lang);
  const s = useShellStrings(lang);
  const [tab, setTab] = useState<TabId>("insert");
  // Tabs shown at least once: their panels stay mounted.
  const [shown, setShown] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(["insert"]));
  const [now] = useState<Date>(() => today ?? new Date());
  const idBase = useId("pane");
  const labels: Record<TabId, string> = {
    insert: t.tabInsert,
    validate: t.tabValidate,
    fill: t.tabFill,
    merge: t.tabMerge,
    settings: s.tabSettings,
  };
  const tabId = (id: TabId) => `${idBase}-tab-${id}`;
  const panelId = (id: TabId) => `${idBase}-panel-${id}`;

  // Load the other panels once the first one is on screen: a chunk that fails here is tried
  // again, and reported, when its tab is chosen.
  useEffect(() => whenIdle(() => LAZY_PANELS.forEach((p) => void p.preload().catch(() => undefined))), []);

  const select = (value: unknown) => {
    const id = TABS.find((x) => x === value) ?? "insert";
    setTab(id);
    setShown((prev) => (prev.has(id) ? prev : new Set(prev).add(id)));
  };

  const panel = (id: TabId) => {
    switch (id) {
      case "insert":
        return <InsertPanel actions={actions} lang={lang} today={now} />;
      case "validate":
        return <LazyPanelView panel={validatePanel} props={{ actions, lang }} t={s} />;
      case "fill":
        return <LazyPanelView panel={fillPanel} props={{ actions, lang, today: now }} t={s} />;
      case "merge":
        return <LazyPanelView panel={mergePanel} props={{ actions, lang, today: now }} t={s} />;
      case "settings":
        return <LazyPanelView panel={settingsPanel} props={{ actions, lang }} t={s} />;
    }
  };

  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en-US"} style={STYLES.root}>
      <TabList style={STYLES.tabs} size="small" selectedValue={tab} onTabSelect={(_, d) => select(d.value)}>
        {TABS.map((id) => (
          <Tab key={id} id={tabId(id)} value={id} aria-controls={panelId(id)}>
            {labels[id]}
          </Tab>
        ))}
      </TabList>
      {actions.mode === "file" && <p style={STYLES.privacy}>{t.privacyNote}</p>}
      {TABS.map((id) => (
        <div key={id} role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id)} hidden={id !== tab}>
          {shown.has(id) && panel(id)}
        </div>
      ))}
    </FluentProvider>
  );
}

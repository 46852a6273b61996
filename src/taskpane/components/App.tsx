/**
 * The task pane: four panels under a TabList. Panels stay mounted when another tab is chosen,
 * so a clerk can look at a merge's results, insert a sheet, and come back to them.
 */
import { useState } from "react";
import { FluentProvider, Tab, TabList, makeStyles, tokens, useId, webLightTheme } from "@fluentui/react-components";
import type { PaneActions } from "../../jobs/actions";
import { useStrings, type Lang } from "../i18n/strings";
import { FillPanel } from "./FillPanel";
import { InsertPanel } from "./InsertPanel";
import { MergePanel } from "./MergePanel";
import { ValidatePanel } from "./ValidatePanel";

export interface AppProps {
  actions: PaneActions;
  lang: Lang;
  /** Today's date, for the default report month (tests pin it; the pane uses the clock). */
  today?: Date;
}

type TabId = "insert" | "validate" | "fill" | "merge";
const TABS: readonly TabId[] = ["insert", "validate", "fill", "merge"];

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    minWidth: 0,
    overflowX: "hidden",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  tabs: {
    flexWrap: "wrap",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  privacy: {
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

export function App({ actions, lang, today }: AppProps) {
  const t = useStrings(lang);
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("insert");
  const [now] = useState<Date>(() => today ?? new Date());
  const idBase = useId("pane");
  const labels: Record<TabId, string> = { insert: t.tabInsert, validate: t.tabValidate, fill: t.tabFill, merge: t.tabMerge };
  const tabId = (id: TabId) => `${idBase}-tab-${id}`;
  const panelId = (id: TabId) => `${idBase}-panel-${id}`;

  const panel = (id: TabId) => {
    switch (id) {
      case "insert":
        return <InsertPanel actions={actions} lang={lang} today={now} />;
      case "validate":
        return <ValidatePanel actions={actions} lang={lang} />;
      case "fill":
        return <FillPanel actions={actions} lang={lang} />;
      case "merge":
        return <MergePanel actions={actions} lang={lang} today={now} />;
    }
  };

  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en-US"} className={styles.root}>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(TABS.find((id) => id === d.value) ?? "insert")}
      >
        {TABS.map((id) => (
          <Tab key={id} id={tabId(id)} value={id} aria-controls={panelId(id)}>
            {labels[id]}
          </Tab>
        ))}
      </TabList>
      {actions.mode === "file" && <p className={styles.privacy}>{t.privacyNote}</p>}
      {TABS.map((id) => (
        <div key={id} role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id)} hidden={id !== tab}>
          {panel(id)}
        </div>
      ))}
    </FluentProvider>
  );
}

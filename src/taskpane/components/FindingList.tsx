/**
 * Findings grouped 错误 / 警告 with counts. In Excel a finding with a cell is a button that
 * selects the cell; elsewhere it is plain text.
 */
import { Badge, Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "../../form/findings";
import { findingMessage } from "../../form/messages";
import type { Lang } from "../../form/lang";
import type { Strings } from "../i18n/strings";
import { usePanelStyles } from "./layout";

export interface PlacedFinding {
  finding: Finding;
  /** Where the finding comes from (sheet or "file › sheet"), shown when several reports are listed. */
  source?: string;
  /** The sheet to select for it (the finding's own sheet, or its report's). */
  sheet: string;
}

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
  },
  item: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: "start",
    overflowWrap: "anywhere",
    minWidth: 0,
  },
  button: {
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    width: "100%",
    minWidth: 0,
    height: "auto",
  },
  place: {
    flexShrink: 0,
    minWidth: "2.6em", // keeps messages aligned whether the address is D9 or E15
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorNeutralForeground2,
  },
  text: { minWidth: 0 },
  source: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

interface FindingListProps {
  items: PlacedFinding[];
  lang: Lang;
  t: Strings;
  /** Excel only: select the finding's cell. */
  onSelect?: (sheet: string, cell: string) => void;
  disabled?: boolean;
}

export function FindingList({ items, lang, t, onSelect, disabled }: FindingListProps) {
  const panel = usePanelStyles();
  const groups: { severity: Severity; title: string; color: "danger" | "warning" }[] = [
    { severity: "error", title: t.errors, color: "danger" },
    { severity: "warning", title: t.warnings, color: "warning" },
  ];
  return (
    <>
      {groups.map((g) => {
        const inGroup = items.filter((i) => i.finding.severity === g.severity);
        if (inGroup.length === 0) return null;
        return (
          <section key={g.severity} className={panel.section} aria-label={`${g.title} ${inGroup.length}`}>
            <h3 className={panel.heading}>
              {g.title}
              <Badge appearance="filled" color={g.color} size="small">
                {inGroup.length}
              </Badge>
            </h3>
            <FindingItems items={inGroup} lang={lang} onSelect={onSelect} disabled={disabled} />
          </section>
        );
      })}
    </>
  );
}

function FindingItems(props: { items: PlacedFinding[]; lang: Lang; onSelect?: (sheet: string, cell: string) => void; disabled?: boolean }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {props.items.map((item, i) => {
        const { finding, source, sheet } = item;
        const body = (
          <>
            {finding.cell && <span className={styles.place}>{finding.cell}</span>}
            <span className={styles.text}>
              {source && <span className={styles.source}>{source}</span>}
              {findingMessage(finding, props.lang)}
            </span>
          </>
        );
        const cell = finding.cell;
        const onSelect = props.onSelect;
        return (
          <li key={i}>
            {onSelect && cell && sheet ? (
              <Button
                appearance="subtle"
                size="small"
                className={mergeClasses(styles.item, styles.button)}
                disabled={props.disabled}
                onClick={() => onSelect(sheet, cell)}
              >
                {body}
              </Button>
            ) : (
              <div className={styles.item}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

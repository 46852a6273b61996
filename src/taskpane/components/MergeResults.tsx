/** What a merge did: summary counts, a per-file table, the lists clerks act on, the 催报 text. */
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import type { MergeOutcome, Mode } from "../../jobs/actions";
import type { FileOutcome, FileStatus, MergeResult } from "../../form/merge-types";
import { findingMessage, statusLabel } from "../../form/messages";
import type { Lang } from "../../form/lang";
import type { Strings } from "../i18n/strings";
import { FindingList } from "./FindingList";
import { usePanelStyles } from "./layout";
import { ReminderBox } from "./ReminderBox";

/** A unit with many warnings would drown the table: show the first few, then a count. */
const ISSUES_SHOWN = 4;

const STATUS_COLOR: Record<FileStatus, NonNullable<BadgeProps["color"]>> = {
  included: "success",
  excluded: "danger",
  skipped: "informative",
  unreadable: "severe",
  duplicate: "warning",
};

const useStyles = makeStyles({
  table: { width: "100%", tableLayout: "fixed" },
  colUnit: { width: "21%" },
  colStatus: { width: "23%" },
  colIssues: { width: "35%" },
  colFile: { width: "21%" },
  // Status words are up to 5 characters: in a narrow pane the badge wraps instead of overflowing.
  badge: { height: "auto", whiteSpace: "normal", textAlign: "center", paddingTop: "1px", paddingBottom: "1px" },
  cell: {
    overflowWrap: "anywhere",
    verticalAlign: "top",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  issue: { display: "block" },
  summary: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
});

export function unitName(f: FileOutcome): string | undefined {
  return f.rosterUnit ?? f.unit;
}

/** Only a report that was read can be said to lack a unit; an unreadable or skipped file just has none shown. */
function wasRead(f: FileOutcome): boolean {
  return f.status === "included" || f.status === "excluded" || f.status === "duplicate";
}

export interface MergeCounts {
  expected: number;
  included: number;
  missing: number;
  wrong: number;
  duplicate: number;
  late: number;
  unreadable: number;
}

/** 应报 counts roster units with no report (未报) plus every unit that did report for the month. */
export function mergeCounts(r: MergeResult): MergeCounts {
  const reported = new Set(r.files.filter((f) => f.status === "included" || f.status === "excluded").map((f) => unitName(f) ?? f.file));
  const count = (s: FileStatus) => r.files.filter((f) => f.status === s).length;
  return {
    expected: reported.size + r.missing.length,
    included: r.includedCount,
    missing: r.missing.length,
    wrong: count("excluded"),
    duplicate: count("duplicate"),
    late: r.late.length,
    unreadable: count("unreadable"),
  };
}

function issuesOf(f: FileOutcome, lang: Lang, t: Strings): string[] {
  const lines = f.findings.map((x) => (x.cell ? `${x.cell} ${findingMessage(x, lang)}` : findingMessage(x, lang)));
  if (f.status === "duplicate" && f.duplicateOf && !f.findings.some((x) => x.code === "duplicate")) {
    lines.unshift(t.duplicateOf(f.duplicateOf));
  }
  return lines;
}

export function MergeResults(props: { outcome: MergeOutcome; mode: Mode; lang: Lang; t: Strings }) {
  const { outcome, mode, lang, t } = props;
  const { result } = outcome;
  const panel = usePanelStyles();
  const styles = useStyles();
  const c = mergeCounts(result);
  const summary = [
    t.summaryItem(t.expected, c.expected),
    t.summaryItem(t.included, c.included),
    t.summaryItem(t.missing, c.missing),
    t.summaryItem(t.wrong, c.wrong),
    t.summaryItem(t.duplicate, c.duplicate),
    t.summaryItem(t.late, c.late),
    ...(c.unreadable > 0 ? [t.summaryItem(t.unreadable, c.unreadable)] : []),
  ].join(t.summarySeparator);

  const wrongUnits = result.files.filter((f) => f.status === "excluded").map((f) => unitName(f) ?? f.file);
  const duplicates = result.files
    .filter((f) => f.status === "duplicate")
    .map((f) => (f.duplicateOf ? t.duplicateEntry(f.file, f.duplicateOf) : f.file));
  const lists: { title: string; items: string[] }[] = [
    { title: t.listMissing, items: result.missing },
    { title: t.listWrong, items: wrongUnits },
    { title: t.listDuplicate, items: duplicates },
    { title: t.listLate, items: result.late },
  ];

  return (
    <div className={panel.section}>
      <p className={styles.summary} role="status">
        {t.summaryLine(t.periodLabel(result.period), summary)}
      </p>
      {outcome.written.length > 0 && (
        <span className={panel.note}>{(mode !== "file" ? t.writtenSheets : t.writtenFile)(outcome.written.join(t.listSeparator))}</span>
      )}

      <Table size="extra-small" aria-label={t.resultsTable} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.colUnit}>{t.colUnit}</TableHeaderCell>
            <TableHeaderCell className={styles.colStatus}>{t.colStatus}</TableHeaderCell>
            <TableHeaderCell className={styles.colIssues}>{t.colIssues}</TableHeaderCell>
            <TableHeaderCell className={styles.colFile}>{t.colFile}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {result.files.map((f, i) => {
            const issues = issuesOf(f, lang, t);
            return (
              <TableRow key={`${f.file}|${f.sheet ?? ""}|${i}`}>
                <TableCell className={styles.cell}>{unitName(f) ?? (wasRead(f) ? t.noUnit : "—")}</TableCell>
                <TableCell className={styles.cell}>
                  <Badge appearance="tint" color={STATUS_COLOR[f.status]} size="small" className={styles.badge}>
                    {statusLabel(f.status, lang)}
                  </Badge>
                </TableCell>
                <TableCell className={styles.cell}>
                  {issues.slice(0, ISSUES_SHOWN).map((line, k) => (
                    <span key={k} className={styles.issue}>
                      {line}
                    </span>
                  ))}
                  {issues.length > ISSUES_SHOWN && <span className={styles.issue}>{t.moreIssues(issues.length - ISSUES_SHOWN)}</span>}
                </TableCell>
                <TableCell className={styles.cell}>{f.file}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      {lists
        .filter((l) => l.items.length > 0)
        .map((l) => (
          <section key={l.title} className={panel.section} aria-label={l.title}>
            <h3 className={panel.heading}>
              {l.title}
              <Badge appearance="tint" color="informative" size="small">
                {l.items.length}
              </Badge>
            </h3>
            <ul className={panel.plainList}>
              {l.items.map((item, k) => (
                <li key={k}>{item}</li>
              ))}
            </ul>
          </section>
        ))}

      {result.findings.length > 0 && (
        <section className={panel.section} aria-label={t.countyChecks}>
          <h3 className={panel.heading}>{t.countyChecks}</h3>
          <FindingList items={result.findings.map((finding) => ({ finding, sheet: finding.sheet }))} lang={lang} t={t} />
        </section>
      )}

      {outcome.reminder.trim() !== "" && <ReminderBox text={outcome.reminder} t={t} />}
    </div>
  );
}

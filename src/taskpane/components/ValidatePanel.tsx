/**
 * 数据校验: check the active report, every report in the workbook, or picked files; list the
 * findings grouped by severity. In Excel, clicking a finding selects its cell, and once a check
 * has run it runs again (debounced) whenever the report sheet changes.
 */
import { useEffect, useRef, useState } from "react";
import { Button, Checkbox, Field, MessageBar, MessageBarBody, Radio, RadioGroup } from "@fluentui/react-components";
import type { PaneActions, ReportCheck, ValidateRequest } from "../../jobs/actions";
import { useStrings } from "../i18n/strings";
import type { Lang } from "../../form/lang";
import { BusySpinner } from "./BusySpinner";
import { ErrorBar } from "./ErrorBar";
import { FilePicker, WORKBOOK_ACCEPT } from "./FilePicker";
import { FindingList, type PlacedFinding } from "./FindingList";
import { usePanelStyles } from "./layout";
import { useRunner } from "./useRunner";
import { useRequiredFiles } from "./useRequiredFiles";

/** Typing in a cell fires a change per edit: wait for a pause before checking again. */
export const RECHECK_DELAY_MS = 500;

export function placeFindings(checks: readonly ReportCheck[]): PlacedFinding[] {
  const several = checks.length > 1;
  return checks.flatMap((c) =>
    c.findings.map((finding) => ({ finding, source: several ? c.source : undefined, sheet: finding.sheet || c.sheet })),
  );
}

export function ValidatePanel(props: { actions: PaneActions; lang: Lang }) {
  const { actions, lang } = props;
  const t = useStrings(lang);
  const styles = usePanelStyles();
  const excel = actions.mode !== "file"; // a live workbook: Excel or WPS
  const [scope, setScope] = useState<"active" | "all">("active");
  const [highlight, setHighlight] = useState(false);
  const reportFiles = useRequiredFiles(t.pickReportsFirst);
  const [prior, setPrior] = useState<File[]>([]);
  const [checks, setChecks] = useState<ReportCheck[] | undefined>(undefined);
  const [info, setInfo] = useState<string | undefined>(undefined);
  const [watching, setWatching] = useState(false);
  const { busy, error, run } = useRunner(lang);

  // Re-checking on sheet changes needs the latest request and a way to drop stale answers.
  const lastRequest = useRef<ValidateRequest | undefined>(undefined);
  const sequence = useRef(0);
  const unsubscribe = useRef<(() => void) | undefined>(undefined);
  const subscribing = useRef(false);
  const unmounted = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const recheck = useRef<() => void>(() => undefined);

  useEffect(() => {
    unmounted.current = false;
    return () => {
      unmounted.current = true;
      if (timer.current !== undefined) clearTimeout(timer.current);
      unsubscribe.current?.();
      unsubscribe.current = undefined;
    };
  }, []);

  const watch = async () => {
    if (!actions.onSheetChanged || unsubscribe.current || subscribing.current) return;
    subscribing.current = true;
    try {
      const off = await actions.onSheetChanged(() => {
        if (timer.current !== undefined) clearTimeout(timer.current);
        timer.current = setTimeout(() => recheck.current(), RECHECK_DELAY_MS);
      });
      // The pane may have closed while the subscription was being set up.
      if (unmounted.current) off();
      else {
        unsubscribe.current = off;
        setWatching(true);
      }
    } finally {
      subscribing.current = false;
    }
  };

  const validate = (request: ValidateRequest) =>
    run(async () => {
      const mine = ++sequence.current;
      lastRequest.current = request;
      setInfo(undefined);
      const result = await actions.validate(request);
      if (mine !== sequence.current) return; // a later check has started; its answer wins
      setChecks(result);
      await watch();
    });
  // The edit listener outlives renders: point it at this render's validate once committed.
  useEffect(() => {
    recheck.current = () => {
      if (lastRequest.current && !unmounted.current) void validate(lastRequest.current);
    };
  });

  const onValidate = () => {
    if (excel) {
      void validate({ scope, highlight, ...(prior[0] ? { prior: prior[0] } : {}) });
      return;
    }
    if (!reportFiles.check()) return;
    void validate({ files: reportFiles.files, ...(prior[0] ? { prior: prior[0] } : {}) });
  };

  const clearHighlight = actions.clearHighlight?.bind(actions);
  const selectCell = excel && actions.selectCell ? actions.selectCell.bind(actions) : undefined;

  return (
    <div className={styles.panel}>
      {excel ? (
        <>
          <Field label={t.scope} size="small">
            <RadioGroup
              layout="horizontal"
              value={scope}
              disabled={busy}
              onChange={(_, d) => setScope(d.value === "all" ? "all" : "active")}
            >
              <Radio value="active" label={t.scopeActive} />
              <Radio value="all" label={t.scopeAll} />
            </RadioGroup>
          </Field>
          {/* Cell highlighting is Excel's (WPS has no clearHighlight): offered only where it can be undone. */}
          {clearHighlight && (
            <Checkbox label={t.highlight} checked={highlight} disabled={busy} onChange={(_, d) => setHighlight(d.checked === true)} />
          )}
        </>
      ) : (
        <FilePicker label={t.pickReports} accept={WORKBOOK_ACCEPT} multiple dropZone {...reportFiles.picker} disabled={busy} t={t} />
      )}
      <FilePicker
        label={t.priorFile}
        hint={t.priorCheckHint}
        accept={WORKBOOK_ACCEPT}
        files={prior}
        onChange={setPrior}
        disabled={busy}
        t={t}
      />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={onValidate}>
          {t.validateButton}
        </Button>
        {clearHighlight && (
          <Button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await clearHighlight();
                setInfo(t.highlightCleared);
              })
            }
          >
            {t.clearHighlight}
          </Button>
        )}
        <BusySpinner busy={busy} label={t.busy} />
      </div>
      <ErrorBar title={t.errorTitle} message={error} />
      {info && (
        <MessageBar intent="success">
          <MessageBarBody>{info}</MessageBarBody>
        </MessageBar>
      )}
      {checks && (
        <ValidateResults
          checks={checks}
          lang={lang}
          watching={watching}
          busy={busy}
          onSelect={selectCell && ((sheet, cell) => void run(() => selectCell(sheet, cell)))}
        />
      )}
    </div>
  );
}

function ValidateResults(props: {
  checks: ReportCheck[];
  lang: Lang;
  watching: boolean;
  busy: boolean;
  onSelect?: (sheet: string, cell: string) => void;
}) {
  const t = useStrings(props.lang);
  const styles = usePanelStyles();
  const items = placeFindings(props.checks);
  return (
    <div className={styles.section} aria-live="polite">
      {props.checks.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>{t.noReports}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <span className={styles.note}>
            {t.checkedCount(props.checks.length)}
            {props.watching ? ` · ${t.autoRecheck}` : ""}
          </span>
          {items.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t.noProblems}</MessageBarBody>
            </MessageBar>
          ) : (
            <FindingList items={items} lang={props.lang} t={t} onSelect={props.onSelect} disabled={props.busy} />
          )}
        </>
      )}
    </div>
  );
}

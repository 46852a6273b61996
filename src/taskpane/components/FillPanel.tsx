/**
 * 累计数: fill 累计数 = last month's 累计数 + 本月数, as values or (Excel only) live formulas.
 * Last month comes from the workbook (or this month's file) first, else from a picked file.
 */
import { useState } from "react";
import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup } from "@fluentui/react-components";
import type { FillOutcome, FillRequest, PaneActions } from "../../jobs/actions";
import type { Period } from "../../form/period";
import { useStrings } from "../i18n/strings";
import { convertedNote } from "../../jobs/converted-note";
import type { Lang } from "../../form/lang";
import { BusySpinner } from "./BusySpinner";
import { ErrorBar } from "./ErrorBar";
import { FilePicker, WORKBOOK_ACCEPT } from "./FilePicker";
import { FindingList } from "./FindingList";
import { PeriodPicker, lastMonth } from "./PeriodPicker";
import { usePanelStyles } from "./layout";
import { useRunner } from "./useRunner";
import { useRequiredFiles } from "./useRequiredFiles";

export function FillPanel(props: { actions: PaneActions; lang: Lang; today: Date }) {
  const { actions, lang, today } = props;
  const t = useStrings(lang);
  const styles = usePanelStyles();
  const excel = actions.mode !== "file"; // a live workbook: Excel or WPS
  const [mode, setMode] = useState<FillRequest["mode"]>("values");
  const current = useRequiredFiles(t.currentFileRequired);
  const [prior, setPrior] = useState<File[]>([]);
  // File mode only: a file may hold several months, and the job needs to know which to fill
  // (in Excel the active sheet says it).
  const [period, setPeriod] = useState<Period>(() => lastMonth(today));
  const [outcome, setOutcome] = useState<FillOutcome | undefined>(undefined);
  // The request waiting for the clerk's answer when 累计数 cells already hold other values.
  const [pending, setPending] = useState<FillRequest | undefined>(undefined);
  const [cancelled, setCancelled] = useState(false);
  const { busy, error, run } = useRunner(lang);

  const fill = (request: FillRequest) =>
    void run(async () => {
      setOutcome(undefined);
      setPending(undefined);
      setCancelled(false);
      const result = await actions.fillCumulative(request);
      if (result.confirm && result.confirm.length > 0) setPending(request);
      setOutcome(result);
    });

  const onFill = () => {
    if (!excel && !current.check()) return;
    const request: FillRequest = {
      // Formulas only make sense in a live workbook.
      mode: excel ? mode : "values",
      file: excel ? undefined : current.files[0],
      priorFile: prior[0],
      ...(excel ? {} : { period }),
    };
    fill(request);
  };
  const confirm = outcome?.confirm && outcome.confirm.length > 0 ? outcome.confirm : undefined;
  const selectCell = excel && actions.selectCell ? actions.selectCell.bind(actions) : undefined;

  return (
    <div className={styles.panel}>
      {excel && (
        <Field label={t.fillMode} size="small">
          <RadioGroup
            layout="horizontal"
            value={mode}
            disabled={busy}
            onChange={(_, d) => setMode(d.value === "formulas" ? "formulas" : "values")}
          >
            <Radio value="values" label={t.fillValues} />
            <Radio value="formulas" label={t.fillFormulas} />
          </RadioGroup>
        </Field>
      )}
      {!excel && <PeriodPicker value={period} onChange={setPeriod} today={today} t={t} disabled={busy} />}
      {!excel && <FilePicker label={t.currentFile} accept={WORKBOOK_ACCEPT} {...current.picker} disabled={busy} t={t} />}
      <FilePicker
        label={t.priorFile}
        hint={excel ? t.priorFileHintExcel : t.priorFileHintFile}
        accept={WORKBOOK_ACCEPT}
        files={prior}
        onChange={setPrior}
        disabled={busy}
        t={t}
      />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={onFill}>
          {t.fillButton}
        </Button>
        <BusySpinner busy={busy} label={t.busy} />
      </div>
      <ErrorBar title={t.errorTitle} message={error} />
      {confirm && pending && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {t.fillConfirm(
              confirm.length,
              confirm[0].cell,
              confirm[0].current === undefined ? undefined : String(confirm[0].current),
              String(confirm[0].computed),
            )}
            <div className={styles.actions}>
              <Button appearance="primary" size="small" disabled={busy} onClick={() => fill({ ...pending, overwrite: true })}>
                {t.overwrite}
              </Button>
              <Button
                size="small"
                disabled={busy}
                onClick={() => {
                  setPending(undefined);
                  setOutcome(undefined);
                  setCancelled(true);
                }}
              >
                {t.cancel}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {cancelled && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.fillCancelled}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && !confirm && (
        <div className={styles.section}>
          <MessageBar intent={outcome.written > 0 ? "success" : "warning"} layout="multiline">
            <MessageBarBody>
              {t.filled(outcome.written, outcome.sheet, t.periodLabel(outcome.period))}
              <br />
              {outcome.priorSource
                ? t.priorFrom(outcome.priorSource)
                : outcome.written === 0 && outcome.findings.some((f) => f.code === "prior-missing")
                  ? t.priorNotFound
                  : t.priorNone}
              {outcome.changed && outcome.changed.length > 0 && (
                <>
                  <br />
                  {t.fillChanged(outcome.changed.length)}
                  {outcome.changed.map((ch) => (
                    <span key={ch.cell}>
                      <br />
                      {t.fillChangedCell(ch.cell, ch.current === undefined ? undefined : String(ch.current), String(ch.computed))}
                    </span>
                  ))}
                </>
              )}
              {outcome.fileName && (
                <>
                  <br />
                  {t.downloaded(outcome.fileName)}
                </>
              )}
              {outcome.fileName && outcome.convertedFrom && (
                <>
                  <br />
                  {convertedNote(outcome.convertedFrom, outcome.fileName, lang)}
                </>
              )}
            </MessageBarBody>
          </MessageBar>
          {outcome.findings.length > 0 && (
            <>
              <h3 className={styles.heading}>{t.fillFindings}</h3>
              <FindingList
                items={outcome.findings.map((finding) => ({ finding, sheet: finding.sheet || outcome.sheet }))}
                lang={lang}
                t={t}
                onSelect={selectCell && ((sheet, cell) => void run(() => selectCell(sheet, cell)))}
                disabled={busy}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}

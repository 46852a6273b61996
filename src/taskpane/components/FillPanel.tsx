/**
 * 累计数: fill 累计数 = last month's 累计数 + 本月数, as values or (Excel only) live formulas.
 * Last month comes from the workbook (or this month's file) first, else from a picked file.
 */
import { useState } from "react";
import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup } from "@fluentui/react-components";
import type { FillOutcome, FillRequest, PaneActions } from "../../jobs/actions";
import type { Period } from "../../form/period";
import { useStrings, type Lang } from "../i18n/strings";
import { BusySpinner } from "./BusySpinner";
import { ErrorBar } from "./ErrorBar";
import { FilePicker, WORKBOOK_ACCEPT } from "./FilePicker";
import { FindingList } from "./FindingList";
import { PeriodPicker, lastMonth } from "./PeriodPicker";
import { usePanelStyles } from "./layout";
import { useRunner } from "./useRunner";

export function FillPanel(props: { actions: PaneActions; lang: Lang; today: Date }) {
  const { actions, lang, today } = props;
  const t = useStrings(lang);
  const styles = usePanelStyles();
  const excel = actions.mode === "excel";
  const [mode, setMode] = useState<FillRequest["mode"]>("values");
  const [current, setCurrent] = useState<File[]>([]);
  const [currentMissing, setCurrentMissing] = useState(false);
  const [prior, setPrior] = useState<File[]>([]);
  // File mode only: a file may hold several months, and the job needs to know which to fill
  // (in Excel the active sheet says it).
  const [period, setPeriod] = useState<Period>(() => lastMonth(today));
  const [outcome, setOutcome] = useState<FillOutcome | undefined>(undefined);
  const { busy, error, run } = useRunner(t.unknownError);

  const onFill = () => {
    if (!excel && current.length === 0) {
      setCurrentMissing(true);
      return;
    }
    const request: FillRequest = {
      // Formulas only make sense in a live workbook.
      mode: excel ? mode : "values",
      file: excel ? undefined : current[0],
      priorFile: prior[0],
      ...(excel ? {} : { period }),
    };
    void run(async () => {
      setOutcome(undefined);
      setOutcome(await actions.fillCumulative(request));
    });
  };
  const selectCell = excel && actions.selectCell ? actions.selectCell.bind(actions) : undefined;

  return (
    <div className={styles.panel}>
      {excel && (
        <Field label={t.fillMode} size="small">
          <RadioGroup layout="horizontal" value={mode} disabled={busy} onChange={(_, d) => setMode(d.value === "formulas" ? "formulas" : "values")}>
            <Radio value="values" label={t.fillValues} />
            <Radio value="formulas" label={t.fillFormulas} />
          </RadioGroup>
        </Field>
      )}
      {!excel && <PeriodPicker value={period} onChange={setPeriod} today={today} t={t} disabled={busy} />}
      {!excel && (
        <FilePicker
          label={t.currentFile}
          accept={WORKBOOK_ACCEPT}
          files={current}
          onChange={(f) => {
            setCurrent(f);
            setCurrentMissing(false);
          }}
          validationMessage={currentMissing ? t.currentFileRequired : undefined}
          disabled={busy}
          t={t}
        />
      )}
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
      {outcome && (
        <div className={styles.section}>
          <MessageBar intent={outcome.written > 0 ? "success" : "warning"} layout="multiline">
            <MessageBarBody>
              {t.filled(outcome.written, outcome.sheet, t.periodLabel(outcome.period))}
              <br />
              {outcome.priorSource ? t.priorFrom(outcome.priorSource) : t.priorNone}
              {outcome.fileName && (
                <>
                  <br />
                  {t.downloaded(outcome.fileName)}
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

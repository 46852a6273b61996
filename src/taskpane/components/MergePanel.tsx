/**
 * 汇总: many units' reports (plus an optional roster and last month's county total) → the
 * county total. Shows progress while files are read, then the results.
 */
import { useRef, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, ProgressBar } from "@fluentui/react-components";
import type { MergeOutcome, MonthsHeld, PaneActions } from "../../jobs/actions";
import { compareYmd, periodKey, type Period, type Ymd } from "../../form/period";
import { ymdOf } from "../browser";
import { useStrings } from "../i18n/strings";
import type { Lang } from "../../form/lang";
import { BusySpinner } from "./BusySpinner";
import { ErrorBar } from "./ErrorBar";
import { FilePicker, WORKBOOK_ACCEPT } from "./FilePicker";
import { usePanelStyles } from "./layout";
import { MergeResults } from "./MergeResults";
import { PeriodPicker, lastMonth } from "./PeriodPicker";
import { useRunner } from "./useRunner";
import { useRequiredFiles } from "./useRequiredFiles";

interface Progress {
  done: number;
  total: number;
  file: string;
}

export function MergePanel(props: { actions: PaneActions; lang: Lang; today: Date }) {
  const { actions, lang, today } = props;
  const t = useStrings(lang);
  const styles = usePanelStyles();
  const unitFiles = useRequiredFiles(t.unitFilesRequired);
  const files = unitFiles.files;
  const [roster, setRoster] = useState<File[]>([]);
  const [prior, setPrior] = useState<File[]>([]);
  const [period, setPeriod] = useState<Period>(() => lastMonth(today));
  const [sender, setSender] = useState<string>(() => actions.rememberedSender());
  const [resendText, setResendText] = useState("");
  const resendBy = parseDateInput(resendText);
  // The reminder asks for a day after today; an earlier one would say nothing true.
  const resendWrong = resendBy !== undefined && compareYmd(resendBy, ymdOf(today)) <= 0;
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [outcome, setOutcome] = useState<MergeOutcome | undefined>(undefined);
  const { busy, error, run } = useRunner(lang);
  const [held, setHeld] = useState<MonthsHeld | undefined>(undefined);
  const [asking, setAsking] = useState(false);

  const asked = useRef(0);

  // Once files are picked, preselect the month most of them hold (the user can still change it).
  const onPick = (picked: File[]) => {
    unitFiles.picker.onChange(picked);
    setHeld(undefined);
    setAsking(false);
    const seq = ++asked.current;
    if (!actions.monthsHeld || picked.length === 0) return;
    actions.monthsHeld(picked).then(
      (h) => {
        if (seq !== asked.current) return;
        setHeld(h);
        if (h.months[0]) setPeriod(h.months[0].period);
      },
      () => undefined,
    );
  };

  const filesFor = (p: Period) => held?.months.find((m) => periodKey(m.period) === periodKey(p))?.files ?? 0;
  // A month fewer than half of the read files hold is questioned before merging.
  const few = held !== undefined && held.read > 0 && filesFor(period) * 2 < held.read;

  const onMerge = (confirmed = false) => {
    if (!unitFiles.check() || resendWrong) return;
    if (few && !confirmed) {
      setAsking(true);
      return;
    }
    setAsking(false);
    void run(async () => {
      setOutcome(undefined);
      setProgress(undefined);
      actions.rememberSender(sender.trim());
      try {
        const result = await actions.merge({
          files,
          roster: roster[0],
          prior: prior[0],
          period,
          ...(sender.trim() ? { sender: sender.trim() } : {}),
          ...(resendBy ? { resendBy } : {}),
          onProgress: (done, total, file) => setProgress({ done, total, file }),
        });
        setOutcome(result);
      } finally {
        setProgress(undefined);
      }
    });
  };

  return (
    <div className={styles.panel}>
      <FilePicker
        label={t.unitFiles}
        accept={WORKBOOK_ACCEPT}
        multiple
        dropZone
        {...unitFiles.picker}
        onChange={onPick}
        disabled={busy}
        t={t}
      />
      <FilePicker label={t.roster} hint={t.rosterHint} accept=".txt,.xlsx" files={roster} onChange={setRoster} disabled={busy} t={t} />
      <FilePicker
        label={t.priorCounty}
        hint={t.priorCountyHint}
        accept={WORKBOOK_ACCEPT}
        files={prior}
        onChange={setPrior}
        disabled={busy}
        t={t}
      />
      <PeriodPicker
        value={period}
        onChange={(p) => {
          setPeriod(p);
          setAsking(false);
        }}
        today={today}
        t={t}
        disabled={busy}
      />
      {held && held.months[0] && periodKey(held.months[0].period) === periodKey(period) && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.monthPreselected(t.periodLabel(period), held.months[0].files, held.read)}</MessageBarBody>
        </MessageBar>
      )}
      {asking && held && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.monthFewFiles(t.periodLabel(period), filesFor(period), held.read)}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => onMerge(true)}>{t.mergeAnyway}</Button>
            <Button onClick={() => setAsking(false)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Field label={t.sender} hint={t.senderHint} size="small">
        <Input value={sender} disabled={busy} onChange={(_, d) => setSender(d.value)} />
      </Field>
      <Field
        label={t.resendBy}
        hint={t.resendByHint}
        size="small"
        validationState={resendWrong ? "error" : "none"}
        validationMessage={resendWrong ? t.resendByNotAfterToday : undefined}
      >
        <Input type="date" value={resendText} disabled={busy} onChange={(_, d) => setResendText(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => onMerge()}>
          {t.mergeButton}
        </Button>
        <BusySpinner busy={busy} label={t.busy} />
      </div>
      {busy && (
        <Field
          label={progress ? t.progress(progress.done, progress.total, progress.file) : t.preparing}
          size="small"
          className={styles.wrap}
        >
          <ProgressBar value={progress && progress.total > 0 ? progress.done : undefined} max={progress?.total || 1} />
        </Field>
      )}
      <ErrorBar title={t.errorTitle} message={error} />
      {outcome && <MergeResults outcome={outcome} mode={actions.mode} lang={lang} t={t} />}
    </div>
  );
}

/** An <input type="date"> value (YYYY-MM-DD; empty when not set or not a whole date). */
function parseDateInput(text: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

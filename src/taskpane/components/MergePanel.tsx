/**
 * 汇总: many units' reports (plus an optional roster and last month's county total) → the
 * county total. Shows progress while files are read, then the results.
 */
import { useState } from "react";
import { Button, Field, Input, ProgressBar } from "@fluentui/react-components";
import type { MergeOutcome, PaneActions } from "../../jobs/actions";
import type { Period } from "../../form/period";
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
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [outcome, setOutcome] = useState<MergeOutcome | undefined>(undefined);
  const { busy, error, run } = useRunner(lang);

  const onMerge = () => {
    if (!unitFiles.check()) return;
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
      <FilePicker label={t.unitFiles} accept={WORKBOOK_ACCEPT} multiple dropZone {...unitFiles.picker} disabled={busy} t={t} />
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
      <PeriodPicker value={period} onChange={setPeriod} today={today} t={t} disabled={busy} />
      <Field label={t.sender} hint={t.senderHint} size="small">
        <Input value={sender} disabled={busy} onChange={(_, d) => setSender(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={onMerge}>
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

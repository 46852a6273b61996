/** 插入模板: a blank monthly report for a month and unit (a new sheet, or a download in file mode). */
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { InsertOutcome, InsertRequest, PaneActions } from "../../jobs/actions";
import type { Period } from "../../form/period";
import { useStrings } from "../i18n/strings";
import type { Lang } from "../../form/lang";
import { BusySpinner } from "./BusySpinner";
import { ErrorBar } from "./ErrorBar";
import { usePanelStyles } from "./layout";
import { PeriodPicker, lastMonth } from "./PeriodPicker";
import { useRunner } from "./useRunner";

interface Done {
  outcome: InsertOutcome;
  /** The request that produced it: a conflict is resolved for that month and unit, not for what the inputs say now. */
  request: InsertRequest;
}

export function InsertPanel(props: { actions: PaneActions; lang: Lang; today: Date }) {
  const { actions, lang, today } = props;
  const t = useStrings(lang);
  const styles = usePanelStyles();
  const [period, setPeriod] = useState<Period>(() => lastMonth(today));
  const [unit, setUnit] = useState<string>(() => actions.rememberedUnit());
  const [done, setDone] = useState<Done | undefined>(undefined);
  const { busy, error, run } = useRunner(lang);
  const fileMode = actions.mode === "file";

  const insert = (request: InsertRequest) =>
    run(async () => {
      setDone(undefined);
      const outcome = await actions.insertTemplate(request);
      setDone({ outcome, request });
      const settled = outcome.status !== "exists" || request.onConflict !== "ask";
      if (settled && request.unit) actions.rememberUnit(request.unit);
    });

  return (
    <div className={styles.panel}>
      <PeriodPicker value={period} onChange={setPeriod} today={today} t={t} disabled={busy} />
      <Field label={t.unit} hint={t.unitHint} size="small">
        <Input value={unit} disabled={busy} onChange={(_, d) => setUnit(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void insert({ period, unit: unit.trim(), onConflict: "ask" })}>
          {fileMode ? t.downloadButton : t.insertButton}
        </Button>
        <BusySpinner busy={busy} label={t.busy} />
      </div>
      <ErrorBar title={t.errorTitle} message={error} />
      {done && (
        <InsertResult done={done} lang={lang} busy={busy} onResolve={(onConflict) => void insert({ ...done.request, onConflict })} />
      )}
    </div>
  );
}

function InsertResult(props: { done: Done; lang: Lang; busy: boolean; onResolve(onConflict: "open" | "copy"): void }) {
  const t = useStrings(props.lang);
  const { outcome, request } = props.done;
  if (outcome.status === "exists" && request.onConflict === "ask") {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>{t.exists(outcome.sheet)}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" disabled={props.busy} onClick={() => props.onResolve("open")}>
            {t.openExisting}
          </Button>
          <Button size="small" disabled={props.busy} onClick={() => props.onResolve("copy")}>
            {t.addCopy}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  const text =
    outcome.status === "downloaded"
      ? t.downloaded(outcome.fileName)
      : outcome.status === "exists"
        ? t.opened(outcome.sheet)
        : t.inserted(outcome.sheet);
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

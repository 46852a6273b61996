/**
 * 设置: the two settings the jobs use, saved where the pane keeps its other values (the
 * workbook's document settings in Excel, this browser in file mode). Saving applies them to the
 * next validation, fill or merge at once.
 */
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { SETTING_RANGE, settingInRange, type PaneActions, type Settings } from "../../jobs/actions";
import { useShellStrings, useStrings } from "../i18n/strings";
import type { Lang } from "../../form/lang";
import { describeError } from "../../form/problem-messages";
import { ErrorBar } from "./ErrorBar";
import { usePanelStyles } from "./layout";

type Draft = Record<keyof Settings, string>;

const draftOf = (s: Settings): Draft => ({ deadlineDay: String(s.deadlineDay), startMonth: String(s.startMonth) });

/** The typed text as a setting, or undefined when it is not a whole number in range. */
function parse(name: keyof Settings, text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return settingInRange(name, n) ? n : undefined;
}

export function SettingsPanel(props: { actions: PaneActions; lang: Lang }) {
  const { actions, lang } = props;
  const t = useStrings(lang);
  const s = useShellStrings(lang);
  const styles = usePanelStyles();
  const [draft, setDraft] = useState<Draft>(() => draftOf(actions.settings));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const deadlineDay = parse("deadlineDay", draft.deadlineDay);
  const startMonth = parse("startMonth", draft.startMonth);

  const edit = (name: keyof Settings, value: string) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setSaved(false);
  };

  const save = () => {
    if (deadlineDay === undefined || startMonth === undefined) return;
    setError(undefined);
    try {
      actions.saveSettings({ deadlineDay, startMonth });
      setDraft(draftOf(actions.settings));
      setSaved(true);
    } catch (e) {
      setError(describeError(e, lang));
    }
  };

  return (
    <form
      className={styles.panel}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <SettingField
        name="deadlineDay"
        label={s.deadlineDay}
        hint={s.deadlineDayHint}
        invalid={s.deadlineDayInvalid}
        text={draft.deadlineDay}
        valid={deadlineDay !== undefined}
        onEdit={edit}
      />
      <SettingField
        name="startMonth"
        label={s.startMonth}
        hint={s.startMonthHint}
        invalid={s.startMonthInvalid}
        text={draft.startMonth}
        valid={startMonth !== undefined}
        onEdit={edit}
      />
      <p className={styles.note}>{s.settingsNote}</p>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={deadlineDay === undefined || startMonth === undefined}>
          {s.saveSettings}
        </Button>
      </div>
      <ErrorBar title={t.errorTitle} message={error} />
      {saved && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{s.settingsSaved}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

interface SettingFieldProps {
  name: keyof Settings;
  label: string;
  hint: string;
  /** Shown under the box while the text is not a whole number in range. */
  invalid: string;
  text: string;
  valid: boolean;
  onEdit: (name: keyof Settings, value: string) => void;
}

/** One whole-number setting with its range, hint and validation message (Fluent Field). */
function SettingField({ name, label, hint, invalid, text, valid, onEdit }: SettingFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      size="small"
      validationState={valid ? "none" : "error"}
      validationMessage={valid ? undefined : invalid}
    >
      <Input
        type="number"
        inputMode="numeric"
        min={SETTING_RANGE[name].min}
        max={SETTING_RANGE[name].max}
        step={1}
        value={text}
        onChange={(_, d) => onEdit(name, d.value)}
      />
    </Field>
  );
}

/** The ready-to-send 催报 text, read-only, with a copy button that works even without the Clipboard API. */
import { useRef, useState } from "react";
import { Button, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

async function writeClipboard(text: string): Promise<boolean> {
  if (typeof navigator === "undefined" || !navigator.clipboard?.writeText) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Office's web views often deny clipboard access; the caller falls back to selecting the text.
    return false;
  }
}

export function ReminderBox(props: { text: string; t: Strings }) {
  const { text, t } = props;
  const styles = useStyles();
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<string | undefined>(undefined);

  const copy = async () => {
    if (await writeClipboard(text)) {
      setStatus(t.copied);
      return;
    }
    const el = area.current;
    if (!el) return;
    el.focus();
    el.select();
    // The old copy command still works in some hosts where the Clipboard API is blocked.
    const copied = typeof document.execCommand === "function" && document.execCommand("copy");
    setStatus(copied ? t.copied : t.copyFallback);
  };

  return (
    <>
      <Field label={t.reminder} size="small">
        <Textarea ref={area} value={text} readOnly resize="vertical" rows={6} />
      </Field>
      <div className={styles.row}>
        <Button size="small" onClick={() => void copy()}>
          {t.copy}
        </Button>
        <span role="status" className={styles.status}>
          {status}
        </span>
      </div>
    </>
  );
}

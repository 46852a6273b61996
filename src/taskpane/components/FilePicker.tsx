/**
 * A file picker with a Fluent look: the native file input keeps the accessible name (the
 * Field's label) and keyboard use, while a visible button opens it for the mouse. Optionally
 * a drop zone for files dragged from the desktop.
 */
import { useRef, useState, type DragEvent } from "react";
import { Button, Field, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n/strings";

/**
 * Unit reports in every format the jobs read (by content, whatever the name): .xlsx/.xlsm, the
 * old .xls, WPS .et/.ett, OpenDocument .ods and .xlsb.
 */
export const WORKBOOK_ACCEPT = ".xlsx,.xlsm,.xls,.et,.ett,.ods,.xlsb";

const useStyles = makeStyles({
  box: {
    position: "relative",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    ":focus-within": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  dropZone: { ...shorthands.borderStyle("dashed") },
  dragging: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
  row: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  summary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  names: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: "7.5em",
    overflowY: "auto",
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
});

export interface FilePickerProps {
  label: string;
  hint?: string;
  /** e.g. ".xlsx" or ".txt,.xlsx" */
  accept: string;
  multiple?: boolean;
  /** Accept files dragged onto the box too. */
  dropZone?: boolean;
  files: File[];
  onChange(files: File[]): void;
  validationMessage?: string;
  disabled?: boolean;
  t: Strings;
}

function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/** Adds picked files to a multiple picker's list (picking twice should not drop the first batch). */
function combine(current: File[], added: File[], multiple: boolean): File[] {
  if (!multiple) return added.slice(0, 1);
  const out = [...current];
  for (const f of added) if (!out.some((g) => sameFile(f, g))) out.push(f);
  return out;
}

export function FilePicker(props: FilePickerProps) {
  const { label, hint, accept, multiple = false, dropZone = false, files, onChange, validationMessage, disabled, t } = props;
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (disabled || !e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (disabled) return;
    const dropped = Array.from(e.dataTransfer.files);
    if (dropped.length > 0) onChange(combine(files, dropped, multiple));
  };

  return (
    <Field label={label} hint={hint} validationMessage={validationMessage} size="small">
      {(controlProps) => (
        <div
          className={mergeClasses(styles.box, dropZone && styles.dropZone, dragging && styles.dragging)}
          onDragOver={dropZone ? onDragOver : undefined}
          onDragLeave={dropZone ? () => setDragging(false) : undefined}
          onDrop={dropZone ? onDrop : undefined}
        >
          <input
            {...controlProps}
            ref={input}
            type="file"
            accept={accept}
            multiple={multiple}
            disabled={disabled}
            className={styles.hidden}
            onChange={(e) => {
              const picked = Array.from(e.currentTarget.files ?? []);
              // Reset so choosing the same file again still fires a change.
              e.currentTarget.value = "";
              if (picked.length > 0) onChange(combine(files, picked, multiple));
            }}
          />
          <div className={styles.row}>
            {/* For the mouse only: the input above is the control for keyboards and screen readers. */}
            <Button size="small" tabIndex={-1} aria-hidden="true" disabled={disabled} onClick={() => input.current?.click()}>
              {t.browse}
            </Button>
            <span className={styles.summary}>
              {files.length === 0 ? t.noFileChosen : files.length === 1 ? files[0].name : t.filesChosen(files.length)}
            </span>
            {files.length > 0 && (
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={t.clearFiles(label)} onClick={() => onChange([])}>
                {t.clearFilesShort}
              </Button>
            )}
          </div>
          {dropZone && <span className={styles.summary}>{t.dropHint}</span>}
          {files.length > 1 && (
            <ul className={styles.names}>
              {files.map((f) => (
                <li key={`${f.name}|${f.size}|${f.lastModified}`}>{f.name}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  );
}

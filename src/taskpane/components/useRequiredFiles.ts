/**
 * A file picker the job cannot run without: its files, and the "choose a file first" message
 * shown under it when the button is pressed with nothing picked (cleared on the next pick).
 */
import { useState } from "react";

export interface RequiredFiles {
  files: File[];
  /** True when files are picked; otherwise shows the message and returns false. */
  check(): boolean;
  /** Spread into <FilePicker>. */
  picker: { files: File[]; onChange(files: File[]): void; validationMessage?: string };
}

export function useRequiredFiles(message: string): RequiredFiles {
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  return {
    files,
    check: () => {
      if (files.length > 0) return true;
      setMissing(true);
      return false;
    },
    picker: {
      files,
      onChange: (f) => {
        setFiles(f);
        setMissing(false);
      },
      validationMessage: missing ? message : undefined,
    },
  };
}

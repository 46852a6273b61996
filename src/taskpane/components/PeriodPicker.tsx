/** Year + month selects for the month a report covers. */
import { Field, Label, Select, useId } from "@fluentui/react-components";
import { addMonths, type Period } from "../../form/period";
import type { Strings } from "../i18n/strings";
import { usePanelStyles } from "./layout";

/** Each report covers the previous calendar month, so that is the default choice. */
export function lastMonth(today: Date): Period {
  return addMonths({ year: today.getFullYear(), month: today.getMonth() + 1 }, -1);
}

const YEARS_BACK = 10;

export interface PeriodPickerProps {
  value: Period;
  onChange(p: Period): void;
  /** Today, for the range of years offered. */
  today: Date;
  t: Strings;
  disabled?: boolean;
}

export function PeriodPicker({ value, onChange, today, t, disabled }: PeriodPickerProps) {
  const styles = usePanelStyles();
  const groupLabel = useId("period-label");
  const thisYear = today.getFullYear();
  // Ten years back: offices re-merge or re-check old months (the campaign's forms date from 2018).
  const first = Math.min(thisYear - YEARS_BACK, value.year);
  const last = Math.max(thisYear + 1, value.year);
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);

  return (
    <div role="group" aria-labelledby={groupLabel} className={styles.periodGroup}>
      <Label id={groupLabel} weight="semibold">
        {t.period}
      </Label>
      <div className={styles.periodSelects}>
        <Field label={t.year} size="small">
          <Select
            value={String(value.year)}
            disabled={disabled}
            onChange={(_, d) => onChange({ year: Number(d.value), month: value.month })}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {t.yearOption(y)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.month} size="small">
          <Select
            value={String(value.month)}
            disabled={disabled}
            onChange={(_, d) => onChange({ year: value.year, month: Number(d.value) })}
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {t.monthOption(m)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </div>
  );
}

/** Shown beside a panel's buttons while its action runs. */
import { Spinner } from "@fluentui/react-components";

export function BusySpinner(props: { busy: boolean; label: string }) {
  return props.busy ? <Spinner size="tiny" label={props.label} /> : null;
}

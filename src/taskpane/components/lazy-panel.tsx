/**
 * A panel whose code is a separate chunk: loaded on first use (or earlier by `preload`, which
 * the shell calls once the pane is idle), shown with a spinner while it loads, and with an error
 * bar and a retry button when its chunk cannot be loaded (a dropped connection, or a page from
 * a stale cache asking for chunks that a newer deployment replaced).
 */
import { Component, Suspense, lazy, useState, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import { Button, Spinner } from "@fluentui/react-components";
import type { ShellStrings } from "../i18n/strings";
import { ErrorBar } from "./ErrorBar";
import { describeError } from "../../form/problem-messages";

export interface LazyPanel<P> {
  /** Starts loading (once); a failed load may be tried again. */
  preload(): Promise<ComponentType<P>>;
  /** The component if its chunk has arrived. */
  loaded(): ComponentType<P> | undefined;
}

export function lazyPanel<P>(load: () => Promise<ComponentType<P>>): LazyPanel<P> {
  let component: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return {
    preload() {
      pending ??= load().then(
        (c) => (component = c),
        (err: unknown) => {
          pending = undefined; // webpack forgets a failed chunk too, so a retry fetches it again
          throw err;
        },
      );
      return pending;
    },
    loaded: () => component,
  };
}

/** webpack rejects a failed chunk with a ChunkLoadError; anything else is a fault in the panel. */
function isChunkLoadError(err: unknown): boolean {
  return err instanceof Error && (err.name === "ChunkLoadError" || /loading (css )?chunk .* failed/i.test(err.message));
}

interface BoundaryProps {
  t: ShellStrings;
  onRetry(): void;
  children: ReactNode;
}

class PanelBoundary extends Component<BoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: undefined as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error("Yuebao: a panel could not be shown", error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const { t } = this.props;
    const message = isChunkLoadError(this.state.error) ? t.panelLoadHint : describeError(this.state.error, t.lang);
    return (
      <div style={{ display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: 8, padding: 12 }}>
        <ErrorBar title={t.panelLoadFailed} message={message} />
        <Button
          onClick={() => {
            this.setState({ error: undefined, failed: false });
            this.props.onRetry();
          }}
        >
          {t.retry}
        </Button>
      </div>
    );
  }
}

/** Renders the panel's component directly when loaded, otherwise through React.lazy with a spinner. */
function PanelBody<P extends object>(props: { panel: LazyPanel<P>; props: P; t: ShellStrings }) {
  // Chosen once per mount: swapping the lazy wrapper for the loaded component later would
  // remount the panel and lose what the clerk entered.
  const [{ Body }] = useState<{ Body: ComponentType<P> | LazyExoticComponent<ComponentType<P>> }>(() => ({
    Body: props.panel.loaded() ?? lazy(async () => ({ default: await props.panel.preload() })),
  }));
  // React's typings cannot relate a generic P to a component's props; the pair comes from one LazyPanel<P>.
  const Render = Body as ComponentType<object>;
  return (
    <Suspense
      fallback={
        <div style={{ padding: 12 }}>
          <Spinner size="small" label={props.t.loadingPanel} />
        </div>
      }
    >
      <Render {...props.props} />
    </Suspense>
  );
}

export function LazyPanelView<P extends object>(props: { panel: LazyPanel<P>; props: P; t: ShellStrings }) {
  // A retry mounts a fresh body, which asks for the chunk again.
  const [attempt, setAttempt] = useState(0);
  return (
    <PanelBoundary t={props.t} onRetry={() => setAttempt((n) => n + 1)}>
      <PanelBody key={attempt} panel={props.panel} props={props.props} t={props.t} />
    </PanelBoundary>
  );
}

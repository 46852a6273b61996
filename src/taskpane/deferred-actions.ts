/**
 * PaneActions whose jobs load on demand. The pane's first screen needs only the remembered unit
 * and the settings, both in a small string store; the four jobs (the form engine, and in Excel
 * the Office.js adapter) are a chunk of their own, fetched once the pane is idle or when a job
 * is first asked for. The real actions are made once, when that chunk arrives, with the settings
 * current at that moment, and then serve every call (they keep state: the Office host's caches,
 * the sheets watched for changes).
 */
import {
  SENDER_KEY,
  UNIT_KEY,
  readSettings,
  writeSettings,
  type Mode,
  type PaneActions,
  type Settings,
  type SettingsStore,
} from "../jobs/actions";

/** Optional actions the real object will have, known before it loads (from Office's requirement sets). */
export type OptionalAction = "openSheet" | "clearHighlight" | "selectCell" | "onSheetChanged";

export interface DeferredActionsOptions {
  mode: Mode;
  store: SettingsStore;
  optional: readonly OptionalAction[];
  /** Loads the jobs' chunk and returns how to make the real actions from settings. */
  load(): Promise<(settings: Settings) => PaneActions>;
  /** The error a job shows when its chunk cannot be loaded (plain words, in the pane's language). */
  loadFailed: string;
}

export interface DeferredActions extends PaneActions {
  /** Loads the jobs now (the pane calls this when idle); resolves to the real actions. */
  ready(): Promise<PaneActions>;
}

export function deferredActions(o: DeferredActionsOptions): DeferredActions {
  let settings: Settings = readSettings(o.store);
  let real: PaneActions | undefined;
  let pending: Promise<PaneActions> | undefined;

  const ready = (): Promise<PaneActions> =>
    (pending ??= o.load().then(
      (make) => (real ??= make(settings)),
      (err: unknown) => {
        pending = undefined; // webpack forgets a failed chunk as well: the next job tries again
        console.error("Yuebao: loading the jobs failed", err);
        throw new Error(o.loadFailed);
      },
    ));

  const actions: DeferredActions = {
    mode: o.mode,
    get settings() {
      return real ? real.settings : settings;
    },
    saveSettings(next) {
      // Once made, the real actions own the settings (they store and use them); before, the
      // values are stored here and handed to the real actions when they are made.
      if (real) real.saveSettings(next);
      else writeSettings(o.store, next);
      settings = { ...next };
    },
    rememberedUnit: () => o.store.get(UNIT_KEY) ?? "",
    rememberUnit: (unit) => o.store.set(UNIT_KEY, unit),
    rememberedSender: () => o.store.get(SENDER_KEY) ?? "",
    rememberSender: (name) => o.store.set(SENDER_KEY, name),
    insertTemplate: async (req) => (await ready()).insertTemplate(req),
    validate: async (req) => (await ready()).validate(req),
    fillCumulative: async (req) => (await ready()).fillCumulative(req),
    merge: async (req) => (await ready()).merge(req),
    // Every host's jobs say which months picked files hold (the merge panel preselects the month).
    monthsHeld: async (files) => {
      const r = await ready();
      return r.monthsHeld ? r.monthsHeld(files) : { months: [], read: 0 };
    },
    ready,
  };
  // Each optional action forwards to the real method once the jobs are loaded; `missing`
  // guards against a list that promised too much. (Typed loosely here: the four have
  // different signatures, and each call passes its arguments through unchanged.)
  const missing = (name: OptionalAction) => new Error(`Yuebao: ${name} is not available here`);
  for (const name of new Set(o.optional)) {
    (actions as unknown as Record<OptionalAction, (...args: unknown[]) => Promise<unknown>>)[name] = async (...args) => {
      const r = await ready();
      const method = r[name] as ((...a: unknown[]) => Promise<unknown>) | undefined;
      if (!method) throw missing(name);
      return method.apply(r, args);
    };
  }
  return actions;
}

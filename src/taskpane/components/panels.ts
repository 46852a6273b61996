/**
 * The panels loaded on demand, each its own chunk. The template panel is not here: it is the
 * first thing a clerk sees, so it ships with the shell.
 */
import { lazyPanel } from "./lazy-panel";

export const validatePanel = lazyPanel(() =>
  import(/* webpackChunkName: "panel-validate" */ "./ValidatePanel").then((m) => m.ValidatePanel),
);
export const fillPanel = lazyPanel(() => import(/* webpackChunkName: "panel-fill" */ "./FillPanel").then((m) => m.FillPanel));
export const mergePanel = lazyPanel(() => import(/* webpackChunkName: "panel-merge" */ "./MergePanel").then((m) => m.MergePanel));
export const settingsPanel = lazyPanel(() =>
  import(/* webpackChunkName: "panel-settings" */ "./SettingsPanel").then((m) => m.SettingsPanel),
);

/** Every lazy panel, for loading them all once the pane is idle. */
export const LAZY_PANELS = [validatePanel, fillPanel, mergePanel, settingsPanel] as const;

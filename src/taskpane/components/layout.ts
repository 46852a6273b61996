/**
 * Layout shared by the panels: one narrow column (the pane is 320–450 px wide).
 *
 * Plain CSS classes over Fluent's CSS variables rather than makeStyles: the template panel
 * ships with the pane's first load, and makeStyles would bring Griffel's style compiler and the
 * whole `tokens` object into it (about 10 KB gzip). These rules only style plain elements
 * (div, section, h3, ul, p, span), so they never compete with a Fluent component's own classes.
 */
import { useInsertionEffect } from "react";
import type { Theme } from "@fluentui/react-components";

/** A Fluent design token as the CSS variable FluentProvider defines (what `tokens.x` holds). */
export const token = (name: keyof Theme): string => `var(--${name})`;

const CLASSES = {
  panel: "yb-panel",
  row: "yb-row",
  actions: "yb-actions",
  section: "yb-section",
  heading: "yb-heading",
  plainList: "yb-plain-list",
  wrap: "yb-wrap",
  note: "yb-note",
  periodGroup: "yb-period",
  periodSelects: "yb-period-selects",
} as const;

export type PanelClasses = typeof CLASSES;

const CSS = `
.yb-panel{display:flex;flex-direction:column;row-gap:${token("spacingVerticalM")};padding:${token("spacingVerticalM")} ${token("spacingHorizontalM")};min-width:0}
.yb-row{display:flex;flex-wrap:wrap;align-items:center;column-gap:${token("spacingHorizontalS")};row-gap:${token("spacingVerticalS")}}
.yb-actions{display:flex;flex-wrap:wrap;align-items:center;column-gap:${token("spacingHorizontalM")};row-gap:${token("spacingVerticalS")}}
.yb-section{display:flex;flex-direction:column;row-gap:${token("spacingVerticalS")};min-width:0}
.yb-heading{display:flex;align-items:center;column-gap:${token("spacingHorizontalS")};margin:0;font-size:${token("fontSizeBase300")};line-height:${token("lineHeightBase300")};font-weight:${token("fontWeightSemibold")}}
.yb-plain-list{margin:0;padding-left:${token("spacingHorizontalL")};display:flex;flex-direction:column;row-gap:${token("spacingVerticalXXS")};overflow-wrap:anywhere}
.yb-wrap{overflow-wrap:anywhere;min-width:0}
.yb-note{color:${token("colorNeutralForeground3")};font-size:${token("fontSizeBase200")};line-height:${token("lineHeightBase200")};overflow-wrap:anywhere}
p.yb-note{margin:0}
.yb-period{display:flex;flex-direction:column;row-gap:${token("spacingVerticalXXS")}}
.yb-period-selects{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));column-gap:${token("spacingHorizontalS")}}
`;

const STYLE_ID = "yuebao-layout";

function insertStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.appendChild(style);
}

/** The layout classes; the stylesheet is added to the page before the first paint that uses them. */
export function usePanelStyles(): PanelClasses {
  useInsertionEffect(() => insertStyles(document), []);
  return CLASSES;
}

/**
 * Builds styles.xml for the writer: plan styles become cellXfs entries, shared between
 * sheets when equal. One font family (宋体, what Chinese offices' Excel uses by default),
 * sizes and bold from the plan.
 */
import type { PlanStyle } from "../form/plan";
import { WorkbookPlanError } from "./errors";
import { builtinId } from "./numfmt";
import { escapeXml } from "./xml";

export const FONT_NAME = "宋体";
export const DEFAULT_FONT_SIZE = 11;

export interface CellStyleKey {
  style?: PlanStyle;
  /** Unlocked whatever the style says (an input cell). */
  unlocked?: boolean;
}

export class StyleBook {
  private fonts = new Map<string, number>([[`0|${DEFAULT_FONT_SIZE}`, 0]]);
  private fills = new Map<string, number>();
  private numFmts = new Map<string, number>();
  private xfs = new Map<string, number>([["0|0|0|0||||1", 0]]);
  private xfList: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private nextNumFmt = 164;

  /** cellXfs index for a plan style (0 = default). */
  xf(style: PlanStyle | undefined, unlocked = false): number {
    const s = style ?? {};
    const fontId = this.font(s.bold === true, s.fontSize ?? DEFAULT_FONT_SIZE);
    const fillId = s.fill ? this.fill(s.fill) : 0;
    const borderId = s.border ? 1 : 0;
    const numFmtId = s.numberFormat ? this.numFmt(s.numberFormat) : 0;
    const locked = unlocked ? false : s.locked !== false;
    const h = s.hAlign ?? "";
    const v = s.vAlign ?? "";
    const wrap = s.wrap ? "1" : "";
    const key = `${fontId}|${fillId}|${borderId}|${numFmtId}|${h}|${v}|${wrap}|${locked ? 1 : 0}`;
    const hit = this.xfs.get(key);
    if (hit !== undefined) return hit;
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) attrs += ' applyNumberFormat="1"';
    if (fontId) attrs += ' applyFont="1"';
    if (fillId) attrs += ' applyFill="1"';
    if (borderId) attrs += ' applyBorder="1"';
    let children = "";
    if (h || v || wrap) {
      attrs += ' applyAlignment="1"';
      children += "<alignment";
      if (h) children += ` horizontal="${h}"`;
      if (v) children += ` vertical="${v}"`;
      if (wrap) children += ' wrapText="1"';
      children += "/>";
    }
    if (!locked) {
      attrs += ' applyProtection="1"';
      children += '<protection locked="0"/>';
    }
    const id = this.xfList.length;
    this.xfList.push(children ? `<xf ${attrs}>${children}</xf>` : `<xf ${attrs}/>`);
    this.xfs.set(key, id);
    return id;
  }

  private font(bold: boolean, size: number): number {
    if (!(size > 0 && size <= 409)) throw new WorkbookPlanError("bad-write", `Font size out of range: ${size}`);
    const key = `${bold ? 1 : 0}|${size}`;
    let id = this.fonts.get(key);
    if (id === undefined) this.fonts.set(key, (id = this.fonts.size));
    return id;
  }

  private fill(color: string): number {
    const m = /^#?([0-9a-fA-F]{6})$/.exec(color);
    if (!m) throw new WorkbookPlanError("bad-write", `Fill must be #RRGGBB: ${color}`);
    const rgb = m[1].toUpperCase();
    let id = this.fills.get(rgb);
    // Fills 0 and 1 are reserved by Excel (none, gray125).
    if (id === undefined) this.fills.set(rgb, (id = this.fills.size + 2));
    return id;
  }

  private numFmt(code: string): number {
    const builtin = builtinId(code);
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = this.nextNumFmt++));
    return id;
  }

  toXml(): string {
    const fontXml = [...this.fonts.keys()]
      .map((k) => {
        const [b, size] = k.split("|");
        return `<font>${b === "1" ? "<b/>" : ""}<sz val="${size}"/><name val="${FONT_NAME}"/><family val="3"/><charset val="134"/></font>`;
      })
      .join("");
    const fillXml =
      '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      [...this.fills.keys()]
        .map((rgb) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`)
        .join("");
    const thin =
      '<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>';
    const numFmtXml = this.numFmts.size
      ? `<numFmts count="${this.numFmts.size}">${[...this.numFmts]
          .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
          .join("")}</numFmts>`
      : "";
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      numFmtXml +
      `<fonts count="${this.fonts.size}">${fontXml}</fonts>` +
      `<fills count="${this.fills.size + 2}">${fillXml}</fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}</border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfList.length}">${this.xfList.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/>' +
      "</styleSheet>"
    );
  }
}

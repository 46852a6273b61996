/**
 * Moving a formula's relative references, as Excel does when it fills a formula down:
 * used to give each cell of a shared-formula group its own formula text. Strings ("..."),
 * quoted sheet names ('...') and function names are left alone; $-anchored parts stay.
 */

import { columnIndex, columnLetters } from "../form/grid";

const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** 1-based column number, as references count them. */
const colNumber = (letters: string): number => columnIndex(letters) + 1;
const colLetters = (n: number): string => columnLetters(n - 1);

// A cell reference not preceded by a name character and not followed by one or by "(".
const REF = /(^|[^A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(])/g;

function shiftPlain(text: string, dRow: number, dCol: number): string {
  return text.replace(REF, (m, pre: string, cAbs: string, col: string, rAbs: string, row: string) => {
    let c = colNumber(col);
    let r = Number(row);
    if (c > MAX_COL || r < 1 || r > MAX_ROW) return m;
    if (!cAbs) c += dCol;
    if (!rAbs) r += dRow;
    if (c < 1 || r < 1 || c > MAX_COL || r > MAX_ROW) return `${pre}#REF!`;
    return `${pre}${cAbs}${colLetters(c)}${rAbs}${r}`;
  });
}

/** `formula` without "=", as stored in <f>; returns the formula moved by (dRow, dCol). */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let plainStart = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch !== '"' && ch !== "'") continue;
    out += shiftPlain(formula.slice(plainStart, i), dRow, dCol);
    let j = i + 1;
    for (; j < formula.length; j++) {
      if (formula[j] === ch) {
        if (formula[j + 1] === ch) j++;
        else break;
      }
    }
    out += formula.slice(i, j + 1);
    i = j;
    plainStart = j + 1;
  }
  return out + shiftPlain(formula.slice(plainStart), dRow, dCol);
}

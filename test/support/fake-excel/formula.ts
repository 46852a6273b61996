/**
 * A small formula evaluator so the fake can show computed values for the formulas an add-in
 * writes: numbers, strings, TRUE/FALSE, + - * / &, parentheses, cell and range references
 * (also 'Other sheet'!A1), SUM, ROUND and IF. Anything else evaluates to #NAME? — visibly
 * wrong rather than silently 0.
 */
import type { FakeSheet, Scalar } from "./model";
import { cellView, isErrorValue } from "./model";

interface RangeRef {
  sheet: FakeSheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type Val = Scalar | RangeRef;

class FormulaError extends Error {
  constructor(readonly value: string) {
    super(value);
  }
}

const TOKEN =
  /\s*(?:('(?:[^']|'')+'!|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_.]*)|(<>|<=|>=|[-+*/&(),=<>^]))/y;

interface Tok {
  kind: "ref" | "num" | "str" | "name" | "op";
  text: string;
  sheet?: string;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new FormulaError("#NAME?");
    pos = TOKEN.lastIndex;
    if (m[2]) {
      const raw = m[1] ? m[1].slice(0, -1) : undefined;
      const sheet = raw?.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
      out.push({ kind: "ref", text: m[2], sheet });
    } else if (m[3]) out.push({ kind: "num", text: m[3] });
    else if (m[4]) out.push({ kind: "str", text: m[4].slice(1, -1).replace(/""/g, '"') });
    else if (m[5]) out.push({ kind: "name", text: m[5].toUpperCase() });
    else out.push({ kind: "op", text: m[6] });
  }
  return out;
}

function cellPos(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1) as RegExpExecArray;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function evaluate(sheet: FakeSheet, formula: string, visiting: Set<string>): Scalar {
  try {
    const toks = tokenize(formula.replace(/^=/, ""));
    let i = 0;
    const peek = (): Tok | undefined => toks[i];
    const eat = (text?: string): Tok => {
      const t = toks[i++];
      if (!t || (text !== undefined && t.text !== text)) throw new FormulaError("#NAME?");
      return t;
    };

    const scalarOf = (v: Val): Scalar => {
      if (typeof v !== "object") return v;
      if (v.top !== v.bottom || v.left !== v.right) throw new FormulaError("#VALUE!");
      const key = `${v.sheet.id}:${v.top}:${v.left}`;
      if (visiting.has(key)) throw new FormulaError("#REF!");
      const c = v.sheet.cell(v.top, v.left);
      if (c?.formula !== undefined) {
        const next = new Set(visiting);
        next.add(key);
        return evaluate(v.sheet, c.formula, next);
      }
      const view = cellView(v.sheet, v.top, v.left);
      return view.type === "Empty" ? 0 : view.value;
    };
    const num = (v: Val): number => {
      const s = scalarOf(v);
      if (isErrorValue(s)) throw new FormulaError(s as string);
      if (typeof s === "number") return s;
      if (typeof s === "boolean") return s ? 1 : 0;
      const n = Number(s.trim());
      if (s.trim() === "" || Number.isNaN(n)) throw new FormulaError("#VALUE!");
      return n;
    };
    const text = (v: Val): string => {
      const s = scalarOf(v);
      if (isErrorValue(s)) throw new FormulaError(s as string);
      return typeof s === "boolean" ? (s ? "TRUE" : "FALSE") : String(s);
    };

    const primary = (): Val => {
      const t = eat();
      if (t.kind === "num") return Number(t.text);
      if (t.kind === "str") return t.text;
      if (t.kind === "ref") {
        const target = t.sheet === undefined ? sheet : sheet.book.sheet(t.sheet);
        if (!target || (t.sheet !== undefined && target.name.toUpperCase() !== t.sheet.toUpperCase())) throw new FormulaError("#REF!");
        const [a, b] = t.text.split(":");
        const p = cellPos(a);
        const q = b ? cellPos(b) : p;
        return {
          sheet: target,
          top: Math.min(p.row, q.row),
          left: Math.min(p.col, q.col),
          bottom: Math.max(p.row, q.row),
          right: Math.max(p.col, q.col),
        };
      }
      if (t.kind === "name") {
        if (peek()?.text !== "(") {
          if (t.text === "TRUE" || t.text === "FALSE") return t.text === "TRUE";
          throw new FormulaError("#NAME?");
        }
        eat("(");
        const args: Val[] = [];
        if (peek()?.text !== ")") {
          args.push(expr());
          while (peek()?.text === ",") {
            eat(",");
            args.push(expr());
          }
        }
        eat(")");
        return call(t.text, args);
      }
      if (t.text === "(") {
        const v = expr();
        eat(")");
        return v;
      }
      throw new FormulaError("#NAME?");
    };

    const call = (fn: string, args: Val[]): Scalar => {
      if (fn === "SUM") {
        let total = 0;
        for (const a of args) {
          if (typeof a !== "object") {
            total += num(a);
            continue;
          }
          for (let r = a.top; r <= a.bottom; r++)
            for (let c = a.left; c <= a.right; c++) {
              const v = scalarOf({ ...a, top: r, bottom: r, left: c, right: c });
              if (isErrorValue(v)) throw new FormulaError(v as string);
              if (typeof v === "number") total += v; // SUM skips text and booleans in ranges
            }
        }
        return total;
      }
      if (fn === "ROUND" && args.length === 2) {
        const f = 10 ** num(args[1]);
        return Math.round(num(args[0]) * f) / f;
      }
      if (fn === "IF" && args.length >= 2) {
        const cond = scalarOf(args[0]);
        return scalarOf(cond === true || (typeof cond === "number" && cond !== 0) ? args[1] : (args[2] ?? false));
      }
      throw new FormulaError("#NAME?");
    };

    const unary = (): Val => {
      const t = peek();
      if (t?.kind === "op" && (t.text === "-" || t.text === "+")) {
        eat();
        const v = num(unary());
        return t.text === "-" ? -v : v;
      }
      return primary();
    };
    const term = (): Val => {
      let v = unary();
      while (peek()?.text === "*" || peek()?.text === "/") {
        const op = eat().text;
        const a = num(v);
        const b = num(unary());
        if (op === "/" && b === 0) throw new FormulaError("#DIV/0!");
        v = op === "*" ? a * b : a / b;
      }
      return v;
    };
    const expr = (): Val => {
      let v = term();
      while (peek()?.text === "+" || peek()?.text === "-" || peek()?.text === "&") {
        const op = eat().text;
        const rhs = term();
        v = op === "&" ? text(v) + text(rhs) : op === "+" ? num(v) + num(rhs) : num(v) - num(rhs);
      }
      return v;
    };

    const result = expr();
    if (i !== toks.length) throw new FormulaError("#NAME?");
    return scalarOf(result);
  } catch (e) {
    if (e instanceof FormulaError) return e.value;
    throw e;
  }
}

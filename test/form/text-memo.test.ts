/** The bounded memo every "same text again" shortcut uses. */
import { TextMemo } from "../../src/form/text-memo";

test("remembers what is worth it, undefined included, and starts over when full", () => {
  let made = 0;
  const make = (t: string) => {
    made++;
    return t === "none" ? undefined : t.length;
  };
  const memo = new TextMemo<number | undefined>(2, (t) => t !== "87");
  expect([memo.get("ab", make), memo.get("ab", make)]).toEqual([2, 2]);
  expect(made).toBe(1);
  expect([memo.get("none", make), memo.get("none", make)]).toEqual([undefined, undefined]);
  expect(made).toBe(2);
  // Not worth remembering: made every time.
  memo.get("87", make);
  memo.get("87", make);
  expect(made).toBe(4);
  // Full (ab, none): a third text starts it over, so ab is made again.
  memo.get("xyz", make);
  memo.get("ab", make);
  expect(made).toBe(6);
});

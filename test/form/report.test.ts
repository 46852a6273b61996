/** Scaled figures (integers of 1/10,000) back to numbers. */
import fc from "fast-check";
import { formatScaled, fromScaled } from "../../src/form/report";

test("a scaled figure is the number its decimal text reads as, for every safe integer", () => {
  const reading = (x: number) => Number(formatScaled(x));
  for (const x of [0, -0, 1, -1, 12345, 20000, 186526, 99999999, -367614, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])
    expect(Object.is(fromScaled(x), reading(x))).toBe(true);
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.maxSafeInteger().map((x) => x),
      ),
      (x) => {
        expect(Object.is(fromScaled(x), reading(x))).toBe(true);
      },
    ),
    { numRuns: 20000, seed: 20181211 },
  );
});

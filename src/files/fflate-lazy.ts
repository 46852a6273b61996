/**
 * The parts of fflate (pure-JS inflate and zip) the readers and writers use, loaded on first
 * use. On the command line Node's zlib inflates and deflates, so reading, validating and merging
 * never need fflate, and loading it costs a process about 13 ms. The browser build does not use
 * this file: webpack.config.js puts fflate-static.ts in its place, plain imports that webpack
 * can trim to what each chunk uses (fflate's CommonJS build, which require() would bring,
 * cannot be trimmed).
 */
import type * as Fflate from "fflate";

export type FflateInflate = Pick<typeof Fflate, "inflateSync" | "Inflate">;
export type FflateZip = Pick<typeof Fflate, "zipSync">;

let loaded: typeof Fflate | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
const load = (): typeof Fflate => (loaded ??= require("fflate") as typeof Fflate);

export function fflateInflate(): FflateInflate {
  return load();
}

export function fflateZip(): FflateZip {
  return load();
}

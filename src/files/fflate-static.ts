/** fflate-lazy.ts for the browser build (webpack.config.js resolves that module to this one): see there. */
import { Inflate, inflateSync, zipSync } from "fflate";
import type { FflateInflate, FflateZip } from "./fflate-lazy";

export function fflateInflate(): FflateInflate {
  return { Inflate, inflateSync };
}

export function fflateZip(): FflateZip {
  return { zipSync };
}

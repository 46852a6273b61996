/**
 * Offline schema validation of an add-in manifest with xmllint (Debian libxml2-utils) against
 * the XSDs in ../shared/manifest-schemas (CI clones the repo with shared/ beside it).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
export const SCHEMAS = path.resolve(REPO, "..", "shared", "manifest-schemas");
export const MAIN_XSD = path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd");

/** Throws with a message that says what to do when the schemas or xmllint are missing. */
export function assertValidatorAvailable(): void {
  if (!fs.existsSync(MAIN_XSD)) {
    throw new Error(
      `Manifest schemas not found at ${SCHEMAS}: the repository must sit beside shared/ (shared/manifest-schemas/OfficeAppManifestV1_1.xsd).`,
    );
  }
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (probe.error) throw new Error("xmllint not found: install Debian's libxml2-utils (apt-get install -y libxml2-utils).");
}

export interface Validation {
  ok: boolean;
  output: string;
}

export function validateManifest(file: string): Validation {
  assertValidatorAvailable();
  const r = spawnSync("xmllint", ["--noout", "--schema", MAIN_XSD, file], { encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/**
 * Offline schema validation of an add-in manifest with xmllint (Debian libxml2-utils) against
 * the XSDs kept in test/manifest/schemas (see the README there for their source and licence).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");
export const SCHEMAS = path.join(__dirname, "schemas");
export const MAIN_XSD = path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd");

/** Throws with a message that says what to do when the schemas or xmllint are missing. */
export function assertValidatorAvailable(): void {
  if (!fs.existsSync(MAIN_XSD)) {
    throw new Error(`Manifest schemas not found at ${SCHEMAS}: test/manifest/schemas/OfficeAppManifestV1_1.xsd belongs to the repository.`);
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

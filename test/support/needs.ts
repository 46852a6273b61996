/**
 * Interop tests judge our files with other programs (LibreOffice, openpyxl, Chromium...). On a
 * developer's machine without one of them the test is skipped with a note; when the environment
 * variable CI is set (.ci/run exports CI=1) a missing program is a failure, never a silent skip.
 */
export interface Tool {
  /** What is missing, e.g. "LibreOffice (soffice)". */
  what: string;
  /** How to get it, e.g. "apt-get install -y libreoffice-calc-nogui". */
  install: string;
  available: boolean;
}

type Body = jest.ProvidesCallback;

export const inCI = (): boolean => {
  const v = process.env.CI;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
};

const missing = (tool: Tool) => `${tool.what} not found (${tool.install})`;

/** `describe` when the tool is there; else skipped with a warning, or one failing test under CI. */
export function describeWith(tool: Tool): (name: string, body: () => void) => void {
  if (tool.available) return describe;
  if (inCI())
    return (name) =>
      describe(name, () =>
        test(`needs ${tool.what}`, () => {
          throw new Error(`${missing(tool)}: CI is set, so interop tests must run.`);
        }),
      );
  console.warn(`skipping interop tests: ${missing(tool)}`);
  return describe.skip;
}

/** `test` when the tool is there; else skipped with a warning, or failing under CI. */
export function testWith(tool: Tool): (name: string, body: Body, timeout?: number) => void {
  if (tool.available) return test;
  if (inCI())
    return (name) =>
      test(name, () => {
        throw new Error(`${missing(tool)}: CI is set, so interop tests must run.`);
      });
  console.warn(`skipping interop test: ${missing(tool)}`);
  return test.skip;
}

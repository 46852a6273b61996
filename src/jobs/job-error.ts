/** A job that cannot start for a reason the user can fix (not a bug, not bad figures). */
export class JobError extends Error {
  constructor(
    readonly code: "not-a-report" | "no-report-for-period" | "protected" | "no-files",
    readonly messageZh: string,
    readonly messageEn: string,
    lang: "zh" | "en",
  ) {
    super(lang === "zh" ? messageZh : messageEn);
    this.name = "JobError";
  }
}

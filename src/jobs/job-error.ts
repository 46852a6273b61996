/** A job that cannot start for a reason the user can fix (not a bug, not bad figures). */
import { ProblemError, type ProblemCode } from "../form/problems";

export type JobErrorCode = Extract<
  ProblemCode,
  "not-a-report" | "no-files" | "choose-period" | "report-month-unknown" | "no-report-for-month"
>;

export class JobError<C extends JobErrorCode = JobErrorCode> extends ProblemError<C> {
  constructor(code: C, params: ProblemError<C>["params"]) {
    super(code, params);
    this.name = "JobError";
  }
}

/**
 * The task pane's actions outside Office: everything works on files the user picks, and
 * results are handed back as downloads. Nothing leaves the browser.
 */
import { downloadName } from "./download-name";
import type { Lang } from "../form/lang";
import { locateReports, noReportFinding } from "../form/locate";
import { countyPlans } from "../form/county-plans";
import { sheetNameForPeriod, templatePlan } from "../form/layout";
import { periodKey, type Ymd } from "../form/period";
import { buildReminder } from "../form/reminder";
import type { UnitReport } from "../form/report";
import type { FormSpec } from "../form/spec";
import {
  UNIT_KEY,
  SENDER_KEY,
  writeSettings,
  type FillOutcome,
  type PaneActions,
  type ReportCheck,
  type Settings,
  type SettingsStore,
} from "./actions";
import { checkFileReports, priorsOf, reportsToCheck, servedAsPrior } from "./check-report";
import { PriorPool, reportPriors } from "../form/prior-units";
import { filledFileName, fillFile } from "./fill-file";
import type { FilesModule } from "./files-module";
import { JobError } from "./job-error";
import { loadCountyInputs, mergeFiles, monthsHeld, refuseWrongMonth } from "./merge-files";
import { pickedSource, unreadableProblem } from "./sources";

export interface FileActionsDeps {
  spec: FormSpec;
  /** The settings at start; saveSettings replaces them. */
  settings: Settings;
  lang: Lang;
  files: () => Promise<FilesModule>;
  /** Hands a finished workbook to the user (a browser download). */
  download: (fileName: string, bytes: Uint8Array) => void;
  today: () => Ymd;
  office: string;
  /** Remembers small things between visits (localStorage in a browser). */
  store: SettingsStore;
}

export function createFileActions(d: FileActionsDeps): PaneActions {
  // Read by each job when it starts, so a saved change applies to the next job.
  let settings = d.settings;
  return {
    mode: "file",
    get settings() {
      return settings;
    },
    saveSettings(next) {
      writeSettings(d.store, next);
      settings = { ...next };
    },
    rememberedUnit: () => d.store.get(UNIT_KEY) ?? "",
    rememberUnit: (unit) => d.store.set(UNIT_KEY, unit),
    rememberedSender: () => d.store.get(SENDER_KEY) ?? "",
    rememberSender: (name) => d.store.set(SENDER_KEY, name),

    async insertTemplate(req) {
      const m = await d.files();
      const fileName = downloadName(`${req.unit || "月报表"}-${periodKey(req.period)}`);
      d.download(fileName, m.write([templatePlan(d.spec, req.period, req.unit)]));
      return { status: "downloaded", fileName };
    },

    async validate(req) {
      const files = req.files ?? [];
      if (files.length === 0) throw new JobError("no-files", { job: "validate" });
      const m = await d.files();
      // Every file is read first: reports of other months among them (and the last-month file,
      // a unit's or the county's) are the priors of each other's 累计数, as on the command line.
      const read: Array<{ name: string; reports?: UnitReport[]; failure?: unknown }> = [];
      for (const f of files) {
        // Only reading the file can fail for the user's reasons; a fault in the checks is a bug.
        try {
          const wb = await m.parse(new Uint8Array(await f.arrayBuffer()), f.name);
          read.push({ name: f.name, reports: locateReports(wb, d.spec, { fileName: f.name, requested: req.period }) });
        } catch (err) {
          read.push({ name: f.name, failure: err });
        }
      }
      const priors = new PriorPool();
      if (req.prior) {
        const wb = await m.parse(new Uint8Array(await req.prior.arrayBuffer()), req.prior.name);
        priors.add(priorsOf(wb, locateReports(wb, d.spec, { fileName: req.prior.name }), d.spec));
      }
      for (const f of read) if (f.reports) priors.add(reportPriors(f.reports, f.name));
      const opts = { spec: d.spec, startMonth: settings.startMonth, deadlineDay: settings.deadlineDay, priors };

      const out: ReportCheck[] = [];
      for (const f of read) {
        if (!f.reports) {
          const problem = unreadableProblem(f.failure, f.name);
          out.push({
            source: f.name,
            file: f.name,
            sheet: "",
            findings: [{ severity: "error", code: "unreadable", sheet: "", params: { problem } }],
          });
          continue;
        }
        const chosen = reportsToCheck(f.reports, req.period);
        if (chosen.length === 0) {
          // A file holding the month before of a unit checked here served as its prior.
          if (!servedAsPrior(f.reports, read, req.period))
            out.push({ source: f.name, file: f.name, sheet: "", findings: [noReportFinding(f.reports, req.period)] });
          continue;
        }
        for (const { report, period, findings } of checkFileReports(chosen, f.reports, opts, req.period)) {
          out.push({ source: `${f.name} › ${report.sheet}`, file: f.name, sheet: report.sheet, unit: report.unit?.name, period, findings });
        }
      }
      return out;
    },

    async fillCumulative(req): Promise<FillOutcome> {
      if (!req.file) throw new JobError("no-files", { job: "fill" });
      if (!req.period) throw new JobError("choose-period", {});
      const m = await d.files();
      const prior = req.priorFile ? { name: req.priorFile.name, bytes: new Uint8Array(await req.priorFile.arrayBuffer()) } : undefined;
      const r = await fillFile(
        {
          bytes: new Uint8Array(await req.file.arrayBuffer()),
          name: req.file.name,
          period: req.period,
          startMonth: settings.startMonth,
          mode: "values",
          prior,
          spec: d.spec,
        },
        m.parse,
        m,
      );
      let fileName: string | undefined;
      if (r.bytes) {
        fileName = filledFileName(req.file.name);
        d.download(fileName, r.bytes);
      }
      return {
        sheet: r.sheet ?? "",
        period: req.period,
        priorSource: r.priorSource,
        written: r.written,
        findings: r.findings,
        changed: r.changed,
        fileName,
        ...(r.convertedFrom ? { convertedFrom: r.convertedFrom } : {}),
      };
    },

    async monthsHeld(files) {
      const m = await d.files();
      return monthsHeld(files.map(pickedSource), m.parse, d.spec);
    },

    async merge(req) {
      if (req.files.length === 0) throw new JobError("no-files", { job: "merge" });
      const m = await d.files();
      const { roster, priorCounty, priorUnits } = await loadCountyInputs(
        { roster: req.roster && pickedSource(req.roster), prior: req.prior && pickedSource(req.prior) },
        m.parse,
        d.spec,
        req.period,
      );
      const result = await mergeFiles(req.files.map(pickedSource), m.parse, {
        spec: d.spec,
        period: req.period,
        startMonth: settings.startMonth,
        deadlineDay: settings.deadlineDay,
        roster,
        priorCounty,
        priorUnits,
        onProgress: req.onProgress,
      });
      refuseWrongMonth(result);
      const today = d.today();
      const office = req.sender?.trim() || d.office;
      const fileName = downloadName(`${office}汇总-${sheetNameForPeriod(req.period)}`);
      d.download(fileName, m.write(countyPlans(d.spec, result, { county: office, date: today, keepRoster: roster })));
      const reminder = buildReminder(result, { spec: d.spec, lang: d.lang, office, today, roster: !!roster, resendBy: req.resendBy });
      return { result, written: [fileName], reminder };
    },
  };
}

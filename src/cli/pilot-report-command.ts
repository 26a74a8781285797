import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { isoTime } from '../observe/annotations-csv.js';
import type { PilotScope } from '../observe/report/pilot-data.js';
import { writePilotReport } from '../observe/report/write-pilot-report.js';
import { periodOf } from '../observe/report/pilot-data.js';
import type { IntegrityDay } from '../observe/report/pilot-report-model.js';
import { writeOpenData } from '../observe/open-data/write-open-data.js';
import { listJournalDays, type JournalDay } from '../evidence/journal-days.js';
import { openStore } from '../observe/store/open-store.js';
import { collect } from './option-parsers.js';
import { refusePseudoFileSystem } from './out-dir.js';
import type { Terminal } from './run-command.js';

interface PilotReportOptions {
  out: string;
  store?: string;
  from?: string;
  to?: string;
  station?: string[];
  reportDir?: string;
}

/**
 * `pilot-report`: the evidence report of a pilot (issue 16), one self-contained HTML page for a
 * period and a set of stations, from the store that `observe` filled and `annotate` added to.
 */
export function pilotReportCommand(terminal: Terminal): Command {
  return new Command('pilot-report')
    .description('write the evidence report of a pilot (availability, events, the hours before each failure, sensor series, completeness, integrity) as one HTML page')
    .requiredOption('--out <dir>', 'the observation output directory (its store is <out>/pilot.sqlite)')
    .option('--store <file|url>', 'the SQLite store file, or a PostgreSQL database as postgres://… (default: <out>/pilot.sqlite)')
    .option('--from <time>', 'the start of the period, ISO 8601 with a zone (default: the first message stored)')
    .option('--to <time>', 'the end of the period, exclusive (default: just after the last message stored)')
    .option('--station <identity>', 'a station to report on; repeat for several (default: every station in the store)', collect)
    .option('--report-dir <dir>', 'where to write index.html (default: <out>/pilot-report)')
    .action(async (options: PilotReportOptions) => {
      const scope = scopeOf(options);
      const outDir = resolve(options.out);
      const reportDir = resolve(options.reportDir ?? join(outDir, 'pilot-report'));
      refusePseudoFileSystem('--report-dir', reportDir);
      const store = await openStore(outDir, options.store);
      try {
        if (scope.stations !== undefined) {
          const known = new Set((await store.stations()).map((s) => s.identity));
          const unknown = scope.stations.filter((s) => !known.has(s));
          if (unknown.length > 0) throw new ToolError('ERR_INVALID_OPTION', `--station ${unknown.join(', ')}: not in ${store.description}`);
        }
        // One period for the page and the open data: the data's span when none is given.
        const period = periodOf(scope, (await store.stations()).filter((s) => scope.stations === undefined || scope.stations.includes(s.identity)));
        const openData = await writeOpenData(store, { ...period, ...(scope.stations ? { stations: scope.stations } : {}) }, reportDir);
        const integrity = integrityOf(await listJournalDays(outDir), period, scope.stations);
        const written = await writePilotReport(store, { ...scope, ...period }, reportDir, { integrity, openData: openData.files });
        const stations = written.model.scope.stations.length;
        terminal.out(`${written.page}: ${stations} station${stations === 1 ? '' : 's'}, ${written.model.period.text}, ${(written.bytes / 1024 / 1024).toFixed(1)} MB`);
        const rows = openData.files.reduce((sum, file) => sum + file.rows, 0);
        terminal.out(`${openData.datapackage}: ${openData.files.length} CSV files, ${rows} rows`);
        const altered = integrity.filter((day) => day.files.some((f) => f.state === 'altered'));
        if (altered.length > 0) terminal.err(`warning: ${altered.length} journal day(s) no longer match their SHA-256: ${altered.map((d) => `${d.station} ${d.day}`).join(', ')}`);
      } finally {
        await store.close();
      }
    });
}

/** The journal days of the period (by UTC day) and stations, as the Integrity section lists them. */
function integrityOf(days: readonly JournalDay[], period: { from: string; to: string }, stations: readonly string[] | undefined): IntegrityDay[] {
  const first = period.from.slice(0, 10);
  const last = period.to.slice(0, 10);
  return days
    .filter((day) => day.day >= first && day.day <= last && (stations === undefined || stations.includes(day.station ?? '')))
    .map((day) => ({
      station: day.station ?? day.stationDir,
      day: day.day,
      files: day.files.map((file) => ({ name: file.path, ...(file.sha256 ?? file.recordedSha256 ? { sha256: file.sha256 ?? file.recordedSha256 } : {}), state: file.state })),
    }));
}

/** The period and stations asked for; a bad time or an empty period is one line naming the option. */
function scopeOf(options: PilotReportOptions): PilotScope {
  const from = options.from !== undefined ? isoTime(options.from, '--from') : undefined;
  const to = options.to !== undefined ? isoTime(options.to, '--to') : undefined;
  if (from !== undefined && to !== undefined && to <= from) throw new ToolError('ERR_INVALID_OPTION', `--to ${options.to ?? ''} is not after --from ${options.from ?? ''}`);
  const stations = options.station?.map((s) => s.trim()).filter((s) => s !== '');
  if (options.station !== undefined && stations?.length === 0) throw new ToolError('ERR_INVALID_OPTION', '--station needs a station identity');
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(stations !== undefined ? { stations } : {}) };
}

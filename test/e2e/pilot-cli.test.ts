/**
 * End to end (the real CLI, `npm run build` first), the pilot of issue 16: `observe` with three
 * virtual stations of mixed profiles on a fast station clock (one whose converter fan degrades
 * until it trips, one whose link drops for a while), a site note written while it runs, a
 * `kill -9` of observe and a restart in the middle, then `pilot-report`: the plan outcome, the
 * failure with the temperature rise before it, the notes, the outage, and open data that
 * validates against its datapackage. Once with the SQLite store, once against a real PostgreSQL
 * server.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJournalRecords } from '../../src/evidence/journal-files.js';
import { framePayload } from '../../src/evidence/journal-record.js';
import { findJournals } from '../../src/observe/store/ingest-journals.js';
import { useCliBed, type CliBed, type CliProcess } from '../helpers/cli-process.js';
import { describeErrors, validateDataPackage } from '../helpers/datapackage-validator.js';
import { usePostgresCluster } from '../helpers/postgres-cluster.js';

const TIME_SCALE = '600';
const STATIONS = [
  { id: 'PILOT-DC', profile: 'dc-fast', scenario: 'fan-degradation' },
  { id: 'PILOT-AC', profile: 'ac-wallbox', scenario: 'comm-outage' },
  { id: 'PILOT-HPC', profile: 'hpc', scenario: 'daily-temperature-cycle' },
];

/** The converter trip of the fan scenario, from the station's journal days: its station timestamp, or undefined while it has not come. */
function tripOf(out: string, station: string): string | undefined {
  for (const journal of findJournals(out).filter((j) => j.startsWith(`${station}/`))) {
    for (const record of readJournalRecords(join(out, journal))) {
      if (record.record !== 'frame' || record.action !== 'NotifyEvent' || record.messageType !== 'CALL') continue;
      const items = ((framePayload(record) as { eventData?: Array<Record<string, unknown>> }).eventData ?? []);
      const trip = items.find((e) => (e['variable'] as { name?: string })?.name === 'Tripped' && e['actualValue'] === 'true' && (e['component'] as { name?: string })?.name === 'AcDcConverter');
      if (trip) return String(trip['timestamp']);
    }
  }
  return undefined;
}

/** The page's text as a reader sees it (scripts and styles out, tags out, white space folded). */
function textOf(html: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`' };
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|#x27|#x3D|#x60);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, ' ');
}

async function until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function pilot(bed: CliBed, storeArgs: string[]): Promise<void> {
  const out = bed.tempDir();
  const started = new Date(Date.now() - 60_000).toISOString();
  const observeArgs = ['observe', '--out', out, '--status-interval', '5', '--check-interval', '0', '--report-window', '30', ...storeArgs];
  const first = bed.cli([...observeArgs, '--port', '0']);
  const [, url, port] = (await first.waitForStdout(/CSMS listening on (ws:\/\/127\.0\.0\.1:(\d+)\/ocpp\/)/, 30_000)) as unknown as [string, string, string];
  const stations: CliProcess[] = STATIONS.map((s) => bed.cli(['simulate', '--url', url, '--id', s.id, '--profile', s.profile, '--scenario', s.scenario, '--time-scale', TIME_SCALE, '--seed', '5', '--sensor-interval', '60000']));
  for (const s of STATIONS) await first.waitForStdout(new RegExp(`${s.id}: plan guideline:\\S+ after a boot`), 60_000);

  // A technician's note while observe runs (the store takes a second writer).
  const visit = await bed.runToExit(['annotate', '--out', out, ...storeArgs, '--station', 'PILOT-DC', '--at', new Date().toISOString(), '--kind', 'site-visit', '--text', 'Converter fan sounds rough; left running']);
  expect(visit.exit, visit.stderr).to.deep.equal({ code: 0, signal: null });

  // kill -9 in the middle; the restarted observe continues the same journals and store.
  first.child.kill('SIGKILL');
  await first.exited;
  const second = bed.cli([...observeArgs, '--port', port]);
  for (const s of STATIONS) await second.waitForStdout(new RegExp(`${s.id}: plan guideline:\\S+ after a reconnect`), 90_000);
  await until('the converter to trip', () => tripOf(out, 'PILOT-DC') !== undefined, 120_000);
  // Some station time after the trip, so the report has what came after it too.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  expect(await second.interrupt(), second.stderr).to.deep.equal({ code: 0, signal: null });
  for (const station of stations) station.child.kill('SIGINT');

  const trip = tripOf(out, 'PILOT-DC')!;
  const failure = await bed.runToExit(['annotate', '--out', out, ...storeArgs, '--station', 'PILOT-DC', '--at', trip, '--kind', 'failure', '--text', 'Converter tripped on over-temperature; fan replaced']);
  expect(failure.exit, failure.stderr).to.deep.equal({ code: 0, signal: null });

  // Nothing the journals hold is missing from the index, kill -9 or not.
  const rebuild = await bed.runToExit(['store', 'rebuild', '--out', out, ...storeArgs]);
  expect(rebuild.exit, rebuild.stderr).to.deep.equal({ code: 0, signal: null });
  expect(rebuild.stdoutLines.at(-1), rebuild.stdout).to.match(/ 0 indexed, \d+ already there: /);

  // The stations' clocks ran 600 times faster than ours: the period reaches from the start (our
  // clock) to an hour after the trip (the station's clock), so both kinds of time fall in it.
  const to = new Date(Date.parse(trip) + 3_600_000).toISOString();
  const report = await bed.runToExit(['pilot-report', '--out', out, ...storeArgs, '--from', started, '--to', to]);
  expect(report.exit, report.stderr).to.deep.equal({ code: 0, signal: null });
  const html = readFileSync(join(out, 'pilot-report', 'index.html'), 'utf8');
  const text = textOf(html);
  for (const s of STATIONS) expect(text).to.include(s.id);
  expect(text, 'the plan outcome').to.match(/PILOT-DC \(guideline:dc-fast\): \d+ accepted/);
  expect(text, 'the site visit').to.include('Converter fan sounds rough');
  expect(text, 'the failure with the temperature rise before it').to.match(/failure: Converter tripped on over-temperature; fan replaced Looking back: .{0,120}AcDcConverter\[1\] Temperature rose from [\d.]+ to [\d.]+/);
  expect(text, 'the outage').to.match(/station offline/);
  expect(text, 'every journal day verified').to.match(/\d+ journal files over 3 station-days: \d+ verified, 0 altered/);
  const validation = await validateDataPackage(join(out, 'pilot-report', 'datapackage.json'));
  expect(validation.errors, describeErrors(validation)).to.deep.equal([]);
}

describe('a pilot from observe to evidence report (end to end)', function () {
  this.timeout(600_000);
  const bed = useCliBed('pilot');

  it('SQLite: three stations observed, a note, kill -9 and restart, a trip, then the report and its open data', async () => {
    await pilot(bed, []);
  });

  describe('against PostgreSQL', () => {
    const cluster = usePostgresCluster();
    it('the same pilot with the store on a real PostgreSQL server', async () => {
      await pilot(bed, ['--store', cluster().url]);
    });
  });
});

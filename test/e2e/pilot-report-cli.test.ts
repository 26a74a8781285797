/**
 * End to end (the real CLI, `npm run build` first): `pilot-report` writes the evidence report of a
 * pilot from a real SQLite store, filled here from generated journals (two stations, two days,
 * one with a converter that heats up and trips) and a failure note written with `annotate`; bad
 * input is one line naming the option, and exit 2 (issue 16).
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../src/observe/store/sqlite-store.js';
import { pilotJournal, TRIP_HOUR } from '../fixtures/pilot-journal.js';
import { useCliBed } from '../helpers/cli-process.js';

const START = new Date('2026-12-01T00:00:00Z');

async function fillStore(out: string): Promise<void> {
  const store = new SqliteStore(join(out, 'pilot.sqlite'));
  try {
    await store.migrate();
    for (const [identity, failureDay] of [['CS-A', undefined], ['CS-B', 1]] as const) {
      for (const records of pilotJournal({ identity, start: START, days: 2, variables: 4, ...(failureDay !== undefined ? { failureDay } : {}) })) await store.ingest(`${identity}/trace.jsonl`, records);
    }
  } finally {
    await store.close();
  }
}

describe('ocpp-audit pilot-report (end to end)', function () {
  this.timeout(120_000);
  const { cli, tempDir } = useCliBed('e2e-pilot-report');

  it('writes <out>/pilot-report/index.html: the stations, the failure note with the temperature rise before it, the outage', async () => {
    const out = tempDir();
    await fillStore(out);
    const tripAt = `2026-12-02T${TRIP_HOUR}:00:30Z`;
    const note = cli(['annotate', '--out', out, '--station', 'CS-B', '--at', tripAt, '--kind', 'failure', '--text', 'module 1 tripped, fan seized']);
    expect(await note.waitForExit(), note.stderr).to.deep.equal({ code: 0, signal: null });
    const report = cli(['pilot-report', '--out', out]);
    expect(await report.waitForExit(), report.stderr).to.deep.equal({ code: 0, signal: null });
    const page = join(out, 'pilot-report', 'index.html');
    expect(report.stdoutLines).to.have.length(2);
    expect(report.stdoutLines[0]).to.match(new RegExp(`^${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 2 stations, 2026-12-01 00:00:01 UTC to 2026-12-02 23:55 UTC \\(1 d 23 h\\), [0-9.]+ MB$`));
    // The open data beside it, for the same period.
    expect(report.stdoutLines[1]).to.match(new RegExp(`^${join(out, 'pilot-report', 'datapackage.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 9 CSV files, \\d+ rows$`));
    const html = readFileSync(page, 'utf8');
    expect(html).to.contain('CS-B</code>, 2026-12-02 14:00:30 UTC: failure: module 1 tripped, fan seized');
    expect(html).to.match(/PowerModule\[1\]@EVSE 1 Temperature<\/strong> rose from [0-9.]+ to [0-9.]+/);
    expect(html).to.contain('Faulted (StatusNotification); fault code CX003 (ChargeX HighTemperature');
    expect(html).to.contain('accepted, and the station shows it');
  });

  it('one station and a period: --station, --from, --to, --report-dir', async () => {
    const out = tempDir();
    await fillStore(out);
    const dir = join(out, 'elsewhere');
    const report = cli(['pilot-report', '--out', out, '--station', 'CS-A', '--from', '2026-12-01T00:00:00Z', '--to', '2026-12-01T12:00:00Z', '--report-dir', dir]);
    expect(await report.waitForExit(), report.stderr).to.deep.equal({ code: 0, signal: null });
    expect(report.stdoutLines[0]).to.contain(': 1 station, 2026-12-01 00:00 UTC to 2026-12-01 12:00 UTC (12 h 00 min)');
    expect(existsSync(join(dir, 'index.html'))).to.equal(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).to.not.contain('CS-B');
  });

  it('bad input is one line naming the option, and exit 2', async () => {
    const out = tempDir();
    await fillStore(out);
    const cases: Array<[string[], string]> = [
      [['--from', 'yesterday'], 'ocpp-audit: --from "yesterday" is not an ISO 8601 time with a zone (e.g. 2026-12-01T08:30:00Z)'],
      [['--from', '2026-12-02T00:00:00Z', '--to', '2026-12-01T00:00:00Z'], 'ocpp-audit: --to 2026-12-01T00:00:00Z is not after --from 2026-12-02T00:00:00Z'],
      [['--station', 'CS-NOPE'], `ocpp-audit: --station CS-NOPE: not in sqlite ${join(out, 'pilot.sqlite')}`],
    ];
    for (const [args, line] of cases) {
      const run = cli(['pilot-report', '--out', out, ...args]);
      expect(await run.waitForExit(), args.join(' ')).to.deep.equal({ code: 2, signal: null });
      expect(run.stderrLines).to.deep.equal([line]);
    }
    const missing = cli(['pilot-report', '--out', join(out, 'no-such-dir')]);
    expect(await missing.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(missing.stderrLines).to.deep.equal([`ocpp-audit: --out ${join(out, 'no-such-dir')}: no such directory`]);
  });
});

/**
 * End to end (the real CLI, `npm run build` first): `annotate` writes site observations into the
 * pilot store, one from the options or a technician's log with --import; bad input is one line
 * and exit 2, and nothing of a bad log is written (issue 16).
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../src/observe/store/sqlite-store.js';
import { useCliBed } from '../helpers/cli-process.js';

async function annotations(out: string): Promise<Array<{ station: string; kind: string; text: string; at: string; until?: string }>> {
  const store = new SqliteStore(join(out, 'pilot.sqlite'));
  try {
    await store.migrate();
    return await store.annotations();
  } finally {
    await store.close();
  }
}

describe('ocpp-audit annotate (end to end)', function () {
  this.timeout(60_000);
  const { cli, tempDir } = useCliBed('e2e-annotate');

  it('one observation from the options, then a log of two; the store holds all three in time order', async () => {
    const out = tempDir();
    const one = cli(['annotate', '--out', out, '--station', 'CS-1', '--at', '2026-12-01T10:00:00Z', '--kind', 'failure', '--text', 'converter tripped', '--author', 'Ana']);
    expect(await one.waitForExit(), one.stderr).to.deep.equal({ code: 0, signal: null });
    expect(one.stdout).to.match(/^#1 CS-1 2026-12-01T10:00:00.000Z failure: converter tripped$/m);
    const log = join(out, 'notes.csv');
    writeFileSync(log, 'station,at,kind,text,until\nCS-1,2026-12-01T08:00:00Z,excluded,grid outage,2026-12-01T09:00:00Z\nCS-2,2026-12-01T12:00:00Z,repair,"fan replaced, cleared"\n');
    const imported = cli(['annotate', '--out', out, '--import', log]);
    expect(await imported.waitForExit(), imported.stderr).to.deep.equal({ code: 0, signal: null });
    expect(imported.stdout).to.match(/^2 observation\(s\) written to /m);
    const stored = await annotations(out);
    expect(stored.map((a) => [a.station, a.kind, a.text])).to.deep.equal([
      ['CS-1', 'excluded', 'grid outage'],
      ['CS-1', 'failure', 'converter tripped'],
      ['CS-2', 'repair', 'fan replaced, cleared'],
    ]);
    expect(stored[0]?.until).to.equal('2026-12-01T09:00:00.000Z');
  });

  it('bad input is one line and exit 2; a log with one bad line writes nothing', async () => {
    const out = tempDir();
    const missing = cli(['annotate', '--out', out, '--station', 'CS-1']);
    expect(await missing.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(missing.stderrLines).to.deep.equal(['ocpp-audit: annotate needs --kind, --text (or --import <csv>)']);
    const log = join(out, 'notes.csv');
    writeFileSync(log, 'station,at,kind,text\nCS-1,2026-12-01T08:00:00Z,note,fine\nCS-1,2026-12-01T09:00:00,note,no zone\n');
    const bad = cli(['annotate', '--out', out, '--import', log]);
    expect(await bad.waitForExit()).to.deep.equal({ code: 2, signal: null });
    expect(bad.stderrLines).to.deep.equal([`ocpp-audit: ${log}: line 3: at "2026-12-01T09:00:00" is not an ISO 8601 time with a zone (e.g. 2026-12-01T08:30:00Z)`]);
    expect(await annotations(out)).to.deep.equal([]);
  });
});

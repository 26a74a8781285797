/**
 * End to end (the real CLI, `npm run build` first): `store rebuild` indexes the journals of a
 * real `demo` into <out>/pilot.sqlite, and a second rebuild changes nothing (issue 16).
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/observe/store/sqlite-store.js';
import { childEnv, CliProcess } from '../helpers/cli-process.js';

const children: CliProcess[] = [];
const dirs: string[] = [];

function cli(args: string[]): CliProcess {
  const child = new CliProcess(args, childEnv());
  children.push(child);
  return child;
}

describe('ocpp-audit store rebuild (end to end)', function () {
  this.timeout(180_000);
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exit === undefined) child.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-store-'));
    dirs.push(dir);
    return dir;
  }

  it('indexes a demo\'s journal into <out>/pilot.sqlite; rebuilt again, the same counts and nothing new', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { periodicIntervalS: 1, periodicIntervals: 3 } }));
    const demo = cli(['demo', '--testcases', 'inventory-full,events-periodic', '--config', config, '--out', out]);
    expect(await demo.waitForExit(120_000), demo.stderr).to.deep.equal({ code: 0, signal: null });

    const first = cli(['store', 'rebuild', '--out', out]);
    expect(await first.waitForExit(60_000), first.stderr).to.deep.equal({ code: 0, signal: null });
    const perJournal = /^VIRTUAL-DEMO\/trace\.jsonl: (\d+) records, (\d+) indexed, 0 already there$/m.exec(first.stdout);
    expect(perJournal, first.stdout).to.not.equal(null);
    const [records, indexed] = [Number(perJournal?.[1]), Number(perJournal?.[2])];
    expect(indexed).to.be.greaterThan(0).and.at.most(records);
    const store = join(out, 'pilot.sqlite');
    expect(first.stdoutLines.at(-1)).to.equal(`1 journal(s), ${records} records, ${indexed} indexed, 0 already there: sqlite ${store}`);

    const second = cli(['store', 'rebuild', '--out', out]);
    expect(await second.waitForExit(60_000), second.stderr).to.deep.equal({ code: 0, signal: null });
    expect(second.stdoutLines).to.deep.equal([
      `VIRTUAL-DEMO/trace.jsonl: ${records} records, 0 indexed, ${indexed} already there`,
      `1 journal(s), ${records} records, 0 indexed, ${indexed} already there: sqlite ${store}`,
    ]);

    // What the periodic monitors sent is there to query.
    const opened = new SqliteStore(store);
    try {
      const periodic = (await opened.events({ stations: ['VIRTUAL-DEMO'] })).filter((e) => e.trigger === 'Periodic');
      expect(periodic.length, 'periodic NotifyEvent items').to.be.greaterThan(1);
      expect((await opened.stations()).map((s) => s.identity)).to.deep.equal(['VIRTUAL-DEMO']);
    } finally {
      await opened.close();
    }
  });

  it('a --out that is not there: one line, exit 2, no store written', async () => {
    const dir = tempDir();
    const rebuild = cli(['store', 'rebuild', '--out', join(dir, 'missing')]);
    expect(await rebuild.waitForExit(), rebuild.stderr).to.deep.equal({ code: 2, signal: null });
    expect(rebuild.stderrLines).to.deep.equal([`ocpp-audit: --out ${join(dir, 'missing')}: no such directory`]);
    expect(rebuild.stdout).to.equal('');
    expect(existsSync(join(dir, 'missing'))).to.equal(false);
  });
});

/**
 * End to end (the real CLI, `npm run build` first): `store rebuild --store postgres://…` indexes a
 * real demo's journal into a PostgreSQL database (issue 16, the store across machines); two
 * processes rebuilding into it at once index each record once; an unreachable database is one
 * line. Against a real throwaway server (test/helpers/postgres-cluster).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../../src/observe/store/postgres-store.js';
import { childEnv, CliProcess } from '../helpers/cli-process.js';
import { usePostgresCluster } from '../helpers/postgres-cluster.js';

const children: CliProcess[] = [];
const dirs: string[] = [];

function cli(args: string[]): CliProcess {
  const child = new CliProcess(args, childEnv());
  children.push(child);
  return child;
}

describe('ocpp-audit store rebuild into PostgreSQL (end to end)', function () {
  this.timeout(180_000);
  const cluster = usePostgresCluster();
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exit === undefined) child.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('two rebuilds at once into one database index each record of a demo once; a third finds everything there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-pg-'));
    dirs.push(dir);
    const out = join(dir, 'out');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { periodicIntervalS: 1, periodicIntervals: 3 } }));
    const demo = cli(['demo', '--testcases', 'inventory-full,events-periodic', '--config', config, '--out', out]);
    expect(await demo.waitForExit(120_000), demo.stderr).to.deep.equal({ code: 0, signal: null });

    const url = cluster().url;
    const description = `postgres ${new URL(url).host}/observe`;
    const rebuilds = [cli(['store', 'rebuild', '--out', out, '--store', url]), cli(['store', 'rebuild', '--out', out, '--store', url])];
    for (const rebuild of rebuilds) expect(await rebuild.waitForExit(60_000), rebuild.stderr).to.deep.equal({ code: 0, signal: null });
    const counts = rebuilds.map((rebuild) => {
      const line = /^VIRTUAL-DEMO\/trace\.jsonl: (\d+) records, (\d+) indexed, (\d+) already there$/m.exec(rebuild.stdout);
      expect(line, rebuild.stdout).to.not.equal(null);
      expect(rebuild.stdoutLines.at(-1)).to.match(new RegExp(`: ${description.replace(/\./g, '\\.')}$`));
      return { records: Number(line?.[1]), added: Number(line?.[2]), skipped: Number(line?.[3]) };
    });
    const indexed = counts[0].added + counts[1].added;
    expect(indexed, 'each record indexed by one of the two').to.be.greaterThan(0).and.at.most(counts[0].records);

    const third = cli(['store', 'rebuild', '--out', out, '--store', url]);
    expect(await third.waitForExit(60_000), third.stderr).to.deep.equal({ code: 0, signal: null });
    expect(third.stdoutLines).to.deep.equal([
      `VIRTUAL-DEMO/trace.jsonl: ${counts[0].records} records, 0 indexed, ${indexed} already there`,
      `1 journal(s), ${counts[0].records} records, 0 indexed, ${indexed} already there: ${description}`,
    ]);

    const store = await PostgresStore.open(url);
    try {
      const periodic = (await store.events({ stations: ['VIRTUAL-DEMO'] })).filter((e) => e.trigger === 'Periodic');
      expect(periodic.length, 'periodic NotifyEvent items').to.be.greaterThan(1);
      expect((await store.messages()).length + (await store.connections()).length).to.equal(indexed);
    } finally {
      await store.close();
    }
  });

  it('a database that cannot be reached: one line without the password, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-pg-'));
    dirs.push(dir);
    const rebuild = cli(['store', 'rebuild', '--out', dir, '--store', 'postgres://pilot:secret@127.0.0.1:1/pilot']);
    expect(await rebuild.waitForExit(), rebuild.stderr).to.deep.equal({ code: 1, signal: null });
    expect(rebuild.stderrLines).to.have.length(1);
    expect(rebuild.stderrLines[0]).to.match(/^ocpp-audit: cannot reach the PostgreSQL store 127\.0\.0\.1:1\/pilot: /);
    expect(rebuild.stderr).to.not.include('secret');
  });
});

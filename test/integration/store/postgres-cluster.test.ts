/**
 * The throwaway PostgreSQL cluster the store tests run on: it says in one line when PostgreSQL is
 * missing (the tests then fail with that line, they are never skipped), and stop() leaves no
 * server and no directory behind.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { POSTGRES_MISSING, startPostgresCluster } from '../../helpers/postgres-cluster.js';

describe('test helper: a throwaway PostgreSQL cluster', function () {
  this.timeout(90_000);

  it('says PostgreSQL is not installed when there is no initdb', async () => {
    const saved = process.env['POSTGRES_BINDIR'];
    process.env['POSTGRES_BINDIR'] = mkdtempSync(join(tmpdir(), 'no-postgres-'));
    try {
      let message = '';
      await startPostgresCluster().catch((error: unknown) => (message = (error as Error).message));
      expect(message).to.equal(POSTGRES_MISSING);
    } finally {
      if (saved === undefined) delete process.env['POSTGRES_BINDIR'];
      else process.env['POSTGRES_BINDIR'] = saved;
    }
  });

  it('serves a fresh database on a loopback port, and stop() leaves no server and no directory', async () => {
    const cluster = await startPostgresCluster('fresh');
    let dataDirectory: string | undefined;
    try {
      expect(cluster.url).to.match(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/fresh$/);
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const result = await client.query<{ directory: string; tables: string }>("SELECT current_setting('data_directory') AS directory, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS tables");
      await client.end();
      dataDirectory = result.rows[0].directory;
      expect(Number(result.rows[0].tables)).to.equal(0);
      expect(existsSync(dataDirectory)).to.equal(true);
    } finally {
      cluster.stop();
    }
    expect(dataDirectory, 'the server said where its data is').to.be.a('string');
    expect(existsSync(dataDirectory), 'the cluster directory is removed').to.equal(false);
    // Nothing listens on its port any more: the port can be taken again.
    const port = Number(new URL(cluster.url).port);
    const server = createServer();
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (listening) await new Promise((resolve) => server.close(resolve));
    expect(listening, 'the server is stopped').to.equal(true);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A PostgreSQL server of its own for a test file, thrown away afterwards. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/<db>`: a fresh empty database. */
  url: string;
  /** Another fresh empty database on the same server. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once and removes its directory; safe to call twice. */
  stop(): void;
}

/** The one line a test fails with where the server is missing (the README says the tests need it). */
export const POSTGRES_MISSING = 'PostgreSQL is not installed (no initdb found): the store tests need PostgreSQL 15 (Debian: apt-get install postgresql)';

/** Clusters still running; stopped on exit too, so a crashed or interrupted run leaves none behind. */
const running = new Set<PostgresCluster>();
let exitHookInstalled = false;

/**
 * Starts a throwaway cluster: `initdb` in a temporary directory (owned by the `postgres` user
 * when the tests run as root, because the server refuses to run as root), the server on a free
 * loopback port with its socket in that directory, and a fresh database. Throws POSTGRES_MISSING
 * where PostgreSQL is not installed.
 */
export async function startPostgresCluster(database = 'observe'): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error(POSTGRES_MISSING);
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-pg-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
    chownSync(dataDir, uid, gid);
  }
  const run = (program: string, args: string[]): void => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] as const : [join(bin, program), args] as const;
    execFileSync(command[0], command[1], { stdio: 'pipe', cwd: dir });
  };
  const port = await freeLoopbackPort();
  let started = false;
  const cluster: PostgresCluster = {
    url: '',
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: urlOf(port, 'postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return urlOf(port, name);
    },
    stop: () => {
      running.delete(cluster);
      // Immediate: a test cluster has nothing to flush, and a client still connected must not hold it up.
      if (started) spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), 'stop', '-D', dataDir, '-m', 'immediate', '-w'], { stdio: 'pipe' });
      started = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    started = true;
    running.add(cluster);
    installExitHook();
    // -w waits until the server accepts connections.
    run('pg_ctl', ['start', '-D', dataDir, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`]);
    cluster.url = await cluster.createDatabase(database);
    return cluster;
  } catch (error) {
    cluster.stop();
    throw new Error(`could not start a PostgreSQL test cluster: ${firstLine(error)}`, { cause: error });
  }
}

/**
 * Registers a cluster for the describe block it is called in: started before its tests, stopped
 * after them (also when a test failed). Call `cluster()` inside a test or hook.
 */
export function usePostgresCluster(): () => PostgresCluster {
  let cluster: PostgresCluster | undefined;
  before(async function () {
    this.timeout(90_000);
    cluster = await startPostgresCluster();
  });
  after(() => cluster?.stop());
  return () => {
    if (!cluster) throw new Error(POSTGRES_MISSING);
    return cluster;
  };
}

/**
 * POSTGRES_BINDIR when set (PostgreSQL installed elsewhere), else `pg_config --bindir`, else the
 * newest Debian `/usr/lib/postgresql/<n>/bin`; undefined when none has initdb and pg_ctl.
 */
function postgresBinDir(): string | undefined {
  const override = process.env['POSTGRES_BINDIR'];
  if (override !== undefined && override !== '') return existsSync(join(override, 'initdb')) && existsSync(join(override, 'pg_ctl')) ? override : undefined;
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config comes with libpq-dev, not with the server: look where Debian puts the server.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

function postgresUser(): { uid: number; gid: number } {
  const read = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
  try {
    return { uid: read('-u'), gid: read('-g') };
  } catch {
    throw new Error('the tests run as root and there is no postgres user to run the server as (the Debian package creates it)');
  }
}

/** A port the OS says is free on 127.0.0.1 (listen on port 0, read it, close). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function urlOf(port: number, database: string): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const stopAll = (): void => {
    for (const cluster of [...running]) cluster.stop();
  };
  process.once('exit', stopAll);
  // Ctrl-C or a kill ends the process without 'exit' handlers: stop the servers, then die of the same signal.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopAll();
      process.kill(process.pid, signal);
    });
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr;
  const text = stderr !== undefined && String(stderr).trim() !== '' ? String(stderr).trim() : error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

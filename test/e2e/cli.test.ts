/**
 * End-to-end tests of the `ocpp-audit` command: the real CLI (bin/ocpp-audit.js, which runs the
 * compiled code in dist/, so `npm run build` first) in a child process, with a station client on
 * the other end of a real socket. Everything waits on real events (stdout lines, process exits,
 * call outcomes), never on timing.
 */
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { framePayload, type ConnectionRecord, type FrameRecord, type JournalRecord } from '../../src/evidence/journal-record.js';
import type { RpcConnection } from '../../src/ocpp/rpc-connection.js';
import { connectAsStation, type StationConnectOptions } from '../../src/ocpp/station-client.js';
import { makeTestPki, type TestPki } from '../helpers/certificates.js';
import { readJournal } from '../helpers/csms-fixture.js';
import { childEnv, CliProcess, type Exit, killRunning, WAIT_MS } from '../helpers/cli-process.js';


const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const BOOT_PAYLOAD = {
  reason: 'PowerUp',
  chargingStation: { vendorName: 'E2EVendor', model: 'E2EModel', serialNumber: 'E2E-SN-42', firmwareVersion: '9.8.7' },
};

const children: CliProcess[] = [];
const stations: RpcConnection[] = [];
const tempDirs: string[] = [];
const netServers: NetServer[] = [];
const rawSockets: Socket[] = [];

function tempDir(prefix = 'ocpp-audit-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv = childEnv()): CliProcess {
  const cli = new CliProcess(args, env);
  children.push(cli);
  return cli;
}

interface RunningCli {
  cli: CliProcess;
  /** The URL stations connect to (the identity is appended), as printed on stdout's first line. */
  url: string;
  port: number;
  outDir: string;
}

/** Starts `ocpp-audit run` on a free port of 127.0.0.1 and reads the URL from its first line. */
async function startCli(extraArgs: string[] = [], options: { outDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunningCli> {
  const outDir = options.outDir ?? join(tempDir(), 'out');
  const cli = spawnCli(['run', '--record-only', '--host', '127.0.0.1', '--port', '0', '--out', outDir, ...extraArgs], options.env ?? childEnv());
  await cli.waitForStdout(/\n/);
  const first = cli.stdoutLines[0] ?? '';
  const match = /^CSMS listening on (wss?:\/\/127\.0\.0\.1:(\d+)\/ocpp\/) \(/.exec(first);
  expect(match, `first stdout line: ${first}`).to.not.equal(null);
  const [, url, port] = match as RegExpExecArray;
  return { cli, url: url, port: Number(port), outDir };
}

async function connect(options: StationConnectOptions): Promise<RpcConnection> {
  const station = await connectAsStation({ callTimeoutMs: WAIT_MS, handshakeTimeoutMs: WAIT_MS, ...options });
  stations.push(station);
  return station;
}

/** Resolves once the station's connection has closed. */
function closeOf(station: RpcConnection): Promise<{ code: number; reason: string }> {
  return new Promise((resolveClose) => {
    if (!station.isOpen) resolveClose({ code: 0, reason: 'already closed' });
    else station.once('close', ({ code, reason }) => resolveClose({ code, reason }));
  });
}

/** Runs the CLI to completion (for commands that must end on their own: errors, --help). */
async function runToExit(args: string[], env: NodeJS.ProcessEnv = childEnv()): Promise<{ exit: Exit; stdout: string; stderr: string; cli: CliProcess }> {
  const cli = spawnCli(args, env);
  const exit = await cli.waitForExit();
  return { exit, stdout: cli.stdout, stderr: cli.stderr, cli };
}

/**
 * A WebSocket upgrade by hand: the path goes out exactly as written (no URL normalisation), and
 * the peer then says nothing at all, not even to a closing handshake.
 */
function rawUpgrade(port: number, path: string): Promise<{ status: number; socket?: Socket }> {
  return new Promise((resolveUpgrade, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Protocol': 'ocpp2.0.1',
      },
    });
    req.once('upgrade', (res, socket) => {
      rawSockets.push(socket);
      socket.on('error', () => {});
      resolveUpgrade({ status: res.statusCode ?? 0, socket });
    });
    req.once('response', (res) => {
      res.resume();
      resolveUpgrade({ status: res.statusCode ?? 0 });
    });
    req.once('error', reject);
    req.end();
  });
}

function sha256Hex(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else files.push(path);
  }
  return files;
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel.length > 0 && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function frames(records: JournalRecord[]): FrameRecord[] {
  return records.filter((record): record is FrameRecord => record.record === 'frame');
}

function connectionEvents(records: JournalRecord[]): ConnectionRecord[] {
  return records.filter((record): record is ConnectionRecord => record.record === 'connection');
}

/** The JSON text a frame record's `raw` must equal: the OCPP-J array as sent. */
function expectedRaw(record: FrameRecord): string {
  if (record.messageType === 'CALL') return JSON.stringify([2, record.messageId, record.action, framePayload(record)]);
  if (record.messageType === 'CALLRESULT') return JSON.stringify([3, record.messageId, framePayload(record)]);
  throw new Error(`unexpected ${record.messageType} in ${JSON.stringify(record)}`);
}

/** `<path>: sha256 <hex>` lines printed at shutdown for the connection events beside each trace. */
function connectionsHashLines(stdout: string): Array<{ path: string; sha256: string }> {
  return [...stdout.matchAll(/^(.+): sha256 ([0-9a-f]{64})$/gm)].map((m) => ({ path: m[1], sha256: m[2] }));
}

/** `<path>: N records, sha256 <hex>` lines printed at shutdown. */
function summaryLines(stdout: string): Array<{ path: string; records: number; sha256: string }> {
  return [...stdout.matchAll(/^(.+): (\d+) records, sha256 ([0-9a-f]{64})$/gm)].map((m) => ({
    path: m[1],
    records: Number(m[2]),
    sha256: m[3],
  }));
}

let sharedPki: TestPki | undefined;
/** Real openssl certificates, made once for the whole file (key generation is slow). */
function pki(): TestPki {
  sharedPki ??= makeTestPki();
  return sharedPki;
}

/** 24 characters: a valid BasicAuthPassword (16 to 64). */
const PASSWORD = `e2e-Secret-${randomBytes(6).toString('hex')}x`;
const SIXTEEN_CHARS = '0123456789abcdef';

describe('ocpp-audit CLI (end to end)', function () {
  this.timeout(90_000);

  afterEach(async () => {
    for (const station of stations.splice(0)) station.terminate();
    for (const socket of rawSockets.splice(0)) socket.destroy();
    for (const server of netServers.splice(0)) await new Promise<void>((done) => server.close(() => done()));
    await killRunning(children);
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  after(() => {
    if (sharedPki) rmSync(sharedPki.dir, { recursive: true, force: true });
    sharedPki = undefined;
  });

  it('records a normal session: connection, boot, heartbeat, status, a clean shutdown on SIGINT with the journal hash', async () => {
    const { cli, url, outDir } = await startCli();
    expect(cli.stdoutLines[0]).to.match(/^CSMS listening on ws:\/\/127\.0\.0\.1:\d+\/ocpp\/ \(no authentication \(lab use\), subprotocols ocpp2\.1, ocpp2\.0\.1, ocpp1\.6\)$/);

    const station = await connect({ url, identity: 'CS-E2E' });
    await cli.waitForStdout(/^\[[\d:.]+\] CS-E2E connected from 127\.0\.0\.1 \(connection 1, ocpp2\.0\.1\)$/m);

    const boot = await station.call('BootNotification', BOOT_PAYLOAD);
    expect(boot.ok, JSON.stringify(boot)).to.equal(true);
    if (!boot.ok) return;
    expect(boot.payload['status']).to.equal('Accepted');
    await cli.waitForStdout(
      /^\[[\d:.]+\] CS-E2E BootNotification \(PowerUp\): vendor E2EVendor, model E2EModel, serial E2E-SN-42, firmware 9\.8\.7 → Accepted$/m,
    );

    const heartbeat = await station.call('Heartbeat', {});
    expect(heartbeat.ok, JSON.stringify(heartbeat)).to.equal(true);
    const statusPayload = { timestamp: new Date().toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 };
    const status = await station.call('StatusNotification', statusPayload);
    expect(status.ok, JSON.stringify(status)).to.equal(true);
    if (!heartbeat.ok || !status.ok) return;

    const stationClosed = closeOf(station);
    const exit = await cli.interrupt();
    expect(exit, cli.stderr).to.deep.equal({ code: 0, signal: null });
    expect((await stationClosed).code).to.equal(1001);
    expect(cli.stderr).to.equal('');
    expect(cli.stdout).to.match(/^SIGINT: closing connections and journals$/m);

    const tracePath = join(outDir, 'CS-E2E', 'trace.jsonl');
    expect(existsSync(tracePath), tracePath).to.equal(true);
    const summaries = summaryLines(cli.stdout);
    expect(summaries.map((s) => s.path)).to.deep.equal([tracePath]);
    const summary = summaries[0];
    const hash = sha256Hex(tracePath);
    expect(summary.sha256).to.equal(hash);
    expect(readFileSync(`${tracePath}.sha256`, 'utf8')).to.equal(`${hash}  trace.jsonl\n`);
    // The connection events beside the trace are hashed the same way.
    const connectionsPath = join(outDir, 'CS-E2E', 'connections.jsonl');
    const connectionsHash = sha256Hex(connectionsPath);
    expect(connectionsHashLines(cli.stdout)).to.deep.equal([{ path: connectionsPath, sha256: connectionsHash }]);
    expect(readFileSync(`${connectionsPath}.sha256`, 'utf8')).to.equal(`${connectionsHash}  connections.jsonl\n`);

    const records = readJournal(tracePath);
    expect(summary.records).to.equal(records.length);
    expect(records.map((r) => r.seq)).to.deep.equal(records.map((_r, i) => i + 1));
    expect(records.every((r) => r.chargePointId === 'CS-E2E')).to.equal(true);

    const describeRecord = (r: JournalRecord): string =>
      r.record === 'connection' ? `connection:${r.event}` : `${r.messageType}:${r.action}:${r.direction}`;
    expect(records.map(describeRecord)).to.deep.equal([
      'connection:journal-open',
      'connection:open',
      'CALL:BootNotification:cp-to-csms',
      'CALLRESULT:BootNotification:csms-to-cp',
      'CALL:Heartbeat:cp-to-csms',
      'CALLRESULT:Heartbeat:csms-to-cp',
      'CALL:StatusNotification:cp-to-csms',
      'CALLRESULT:StatusNotification:csms-to-cp',
      'connection:close',
    ]);

    const open = records[1] as ConnectionRecord;
    expect(open.details['protocol']).to.equal('ocpp2.0.1');
    expect(open.connection).to.equal(1);
    const close = records[8] as ConnectionRecord;
    expect(close.details['code']).to.equal(1001);

    // Each CALL is followed by its own CALLRESULT, with the ids the station saw.
    const frameRecords = frames(records);
    const ids = [boot.messageId, heartbeat.messageId, status.messageId];
    ids.forEach((id, index) => {
      const call = frameRecords[2 * index];
      const result = frameRecords[2 * index + 1];
      expect(call.messageId).to.equal(id);
      expect(result.messageId).to.equal(id);
      expect(result.action).to.equal(call.action);
    });
    expect(framePayload(frameRecords[0])).to.deep.equal(BOOT_PAYLOAD);
    expect(framePayload(frameRecords[4])).to.deep.equal(statusPayload);
    expect(framePayload(frameRecords[1])).to.deep.equal(boot.payload);

    for (const frame of frameRecords) {
      expect(frame.timestamp, JSON.stringify(frame)).to.match(ISO_WITH_MS);
      expect(frame.monotonicMs).to.be.a('number');
      expect(frame.connection).to.equal(1);
      expect(frame.raw).to.equal(expectedRaw(frame));
      expect(frame.validation?.valid, JSON.stringify(frame)).to.equal(true);
      expect(frame.findings ?? []).to.deep.equal([]);
    }
    for (const event of connectionEvents(records)) expect(event.timestamp).to.match(ISO_WITH_MS);

    const serverEvents = join(outDir, 'server-events.jsonl');
    expect(existsSync(serverEvents), serverEvents).to.equal(true);
    const serverRecords = readJournal(serverEvents);
    expect(connectionEvents(serverRecords).map((r) => r.event)).to.deep.equal(['journal-open', 'open', 'close']);
  });

  it('keeps every answered frame in the journal when the CLI is killed with SIGKILL', async () => {
    const { cli, url, outDir } = await startCli();
    const station = await connect({ url, identity: 'CS-E2E' });
    const boot = await station.call('BootNotification', BOOT_PAYLOAD);
    expect(boot.ok, JSON.stringify(boot)).to.equal(true);

    const count = 50;
    const answered: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const outcome = await station.call('Heartbeat', {});
      expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
      if (outcome.ok) answered.push(outcome.messageId);
    }

    cli.child.kill('SIGKILL');
    const exit = await cli.waitForExit();
    expect(exit.signal).to.equal('SIGKILL');

    // Both files of the journal (frames, connection events); one seq runs across them.
    const records = ['trace.jsonl', 'connections.jsonl'].flatMap((name) => {
      const text = readFileSync(join(outDir, 'CS-E2E', name), 'utf8');
      // Records are written whole and synchronously before the answer leaves: no torn last line.
      expect(text.endsWith('\n'), `${name} ends with a complete line`).to.equal(true);
      return text.slice(0, -1).split('\n').map((line, index) => {
        try {
          return JSON.parse(line) as JournalRecord;
        } catch (error) {
          throw new Error(`${name} line ${index + 1} is not JSON (${(error as Error).message}): ${line}`, { cause: error });
        }
      });
    });
    records.sort((a, b) => a.seq - b.seq);
    expect(records.map((r) => r.seq)).to.deep.equal(records.map((_r, i) => i + 1));

    const heartbeatFrames = frames(records).filter((r) => r.action === 'Heartbeat');
    const calls = heartbeatFrames.filter((r) => r.messageType === 'CALL' && r.direction === 'cp-to-csms');
    const results = heartbeatFrames.filter((r) => r.messageType === 'CALLRESULT' && r.direction === 'csms-to-cp');
    expect(calls.map((r) => r.messageId)).to.deep.equal(answered);
    expect(results.map((r) => r.messageId)).to.deep.equal(answered);
    // And each answer comes after its CALL.
    for (let i = 0; i < count; i += 1) {
      expect((results[i]).seq).to.be.greaterThan((calls[i]).seq);
    }
  });

  it('keeps Basic-auth passwords out of the evidence (security profile 1), right and wrong ones', async () => {
    const { cli, url, outDir } = await startCli(['--security-profile', '1', '--password', PASSWORD]);
    expect(cli.stdoutLines[0]).to.contain('(security profile 1, subprotocols ocpp2.1, ocpp2.0.1, ocpp1.6)');
    expect(cli.stderr).to.equal('');

    const station = await connect({ url, identity: 'CS-E2E', password: PASSWORD });
    const boot = await station.call('BootNotification', BOOT_PAYLOAD);
    expect(boot.ok, JSON.stringify(boot)).to.equal(true);

    const wrongPassword = `wrong-${randomBytes(8).toString('hex')}-pw`;
    let refusal: (Error & { status?: number }) | undefined;
    try {
      await connect({ url, identity: 'CS-E2E', password: wrongPassword });
    } catch (error) {
      refusal = error as Error & { status?: number };
    }
    expect(refusal, 'the wrong password is refused').to.not.equal(undefined);
    expect(refusal?.status).to.equal(401);
    await cli.waitForStdout(/^\[[\d:.]+\] refused CS-E2E from 127\.0\.0\.1: HTTP 401 wrong-password \(.*\)$/m);

    const exit = await cli.interrupt();
    expect(exit, cli.stderr).to.deep.equal({ code: 0, signal: null });

    const secrets = [
      PASSWORD,
      wrongPassword,
      Buffer.from(`CS-E2E:${PASSWORD}`, 'utf8').toString('base64'),
      Buffer.from(`CS-E2E:${wrongPassword}`, 'utf8').toString('base64'),
    ];
    const files = filesUnder(outDir);
    expect(files.map((f) => relative(outDir, f)).sort()).to.include.members([
      join('CS-E2E', 'trace.jsonl'),
      join('CS-E2E', 'trace.jsonl.sha256'),
      join('CS-E2E', 'connections.jsonl'),
      join('CS-E2E', 'connections.jsonl.sha256'),
      'server-events.jsonl',
    ]);
    for (const file of files) {
      const content = readFileSync(file, 'utf8');
      for (const secret of secrets) expect(content.includes(secret), `${file} contains a secret`).to.equal(false);
    }
    for (const secret of secrets) expect(cli.stdout + cli.stderr).to.not.contain(secret);

    const records = readJournal(join(outDir, 'CS-E2E', 'trace.jsonl'));
    const open = connectionEvents(records).find((r) => r.event === 'open');
    expect(open?.details['securityProfile']).to.equal(1);
    expect((open?.details['auth'] as Record<string, unknown> | undefined)?.['username']).to.equal('CS-E2E');
    const rejected = connectionEvents(records).find((r) => r.event === 'rejected');
    expect(rejected?.details['status']).to.equal(401);
    expect(rejected?.details['reason']).to.equal('wrong-password');
  });

  describe('errors for people: one line, and an exit code', () => {
    /** A ToolError: exactly one line on stderr, `ocpp-audit: ...`. */
    function expectToolError(stderr: string, pattern: RegExp): void {
      const lines = stderr.split('\n').filter((line) => line.length > 0);
      expect(lines, stderr).to.have.length(1);
      expect(lines[0]).to.match(/^ocpp-audit: /);
      expect(lines[0]).to.match(pattern);
    }

    /** A usage error found by the option parser: exactly one line too, `ocpp-audit: ...`. */
    function expectUsageError(stderr: string, pattern: RegExp): void {
      expectToolError(stderr, pattern);
    }

    it('port already in use → exit 1, naming the port, nothing recorded', async () => {
      const blocker = createNetServer();
      netServers.push(blocker);
      await new Promise<void>((listening) => blocker.listen(0, '127.0.0.1', () => listening()));
      const { port } = blocker.address() as AddressInfo;
      const out = join(tempDir(), 'out');
      const { exit, stderr } = await runToExit(['run', '--host', '127.0.0.1', '--port', String(port), '--out', out]);
      expect(exit, stderr).to.deep.equal({ code: 1, signal: null });
      expectToolError(stderr, new RegExp(`\\bport ${port}\\b.*in use`));
      expect(existsSync(out), 'no evidence directory for a CSMS that never listened').to.equal(false);
    });

    it('--port abc → exit 2', async () => {
      const { exit, stderr } = await runToExit(['run', '--port', 'abc', '--out', join(tempDir(), 'out')]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectUsageError(stderr, /--port.*'abc'/);
    });

    it('--heartbeat-interval 1.5 → exit 2 when parsed (OCPP sends the interval as an integer; it used to become a CALLERROR InternalError to the station\'s boot)', async () => {
      const out = join(tempDir(), 'out');
      const { exit, stderr } = await runToExit(['run', '--port', '0', '--heartbeat-interval', '1.5', '--out', out]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectUsageError(stderr, /--heartbeat-interval.*'1\.5'.*whole number/);
      expect(existsSync(out), 'nothing recorded for a refused option').to.equal(false);
    });

    it('--call-timeout 0 → exit 2', async () => {
      const { exit, stderr } = await runToExit(['run', '--port', '0', '--call-timeout', '0', '--out', join(tempDir(), 'out')]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectUsageError(stderr, /--call-timeout.*'0'/);
    });

    it('an --out that cannot be a directory → exit 1, naming it, and the port is released', async () => {
      const blocker = join(tempDir(), 'a-file');
      writeFileSync(blocker, 'not a directory');
      const { exit, stderr } = await runToExit(['run', '--port', '0', '--out', blocker]);
      expect(exit, stderr).to.deep.equal({ code: 1, signal: null });
      expectToolError(stderr, /a-file.*cannot open the journal/);
    });

    it('--security-profile 5 → exit 2', async () => {
      const { exit, stderr } = await runToExit(['run', '--port', '0', '--security-profile', '5', '--out', join(tempDir(), 'out')]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectUsageError(stderr, /--security-profile.*'5'/);
    });

    it('--security-profile 1 without a password (none in the environment either) → exit 2', async () => {
      const env = childEnv();
      expect(env['OCPP_AUDIT_PASSWORD']).to.equal(undefined);
      const { exit, stderr } = await runToExit(['run', '--port', '0', '--security-profile', '1', '--out', join(tempDir(), 'out')], env);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectToolError(stderr, /security profile 1 needs --password/);
    });

    it('--security-profile 2 with missing certificate and key files → exit 2, naming the file', async () => {
      const dir = tempDir();
      const certFile = join(dir, 'nonexistent.pem');
      const keyFile = join(dir, 'nonexistent.key');
      const { exit, stderr } = await runToExit([
        'run', '--port', '0', '--out', join(dir, 'out'),
        '--security-profile', '2', '--password', SIXTEEN_CHARS, '--tls-cert', certFile, '--tls-key', keyFile,
      ]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectToolError(stderr, /no such file/);
      expect(stderr).to.contain(certFile);
    });

    it('a certificate file that is not PEM → exit 2, naming the file', async () => {
      const dir = tempDir();
      const certFile = join(dir, 'garbage.pem');
      writeFileSync(certFile, 'this is not a certificate\n\x00\x01garbage\n');
      const { exit, stderr } = await runToExit([
        'run', '--port', '0', '--out', join(dir, 'out'),
        '--security-profile', '2', '--password', SIXTEEN_CHARS, '--tls-cert', certFile, '--tls-key', pki().serverRsa.keyFile,
      ]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectToolError(stderr, /not a PEM certificate/);
      expect(stderr).to.contain(certFile);
    });

    it('a key that does not belong to the certificate → exit 2, naming both files', async () => {
      const { serverRsa, serverEcdsa } = pki();
      const { exit, stderr } = await runToExit([
        'run', '--port', '0', '--out', join(tempDir(), 'out'),
        '--security-profile', '2', '--password', SIXTEEN_CHARS, '--tls-cert', serverRsa.certFile, '--tls-key', serverEcdsa.keyFile,
      ]);
      expect(exit, stderr).to.deep.equal({ code: 2, signal: null });
      expectToolError(stderr, /does not belong to the certificate/);
      expect(stderr).to.contain(serverEcdsa.keyFile);
      expect(stderr).to.contain(serverRsa.certFile);
    });

    it('--help → exit 0 and lists the run command', async () => {
      const { exit, stdout, stderr } = await runToExit(['--help']);
      expect(exit, stderr).to.deep.equal({ code: 0, signal: null });
      expect(stdout).to.match(/^Usage: ocpp-audit /m);
      expect(stdout).to.match(/^\s+run\b/m);
      expect(stdout).to.contain('--help');
      expect(stdout).to.contain('--version');
    });

    it('run --help → exit 0 and lists the options', async () => {
      const { exit, stdout, stderr } = await runToExit(['run', '--help']);
      expect(exit, stderr).to.deep.equal({ code: 0, signal: null });
      expect(stdout).to.match(/^Usage: ocpp-audit run /m);
      for (const option of [
        '--host', '--port', '--path', '--out', '--security-profile', '--password', '--tls-cert', '--tls-key', '--tls-ca',
        '--boot-status', '--heartbeat-interval', '--call-timeout', '--ping-interval',
      ]) {
        expect(stdout, option).to.match(new RegExp(`^\\s+${option}\\b`, 'm'));
      }
      expect(stdout).to.contain('OCPP_AUDIT_PASSWORD');
    });
  });

  it('serves security profile 2 (wss, Basic auth) with real certificate files', async () => {
    const { serverRsa, ca } = pki();
    const { cli, url, outDir } = await startCli([
      '--security-profile', '2', '--password', PASSWORD, '--tls-cert', serverRsa.certFile, '--tls-key', serverRsa.keyFile,
    ]);
    expect(url).to.match(/^wss:\/\//);
    expect(cli.stdoutLines[0]).to.contain('(security profile 2, subprotocols ocpp2.1, ocpp2.0.1, ocpp1.6)');

    const station = await connect({ url, identity: 'CS-TLS', password: PASSWORD, ca: ca.cert });
    await cli.waitForStdout(/^\[[\d:.]+\] CS-TLS connected from 127\.0\.0\.1 \(connection 1, ocpp2\.0\.1, TLSv1\.[23]\)$/m);
    const boot = await station.call('BootNotification', BOOT_PAYLOAD);
    expect(boot.ok, JSON.stringify(boot)).to.equal(true);
    if (boot.ok) expect(boot.payload['status']).to.equal('Accepted');
    await cli.waitForStdout(/^\[[\d:.]+\] CS-TLS BootNotification \(PowerUp\): .* → Accepted$/m);

    const exit = await cli.interrupt();
    expect(exit, cli.stderr).to.deep.equal({ code: 0, signal: null });
    const tracePath = join(outDir, 'CS-TLS', 'trace.jsonl');
    const records = readJournal(tracePath);
    const open = connectionEvents(records).find((r) => r.event === 'open');
    expect(open?.details['securityProfile']).to.equal(2);
    expect((open?.details['tls'] as Record<string, unknown> | undefined)?.['protocol']).to.match(/^TLSv1\.[23]$/);
    expect((open?.details['auth'] as Record<string, unknown> | undefined)?.['username']).to.equal('CS-TLS');
    expect(frames(records).map((r) => `${r.messageType}:${r.action}`)).to.deep.equal(['CALL:BootNotification', 'CALLRESULT:BootNotification']);
    expect(summaryLines(cli.stdout)).to.deep.equal([{ path: tracePath, records: records.length, sha256: sha256Hex(tracePath) }]);
  });

  it('never lets a station identity choose a path outside --out', async () => {
    // Nested, so that "../../etc" from the evidence directory lands inside this test's temp dir.
    const root = tempDir();
    const outDir = join(root, 'a', 'b', 'out');
    const { cli, url, port } = await startCli([], { outDir });

    // "../../etc" arrives percent-encoded (..%2F..%2Fetc). The CSMS may refuse it (a decoded "/" is
    // not an identity) or accept it into a sanitised directory; either way nothing may escape.
    let traversalStatus: number | undefined;
    try {
      const station = await connect({ url, identity: '../../etc' });
      const boot = await station.call('BootNotification', BOOT_PAYLOAD);
      expect(boot.ok, JSON.stringify(boot)).to.equal(true);
    } catch (error) {
      traversalStatus = (error as { status?: number }).status;
      expect(traversalStatus, String(error)).to.equal(400);
    }

    // Backslashes: not separators here, but they must not reach a directory name either.
    const backslashed = await connect({ url, identity: '..\\..\\etc' });
    expect((await backslashed.call('BootNotification', BOOT_PAYLOAD)).ok).to.equal(true);

    // ".." itself: WebSocket clients normalise dot segments away, so this one goes over a raw
    // HTTP upgrade with the path exactly as written.
    const dotDot = await rawUpgrade(port, '/ocpp/..');
    expect(dotDot.status, 'the ".." identity is accepted (101)').to.equal(101);
    await cli.waitForStdout(/^\[[\d:.]+\] \.\. connected from /m);
    // This raw peer would not answer a closing handshake; hang up first (see the last test).
    dotDot.socket?.destroy();
    await cli.waitForStdout(/^\[[\d:.]+\] \.\. disconnected /m);

    const exit = await cli.interrupt();
    expect(exit, cli.stderr).to.deep.equal({ code: 0, signal: null });

    const realOut = realpathSync(outDir);
    const traces = filesUnder(root).filter((file) => file.endsWith('trace.jsonl'));
    const journalFiles = filesUnder(root).filter((file) => file.endsWith('trace.jsonl') || file.endsWith('connections.jsonl'));
    expect(journalFiles, 'each trace has its connection events beside it').to.have.length(2 * traces.length);
    for (const trace of journalFiles) {
      expect(isInside(realOut, realpathSync(trace)), `${trace} is inside ${realOut}`).to.equal(true);
      expect(dirname(realpathSync(trace))).to.not.equal(realOut);
    }
    expect(existsSync(join(root, 'a', 'etc')), 'nothing at <out>/../../etc').to.equal(false);

    const stationDirs = readdirSync(outDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const entry of stationDirs) {
      expect(entry.name).to.not.contain('/');
      expect(entry.name).to.not.contain('\\');
      expect(entry.name).to.not.contain('..');
      expect(statSync(join(outDir, entry.name, 'trace.jsonl')).isFile()).to.equal(true);
      expect(statSync(join(outDir, entry.name, 'connections.jsonl')).isFile()).to.equal(true);
    }

    // Each journal says which identity it holds; the directory name only has to be safe.
    const identities = stationDirs.map((entry) => readJournal(join(outDir, entry.name, 'trace.jsonl'))[0]?.chargePointId).sort();
    const expected = traversalStatus === undefined ? ['..', '../../etc', '..\\..\\etc'] : ['..', '..\\..\\etc'];
    expect(identities).to.deep.equal(expected.sort());
    expect(traces).to.have.length(expected.length);

    for (const summary of summaryLines(cli.stdout)) {
      expect(isInside(resolve(outDir), resolve(summary.path)), summary.path).to.equal(true);
    }

    if (traversalStatus !== undefined) {
      // The refusal is evidence too.
      const rejected = connectionEvents(readJournal(join(outDir, 'server-events.jsonl'))).filter((r) => r.event === 'rejected');
      expect(rejected.map((r) => r.details['status'])).to.deep.equal([400]);
      expect(rejected[0]?.details['url']).to.equal('/ocpp/..%2F..%2Fetc');
    }
  });

  it('closes the journal of a station that never answers the closing handshake with a close record', async function () {
    // ws's own close timeout (30 s) is what finally ends such a connection today; allow for it.
    this.timeout(120_000);
    const { cli, port, outDir } = await startCli();
    const silent = await rawUpgrade(port, '/ocpp/CS-SILENT');
    expect(silent.status).to.equal(101);
    await cli.waitForStdout(/^\[[\d:.]+\] CS-SILENT connected from /m);

    cli.child.kill('SIGINT');
    const exit = await cli.waitForExit(90_000);
    expect(exit, cli.stderr).to.deep.equal({ code: 0, signal: null });

    const tracePath = join(outDir, 'CS-SILENT', 'trace.jsonl');
    const records = readJournal(tracePath);
    // The hashes printed and written at close must cover the whole journal, close record (in connections.jsonl) included.
    expect(summaryLines(cli.stdout)).to.deep.equal([{ path: tracePath, records: records.length, sha256: sha256Hex(tracePath) }]);
    const connectionsPath = join(outDir, 'CS-SILENT', 'connections.jsonl');
    expect(connectionsHashLines(cli.stdout)).to.deep.equal([{ path: connectionsPath, sha256: sha256Hex(connectionsPath) }]);
    expect(readFileSync(`${connectionsPath}.sha256`, 'utf8')).to.equal(`${sha256Hex(connectionsPath)}  connections.jsonl\n`);
    expect(connectionEvents(records).map((r) => `${r.event}:${r.connection ?? '-'}`)).to.deep.equal([
      'journal-open:-',
      'open:1',
      'close:1',
    ]);
  });
});

describe('ocpp-audit simulate (end to end)', function () {
  this.timeout(60_000);

  it('runs a virtual station against the real CSMS command: boot, status, and a clean stop of both', async () => {
    const csms = await startCli();
    const simulator = spawnCli(['simulate', '--url', csms.url, '--id', 'SIM-E2E', '--profile', 'minimal', '--seed', '7']);
    await simulator.waitForStdout(/BootNotification → Accepted/);
    await csms.cli.waitForStdout(/SIM-E2E BootNotification \(PowerUp\): vendor ocpp-audit, model VS-Minimal, serial VSM-0001, firmware 1\.0\.0 → Accepted/);
    await simulator.waitForStdout(/→ StatusNotification/);
    simulator.child.kill('SIGINT');
    expect(await simulator.waitForExit(), simulator.stderr).to.deep.equal({ code: 0, signal: null });
    await csms.cli.waitForStdout(/SIM-E2E disconnected \(code 1000/);
    csms.cli.child.kill('SIGINT');
    expect(await csms.cli.waitForExit(), csms.cli.stderr).to.deep.equal({ code: 0, signal: null });
    const records = readJournal(join(csms.outDir, 'SIM-E2E', 'trace.jsonl'));
    const actions = frames(records)
      .filter((r) => r.direction === 'cp-to-csms' && r.messageType === 'CALL')
      .map((r) => r.action);
    expect(actions.slice(0, 2)).to.deep.equal(['BootNotification', 'StatusNotification']);
    expect(frames(records).every((r) => r.validation?.valid !== false)).to.equal(true);
  });

  it('keeps running and reconnects when the CSMS goes away and comes back on the same port', async () => {
    const first = await startCli();
    const simulator = spawnCli(['simulate', '--url', first.url, '--id', 'SIM-BACK', '--profile', 'minimal']);
    await simulator.waitForStdout(/BootNotification → Accepted/);
    first.cli.child.kill('SIGINT');
    expect(await first.cli.waitForExit(), first.cli.stderr).to.deep.equal({ code: 0, signal: null });
    await simulator.waitForStdout(/reconnecting in/);
    // The station's own timers do not hold a process open; the simulate command must.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(simulator.child.exitCode, simulator.stdout).to.equal(null);
    const second = await startCli(['--port', String(first.port)], { outDir: join(tempDir(), 'out-again') });
    await second.cli.waitForStdout(/SIM-BACK connected from/);
    second.cli.child.kill('SIGINT');
    expect(await second.cli.waitForExit(), second.cli.stderr).to.deep.equal({ code: 0, signal: null });
    simulator.child.kill('SIGINT');
    expect(await simulator.waitForExit(), simulator.stderr).to.deep.equal({ code: 0, signal: null });
  });

  it('refuses an unknown profile and an unknown fault with one line and exit 2', async () => {
    const profile = await runToExit(['simulate', '--url', 'ws://127.0.0.1:1/ocpp', '--profile', 'no-such-profile']);
    expect(profile.exit.code, profile.stderr).to.equal(2);
    expect(profile.stderr.trim().split('\n')).to.have.length(1);
    expect(profile.stderr).to.match(/^ocpp-audit: .*no-such-profile.*no such profile \(built-in: .*minimal/);
    const fault = await runToExit(['simulate', '--url', 'ws://127.0.0.1:1/ocpp', '--fault', 'sneeze']);
    expect(fault.exit.code, fault.stderr).to.equal(2);
    expect(fault.stderr).to.match(/^ocpp-audit: .*--fault.*unknown fault; known: report-seqno-from-1/);
  });

  it('refuses event-flood on a profile without monitoring: simulate and demo, one line, exit 2, and demo starts nothing', async () => {
    const expected = '--fault event-flood: profile minimal does not implement monitoring, so it sends no NotifyEvent to flood with';
    const simulate = await runToExit(['simulate', '--url', 'ws://127.0.0.1:1/ocpp', '--profile', 'minimal', '--fault', 'event-flood']);
    expect(simulate.exit.code, simulate.stderr).to.equal(2);
    expect(simulate.stderr.trim()).to.equal(`ocpp-audit: ${expected}`);
    const out = join(mkdtempSync(join(tmpdir(), 'ocpp-audit-flood-')), 'out');
    const demo = await runToExit(['demo', '--profile', 'minimal', '--fault', 'event-flood', '--out', out]);
    expect(demo.exit.code, demo.stderr).to.equal(2);
    expect(demo.stderr.trim()).to.equal(`ocpp-audit: ${expected}`);
    // Refused before the CSMS listened: no output directory, no server log.
    expect(existsSync(out)).to.equal(false);
    rmSync(dirname(out), { recursive: true, force: true });
  });
});

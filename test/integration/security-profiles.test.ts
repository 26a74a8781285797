import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import type { ConnectionRecord, JournalRecord } from '../../src/evidence/journal-record.js';
import type { Csms, CsmsOptions } from '../../src/session/csms.js';
import { safeDirName } from '../../src/session/safe-dir-name.js';
import { connectAsStation, type StationConnectOptions } from '../../src/ocpp/station-client.js';
import type { RpcConnection } from '../../src/ocpp/rpc-connection.js';
import { makeTestPki, type Pem, type TestPki } from '../helpers/certificates.js';
import { BOOT_PAYLOAD, closeAndWait, connectStation, eventually, readJournal, startCsms, stopCsms } from '../helpers/csms-fixture.js';

/** 16+ characters, as OCPP 2.0.1 requires for BasicAuthPassword. */
const PASSWORD = 'Correct-Horse-Battery-9f3a7c';
const WRONG_PASSWORD = 'Wrong-Staple-Password-42b8e1d';

const GET_VARIABLES_REQUEST = {
  getVariableData: [{ component: { name: 'ChargingStation' }, variable: { name: 'Model' } }],
};

type RefusedError = Error & { code?: string; status?: number };

/** Connects and expects the CSMS to refuse; returns the error (with `status` when HTTP answered). */
async function expectRefused(options: StationConnectOptions): Promise<RefusedError> {
  let connection: RpcConnection | undefined;
  try {
    connection = await connectAsStation({ callTimeoutMs: 5000, handshakeTimeoutMs: 10_000, ...options });
  } catch (error) {
    return error as RefusedError;
  }
  connection.terminate();
  throw new Error(`expected ${options.identity} to be refused, but it connected`);
}

/** Server-level connection records written so far. */
function serverEvents(csms: Csms): ConnectionRecord[] {
  return readJournal(join(csms.options.outDir, 'server-events.jsonl')).filter(
    (r: JournalRecord): r is ConnectionRecord => r.record === 'connection',
  );
}

function waitForServerEvent(csms: Csms, what: string, predicate: (record: ConnectionRecord) => boolean): Promise<ConnectionRecord> {
  return eventually(() => serverEvents(csms).find(predicate), 5000, what);
}

function waitForRejection(csms: Csms, reason: string, identity?: string): Promise<ConnectionRecord> {
  return waitForServerEvent(
    csms,
    `a rejected record with reason ${reason}`,
    (r) => r.event === 'rejected' && r.details['reason'] === reason && (identity === undefined || r.details['identity'] === identity),
  );
}

function tracePath(csms: Csms, identity: string): string {
  return join(csms.options.outDir, safeDirName(identity), 'trace.jsonl');
}

function stationRecords(csms: Csms, identity: string): ConnectionRecord[] {
  const path = tracePath(csms, identity);
  if (!existsSync(path)) return [];
  return readJournal(path).filter((r: JournalRecord): r is ConnectionRecord => r.record === 'connection');
}

function openRecord(csms: Csms, identity: string, connection = 1): ConnectionRecord {
  const record = stationRecords(csms, identity).find((r) => r.event === 'open' && r.connection === connection);
  expect(record, `open record of connection ${connection} of ${identity}`).to.not.equal(undefined);
  return record as ConnectionRecord;
}

/** Every file under a directory, recursively, as text. */
function allFiles(dir: string): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...allFiles(path));
    else if (entry.isFile()) files.push({ path, text: readFileSync(path, 'latin1') });
  }
  return files;
}

/** A WebSocket upgrade with arbitrary headers; resolves with the HTTP status of a refusal (or 101) and its headers. */
function upgrade(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, ['ocpp2.0.1'], { headers });
    socket.on('error', () => {
      // The 'unexpected-response' handler settles; terminating a CONNECTING socket raises an error too.
    });
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      socket.terminate();
    });
    socket.once('open', () => {
      resolve({ status: 101, headers: {} });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

interface RawUpgradeResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** The close code of the first frame the server sent, if it was a Close frame. */
  closeCode?: number;
  closeReason?: string;
}

/**
 * An upgrade request written by hand, so that a refused subprotocol can be observed: the ws client
 * library aborts by itself when the server picks no subprotocol, before it could see the Close frame.
 */
function rawUpgrade(url: string, protocols: string[]): Promise<RawUpgradeResult> {
  const target = new URL(url.replace(/^ws/, 'http'));
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': protocols.join(', '),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('upgrade', (res, socket, head) => {
      let bytes = Buffer.from(head);
      const settle = (): boolean => {
        if (bytes.length < 2) return false;
        const opcode = bytes[0] & 0x0f;
        const length = bytes[1] & 0x7f; // control frames are < 126 bytes and unmasked from a server
        if (bytes.length < 2 + length) return false;
        const result: RawUpgradeResult = { status: res.statusCode ?? 0, headers: res.headers };
        if (opcode === 0x8 && length >= 2) {
          result.closeCode = bytes.readUInt16BE(2);
          result.closeReason = bytes.subarray(4, 2 + length).toString('utf8');
        }
        socket.destroy();
        resolve(result);
        return true;
      };
      if (settle()) return;
      socket.on('data', (chunk: Buffer) => {
        bytes = Buffer.concat([bytes, chunk]);
        settle();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.end();
  });
}

function plainGetStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url.replace(/^ws/, 'http'), { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('security profiles and handshake (integration, real sockets)', function () {
  let pki: TestPki;
  let cs3Cert: Pem;
  let strangerCert: Pem;
  let otherCaCert: Pem;
  let csms: Csms | undefined;
  /** Station connections a test opened; closed after it. */
  let stations: RpcConnection[] = [];

  before(function () {
    this.timeout(120_000);
    pki = makeTestPki();
    cs3Cert = pki.client('CS3');
    strangerCert = pki.client('SOMEONE-ELSE');
    otherCaCert = pki.client('CS3', 'otherCa');
  });

  after(function () {
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    await Promise.all(stations.map((s) => closeAndWait(s).catch(() => undefined)));
    stations = [];
    const running = csms;
    csms = undefined;
    await stopCsms(running);
  });

  async function start(overrides: Partial<CsmsOptions>): Promise<Csms> {
    csms = await startCsms(overrides);
    return csms;
  }

  async function connect(
    server: Csms,
    identity: string,
    options: Partial<StationConnectOptions> & { boot?: boolean } = {},
  ): Promise<Awaited<ReturnType<typeof connectStation>>> {
    const result = await connectStation(server, identity, options);
    stations.push(result.station);
    return result;
  }

  /** Closes the CSMS (so every journal is flushed and hashed) and asserts no secret is anywhere in its evidence. */
  async function expectNoSecretsInEvidence(server: Csms, secrets: string[]): Promise<void> {
    await Promise.all(stations.map((s) => closeAndWait(s).catch(() => undefined)));
    stations = [];
    csms = undefined;
    try {
      await server.close();
      const files = allFiles(server.options.outDir);
      expect(files.map((f) => f.path)).to.include(join(server.options.outDir, 'server-events.jsonl'));
      for (const { path, text } of files) {
        for (const secret of secrets) {
          expect(text.includes(secret), `${secret} found in ${path}`).to.equal(false);
          const base64 = Buffer.from(secret, 'utf8').toString('base64');
          expect(text.includes(base64), `base64 of ${secret} found in ${path}`).to.equal(false);
        }
      }
    } finally {
      rmSync(server.options.outDir, { recursive: true, force: true });
    }
  }

  describe('profile 1: Basic auth over ws', function () {
    const profile1 = (): Partial<CsmsOptions> => ({ securityProfile: 1, passwordFor: () => PASSWORD });

    it('accepts the right credentials and answers BootNotification with Accepted', async function () {
      const server = await start(profile1());
      expect(server.url).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/ocpp\/$/);
      const { station } = await connect(server, 'CS1', { password: PASSWORD, boot: false });
      const outcome = await station.call('BootNotification', BOOT_PAYLOAD);
      expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
      if (!outcome.ok) return;
      expect(outcome.payload['status']).to.equal('Accepted');
      const open = openRecord(server, 'CS1');
      expect(open.details['securityProfile']).to.equal(1);
      expect(open.details['auth']).to.deep.include({ reason: 'accepted', username: 'CS1' });
      await expectNoSecretsInEvidence(server, [PASSWORD]);
    });

    it('answers 401 missing-credentials when there is no Authorization header', async function () {
      const server = await start(profile1());
      const error = await expectRefused({ url: server.url, identity: 'CS1' });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'missing-credentials', 'CS1');
      expect(record.details).to.include({ status: 401, identity: 'CS1' });
      expect(server.sessions.size).to.equal(0);
    });

    for (const header of ['Basic !!!', 'Bearer x']) {
      it(`answers 401 malformed-credentials to "Authorization: ${header}"`, async function () {
        const server = await start(profile1());
        const response = await upgrade(`${server.url}CS1`, { Authorization: header });
        expect(response.status).to.equal(401);
        expect(response.headers['www-authenticate']).to.match(/^Basic /);
        const record = await waitForRejection(server, 'malformed-credentials', 'CS1');
        expect(record.details).to.include({ status: 401 });
        expect(server.sessions.size).to.equal(0);
      });
    }

    it('answers 401 username-mismatch when the username is not the identity', async function () {
      const server = await start(profile1());
      const error = await expectRefused({ url: server.url, identity: 'CS1', username: 'CS2', password: PASSWORD });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'username-mismatch', 'CS1');
      expect(record.details).to.include({ status: 401 });
      // A username that is not the identity may be the password typed in the wrong field: not kept.
      expect(record.details).to.not.have.property('username');
      expect(JSON.stringify(record.details)).to.not.contain('CS2');
      await expectNoSecretsInEvidence(server, [PASSWORD]);
    });

    it('answers 401 wrong-password to a wrong password', async function () {
      const server = await start(profile1());
      const error = await expectRefused({ url: server.url, identity: 'CS1', password: WRONG_PASSWORD });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'wrong-password', 'CS1');
      expect(record.details).to.include({ status: 401, username: 'CS1' });
      await expectNoSecretsInEvidence(server, [PASSWORD, WRONG_PASSWORD]);
    });

    it('never writes the right or a wrong password to any evidence file', async function () {
      const server = await start(profile1());
      const { station } = await connect(server, 'CS1', { password: PASSWORD });
      await closeAndWait(station);
      expect((await expectRefused({ url: server.url, identity: 'CS1', password: WRONG_PASSWORD })).status).to.equal(401);
      expect((await expectRefused({ url: server.url, identity: 'CS1', username: 'CS9', password: PASSWORD })).status).to.equal(401);
      expect((await expectRefused({ url: server.url, identity: 'CS1', username: 'CS9', password: WRONG_PASSWORD })).status).to.equal(
        401,
      );
      expect((await expectRefused({ url: server.url, identity: 'CS2', password: WRONG_PASSWORD })).status).to.equal(401);
      await waitForRejection(server, 'wrong-password', 'CS2');
      // The known station's own journal records the rejections too.
      await eventually(() => stationRecords(server, 'CS1').filter((r) => r.event === 'rejected').length === 3, 5000, 'rejections in CS1 trace');
      await expectNoSecretsInEvidence(server, [PASSWORD, WRONG_PASSWORD]);
    });
  });

  describe('profile 2: TLS + Basic auth', function () {
    const profile2 = (): Partial<CsmsOptions> => ({
      securityProfile: 2,
      passwordFor: () => PASSWORD,
      tls: { cert: [pki.serverRsa.cert], key: [pki.serverRsa.key] },
    });

    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      it(`connects a station trusting the CA over ${version} and records protocol and username`, async function () {
        const server = await start(profile2());
        expect(server.url).to.match(/^wss:\/\//);
        const { station } = await connect(server, 'CS2', {
          password: PASSWORD,
          ca: pki.ca.cert,
          minTlsVersion: version,
          maxTlsVersion: version,
          boot: false,
        });
        const outcome = await station.call('BootNotification', BOOT_PAYLOAD);
        expect(outcome.ok && outcome.payload['status']).to.equal('Accepted');
        const open = openRecord(server, 'CS2');
        const tls = open.details['tls'] as Record<string, unknown>;
        expect(tls['protocol']).to.equal(version);
        expect(tls['cipher']).to.be.a('string').and.not.equal('');
        expect(tls).to.not.have.property('clientCertificate');
        expect((open.details['auth'] as Record<string, unknown>)['username']).to.equal('CS2');
        expect(open.details['securityProfile']).to.equal(2);
      });
    }

    it('answers 401 wrong-password over TLS', async function () {
      const server = await start(profile2());
      const error = await expectRefused({ url: server.url, identity: 'CS2', password: WRONG_PASSWORD, ca: pki.ca.cert });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'wrong-password', 'CS2');
      expect(record.details).to.include({ status: 401 });
      await expectNoSecretsInEvidence(server, [PASSWORD, WRONG_PASSWORD]);
    });

    it('refuses TLS 1.1 and records a tls-error', async function () {
      const server = await start(profile2());
      const error = await expectRefused({
        url: server.url,
        identity: 'CS2',
        password: PASSWORD,
        ca: pki.ca.cert,
        minTlsVersion: 'TLSv1',
        maxTlsVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      expect(error.code).to.equal('ERR_CONNECT');
      expect(error.status).to.equal(undefined);
      const record = await waitForServerEvent(server, 'a tls-error record', (r) => r.event === 'tls-error');
      expect(record.details['code']).to.be.a('string').and.match(/PROTOCOL|VERSION/);
      expect(record.details['remoteAddress']).to.be.a('string');
      expect(server.sessions.size).to.equal(0);
    });

    const dualCertificates = (): Partial<CsmsOptions> => ({
      ...profile2(),
      tls: { cert: [pki.serverRsa.cert, pki.serverEcdsa.cert], key: [pki.serverRsa.key, pki.serverEcdsa.key] },
    });

    for (const cipher of ['ECDHE-ECDSA-AES128-GCM-SHA256', 'AES128-GCM-SHA256']) {
      it(`with RSA and ECDSA certificates, accepts a TLS 1.2 client restricted to ${cipher}`, async function () {
        const server = await start(dualCertificates());
        await connect(server, 'CS2', { password: PASSWORD, ca: pki.ca.cert, maxTlsVersion: 'TLSv1.2', ciphers: cipher });
        const tls = openRecord(server, 'CS2').details['tls'] as Record<string, unknown>;
        expect(tls).to.include({ protocol: 'TLSv1.2', cipher });
      });
    }
  });

  describe('profile 3: mutual TLS', function () {
    const profile3 = (): Partial<CsmsOptions> => ({
      securityProfile: 3,
      tls: { cert: [pki.serverRsa.cert], key: [pki.serverRsa.key], ca: pki.ca.cert },
    });

    it('connects a station whose certificate CN is its identity and records the certificate', async function () {
      const server = await start(profile3());
      await connect(server, 'CS3', { ca: pki.ca.cert, cert: cs3Cert.cert, key: cs3Cert.key });
      const open = openRecord(server, 'CS3');
      const tls = open.details['tls'] as { protocol: string; clientCertificate?: Record<string, unknown> };
      expect(tls.protocol).to.be.oneOf(['TLSv1.2', 'TLSv1.3']);
      expect(tls.clientCertificate?.['commonName']).to.equal('CS3');
      expect(tls.clientCertificate?.['issuer']).to.contain('CN=ca');
      expect(open.details['securityProfile']).to.equal(3);
    });

    it('answers 401 no-client-certificate without a client certificate', async function () {
      const server = await start(profile3());
      const error = await expectRefused({ url: server.url, identity: 'CS3', ca: pki.ca.cert });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'no-client-certificate', 'CS3');
      expect(record.details).to.include({ status: 401 });
      expect(server.sessions.size).to.equal(0);
    });

    it('answers 401 untrusted-client-certificate to a certificate from another CA', async function () {
      const server = await start(profile3());
      const error = await expectRefused({ url: server.url, identity: 'CS3', ca: pki.ca.cert, cert: otherCaCert.cert, key: otherCaCert.key });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'untrusted-client-certificate', 'CS3');
      expect(record.details).to.include({ status: 401 });
      expect(server.sessions.size).to.equal(0);
    });

    it('answers 401 certificate-identity-mismatch when the CN is not the identity', async function () {
      const server = await start(profile3());
      const error = await expectRefused({ url: server.url, identity: 'CS3', ca: pki.ca.cert, cert: strangerCert.cert, key: strangerCert.key });
      expect(error.status).to.equal(401);
      const record = await waitForRejection(server, 'certificate-identity-mismatch', 'CS3');
      expect(record.details).to.include({ status: 401 });
      expect(String(record.details['detail'])).to.contain('SOMEONE-ELSE');
      expect(server.sessions.size).to.equal(0);
    });
  });

  describe('handshake rules (profile 0)', function () {
    it('closes with 1002 a client offering only a version it does not speak (ocpp1.5) and records subprotocol-missing', async function () {
      const server = await start({ securityProfile: 0 });
      const result = await rawUpgrade(`${server.url}CS0`, ['ocpp1.5']);
      expect(result.status).to.equal(101);
      expect(result.headers['sec-websocket-protocol']).to.equal(undefined);
      expect(result.closeCode).to.equal(1002);
      const record = await waitForServerEvent(server, 'a subprotocol-missing record', (r) => r.event === 'subprotocol-missing');
      expect(record.details['identity']).to.equal('CS0');
      expect(record.details['offeredProtocols']).to.deep.equal(['ocpp1.5']);
      expect(server.sessions.size).to.equal(0);
    });

    it('picks the newest version offered (ocpp2.1 of ocpp1.6, ocpp2.0.1, ocpp2.1), and only the forced one with --ocpp-version (issue 17)', async function () {
      const chosenBy = async (server: Csms, identity: string, protocols: string[]): Promise<string> => {
        const socket = new WebSocket(`${server.url}${identity}`, protocols);
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        socket.close();
        return socket.protocol;
      };
      const server = await start({ securityProfile: 0 });
      expect(await chosenBy(server, 'CS0', ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'])).to.equal('ocpp2.1');
      expect(await chosenBy(server, 'CS1', ['ocpp1.6'])).to.equal('ocpp1.6');
      await server.close();
      const forced = await start({ securityProfile: 0, ocppVersions: ['2.0.1'] });
      expect(await chosenBy(forced, 'CS2', ['ocpp2.1', 'ocpp2.0.1'])).to.equal('ocpp2.0.1');
      const refused = await rawUpgrade(`${forced.url}CS3`, ['ocpp1.6']);
      expect(refused.headers['sec-websocket-protocol']).to.equal(undefined);
      expect(refused.closeCode).to.equal(1002);
    });

    it('answers 404 to a path outside the prefix', async function () {
      const server = await start({ securityProfile: 0 });
      const error = await expectRefused({ url: server.url.replace('/ocpp/', '/other/'), identity: 'CS1' });
      expect(error.status).to.equal(404);
      await waitForRejection(server, 'unknown-path');
      expect(server.sessions.size).to.equal(0);
    });

    it('answers 400 to an identity of 49 characters', async function () {
      const server = await start({ securityProfile: 0 });
      const error = await expectRefused({ url: server.url, identity: 'X'.repeat(49) });
      expect(error.status).to.equal(400);
      const record = await waitForRejection(server, 'bad-identity');
      expect(record.details).to.include({ status: 400 });
      expect(server.sessions.size).to.equal(0);
      // 48 characters is the limit, not beyond it.
      const { session } = await connect(server, 'X'.repeat(48));
      expect(session.identity).to.have.length(48);
    });

    it('answers 400 to an identity containing ":" (%3A)', async function () {
      const server = await start({ securityProfile: 0 });
      expect((await upgrade(`${server.url}CS%3A1`, {})).status).to.equal(400);
      const error = await expectRefused({ url: server.url, identity: 'CS:1' });
      expect(error.status).to.equal(400);
      await waitForRejection(server, 'bad-identity');
      expect(server.sessions.size).to.equal(0);
    });

    it('decodes a percent-encoded identity (RDAM%20123 → "RDAM 123")', async function () {
      const server = await start({ securityProfile: 0 });
      const { session } = await connect(server, 'RDAM 123');
      expect(session.identity).to.equal('RDAM 123');
      expect([...server.sessions.keys()]).to.deep.equal(['RDAM 123']);
      const open = openRecord(server, 'RDAM 123');
      expect(open.details['url']).to.equal('/ocpp/RDAM%20123');
      expect(open.chargePointId).to.equal('RDAM 123');
    });

    it('answers 426 to a plain HTTP GET', async function () {
      const server = await start({ securityProfile: 0 });
      expect(await plainGetStatus(`${server.url}CS1`)).to.equal(426);
    });
  });

  describe('a second connection with the same identity', function () {
    it('replaces the first: the old one is closed, both are recorded, calls go to the new one', async function () {
      const server = await start({ securityProfile: 0 });
      const first = await connect(server, 'CS1');
      const firstClosed = new Promise<{ code: number; reason: string }>((resolve) => first.station.once('close', resolve));
      const firstCalls: unknown[] = [];
      first.station.handle('GetVariables', (payload) => {
        firstCalls.push(payload);
        throw new Error('the replaced connection must not be called');
      });

      const second = await connect(server, 'CS1');
      expect(second.session).to.equal(first.session);
      const closed = await firstClosed;
      expect(closed.code).to.equal(1000);
      expect(first.station.isOpen).to.equal(false);
      expect(second.station.isOpen).to.equal(true);
      expect(second.session.connectionCount).to.equal(2);

      const secondCalls: unknown[] = [];
      second.station.handle('GetVariables', (payload) => {
        secondCalls.push(payload);
        return {
          getVariableResult: [
            { attributeStatus: 'Accepted', attributeValue: 'TestModel', component: { name: 'ChargingStation' }, variable: { name: 'Model' } },
          ],
        };
      });
      const outcome = await second.session.call('GetVariables', GET_VARIABLES_REQUEST);
      expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
      if (!outcome.ok) return;
      expect((outcome.payload['getVariableResult'] as Array<Record<string, unknown>>)[0]?.['attributeValue']).to.equal('TestModel');
      expect(secondCalls).to.deep.equal([GET_VARIABLES_REQUEST]);
      expect(firstCalls).to.deep.equal([]);

      const records = await eventually(
        () => {
          const all = stationRecords(server, 'CS1');
          return all.some((r) => r.event === 'close' && r.connection === 1) ? all : undefined;
        },
        5000,
        'close record of connection 1',
      );
      expect(records.filter((r) => r.event === 'open').map((r) => r.connection)).to.deep.equal([1, 2]);
      const replaced = records.find((r) => r.event === 'replaced');
      expect(replaced, 'replaced record').to.not.equal(undefined);
      expect(replaced?.connection).to.equal(1);
      expect(replaced?.details['by']).to.equal(2);
      const frames = readJournal(tracePath(server, 'CS1')).filter((r) => r.record === 'frame' && r.action === 'GetVariables');
      expect(frames.length).to.equal(2);
      expect(frames.every((f) => f.connection === 2)).to.equal(true);
    });
  });
});

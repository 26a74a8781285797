/**
 * End to end (the real CLI, `npm run build` first): a secret a station volunteers, however it is
 * spelled, reaches no output of an audit: journal, evidence.json, result.json, reports, terminal.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, CliProcess } from '../helpers/cli-process.js';
import { RawClient } from '../helpers/raw-client.js';

const PASSWORD = 'volunteered-pass-word-7f3a';
/** The same password as the station may write it: a JSON escape for one letter. */
const ESCAPED = PASSWORD.replace('a', '\\u0061');
const TOKEN = 'query-token-9c1e5b';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

describe('secrets a station volunteers (end to end)', function () {
  this.timeout(120_000);
  let cli: CliProcess | undefined;
  let client: RawClient | undefined;
  let dir = '';

  afterEach(async () => {
    client?.socket.terminate();
    if (cli && !cli.exit) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a BasicAuthPassword in GetVariables results (written with \\u0061) and a query-string token out of every output', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-secrets-'));
    const out = join(dir, 'out');
    cli = new CliProcess(['run', '--host', '127.0.0.1', '--port', '0', '--out', out, '--testcases', 'session-boot', '--max-stations', '1', '--non-interactive', '--call-timeout', '5'], childEnv());
    const match = await cli.waitForStdout(/^CSMS listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp\/) /m);
    client = await RawClient.connect(`${match[1] ?? ''}CS-SECRET?token=${TOKEN}`);
    const socket = client.socket;
    let volunteered = 0;
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as unknown[];
      if (frame[0] !== 2) return;
      const [, id, action, payload] = frame as [number, string, string, { getVariableData?: Array<Record<string, unknown>> }];
      if (action === 'GetVariables') {
        volunteered += 1;
        const asked = (payload.getVariableData ?? []).map((item) => JSON.stringify({ attributeStatus: 'Accepted', attributeValue: '30', component: item['component'], variable: item['variable'] }));
        // The password goes out with a JSON escape, as text: JSON.stringify would never write one.
        const secret = `{"attributeStatus":"Accepted","attributeValue":"${ESCAPED}","component":{"name":"SecurityCtrlr"},"variable":{"name":"BasicAuthPassword"}}`;
        socket.send(`[3,${JSON.stringify(id)},{"getVariableResult":[${[...asked, secret].join(',')}]}]`);
      } else {
        socket.send(JSON.stringify([4, id, 'NotSupported', `${action} is not supported here`, {}]));
      }
    });
    socket.send(JSON.stringify([2, 'boot-1', 'BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'SecretVendor', model: 'SecretModel' } }]));

    const exit = await cli.waitForExit(100_000);
    expect(exit.signal, cli.stderr).to.equal(null);
    expect(volunteered, 'the audit read variables').to.be.greaterThan(0);

    const files = filesUnder(out);
    expect(files.map((f) => f.slice(out.length + 1))).to.include.members([join('CS-SECRET', 'trace.jsonl'), join('CS-SECRET', 'connections.jsonl'), join('CS-SECRET', 'evidence.json'), join('CS-SECRET', 'result.json'), join('CS-SECRET', 'scorecard.html')]);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // Inside a JSON file an escaped secret is written with its backslash doubled: look for that spelling too.
      for (const secret of [PASSWORD, ESCAPED, JSON.stringify(ESCAPED).slice(1, -1), TOKEN]) expect(text.includes(secret), `${file} holds ${secret}`).to.equal(false);
    }
    for (const secret of [PASSWORD, ESCAPED, TOKEN]) expect(cli.stdout + cli.stderr).to.not.contain(secret);
    // Redacted, and honest about it: the record that carried it says so.
    const journal = readFileSync(join(out, 'CS-SECRET', 'trace.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const carried = journal.filter((r) => r['action'] === 'GetVariables' && r['messageType'] === 'CALLRESULT');
    expect(carried.length).to.be.greaterThan(0);
    for (const record of carried) {
      expect(record['redacted']).to.equal(true);
      expect(String(record['raw'])).to.contain('[redacted]').and.not.contain(ESCAPED).and.not.contain(PASSWORD);
    }
    // The connection's URL (in connections.jsonl, beside the trace) keeps the parameter's name and loses its value.
    const connections = readFileSync(join(out, 'CS-SECRET', 'connections.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { details?: Record<string, unknown> });
    const urls = connections.map((r) => r.details?.['url']).filter((url): url is string => typeof url === 'string');
    expect(urls.length, 'the connection record carries its URL').to.be.greaterThan(0);
    for (const url of urls) expect(url).to.contain('token=[redacted]').and.not.contain(TOKEN);
  });
});

/**
 * End-to-end tests of `ocpp-audit simulate --ocpp-version 1.6` (issue 17): the real CLI (dist/, so
 * `npm run build` first) as the station against the real CSMS command, its help and its refusals.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import type { FrameRecord } from '../../src/evidence/journal-record.js';
import { OCPP16_FAULTS } from '../../src/simulator/ocpp16/faults.js';
import { readJournal } from '../helpers/csms-fixture.js';
import { useCliBed } from '../helpers/cli-process.js';

describe('ocpp-audit simulate --ocpp-version 1.6 (end to end)', function () {
  this.timeout(60_000);
  const bed = useCliBed('simulate16');

  it('runs the 1.6 charge point against the real CSMS command: 1.6 boot, status of connectors 0 and 1, every frame valid against the 1.6 schemas', async () => {
    const outDir = join(bed.tempDir(), 'out');
    const csms = bed.cli(['run', '--record-only', '--host', '127.0.0.1', '--port', '0', '--out', outDir]);
    const [, url] = await csms.waitForStdout(/CSMS listening on (ws:\/\/127\.0\.0\.1:\d+\/ocpp\/) /);
    const station = bed.cli(['simulate', '--url', String(url), '--id', 'SIM16-E2E', '--profile', 'minimal', '--ocpp-version', '1.6']);
    await station.waitForStdout(/virtual station SIM16-E2E \(OCPP 1\.6, minimal\)/);
    await station.waitForStdout(/BootNotification → Accepted/);
    await csms.waitForStdout(/SIM16-E2E BootNotification: .*VS-Minimal.* → Accepted/);
    await station.waitForStdout(/→ SecurityEventNotification/);
    expect(await station.interrupt(), station.stderr).to.deep.equal({ code: 0, signal: null });
    await csms.waitForStdout(/SIM16-E2E disconnected \(code 1000/);
    expect(await csms.interrupt(), csms.stderr).to.deep.equal({ code: 0, signal: null });
    const frames = readJournal(join(outDir, 'SIM16-E2E', 'trace.jsonl')).filter((r): r is FrameRecord => r.record === 'frame');
    const calls = frames.filter((r) => r.direction === 'cp-to-csms' && r.messageType === 'CALL');
    expect(calls.slice(0, 4).map((r) => r.action)).to.deep.equal(['BootNotification', 'StatusNotification', 'StatusNotification', 'SecurityEventNotification']);
    expect(frames.every((r) => r.validation?.valid !== false)).to.equal(true);
    expect(frames.find((r) => r.action === 'BootNotification')?.validation).to.deep.include({ schema: 'BootNotification.req' });
  });

  it('lists the 1.6 faults in its help, and refuses a 2.x fault on a 1.6 station with one line and exit 2', async () => {
    const help = await bed.runToExit(['simulate', '--help']);
    expect(help.exit?.code).to.equal(0);
    const section = help.stdout.slice(help.stdout.indexOf('Faults (OCPP 1.6 stations'));
    for (const name of Object.keys(OCPP16_FAULTS)) expect(section, name).to.include(`  ${name}: `);
    const refused = await bed.runToExit(['simulate', '--url', 'ws://127.0.0.1:1/ocpp', '--ocpp-version', '1.6', '--fault', 'report-seqno-from-1']);
    expect(refused.exit?.code, refused.stderr).to.equal(2);
    expect(refused.stderr.trim()).to.equal('ocpp-audit: --fault report-seqno-from-1: not a fault of the OCPP 1.6 station (see simulate --help)');
  });
});

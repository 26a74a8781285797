/**
 * End-to-end tests of an OCPP 1.6 audit (issue 17): the real CLI (dist/, so `npm run build` first)
 * auditing its own 1.6 virtual station, from the handshake to result.json, the scorecard and the
 * files the station uploaded.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditResult } from '../../src/result/audit-result.js';
import { childEnv, CliProcess } from '../helpers/cli-process.js';

describe('ocpp-audit demo --ocpp-version 1.6 (end to end)', function () {
  this.timeout(180_000);
  const children: CliProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exit === undefined) child.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A demo with short windows: one-second heartbeats, five seconds for an upload. */
  const demo = (...args: string[]): { child: CliProcess; out: string } => {
    const out = mkdtempSync(join(tmpdir(), 'ocpp-audit-e2e-16-'));
    dirs.push(out);
    const config = join(out, 'config.json');
    writeFileSync(config, JSON.stringify({ options: { heartbeatProbeS: 1, heartbeatWindowS: 5, uploadWindowS: 5 } }));
    const child = new CliProcess(['demo', '--ocpp-version', '1.6', '--config', config, '--out', out, ...args], childEnv());
    children.push(child);
    return { child, out };
  };
  const readResult = (out: string): AuditResult => JSON.parse(readFileSync(join(out, 'VIRTUAL-DEMO', 'result.json'), 'utf8')) as AuditResult;

  it('the 1.6 catalogue runs on the 1.6 virtual station: exit 0, every 1.6 check PASS, the scorecard written and the uploaded files kept', async () => {
    const { child, out } = demo();
    expect(await child.waitForExit(120_000), child.stderr).to.deep.equal({ code: 0, signal: null });
    expect(child.stdout).to.contain('case 1/6 ocpp16-configuration');
    const result = readResult(out);
    const own = result.checks.filter((c) => c.id.startsWith('ocpp16-') || c.id === 'protocol-conformance');
    expect(own.length).to.be.greaterThan(20);
    expect(own.filter((c) => c.verdict !== 'PASS').map((c) => `${c.id}: ${c.verdict} ${c.reason}`)).to.deep.equal([]);
    expect(readFileSync(join(out, 'VIRTUAL-DEMO', 'scorecard.html'), 'utf8')).to.match(/^<!DOCTYPE html>/);
    const evidence = JSON.parse(readFileSync(join(out, 'VIRTUAL-DEMO', 'evidence.json'), 'utf8')) as { cases: Array<{ uploads?: { received: Array<{ savedAs?: string }> } }> };
    const saved = evidence.cases.flatMap((c) => c.uploads?.received ?? []).map((u) => u.savedAs ?? '');
    expect(saved).to.have.length(3);
    for (const name of saved) expect(existsSync(join(out, 'VIRTUAL-DEMO', 'uploads', name)), name).to.equal(true);

    // A mixed fleet (issue 17, done when): a 2.0.1 and a 2.1 virtual station audited beside the 1.6 one, then one index of all three.
    for (const [version, id] of [['2.0.1', 'VIRTUAL-201'], ['2.1', 'VIRTUAL-21']] as const) {
      const other = new CliProcess(['demo', '--ocpp-version', version, '--id', id, '--testcases', 'session-boot,inventory-full', '--out', out], childEnv());
      children.push(other);
      expect(await other.waitForExit(120_000), other.stderr).to.deep.equal({ code: 0, signal: null });
      expect(JSON.parse(readFileSync(join(out, id, 'result.json'), 'utf8')).station.protocol.version).to.equal(version);
    }
    const index = new CliProcess(['index', out, '--out', join(out, 'index.html')], childEnv());
    children.push(index);
    expect(await index.waitForExit(60_000), index.stderr).to.deep.equal({ code: 0, signal: null });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect([...html.matchAll(/<tbody data-version="([^"]+)">/g)].map((m) => m[1])).to.deep.equal(['2.1', '2.0.1', '1.6']);
    for (const id of ['VIRTUAL-DEMO', 'VIRTUAL-201', 'VIRTUAL-21']) expect(html).to.include(`${id}/scorecard.html`);
    expect(html).to.include('graded against ocpp-16-baseline');
  });

  it('a 1.6 fault is found: --fault diagnostics-never-upload --fail-on fail exits 3 with ocpp16-diagnostics-upload FAIL', async () => {
    const { child, out } = demo('--fault', 'diagnostics-never-upload', '--fail-on', 'fail', '--testcases', 'ocpp16-diagnostics');
    expect(await child.waitForExit(120_000), child.stderr).to.deep.equal({ code: 3, signal: null });
    expect(readResult(out).checks.find((c) => c.id === 'ocpp16-diagnostics-upload')).to.deep.include({ verdict: 'FAIL' });
  });
});

import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallCapture } from '../../../src/evidence/evidence.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

describe('audit: batches respect the station limits (N04.FR.09)', function () {
  const audit = useAuditBed();

  it('25 monitors go out in two SetVariableMonitoring requests on a station that takes 20, with 25 results joined in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-case-'));
    const monitors = Array.from({ length: 25 }, (_, i) => ({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, type: 'Periodic', value: 3600 + i, severity: i % 10 }));
    const probe = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, type: 'Periodic', value: 7200, severity: 9 };
    writeFileSync(
      join(dir, 'batch-probe.json'),
      JSON.stringify({
        id: 'batch-probe', title: 'batch', proves: 'batching', refs: ['N04.FR.09'], category: 'monitoring', order: 99,
        steps: [
          { kind: 'send', id: 'set-many', action: 'SetVariableMonitoring', payload: { setMonitoringData: monitors } },
          { kind: 'send', id: 'over-limit', action: 'SetVariableMonitoring', split: false, payload: { setMonitoringData: [...monitors.slice(0, 20), probe] } },
        ],
      }),
    );
    const cases = loadTestCases(['inventory-full', join(dir, 'batch-probe.json')]);
    const { evidence } = await audit('AUDIT-BATCH', cases);
    const captures = evidence.cases.find((c) => c.id === 'batch-probe')?.captures ?? {};
    const many = captures['set-many'] as CallCapture;
    expect(many.batches).to.equal(2);
    expect((many.response?.['setMonitoringResult'] as Array<{ id?: number; severity: number }>).map((r) => r.severity)).to.deep.equal(monitors.map((m) => m.severity));
    expect(many.seqs).to.have.length(4);
    // split: false sends 21 as written, and the station refuses it.
    expect((captures['over-limit'] as CallCapture).failure?.errorCode).to.equal('OccurrenceConstraintViolation');
  });
});

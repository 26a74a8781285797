import { expect } from 'chai';
import { buildResult } from '../../../src/result/audit-result.js';
import { assembleDeviceModel } from '../../../src/evidence/device-model-assembly.js';
import { scoreEvidence } from '../../../src/scoring/score-evidence.js';
import { loadScoringConfig } from '../../../src/scoring/scoring-config.js';
import { makeCase, makeEvidence, makeMessage, makeMessagesCapture } from '../../helpers/evidence-fixture.js';

/**
 * The evidence keeps schema-violating messages (valid: false) as the station sent them. Scoring
 * and the result's observations must read them as untrusted data, never crash on them.
 */
describe('scoring and result over schema-violating station payloads', () => {
  const broken = (seq: number, action: string, payload: Record<string, unknown>) => makeMessage(seq, action, payload, { valid: false });

  it('assembles only well-formed report items into the device model', () => {
    const report = makeMessagesCapture('NotifyReport', [
      broken(5, 'NotifyReport', {
        requestId: 1,
        seqNo: 0,
        reportData: [
          null,
          { component: { name: 42 }, variable: { name: 'X' } },
          { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, variableAttribute: [null, { type: 'Actual', value: '3' }] },
        ],
      }),
    ]);
    const entries = assembleDeviceModel(report);
    expect(entries).to.have.length(1);
    expect(entries[0]?.variableAttribute).to.deep.equal([{ type: 'Actual', value: '3' }]);
  });

  it('NotifyEvent and NotifyMonitoringReport with objects where lists belong, nulls and numbers for names: scored, no crash', () => {
    const baseline = makeMessagesCapture('NotifyMonitoringReport', [
      broken(10, 'NotifyMonitoringReport', { requestId: 2, seqNo: 0, monitor: { component: { name: 'EVSE' } } }),
      broken(11, 'NotifyMonitoringReport', { requestId: 2, seqNo: 1, monitor: [null, { component: { name: 7 }, variable: { name: 'X' }, variableMonitoring: [{ id: 1 }] }, { component: { name: 'EVSE' }, variable: { name: 'Power' }, variableMonitoring: { id: 3 } }] }),
    ]);
    const evidence = makeEvidence({
      deviceModel: { complete: true, entries: [] },
      cases: [makeCase('monitoring-preflight', { captures: { 'baseline-report': baseline } })],
      notifyEvents: [
        broken(20, 'NotifyEvent', { generatedAt: '2025-01-01T00:00:00.000Z', seqNo: 0, eventData: { eventId: 1 } }),
        broken(21, 'NotifyEvent', { generatedAt: '2025-01-01T00:00:00.000Z', seqNo: 1, eventData: [null, 'text', { eventId: 2, timestamp: 5, component: 'EVSE', variable: null }] }),
      ],
    });
    const scored = scoreEvidence(evidence, undefined, loadScoringConfig());
    const result = buildResult(evidence, scored.checks, 'evidence.json', scored);
    expect(result.observations.events.rows.map((r) => r.times.length)).to.deep.equal([1]);
    // The monitor under a numeric name is shown with an unknown component; the one whose variableMonitoring is not a list is skipped.
    expect(result.observations.monitorPhases[0]?.monitors.map((m) => m.label)).to.deep.equal(['?.X']);
    expect(result.checks.length).to.be.greaterThan(0);
  });
});

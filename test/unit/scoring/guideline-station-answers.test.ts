import { expect } from 'chai';
import type { Guideline } from '../../../src/config/guideline.js';
import type { CaseEvidence, Evidence } from '../../../src/evidence/evidence.js';
import { evaluateGuideline } from '../../../src/scoring/guideline-checks.js';
import { makeCallCapture, makeCase, makeEvidence, makeMessagesCapture, makeReportCase, makeReportItem } from '../../helpers/evidence-fixture.js';

/**
 * Guideline requirements when the station's own answer explains a missing report: a refused or
 * never-sent FullInventory (issue 13 item 9) and monitoring refused or faked. These are definite
 * verdicts with that one cause named, not INCONCLUSIVE.
 */
const guideline: Guideline = {
  id: 'test-guideline',
  version: '1.0.0',
  title: 'Test guideline',
  description: 'a guideline for tests',
  archetypes: ['any'],
  chain: ['test-guideline'],
  file: '/guidelines/test-guideline.json',
  weights: { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1 },
  components: [{ name: 'OCPPCommCtrlr', tier: 'station', level: 'required', why: 'communication', source: ['tc-b-53'] }],
  variables: [{ component: 'EVSE', variable: 'Power', level: 'recommended', monitoring: 'required', why: 'power', source: ['tc-b-53'] }],
  monitors: [{ component: 'Connector', variable: 'Temperature', types: ['UpperThreshold'], origin: 'any', level: 'required', why: 'a hot plug', source: ['tc-b-53'] }],
  severities: [{ category: 'hot', title: 'Hot plug', match: [{ component: 'Connector', variable: 'Temperature' }], severity: { min: 0, max: 3 }, why: 'urgent', source: ['tc-b-53'] }],
  sources: [],
};

const verdicts = (evidence: Evidence): Record<string, { verdict: string; reason: string }> =>
  Object.fromEntries(evaluateGuideline(guideline, evidence).map((r) => [r.id, { verdict: r.verdict, reason: r.reason }]));

const withCases = (cases: CaseEvidence[], deviceModel: Evidence['deviceModel'] = { complete: false, entries: [] }): Evidence => makeEvidence({ cases, deviceModel });

describe('scoring guideline-checks: a missing report the station itself explains', () => {
  it('GetBaseReport answered CALLERROR NotSupported: every component and variable is missing for that one cause', () => {
    const refused = makeReportCase('inventory-full', { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported' } });
    const results = verdicts(withCases([refused]));
    const cause = 'because the station reports no device model: it answers GetBaseReport(FullInventory) with CALLERROR NotSupported';
    expect(results['guideline/components/OCPPCommCtrlr']).to.deep.equal({ verdict: 'FAIL', reason: `OCPPCommCtrlr not reported, ${cause}` });
    expect(results['guideline/variables/EVSE.Power']).to.deep.equal({ verdict: 'WARN', reason: `EVSE.Power not reported, ${cause}` });
    expect(results['guideline/monitoring/EVSE.Power']).to.deep.equal({ verdict: 'FAIL', reason: `EVSE.Power cannot be monitored, ${cause}` });
  });

  it('GetBaseReport answered NotSupported, or Accepted and no part ever sent: the same', () => {
    const notSupported = makeReportCase('inventory-full', { status: 'NotSupported' });
    expect(verdicts(withCases([notSupported]))['guideline/components/OCPPCommCtrlr']?.reason).to.equal(
      'OCPPCommCtrlr not reported, because the station reports no device model: it answers GetBaseReport(FullInventory) with NotSupported',
    );
    const neverSent = makeReportCase('inventory-full', { parts: [], complete: false, case: { steps: [{ index: 1, id: 'report', kind: 'collect-report', phase: 'steps', status: 'unmet', detail: 'none', startedAt: '', durationMs: 0, seqs: [] }] } });
    expect(verdicts(withCases([neverSent]))['guideline/components/OCPPCommCtrlr']).to.deep.equal({
      verdict: 'FAIL',
      reason: 'OCPPCommCtrlr not reported, because the station reports no device model: it accepted GetBaseReport(FullInventory) and never sent the report',
    });
  });

  it('a timeout, a disconnect or a case not run proves nothing: INCONCLUSIVE', () => {
    const timedOut = makeReportCase('inventory-full', { failure: { kind: 'timeout', description: 'no response' } });
    expect(verdicts(withCases([timedOut]))['guideline/components/OCPPCommCtrlr']?.verdict).to.equal('INCONCLUSIVE');
    const gone = makeReportCase('inventory-full', { parts: [], complete: false, case: { steps: [{ index: 1, id: 'report', kind: 'collect-report', phase: 'steps', status: 'unmet', detail: 'none', startedAt: '', durationMs: 0, seqs: [], inconclusive: true }] } });
    expect(verdicts(withCases([gone]))['guideline/components/OCPPCommCtrlr']?.verdict).to.equal('INCONCLUSIVE');
    expect(verdicts(withCases([]))['guideline/components/OCPPCommCtrlr']?.verdict).to.equal('INCONCLUSIVE');
  });

  const station: Evidence['deviceModel'] = { complete: true, entries: [{ ...makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1 }), seq: 100 }] };
  const preflight = (probe: ReturnType<typeof makeCallCapture>, extra: Partial<CaseEvidence> = {}): CaseEvidence => makeCase('monitoring-preflight', { captures: { probe }, ...extra });

  it('monitoring unsupported, said with a CALLERROR: preset monitors and severities are missing for that cause (the guideline counts the capability)', () => {
    const refused = preflight(makeCallCapture('GetMonitoringReport', { requestId: 5 }, { failure: { kind: 'call-error', errorCode: 'NotImplemented', description: 'CALLERROR NotImplemented' } }));
    const results = verdicts(withCases([refused], station));
    const cause = 'because the station does not support monitoring: it answers GetMonitoringReport with CALLERROR NotImplemented';
    expect(results['guideline/monitors/Connector.Temperature-UpperThreshold']).to.deep.equal({ verdict: 'FAIL', reason: `no hard-wired or preconfigured UpperThreshold monitor on Connector.Temperature is known, ${cause}` });
    expect(results['guideline/severities/hot']).to.deep.equal({ verdict: 'FAIL', reason: `no monitor is known to watch Connector.Temperature, ${cause}` });
  });

  it('GetMonitoringReport Accepted and the report never sent: missing, saying so', () => {
    const never = preflight(makeCallCapture('GetMonitoringReport', { requestId: 5 }, { response: { status: 'Accepted' } }), {
      captures: {
        probe: makeCallCapture('GetMonitoringReport', { requestId: 5 }, { response: { status: 'Accepted' } }),
        'baseline-report': makeMessagesCapture('NotifyMonitoringReport', [], false),
      },
      steps: [{ index: 2, id: 'baseline-report', kind: 'collect-report', phase: 'steps', status: 'unmet', detail: 'none', startedAt: '', durationMs: 0, seqs: [] }],
    });
    expect(verdicts(withCases([never], station))['guideline/monitors/Connector.Temperature-UpperThreshold']?.reason).to.match(/is known, because the station accepted GetMonitoringReport and never sent the report$/);
  });

  it('GetMonitoringReport EmptyResultSet: the station has no monitors, so they are missing (not unknown)', () => {
    const empty = preflight(makeCallCapture('GetMonitoringReport', { requestId: 5 }, { response: { status: 'EmptyResultSet' } }));
    const results = verdicts(withCases([empty], station));
    expect(results['guideline/monitors/Connector.Temperature-UpperThreshold']?.verdict).to.equal('FAIL');
    expect(results['guideline/monitors/Connector.Temperature-UpperThreshold']?.reason).to.match(/^no hard-wired or preconfigured UpperThreshold monitor on Connector.Temperature; a hot plug$/);
  });
});

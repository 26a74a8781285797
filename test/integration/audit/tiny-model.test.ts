import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';
import { editedProfile } from '../../helpers/virtual-station-fixture.js';

/** The variables tiny firmware lacks (field notes: MicroOcpp, shiv3) and the old variables-get-set wrote or read. */
const ABSENT = ['OCPPCommCtrlr.HeartbeatInterval', 'OCPPCommCtrlr.OfflineThreshold', 'DeviceDataCtrlr.ItemsPerMessage[GetReport]'];
/** The names the unknown-component and unknown-variable probes use: they must not exist. */
const UNKNOWN = /^OcppAudit/;

const address = (item: { component?: { name?: string }; variable?: { name?: string; instance?: string } }): string =>
  `${item.component?.name ?? '?'}.${item.variable?.name ?? '?'}${item.variable?.instance ? `[${item.variable.instance}]` : ''}`;

/** Every component/variable the case addressed in a GetVariables or SetVariables request. */
function addressed(evidence: Evidence, caseId: string): string[] {
  const testCase = evidence.cases.find((c) => c.id === caseId);
  const items = Object.values(testCase?.captures ?? {}).flatMap((capture) => {
    if (capture.kind === 'variables') return capture.values;
    if (capture.kind === 'call') return ((capture.request['getVariableData'] ?? capture.request['setVariableData']) as Array<Parameters<typeof address>[0]> | undefined) ?? [];
    return [];
  });
  return [...new Set(items.map(address))];
}

const reported = (evidence: Evidence): Set<string> => new Set(evidence.deviceModel.entries.map(address));
const line = (check: CheckResult): string => `${check.id} ${check.verdict}: ${check.reason}`;

describe('audit: a tiny device model (no HeartbeatInterval, OfflineThreshold, ItemsPerMessage[GetReport])', function () {
  const audit = useAuditBed();

  it('variables-get-set probes only variables the station reports, and a correct station passes every probe', async () => {
    const { evidence, result } = await audit('AUDIT-TINY', loadTestCases(['inventory-full', 'variables-get-set']), { faults: ['tiny-model'] });
    const model = reported(evidence);
    for (const absent of ABSENT) expect(model.has(absent), absent).to.equal(false);
    // Each probe's variable comes from the FullInventory; the unknown ones use names that cannot exist.
    const used = addressed(evidence, 'variables-get-set');
    expect(used.length).to.be.greaterThan(3);
    for (const item of used) if (!UNKNOWN.test(item.split('.')[0] ?? '') && !UNKNOWN.test(item.split('.')[1] ?? '')) expect(model.has(item), item).to.equal(true);
    for (const absent of ABSENT) expect(used).not.to.include(absent);
    const checks = result.checks.filter((c) => c.id.startsWith('variables-get-set/'));
    expect(checks.map((c) => c.id)).to.include.members(['variables-get-set/get-known', 'variables-get-set/set-read-only', 'variables-get-set/set-invalid-value', 'variables-get-set/value-taken', 'variables-get-set/value-restored']);
    expect(checks.filter((c) => c.verdict !== 'PASS').map(line)).to.deep.equal([]);
    // Each probe's choice is in the evidence with its reason.
    expect(evidence.targets.map((t) => t.role)).to.include.members(['known', 'readOnly', 'writable', 'constrained', 'noMaxSet']);
    for (const reason of result.checks.map((c) => c.reason)) {
      expect(reason).not.to.include('/testcases/');
      expect(reason).not.to.include('${');
    }
  });

  it('session-boot: without a HeartbeatInterval the heartbeat probes are NOT APPLICABLE with what the station said; the rest is judged', async () => {
    const { result } = await audit('AUDIT-TINY-BOOT', loadTestCases(['session-boot']), { faults: ['tiny-model'] });
    const byId = new Map(result.checks.filter((c) => c.id.startsWith('session-boot/')).map((c) => [c.id, c]));
    const reason = 'the station returned no value for OCPPCommCtrlr.HeartbeatInterval (it answered UnknownVariable)';
    expect(byId.get('session-boot/heartbeat-interval-accepted')).to.include({ verdict: 'NOT APPLICABLE', reason });
    expect(byId.get('session-boot/heartbeats')).to.include({ verdict: 'NOT APPLICABLE', reason });
    expect(byId.get('session-boot/trigger-status-accepted')?.verdict).to.equal('PASS');
    expect(byId.get('session-boot/status-notifications')?.verdict).to.equal('PASS');
  });

  it('a probe nothing in the model fits is NOT APPLICABLE with the reason; the others still run', async () => {
    // Tiny firmware whose only read-only variables are the availability states (never written).
    const profile = editedProfile('minimal', (document) => {
      const components = document['components'] as Array<{ variables: Array<{ name: string; mutability?: string }> }>;
      for (const component of components) component.variables = component.variables.filter((v) => v.mutability !== 'ReadOnly' || /^(Available|AvailabilityState)$/.test(v.name));
      document['components'] = components.filter((component) => component.variables.length > 0);
    });
    const { evidence, result } = await audit('AUDIT-TINY-RO', loadTestCases(['inventory-full', 'variables-get-set']), { profile: profile.file, faults: ['tiny-model'] });
    expect(evidence.missingTargets.map((m) => m.role)).to.include('readOnly');
    const byId = new Map(result.checks.map((c) => [c.id, c]));
    expect(byId.get('variables-get-set/set-read-only')).to.include({ verdict: 'NOT APPLICABLE', reason: 'the station reports no read-only variable with a value' });
    const others = result.checks.filter((c) => c.id.startsWith('variables-get-set/') && c.id !== 'variables-get-set/set-read-only');
    expect(others.length).to.be.greaterThan(8);
    expect(others.filter((c) => c.verdict !== 'PASS').map(line)).to.deep.equal([]);
    // No SetVariables to a read-only variable went out.
    expect(Object.keys(evidence.cases.find((c) => c.id === 'variables-get-set')?.captures ?? {})).not.to.include('write-read-only');
    for (const reason of result.checks.map((c) => c.reason)) {
      expect(reason).not.to.include('/testcases/');
      expect(reason).not.to.include('${');
    }
  });
});

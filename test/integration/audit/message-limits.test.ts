import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import type { CallCapture } from '../../../src/evidence/evidence.js';
import { sharedSchemaValidator } from '../../../src/ocpp/schema-validator.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';
import { editedProfile } from '../../helpers/virtual-station-fixture.js';

const ITEMS = ['variables-limits/get-variables-items', 'variables-limits/set-variables-items', 'monitoring-limits/set-monitoring-items', 'monitoring-limits/clear-monitoring-items'];
const BYTES = ['variables-limits/get-variables-bytes', 'variables-limits/set-variables-bytes', 'monitoring-limits/set-monitoring-bytes', 'monitoring-limits/clear-monitoring-bytes'];

function verdicts(outcome: AuditOutcome): Record<string, CheckResult> {
  return Object.fromEntries(outcome.result.checks.map((c) => [c.id, c]));
}

function cases() {
  return loadTestCases(['inventory-full', 'variables-limits', 'monitoring-limits']);
}

describe('audit: requests one beyond the station\'s ItemsPerMessage / BytesPerMessage (B06.FR.16/17, N04.FR.09, N06.FR.06/07)', function () {
  this.timeout(40_000);
  const audit = useAuditBed();

  it('a station that refuses them with the 2.0.1 codes passes all eight probes, and every probe request was schema-valid', async () => {
    const outcome = await audit('AUDIT-LIMITS-GOOD', cases());
    const checks = verdicts(outcome);
    for (const id of ITEMS) {
      expect(checks[id]?.verdict, `${id}: ${checks[id]?.reason}`).to.equal('PASS');
      expect(checks[id]?.reason).to.match(/^A request of 21 elements \(one more than (DeviceDataCtrlr|MonitoringCtrlr)\.ItemsPerMessage\[\w+\] = 20\) was refused with CALLERROR OccurrenceConstraintViolation, as OCPP 2\.0\.1 spells it/);
    }
    for (const id of BYTES) {
      expect(checks[id]?.verdict, `${id}: ${checks[id]?.reason}`).to.equal('PASS');
      expect(checks[id]?.reason).to.match(/^A request of 8193 bytes \(one more than \w+\.BytesPerMessage\[\w+\] = 8192\) was refused with CALLERROR FormatViolation/);
    }
    expect(checks['variables-limits/get-variables-items']?.refs).to.include.members(['B06.FR.16', 'TC_B_08']);
    expect(checks['protocol-conformance']?.verdict).to.equal('PASS');
    expect(checks['liveness']?.verdict).to.equal('PASS');
    for (const id of [...ITEMS, ...BYTES]) {
      const [caseId, stepId] = id.split('/') as [string, string];
      const capture = outcome.evidence.cases.find((c) => c.id === caseId)?.captures[stepId] as CallCapture;
      expect(sharedSchemaValidator().validate(capture.action, 'request', capture.request).valid, id).to.equal(true);
    }
  });

  it('ocpp16-error-code: the four element-count probes FAIL naming the 1.6 spelling; the byte probes still pass', async () => {
    const outcome = await audit('AUDIT-LIMITS-OCPP16', cases(), { faults: ['ocpp16-error-code'] });
    const checks = verdicts(outcome);
    for (const id of ITEMS) {
      expect(checks[id]?.verdict, `${id}: ${checks[id]?.reason}`).to.equal('FAIL');
      expect(checks[id]?.reason).to.match(/refused with CALLERROR OccurenceConstraintViolation: the OCPP 1\.6 spelling/);
    }
    for (const id of BYTES) expect(checks[id]?.verdict, id).to.equal('PASS');
    expect(checks['protocol-conformance']?.verdict).to.equal('FAIL');
    expect(checks['protocol-conformance']?.reason).to.match(/1\.6 spelling/);
  });

  it('a limit the station does not report is NOT APPLICABLE with the reason; without monitoring, the monitoring probes are too', async () => {
    const profile = editedProfile('ac-wallbox', (document) => {
      for (const component of document['components'] as Array<{ name: string; variables: Array<{ name: string; instance?: string }> }>) {
        if (component.name === 'DeviceDataCtrlr') component.variables = component.variables.filter((v) => !(v.name === 'BytesPerMessage' && v.instance === 'GetVariables'));
      }
    });
    const outcome = await audit('AUDIT-LIMITS-UNREPORTED', cases(), { profile: profile.file });
    const checks = verdicts(outcome);
    expect(checks['variables-limits/get-variables-bytes']?.verdict).to.equal('NOT APPLICABLE');
    expect(checks['variables-limits/get-variables-bytes']?.reason).to.equal("The station's device model reports no positive DeviceDataCtrlr.BytesPerMessage[GetVariables].");
    expect(checks['variables-limits/get-variables-items']?.verdict).to.equal('PASS');

    const minimal = await audit('AUDIT-LIMITS-MINIMAL', cases(), { profile: 'minimal' });
    const minimalChecks = verdicts(minimal);
    for (const id of ['monitoring-limits/set-monitoring-items', 'monitoring-limits/clear-monitoring-bytes']) {
      expect(minimalChecks[id]?.verdict, id).to.equal('NOT APPLICABLE');
      expect(minimalChecks[id]?.reason, id).to.match(/^monitoring unsupported/);
    }
  });
});

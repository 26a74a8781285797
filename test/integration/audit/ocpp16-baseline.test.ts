import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AuditOptions, AuditOutcome } from '../../../src/audit/audit-station.js';
import type { CheckResult } from '../../../src/checks/check.js';
import { withPrerequisites } from '../../../src/scenario/prerequisites.js';
import { loadTestCases, type LoadedTestCase } from '../../../src/scenario/testcase-loader.js';
import { CHARGEX_VENDOR_ID, VENDOR_ERROR_CODE } from '../../../src/simulator/ocpp16/chargex-faults.js';
import { MISSING_REQUIRED_KEYS } from '../../../src/simulator/ocpp16/behaviours.js';
import type { Ocpp16FaultName } from '../../../src/simulator/ocpp16/faults.js';
import type { Ocpp16Station } from '../../../src/simulator/ocpp16/station16.js';
import { auditStation } from '../../../src/audit/audit-station.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { testAuditOptions, useAuditBed } from '../../helpers/audit-fixture.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

const check = (outcome: AuditOutcome, id: string): CheckResult => {
  const found = outcome.result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${outcome.result.checks.map((c) => c.id).join(', ')}`);
  return found;
};

/** Short windows: an upload that never comes is given 5 s; the catalogue still waits for real uploads and heartbeats. */
const FAST: Partial<AuditOptions> = { caseOptions: { uploadWindowS: 5 } };

describe('audit: the OCPP 1.6 diagnostics baseline on the 1.6 virtual station, over real sockets (issue 17)', function () {
  this.timeout(240_000);
  const audit = useAuditBed();
  const catalogue = loadTestCases(['ocpp16-*']);
  /** The selected cases with the ones they need first, as `run --testcases` plays them (ocpp16-configuration for the feature profiles). */
  const selected = (...ids: string[]): LoadedTestCase[] => withPrerequisites(loadTestCases(ids), loadTestCases());
  const audit16 = (identity: string, faults: Ocpp16FaultName[] = [], options: Partial<AuditOptions> = FAST, cases = catalogue): Promise<AuditOutcome & { station: Ocpp16Station }> =>
    audit(identity, cases, { ocppVersion: '1.6' as const, faults }, options);

  it('a clean 1.6 station passes every 1.6 check, with every file really uploaded, and the audit writes its result and scorecard', async () => {
    const outcome = await audit16('A16-CLEAN');
    expect(outcome.evidence.station.protocol?.version).to.equal('1.6');
    expect(outcome.evidence.cases.map((c) => `${c.id} ${c.status}`)).to.deep.equal([
      'ocpp16-configuration completed',
      'ocpp16-change-configuration completed',
      'ocpp16-heartbeat completed',
      'ocpp16-trigger-message completed',
      'ocpp16-diagnostics completed',
      'ocpp16-logs completed',
    ]);
    const own = outcome.result.checks.filter((c) => c.id.startsWith('ocpp16-') || c.id === 'protocol-conformance');
    expect(own.filter((c) => c.verdict !== 'PASS').map((c) => `${c.id}: ${c.verdict} ${c.reason}`)).to.deep.equal([]);
    expect(own.map((c) => c.id)).to.include.members(['protocol-conformance', 'ocpp16-boot-notification', 'ocpp16-required-keys', 'ocpp16-readonly-flags', 'ocpp16-connectors', 'ocpp16-feature-profiles', 'ocpp16-status-error-codes', 'ocpp16-diagnostics-upload', 'ocpp16-log-upload', 'ocpp16-security-events', 'ocpp16-heartbeat/heartbeats', 'ocpp16-trigger-message/triggered-heartbeat']);
    // No device-model check of 2.x judges a 1.6 station.
    expect(outcome.result.checks.filter((c) => ['monitoring-support', 'message-limits', 'liveness', 'error-code-semantics', 'chargex-fault-codes'].includes(c.id))).to.deep.equal([]);
    // The files the station uploaded are kept next to the evidence, as received.
    const uploads = outcome.evidence.cases.flatMap((c) => c.uploads?.received ?? []);
    expect(uploads.map((u) => u.name)).to.have.length(3);
    for (const upload of uploads) expect(readFileSync(join(dirname(outcome.files.evidence), 'uploads', upload.savedAs ?? '')).length).to.equal(upload.size);
    // What the audit changed is put back: the heartbeat interval the station had before.
    expect(check(outcome, 'ocpp16-heartbeat/heartbeat-restored').verdict).to.equal('PASS');
    expect(outcome.station.configuration.reportKey('HeartbeatInterval')?.value).to.equal('300');
    expect(existsSync(outcome.files.result) && existsSync(outcome.files.scorecard)).to.equal(true);
  });

  it('readonly-change-accepted: the read-only probe FAILs, and the key still reads its own value', async () => {
    const outcome = await audit16('A16-RO', ['readonly-change-accepted'], FAST, selected('ocpp16-change-configuration'));
    const rejected = check(outcome, 'ocpp16-change-configuration/read-only-rejected');
    expect(rejected.verdict).to.equal('FAIL');
    expect(rejected.reason).to.equal('ChangeConfiguration was answered with status "Accepted", not "Rejected"');
    expect(check(outcome, 'ocpp16-change-configuration/read-only-unchanged').verdict, 'the probe wrote the value the key had').to.equal('PASS');
  });

  it('missing-required-keys: ocpp16-required-keys FAILs naming the Core keys that are not there', async () => {
    const outcome = await audit16('A16-KEYS', ['missing-required-keys'], FAST, selected('ocpp16-configuration'));
    const keys = check(outcome, 'ocpp16-required-keys');
    expect(keys.verdict).to.equal('FAIL');
    expect(keys.reason).to.contain(`Core: ${MISSING_REQUIRED_KEYS.join(', ')}`);
    expect(keys.details?.['missing']).to.deep.equal({ Core: MISSING_REQUIRED_KEYS });
  });

  it('feature-profiles-lie: claiming RemoteTrigger and answering NotImplemented FAILs the profile check and the trigger', async () => {
    const outcome = await audit16('A16-LIE', ['feature-profiles-lie'], FAST, selected('ocpp16-trigger-message'));
    const profiles = check(outcome, 'ocpp16-feature-profiles');
    expect(profiles.verdict).to.equal('FAIL');
    expect(profiles.reason).to.contain('TriggerMessage Heartbeat (RemoteTrigger) answered status NotImplemented');
    expect(check(outcome, 'ocpp16-trigger-message/heartbeat-trigger-accepted').verdict).to.equal('FAIL');
  });

  it('diagnostics-never-upload: a named file that never comes FAILs ocpp16-diagnostics-upload', async () => {
    const outcome = await audit16('A16-NODIAG', ['diagnostics-never-upload'], FAST, selected('ocpp16-diagnostics'));
    const diagnostics = check(outcome, 'ocpp16-diagnostics-upload');
    expect(diagnostics.verdict).to.equal('FAIL');
    expect(diagnostics.reason).to.match(/^The station named the file for its diagnostics \("diagnostics-A16-NODIAG-\d+T\d+Z\.log"\), then neither uploaded it nor reported anything within 5 s\.$/);
    expect(outcome.evidence.cases.find((c) => c.id === 'ocpp16-diagnostics')?.uploads?.received).to.deep.equal([]);
  });

  it('no-security-extensions: the security events and GetLog are NOT APPLICABLE, not FAIL (optional in 1.6)', async () => {
    const outcome = await audit16('A16-NOSEC', ['no-security-extensions'], FAST, selected('ocpp16-configuration', 'ocpp16-logs'));
    expect(outcome.evidence.cases.find((c) => c.id === 'ocpp16-logs')?.status).to.equal('not-applicable');
    const events = check(outcome, 'ocpp16-security-events');
    expect(events.verdict, events.reason).to.equal('NOT APPLICABLE');
    const logs = check(outcome, 'ocpp16-log-upload');
    expect(logs.verdict).to.equal('NOT APPLICABLE');
    expect(logs.reason).to.equal('Optional feature not supported: GetLog answered CALLERROR NotImplemented');
  });

  it('boot-without-serial: ocpp16-boot-notification WARNs that units cannot be told apart', async () => {
    const outcome = await audit16('A16-NOSERIAL', ['boot-without-serial'], FAST, selected('ocpp16-configuration'));
    const boot = check(outcome, 'ocpp16-boot-notification');
    expect(boot.verdict).to.equal('WARN');
    expect(boot.reason).to.contain('no serial number (chargePointSerialNumber)');
  });

  describe('StatusNotification error codes (the faults come 1 s after boot and clear 2 s later: the heartbeat case keeps the audit going past them)', () => {
    // Two heartbeats 4 s apart: the audit lasts well beyond the faults' raise and clear.
    const LONG: Partial<AuditOptions> = { caseOptions: { uploadWindowS: 5, heartbeatProbeS: 4, heartbeatWindowS: 12 } };
    const cases = selected('ocpp16-heartbeat');

    it('chargex-fault-codes (correct firmware): raised and cleared with NoError, ChargeX codes recognised: PASS', async () => {
      const outcome = await audit16('A16-CX', ['chargex-fault-codes'], LONG, cases);
      const codes = check(outcome, 'ocpp16-status-error-codes');
      expect(codes.verdict, codes.reason).to.equal('PASS');
      expect(codes.reason).to.contain('2 error(s) were raised and cleared with NoError (GroundFailure CX002 on connector 1, OtherError CX014 on connector 1)');
      expect(codes.reason).to.contain('ChargeX codes recognised: CX002 GroundFailure, CX014 PilotFault (2 of 26)');
    });

    it('error-never-cleared: the error left raised is named (WARN: a fault may outlast an audit)', async () => {
      const outcome = await audit16('A16-STUCK', ['error-never-cleared'], LONG, cases);
      const codes = check(outcome, 'ocpp16-status-error-codes');
      expect(codes.verdict).to.equal('WARN');
      expect(codes.reason).to.contain('GroundFailure CX002 on connector 1 stayed raised until the audit ended with no NoError after it');
    });

    it(`unknown-vendor-error-code: ${VENDOR_ERROR_CODE} under the ChargeX vendorId is a WARN naming it`, async () => {
      const outcome = await audit16('A16-VENDOR', ['unknown-vendor-error-code'], LONG, cases);
      const codes = check(outcome, 'ocpp16-status-error-codes');
      expect(codes.verdict).to.equal('WARN');
      expect(codes.reason).to.contain(`Under a ChargeX vendorId the station sends vendorErrorCode "${VENDOR_ERROR_CODE}", which is not a ChargeX code`);
      expect(outcome.evidence.statusNotifications.some((m) => m.payload['vendorId'] === CHARGEX_VENDOR_ID)).to.equal(true);
    });
  });
});

describe('audit: a 1.6 station under cases of its own (issue 17: nothing of 2.x asked of it or held against it)', function () {
  this.timeout(60_000);
  const audit = useAuditBed();

  it("1.6's own spelling OccurenceConstraintViolation is no protocol fault on a 1.6 station, and no 2.x limit check judges it", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cases16-'));
    const file = join(directory, 'too-many-keys16.json');
    // 25 keys where GetConfigurationMaxKeys is 20: the station refuses the request with the 1.6 code (OCPP-J 1.6 errata §5.2).
    const keys = Array.from({ length: 25 }, (_, i) => `Key${i}`);
    writeFileSync(file, JSON.stringify({ id: 'too-many-keys16', title: 'more keys than GetConfigurationMaxKeys', proves: 'nothing', refs: [], category: 'protocol', order: 1, versions: ['1.6'], steps: [{ kind: 'send', id: 'many', action: 'GetConfiguration', payload: { key: keys } }] }));
    const outcome = await audit('A16-SPELL', loadTestCases([file]), { ocppVersion: '1.6' as const });
    const capture = outcome.evidence.cases[0]?.captures['many'];
    expect(capture?.kind === 'call' ? capture.failure?.errorCode : undefined).to.equal('OccurenceConstraintViolation');
    const conformance = check(outcome, 'protocol-conformance');
    expect(conformance.verdict, conformance.reason).to.equal('PASS');
    expect(conformance.title).to.equal("The station's frames follow OCPP-J 1.6 and the OCPP 1.6 schemas");
    expect(outcome.result.checks.map((c) => c.id)).to.not.include.members(['message-limits', 'error-code-semantics']);
  });

  it('the round trip is a request of 1.6 (GetConfiguration), answered, and the audit finishes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cases16-'));
    const file = join(directory, 'ping16.json');
    writeFileSync(file, JSON.stringify({ id: 'ping16', title: 'a 1.6 case with a liveness round trip', proves: 'nothing', refs: [], category: 'robustness', order: 1, versions: ['1.6'], liveness: true, steps: [{ kind: 'send', id: 'boot-key', action: 'GetConfiguration', payload: { key: ['NumberOfConnectors'] } }] }));
    const outcome = await audit('A16-PING', loadTestCases([file]), { ocppVersion: '1.6' as const });
    expect(outcome.evidence.liveness.map((p) => `${p.afterCase} ${p.probe ?? ''} ${p.outcome ?? ''}`)).to.deep.equal(['ping16 GetConfiguration NumberOfConnectors answered']);
    expect(existsSync(outcome.files.result)).to.equal(true);
  });
});

describe('audit: the heartbeat interval given at boot (OCPP 1.6 §4.2)', function () {
  this.timeout(60_000);
  const bed = useStationTestbed();

  it("the station's HeartbeatInterval is the interval the CSMS gave at boot, judged against that interval", async () => {
    const csms = await bed.startCsms({ heartbeatIntervalS: 7 });
    const { session } = await bed.startStation(csms, 'A16-BOOT-INTERVAL', { ocppVersion: '1.6', profile: loadStationProfile('ac-wallbox') });
    const outcome = await auditStation(session, loadTestCases(['ocpp16-heartbeat']), testAuditOptions());
    const adopted = outcome.result.checks.find((c) => c.id === 'ocpp16-heartbeat/boot-interval-adopted');
    expect(adopted?.verdict, adopted?.reason).to.equal('PASS');
    expect(adopted?.reason).to.equal('GetConfiguration was answered with value "7" (result 1)');
    expect(outcome.result.checks.find((c) => c.id === 'ocpp16-heartbeat/heartbeat-restored')?.reason).to.contain('"7"');
  });
});

import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import type { Guideline, GuidelineComponent, GuidelineMonitor, GuidelineSeverity, GuidelineVariable } from '../../../src/config/guideline.js';
import type { CaseEvidence, CollectedMessage, ComponentRefJson, DeviceModelEntry, Evidence, MonitorRestoreCapture, VariableRefJson } from '../../../src/evidence/evidence.js';
import { chooseGuideline, monitoringProbes } from '../../../src/scoring/choose-guideline.js';
import { evaluateGuideline } from '../../../src/scoring/guideline-checks.js';
import {
  FIXTURE_TIME,
  makeCallCapture,
  makeCase,
  makeEvidence,
  makeMessage,
  makeMessagesCapture,
  makeReportItem,
  makeStatusNotification,
  type ReportItem,
} from '../../helpers/evidence-fixture.js';

const WEIGHTS = { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1 };
/** A citation every test line carries (issue 15: each line names its source). */
const SRC = ['tc-b-53'];

function guideline(parts: Partial<Guideline> = {}): Guideline {
  return {
    id: 'test-guideline',
    version: '1.0.0',
    title: 'Test guideline',
    description: 'a guideline for tests',
    archetypes: ['any'],
    chain: ['test-guideline'],
    file: '/guidelines/test-guideline.json',
    weights: WEIGHTS,
    components: [],
    variables: [],
    monitors: [],
    severities: [],
    sources: [],
    ...parts,
  };
}

/** Device-model entries with seqs 100, 101, ... in order. */
const entries = (items: ReportItem[]): DeviceModelEntry[] => items.map((item, index) => ({ ...item, seq: 100 + index }));

function evidence(items: ReportItem[], overrides: Partial<Evidence> = {}): Evidence {
  return makeEvidence({ deviceModel: { source: 'inventory-full', complete: true, entries: entries(items) }, ...overrides });
}

/** The results of a guideline with only this entry: exactly one result. */
function only(parts: Partial<Guideline>, evidenceUnderTest: Evidence): CheckResult {
  const results = evaluateGuideline(guideline(parts), evidenceUnderTest);
  expect(results).to.have.length(1);
  return results[0];
}

/** Two EVSEs with one connector each (seqs 100–103). */
const twoEvses = (): ReportItem[] => [
  makeReportItem('EVSE', 'Available', { evse: 1, dataType: 'boolean' }),
  makeReportItem('EVSE', 'Available', { evse: 2, dataType: 'boolean' }),
  makeReportItem('Connector', 'Available', { evse: 1, connector: 1, dataType: 'boolean' }),
  makeReportItem('Connector', 'Available', { evse: 2, connector: 1, dataType: 'boolean' }),
];

const component = (name: string, extra: Partial<GuidelineComponent> = {}): GuidelineComponent => ({ name, tier: 'station', level: 'required', why: `why ${name}`, source: SRC, ...extra });
const variable = (componentName: string, variableName: string, extra: Partial<GuidelineVariable> = {}): GuidelineVariable => ({
  component: componentName,
  variable: variableName,
  level: 'required',
  why: `why ${componentName}.${variableName}`, source: SRC,
  ...extra,
});

// ---- monitoring evidence ----

interface Monitor {
  component: ComponentRefJson;
  variable: VariableRefJson;
  id: number;
  type: string;
  severity: number;
}

const connector11: ComponentRefJson = { name: 'Connector', evse: { id: 1, connectorId: 1 } };
const temperature: VariableRefJson = { name: 'Temperature' };
const mon = (id: number, type: string, severity: number, componentRef: ComponentRefJson = connector11, variableRef: VariableRefJson = temperature): Monitor => ({ component: componentRef, variable: variableRef, id, type, severity });

/** One NotifyMonitoringReport part: one monitor element per monitored variable. */
function monitoringReport(seq: number, monitors: Monitor[], tbc = false): CollectedMessage {
  const monitor = monitors.map((m) => ({ component: m.component, variable: m.variable, variableMonitoring: [{ id: m.id, transaction: false, value: 50, type: m.type, severity: m.severity }] }));
  return makeMessage(seq, 'NotifyMonitoringReport', { requestId: 1, seqNo: 0, generatedAt: FIXTURE_TIME, tbc, monitor });
}

const baselineCase = (messages: CollectedMessage[], complete = true): CaseEvidence => makeCase('monitoring-preflight', { captures: { 'baseline-report': makeMessagesCapture('NotifyMonitoringReport', messages, complete) } });
const hardWiredCase = (messages: CollectedMessage[], complete = true): CaseEvidence => makeCase('monitoring-bases', { captures: { 'after-hardwired-report': makeMessagesCapture('NotifyMonitoringReport', messages, complete) } });

/** The guideline probe: SetVariableMonitoring with these data, answered with these statuses in order. */
function probeCase(data: Array<{ component: ComponentRefJson; variable: VariableRefJson }>, statuses: string[], seqs = [40, 41]): CaseEvidence {
  const setMonitoringData = data.map((d) => ({ type: 'Periodic', value: 86_400, severity: 9, component: d.component, variable: d.variable }));
  // An accepted monitor gets an id (N04.FR.11); `Accepted-no-id` stands for the hollow acceptance without one.
  const setMonitoringResult = statuses.map((status, index) => ({
    ...(status === 'Accepted' ? { id: 100 + index } : {}),
    status: status === 'Accepted-no-id' ? 'Accepted' : status,
    type: 'Periodic',
    severity: 9,
    component: data[index]?.component,
    variable: data[index]?.variable,
  }));
  return makeCase('guideline-monitoring-probe', { captures: { probe: makeCallCapture('SetVariableMonitoring', { setMonitoringData }, { response: { setMonitoringResult } }, seqs) } });
}

describe('scoring guideline-checks', () => {
  describe('components', () => {
    it('at the station: PASS with the full result', () => {
      const result = only({ components: [component('ChargingStation', { cardinality: 'one', why: 'the whole station', source: SRC })] }, evidence([makeReportItem('ChargingStation', 'Available'), ...twoEvses()]));
      expect(result).to.deep.equal({
        id: 'guideline/components/ChargingStation',
        title: 'Reports the ChargingStation component (station)',
        refs: ['B07', 'TC_B_13', 'tc-b-53'],
        details: { source: { cites: ['tc-b-53'] } },
        category: 'device-model',
        verdict: 'PASS',
        reason: 'reported — the whole station',
        seqs: [100],
        score: 1,
        weight: 2,
      });
    });

    it('at the station: reported only on an EVSE is missing at the station', () => {
      const result = only({ components: [component('ChargingStation')] }, evidence([...twoEvses(), makeReportItem('ChargingStation', 'Available', { evse: 1 })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('ChargingStation missing at the station (0 of 1); why ChargingStation');
      expect(result.score).to.equal(0);
      expect(result.seqs).to.deep.equal([104]);
    });

    it('names match case-insensitively', () => {
      expect(only({ components: [component('chargingstation')] }, evidence([makeReportItem('ChargingStation', 'Available')])).verdict).to.equal('PASS');
    });

    it('each EVSE: on both of two → PASS at all places', () => {
      const result = only({ components: [component('RCD', { tier: 'evse', cardinality: 'each' })] }, evidence([...twoEvses(), makeReportItem('RCD', 'Tripped', { evse: 1 }), makeReportItem('RCD', 'Tripped', { evse: 2 })]));
      expect(result.verdict).to.equal('PASS');
      expect(result.title).to.equal('Reports the RCD component (each evse)');
      expect(result.reason).to.equal('reported at all 2 places — why RCD');
      expect(result.seqs).to.deep.equal([104, 105]);
      expect(result.score).to.equal(1);
    });

    it('each EVSE: missing on one of two → FAIL with score 0.5, naming the EVSE', () => {
      const result = only({ components: [component('RCD', { tier: 'evse', cardinality: 'each' })] }, evidence([...twoEvses(), makeReportItem('RCD', 'Tripped', { evse: 1 })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.score).to.equal(0.5);
      expect(result.weight).to.equal(2);
      expect(result.reason).to.equal('RCD missing at EVSE 2 (1 of 2); why RCD');
      expect(result.seqs).to.deep.equal([104]);
    });

    it('each EVSE: the EVSEs include those only seen in StatusNotifications', () => {
      const result = only(
        { components: [component('RCD', { tier: 'evse' })] },
        evidence([...twoEvses(), makeReportItem('RCD', 'Tripped', { evse: 1 }), makeReportItem('RCD', 'Tripped', { evse: 2 })], { statusNotifications: [makeStatusNotification(7, 3, 1)] }),
      );
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('RCD missing at EVSE 3 (2 of 3); why RCD');
      expect(result.score).to.equal(2 / 3);
    });

    it('each EVSE: more than five missing places are summarised', () => {
      const statusNotifications = [1, 2, 3, 4, 5, 6, 7].map((evseId) => statusOn(evseId));
      const result = only({ components: [component('RCD', { tier: 'evse' })] }, evidence([makeReportItem('RCD', 'Tripped', { evse: 1 })], { statusNotifications }));
      expect(result.reason).to.equal('RCD missing at EVSE 2, EVSE 3, EVSE 4, EVSE 5, EVSE 6 and 1 more (1 of 7); why RCD');
      expect(result.score).to.equal(1 / 7);
    });

    it('each connector: recommended, missing on one of two → WARN 0.5 naming the connector', () => {
      const result = only(
        { components: [component('ConnectorPlugRetentionLock', { tier: 'connector', cardinality: 'each', level: 'recommended' })] },
        // The one on EVSE 2 sits on the EVSE, not on its connector: it does not count.
        evidence([...twoEvses(), makeReportItem('ConnectorPlugRetentionLock', 'Active', { evse: 1, connector: 1 }), makeReportItem('ConnectorPlugRetentionLock', 'Active', { evse: 2 })]),
      );
      expect(result.verdict).to.equal('WARN');
      expect(result.title).to.equal('Should report the ConnectorPlugRetentionLock component (each connector)');
      expect(result.reason).to.equal('ConnectorPlugRetentionLock missing at connector 2/1 (1 of 2); why ConnectorPlugRetentionLock');
      expect(result.score).to.equal(0.5);
      expect(result.weight).to.equal(1);
    });

    it('at-least-one: anywhere at all passes', () => {
      const result = only({ components: [component('LiquidCoolingSystem', { tier: 'connector', cardinality: 'at-least-one' })] }, evidence([...twoEvses(), makeReportItem('LiquidCoolingSystem', 'Active', { evse: 2, connector: 1 })]));
      expect(result.verdict).to.equal('PASS');
      expect(result.reason).to.equal('reported — why LiquidCoolingSystem');
      expect(result.seqs).to.deep.equal([104]);
    });

    it('at-least-one: a station-tier component found only on an EVSE passes', () => {
      const result = only({ components: [component('TemperatureSensor', { cardinality: 'at-least-one' })] }, evidence([...twoEvses(), makeReportItem('TemperatureSensor', 'Temperature', { evse: 2 })]));
      expect(result.verdict).to.equal('PASS');
      expect(result.score).to.equal(1);
    });

    it('at-least-one: not reported → FAIL "not reported", score 0', () => {
      const result = only({ components: [component('TemperatureSensor', { cardinality: 'at-least-one' })] }, evidence(twoEvses()));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('TemperatureSensor not reported; why TemperatureSensor');
      expect(result.score).to.equal(0);
      expect(result.seqs).to.deep.equal([]);
    });

    it('an EVSE-tier component when no EVSE is known: anywhere counts', () => {
      expect(only({ components: [component('RCD', { tier: 'evse' })] }, evidence([makeReportItem('RCD', 'Tripped')])).verdict).to.equal('PASS');
      expect(only({ components: [component('RCD', { tier: 'evse' })] }, evidence([makeReportItem('Other', 'Tripped')])).reason).to.equal('RCD not reported; why RCD');
    });

    it('aliases: reported everywhere under an alias → WARN 0.75 naming it', () => {
      const result = only(
        { components: [component('OverCurrentProtection', { tier: 'evse', aliases: ['OverCurrentRelay', 'OverCurrentBreaker'] })] },
        evidence([...twoEvses(), makeReportItem('OverCurrentBreaker', 'Active', { evse: 1 }), makeReportItem('OverCurrentBreaker', 'Active', { evse: 2 })]),
      );
      expect(result.verdict).to.equal('WARN');
      expect(result.score).to.equal(0.75);
      expect(result.reason).to.equal('reported under the non-standard name OverCurrentBreaker, not OverCurrentProtection');
      expect(result.seqs).to.deep.equal([104, 105]);
    });

    it('aliases: an alias on only one of two EVSEs gives no credit', () => {
      const result = only({ components: [component('OverCurrentProtection', { tier: 'evse', aliases: ['OverCurrentBreaker'] })] }, evidence([...twoEvses(), makeReportItem('OverCurrentBreaker', 'Active', { evse: 1 })]));
      expect(result.verdict).to.equal('FAIL');
      expect(result.reason).to.equal('OverCurrentProtection missing at EVSE 1, EVSE 2 (0 of 2); why OverCurrentProtection');
      expect(result.score).to.equal(0);
    });

    it('recommended and missing → WARN with score 0 and weight 1', () => {
      const result = only({ components: [component('MonitoringCtrlr', { level: 'recommended', cardinality: 'one' })] }, evidence(twoEvses()));
      expect(result).to.deep.include({ verdict: 'WARN', score: 0, weight: 1, title: 'Should report the MonitoringCtrlr component (station)', reason: 'MonitoringCtrlr missing at the station (0 of 1); why MonitoringCtrlr' });
    });

    it('a component instance is part of the id, the title and the match', () => {
      const spec = component('Controller', { instance: 'main' });
      const plain = only({ components: [spec] }, evidence([makeReportItem('Controller', 'Problem')]));
      expect(plain.id).to.equal('guideline/components/Controller-main');
      expect(plain.title).to.equal('Reports the Controller[main] component (station)');
      expect(plain.verdict).to.equal('FAIL');
      expect(only({ components: [spec] }, evidence([makeReportItem('Controller', 'Problem', { componentInstance: 'MAIN' })])).verdict).to.equal('PASS');
    });

    it('no FullInventory collected → INCONCLUSIVE', () => {
      const result = only({ components: [component('ChargingStation')] }, makeEvidence());
      expect(result).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no FullInventory was collected', weight: 2, seqs: [] });
      // INCONCLUSIVE earns what the scoring configuration says, so no fixed score.
      expect(result).not.to.have.property('score');
    });
  });

  describe('variables', () => {
    describe('whenComponentReported (a lock a tethered cable lacks, G05.FR.02)', () => {
      const lockProblem = variable('ConnectorPlugRetentionLock', 'Problem', { whenComponentReported: true, monitoring: 'recommended', source: ['ocpp201-part2#G05.FR.02'] });

      it('NOT APPLICABLE, both the variable and its monitorability, when the station reports no such component', () => {
        const results = evaluateGuideline(guideline({ variables: [lockProblem] }), evidence(twoEvses()));
        expect(results.map((r) => [r.id, r.verdict, r.reason])).to.deep.equal([
          ['guideline/variables/ConnectorPlugRetentionLock.Problem', 'NOT APPLICABLE', 'the station reports no ConnectorPlugRetentionLock, so the line does not apply to it'],
          ['guideline/monitoring/ConnectorPlugRetentionLock.Problem', 'NOT APPLICABLE', 'the station reports no ConnectorPlugRetentionLock, so the line does not apply to it'],
        ]);
      });

      it('FAIL when the station has the lock but no Problem on it', () => {
        const lock = makeReportItem('ConnectorPlugRetentionLock', 'Active', { evse: 1, connector: 1, dataType: 'boolean' });
        const results = evaluateGuideline(guideline({ variables: [lockProblem] }), evidence([...twoEvses(), lock]));
        expect(results.map((r) => r.verdict)).to.deep.equal(['FAIL', 'WARN']);
        expect(results[0]?.refs).to.include('ocpp201-part2#G05.FR.02');
      });

      it('INCONCLUSIVE, not NOT APPLICABLE, when the FullInventory was cut off', () => {
        const cut = makeEvidence({ deviceModel: { source: 'inventory-full', complete: false, entries: entries(twoEvses()) } });
        expect(evaluateGuideline(guideline({ variables: [lockProblem] }), cut).map((r) => r.verdict)).to.deep.equal(['INCONCLUSIVE', 'INCONCLUSIVE']);
      });
    });

    it('the line\'s source joins the refs and details.source, with the reason of our own proposal', () => {
      const spec = variable('PowerContactor', 'Problem', { source: ['oca-uptime-wp-1.1#5.1', 'charin-uec#ContactorPosition', { own: 'requiring it is our choice' }] });
      const result = only({ variables: [spec] }, evidence(twoEvses()));
      expect(result.refs).to.deep.equal(['B07', 'TC_B_53', 'oca-uptime-wp-1.1#5.1', 'charin-uec#ContactorPosition', 'own proposal']);
      expect(result.details).to.deep.equal({ source: { cites: ['oca-uptime-wp-1.1#5.1', 'charin-uec#ContactorPosition'], own: 'requiring it is our choice' } });
    });

    it("instance '*' matches any instance", () => {
      const result = only({ variables: [variable('TemperatureSensor', 'Temperature', { instance: '*' })] }, evidence([makeReportItem('TemperatureSensor', 'Temperature', { variableInstance: 'Ambient' })]));
      expect(result).to.deep.equal({
        id: 'guideline/variables/TemperatureSensor.Temperature-any',
        title: 'Reports TemperatureSensor.Temperature',
        refs: ['B07', 'TC_B_53', 'tc-b-53'],
        details: { source: { cites: ['tc-b-53'] } },
        category: 'device-model',
        verdict: 'PASS',
        reason: 'TemperatureSensor.Temperature reported',
        seqs: [100],
        score: 1,
        weight: 2,
      });
    });

    it('a specific instance must match (case-insensitively)', () => {
      const spec = variable('DeviceDataCtrlr', 'ItemsPerMessage', { instance: 'GetReport' });
      const other = only({ variables: [spec] }, evidence([makeReportItem('DeviceDataCtrlr', 'ItemsPerMessage', { variableInstance: 'GetVariables' })]));
      expect(other).to.deep.include({ id: 'guideline/variables/DeviceDataCtrlr.ItemsPerMessage-GetReport', verdict: 'FAIL', score: 0, seqs: [] });
      expect(other.reason).to.equal('DeviceDataCtrlr.ItemsPerMessage[GetReport] not reported; why DeviceDataCtrlr.ItemsPerMessage');
      expect(other.title).to.equal('Reports DeviceDataCtrlr.ItemsPerMessage[GetReport]');
      const same = only({ variables: [spec] }, evidence([makeReportItem('DeviceDataCtrlr', 'ItemsPerMessage', { variableInstance: 'getreport' })]));
      expect(same.verdict).to.equal('PASS');
      expect(same.reason).to.equal('DeviceDataCtrlr.ItemsPerMessage[GetReport] reported');
    });

    it('no instance: a variable reported without an instance passes', () => {
      const result = only({ variables: [variable('OCPPCommCtrlr', 'HeartbeatInterval')] }, evidence([makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval')]));
      expect(result).to.deep.include({ id: 'guideline/variables/OCPPCommCtrlr.HeartbeatInterval', verdict: 'PASS', reason: 'OCPPCommCtrlr.HeartbeatInterval reported' });
    });

    it('a component instance is part of the label and the id', () => {
      const result = only({ variables: [variable('Controller', 'Problem', { componentInstance: 'main' })] }, evidence([makeReportItem('Controller', 'Problem', { componentInstance: 'other' })]));
      expect(result.id).to.equal('guideline/variables/Controller-main.Problem');
      expect(result.reason).to.equal('Controller[main].Problem not reported; why Controller.Problem');
    });

    it('on an EVSE component: at all EVSEs → PASS at all places', () => {
      const result = only({ variables: [variable('EVSE', 'Power')] }, evidence([...twoEvses(), makeReportItem('EVSE', 'Power', { evse: 1 }), makeReportItem('EVSE', 'Power', { evse: 2 })]));
      expect(result.verdict).to.equal('PASS');
      expect(result.reason).to.equal('EVSE.Power reported at all 2 places');
      expect(result.seqs).to.deep.equal([104, 105]);
    });

    it('on an EVSE component: missing on one of two EVSEs → FAIL 0.5 naming it', () => {
      const result = only({ variables: [variable('EVSE', 'Power')] }, evidence([...twoEvses(), makeReportItem('EVSE', 'Power', { evse: 1 })]));
      expect(result).to.deep.include({ verdict: 'FAIL', score: 0.5, reason: 'EVSE.Power missing at EVSE 2 (1 of 2)', seqs: [104] });
    });

    it('an explicit tier overrides where the component is found', () => {
      const result = only({ variables: [variable('Controller', 'Problem', { tier: 'evse' })] }, evidence([...twoEvses(), makeReportItem('Controller', 'Problem', { evse: 2 })]));
      expect(result.reason).to.equal('Controller.Problem missing at EVSE 1 (1 of 2)');
    });

    it('recommended and missing → WARN with score 0', () => {
      const result = only({ variables: [variable('DataLink', 'SignalStrength', { level: 'recommended' })] }, evidence(twoEvses()));
      expect(result).to.deep.include({ verdict: 'WARN', score: 0, weight: 1, title: 'Should report DataLink.SignalStrength', reason: 'DataLink.SignalStrength not reported (the station reports no DataLink at all); why DataLink.SignalStrength' });
    });

    it('a dataType mismatch → WARN 0.75', () => {
      const result = only({ variables: [variable('EVSE', 'Power', { dataType: 'decimal' })] }, evidence([...twoEvses(), makeReportItem('EVSE', 'Power', { evse: 1, dataType: 'integer' }), makeReportItem('EVSE', 'Power', { evse: 2, dataType: 'integer' })]));
      expect(result).to.deep.include({ verdict: 'WARN', score: 0.75, reason: 'EVSE.Power reported, but with dataType integer (expected decimal)' });
    });

    it('a missing unit → WARN 0.75', () => {
      const result = only({ variables: [variable('EVSE', 'Power', { unit: 'W' })] }, evidence([makeReportItem('EVSE', 'Power', { evse: 1 })]));
      expect(result).to.deep.include({ verdict: 'WARN', score: 0.75, reason: 'EVSE.Power reported, but with unit missing (expected W)' });
    });

    it('a mutability mismatch → WARN 0.75; no mutability reads as ReadWrite', () => {
      const spec = variable('OCPPCommCtrlr', 'HeartbeatInterval', { mutability: 'ReadWrite' });
      expect(only({ variables: [spec] }, evidence([makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval')]))).to.deep.include({
        verdict: 'WARN',
        score: 0.75,
        reason: 'OCPPCommCtrlr.HeartbeatInterval reported, but with mutability ReadOnly (expected ReadWrite)',
      });
      expect(only({ variables: [spec] }, evidence([makeReportItem('OCPPCommCtrlr', 'HeartbeatInterval', { mutability: null })])).verdict).to.equal('PASS');
    });

    it('an omitted mutability where ReadOnly is expected reads "omitted (defaults to ReadWrite)", not as a ReadWrite the station chose', () => {
      const spec = variable('EVSE', 'Power', { mutability: 'ReadOnly' });
      expect(only({ variables: [spec] }, evidence([makeReportItem('EVSE', 'Power', { mutability: null })]))).to.deep.include({
        verdict: 'WARN',
        reason: 'EVSE.Power reported, but with mutability omitted (defaults to ReadWrite; expected ReadOnly)',
      });
    });

    it('dataType and unit compare case-insensitively; all three mismatches are listed', () => {
      const spec = variable('EVSE', 'Power', { dataType: 'decimal', unit: 'W', mutability: 'ReadWrite' });
      expect(only({ variables: [spec] }, evidence([makeReportItem('EVSE', 'Power', { dataType: 'Decimal', unit: 'w', mutability: 'ReadWrite' })])).verdict).to.equal('PASS');
      expect(only({ variables: [spec] }, evidence([makeReportItem('EVSE', 'Power', { dataType: null })])).reason).to.equal(
        'EVSE.Power reported, but with dataType missing (expected decimal), unit missing (expected W), mutability ReadOnly (expected ReadWrite)',
      );
    });

    it('missing on an EVSE and a mismatch: FAIL with the first mismatch appended', () => {
      const result = only({ variables: [variable('EVSE', 'Power', { dataType: 'decimal' })] }, evidence([...twoEvses(), makeReportItem('EVSE', 'Power', { evse: 1, dataType: 'integer' })]));
      expect(result).to.deep.include({ verdict: 'FAIL', score: 0.5, reason: 'EVSE.Power missing at EVSE 2 (1 of 2); dataType integer (expected decimal)' });
    });

    it('no FullInventory collected → INCONCLUSIVE', () => {
      expect(only({ variables: [variable('EVSE', 'Power')] }, makeEvidence())).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no FullInventory was collected' });
    });
  });

  describe('monitorability', () => {
    const power = (evse: number, supportsMonitoring: boolean): ReportItem => makeReportItem('EVSE', 'Power', { evse, dataType: 'decimal', supportsMonitoring });
    /** The monitorability result of EVSE.Power (the second result; the first is its presence check). */
    const monitorability = (spec: GuidelineVariable, evidenceUnderTest: Evidence): CheckResult => {
      const results = evaluateGuideline(guideline({ variables: [spec] }), evidenceUnderTest);
      expect(results.map((r) => r.id)).to.deep.equal([`guideline/variables/${spec.component}.${spec.variable}`, `guideline/monitoring/${spec.component}.${spec.variable}`]);
      return results[1];
    };
    const powerSpec = (monitoring: 'required' | 'recommended' = 'required') => variable('EVSE', 'Power', { monitoring, why: 'power is the charge', source: SRC });

    it('required, supportsMonitoring false → FAIL', () => {
      expect(monitorability(powerSpec(), evidence([...twoEvses(), power(1, false), power(2, false)]))).to.deep.equal({
        id: 'guideline/monitoring/EVSE.Power',
        title: 'EVSE.Power supports monitoring',
        refs: ['N04', 'N04.FR.05', 'TC_N_08', 'tc-b-53'],
        details: { source: { cites: ['tc-b-53'] } },
        category: 'monitorability',
        verdict: 'FAIL',
        reason: 'EVSE.Power reports supportsMonitoring false (or none); power is the charge',
        seqs: [104, 105],
        score: 0,
        weight: 2,
      });
    });

    it('recommended, no variableCharacteristics → WARN with weight 1', () => {
      const result = monitorability(powerSpec('recommended'), evidence([makeReportItem('EVSE', 'Power', { evse: 1, characteristics: false })]));
      expect(result).to.deep.include({ verdict: 'WARN', score: 0, weight: 1, title: 'EVSE.Power should support monitoring' });
    });

    it('the monitoring weight follows the monitoring level, not the variable level', () => {
      const result = monitorability(variable('EVSE', 'Power', { level: 'recommended', monitoring: 'required' }), evidence([power(1, true)]));
      expect(result.weight).to.equal(2);
    });

    it('not reported → FAIL: cannot be monitored', () => {
      expect(monitorability(powerSpec(), evidence(twoEvses()))).to.deep.include({ verdict: 'FAIL', reason: 'EVSE.Power is not reported, so it cannot be monitored', score: 0, seqs: [] });
    });

    it('no FullInventory → INCONCLUSIVE', () => {
      expect(monitorability(powerSpec(), makeEvidence())).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no FullInventory was collected' });
    });

    it('no probe, supportsMonitoring on all → PASS with the note', () => {
      expect(monitorability(powerSpec(), evidence([...twoEvses(), power(1, true), power(2, true)]))).to.deep.include({
        verdict: 'PASS',
        score: 1,
        reason: 'supportsMonitoring true on 2 of 2; the audit did not probe it with a monitor',
        seqs: [104, 105],
      });
    });

    it('no probe, supportsMonitoring on one of two → WARN with the share, even when required', () => {
      expect(monitorability(powerSpec(), evidence([...twoEvses(), power(1, true), power(2, false)]))).to.deep.include({
        verdict: 'WARN',
        score: 0.5,
        reason: 'supportsMonitoring true on 1 of 2; the audit did not probe it with a monitor',
      });
    });

    it('a probe that failed as a call counts as no probe', () => {
      const failed = makeCase('guideline-monitoring-probe', {
        captures: { probe: makeCallCapture('SetVariableMonitoring', { setMonitoringData: [] }, { failure: { kind: 'call-error', errorCode: 'NotSupported', description: 'CALLERROR NotSupported' } }, [40]) },
      });
      const result = monitorability(powerSpec(), evidence([power(1, true)], { cases: [failed] }));
      expect(result.reason).to.equal('supportsMonitoring true on 1 of 1; the audit did not probe it with a monitor');
    });

    it('probe Accepted on every entry → PASS, with the probe frames', () => {
      const items = [...twoEvses(), power(1, true), power(2, true)];
      const probes = monitoringProbes(guideline({ variables: [powerSpec()] }), entries(items)).filter((p) => p['type'] === 'Periodic') as Array<{ component: ComponentRefJson; variable: VariableRefJson }>;
      const result = monitorability(powerSpec(), evidence(items, { cases: [probeCase(probes, ['Accepted', 'Accepted'])] }));
      expect(result).to.deep.include({ verdict: 'PASS', score: 1, reason: "supportsMonitoring true and the audit's probe monitor was accepted (2 of 2)", seqs: [40, 41, 104, 105] });
    });

    it('probe Rejected on one of two → FAIL naming the status', () => {
      const items = [...twoEvses(), power(1, true), power(2, true)];
      const data = [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }, { component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Power' } }];
      const result = monitorability(powerSpec(), evidence(items, { cases: [probeCase(data, ['Accepted', 'Rejected'])] }));
      expect(result).to.deep.include({ verdict: 'FAIL', score: 0.5, reason: 'probe monitor accepted on 1 of 2 (first refusal: Rejected)' });
    });

    it('probe results are matched to the request by position', () => {
      const items = [power(1, true), makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, supportsMonitoring: true })];
      const specs = [powerSpec(), variable('Connector', 'Temperature', { monitoring: 'recommended' })];
      // Requested Connector first, then EVSE: the first answer belongs to the connector.
      const data = [{ component: connector11, variable: temperature }, { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }];
      const results = evaluateGuideline(guideline({ variables: specs }), evidence(items, { cases: [probeCase(data, ['UnsupportedMonitorType', 'Accepted'])] }));
      const byId = new Map(results.map((r) => [r.id, r]));
      expect(byId.get('guideline/monitoring/EVSE.Power')).to.deep.include({ verdict: 'PASS', score: 1 });
      expect(byId.get('guideline/monitoring/Connector.Temperature')).to.deep.include({ verdict: 'WARN', score: 0, reason: 'probe monitor accepted on 0 of 1 (first refusal: UnsupportedMonitorType)' });
    });

    it('Accepted without a monitor id is no monitor → FAIL naming it (N04.FR.11)', () => {
      const data = [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }];
      const result = monitorability(powerSpec(), evidence([power(1, true)], { cases: [probeCase(data, ['Accepted-no-id'])] }));
      expect(result).to.deep.include({ verdict: 'FAIL', score: 0, reason: 'probe monitor accepted on 0 of 1 (first refusal: Accepted without a monitor id)' });
    });

    it('probe Duplicate where the station as found had such a monitor (an operator\'s daily report) → PASS: the variable takes it (N04.FR.10)', () => {
      const items = [makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, supportsMonitoring: true })];
      const spec = variable('Connector', 'Temperature', { monitoring: 'recommended' });
      const cases = [baselineCase([monitoringReport(50, [mon(6, 'Periodic', 9)])]), probeCase([{ component: connector11, variable: temperature }], ['Duplicate'])];
      const result = evaluateGuideline(guideline({ variables: [spec] }), evidence(items, { cases })).find((r) => r.id === 'guideline/monitoring/Connector.Temperature');
      expect(result).to.deep.include({ verdict: 'PASS', score: 1, reason: "supportsMonitoring true and the audit's probe monitor was accepted (1 of 1); Duplicate where the station already had such a monitor (#6, N04.FR.10)" });
    });

    it('probe Duplicate with no such monitor in the station as found is a refusal', () => {
      const items = [makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, supportsMonitoring: true })];
      const spec = variable('Connector', 'Temperature', { monitoring: 'recommended' });
      // A Periodic monitor is there, but of another severity: Duplicate is not explained by it.
      const cases = [baselineCase([monitoringReport(50, [mon(6, 'Periodic', 8)])]), probeCase([{ component: connector11, variable: temperature }], ['Duplicate'])];
      const result = evaluateGuideline(guideline({ variables: [spec] }), evidence(items, { cases })).find((r) => r.id === 'guideline/monitoring/Connector.Temperature');
      expect(result).to.deep.include({ verdict: 'WARN', score: 0, reason: 'probe monitor accepted on 0 of 1 (first refusal: Duplicate)' });
    });

    it('a result missing from the response reads as "missing"', () => {
      const data = [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }];
      const result = monitorability(powerSpec(), evidence([power(1, true)], { cases: [probeCase(data, [])] }));
      expect(result.reason).to.equal('probe monitor accepted on 0 of 1 (first refusal: missing)');
    });

    it('a monitorable entry the probe did not cover is not accepted', () => {
      const result = monitorability(powerSpec(), evidence([power(1, true)], { cases: [probeCase([], [])] }));
      expect(result).to.deep.include({ verdict: 'FAIL', score: 0, reason: 'probe monitor accepted on 0 of 1' });
    });

    it('accepted where monitorable, but supportsMonitoring false elsewhere → FAIL with both', () => {
      const data = [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } }];
      const result = monitorability(powerSpec(), evidence([...twoEvses(), power(1, true), power(2, false)], { cases: [probeCase(data, ['Accepted'])] }));
      expect(result).to.deep.include({ verdict: 'FAIL', score: 0.5, reason: 'probe monitor accepted on 1 of 2; supportsMonitoring false on 1', seqs: [40, 41, 104, 105] });
    });
  });

  describe('monitors', () => {
    const hardWiredSpec = (extra: Partial<GuidelineMonitor> = {}): GuidelineMonitor => ({
      component: 'Connector',
      variable: 'Temperature',
      types: ['UpperThreshold'],
      origin: 'HardWiredMonitor',
      severity: { min: 0, max: 3 },
      level: 'required',
      why: 'a hot plug must raise an alert', source: SRC,
      ...extra,
    });
    const powerDelta = mon(7, 'Delta', 8, { name: 'EVSE', evse: { id: 1 } }, { name: 'Power' });
    const station = [makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1 })];

    it('hard-wired: in the baseline and in the HardWiredOnly report → PASS', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2), powerDelta])]), hardWiredCase([monitoringReport(60, [mon(1, 'UpperThreshold', 2)])])];
      expect(only({ monitors: [hardWiredSpec()] }, evidence(station, { cases }))).to.deep.equal({
        id: 'guideline/monitors/Connector.Temperature-UpperThreshold',
        title: 'Has a hard-wired UpperThreshold monitor on Connector.Temperature',
        refs: ['N02', 'N03', 'TC_N_47', 'tc-b-53'],
        details: { source: { cites: ['tc-b-53'] } },
        category: 'monitoring',
        verdict: 'PASS',
        reason: '1 monitor(s) on Connector.Temperature, severity 2',
        seqs: [50],
        score: 1,
        weight: 2,
      });
    });

    it('hard-wired: the id is not in the HardWiredOnly report → FAIL', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])]), hardWiredCase([monitoringReport(60, [powerDelta])])];
      expect(only({ monitors: [hardWiredSpec()] }, evidence(station, { cases }))).to.deep.include({
        verdict: 'FAIL',
        score: 0,
        seqs: [],
        reason: 'no hard-wired UpperThreshold monitor on Connector.Temperature; a hot plug must raise an alert',
      });
    });

    it('hard-wired: without the HardWiredOnly report the origin is not verified', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])])];
      expect(only({ monitors: [hardWiredSpec()] }, evidence(station, { cases })).reason).to.equal('1 monitor(s) on Connector.Temperature, severity 2 (origin not verified: the HardWiredOnly report is missing)');
      // An incomplete HardWiredOnly report is no report either.
      const incomplete = [...cases, hardWiredCase([monitoringReport(60, [], true)], false)];
      expect(only({ monitors: [hardWiredSpec()] }, evidence(station, { cases: incomplete })).verdict).to.equal('PASS');
    });

    it('preconfigured: a monitor that survives HardWiredOnly is not preconfigured', () => {
      const spec = hardWiredSpec({ origin: 'PreconfiguredMonitor', level: 'recommended' });
      const baseline = baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2), mon(2, 'UpperThreshold', 3)])]);
      const hardWiredOne = hardWiredCase([monitoringReport(60, [mon(1, 'UpperThreshold', 2)])]);
      expect(only({ monitors: [spec] }, evidence(station, { cases: [baseline, hardWiredOne] }))).to.deep.include({ verdict: 'PASS', reason: '1 monitor(s) on Connector.Temperature, severity 3', weight: 1 });
      const hardWiredBoth = hardWiredCase([monitoringReport(60, [mon(1, 'UpperThreshold', 2), mon(2, 'UpperThreshold', 3)])]);
      const missing = only({ monitors: [spec] }, evidence(station, { cases: [baseline, hardWiredBoth] }));
      expect(missing).to.deep.include({ verdict: 'WARN', score: 0, title: 'Should have a preconfigured UpperThreshold monitor on Connector.Temperature' });
      expect(missing.reason).to.equal('no preconfigured UpperThreshold monitor on Connector.Temperature; a hot plug must raise an alert');
    });

    it("origin 'any' does not look at the HardWiredOnly report", () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])]), hardWiredCase([])];
      const result = only({ monitors: [hardWiredSpec({ origin: 'any' })] }, evidence(station, { cases }));
      expect(result).to.deep.include({ verdict: 'PASS', reason: '1 monitor(s) on Connector.Temperature, severity 2', title: 'Has a hard-wired or preconfigured UpperThreshold monitor on Connector.Temperature' });
    });

    it('severity out of range → WARN 0.5 listing the severities', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 7)]), monitoringReport(51, [mon(2, 'UpperThreshold', 5)])]), hardWiredCase([monitoringReport(60, [mon(1, 'UpperThreshold', 7), mon(2, 'UpperThreshold', 5)])])];
      expect(only({ monitors: [hardWiredSpec()] }, evidence(station, { cases }))).to.deep.include({
        verdict: 'WARN',
        score: 0.5,
        seqs: [50, 51],
        reason: 'a UpperThreshold monitor on Connector.Temperature exists, but with severity 7, 5 (expected 0–3)',
      });
    });

    it('one monitor in range is enough', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 7), mon(2, 'UpperThreshold', 3)])])];
      expect(only({ monitors: [hardWiredSpec({ origin: 'any' })] }, evidence(station, { cases }))).to.deep.include({ verdict: 'PASS', reason: '2 monitor(s) on Connector.Temperature, severity 3' });
    });

    it('no severity range: any severity passes', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 9)])])];
      expect(only({ monitors: [hardWiredSpec({ origin: 'any', severity: undefined })] }, evidence(station, { cases })).verdict).to.equal('PASS');
    });

    it('a monitor of another type does not count', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'Delta', 2), mon(2, 'LowerThreshold', 2)])])];
      expect(only({ monitors: [hardWiredSpec({ origin: 'any' })] }, evidence(station, { cases })).verdict).to.equal('FAIL');
    });

    it('several types: the id and the title list them; any of them counts', () => {
      const spec = hardWiredSpec({ component: 'EVSE', variable: 'Power', types: ['Delta', 'Periodic', 'PeriodicClockAligned'], origin: 'PreconfiguredMonitor', severity: undefined, level: 'recommended' });
      const cases = [baselineCase([monitoringReport(50, [mon(4, 'Periodic', 9, { name: 'EVSE', evse: { id: 1 } }, { name: 'Power' })])]), hardWiredCase([])];
      const result = only({ monitors: [spec] }, evidence(station, { cases }));
      expect(result.id).to.equal('guideline/monitors/EVSE.Power-Delta-Periodic-PeriodicClockAligned');
      expect(result.title).to.equal('Should have a preconfigured Delta/Periodic/PeriodicClockAligned monitor on EVSE.Power');
      expect(result.verdict).to.equal('PASS');
    });

    it('a variable instance narrows the match and shows in the label', () => {
      const spec = hardWiredSpec({ component: 'EVSE', variable: 'ACCurrent', instance: 'L1', origin: 'any', severity: undefined });
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2, { name: 'EVSE', evse: { id: 1 } }, { name: 'ACCurrent', instance: 'L2' })])])];
      const result = only({ monitors: [spec] }, evidence(station, { cases }));
      expect(result.reason).to.equal('no hard-wired or preconfigured UpperThreshold monitor on EVSE.ACCurrent[L1]; a hot plug must raise an alert');
    });

    it('no baseline report → INCONCLUSIVE; an incomplete one too', () => {
      const spec = { monitors: [hardWiredSpec()] };
      expect(only(spec, evidence(station))).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no monitoring report of the station as found was collected' });
      expect(only(spec, evidence(station, { cases: [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)], true)], false)] })).verdict).to.equal('INCONCLUSIVE');
    });
  });

  describe('severity categories', () => {
    const overTemperature = (extra: Partial<GuidelineSeverity> = {}): GuidelineSeverity => ({
      category: 'connector-over-temperature',
      title: 'Connector over-temperature',
      match: [{ component: 'Connector', variable: 'Temperature' }],
      severity: { min: 0, max: 3 },
      why: 'a hot plug is urgent', source: SRC,
      ...extra,
    });
    const station = [...twoEvses(), makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1 })];

    it('NOT APPLICABLE when the station reports none of the pairs', () => {
      const spec = overTemperature({ category: 'residual-current-fault', title: 'RCD', match: [{ component: 'RCD', variable: 'Tripped' }, { component: 'RCD', variable: 'Operated' }] });
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])])];
      expect(only({ severities: [spec] }, evidence(station, { cases }))).to.deep.equal({
        id: 'guideline/severities/residual-current-fault',
        title: 'Monitors for "RCD" carry a severity of 0–3',
        refs: ['N04', 'N07', 'tc-b-53'],
        details: { source: { cites: ['tc-b-53'] } },
        category: 'events',
        verdict: 'NOT APPLICABLE',
        reason: 'the station reports none of RCD.Tripped, RCD.Operated',
        seqs: [],
        score: 0,
        weight: 1,
      });
    });

    it('all event monitors in range → PASS; Periodic monitors are ignored', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2), mon(2, 'Periodic', 8), mon(3, 'PeriodicClockAligned', 9)]), monitoringReport(52, [mon(4, 'Delta', 0)])])];
      expect(only({ severities: [overTemperature()] }, evidence(station, { cases }))).to.deep.include({
        verdict: 'PASS',
        score: 1,
        reason: '2 monitor(s) on Connector.Temperature, severities 2, 0',
        seqs: [50, 52],
        title: 'Monitors for "Connector over-temperature" carry a severity of 0–3',
      });
    });

    it('only Periodic monitors → FAIL: no monitor watches the pairs', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(2, 'Periodic', 1)])])];
      expect(only({ severities: [overTemperature()] }, evidence(station, { cases }))).to.deep.include({ verdict: 'FAIL', score: 0, reason: 'no monitor watches Connector.Temperature; a hot plug is urgent' });
    });

    it('some out of range → WARN with the share in range, naming those outside', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2), mon(2, 'UpperThreshold', 5), mon(3, 'Delta', 1)])])];
      expect(only({ severities: [overTemperature()] }, evidence(station, { cases }))).to.deep.include({
        verdict: 'WARN',
        score: 2 / 3,
        reason: '2 of 3 monitor(s) within 0–3; outside: Connector.Temperature severity 5',
      });
    });

    it("an operator's custom monitor (deleted by the base switches and set again as new) is not the manufacturer's: it does not count", () => {
      const operator = { id: 7, component: connector11, variable: temperature, type: 'UpperThreshold', value: 50, severity: 5, transaction: false, seq: 50 };
      const changedPreset = { id: 1, component: connector11, variable: temperature, type: 'UpperThreshold', value: 50, severity: 2, transaction: false, seq: 50 };
      const restore: MonitorRestoreCapture = {
        kind: 'monitor-restore',
        found: { count: 2, complete: true },
        custom: [
          { monitor: operator, recreate: { status: 'Accepted', id: 41 }, verifiedAs: 41 },
          // Put back on the manufacturer's own monitor (N04.FR.15): that monitor, with its severity, is the manufacturer's.
          { monitor: changedPreset, recreate: { replacing: 1, status: 'Accepted', id: 1 }, verifiedAs: 1 },
        ],
        manufacturer: [],
        seqs: [60],
      };
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2), mon(7, 'UpperThreshold', 5)])]), makeCase('monitoring-bases', { captures: { 'restore-monitors': restore } })];
      expect(only({ severities: [overTemperature()] }, evidence(station, { cases }))).to.deep.include({ verdict: 'PASS', score: 1, reason: '1 monitor(s) on Connector.Temperature, severities 2' });
      // Without the restore record the same report reads as one monitor out of range.
      expect(only({ severities: [overTemperature()] }, evidence(station, { cases: cases.slice(0, 1) })).verdict).to.equal('WARN');
    });

    describe('with ChargeX codes (chargexCodes)', () => {
      const rcd = overTemperature({ category: 'residual-current-fault', title: 'Residual current', match: [{ component: 'RCD', variable: 'Tripped' }], severity: { min: 0, max: 2 }, chargexCodes: ['CX002'], why: 'shock hazard' });
      const problem: VariableRefJson = { name: 'Problem' };
      const stationRef: ComponentRefJson = { name: 'ChargingStation' };
      const faultEvent = (seq: number, techCode: string, monitorId?: number): CollectedMessage =>
        makeMessage(seq, 'NotifyEvent', {
          generatedAt: FIXTURE_TIME,
          seqNo: 0,
          eventData: [{ eventId: seq, timestamp: FIXTURE_TIME, trigger: monitorId !== undefined ? 'Delta' : 'Alerting', actualValue: 'true', component: stationRef, variable: problem, techCode, eventNotificationType: monitorId !== undefined ? 'HardWiredMonitor' : 'HardWiredNotification', ...(monitorId !== undefined ? { variableMonitoringId: monitorId } : {}) }],
        });
      const withProblem = [...station, makeReportItem('ChargingStation', 'Problem', { dataType: 'boolean' })];

      it('a monitor whose event carried a code of the category is judged with its monitors, wherever it sits, and the reason names the code', () => {
        const cases = [baselineCase([monitoringReport(50, [mon(9, 'Delta', 5, stationRef, problem)])])];
        const result = only({ severities: [rcd] }, evidence(withProblem, { cases, notifyEvents: [faultEvent(70, 'CX002', 9)] }));
        expect(result).to.deep.include({ verdict: 'WARN', score: 0, reason: '0 of 1 monitor(s) within 0–2; outside: ChargingStation.Problem severity 5; fault codes of this category raised: CX002 (1 event(s))' });
        // The category's own citation follows the ChargeX note.
        expect(result.refs).to.deep.equal(['N04', 'N07', 'ChargeX MREC', 'tc-b-53']);
        // The same event with a code of another category leaves this one as it was.
        expect(only({ severities: [rcd] }, evidence(withProblem, { cases, notifyEvents: [faultEvent(70, 'CX017', 9)] })).verdict).to.equal('NOT APPLICABLE');
      });

      it('a code raised without a monitor is named, but a hard-wired notification has no severity to judge', () => {
        const cases = [baselineCase([monitoringReport(50, [mon(9, 'Delta', 1, { name: 'RCD' }, { name: 'Tripped' })])])];
        const result = only({ severities: [rcd] }, evidence([...withProblem, makeReportItem('RCD', 'Tripped', { dataType: 'boolean' })], { cases, notifyEvents: [faultEvent(70, 'CX002')] }));
        expect(result).to.deep.include({ verdict: 'PASS', reason: '1 monitor(s) on RCD.Tripped, severities 1; fault codes of this category raised: CX002 (1 event(s), 1 without a monitor (no severity to judge in OCPP 2.0.1))' });
        // Without a monitor behind the code and without the parts, the category still does not apply.
        expect(only({ severities: [rcd] }, evidence(withProblem, { cases, notifyEvents: [faultEvent(70, 'CX002')] })).verdict).to.equal('NOT APPLICABLE');
      });
    });

    it('no baseline → INCONCLUSIVE when the station reports the parts', () => {
      expect(only({ severities: [overTemperature()] }, evidence(station))).to.deep.include({ verdict: 'INCONCLUSIVE', reason: 'no monitoring report of the station as found was collected' });
    });

    it('parts the station does not report → NOT APPLICABLE, with or without a baseline', () => {
      const spec = overTemperature({ match: [{ component: 'RCD', variable: 'Tripped' }] });
      expect(only({ severities: [spec] }, evidence(station))).to.deep.include({ verdict: 'NOT APPLICABLE', reason: 'the station reports none of RCD.Tripped' });
    });

    it('an empty device model does not make a category NOT APPLICABLE', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])])];
      expect(only({ severities: [overTemperature()] }, evidence([], { cases })).verdict).to.equal('PASS');
    });

    it('weight: the category weight times the severities weight', () => {
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])])];
      const weights = { ...WEIGHTS, severities: 3 };
      expect(only({ weights, severities: [overTemperature({ weight: 2 })] }, evidence(station, { cases })).weight).to.equal(6);
      expect(only({ weights, severities: [overTemperature()] }, evidence(station, { cases })).weight).to.equal(3);
    });
  });

  describe('a FullInventory cut off mid-way (one cause, one finding)', () => {
    const cutOff = (items: ReportItem[], overrides: Partial<Evidence> = {}): Evidence => makeEvidence({ deviceModel: { source: 'inventory-full', complete: false, entries: entries(items) }, ...overrides });

    it('a component not among the items that arrived is unknown (INCONCLUSIVE, no credit of its own), not missing', () => {
      const result = only({ components: [component('Controller')] }, cutOff(twoEvses()));
      expect(result.verdict).to.equal('INCONCLUSIVE');
      expect(result.reason).to.match(/^Controller not among the items that arrived: unknown \(report incomplete\)/);
      expect(result.reason).to.contain('inventory-full/report');
      expect(result).to.not.have.property('score');
    });

    it('found on one EVSE of two: the other is unknown, not missing', () => {
      const result = only({ components: [component('RCD', { tier: 'evse' })] }, cutOff([...twoEvses(), makeReportItem('RCD', 'Tripped', { evse: 1 })]));
      expect(result.verdict).to.equal('INCONCLUSIVE');
      expect(result.reason).to.contain('missing at EVSE 2 (1 of 2): unknown (report incomplete)');
    });

    it('what did arrive is still judged: present passes, a mismatch warns', () => {
      expect(only({ components: [component('EVSE', { tier: 'evse' })] }, cutOff(twoEvses())).verdict).to.equal('PASS');
      const result = only({ variables: [variable('EVSE', 'Available', { dataType: 'integer' })] }, cutOff(twoEvses()));
      expect(result.verdict).to.equal('WARN');
    });

    it('variables, monitorability and severity categories of unreached items are unknown too', () => {
      const results = evaluateGuideline(
        guideline({
          variables: [variable('Controller', 'FirmwareVersion', { monitoring: 'required' }), variable('EVSE', 'Power', { tier: 'evse' })],
          severities: [{ category: 'rcd', title: 'RCD', match: [{ component: 'RCD', variable: 'Tripped' }], severity: { min: 0, max: 3 }, why: 'why', source: SRC }],
        }),
        cutOff([...twoEvses(), makeReportItem('EVSE', 'Power', { evse: 1 })], { cases: [baselineCase([monitoringReport(50, [])])] }),
      );
      expect(results.map((r) => [r.id, r.verdict])).to.deep.equal([
        ['guideline/variables/Controller.FirmwareVersion', 'INCONCLUSIVE'],
        ['guideline/variables/EVSE.Power', 'INCONCLUSIVE'],
        ['guideline/monitoring/Controller.FirmwareVersion', 'INCONCLUSIVE'],
        ['guideline/severities/rcd', 'INCONCLUSIVE'],
      ]);
      for (const r of results) expect(r.reason, r.id).to.contain('unknown (report incomplete)');
    });
  });

  describe('evaluateGuideline as a whole', () => {
    it('results come in section order, weighted by level × section', () => {
      const weights = { required: 3, recommended: 1, components: 2, variables: 5, monitors: 7, severities: 11 };
      const items = [makeReportItem('ChargingStation', 'Available'), makeReportItem('EVSE', 'Power', { evse: 1, supportsMonitoring: true }), makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1 })];
      const cases = [baselineCase([monitoringReport(50, [mon(1, 'UpperThreshold', 2)])])];
      const results = evaluateGuideline(
        guideline({
          weights,
          components: [component('ChargingStation'), component('MonitoringCtrlr', { level: 'recommended' })],
          variables: [variable('EVSE', 'Power', { monitoring: 'recommended' }), variable('EVSE', 'DCVoltage', { level: 'recommended' })],
          monitors: [{ component: 'Connector', variable: 'Temperature', types: ['UpperThreshold'], origin: 'any', level: 'required', why: 'w', source: SRC }],
          severities: [{ category: 'hot', title: 'Hot', match: [{ component: 'Connector', variable: 'Temperature' }], severity: { min: 0, max: 3 }, weight: 2, why: 'w', source: SRC }],
        }),
        evidence(items, { cases }),
      );
      expect(results.map((r) => [r.id, r.verdict, r.weight])).to.deep.equal([
        ['guideline/components/ChargingStation', 'PASS', 6],
        ['guideline/components/MonitoringCtrlr', 'WARN', 2],
        ['guideline/variables/EVSE.Power', 'PASS', 15],
        ['guideline/variables/EVSE.DCVoltage', 'WARN', 5],
        ['guideline/monitoring/EVSE.Power', 'PASS', 5],
        ['guideline/monitors/Connector.Temperature-UpperThreshold', 'PASS', 21],
        ['guideline/severities/hot', 'PASS', 22],
      ]);
    });

    it('is deterministic', () => {
      const items = [...twoEvses(), makeReportItem('RCD', 'Tripped', { evse: 1 })];
      const g = guideline({ components: [component('RCD', { tier: 'evse' })], variables: [variable('EVSE', 'Available', { monitoring: 'required' })] });
      expect(JSON.stringify(evaluateGuideline(g, evidence(items)))).to.equal(JSON.stringify(evaluateGuideline(g, evidence(items))));
    });

    it('the shipped ac-wallbox guideline on a bare AC station: every result valid', () => {
      const g = chooseGuideline(entries(twoEvses()), undefined).guideline;
      const results = evaluateGuideline(g, evidence(twoEvses()));
      expect(results.length).to.equal(g.components.length + g.variables.length + g.variables.filter((v) => v.monitoring).length + g.monitors.length + g.severities.length);
      for (const r of results) {
        if (r.verdict !== 'INCONCLUSIVE') expect(r.score).to.be.within(0, 1);
        expect(['device-model', 'monitorability', 'monitoring', 'events']).to.include(r.category);
      }
      expect(results.find((r) => r.id === 'guideline/components/EVSE')).to.deep.include({ verdict: 'PASS', reason: 'reported at all 2 places — ' + (g.components.find((c) => c.name === 'EVSE')?.why ?? '') });
    });
  });

  describe('chooseGuideline', () => {
    const acEntries = entries(twoEvses());
    const dcEntries = entries([...twoEvses(), makeReportItem('AcDcConverter', 'Temperature')]);

    it('detected ac-wallbox picks the shipped ac-wallbox guideline', () => {
      const choice = chooseGuideline(acEntries, undefined);
      expect(choice.guideline.id).to.equal('ac-wallbox');
      expect(choice.guideline.chain).to.deep.equal(['ocpp-201-core', 'ac-wallbox']);
      expect(choice.archetype).to.equal('ac-wallbox');
      expect(choice.how).to.equal('detected');
      expect(choice.reason).to.equal('no evidence of DC or AC charging in the device model, so an AC wallbox is assumed (low confidence)');
      expect(choice.confidence).to.equal('low');
    });

    it('detected dc-fast and hpc pick their shipped guidelines', () => {
      expect(chooseGuideline(dcEntries, undefined)).to.deep.include({ archetype: 'dc-fast', how: 'detected', reason: 'DC evidence: power converters (AcDcConverter) (high confidence)', confidence: 'high' });
      expect(chooseGuideline(dcEntries, undefined).guideline.id).to.equal('dc-fast');
      const hpc = chooseGuideline(entries([makeReportItem('LiquidCoolingSystem', 'Active')]), undefined);
      expect(hpc.guideline.id).to.equal('hpc');
      expect(hpc.guideline.chain).to.deep.equal(['ocpp-201-core', 'dc-fast', 'hpc']);
    });

    it('forced and matching the device model', () => {
      const forced = guideline({ id: 'mine', archetypes: ['ac-wallbox'] });
      const choice = chooseGuideline(acEntries, forced);
      expect(choice.guideline).to.equal(forced);
      expect(choice).to.deep.include({ archetype: 'ac-wallbox', how: 'forced', reason: '--guideline mine' });
    });

    it('forced against the device model: its own first archetype, and the reason says what was detected', () => {
      const forced = guideline({ id: 'mine', archetypes: ['hpc', 'dc-fast'] });
      const choice = chooseGuideline(acEntries, forced);
      expect(choice).to.deep.include({ archetype: 'hpc', how: 'forced', reason: '--guideline mine (the device model looks like ac-wallbox: no evidence of DC or AC charging in the device model, so an AC wallbox is assumed (low confidence))' });
    });

    it("forced with archetype 'any': the detected archetype", () => {
      expect(chooseGuideline(dcEntries, guideline({ id: 'mine', archetypes: ['any'] })).archetype).to.equal('dc-fast');
    });

    it('by OCPP version: a 1.6 station gets ocpp-16-baseline (the guideline says it is for 1.6), whatever its device model; 2.0.1 and 2.1 the archetype guidelines', () => {
      const ocpp16 = chooseGuideline([], undefined, '1.6');
      expect(ocpp16.guideline.id).to.equal('ocpp-16-baseline');
      expect(ocpp16).to.deep.include({ archetype: 'any', how: 'detected', reason: 'the shipped guideline for OCPP 1.6 stations, whatever their kind', signals: [] });
      // Even DC evidence does not pull a 1.6 station onto a device-model guideline.
      expect(chooseGuideline(dcEntries, undefined, '1.6').guideline.id).to.equal('ocpp-16-baseline');
      expect(chooseGuideline(dcEntries, undefined, '2.1').guideline.id).to.equal('dc-fast');
      expect(chooseGuideline([], undefined, '2.0.1').guideline.id).to.equal('ac-wallbox');
    });

    it('--guideline still overrides the version; the reason says when the guideline is for another version', () => {
      const choice = chooseGuideline([], guideline({ id: 'mine', archetypes: ['any'] }), '1.6');
      expect(choice).to.deep.include({ how: 'forced', reason: '--guideline mine (it is for OCPP 2.0.1, OCPP 2.1; the station speaks OCPP 1.6)' });
      expect(chooseGuideline([], guideline({ id: 'old', versions: ['1.6'], archetypes: ['any'] }), '1.6').reason).to.equal('--guideline old');
    });
  });

  describe('monitoringProbes', () => {
    const specs = [
      variable('EVSE', 'Power', { monitoring: 'required' }),
      variable('EVSE', 'ACCurrent', { instance: '*', monitoring: 'recommended' }),
      variable('Connector', 'Temperature', { instance: 'Plug', monitoring: 'recommended' }),
      variable('Controller', 'Problem', { componentInstance: 'main', monitoring: 'recommended' }),
      variable('DeviceDataCtrlr', 'ItemsPerMessage'),
    ];
    const items = [
      makeReportItem('EVSE', 'Power', { evse: 1, supportsMonitoring: true }),
      makeReportItem('EVSE', 'Power', { evse: 2, supportsMonitoring: false }),
      makeReportItem('EVSE', 'ACCurrent', { evse: 1, variableInstance: 'L1', supportsMonitoring: true }),
      makeReportItem('EVSE', 'ACCurrent', { evse: 1, variableInstance: 'L2', supportsMonitoring: true }),
      makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, variableInstance: 'Plug', supportsMonitoring: true }),
      makeReportItem('Connector', 'Temperature', { evse: 1, connector: 1, variableInstance: 'Cable', supportsMonitoring: true }),
      makeReportItem('Controller', 'Problem', { componentInstance: 'main', supportsMonitoring: true }),
      makeReportItem('Controller', 'Problem', { componentInstance: 'aux', supportsMonitoring: true }),
      makeReportItem('DeviceDataCtrlr', 'ItemsPerMessage', { supportsMonitoring: true }),
      makeReportItem('EVSE', 'Power', { evse: 3, characteristics: false }),
    ];
    const probe = (componentRef: ComponentRefJson, variableRef: VariableRefJson) => ({ type: 'Periodic', value: 86_400, severity: 9, component: componentRef, variable: variableRef });

    it('one daily Periodic severity-9 monitor per monitorable variable the guideline wants monitorable', () => {
      expect(monitoringProbes(guideline({ variables: specs }), entries(items)).filter((p) => p['type'] === 'Periodic')).to.deep.equal([
        probe({ name: 'EVSE', evse: { id: 1 } }, { name: 'Power' }),
        probe({ name: 'EVSE', evse: { id: 1 } }, { name: 'ACCurrent', instance: 'L1' }),
        probe({ name: 'EVSE', evse: { id: 1 } }, { name: 'ACCurrent', instance: 'L2' }),
        probe({ name: 'Connector', evse: { id: 1, connectorId: 1 } }, { name: 'Temperature', instance: 'Plug' }),
        probe({ name: 'Controller', instance: 'main' }, { name: 'Problem' }),
      ]);
    });

    it('every type that never fires: clock-aligned daily for all; thresholds at the limits and a Delta beyond the range for numbers', () => {
      const numeric = [makeReportItem('EVSE', 'Power', { evse: 1, dataType: 'decimal', minLimit: 0, maxLimit: 11000, supportsMonitoring: true })];
      const probes = monitoringProbes(guideline({ variables: [variable('EVSE', 'Power', { monitoring: 'required' })] }), entries(numeric));
      expect(probes.map((p) => [p['type'], p['value']])).to.deep.equal([
        ['Periodic', 86_400],
        ['PeriodicClockAligned', 86_400],
        ['UpperThreshold', 11000],
        ['LowerThreshold', 0],
        ['Delta', 11001],
      ]);
    });

    it('no duplicates when two guideline variables match the same entry', () => {
      const overlapping = [variable('EVSE', 'ACCurrent', { instance: '*', monitoring: 'required' }), variable('EVSE', 'ACCurrent', { instance: 'L1', monitoring: 'recommended' })];
      expect(monitoringProbes(guideline({ variables: overlapping }), entries(items)).filter((p) => p['type'] === 'Periodic')).to.deep.equal([
        probe({ name: 'EVSE', evse: { id: 1 } }, { name: 'ACCurrent', instance: 'L1' }),
        probe({ name: 'EVSE', evse: { id: 1 } }, { name: 'ACCurrent', instance: 'L2' }),
      ]);
    });

    it('nothing when the guideline wants nothing monitorable or the station supports none', () => {
      expect(monitoringProbes(guideline({ variables: [variable('EVSE', 'Power')] }), entries(items))).to.deep.equal([]);
      expect(monitoringProbes(guideline({ variables: specs }), entries([makeReportItem('EVSE', 'Power', { evse: 1 })]))).to.deep.equal([]);
    });
  });
});

function statusOn(evseId: number): CollectedMessage {
  return makeStatusNotification(evseId, evseId, 1);
}

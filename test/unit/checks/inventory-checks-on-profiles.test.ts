import { expect } from 'chai';
import { inventoryChecks } from '../../../src/checks/inventory-checks.js';
import { runChecks } from '../../../src/checks/run-checks.js';
import { entriesForBase, toReportData } from '../../../src/simulator/station/report-data.js';
import { builtInProfiles, loadStationProfile } from '../../../src/simulator/station-profile.js';
import { selectEntries, type ComponentVariableFilter } from '../../../src/simulator/device-model/component-variable-filter.js';
import type { DeviceModel } from '../../../src/simulator/device-model/device-model.js';
import type { CaseEvidence } from '../../../src/evidence/evidence.js';
import { FIXTURE_TIME, makeCallCapture, makeCase, makeEvidence, makeMessage, makeMessagesCapture, makeReportCase, deviceModelFrom, type ReportItem } from '../../helpers/evidence-fixture.js';
import type { Layout } from './inventory-fixture.js';
import { statusFor } from './inventory-fixture.js';

/**
 * The virtual station's built-in profiles are modelled on the spec, so the inventory checks,
 * fed the reports those profiles produce, must not find fault with them. This catches data errors
 * in the checks' tables (required variables, standard names, units) independently of the
 * hand-made fixtures.
 */
describe('inventory checks on the virtual station profiles', () => {
  // As 2.0.1 stations, and as 2.1 stations with the profile's 2.1 additions, judged by the checks of that version.
  for (const [name, version] of builtInProfiles().flatMap((profileName) => [[profileName, '2.0.1'], [profileName, '2.1']] as const)) {
    it(`${name} (OCPP ${version}): every inventory check passes`, () => {
      const profile = loadStationProfile(name);
      const model = profile.createModel('CS-TEST');
      if (version === '2.1') for (const entry of profile.additionsFor('2.1', 'CS-TEST')) model.addBesideComponent(entry);
      const report = (base: 'FullInventory' | 'ConfigurationInventory' | 'SummaryInventory'): ReportItem[] => entriesForBase(model, base).map((entry) => toReportData(entry) as ReportItem);
      const layout: Layout = profile.evses.map((evse) => [evse.id, evse.connectors.map((connector) => connector.id)]);
      const full = makeReportCase('inventory-full', { items: report('FullInventory'), perPart: 25, firstSeq: 100 });
      const evidence = makeEvidence({
        station: { identity: 'CS-TEST', securityProfile: 1, boot: { reason: 'PowerUp', seq: 1 }, protocol: { version, subprotocol: `ocpp${version}`, offered: [`ocpp${version}`] } },
        cases: [
          full,
          makeReportCase('inventory-configuration', { items: report('ConfigurationInventory'), perPart: 25, firstSeq: 300 }),
          profile.supports.summaryInventory ? makeReportCase('inventory-summary', { items: report('SummaryInventory'), firstSeq: 500 }) : makeReportCase('inventory-summary', { status: 'NotSupported', firstSeq: 500 }),
        ],
        deviceModel: deviceModelFrom(full),
        statusNotifications: statusFor(layout),
      });
      if (profile.supports.customReport) evidence.cases.push(customReportCase(model));
      const results = runChecks(inventoryChecks, evidence);
      const bad = results.filter((result) => result.verdict === 'FAIL' || result.verdict === 'INCONCLUSIVE');
      expect(bad.map((result) => `${result.id}: ${result.reason}`)).to.deep.equal([]);
      // A 2.1 station without any 2.1 addition (minimal) is told it has none, and that is all.
      const expectedWarnings = version === '2.1' && profile.additionsFor('2.1').length === 0 ? ['device-model-21'] : [];
      expect(results.filter((result) => result.verdict === 'WARN').map((result) => result.id)).to.deep.equal(expectedWarnings);
      // Not applicable: SummaryInventory declined; the paging of the criteria report (EmptyResultSet); without GetReport, the three custom-report filters.
      const notApplicable = (profile.supports.summaryInventory ? 0 : 1) + (profile.supports.customReport ? 1 : 3);
      expect(results.filter((result) => result.verdict === 'PASS')).to.have.length(results.length - notApplicable - expectedWarnings.length);
    });
  }
});

/** Case inventory-custom-report as the runner records it, answered the way the profile's station answers (no problem raised: the criteria request is EmptyResultSet). */
function customReportCase(model: DeviceModel): CaseEvidence {
  let seq = 700;
  const captures: CaseEvidence['captures'] = {};
  const ask = (name: string, requestId: number, filters: ComponentVariableFilter[]): void => {
    captures[name] = makeCallCapture('GetReport', { requestId, componentVariable: filters }, { response: { status: 'Accepted' } }, [seq++, seq++]);
    const reportData = selectEntries(model.entries(), filters).map((entry) => toReportData(entry));
    captures[`${name}-report`] = makeMessagesCapture('NotifyReport', [makeMessage(seq++, 'NotifyReport', { requestId, generatedAt: FIXTURE_TIME, seqNo: 0, tbc: false, reportData })]);
  };
  ask('by-variable', 31, [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }]);
  ask('whole-component', 32, [{ component: { name: 'OCPPCommCtrlr' } }]);
  captures['criteria'] = makeCallCapture('GetReport', { requestId: 33, componentCriteria: ['Problem'] }, { response: { status: 'EmptyResultSet' } }, [seq++, seq++]);
  return makeCase('inventory-custom-report', { captures });
}

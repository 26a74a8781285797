import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGuideline } from '../../../src/config/guideline-loader.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import type { ConnectionRecord } from '../../../src/evidence/journal-record.js';
import { monitorsIn } from '../../../src/evidence/station-monitors.js';
import { Observation } from '../../../src/observe/observer/observation.js';
import { requestReport } from '../../../src/observe/observer/report-request.js';
import { defaultPlan } from '../../../src/observe/plan/default-plan.js';
import type { PlanOutcomeDetails } from '../../../src/observe/plan/plan-outcome.js';
import { SqliteStore } from '../../../src/observe/store/sqlite-store.js';
import type { Csms } from '../../../src/session/csms.js';
import type { StationSession } from '../../../src/session/station-session.js';
import { loadStationProfile } from '../../../src/simulator/station-profile.js';
import { useStationTestbed } from '../../helpers/virtual-station-fixture.js';

/** The plan outcomes journalled for a station so far. */
function outcomes(session: StationSession): PlanOutcomeDetails[] {
  return readJournalRecords(session.journal.path)
    .filter((r): r is ConnectionRecord => r.record === 'connection' && r.event === 'plan-outcome')
    .map((r) => r.details as unknown as PlanOutcomeDetails);
}

async function until(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('observe keeps a monitoring plan on real virtual stations', function () {
  this.timeout(120_000);
  const bed = useStationTestbed();
  let storeDir: string;
  let store: SqliteStore;
  let observation: Observation | undefined;
  const lines: string[] = [];
  const guideline = loadGuideline('ac-wallbox');

  beforeEach(() => {
    storeDir = mkdtempSync(join(tmpdir(), 'observe-store-'));
    store = new SqliteStore(join(storeDir, 'pilot.sqlite'));
    lines.length = 0;
  });
  afterEach(async () => {
    await observation?.finish();
    observation = undefined;
    await store.close();
    rmSync(storeDir, { recursive: true, force: true });
  });

  async function observe(csms: Csms, checkIntervalMs = 0): Promise<Observation> {
    await store.migrate();
    observation = await Observation.start(csms, store, {
      outDir: csms.options.outDir,
      planFor: () => defaultPlan(guideline),
      reportWindowMs: 5000,
      checkIntervalMs,
      reconnectGraceMs: 500,
      statusIntervalMs: 0,
      log: (line) => lines.push(line),
    });
    return observation;
  }

  it('a clean wallbox: inventory read, settings and monitors set, each monitor listed by the station afterwards and recorded accepted; the journal is indexed into the store as it goes', async () => {
    const csms = await bed.startCsms({ journalRotation: 'daily' });
    const running = await observe(csms);
    const { session } = await bed.startStation(csms, 'OBS-CLEAN', { profile: loadStationProfile('ac-wallbox') });
    await until('the plan to be kept', () => running.statuses()[0]?.plan.phase === 'kept');
    const recorded = outcomes(session);
    const monitors = recorded.filter((o) => o.item === 'monitor' && o.outcome !== 'absent');
    expect(monitors.length, 'monitors of the plan placed on the wallbox').to.be.greaterThan(0);
    expect(monitors.map((o) => o.outcome)).to.satisfy((list: string[]) => list.every((o) => o === 'accepted'));
    // What the station lists now holds every monitor recorded accepted, with its id.
    const report = await requestReport(session, 'GetMonitoringReport', { requestId: 4242 }, 5000);
    const ids = new Set(monitorsIn(report.parts).map((m) => m.id));
    for (const monitor of monitors) expect(ids.has(monitor.monitorId!), `${monitor.component}.${monitor.variable} id ${monitor.monitorId}`).to.equal(true);
    if (process.env['PEEK']) console.log(recorded.map((o) => `${o.item} ${o.component}${o.evseId ?? ''}.${o.variable} ${o.monitorType ?? ''} ${o.outcome}: ${o.detail}`).join('\n'));
    const level = recorded.find((o) => o.variable === 'ActiveMonitoringLevel');
    expect(level?.outcome).to.be.oneOf(['accepted', 'unverified']);
    expect(lines.some((l) => /OBS-CLEAN: inventory read \(first contact\)/.test(l))).to.equal(true);
    await running.finish();
    observation = undefined;
    const connections = await store.connections({ stations: ['OBS-CLEAN'] });
    expect(connections.filter((c) => c.event === 'plan-outcome')).to.have.length(recorded.length);
  });

  it('a station that booted before observe watched it (observe still starting) gets its plan all the same', async () => {
    const csms = await bed.startCsms({ journalRotation: 'daily' });
    await bed.startStation(csms, 'OBS-EARLY', { profile: loadStationProfile('ac-wallbox') });
    const running = await observe(csms);
    await until('the plan to be kept', () => running.statuses()[0]?.plan.phase === 'kept');
    expect(running.statuses()[0]?.plan.counts.accepted).to.be.greaterThan(0);
  });

  it('the inventory is read on first contact and again only when the firmware changes: a reboot on the same firmware places the plan from the kept inventory', async () => {
    const csms = await bed.startCsms({ journalRotation: 'daily' });
    const running = await observe(csms);
    const first = await bed.startStation(csms, 'OBS-FW', { profile: loadStationProfile('ac-wallbox') });
    await until('the first plan', () => running.statuses()[0]?.plan.phase === 'kept');
    expect(lines.filter((l) => /OBS-FW: inventory read \(first contact\)/.test(l))).to.have.length(1);
    await first.station.stop();
    // The same identity comes back on the same firmware (a power cycle): no new inventory.
    await bed.startStation(csms, 'OBS-FW', { profile: loadStationProfile('ac-wallbox') });
    await until('the plan after the power cycle', () => lines.some((l) => /OBS-FW: plan guideline:ac-wallbox after a boot/.test(l)) && lines.filter((l) => /OBS-FW: plan /.test(l)).length === 2);
    expect(lines.filter((l) => /OBS-FW: inventory read/.test(l))).to.have.length(1);
    // And on other firmware (here another build of the station): the inventory is read again.
    const dc = await bed.startStation(csms, 'OBS-FW', { profile: loadStationProfile('dc-fast') });
    await until('the plan on the new firmware', () => lines.filter((l) => /OBS-FW: plan /.test(l)).length === 3);
    expect(lines.filter((l) => /OBS-FW: inventory read/.test(l)).map((l) => l.replace(/: \d+ variables$/, ''))).to.deep.equal([
      'OBS-FW: inventory read (first contact)',
      `OBS-FW: inventory read (the firmware changed from 1.4.2 to ${String((dc.session.bootNotification?.['chargingStation'] as { firmwareVersion?: string }).firmwareVersion)})`,
    ]);
  });

  it('a station that answers Accepted and keeps nothing (monitoring-accepted-empty) is recorded missing, never accepted', async () => {
    const csms = await bed.startCsms({ journalRotation: 'daily' });
    const running = await observe(csms);
    const { session } = await bed.startStation(csms, 'OBS-EMPTY', { profile: loadStationProfile('ac-wallbox'), faults: ['monitoring-accepted-empty'] });
    await until('the plan to be kept', () => running.statuses()[0]?.plan.phase === 'kept');
    const monitors = outcomes(session).filter((o) => o.item === 'monitor' && o.outcome !== 'absent');
    expect(monitors.length).to.be.greaterThan(0);
    expect(new Set(monitors.map((o) => o.outcome))).to.deep.equal(new Set(['missing']));
    expect(monitors[0]?.detail).to.match(/answered Accepted.*does not list it/);
  });

  it('drift: a monitor someone else clears while the station stays connected is recorded drifted at the next check and set again', async () => {
    const csms = await bed.startCsms({ journalRotation: 'daily' });
    const running = await observe(csms, 1000);
    const { session } = await bed.startStation(csms, 'OBS-DRIFT', { profile: loadStationProfile('ac-wallbox') });
    await until('the plan to be kept', () => running.statuses()[0]?.plan.phase === 'kept');
    const victim = outcomes(session).find((o) => o.item === 'monitor' && o.outcome === 'accepted' && o.monitorType === 'Periodic');
    expect(victim?.monitorId).to.be.a('number');
    // Another backend (or a technician's tool) removes it.
    const cleared = await session.call('ClearVariableMonitoring', { id: [victim!.monitorId!] });
    expect(cleared.ok).to.equal(true);
    await until('the drift to be repaired', () => outcomes(session).some((o) => o.outcome === 'reapplied'));
    const after = outcomes(session).filter((o) => o.component === victim!.component && o.variable === victim!.variable && o.monitorType === 'Periodic');
    expect(after.map((o) => o.outcome)).to.deep.equal(['accepted', 'drifted', 'reapplied']);
    expect(after[1]?.detail).to.equal(`gone from the station's monitoring report (it was id ${victim!.monitorId}) while the station stayed connected`);
  });

  it('reboot-loses-monitors: after the watchdog reboot every custom monitor is recorded lost, set again and recorded reapplied', async () => {
    const csms = await bed.startCsms({ journalRotation: 'daily' });
    const running = await observe(csms);
    const { session } = await bed.startStation(csms, 'OBS-REBOOT', { profile: loadStationProfile('ac-wallbox'), scenarios: ['reboot-loses-monitors'], timeScale: 1200, seed: 5, rebootDelayMs: 100 });
    await until('the lost monitors to be set again', () => outcomes(session).some((o) => o.outcome === 'reapplied') && running.statuses()[0]?.plan.phase === 'kept', 90_000);
    const recorded = outcomes(session).filter((o) => o.item === 'monitor' && o.outcome !== 'absent');
    const accepted = recorded.filter((o) => o.outcome === 'accepted');
    const lost = recorded.filter((o) => o.outcome === 'lost');
    const reapplied = recorded.filter((o) => o.outcome === 'reapplied');
    expect(lost.length).to.equal(accepted.length);
    expect(reapplied.length).to.equal(lost.length);
    expect(lost[0]?.detail).to.match(/gone from the station's monitoring report .*after the station rebooted/);
  });
});

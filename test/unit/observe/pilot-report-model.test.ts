import { expect } from 'chai';
import { loadPilotData } from '../../../src/observe/report/pilot-data.js';
import { pilotReportModel, type PilotReportModel } from '../../../src/observe/report/pilot-report-model.js';
import { bucketWidthMs, MAX_POINTS, sensorCharts } from '../../../src/observe/report/sensor-charts.js';
import { type MemoryRows, MemoryStore } from '../../helpers/memory-store.js';
import { at, PERIOD, pilotRows, RISE_FROM_MIN, TRIP_MIN } from '../../fixtures/pilot-rows.js';

const INPUTS = { integrity: [], openData: [], generatedAt: '2026-12-02T01:00:00Z', toolVersion: '0.0.0' };

async function model(rows: MemoryRows = pilotRows(), scope: { from?: string; to?: string; stations?: string[] } = PERIOD): Promise<{ model: PilotReportModel; store: MemoryStore }> {
  const store = new MemoryStore(rows);
  return { model: pilotReportModel(await loadPilotData(store, scope), INPUTS), store };
}

describe('the pilot evidence report model (issue 16)', () => {
  it('before the failure: the failure note with the converter temperature rising in the hours before it, and the threshold and trip events', async () => {
    const { model: page } = await model();
    expect(page.before).to.have.length(1);
    const [before] = page.before;
    expect(before).to.deep.include({ station: 'CS-DC', kind: 'failure', at: '2026-12-01 18:00 UTC', title: 'failure: converter tripped, fan seized (J. Doe)', window: '2026-12-01 12:00 UTC – 2026-12-01 18:00 UTC (6 h)' });
    // The temperature moved most: first; of the three steady voltages beside it, the last is folded away.
    expect(before.series.map((s) => s.name)[0]).to.equal('AcDcConverter[1]@EVSE 1 Temperature');
    expect([...before.series, ...before.more].map((s) => s.name).slice(1).sort()).to.deep.equal(['PowerModule[1]@EVSE 1 Voltage', 'PowerModule[2]@EVSE 1 Voltage', 'PowerModule[3]@EVSE 1 Voltage']);
    expect([before.series.length, before.more.length]).to.deep.equal([3, 1]);
    expect(before.series[0].words).to.equal('rose from 40 to 85 (lowest 40, highest 85) over 73 samples');
    // The chart holds the samples themselves, on the station's clock, from 6 h before to the failure.
    const chart = page.charts.find((c) => c.id === before.series[0].chartId)!;
    expect(chart.kind).to.equal('points');
    expect(chart.y![0]).to.equal(40);
    expect(chart.y!.at(-1)).to.equal(85);
    const rising = chart.x!.findIndex((x) => x === Date.parse(at(RISE_FROM_MIN + 60)) / 1000);
    expect(chart.y![rising]).to.be.greaterThan(50);
    expect(chart.markers.map((m) => m.kind)).to.include('failure');
    // The trip (severity 1, within the hour of the note) is an event of these hours, not a moment of its own.
    expect(before.events.map((e) => [e.place, e.value, e.code, e.severity])).to.deep.equal([
      ['AcDcConverter[1]@EVSE 1 Temperature', '65.2', '', '4 Error'],
      ['AcDcConverter[1]@EVSE 1 Tripped', 'true', 'CX003 (ChargeX HighTemperature)', '1 Hardware failure'],
    ]);
  });

  it('an event at the top severities is looked back from when no failure note names it', async () => {
    const rows = pilotRows();
    rows.annotations = rows.annotations.filter((a) => a.kind !== 'failure');
    const { model: page } = await model(rows);
    expect(page.before.map((b) => [b.kind, b.at, b.title])).to.deep.equal([['event', '2026-12-01 18:00 UTC', 'AcDcConverter[1]@EVSE 1 Tripped = true, fault code CX003, severity 1 Hardware failure']]);
    expect(page.before[0].series[0].words).to.match(/^rose from 40 to 85/);
  });

  it("thresholds: the station's reported UpperThreshold and the plan's accepted LowerThreshold are drawn on the variable's charts; a refused one is not", async () => {
    const rows = pilotRows();
    const base = rows.planOutcomes[0];
    rows.planOutcomes.push({ ...base, seq: 900, monitorType: 'LowerThreshold', value: '5', severity: 6, monitorId: 20, outcome: 'accepted' });
    rows.planOutcomes.push({ ...base, seq: 901, monitorType: 'UpperThreshold', value: '90', severity: 3, monitorId: undefined, outcome: 'refused', detail: 'Rejected' });
    const { model: page } = await model(rows);
    const sensor = page.sensors.stations.find((s) => s.station === 'CS-DC')!.charts[0];
    expect(sensor.name).to.equal('AcDcConverter[1]@EVSE 1 Temperature');
    const chart = page.charts.find((c) => c.id === sensor.chartId)!;
    expect(chart.thresholds).to.deep.equal([
      { value: 5, upper: false, label: 'lower threshold 5 (monitor 20, severity 6 Warning, from the monitoring plan (accepted))' },
      { value: 65, upper: true, label: "upper threshold 65 (monitor 3, severity 4 Error, from the station's monitoring report)" },
    ]);
    expect(sensor.thresholds).to.contain('upper threshold 65');
    // The same lines on the look-back chart of that series; none on a series without threshold monitors.
    expect(page.charts.find((c) => c.id === page.before[0].series[0].chartId)!.thresholds.map((t) => t.value)).to.deep.equal([5, 65]);
    expect(page.charts.find((c) => c.id === page.sensors.stations.find((s) => s.station === 'CS-AC')!.charts[0].chartId)!.thresholds).to.deep.equal([]);
  });

  it('scope: the firmware at the start of the period and its change, from the BootNotifications', async () => {
    const { model: page } = await model();
    const dc = page.scope.stations.find((s) => s.identity === 'CS-DC')!;
    expect(dc.firmwareChanges).to.deep.equal(['1.0.0 at the start of the period', '2026-12-01 12:00 UTC: 1.0.0 → 1.1.0 (boot reason FirmwareUpdate)']);
    expect(dc.boots).to.equal('1 × FirmwareUpdate');
    expect(page.scope.stations.find((s) => s.identity === 'CS-AC')!.firmwareChanges).to.deep.equal(['ac-2.3 at the start of the period']);
  });

  it('scope: what each station accepted, refused, lost and got back of the plan', async () => {
    const { model: page } = await model();
    const dc = page.scope.planStations.find((p) => p.station === 'CS-DC')!;
    expect(dc.counts.map((c) => [c.outcome, c.items, c.records])).to.deep.equal([['accepted', 1, 2], ['refused', 1, 1], ['lost', 0, 1], ['reapplied', 1, 1]]);
    const refused = dc.items.find((i) => i.latest === 'refused')!;
    expect(refused).to.deep.include({ label: 'EVSE 1 Power: Delta 1000, severity 6', detail: 'Rejected (reasonCode UnsupportedMonitorType)', css: 'fail' });
    expect(dc.items.find((i) => i.latest === 'reapplied')!.history).to.equal('2026-12-01 00:01 UTC accepted; 2026-12-01 12:01 UTC lost; 2026-12-01 12:02 UTC reapplied');
  });

  it('availability: per port as NEVI counts it, each outage with its duration, cause and excluded part', async () => {
    const { model: page } = await model();
    const dc = page.availability.stations.find((s) => s.station === 'CS-DC')!;
    expect(dc).to.deep.include({ uptime: '90.6 %', outage: '2 h 30 min', excluded: '15 min', below: true });
    expect(dc.ports[0].outages.map((o) => [o.from, o.to, o.duration, o.excluded])).to.deep.equal([
      ['2026-12-01 10:00 UTC', '2026-12-01 10:30 UTC', '30 min', '15 min'],
      ['2026-12-01 18:00 UTC', '2026-12-01 20:00 UTC', '2 h 00 min', ''],
    ]);
    expect(dc.ports[0].outages[1].cause).to.equal('Faulted (StatusNotification); fault code CX003 (ChargeX HighTemperature: the charger runs hot and reduces power) on AcDcConverter[1]@EVSE 1 Tripped; failure note: converter tripped, fan seized');
    expect(dc.ports[0].strip.segments.map((s) => [s.state, s.width])).to.deep.equal([['up', 40], ['excluded', 1], ['down', 1], ['up', 30], ['down', 8], ['up', 16]]);
    expect(page.availability.stations.find((s) => s.station === 'CS-AC')).to.deep.include({ uptime: '100 %', below: false });
  });

  it('events: counted by component, variable and severity, ChargeX codes named; a hard-wired notification without a monitor id takes the one monitor on its variable', async () => {
    const rows = pilotRows();
    const trip = rows.events.find((e) => e.variable === 'Tripped')!;
    rows.events.push({ ...trip, seq: 5000, monitorId: undefined, receivedAt: at(TRIP_MIN + 300), timestamp: at(TRIP_MIN + 300), techCode: 'E-77' });
    const { model: page } = await model(rows);
    expect(page.events.counts.map((c) => [c.station, c.component, c.variable, c.severity, c.events, c.codes])).to.deep.equal([
      ['CS-DC', 'AcDcConverter[1]@EVSE 1', 'Tripped', '1 Hardware failure', 2, 'CX003 (ChargeX HighTemperature) × 1, E-77 × 1'],
      ['CS-DC', 'AcDcConverter[1]@EVSE 1', 'Temperature', '4 Error', 1, ''],
    ]);
    expect(page.events.faultCodes.map((c) => [c.code, c.chargex, c.count])).to.deep.equal([['CX003', 'HighTemperature: the charger runs hot and reduces power', 1], ['E-77', 'not a ChargeX code', 1]]);
    expect(page.events.periodicNote).to.match(/^1440 periodic reports/);
    expect(page.events.annotations.map((a) => [a.kind, a.at])).to.deep.equal([['excluded', '2026-12-01 10:00 UTC – 2026-12-01 10:15 UTC'], ['failure', '2026-12-01 18:00 UTC'], ['repair', '2026-12-01 21:00 UTC']]);
    const timeline = page.events.timelines.find((t) => t.station === 'CS-DC')!;
    expect(timeline.marks.map((m) => m.kind)).to.deep.equal(['excluded', 'failure', 'repair']);
    expect(timeline.bars.map((b) => b.css)).to.deep.equal(['sev-mid', 'sev-high', 'sev-high']);
  });

  it('the store is read one station at a time for the events (the periodic reports as hourly series), and the chart buckets keep a series at or under MAX_POINTS', async () => {
    const { model: page, store } = await model();
    const asked = (method: string): unknown[] => store.asked.filter((q) => q.method === method).map((q) => q.filter);
    const eventQueries = asked('events');
    // One per station over the period, without the periodic reports, then every event of the look-back window of the one failure.
    expect(eventQueries.slice(0, 2)).to.deep.equal([{ stations: ['CS-AC'], from: PERIOD.from, to: PERIOD.to, periodic: false }, { stations: ['CS-DC'], from: PERIOD.from, to: PERIOD.to, periodic: false }]);
    expect(eventQueries.slice(2)).to.deep.equal([{ stations: ['CS-DC'], from: at(12 * 60), to: at(24 * 60) }]);
    // The hourly series of each station over the period, and of CS-DC's offline spell.
    expect(asked('seriesHours')).to.deep.equal([{ stations: ['CS-AC'], from: PERIOD.from, to: PERIOD.to }, { stations: ['CS-DC'], from: PERIOD.from, to: PERIOD.to }, { stations: ['CS-DC'], from: at(600), to: at(630) }]);
    // A day sampled every 5 minutes: 5-minute buckets, the samples themselves.
    expect(store.asked.find((q) => q.method === 'sampleBuckets')?.filter).to.deep.include({ bucketMs: 300_000 });
    expect(page.charts.filter((c) => c.kind === 'envelope').every((c) => c.k!.length <= MAX_POINTS)).to.equal(true);
    expect(bucketWidthMs(30 * 86_400_000, 300)).to.equal(2 * 3_600_000);
    expect(bucketWidthMs(7 * 86_400_000, 300)).to.equal(30 * 60_000);
    expect(bucketWidthMs(86_400_000, 300)).to.equal(300_000);
    expect(bucketWidthMs(365 * 86_400_000, 300)).to.equal(86_400_000);
  });

  it('data completeness: the offline spell and the samples queued during it', async () => {
    const { model: page } = await model();
    const dc = page.completeness.find((c) => c.station === 'CS-DC')!;
    expect(dc.offline).to.equal('offline 1 time, 30 min in all');
    // Four series, six samples each in the half hour offline.
    expect(dc.late).to.match(/^24 events arrived more than a minute after the station stamped them \(24 of them stamped while offline: queued\)/);
    expect(dc.periodic).to.equal('1152 periodic reports, 1152 numeric samples charted');
  });

  it('without --from/--to the period is the span of the data; a station filter keeps the others out', async () => {
    const { model: page } = await model(pilotRows(), { stations: ['CS-AC'] });
    expect(page.period.from).to.equal(at(-60));
    expect(page.period.to).to.equal(new Date(Date.parse(at(24 * 60 - 5)) + 1).toISOString());
    expect(page.scope.stations.map((s) => s.identity)).to.deep.equal(['CS-AC']);
    expect(page.before).to.deep.equal([]);
    expect(page.availability.stations.map((s) => s.station)).to.deep.equal(['CS-AC']);
  });

  it('a sensor chart breaks its line where the series has a gap (more than one empty bucket), not where one bucket is empty', () => {
    const bucket = (hour: number, value: number) => ({ station: 'CS-1', component: 'PowerModule', variable: 'Temperature', from: at(hour * 60), min: value - 1, max: value + 1, mean: value, count: 12 });
    const [chart] = sensorCharts([0, 1, 3, 7, 8].map((h) => bucket(h, 40 + h)), 3_600_000, PERIOD, [], []);
    expect(chart.chart.k).to.deep.equal([0, 1, 3, 4, 7, 8]);
    expect(chart.chart.mean).to.deep.equal([40, 41, 43, null, 47, 48]);
    expect(chart.chart.min![3]).to.equal(null);
    expect(chart).to.deep.include({ samples: 60, lowest: 39, highest: 49 });
  });
});

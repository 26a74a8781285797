import { expect } from 'chai';
import { beforeFailures, eventCounts } from '../../../src/observe/report/before-failure.js';
import type { Annotation, EventRow } from '../../../src/observe/store/store.js';

const t = (minutes: number): string => new Date(Date.UTC(2026, 11, 1) + minutes * 60_000).toISOString();
const event = (minutes: number, extra: Partial<EventRow>): EventRow => ({ station: 'CS-1', journal: 'j', seq: minutes, item: 0, receivedAt: t(minutes), timestamp: t(minutes), component: 'AcDcConverter', componentInstance: '1', variable: 'Temperature', ...extra });
const failure: Annotation = { id: 1, station: 'CS-1', at: t(600), kind: 'failure', text: 'converter tripped', recordedAt: t(700) };

describe('events before a failure, and counts (issue 16, evidence report)', () => {
  const events = [
    ...Array.from({ length: 12 }, (_, i) => event(300 + i * 30, { trigger: 'Periodic', monitorId: 5, actualValue: String(40 + i * 4) })),
    event(560, { trigger: 'Alerting', notificationType: 'PreconfiguredMonitor', actualValue: '67' }),
    event(598, { trigger: 'Alerting', variable: 'Tripped', actualValue: 'true', techCode: 'CX003', notificationType: 'HardWiredNotification' }),
    event(100, { trigger: 'Periodic', monitorId: 5, actualValue: '31' }),
    event(590, { station: 'CS-2', trigger: 'Alerting', variable: 'Tripped', actualValue: 'true' }),
  ];

  it('the hours before a failure note: the sampled series rising, and the threshold and trip events, of that station only', () => {
    const [before] = beforeFailures(events, [failure, { ...failure, id: 2, kind: 'note' }], 6);
    expect(before?.from).to.equal(t(240));
    expect(before?.series).to.have.length(1);
    expect(before?.series[0]).to.deep.include({ component: 'AcDcConverter[1]', variable: 'Temperature' });
    const values = before.series[0].points.map((p) => p.value);
    expect(values[0]).to.equal(40);
    // The sample at the failure itself is the last one (the one after it is not "before").
    expect(values.at(-1)).to.equal(80);
    // Out of the window (minute 100) and another station's event are left out.
    expect(before?.events.map((e) => [e.variable, e.actualValue])).to.deep.equal([['Temperature', '67'], ['Tripped', 'true']]);
  });

  it('counts per station, component and variable, with fault codes and the ChargeX name when it is one', () => {
    const counts = eventCounts(events);
    expect(counts[0]).to.deep.include({ station: 'CS-1', component: 'AcDcConverter[1]', variable: 'Temperature', events: 14 });
    expect(counts.find((c) => c.station === 'CS-1' && c.variable === 'Tripped')?.techCodes).to.deep.equal([{ code: 'CX003', count: 1, chargex: 'HighTemperature' }]);
  });

  it('two instances of a variable (phases L1 and L2) are two series, each with its place', () => {
    const phases = [0, 1, 2].flatMap((i) => ['L1', 'L2'].map((phase) => event(400 + i * 5, { component: 'EVSE', componentInstance: undefined, evseId: 1, variable: 'Voltage', variableInstance: phase, trigger: 'Periodic', actualValue: String(phase === 'L1' ? 230 + i : 231 - i) })));
    const [before] = beforeFailures(phases, [failure], 6);
    expect(before.series.map((s) => [s.component, s.variable, s.points.map((p) => p.value)])).to.deep.equal([
      ['EVSE 1', 'Voltage[L1]', [230, 231, 232]],
      ['EVSE 1', 'Voltage[L2]', [231, 230, 229]],
    ]);
    expect(before.series[1].key).to.deep.equal({ component: 'EVSE', evseId: 1, variable: 'Voltage', variableInstance: 'L2' });
  });
});


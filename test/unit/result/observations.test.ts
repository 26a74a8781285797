import { expect } from 'chai';
import { eventTimeline } from '../../../src/result/observations.js';
import { eventData, evidence, notifyEvent, PROBLEM, STATION } from '../checks/event-fixtures.js';

/** `count` hard-wired notifications, one every `everyS` seconds from 1 s. */
function flood(count: number, everyS: number): ReturnType<typeof notifyEvent>[] {
  return Array.from({ length: count }, (_, i) => notifyEvent(100 + i, 1 + i * everyS, [eventData({ timestamp: 1 + i * everyS, eventNotificationType: 'HardWiredNotification', trigger: 'Alerting', component: STATION, variable: PROBLEM })]));
}

describe('eventTimeline (the scorecard timeline in result.json)', () => {
  it('draws every event of a row under the limit, and says how many there are', () => {
    const timeline = eventTimeline(evidence({ notifyEvents: flood(3, 10) }));
    expect(timeline.rows).to.have.length(1);
    expect(timeline.rows[0]).to.deep.include({ label: 'ChargingStation.Problem', kind: 'HardWiredNotification', times: [1, 11, 21], events: 3 });
    expect(timeline.omitted).to.deep.equal({ rows: 0, events: 0 });
  });

  it('thins a flooding row out evenly over its whole span, first and last event kept, instead of drawing only its first seconds', () => {
    // 1,000 events, one every 0.5 s from 1 s to 500.5 s.
    const timeline = eventTimeline(evidence({ notifyEvents: flood(1000, 0.5) }));
    const row = timeline.rows[0];
    expect(row?.events).to.equal(1000);
    expect(row?.times).to.have.length(200);
    expect(row?.times[0]).to.equal(1);
    expect(row?.times.at(-1)).to.equal(500.5);
    // Evenly: the middle of the sample is the middle of the flood.
    expect(row?.times[100]).to.be.closeTo(251, 1);
    expect(timeline.omitted).to.deep.equal({ rows: 0, events: 800 });
  });
});

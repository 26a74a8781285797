import { expect } from 'chai';
import { connectorTimeline, GLITCHES } from '../../../src/simulator/scenarios/failing-connector.js';
import { outageWindow } from '../../../src/simulator/scenarios/comm-outage.js';
import { ambientCelsius } from '../../../src/simulator/scenarios/daily-temperature-cycle.js';
import { converterCelsius, fanSpeedRpm, fanTimeline, TRIP_CELSIUS, tripElapsedMs } from '../../../src/simulator/scenarios/fan-degradation.js';
import { rebootElapsedMs } from '../../../src/simulator/scenarios/reboot-loses-monitors.js';
import { HOUR_MS, MINUTE_MS } from '../../../src/simulator/scenarios/scenario.js';
import { scaledClock } from '../../../src/simulator/monitoring/clock.js';

const MIDNIGHT = Date.UTC(2025, 5, 1);

describe('virtual station scenarios (pure functions of seed and station time)', () => {
  it('the daily cycle is coolest in the early morning and warmest in the afternoon, the same for a seed', () => {
    const at = (hour: number, seed = 7): number => ambientCelsius(seed, MIDNIGHT + hour * HOUR_MS);
    expect(at(15) - at(5)).to.be.greaterThan(10);
    expect(at(5)).to.be.within(-5, 15);
    expect(at(16)).to.be.within(15, 35);
    expect(at(11.5)).to.equal(at(11.5));
    expect(at(11.5, 8)).not.to.equal(at(11.5, 7));
  });

  it('fan degradation: the fan slows, the converter heats past 65 °C and reaches the trip temperature, then cools', () => {
    const seed = 3;
    const start = MIDNIGHT + 8 * HOUR_MS;
    const { onsetMs, stallMs } = fanTimeline(seed);
    const trip = tripElapsedMs(seed, start);
    expect(onsetMs).to.be.within(HOUR_MS, 2 * HOUR_MS);
    expect(trip).to.be.greaterThan(onsetMs).and.at.most(stallMs + HOUR_MS);
    expect(fanSpeedRpm(seed, start, start)).to.be.within(2950, 3050);
    expect(fanSpeedRpm(seed, start, start + trip)).to.be.below(1500);
    const before = converterCelsius(seed, start, start + onsetMs / 2);
    expect(before).to.be.below(65);
    // Rising, hour after hour, from the onset up to the trip.
    const series = [0, 0.25, 0.5, 0.75, 1].map((share) => converterCelsius(seed, start, start + onsetMs + (trip - onsetMs) * share - 60_000));
    for (let i = 1; i < series.length; i += 1) expect(series[i]).to.be.greaterThan(series[i - 1] ?? Infinity);
    expect(converterCelsius(seed, start, start + trip)).to.be.at.least(TRIP_CELSIUS);
    expect(converterCelsius(seed, start, start + trip + 2 * HOUR_MS)).to.be.below(50);
    // Deterministic by seed, different across seeds.
    expect(tripElapsedMs(seed, start)).to.equal(trip);
    expect(tripElapsedMs(seed + 1, start)).not.to.equal(trip);
  });

  it('the outage window and the watchdog reboot are fixed by the seed, within their documented ranges', () => {
    for (const seed of [1, 2, 99]) {
      const { fromMs, toMs } = outageWindow(seed);
      expect(fromMs).to.be.within(2 * HOUR_MS, 4 * HOUR_MS);
      expect(toMs - fromMs).to.be.within(HOUR_MS / 2, 1.5 * HOUR_MS);
      expect(outageWindow(seed)).to.deep.equal({ fromMs, toMs });
      expect(rebootElapsedMs(seed)).to.be.within(3 * HOUR_MS, 5 * HOUR_MS);
    }
    expect(outageWindow(1)).not.to.deep.equal(outageWindow(2));
  });

  it('the failing connector: three short glitches 20–40 min apart from 1–2 h on, then the failure 30 min after the last, fixed by the seed', () => {
    const timeline = connectorTimeline(5);
    expect(connectorTimeline(5)).to.deep.equal(timeline);
    expect(timeline.glitches).to.have.length(GLITCHES);
    expect(timeline.glitches[0].fromMs).to.be.within(HOUR_MS, 2 * HOUR_MS);
    for (const [i, glitch] of timeline.glitches.entries()) {
      expect(glitch.toMs - glitch.fromMs).to.be.within(MINUTE_MS, 3 * MINUTE_MS);
      const next = timeline.glitches[i + 1];
      if (next) expect(next.fromMs - glitch.toMs).to.be.within(20 * MINUTE_MS, 40 * MINUTE_MS);
    }
    expect(timeline.failsAtMs - timeline.glitches.at(-1)!.toMs).to.equal(30 * MINUTE_MS);
    expect(connectorTimeline(6)).to.not.deep.equal(timeline);
  });

  it('a scaled clock runs n times faster than real time from its origin', () => {
    const origin = Date.now() - 1000;
    const clock = scaledClock(3600, origin);
    // One real second since the origin is an hour of station time (give or take the test's own run time).
    expect(clock.now() - origin).to.be.within(HOUR_MS, HOUR_MS + 3600 * 1000);
    expect(() => scaledClock(0)).to.throw(RangeError);
  });
});

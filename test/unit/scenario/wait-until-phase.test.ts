import { expect } from 'chai';
import type { StationMessage } from '../../../src/session/station-inbox.js';
import { carriesStamp, estimateStationClock } from '../../../src/scenario/station-clock.js';
import { msUntilPhase } from '../../../src/scenario/steps/wait-until-phase.js';

const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

function message(seq: number, action: string, payload: Record<string, unknown>, receivedMs: number): StationMessage {
  return { seq, action, messageId: String(seq), payload, receivedAt: new Date(receivedMs).toISOString(), valid: true, connection: 1 };
}

describe('scenario wait-until-phase: placing a request mid-interval on the station clock', () => {
  describe('msUntilPhase', () => {
    it('waits to the middle of the current interval when before it', () => {
      expect(msUntilPhase(T0 + 2_000, 10_000, 0.5)).to.equal(3_000);
    });

    it('waits to the middle of the next interval when past it', () => {
      expect(msUntilPhase(T0 + 7_000, 10_000, 0.5)).to.equal(8_000);
    });

    it('does not wait when already there, and phase 0 is the next boundary', () => {
      expect(msUntilPhase(T0 + 5_000, 10_000, 0.5)).to.equal(0);
      expect(msUntilPhase(T0 + 9_000, 10_000, 0)).to.equal(1_000);
    });
  });

  describe('estimateStationClock', () => {
    it('nothing stamped: no estimate', () => {
      expect(estimateStationClock([message(1, 'Heartbeat', {}, T0)])).to.equal(undefined);
    });

    it('takes the quickest delivery among the stamps: stale and queued stamps only lag more', () => {
      const messages = [
        // A status that changed a minute before it was sent.
        message(1, 'StatusNotification', { timestamp: new Date(T0 - 60_000).toISOString() }, T0 + 3_000),
        message(2, 'NotifyEvent', { generatedAt: new Date(T0).toISOString() }, T0 + 3_050),
        message(3, 'NotifyReport', { generatedAt: new Date(T0 + 10_000).toISOString() }, T0 + 13_020),
        message(4, 'NotifyEvent', { generatedAt: 'not a time' }, T0 + 14_000),
      ];
      expect(estimateStationClock(messages)).to.deep.equal({ lagMs: 3_020, samples: 3 });
    });

    it('a station clock ahead of ours gives a negative lag', () => {
      expect(estimateStationClock([message(1, 'NotifyEvent', { generatedAt: new Date(T0 + 5_000).toISOString() }, T0 + 40)])?.lagMs).to.equal(-4_960);
    });

    it('reads only the messages that carry a send time', () => {
      expect(carriesStamp(message(1, 'NotifyEvent', {}, T0))).to.equal(true);
      expect(carriesStamp(message(1, 'Heartbeat', {}, T0))).to.equal(false);
    });
  });
});

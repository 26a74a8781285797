import { expect } from 'chai';
import { statusLine } from '../../../src/observe/observer/status-line.js';

describe('the observe status line', () => {
  it('says connection, last message, events today and the plan in words', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(statusLine({ identity: 'CS-1', connected: true, lastMessageAt: now - 4000, eventsToday: 12, plan: { phase: 'kept', counts: { accepted: 28, refused: 2 } } }, now)).to.equal(
      'CS-1: connected, last message 4 s ago, 12 event message(s) today, plan kept (28 accepted, 2 refused)',
    );
    expect(statusLine({ identity: 'CS-2', connected: false, eventsToday: 0, plan: { phase: 'waiting', counts: {} } }, now)).to.equal('CS-2: offline, nothing received yet, 0 event message(s) today, plan waiting (nothing yet)');
    expect(statusLine({ identity: 'CS-3', connected: false, lastMessageAt: now - 3 * 3600_000, eventsToday: 0, plan: { phase: 'kept', counts: {} } }, now)).to.match(/last message 3 h ago/);
  });
});

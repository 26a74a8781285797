import { expect } from 'chai';
import { gateBeforeAcceptance } from '../../../src/session/boot-gate.js';

const nothingAsked = { requestIds: new Set<number>(), triggeredActions: new Set<string>() };

describe('gateBeforeAcceptance (B02/B03, TC_B_30)', () => {
  it('always serves BootNotification, whatever the state', () => {
    for (const state of ['none', 'Pending', 'Rejected', 'Accepted'] as const) {
      expect(gateBeforeAcceptance(state, 'BootNotification', {}, nothingAsked)).to.equal(undefined);
    }
  });

  it('serves everything once accepted', () => {
    expect(gateBeforeAcceptance('Accepted', 'Heartbeat', {}, nothingAsked)).to.equal(undefined);
  });

  it('serves a station that has not booted on this session: it may have been accepted before and reconnected (Part 4); the session asks it to boot', () => {
    expect(gateBeforeAcceptance('none', 'Heartbeat', {}, nothingAsked)).to.equal(undefined);
    expect(gateBeforeAcceptance('none', 'StatusNotification', {}, nothingAsked)).to.equal(undefined);
  });

  it('answers SecurityError to anything after a rejected boot, and unsolicited while pending', () => {
    const cases = [
      ['Rejected', 'call-after-rejected-boot'],
      ['Pending', 'call-while-pending'],
    ] as const;
    for (const [state, finding] of cases) {
      const error = gateBeforeAcceptance(state, 'Heartbeat', {}, nothingAsked);
      expect(error?.errorCode).to.equal('SecurityError');
      expect(error?.finding?.code).to.equal(finding);
    }
  });

  it('while pending, serves what the CSMS asked for: by requestId or by TriggerMessage', () => {
    const asked = { requestIds: new Set([7]), triggeredActions: new Set(['StatusNotification']) };
    expect(gateBeforeAcceptance('Pending', 'NotifyReport', { requestId: 7 }, asked)).to.equal(undefined);
    expect(gateBeforeAcceptance('Pending', 'NotifyReport', { requestId: 8 }, asked)?.errorCode).to.equal('SecurityError');
    expect(gateBeforeAcceptance('Pending', 'StatusNotification', {}, asked)).to.equal(undefined);
  });

  it('after a rejected boot, serves nothing but BootNotification, even if asked', () => {
    const asked = { requestIds: new Set([7]), triggeredActions: new Set(['Heartbeat']) };
    expect(gateBeforeAcceptance('Rejected', 'Heartbeat', {}, asked)?.errorCode).to.equal('SecurityError');
  });
});

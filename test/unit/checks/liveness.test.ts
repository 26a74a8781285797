import { expect } from 'chai';
import type { CheckResult } from '../../../src/checks/check.js';
import { liveness } from '../../../src/checks/liveness.js';
import type { Evidence } from '../../../src/evidence/evidence.js';
import { evidence } from './event-fixtures.js';

function judge(e: Evidence): CheckResult {
  const result = liveness.evaluate(e);
  if (Array.isArray(result)) throw new Error('one result expected');
  return result;
}

const ok = (afterCase: string, seq: number): Evidence['liveness'][number] => ({ afterCase, ok: true, detail: 'answered', durationMs: 30, seqs: [seq, seq + 1] });
const silent = (afterCase: string, seq: number): Evidence['liveness'][number] => ({ afterCase, ok: false, detail: 'no answer in 30 s', durationMs: 30000, seqs: [seq] });
const refused = (afterCase: string, seq: number): Evidence['liveness'][number] => ({ afterCase, ok: true, outcome: 'answered', probe: 'GetVariables OCPPCommCtrlr.HeartbeatInterval', detail: 'answered (CALLERROR NotSupported)', durationMs: 12, seqs: [seq, seq + 1] });
const away = (afterCase: string, seq: number): Evidence['liveness'][number] => ({ afterCase, ok: false, outcome: 'disconnected', detail: 'disconnected: the station is not connected', durationMs: 0, seqs: [seq] });

const unkept = (afterCase: string, seq: number): Evidence['liveness'][number] => ({ afterCase, ok: false, outcome: 'not-kept', detail: 'no answer in 10 s, but the auditor itself could not keep this window', durationMs: 21000, seqs: [seq] });

describe('check liveness', () => {
  it('has its meta: category robustness', () => {
    expect(liveness.id).to.equal('liveness');
    expect(liveness.category).to.equal('robustness');
  });

  it('NOT APPLICABLE when no probe was made', () => {
    expect(judge(evidence()).verdict).to.equal('NOT APPLICABLE');
  });

  it('a probe the auditor was too late to wait out is no silence: never a FAIL (issue 14)', () => {
    const result = judge(evidence({ liveness: [ok('monitor-set', 10), unkept('events-periodic', 20), unkept('monitor-clear', 30)] }));
    expect(result.verdict).to.equal('PASS');
    expect(result.reason).to.contain('2 more could not be waited out: the auditor itself was late');
    const only = judge(evidence({ liveness: [unkept('events-periodic', 20)] }));
    expect(only.verdict).to.equal('INCONCLUSIVE');
    expect(only.reason).to.contain('the auditor itself was too late');
  });

  it('PASS when every probe was answered', () => {
    const result = judge(evidence({ liveness: [ok('monitor-set', 10), ok('events-periodic', 20)] }));
    expect(result.verdict).to.equal('PASS');
    expect(result.seqs).to.deep.equal([10, 11, 20, 21]);
  });

  it('FAIL names the case after which the station stopped answering, and the field bug', () => {
    const result = judge(evidence({ liveness: [ok('monitor-set', 10), silent('events-periodic', 20), silent('monitor-clear', 30)] }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('after the events-periodic case: a GetVariables got no answer at all while the connection stayed open (no answer in 30 s)').and.contain('also failed after monitor-clear').and.contain('periodic monitor followed by a SetVariables');
    expect(result.reason).not.to.contain('answered again');
    expect(result.seqs).to.deep.equal([20, 30]);
  });

  it('FAIL also when the station answered again later, saying so', () => {
    const result = judge(evidence({ liveness: [silent('events-periodic', 20), ok('monitor-clear', 30)] }));
    expect(result.verdict).to.equal('FAIL');
    expect(result.reason).to.contain('answered again later');
  });

  it('a CALLERROR is an answer: a station without GetVariables is alive, not wedged (issue 13)', () => {
    const result = judge(evidence({ liveness: [refused('monitor-set', 10), refused('events-periodic', 20)] }));
    expect(result.verdict).to.equal('PASS');
  });

  it('a probe made while the station was away proves nothing: not counted, INCONCLUSIVE when no probe found it connected', () => {
    expect(judge(evidence({ liveness: [ok('monitor-set', 10), away('events-periodic', 20)] })).verdict).to.equal('PASS');
    const result = judge(evidence({ liveness: [away('monitor-set', 10)] }));
    expect(result.verdict).to.equal('INCONCLUSIVE');
    expect(result.reason).to.contain('not connected');
  });
});

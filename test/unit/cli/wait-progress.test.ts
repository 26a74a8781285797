/**
 * Long waits on the console (issue 15 item 12): on a terminal a status line counts down what is
 * awaited and the seconds left; in a pipe or a log, whole lines only. A fake clock drives the
 * countdown, so nothing sleeps.
 */
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { StepOutcome } from '../../../src/evidence/evidence.js';
import type { RunnerEvents } from '../../../src/scenario/runner.js';
import { reportProgress, type ProgressSource } from '../../../src/cli/progress-reporter.js';
import { TtyStatusLine } from '../../../src/cli/tty-status-line.js';
import { WaitStatus, type StatusClock } from '../../../src/cli/wait-status.js';

const CLEAR = '\r\u001b[2K';

class FakeClock implements StatusClock {
  ms = 1_000_000;
  readonly ticks = new Set<() => void>();
  now = (): number => this.ms;
  every = (ms: number, tick: () => void): (() => void) => {
    expect(ms).to.equal(1_000);
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  };
  /** Time passes by whole seconds; each ticks the countdown. */
  advance(seconds: number): void {
    for (let s = 0; s < seconds; s += 1) {
      this.ms += 1_000;
      for (const tick of [...this.ticks]) tick();
    }
  }
}

function fakeRunner(): ProgressSource {
  return Object.assign(new EventEmitter<RunnerEvents>(), { evidence: { cases: [] } });
}

/** A terminal as main.ts builds it: whole lines go above the status line; all of it lands in `screen`. */
function fakeTty(columns = 200): { screen: string[]; out: (line: string) => void; status: TtyStatusLine; clock: FakeClock; waits: WaitStatus } {
  const screen: string[] = [];
  const status = new TtyStatusLine({ write: (text) => screen.push(text), columns }, () => true);
  const clock = new FakeClock();
  const waits = new WaitStatus((text) => status.show(text), clock);
  return { screen, out: (line) => status.above(() => screen.push(`${line}\n`)), status, clock, waits };
}

const step: StepOutcome = { id: 'events', index: 0, phase: 'steps', kind: 'await', status: 'ok', detail: '2 NotifyEvent received', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 14_000, seqs: [] };

describe('long waits on the console', () => {
  it('on a terminal: one status line counts down what is awaited, lines printed meanwhile go above it, and it is erased when the wait ends', () => {
    const tty = fakeTty();
    const runner = fakeRunner();
    reportProgress(runner, 'CS-1', tty.out, tty.waits);
    runner.emit('waiting', { caseId: 'events-periodic', what: '2 × NotifyEvent', untilMs: tty.clock.ms + 14_000 });
    expect(tty.screen).to.deep.equal([`${CLEAR}  CS-1 waiting for 2 × NotifyEvent: 14 s left`]);
    tty.clock.advance(1);
    expect(tty.screen.at(-1)).to.equal(`${CLEAR}  CS-1 waiting for 2 × NotifyEvent: 13 s left`);
    tty.clock.advance(3);
    expect(tty.screen.at(-1)).to.equal(`${CLEAR}  CS-1 waiting for 2 × NotifyEvent: 10 s left`);

    tty.screen.length = 0;
    tty.out('another line');
    expect(tty.screen).to.deep.equal([CLEAR, 'another line\n', '  CS-1 waiting for 2 × NotifyEvent: 10 s left']);

    tty.screen.length = 0;
    runner.emit('step', { caseId: 'events-periodic', step });
    expect(tty.screen).to.deep.equal([CLEAR]);
    tty.clock.advance(5);
    expect(tty.screen, 'no countdown once the wait ended').to.deep.equal([CLEAR]);
    expect(tty.clock.ticks.size).to.equal(0);
    tty.out('after');
    expect(tty.screen.at(-1)).to.equal('after\n');
  });

  it('on a terminal: a short wait shows nothing, and the end of a case ends its wait', () => {
    const tty = fakeTty();
    const runner = fakeRunner();
    reportProgress(runner, 'CS-1', tty.out, tty.waits);
    runner.emit('waiting', { caseId: 'c', what: '1 × StatusNotification', untilMs: tty.clock.ms + 2_000 });
    expect(tty.screen).to.deep.equal([]);
    runner.emit('waiting', { caseId: 'c', what: '30 s dwell', untilMs: tty.clock.ms + 30_000 });
    expect(tty.screen).to.deep.equal([`${CLEAR}  CS-1 waiting for 30 s dwell: 30 s left`]);
    tty.clock.advance(40);
    expect(tty.screen.at(-1), 'a wait past its end shows 0, never a negative').to.equal(`${CLEAR}  CS-1 waiting for 30 s dwell: 0 s left`);
    tty.screen.length = 0;
    runner.emit('case-end', { id: 'c', status: 'completed', durationMs: 40_000 });
    expect(tty.screen[0]).to.equal(CLEAR);
    expect(tty.screen.slice(1).join('')).to.match(/^\[[\d:.]+\] CS-1 {3}done: collected for the checks \(no expectations of its own\) \(40\.0 s\)\n$/);
  });

  it('with several audits at once: one line, the wait with the most time left and how many others wait', () => {
    const tty = fakeTty();
    const a = fakeRunner();
    const b = fakeRunner();
    reportProgress(a, 'CS-A', tty.out, tty.waits);
    reportProgress(b, 'CS-B', tty.out, tty.waits);
    a.emit('waiting', { caseId: 'x', what: '1 × NotifyEvent', untilMs: tty.clock.ms + 10_000 });
    b.emit('waiting', { caseId: 'y', what: '3 × NotifyEvent', untilMs: tty.clock.ms + 36_000 });
    expect(tty.screen.at(-1)).to.equal(`${CLEAR}  CS-B waiting for 3 × NotifyEvent: 36 s left (1 more audit waiting)`);
    tty.clock.advance(2);
    expect(tty.screen.at(-1)).to.equal(`${CLEAR}  CS-B waiting for 3 × NotifyEvent: 34 s left (1 more audit waiting)`);
    expect(tty.clock.ticks.size, 'one countdown for all audits').to.equal(1);
    b.emit('step', { caseId: 'y', step });
    expect(tty.screen.at(-1)).to.equal(`${CLEAR}  CS-A waiting for 1 × NotifyEvent: 8 s left`);
    tty.waits.endAll();
    expect(tty.screen.at(-1)).to.equal(CLEAR);
    expect(tty.clock.ticks.size).to.equal(0);
  });

  it('not on a terminal: a long wait is one plain line, with no carriage return or escape code anywhere', () => {
    const lines: string[] = [];
    const runner = fakeRunner();
    reportProgress(runner, 'CS-\u001b[2J1', (line) => lines.push(line));
    runner.emit('case-start', { id: 'events-periodic', title: 'Events', index: 0, total: 1 });
    runner.emit('waiting', { caseId: 'events-periodic', what: '2 × NotifyEvent', untilMs: Date.now() + 20_000 });
    runner.emit('waiting', { caseId: 'events-periodic', what: '1 × NotifyEvent', untilMs: Date.now() + 1_000 });
    runner.emit('step', { caseId: 'events-periodic', step });
    runner.emit('case-end', { id: 'events-periodic', status: 'completed', durationMs: 20_000 });
    expect(lines).to.have.length(3);
    expect(lines[1]).to.match(/^\[[\d:.]+\] CS-\\u001b\[2J1 {3}waiting for 2 × NotifyEvent \(up to 20 s\)$/);
    expect(lines.join('\n')).not.to.contain('\r');
    expect(lines.join('\n')).not.to.contain('\u001b');
  });

  it('the status line: station text escaped, cut to the terminal width, nothing written once stdout is closed', () => {
    const written: string[] = [];
    let open = true;
    const line = new TtyStatusLine({ write: (text) => written.push(text), columns: 20 }, () => open);
    line.show('  CS-\u001b]0;x\u0007 waiting for a long time');
    expect(written).to.deep.equal([`${CLEAR}  CS-\\u001b]0;x\\u0…`]);
    expect((written[0] ?? '').length - CLEAR.length).to.equal(19);
    line.show('  CS-\u001b]0;x\u0007 waiting for a long time');
    expect(written, 'the same text is not drawn again').to.have.length(1);
    open = false;
    line.show('other');
    line.above(() => written.push('a line\n'));
    expect(written.slice(1)).to.deep.equal(['a line\n']);
  });
});

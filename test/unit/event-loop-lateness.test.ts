import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { EventLoopLateness, setKeptTimeout, windowKeeping } from '../../src/event-loop-lateness.js';

describe('EventLoopLateness: the auditor tells its own lateness from the station\'s (issue 14)', () => {
  it('sums and maxes only the stalls that overlap a window, clipped to it', () => {
    const lateness = new EventLoopLateness();
    lateness.record(1_000, 300); // [700, 1000]
    lateness.record(2_000, 100); // [1900, 2000]
    lateness.record(2_050, 10); // noise: not kept
    lateness.record(5_000, 500); // [4500, 5000]
    expect(lateness.lostDuring(800, 3_000)).to.equal(200 + 100);
    expect(lateness.worstDuring(800, 3_000)).to.equal(300);
    expect(lateness.lostDuring(2_001, 4_400)).to.equal(0);
    expect(lateness.worstDuring(2_001, 4_400)).to.equal(0);
    expect(lateness.lostDuring(0, 10_000)).to.equal(900);
  });

  it('a window the loop was stalled through is not kept; one it attended is', () => {
    const lateness = new EventLoopLateness();
    const now = performance.now();
    // A 100 ms window of which 80 ms were a stall: 20 ms of attention.
    lateness.record(now - 10, 80);
    const stalled = windowKeeping(now - 100, 100, lateness);
    expect(stalled.notKept).to.equal(true);
    expect(stalled.toolLateMs).to.equal(80);
    expect(stalled.why).to.contain('blocked for 80 ms');
    // The same stall in a window that ran on long enough to make it up.
    expect(windowKeeping(now - 200, 100, lateness).notKept).to.equal(false);
    expect(windowKeeping(now - 100, 100, new EventLoopLateness()).notKept).to.equal(false);
  });

  it('setKeptTimeout adds a stall inside its window to the window', async () => {
    const lateness = new EventLoopLateness();
    const started = performance.now();
    let firedAt: number | undefined;
    // A stall of 400 ms recorded as having happened inside the 500 ms window.
    lateness.record(started + 450, 400);
    await new Promise<void>((resolve) => {
      setKeptTimeout(() => {
        firedAt = performance.now();
        resolve();
      }, 500, lateness);
    });
    // Never before the window plus the stall it lost (a loaded machine only makes it later).
    expect(firedAt! - started).to.be.at.least(890);
  });

  it('setKeptTimeout tells its callback whether the window was kept: a loop stalled for good gives up, not kept', async () => {
    const lateness = new EventLoopLateness();
    const started = performance.now();
    // A stall covering the whole window and beyond: the window can never be made up.
    lateness.record(started + 60_000, 60_000);
    const keeping = await new Promise<{ notKept: boolean; why: string }>((resolve) => setKeptTimeout(resolve, 50, lateness));
    expect(keeping.notKept).to.equal(true);
    expect(keeping.why).to.contain('could not keep this window');
    const kept = await new Promise<{ notKept: boolean }>((resolve) => setKeptTimeout(resolve, 20, new EventLoopLateness()));
    expect(kept.notKept).to.equal(false);
  });

  it('setKeptTimeout can be cleared', async () => {
    let fired = false;
    const timer = setKeptTimeout(() => {
      fired = true;
    }, 10, new EventLoopLateness());
    timer.clear();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fired).to.equal(false);
  });
});

import { expect } from 'chai';
import { throttled } from '../../../src/audit/throttled.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('throttled', () => {
  it('runs the first request at once', () => {
    let runs = 0;
    throttled(() => (runs += 1), 1000).request();
    expect(runs).to.equal(1);
  });

  it('carries out requests made inside the interval once, when it ends', async () => {
    let runs = 0;
    const saving = throttled(() => (runs += 1), 50);
    saving.request();
    saving.request();
    saving.request();
    saving.request();
    expect(runs).to.equal(1);
    // However late the timer fires on a loaded machine, three coalesced requests make one run.
    await sleep(300);
    expect(runs).to.equal(2);
  });

  it('cancel drops the pending run', async () => {
    let runs = 0;
    const saving = throttled(() => (runs += 1), 50);
    saving.request();
    saving.request();
    saving.cancel();
    await sleep(200);
    expect(runs).to.equal(1);
  });
});

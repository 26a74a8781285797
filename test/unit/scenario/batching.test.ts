import { expect } from 'chai';
import { splitPayload } from '../../../src/scenario/batching.js';

describe('batching: the audit splits its lists by the station limits', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('splits by item count, keeping order and the other fields', () => {
    const parts = splitPayload('ClearVariableMonitoring', { id: ids(45) }, 20, Number.POSITIVE_INFINITY);
    expect(parts.map((p) => (p['id'] as number[]).length)).to.deep.equal([20, 20, 5]);
    expect(parts.flatMap((p) => p['id'] as number[])).to.deep.equal(ids(45));
  });

  it('splits by bytes, every part within the limit', () => {
    const data = ids(30).map((i) => ({ component: { name: 'OCPPCommCtrlr' }, variable: { name: `Variable${i}` } }));
    const parts = splitPayload('GetVariables', { getVariableData: data }, 100, 600);
    expect(parts.length).to.be.greaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify([2, '00000000-0000-0000-0000-000000000000', 'GetVariables', part]))).to.be.at.most(600);
    expect(parts.flatMap((p) => p['getVariableData'] as unknown[])).to.deep.equal(data);
  });

  it('leaves other actions, short lists and single elements alone', () => {
    expect(splitPayload('GetBaseReport', { requestId: 1, reportBase: 'FullInventory' }, 1, 1)).to.have.length(1);
    expect(splitPayload('ClearVariableMonitoring', { id: [1] }, 0, 0)).to.deep.equal([{ id: [1] }]);
  });
});

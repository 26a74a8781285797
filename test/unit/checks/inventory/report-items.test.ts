import { expect } from 'chai';
import { itemKey, itemLabel, reportItems, sanitizeEntries } from '../../../../src/checks/inventory/report-items.js';
import { makeMessage } from '../../../helpers/evidence-fixture.js';

describe('report-items: flattening NotifyReport parts', () => {
  it('keeps arrival order, tags each item with its frame, and copies only known fields', () => {
    const parts = [
      makeMessage(5, 'NotifyReport', {
        reportData: [
          {
            component: { name: 'Connector', evse: { id: 1, connectorId: 2 }, extra: 1 },
            variable: { name: 'Temperature', instance: 'Pin' },
            variableAttribute: [{ type: 'Actual', value: 21, mutability: 'ReadOnly' }],
            variableCharacteristics: { dataType: 'decimal', unit: 'Celsius', supportsMonitoring: true },
          },
        ],
      }),
      makeMessage(6, 'NotifyReport', { reportData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }),
    ];
    const { items, malformedCount } = reportItems(parts);
    expect(malformedCount).to.equal(0);
    expect(items.map((item) => [itemLabel(item), item.seq])).to.deep.equal([
      ['Connector@1/2.Temperature[Pin]', 5],
      ['OCPPCommCtrlr.HeartbeatInterval', 6],
    ]);
    expect(items[0].component).to.deep.equal({ name: 'Connector', evse: { id: 1, connectorId: 2 } });
    // A number where a string belongs is still the station's value.
    expect(items[0].variableAttribute[0].value).to.equal('21');
    expect(items[1].variableAttribute).to.deep.equal([]);
    expect(items[1].variableCharacteristics).to.equal(undefined);
  });

  it('counts malformed items without throwing, and skips parts without reportData', () => {
    const parts = [
      makeMessage(7, 'NotifyReport', { reportData: [null, { component: { name: 'EVSE' } }, { component: {}, variable: { name: 'x' } }, 'junk'] }),
      makeMessage(8, 'NotifyReport', { tbc: false }),
    ];
    const result = reportItems(parts);
    expect(result.items).to.deep.equal([]);
    expect(result.malformedCount).to.equal(4);
    expect(result.malformedSeqs).to.deep.equal([7]);
  });

  it('keys items case-insensitively by name, exactly by instance and placement', () => {
    const a = { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } };
    expect(itemKey(a)).to.equal(itemKey({ component: { name: 'evse', evse: { id: 1 } }, variable: { name: 'POWER' } }));
    expect(itemKey(a)).not.to.equal(itemKey({ component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Power' } }));
    expect(itemKey(a)).not.to.equal(itemKey({ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power', instance: 'L1' } }));
  });
});

describe('report-items: sanitizeEntries', () => {
  it('re-reads device-model entries and drops those with names that are not strings', () => {
    const entries = [
      { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, variableAttribute: [{ value: 7 }], seq: 4 },
      { component: { name: 12 }, variable: { name: 'Power' }, variableAttribute: [], seq: 5 },
    ];
    const clean = sanitizeEntries(entries);
    expect(clean).to.have.length(1);
    expect(clean[0]).to.deep.equal({ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, variableAttribute: [{ value: '7' }], seq: 4 });
  });
});

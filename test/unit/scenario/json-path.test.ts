import { expect } from 'chai';
import { hasWildcard, matchesAll, partialMatch, valueAt, valuesAt } from '../../../src/scenario/json-path.js';

const notifyEvent = {
  generatedAt: '2025-01-01T00:00:00.000Z',
  seqNo: 0,
  eventData: [
    { eventId: 1, trigger: 'Alerting', actualValue: '70', variableMonitoringId: 7, cleared: false, component: { name: 'EVSE', evse: { id: 1 } } },
    { eventId: 2, trigger: 'Delta', actualValue: '71', variableMonitoringId: 8, cleared: true, component: { name: 'EVSE', evse: { id: 2 } } },
  ],
};

describe('scenario json-path', () => {
  describe('valuesAt', () => {
    it('gives the root for the empty path and for "."', () => {
      expect(valuesAt(notifyEvent, '')).to.deep.equal([notifyEvent]);
      expect(valuesAt(42, '.')).to.deep.equal([42]);
    });

    it('follows object keys', () => {
      expect(valuesAt({ a: { b: { c: 'x' } } }, 'a.b.c')).to.deep.equal(['x']);
      expect(valuesAt({ a: { b: null } }, 'a.b')).to.deep.equal([null]);
    });

    it('indexes arrays with numeric segments', () => {
      expect(valuesAt(notifyEvent, 'eventData.0.variableMonitoringId')).to.deep.equal([7]);
      expect(valuesAt(notifyEvent, 'eventData.1.component.evse.id')).to.deep.equal([2]);
      expect(valuesAt({ list: [['a', 'b'], ['c']] }, 'list.1.0')).to.deep.equal(['c']);
    });

    it('gives nothing for an index past the end of the array', () => {
      expect(valuesAt(notifyEvent, 'eventData.2.eventId')).to.deep.equal([]);
      expect(valuesAt(notifyEvent, 'eventData.2')).to.deep.equal([]);
    });

    it('reads a numeric key of an object as a key', () => {
      expect(valuesAt({ m: { '0': 'zero' } }, 'm.0')).to.deep.equal(['zero']);
    });

    it('fans out over every element with *', () => {
      expect(valuesAt(notifyEvent, 'eventData.*.variableMonitoringId')).to.deep.equal([7, 8]);
      expect(valuesAt(notifyEvent, 'eventData.*')).to.deep.equal(notifyEvent.eventData);
    });

    it('fans out over nested arrays with several *', () => {
      const capture = { messages: [{ payload: { reportData: [{ n: 'a' }, { n: 'b' }] } }, { payload: { reportData: [{ n: 'c' }] } }] };
      expect(valuesAt(capture, 'messages.*.payload.reportData.*.n')).to.deep.equal(['a', 'b', 'c']);
    });

    it('leaves out elements that lack the field under *', () => {
      expect(valuesAt({ xs: [{ a: 1 }, { b: 2 }, { a: 3 }] }, 'xs.*.a')).to.deep.equal([1, 3]);
    });

    it('gives nothing for * over a non-array', () => {
      expect(valuesAt({ a: { b: 1 } }, 'a.*')).to.deep.equal([]);
      expect(valuesAt({ a: 'text' }, 'a.*')).to.deep.equal([]);
    });

    it('gives nothing for absent keys, through null, and into primitives', () => {
      expect(valuesAt(notifyEvent, 'nope')).to.deep.equal([]);
      expect(valuesAt({ a: null }, 'a.b')).to.deep.equal([]);
      expect(valuesAt({ a: 'text' }, 'a.length')).to.deep.equal([]);
      expect(valuesAt(undefined, 'a')).to.deep.equal([]);
    });

    it('reads an array length (messages.length)', () => {
      expect(valuesAt({ messages: [1, 2, 3] }, 'messages.length')).to.deep.equal([3]);
    });

    it('does not read inherited properties', () => {
      expect(valuesAt({}, 'toString')).to.deep.equal([]);
      expect(valuesAt({ a: {} }, 'a.constructor')).to.deep.equal([]);
    });

    it('keeps the array elements a [field=text,field] filter describes (a 1.6 read-only key with a value)', () => {
      const answer = {
        configurationKey: [
          { key: 'HeartbeatInterval', readonly: false, value: '300' },
          { key: 'ConnectorPhaseRotationMaxLength', readonly: true },
          { key: 'NumberOfConnectors', readonly: true, value: '2' },
          { key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,RemoteTrigger' },
        ],
      };
      expect(valuesAt(answer, 'configurationKey.[readonly=true,value].key')).to.deep.equal(['NumberOfConnectors', 'SupportedFeatureProfiles']);
      expect(valueAt(answer, 'configurationKey.[readonly=true,value]')).to.deep.equal({ key: 'NumberOfConnectors', readonly: true, value: '2' });
      expect(valueAt(answer, 'configurationKey.[key=SupportedFeatureProfiles].value')).to.equal('Core,RemoteTrigger');
      expect(valueAt(answer, 'configurationKey.[key=NoSuchKey].value')).to.equal(undefined);
      expect(valuesAt(answer, 'configurationKey.[readonly=false]').length).to.equal(1);
      expect(valuesAt({ configurationKey: { key: 'x' } }, 'configurationKey.[key=x]'), 'a filter over a non-array').to.deep.equal([]);
      expect(valuesAt({ list: [null, 3, { value: null }] }, 'list.[value]'), 'null and primitives are never kept').to.deep.equal([]);
    });
  });

  describe('valueAt', () => {
    it('gives the single value at a path', () => {
      expect(valueAt(notifyEvent, 'eventData.1.trigger')).to.equal('Delta');
      expect(valueAt({ a: { b: 0 } }, 'a.b')).to.equal(0);
    });

    it('gives undefined when absent', () => {
      expect(valueAt(notifyEvent, 'eventData.5.trigger')).to.equal(undefined);
      expect(valueAt({}, 'a.b')).to.equal(undefined);
    });

    it('gives the first value for a * path', () => {
      expect(valueAt(notifyEvent, 'eventData.*.eventId')).to.equal(1);
    });
  });

  describe('hasWildcard', () => {
    it('sees a * segment only', () => {
      expect(hasWildcard('eventData.*.id')).to.equal(true);
      expect(hasWildcard('*')).to.equal(true);
      expect(hasWildcard('eventData.0.id')).to.equal(false);
      expect(hasWildcard('a*b.c')).to.equal(false);
    });
  });

  describe('partialMatch', () => {
    it('compares primitives strictly', () => {
      expect(partialMatch('Accepted', 'Accepted')).to.equal(true);
      expect(partialMatch('1', 1)).to.equal(false);
      expect(partialMatch(0, false)).to.equal(false);
      expect(partialMatch(undefined, 'x')).to.equal(false);
    });

    it('treats null as a value of its own', () => {
      expect(partialMatch(null, null)).to.equal(true);
      expect(partialMatch(undefined, null)).to.equal(false);
      expect(partialMatch({}, null)).to.equal(false);
      expect(partialMatch(null, {})).to.equal(false);
      expect(partialMatch({ a: null }, { a: null })).to.equal(true);
      expect(partialMatch({ a: 1 }, { a: null })).to.equal(false);
    });

    it('needs every expected field and ignores extra actual fields', () => {
      expect(partialMatch({ a: 1, b: 2 }, { a: 1 })).to.equal(true);
      expect(partialMatch({ a: 1 }, { a: 1, b: 2 })).to.equal(false);
      expect(partialMatch({ a: 1 }, {})).to.equal(true);
    });

    it('matches nested objects partially', () => {
      const actual = { component: { name: 'EVSE', evse: { id: 1, connectorId: 2 } }, variable: { name: 'Power' } };
      expect(partialMatch(actual, { component: { evse: { id: 1 } } })).to.equal(true);
      expect(partialMatch(actual, { component: { evse: { id: 2 } } })).to.equal(false);
    });

    it('needs arrays of the same length, matched element by element', () => {
      expect(partialMatch([1, 2], [1, 2])).to.equal(true);
      expect(partialMatch([1, 2, 3], [1, 2])).to.equal(false);
      expect(partialMatch([1], [1, 2])).to.equal(false);
      expect(partialMatch([2, 1], [1, 2])).to.equal(false);
      expect(partialMatch([{ a: 1, b: 2 }], [{ a: 1 }])).to.equal(true);
      expect(partialMatch([], [])).to.equal(true);
    });

    it('does not take an array for an object or an object for an array', () => {
      expect(partialMatch([1], { 0: 1 })).to.equal(false);
      expect(partialMatch({ 0: 1, length: 1 }, [1])).to.equal(false);
      expect(partialMatch('x', { length: 1 })).to.equal(false);
    });
  });

  describe('matchesAll', () => {
    it('is true for no conditions', () => {
      expect(matchesAll(notifyEvent, {})).to.equal(true);
    });

    it('needs every plain path to hold', () => {
      expect(matchesAll(notifyEvent, { seqNo: 0, 'eventData.0.trigger': 'Alerting' })).to.equal(true);
      expect(matchesAll(notifyEvent, { seqNo: 0, 'eventData.0.trigger': 'Delta' })).to.equal(false);
    });

    it('fails on an absent path', () => {
      expect(matchesAll(notifyEvent, { tbc: false })).to.equal(false);
      expect(matchesAll(notifyEvent, { 'eventData.*.techCode': 'x' })).to.equal(false);
    });

    it('needs one element to satisfy a * path', () => {
      expect(matchesAll(notifyEvent, { 'eventData.*.variableMonitoringId': 8 })).to.equal(true);
      expect(matchesAll(notifyEvent, { 'eventData.*.variableMonitoringId': 9 })).to.equal(false);
    });

    it('matches objects partially under *', () => {
      expect(matchesAll(notifyEvent, { 'eventData.*.component': { evse: { id: 2 } } })).to.equal(true);
      expect(matchesAll(notifyEvent, { 'eventData.*.component': { evse: { id: 3 } } })).to.equal(false);
    });

    it('needs paths sharing a * prefix to hold on the same element', () => {
      // eventId 1 is not cleared, eventId 2 is: no single element has both.
      expect(matchesAll(notifyEvent, { 'eventData.*.eventId': 1, 'eventData.*.cleared': true })).to.equal(false);
      expect(matchesAll(notifyEvent, { 'eventData.*.eventId': 2, 'eventData.*.cleared': true })).to.equal(true);
      expect(matchesAll(notifyEvent, { 'eventData.*.variableMonitoringId': 7, 'eventData.*.trigger': 'Alerting', 'eventData.*.cleared': false })).to.equal(true);
    });

    it('holds the same-element rule for nested ids under one *', () => {
      const payload = { eventData: [{ a: { id: 1 }, cleared: false }, { a: { id: 2 }, cleared: true }] };
      expect(matchesAll(payload, { 'eventData.*.a.id': 1, 'eventData.*.cleared': true })).to.equal(false);
      expect(matchesAll(payload, { 'eventData.*.a.id': 2, 'eventData.*.cleared': true })).to.equal(true);
    });

    it('combines plain paths with * groups', () => {
      expect(matchesAll(notifyEvent, { seqNo: 0, 'eventData.*.eventId': 2, 'eventData.*.trigger': 'Delta' })).to.equal(true);
      expect(matchesAll(notifyEvent, { seqNo: 1, 'eventData.*.eventId': 2, 'eventData.*.trigger': 'Delta' })).to.equal(false);
    });

    it('keeps the same-element rule inside nested * groups', () => {
      const capture = {
        reports: [
          { items: [{ name: 'A', ok: true }, { name: 'B', ok: false }] },
          { items: [{ name: 'A', ok: false }] },
        ],
      };
      expect(matchesAll(capture, { 'reports.*.items.*.name': 'B', 'reports.*.items.*.ok': true })).to.equal(false);
      expect(matchesAll(capture, { 'reports.*.items.*.name': 'A', 'reports.*.items.*.ok': true })).to.equal(true);
      expect(matchesAll(capture, { 'reports.*.items.*.name': 'B', 'reports.*.items.*.ok': false })).to.equal(true);
    });

    it('keeps separate * prefixes independent', () => {
      const payload = { xs: [{ a: 1 }, { a: 2 }], ys: [{ b: 3 }] };
      expect(matchesAll(payload, { 'xs.*.a': 2, 'ys.*.b': 3 })).to.equal(true);
      expect(matchesAll(payload, { 'xs.*.a': 2, 'ys.*.b': 4 })).to.equal(false);
    });

    it('fails a * group whose prefix is not an array', () => {
      expect(matchesAll({ eventData: { id: 1 } }, { 'eventData.*.id': 1 })).to.equal(false);
      expect(matchesAll({}, { 'eventData.*.id': 1 })).to.equal(false);
    });

    it('matches null expectations only against present nulls', () => {
      expect(matchesAll({ a: null }, { a: null })).to.equal(true);
      expect(matchesAll({}, { a: null })).to.equal(false);
    });
  });
});

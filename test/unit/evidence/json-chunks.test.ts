import { expect } from 'chai';
import { jsonChunks } from '../../../src/evidence/json-chunks.js';

const joined = (value: unknown, depth?: number): string => [...jsonChunks(value, depth)].join('');

describe('jsonChunks: JSON text in pieces', () => {
  const values: Array<[string, unknown]> = [
    ['primitives', [1, -0, 1.5e300, 'a"b\\c\u2028\n', true, false, null]],
    ['empty containers', { a: {}, b: [], c: [[]], d: [{}] }],
    ['undefined, functions and symbols', { keep: 1, gone: undefined, fn: () => 1, sym: Symbol('x'), list: [undefined, () => 1, Symbol('y'), 2] }],
    ['toJSON owners', { at: new Date('2026-11-24T05:00:00.000Z'), custom: { toJSON: (key: string) => `key=${key}` }, list: [{ toJSON: () => undefined }] }],
    ['boxed primitives', { n: Object(5) as unknown, s: Object('text') as unknown, b: Object(false) as unknown }],
    ['integer-like keys, in JSON.stringify order', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['non-ASCII text and lone surrogates', { name: 'Ladesäule ⚡ 充电', broken: '\ud800x' }],
    ['nesting deeper than the walk', { a: { b: { c: { d: { e: { f: { g: { h: { i: [1, { j: 2 }] } } } } } } } } }],
  ];
  for (const [what, value] of values) {
    it(`equals JSON.stringify for ${what}`, () => {
      expect(joined(value)).to.equal(JSON.stringify(value));
      expect(joined(value, 1)).to.equal(JSON.stringify(value));
      expect(joined(value, 0)).to.equal(JSON.stringify(value));
    });
  }

  it('gives pieces, not one string, for a large value', () => {
    const value = { parts: Array.from({ length: 50 }, (_, i) => ({ seq: i, payload: { reportData: Array.from({ length: 100 }, (_, j) => ({ n: j })) } })) };
    const pieces = [...jsonChunks(value)];
    expect(pieces.join('')).to.equal(JSON.stringify(value));
    const largest = Math.max(...pieces.map((p) => p.length));
    expect(largest).to.be.lessThan(JSON.stringify(value).length / 20);
  });
});

import { expect } from 'chai';
import { jsonChunks, type JsonPath } from '../../../src/evidence/json-chunks.js';

const everything = (): boolean => true;
const nothing = (): boolean => false;
const joined = (value: unknown, open: (path: JsonPath, container: object) => boolean): string => [...jsonChunks(value, open)].join('');

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
      expect(joined(value, everything)).to.equal(JSON.stringify(value));
      expect(joined(value, nothing)).to.equal(JSON.stringify(value));
      expect(joined(value, (path) => path.length < 2)).to.equal(JSON.stringify(value));
    });
  }

  it('takes apart only the containers it is told to open, with their paths', () => {
    const value = { parts: Array.from({ length: 50 }, (_, i) => ({ seq: i, payload: { reportData: Array.from({ length: 100 }, (_, j) => ({ n: j })) } })), small: { a: [1, 2] } };
    const opened: string[] = [];
    const pieces = [...jsonChunks(value, (path) => {
      opened.push(path.join('/'));
      return path.length === 0 || (path[0] === 'parts' && path.length <= 2);
    })];
    expect(pieces.join('')).to.equal(JSON.stringify(value));
    expect(opened.slice(0, 3)).to.deep.equal(['', 'parts', 'parts/0']);
    expect(opened).to.include('small');
    expect(opened).to.not.include('small/a');
    // Each part is its own piece: none is larger than one part.
    expect(Math.max(...pieces.map((p) => p.length))).to.equal(Math.max(...value.parts.map((p) => JSON.stringify(p.payload).length)));
  });
});

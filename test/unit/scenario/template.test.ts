import { expect } from 'chai';
import { ToolError } from '../../../src/errors.js';
import { fill, referencesIn } from '../../../src/scenario/template.js';

const context = {
  targets: {
    numeric: { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, value: '60', above: 62, delta: 1, maxLimit: 3600 },
    boolean: { value: 'true' },
  },
  captures: { 'set-heartbeat': { kind: 'call', ok: true, response: { setVariableResult: [{ attributeStatus: 'Accepted' }] } } },
  requestIds: { full: 7 },
  options: { heartbeatProbeS: 5, ratio: 1.5, label: 'x' },
  known: { hardWiredMonitor: 0, flag: false, nothing: null },
};

function fillError(template: unknown, where = 'testcases/x.json: /steps/2/payload'): ToolError {
  try {
    fill(template, context, where);
  } catch (error) {
    expect(error).to.be.instanceOf(ToolError);
    return error as ToolError;
  }
  throw new Error('fill did not throw');
}

describe('scenario template', () => {
  describe('fill', () => {
    it('leaves values without references alone', () => {
      expect(fill('plain text', context, 'w')).to.equal('plain text');
      expect(fill(12, context, 'w')).to.equal(12);
      expect(fill(true, context, 'w')).to.equal(true);
      expect(fill(null, context, 'w')).to.equal(null);
      expect(fill({ a: [1, 'b', { c: null }] }, context, 'w')).to.deep.equal({ a: [1, 'b', { c: null }] });
    });

    it('keeps the type of a whole-string reference', () => {
      expect(fill('${requestIds.full}', context, 'w')).to.equal(7);
      expect(fill('${targets.numeric.value}', context, 'w')).to.equal('60');
      expect(fill('${options.ratio}', context, 'w')).to.equal(1.5);
      expect(fill('${known.flag}', context, 'w')).to.equal(false);
      expect(fill('${known.hardWiredMonitor}', context, 'w')).to.equal(0);
      expect(fill('${known.nothing}', context, 'w')).to.equal(null);
      expect(fill('${targets.numeric.component}', context, 'w')).to.deep.equal({ name: 'OCPPCommCtrlr' });
    });

    it('tolerates spaces inside the braces', () => {
      expect(fill('${ requestIds.full }', context, 'w')).to.equal(7);
    });

    it('reads numeric indexes in reference paths', () => {
      expect(fill('${captures.set-heartbeat.response.setVariableResult.0.attributeStatus}', context, 'w')).to.equal('Accepted');
    });

    it('interpolates references inside longer strings', () => {
      expect(fill('monitor ${known.hardWiredMonitor} on ${targets.numeric.variable.name}', context, 'w')).to.equal('monitor 0 on OfflineThreshold');
      expect(fill('id=${requestIds.full}!', context, 'w')).to.equal('id=7!');
      expect(fill('${requestIds.full}${requestIds.full}', context, 'w')).to.equal('77');
    });

    it('interpolates non-strings as JSON', () => {
      expect(fill('c=${targets.numeric.component}', context, 'w')).to.equal('c={"name":"OCPPCommCtrlr"}');
      expect(fill('n=${known.nothing} f=${known.flag}', context, 'w')).to.equal('n=null f=false');
    });

    it('fills objects and arrays throughout', () => {
      const template = {
        requestId: '${requestIds.full}',
        setVariableData: [{ component: '${targets.numeric.component}', variable: '${targets.numeric.variable}', attributeValue: '${targets.numeric.above | string}' }],
        literal: 3,
      };
      expect(fill(template, context, 'w')).to.deep.equal({
        requestId: 7,
        setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '62' }],
        literal: 3,
      });
    });

    it('adds with ${path + n}', () => {
      expect(fill('${targets.numeric.above + 2}', context, 'w')).to.equal(64);
      expect(fill('${requestIds.full + 1}', context, 'w')).to.equal(8);
      expect(fill('${options.ratio + 0.25}', context, 'w')).to.equal(1.75);
    });

    it('needs spaces around the operator, so a step id like read-1 stays part of the path', () => {
      expect(fill('${known.probe-2}', { known: { 'probe-2': 5, probe: 10 } }, 'w')).to.equal(5);
      expect(() => fill('${requestIds.full+1}', context, 'w')).to.throw(/requestIds\.full\+1 is not known/);
    });

    it('refuses arithmetic on empty text, null and booleans', () => {
      for (const x of ['', null, true]) expect(() => fill('${known.x + 2}', { known: { x } }, 'w'), String(x)).to.throw(/is not a number/);
    });

    it('converts numeric text before arithmetic', () => {
      expect(fill('${targets.numeric.value + 2}', context, 'w')).to.equal(62);
    });

    it('subtracts with ${path - n}', () => {
      expect(fill('${targets.numeric.above - 1}', context, 'w')).to.equal(61);
      expect(fill('${targets.numeric.value - 100}', context, 'w')).to.equal(-40);
      expect(fill('${targets.numeric.delta + -3}', context, 'w')).to.equal(-2);
    });

    it('gives the value as text with | string', () => {
      expect(fill('${options.heartbeatProbeS | string}', context, 'w')).to.equal('5');
      expect(fill('${options.heartbeatProbeS|string}', context, 'w')).to.equal('5');
      expect(fill('${known.flag | string}', context, 'w')).to.equal('false');
      expect(fill('${targets.numeric.value | string}', context, 'w')).to.equal('60');
    });

    it('combines arithmetic and | string', () => {
      expect(fill('${targets.numeric.maxLimit + 1 | string}', context, 'w')).to.equal('3601');
      expect(fill('${targets.numeric.above - 2 | string}', context, 'w')).to.equal('60');
    });

    it('does arithmetic inside longer strings', () => {
      expect(fill('next is ${requestIds.full + 1}', context, 'w')).to.equal('next is 8');
    });

    it('fails on an unresolved reference with ERR_UNRESOLVED_REFERENCE naming where and the path', () => {
      const error = fillError('${targets.nonNumeric.other}');
      expect(error.code).to.equal('ERR_UNRESOLVED_REFERENCE');
      expect(error.message).to.equal('testcases/x.json: /steps/2/payload: ${targets.nonNumeric.other} has no value (targets.nonNumeric.other is not known at this point)');
    });

    it('names the path (without the arithmetic) of an unresolved arithmetic reference', () => {
      const error = fillError('${targets.numeric.outOfRange + 1}');
      expect(error.code).to.equal('ERR_UNRESOLVED_REFERENCE');
      expect(error.message).to.equal('testcases/x.json: /steps/2/payload: ${targets.numeric.outOfRange + 1} has no value (targets.numeric.outOfRange is not known at this point)');
    });

    it('fails on an unresolved reference inside a longer string', () => {
      const error = fillError('value ${captures.missing.response.status} here');
      expect(error.code).to.equal('ERR_UNRESOLVED_REFERENCE');
      expect(error.message).to.contain('captures.missing.response.status is not known at this point');
    });

    it('extends where with the key and index of a nested reference', () => {
      const error = fillError({ setVariableData: [{ attributeValue: 'ok' }, { attributeValue: '${options.missing}' }] }, 'case.json: /steps/1/payload');
      expect(error.message).to.equal('case.json: /steps/1/payload/setVariableData/1/attributeValue: ${options.missing} has no value (options.missing is not known at this point)');
    });

    it('fails on arithmetic with a non-numeric value', () => {
      const error = fillError('${options.label + 1}');
      expect(error.code).to.equal('ERR_UNRESOLVED_REFERENCE');
      expect(error.message).to.equal('testcases/x.json: /steps/2/payload: ${options.label + 1}: options.label is not a number');
    });

    it('fails on arithmetic with an object value', () => {
      const error = fillError('${targets.numeric.component - 1}');
      expect(error.message).to.equal('testcases/x.json: /steps/2/payload: ${targets.numeric.component - 1}: targets.numeric.component is not a number');
    });
  });

  describe('referencesIn', () => {
    it('lists nothing for data without references', () => {
      expect(referencesIn({ a: 'text', b: [1, null, true], c: { d: '$notref {x}' } })).to.deep.equal([]);
    });

    it('lists every reference, trimmed, in document order, with repeats', () => {
      const template = [
        { kind: 'send', payload: { requestId: '${requestIds.full}', data: ['${ targets.numeric.value }', 'x ${known.a} y ${known.b}'] } },
        { kind: 'await', withinS: '${options.reportWindowS}', match: { requestId: '${requestIds.full}' } },
      ];
      expect(referencesIn(template)).to.deep.equal(['requestIds.full', 'targets.numeric.value', 'known.a', 'known.b', 'options.reportWindowS', 'requestIds.full']);
    });

    it('gives arithmetic and pipes as written (trimmed)', () => {
      expect(referencesIn(['${targets.numeric.above + 1 | string}', '${ options.x|string }'])).to.deep.equal(['targets.numeric.above + 1 | string', 'options.x|string']);
    });

    it('finds references in a lone string', () => {
      expect(referencesIn('${a.b}')).to.deep.equal(['a.b']);
    });
  });
});

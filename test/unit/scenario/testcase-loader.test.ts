import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ToolError } from '../../../src/errors.js';
import { loadTestCaseFile, loadTestCases, TESTCASE_DIRECTORY } from '../../../src/scenario/testcase-loader.js';

/** The built-in case files, read from the directory itself (the catalogue grows). */
function builtInFiles(): string[] {
  return readdirSync(TESTCASE_DIRECTORY)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(TESTCASE_DIRECTORY, name));
}

/** A small valid case: send, expect on it, await after it; cleanup restores a read. */
function validCase(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: './testcase.schema.json',
    id,
    title: `Case ${id}`,
    proves: 'Something about the station.',
    refs: ['B01', 'TC_B_01'],
    category: 'protocol',
    order: 50,
    steps: [
      { kind: 'read-variables', id: 'before', variables: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
      { kind: 'send', id: 'ask', action: 'TriggerMessage', payload: { requestedMessage: 'StatusNotification' } },
      { kind: 'expect', id: 'asked', of: 'ask', at: 'response.status', oneOf: ['Accepted'], check: { title: 'Accepted', refs: ['F06'] } },
      { kind: 'await', id: 'status', action: 'StatusNotification', withinS: 10, after: 'ask' },
    ],
    cleanup: [{ kind: 'restore-variables', id: 'restore', from: 'before' }],
    ...overrides,
  };
}

function invalidCaseError(run: () => unknown): ToolError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ToolError);
    expect((error as ToolError).code).to.equal('ERR_INVALID_TESTCASE');
    return error as ToolError;
  }
  throw new Error('no error was thrown');
}

describe('scenario testcase-loader', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-cases-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: unknown, into = dir): string {
    const file = join(into, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  }

  /** Writes a case whose steps are given, and returns the loader's error message. */
  function stepsError(steps: unknown[], cleanup?: unknown[]): { file: string; message: string } {
    const file = write('bad-case.json', validCase('bad-case', { steps, ...(cleanup ? { cleanup } : { cleanup: [] }) }));
    return { file, message: invalidCaseError(() => loadTestCaseFile(file)).message };
  }

  describe('the built-in catalogue', () => {
    it('loads every built-in file, sorted by order (then id)', () => {
      const cases = loadTestCases();
      expect(cases.map((c) => c.file).sort()).to.deep.equal(builtInFiles());
      for (let i = 1; i < cases.length; i++) {
        const [a, b] = [cases[i - 1], cases[i]];
        expect(a.order < b.order || (a.order === b.order && a.id.localeCompare(b.id) < 0), `${a.id} (${a.order}) before ${b.id} (${b.order})`).to.equal(true);
      }
    });

    it('has in every file an id equal to the file name and a $schema', () => {
      const files = builtInFiles();
      expect(files.length).to.be.greaterThan(0);
      for (const file of files) {
        const document = JSON.parse(readFileSync(file, 'utf8'));
        expect(document.id, file).to.equal(basename(file, '.json'));
        expect(document.$schema, file).to.equal('./testcase.schema.json');
      }
    });

    it('includes session-boot with its file', () => {
      const boot = loadTestCases().find((c) => c.id === 'session-boot');
      expect(boot?.file).to.equal(join(TESTCASE_DIRECTORY, 'session-boot.json'));
      expect(boot?.category).to.equal('protocol');
    });
  });

  describe('a valid file', () => {
    it('loads with its file path and its content', () => {
      const document = validCase('good-case');
      const file = write('good-case.json', document);
      expect(loadTestCaseFile(file)).to.deep.equal({ ...document, file });
    });

    it('accepts an expect on a capture named with as', () => {
      const file = write(
        'as-case.json',
        validCase('as-case', {
          steps: [
            { kind: 'send', id: 'ask', as: 'reply', action: 'TriggerMessage', payload: {} },
            { kind: 'expect', id: 'asked', of: 'reply', at: 'response.status', exists: true },
          ],
          cleanup: [],
        }),
      );
      expect(loadTestCaseFile(file).id).to.equal('as-case');
    });
  });

  describe('bad files', () => {
    it('a missing required field', () => {
      const document = validCase('bad-case');
      delete document['proves'];
      const file = write('bad-case.json', document);
      expect(invalidCaseError(() => loadTestCaseFile(file)).message).to.equal(`${file}: / must have required property 'proves'`);
    });

    it('an unknown top-level field', () => {
      const file = write('bad-case.json', validCase('bad-case', { x: 1 }));
      expect(invalidCaseError(() => loadTestCaseFile(file)).message).to.equal(`${file}: / has an unknown field "x"`);
    });

    it('a field of another step kind', () => {
      const { file, message } = stepsError([{ kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {}, withinS: 5 }]);
      expect(message).to.equal(`${file}: /steps/0 has an unknown field "withinS"`);
    });

    it('an expect step with an await field', () => {
      const { file, message } = stepsError([
        { kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {} },
        { kind: 'expect', id: 'asked', of: 'ask', at: 'response.status', oneOf: ['Accepted'], match: { a: 1 } },
      ]);
      expect(message).to.equal(`${file}: /steps/1 has an unknown field "match"`);
    });

    it('an unknown step kind', () => {
      const { file, message } = stepsError([{ kind: 'sleep', id: 'nap', seconds: 1 }]);
      expect(message).to.equal(`${file}: /steps/0/kind must be equal to one of the allowed values`);
    });

    it('a step missing a field its kind requires', () => {
      const { file, message } = stepsError([{ kind: 'send', id: 'ask', payload: {} }]);
      expect(message).to.equal(`${file}: /steps/0 must have required property 'action'`);
    });

    it('a wrong type in a step field', () => {
      const { file, message } = stepsError([{ kind: 'wait', id: 'nap', seconds: 'soon' }]);
      expect(message).to.equal(`${file}: /steps/0/seconds must be number`);
    });

    it('an id that is not the file name', () => {
      const file = write('other-name.json', validCase('some-case'));
      expect(invalidCaseError(() => loadTestCaseFile(file)).message).to.equal(`${file}: /id "some-case" must equal the file name "other-name"`);
    });

    it('a duplicate step id', () => {
      const { file, message } = stepsError([
        { kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {} },
        { kind: 'wait', id: 'pause', seconds: 1 },
        { kind: 'send', id: 'ask', action: 'Reset', payload: { type: 'Immediate' } },
      ]);
      expect(message).to.equal(`${file}: /steps/2/id "ask" is used by an earlier step`);
    });

    it('a cleanup step reusing a step id', () => {
      const { file, message } = stepsError([{ kind: 'wait', id: 'pause', seconds: 1 }], [{ kind: 'wait', id: 'pause', seconds: 2 }]);
      expect(message).to.equal(`${file}: /cleanup/0/id "pause" is used by an earlier step`);
    });

    it('an expect whose of names no capture', () => {
      const { file, message } = stepsError([
        { kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {} },
        { kind: 'expect', id: 'asked', of: 'nothing', at: 'response.status', oneOf: ['Accepted'] },
      ]);
      expect(message).to.equal(`${file}: /steps/1/of names "nothing", which no earlier step captures`);
    });

    it('an expect whose of names a later step', () => {
      const { file, message } = stepsError([
        { kind: 'expect', id: 'asked', of: 'ask', at: 'response.status', oneOf: ['Accepted'] },
        { kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {} },
      ]);
      expect(message).to.equal(`${file}: /steps/0/of names "ask", which no earlier step captures`);
    });

    it('an expect whose of names a step that captures nothing', () => {
      const { file, message } = stepsError([
        { kind: 'wait', id: 'pause', seconds: 1 },
        { kind: 'expect', id: 'asked', of: 'pause', at: 'x', exists: true },
      ]);
      expect(message).to.equal(`${file}: /steps/1/of names "pause", which no earlier step captures`);
    });

    it('an expect whose of names the id of a step that captures under another name', () => {
      const { file, message } = stepsError([
        { kind: 'send', id: 'ask', as: 'reply', action: 'TriggerMessage', payload: {} },
        { kind: 'expect', id: 'asked', of: 'ask', at: 'response.status', exists: true },
      ]);
      expect(message).to.equal(`${file}: /steps/1/of names "ask", which no earlier step captures`);
    });

    it('an await whose after names no earlier step', () => {
      const { file, message } = stepsError([
        { kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {} },
        { kind: 'await', id: 'status', action: 'StatusNotification', withinS: 10, after: 'later' },
        { kind: 'wait', id: 'later', seconds: 1 },
      ]);
      expect(message).to.equal(`${file}: /steps/1/after names "later", which is not an earlier step`);
    });

    it('a dependsOn that names no earlier step', () => {
      const { file, message } = stepsError([
        { kind: 'send', id: 'ask', action: 'GetMonitoringReport', payload: { requestId: 1 } },
        { kind: 'expect', id: 'gone', dependsOn: 'report', of: 'ask', at: 'response.status', exists: true },
        { kind: 'collect-report', id: 'report', action: 'NotifyMonitoringReport', requestId: 1, withinS: 10 },
      ]);
      expect(message).to.equal(`${file}: /steps/1/dependsOn names "report", which is not an earlier step`);
    });

    it('a collect-report whose after names no earlier step', () => {
      const { file, message } = stepsError([{ kind: 'collect-report', id: 'report', action: 'NotifyReport', requestId: 1, withinS: 10, after: 'nope' }]);
      expect(message).to.equal(`${file}: /steps/0/after names "nope", which is not an earlier step`);
    });

    it('a restore-variables whose from is not a read-variables step', () => {
      const { file, message } = stepsError([{ kind: 'send', id: 'ask', action: 'TriggerMessage', payload: {} }], [{ kind: 'restore-variables', id: 'restore', from: 'ask' }]);
      expect(message).to.equal(`${file}: /cleanup/0/from names "ask", which is not an earlier read-variables step`);
    });

    it('a restore-variables whose from names nothing', () => {
      const { file, message } = stepsError([{ kind: 'wait', id: 'pause', seconds: 1 }, { kind: 'restore-variables', id: 'restore', from: 'before' }]);
      expect(message).to.equal(`${file}: /steps/1/from names "before", which is not an earlier read-variables step`);
    });

    it('a ${captures.x} reference that no earlier step captures (a later one or none)', () => {
      const uses = { kind: 'send', id: 'set', action: 'SetVariables', payload: { setVariableData: [{ component: { name: 'A' }, variable: { name: 'B' }, attributeValue: '${captures.later.values.0.value | string}' }] } };
      const { file, message } = stepsError([uses, { kind: 'read-variables', id: 'later', variables: [{ component: { name: 'A' }, variable: { name: 'B' } }] }]);
      expect(message).to.equal(`${file}: /steps/0 uses \${captures.later.values.0.value | string}, but no earlier step captures "later"`);
    });

    it('a step with needs of its own, in the language of the case needs', () => {
      const steps = [{ kind: 'send', id: 'ask', action: 'TriggerMessage', needs: ['has:targets.readOnly'], payload: { requestedMessage: 'StatusNotification' } }];
      expect(loadTestCaseFile(write('with-needs.json', validCase('with-needs', { steps, cleanup: [] }))).steps[0]?.needs).to.deep.equal(['has:targets.readOnly']);
      const message = invalidCaseError(() => loadTestCaseFile(write('bad-needs.json', validCase('bad-needs', { steps: [{ ...steps[0], needs: ['sometimes'] }], cleanup: [] })))).message;
      expect(message).to.match(/\/steps\/0\/needs\/0 must match pattern/);
    });

    it('answer-next: a payload or cancel, not neither; stream-limit-probe: its monitor asks for a stream, and its capture can be read (issue 17)', () => {
      const refuse = { kind: 'answer-next', id: 'refuse', action: 'OpenPeriodicEventStream', payload: { status: 'Rejected' } };
      const probe = { kind: 'stream-limit-probe', id: 'probe', withinS: 2, monitor: { type: 'Periodic', value: 60, component: { name: 'A' }, variable: { name: 'B' }, periodicEventStream: { interval: 60 } } };
      const uses = { kind: 'expect', id: 'opened', of: 'probe', at: 'streamLimitProbe.opened.length', atMost: 1 };
      const loaded = loadTestCaseFile(write('streams.json', validCase('streams', { steps: [refuse, probe, uses], cleanup: [{ kind: 'answer-next', id: 'forget', action: 'OpenPeriodicEventStream', cancel: true }] })));
      expect(loaded.steps.map((s) => s.kind)).to.deep.equal(['answer-next', 'stream-limit-probe', 'expect']);
      expect(stepsError([{ kind: 'answer-next', id: 'refuse', action: 'OpenPeriodicEventStream' }]).message).to.match(/\/steps\/0 must have required property 'payload'/);
      expect(stepsError([{ ...probe, monitor: { type: 'Periodic', value: 60 } }]).message).to.match(/\/steps\/0\/monitor must have required property 'periodicEventStream'/);
    });

    it('a liveness-probe whose while is not an earlier send step', () => {
      const { file, message } = stepsError([
        { kind: 'wait', id: 'pause', seconds: 1 },
        { kind: 'liveness-probe', id: 'alive', action: 'GetVariables', payload: {}, while: 'pause' },
      ]);
      expect(message).to.equal(`${file}: /steps/1/while names "pause", which is not an earlier send step`);
    });

    it('a wait-until-phase with a phase of 1 or more', () => {
      const { file, message } = stepsError([{ kind: 'wait-until-phase', id: 'mid', intervalS: 10, phase: 1 }]);
      expect(message).to.equal(`${file}: /steps/0/phase must be < 1`);
    });

    it('invalid JSON', () => {
      const file = write('bad-case.json', '{ "id": "bad-case", ');
      const message = invalidCaseError(() => loadTestCaseFile(file)).message;
      expect(message.startsWith(`${file}: `)).to.equal(true);
      expect(message).to.match(/JSON/);
    });

    it('a bad file selected by path fails the whole load', () => {
      write('good-case.json', validCase('good-case'));
      const bad = write('bad-case.json', validCase('bad-case', { category: 'nonsense' }));
      expect(invalidCaseError(() => loadTestCases([dir])).message).to.equal(`${bad}: /category must be equal to one of the allowed values`);
    });
  });

  describe('selection', () => {
    it('by id', () => {
      const cases = loadTestCases(['session-boot']);
      expect(cases.map((c) => c.id)).to.deep.equal(['session-boot']);
      expect(cases[0]?.file).to.equal(join(TESTCASE_DIRECTORY, 'session-boot.json'));
    });

    it('by pattern with *', () => {
      const expected = builtInFiles()
        .map((file) => basename(file, '.json'))
        .filter((id) => id.startsWith('inventory-'));
      expect(expected.length).to.be.greaterThan(0);
      expect(
        loadTestCases(['inventory-*'])
          .map((c) => c.id)
          .sort(),
      ).to.deep.equal(expected);
    });

    it('* matches within an id as well', () => {
      expect(loadTestCases(['sess*boot']).map((c) => c.id)).to.deep.equal(['session-boot']);
    });

    it('takes each case once when several items select it', () => {
      const cases = loadTestCases(['session-boot', 'session-*', join(TESTCASE_DIRECTORY, 'session-boot.json')]);
      expect(cases.filter((c) => c.id === 'session-boot')).to.have.length(1);
    });

    it('by file path', () => {
      const file = write('good-case.json', validCase('good-case'));
      const cases = loadTestCases([file]);
      expect(cases.map((c) => [c.id, c.file])).to.deep.equal([['good-case', file]]);
    });

    it('by directory, sorted by order then id, leaving out schema files', () => {
      write('c-case.json', validCase('c-case', { order: 2 }));
      write('a-case.json', validCase('a-case', { order: 2 }));
      write('b-case.json', validCase('b-case', { order: 1 }));
      write('other.schema.json', { not: 'a case' });
      writeFileSync(join(dir, 'notes.txt'), 'not json');
      const cases = loadTestCases([dir]);
      expect(cases.map((c) => c.id)).to.deep.equal(['b-case', 'a-case', 'c-case']);
      expect(cases.map((c) => c.file)).to.deep.equal([join(dir, 'b-case.json'), join(dir, 'a-case.json'), join(dir, 'c-case.json')]);
    });

    it('built-in and own cases together', () => {
      const file = write('good-case.json', validCase('good-case', { order: 0 }));
      expect(loadTestCases(['session-boot', file]).map((c) => c.id)).to.deep.equal(['good-case', 'session-boot']);
    });

    it('an unknown id lists the known ids', () => {
      const known = builtInFiles().map((file) => basename(file, '.json'));
      expect(invalidCaseError(() => loadTestCases(['no-such-case'])).message).to.equal(`no test case matches "no-such-case" (known: ${known.join(', ')})`);
    });

    it('a pattern that matches nothing', () => {
      expect(invalidCaseError(() => loadTestCases(['zzz-*'])).message).to.match(/^no test case matches "zzz-\*" \(known: .*session-boot/);
    });

    it('treats regular expression characters in a pattern literally', () => {
      expect(invalidCaseError(() => loadTestCases(['session.boot'])).message).to.match(/^no test case matches "session\.boot"/);
      expect(invalidCaseError(() => loadTestCases(['session-boo+t'])).message).to.match(/^no test case matches "session-boo\+t"/);
    });

    it('a path that does not exist', () => {
      const missing = join(dir, 'missing.json');
      expect(invalidCaseError(() => loadTestCases([missing])).message).to.equal(`${missing}: no such test case file or directory`);
    });

    it('two files with the same id', () => {
      const first = write('dup-case.json', validCase('dup-case'));
      const otherDir = join(dir, 'other');
      mkdirSync(otherDir);
      const second = write('dup-case.json', validCase('dup-case'), otherDir);
      expect(invalidCaseError(() => loadTestCases([first, second])).message).to.equal(`${second}: /id "dup-case" is also the id of ${first}`);
    });

    it('an own file with the id of a built-in case', () => {
      const own = write('session-boot.json', validCase('session-boot'));
      expect(invalidCaseError(() => loadTestCases(['session-boot', own])).message).to.equal(`${own}: /id "session-boot" is also the id of ${join(TESTCASE_DIRECTORY, 'session-boot.json')}`);
    });
  });
});

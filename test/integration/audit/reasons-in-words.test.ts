import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestCaseFile } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

/**
 * A step that cannot be filled in is said in words: what the station did not give, or (for the
 * test case's own mistake) that the test case is at fault, with its file and pointer kept in the
 * evidence and out of every verdict.
 */
describe('audit: reasons say what the station did, never the tool’s files or templates', function () {
  const audit = useAuditBed();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-reasons-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** An own test case: read a variable, then write it back plus one, judged. */
  function writeCase(id: string, value: string): string {
    const file = join(dir, `${id}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        id,
        title: 'Heartbeat interval plus one',
        proves: 'The station takes a new heartbeat interval.',
        refs: ['B05'],
        category: 'variables',
        order: 50,
        steps: [
          { kind: 'read-variables', id: 'read', variables: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] },
          { kind: 'send', id: 'write', action: 'SetVariables', payload: { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: value }] } },
          { kind: 'expect', id: 'written', of: 'write', at: 'response.setVariableResult.0.attributeStatus', oneOf: ['Accepted'], check: { title: 'The write is Accepted', refs: ['B05'] } },
        ],
        cleanup: [{ kind: 'restore-variables', id: 'restore', from: 'read' }],
      }),
    );
    return file;
  }

  it('a value the station did not return: the reason names the variable and the station’s answer', async () => {
    const testCase = loadTestCaseFile(writeCase('heartbeat-plus-one', '${captures.read.values.0.value + 1 | string}'));
    const { evidence, result } = await audit('AUDIT-WORDS', [testCase], { faults: ['tiny-model'] });
    const played = evidence.cases[0];
    expect(played?.status).to.equal('inconclusive');
    expect(played?.reason).to.equal('step write could not run: the station returned no value for OCPPCommCtrlr.HeartbeatInterval (it answered UnknownVariable)');
    expect(played?.steps.find((s) => s.id === 'write')).to.not.have.property('authoringError');
    const check = result.checks.find((c) => c.id === 'heartbeat-plus-one/written');
    expect(check?.verdict).to.equal('INCONCLUSIVE');
    expect(check?.reason).to.equal('not reached: step write could not run: the station returned no value for OCPPCommCtrlr.HeartbeatInterval (it answered UnknownVariable)');
  });

  it('the test case’s own mistake: the verdict says so in words, the file and pointer stay in the evidence', async () => {
    const file = writeCase('heartbeat-option', '${options.noSuchOption}');
    const { evidence, result } = await audit('AUDIT-WORDS-TOOL', [loadTestCaseFile(file)]);
    const write = evidence.cases[0]?.steps.find((s) => s.id === 'write');
    expect(write?.detail).to.equal("not judged: the test case uses the option noSuchOption, which is not set (an error of the test case, not the station's)");
    expect(write?.authoringError).to.equal(`${file}: /steps/1/payload/setVariableData/0/attributeValue: \${options.noSuchOption} has no value (options.noSuchOption is not known at this point)`);
    for (const check of result.checks) {
      expect(check.reason).not.to.include(dir);
      expect(check.reason).not.to.include('${');
    }
  });
});

import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleDeviceModel } from '../../../src/evidence/device-model-assembly.js';
import { readEvidenceFile, writeEvidenceFile } from '../../../src/evidence/evidence-file.js';
import { EVIDENCE_VERSION, newEvidence, type Evidence, type MessagesCapture } from '../../../src/evidence/evidence.js';

function evidenceWithInventory(): Evidence {
  const evidence = newEvidence({ tool: { name: 'test', version: '0' }, station: { identity: 'CS', securityProfile: 0 }, options: {}, startedAt: '2026-11-24T05:00:00.000Z', journalFile: 'trace.jsonl' });
  const part = (seq: number, seqNo: number, names: string[], tbc: boolean) => ({
    seq,
    action: 'NotifyReport',
    receivedAt: '2026-11-24T05:00:01.000Z',
    valid: true,
    connection: 1,
    payload: { requestId: 1, seqNo, tbc, generatedAt: '2026-11-24T05:00:01.000Z', reportData: names.map((name) => ({ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name }, variableAttribute: [{ type: 'Actual', value: '1' }], variableCharacteristics: { dataType: 'integer', supportsMonitoring: true } })) },
  });
  const report: MessagesCapture = { kind: 'messages', action: 'NotifyReport', after: 3, startedAt: '', endedAt: '', complete: true, messages: [part(7, 1, ['Power'], false), part(5, 0, ['AvailabilityState', 'Available'], true)] };
  evidence.cases.push({ id: 'inventory-full', title: '', proves: '', refs: [], category: 'inventory', status: 'completed', steps: [], captures: { report } });
  evidence.deviceModel = { source: 'inventory-full/report', complete: true, entries: assembleDeviceModel(report) };
  return evidence;
}

describe('evidence.json', () => {
  const directory = mkdtempSync(join(tmpdir(), 'evidence-file-'));

  it('stores each report item once: the device model is derived again on reading', () => {
    const evidence = evidenceWithInventory();
    const file = join(directory, 'evidence.json');
    writeEvidenceFile(file, evidence);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Evidence;
    expect(stored.evidenceVersion).to.equal(EVIDENCE_VERSION);
    expect(stored.deviceModel).to.deep.equal({ source: 'inventory-full/report', complete: true });
    const read = readEvidenceFile(file);
    expect(read.deviceModel.entries).to.deep.equal(evidence.deviceModel.entries);
    expect(read.deviceModel.entries.map((e) => `${e.variable.name}@${e.seq}`)).to.deep.equal(['AvailabilityState@5', 'Available@5', 'Power@7']);
    expect({ ...read, deviceModel: null }).to.deep.equal({ ...evidence, deviceModel: null });
  });

  it('is compact JSON, the same text JSON.stringify gives (apart from the derived entries)', () => {
    const evidence = evidenceWithInventory();
    const file = join(directory, 'compact.json');
    writeEvidenceFile(file, evidence);
    const { entries: _entries, ...deviceModel } = evidence.deviceModel;
    expect(readFileSync(file, 'utf8')).to.equal(`${JSON.stringify({ ...evidence, deviceModel })}\n`);
  });

  it('still reads version 1, which stored the entries', () => {
    const evidence = { ...evidenceWithInventory(), evidenceVersion: 1 };
    evidence.deviceModel.entries = evidence.deviceModel.entries.slice(0, 1);
    const file = join(directory, 'v1.json');
    writeFileSync(file, JSON.stringify(evidence));
    expect(readEvidenceFile(file).deviceModel.entries).to.have.length(1);
  });

  it('has no entries when the named report is not in the evidence', () => {
    const evidence = evidenceWithInventory();
    evidence.deviceModel.source = 'inventory-full/elsewhere';
    const file = join(directory, 'no-source.json');
    writeEvidenceFile(file, evidence);
    expect(readEvidenceFile(file).deviceModel.entries).to.deep.equal([]);
  });

  it('refuses a file of the right version that is not evidence, naming the file, instead of crashing', () => {
    const file = join(directory, 'not-evidence.json');
    writeFileSync(file, JSON.stringify({ evidenceVersion: EVIDENCE_VERSION }));
    expect(() => readEvidenceFile(file)).to.throw(`${file}: not evidence written by this tool (deviceModel or cases missing)`);
  });

  it('refuses a version it does not know, naming the file', () => {
    const file = join(directory, 'v9.json');
    writeFileSync(file, JSON.stringify({ ...evidenceWithInventory(), evidenceVersion: 9 }));
    expect(() => readEvidenceFile(file)).to.throw(`${file}: evidenceVersion 9 is not one this tool reads (1, 2)`);
  });
});

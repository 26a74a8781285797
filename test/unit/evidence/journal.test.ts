import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../../src/evidence/journal.js';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import { framePayload, type FrameRecord } from '../../../src/evidence/journal-record.js';
import type { FrameEvent } from '../../../src/ocpp/frame-event.js';

function frame(overrides: Partial<FrameEvent> = {}): FrameEvent {
  return {
    direction: 'cp-to-csms',
    at: new Date('2026-11-23T10:00:00.123Z'),
    monotonicMs: 12.3456789,
    raw: '[2,"a","Heartbeat",{}]',
    messageType: 'CALL',
    messageTypeId: 2,
    messageId: 'a',
    action: 'Heartbeat',
    payload: {},
    validation: { valid: true, schema: 'HeartbeatRequest' },
    findings: [],
    ...overrides,
  };
}

const readLines = (file: string): Array<Record<string, unknown>> => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('Journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON line per record as it happens, numbered from 1', () => {
    const path = join(dir, 'st', 'trace.jsonl');
    const journal = Journal.open(path, 'CS1');
    journal.appendFrame(frame(), 1);
    // Already on disk before close: a kill -9 would keep it. The connection event is beside the trace; seq numbers both.
    const lines = [...readLines(join(dir, 'st', 'connections.jsonl')), ...readLines(path)];
    expect(lines.map((l) => l.seq)).to.deep.equal([1, 2]);
    expect(lines[0]).to.include({ record: 'connection', event: 'journal-open', chargePointId: 'CS1' });
    expect(lines[1]).to.include({
      schemaVersion: '1.2',
      record: 'frame',
      timestamp: '2026-11-23T10:00:00.123Z',
      monotonicMs: 12.346,
      direction: 'cp-to-csms',
      messageType: 'CALL',
      messageId: 'a',
      action: 'Heartbeat',
      raw: '[2,"a","Heartbeat",{}]',
      ocppVersion: '2.0.1',
      transport: 'json',
      connection: 1,
    });
    expect(lines[1]).not.to.have.property('findings');
  });

  it('redacts secrets in payload and raw, and marks the record', () => {
    const journal = Journal.open(join(dir, 'trace.jsonl'), 'CS1');
    const payload = { setVariableData: [{ attributeValue: 'TopSecret-Pass-0001', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] };
    const record = journal.appendFrame(frame({ action: 'SetVariables', direction: 'csms-to-cp', payload, raw: JSON.stringify([2, 'a', 'SetVariables', payload]) }));
    expect(record.redacted).to.equal(true);
    expect(readFileSync(journal.path, 'utf8')).not.to.contain('TopSecret-Pass-0001');
  });

  it('stores each frame once: raw verbatim and no second copy of its payload, which readers take from raw', () => {
    const journal = Journal.open(join(dir, 'trace.jsonl'), 'CS1');
    const raw = '[2,"a","NotifyEvent",{ "generatedAt" : "2026-11-23T10:00:00Z", "seqNo":0, "eventData":[ ] , "n": 1.50 }]';
    const payload = { generatedAt: '2026-11-23T10:00:00Z', seqNo: 0, eventData: [], n: 1.5 };
    const record = journal.appendFrame(frame({ action: 'NotifyEvent', raw, payload }));
    // In memory (listeners, the inbox) the parsed payload is at hand.
    expect(record.payload).to.equal(payload);
    const line = readFileSync(journal.path, 'utf8').trim().split('\n')[0];
    const written = JSON.parse(line) as FrameRecord;
    expect(written).to.include({ raw, schemaVersion: '1.2' });
    expect(written).not.to.have.property('payload');
    // The payload's text is on the line once (inside raw), however large the frame.
    expect(line.split('generatedAt')).to.have.length(2);
    expect(framePayload(written)).to.deep.equal(payload);
  });

  it('reads the payload of every frame kind back from raw', () => {
    const journal = Journal.open(join(dir, 'trace.jsonl'), 'CS1');
    const result = { currentTime: '2026-11-23T10:00:00Z' };
    journal.appendFrame(frame({ direction: 'csms-to-cp', messageType: 'CALLRESULT', messageTypeId: 3, raw: JSON.stringify([3, 'a', result]), payload: result }));
    journal.appendFrame(frame({ raw: '\uFEFF[2,"b","Heartbeat",{\n}]', messageId: 'b' }));
    journal.appendFrame(frame({ messageType: 'CALLERROR', messageTypeId: 4, raw: '[4,"c","NotImplemented","",{}]', payload: undefined, error: { code: 'NotImplemented', description: '', details: {} } }));
    journal.appendFrame(frame({ messageType: undefined, raw: '[2,"d",', payload: undefined }));
    // An unreadable frame (no message type) has no open-ocpp-trace record: it is beside the trace, with the connection events.
    const records = readJournalRecords(journal.path).filter((r): r is FrameRecord => r.record === 'frame');
    expect(records.map((r) => 'payload' in r)).to.deep.equal([false, false, false, false]);
    expect(records.map(framePayload)).to.deep.equal([result, {}, undefined, undefined]);
  });

  it('writes the redacted payload of a redacted frame, and no secret in raw', () => {
    const journal = Journal.open(join(dir, 'trace.jsonl'), 'CS1');
    const payload = { setVariableData: [{ attributeValue: 'TopSecret-Pass-0002', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] };
    const raw = JSON.stringify([2, 'a', 'SetVariables', payload]);
    journal.appendFrame(frame({ action: 'SetVariables', direction: 'csms-to-cp', payload, raw }));
    const text = readFileSync(journal.path, 'utf8');
    expect(text).not.to.contain('TopSecret-Pass-0002');
    const written = JSON.parse(text.trim().split('\n')[0]) as FrameRecord;
    expect(written.redacted).to.equal(true);
    expect((framePayload(written) as typeof payload).setVariableData[0].attributeValue).to.equal('[redacted]');
  });

  it('reports the SHA-256 of the file at close and writes it beside the file', async () => {
    const journal = Journal.open(join(dir, 'trace.jsonl'), 'CS1');
    journal.appendFrame(frame());
    journal.appendConnectionEvent('close', { code: 1000, reason: '' }, 1);
    const summary = await journal.close();
    const expected = createHash('sha256').update(readFileSync(journal.path)).digest('hex');
    const connections = createHash('sha256').update(readFileSync(journal.connectionsPath)).digest('hex');
    expect(summary).to.deep.equal({ path: journal.path, records: 3, sha256: expected, connections: { path: journal.connectionsPath, sha256: connections } });
    expect(readFileSync(`${journal.path}.sha256`, 'utf8')).to.equal(`${expected}  trace.jsonl\n`);
    expect(readFileSync(`${journal.connectionsPath}.sha256`, 'utf8')).to.equal(`${connections}  connections.jsonl\n`);
    // Nothing is written after close.
    journal.appendConnectionEvent('close', {});
    expect(createHash('sha256').update(readFileSync(journal.path)).digest('hex')).to.equal(expected);
  });

  it('never truncates an existing journal: it appends and continues the numbering', async () => {
    const path = join(dir, 'trace.jsonl');
    const first = Journal.open(path, 'CS1');
    first.appendFrame(frame());
    await first.close();
    const second = Journal.open(path, 'CS1');
    second.appendFrame(frame());
    await second.close();
    expect(readJournalRecords(path).map((r) => r.seq)).to.deep.equal([1, 2, 3, 4]);
    expect(readLines(path).map((l) => l.seq)).to.deep.equal([2, 4]);
  });

  it('fails with a tool error naming the path when the directory cannot be made', () => {
    const blocked = join(dir, 'file');
    Journal.open(blocked, 'x');
    expect(() => Journal.open(join(blocked, 'trace.jsonl'), 'x')).to.throw(/cannot open the journal/).with.property('code', 'ERR_OUTPUT_DIR');
  });
});

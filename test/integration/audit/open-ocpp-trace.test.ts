/**
 * Issue 15 item 13: trace.jsonl is an open-ocpp-trace trace, so every record of a real audit's
 * trace.jsonl must meet that format's record rules (test/fixtures/open-ocpp-trace, from its
 * published schema). Connection events, which the format has no record for, are beside it in
 * connections.jsonl; merged by seq the two are still the whole session, in order.
 */
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJournalRecords } from '../../../src/evidence/journal-files.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'open-ocpp-trace', 'record-rules.schema.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function jsonLines(file: string): Array<Record<string, unknown>> {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n'), `${file} ends with a complete line`).to.equal(true);
  return text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('audit: trace.jsonl is an open-ocpp-trace trace', function () {
  this.timeout(120_000);
  const audit = useAuditBed();

  it('every record of a real audit’s trace validates against the format’s schema; the connection events are beside it, and seq orders both', async () => {
    // The full inventory and a delta monitor that fires: CALLs both ways, their results, NotifyReports and NotifyEvents.
    const outcome = await audit('CS-TRACE', loadTestCases(['inventory-full', 'events-delta']));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(RULES, 'utf8')) as object);

    const trace = jsonLines(outcome.files.journal);
    expect(trace.length, trace.map((r) => `${String(r["messageType"])} ${String(r["action"])}`).join(", ")).to.be.greaterThan(20);
    const invalid = trace.flatMap((record) => (validate(record) ? [] : [`seq ${String(record['seq'])}: ${ajv.errorsText(validate.errors)}`]));
    expect(invalid, 'records of trace.jsonl that break the format').to.deep.equal([]);
    expect(new Set(trace.map((record) => record['messageType']))).to.include.members(['CALL', 'CALLRESULT']);

    // Nothing is lost by the split: the connection events are in connections.jsonl, and the two files share one gapless seq.
    const connections = jsonLines(join(dirname(outcome.files.journal), 'connections.jsonl'));
    expect(connections.map((record) => record['event'])).to.include.members(['journal-open', 'open']);
    const all = readJournalRecords(outcome.files.journal);
    expect(all.map((record) => record.seq)).to.deep.equal(all.map((_record, i) => i + 1));
    expect(all).to.have.length(trace.length + connections.length);
    expect(outcome.evidence.journal.connections?.sha256).to.match(/^[0-9a-f]{64}$/);
  });
});

/**
 * Benchmark: the pilot store's sustained ingest (issue 16). Goal: at least 2,000 NotifyEvents a
 * second with journal and store on this 2-core machine (1,000 stations × 30 monitors sampling
 * every 5 minutes is 100 a second).
 *
 * Method: STORE_STATIONS journals (real files, the real Journal: each frame written and hashed as
 * an audit or `observe` writes it) receive NotifyEvent CALLs round-robin, each with our
 * CALLRESULT; every record is handed to the store as the journal writes it, in batches of
 * STORE_BATCH (one transaction each, as a live tail would). The clock runs from the first frame
 * to the last batch committed. Environment: STORE_EVENTS (100,000), STORE_STATIONS (50),
 * STORE_BATCH (500).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Journal } from '../src/evidence/journal.js';
import type { JournalRecord } from '../src/evidence/journal-record.js';
import { SqliteStore } from '../src/observe/store/sqlite-store.js';
import { printTable } from './machine.js';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const EVENTS = envInt('STORE_EVENTS', 100_000);
const STATIONS = envInt('STORE_STATIONS', 50);
const BATCH = envInt('STORE_BATCH', 500);

const directory = mkdtempSync(join(tmpdir(), 'bench-store-'));
const store = new SqliteStore(join(directory, 'pilot.sqlite'));
await store.migrate();
const journals = Array.from({ length: STATIONS }, (_, i) => {
  const identity = `CS-${String(i + 1).padStart(4, '0')}`;
  const name = `${identity}/trace.jsonl`;
  const journal = Journal.open(join(directory, name), identity);
  const pending: JournalRecord[] = [];
  journal.onRecord((record) => pending.push(record));
  return { identity, name, journal, pending };
});

let batches = 0;
let indexed = 0;
const started = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const station = journals[i % STATIONS];
  const at = new Date();
  const payload = {
    generatedAt: at.toISOString(),
    seqNo: 0,
    eventData: [{ eventId: i, timestamp: at.toISOString(), trigger: 'Periodic', actualValue: String(20 + (i % 50) / 10), variableMonitoringId: 1 + (i % 30), eventNotificationType: 'CustomMonitor', component: { name: 'PowerConverter', evse: { id: 1 } }, variable: { name: 'Temperature' } }],
  };
  const id = `e${i}`;
  station.journal.appendFrame({ direction: 'cp-to-csms', at, monotonicMs: performance.now(), raw: JSON.stringify([2, id, 'NotifyEvent', payload]), messageTypeId: 2, messageType: 'CALL', messageId: id, action: 'NotifyEvent', validation: { valid: true, schema: 'NotifyEventRequest' }, findings: [] });
  station.journal.appendFrame({ direction: 'csms-to-cp', at, monotonicMs: performance.now(), raw: JSON.stringify([3, id, {}]), messageTypeId: 3, messageType: 'CALLRESULT', messageId: id, action: 'NotifyEvent', findings: [] });
  if (station.pending.length >= BATCH) {
    indexed += (await store.ingest(station.name, station.pending.splice(0))).added;
    batches += 1;
  }
}
for (const station of journals) {
  if (station.pending.length > 0) {
    indexed += (await store.ingest(station.name, station.pending.splice(0))).added;
    batches += 1;
  }
}
const seconds = (performance.now() - started) / 1000;
const events = (await store.events()).length;
await store.close();
for (const station of journals) await station.journal.close();
const size = statSync(join(directory, 'pilot.sqlite')).size + (() => {
  try {
    return statSync(join(directory, 'pilot.sqlite-wal')).size;
  } catch {
    return 0;
  }
})();
const rate = EVENTS / seconds;
printTable(`Pilot store ingest: ${EVENTS} NotifyEvents from ${STATIONS} stations, journal + SQLite store, batches of ${BATCH}`, [
  { figure: 'events journalled and indexed per second', value: rate.toFixed(0), goal: '≥ 2000', ok: rate >= 2000 },
  { figure: 'wall time', value: `${seconds.toFixed(1)} s` },
  { figure: 'event rows in the store', value: String(events), goal: String(EVENTS), ok: events === EVENTS },
  { figure: 'rows indexed (messages, events, connection records)', value: String(indexed) },
  { figure: 'transactions (batches)', value: String(batches) },
  { figure: 'store size (file + WAL)', value: `${(size / 2 ** 20).toFixed(1)} MB` },
  { figure: 'peak RSS', value: `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB` },
]);
rmSync(directory, { recursive: true, force: true });

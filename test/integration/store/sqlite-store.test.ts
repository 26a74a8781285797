import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { sampleOf, storeRows } from '../../../src/observe/store/rows.js';
import { SqliteStore } from '../../../src/observe/store/sqlite-store.js';
import type { ObservationStore } from '../../../src/observe/store/store.js';
import { observedJournal } from './pilot-records.js';
import { collect, dump, storeContract } from './store-contract.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-store-'));
  dirs.push(dir);
  return join(dir, 'pilot.sqlite');
}

const files = new Map<ObservationStore, string>();
storeContract('sqlite', {
  open: () => {
    const file = freshFile();
    const store = new SqliteStore(file);
    files.set(store, file);
    return Promise.resolve(store);
  },
  toVersion1: (store) => {
    const file = files.get(store);
    if (file === undefined) throw new Error('not a store of this test file');
    const raw = new Database(file);
    try {
      raw.exec(`DROP TABLE samples; DROP TABLE series_hours; DROP TABLE sample_series; DROP TABLE plan_outcomes; DROP INDEX messages_action_station_received;
        DROP INDEX events_station_received_not_periodic; DELETE FROM schema_version WHERE version >= 2`);
    } finally {
      raw.close();
    }
    return Promise.resolve();
  },
  toVersion2: (store) => {
    const file = files.get(store);
    if (file === undefined) throw new Error('not a store of this test file');
    const raw = new Database(file);
    try {
      // Version 2's samples: the numbers only, without their lag; only their series.
      raw.exec(`CREATE TABLE samples_v2 (series_id INTEGER NOT NULL, at_ms INTEGER NOT NULL, journal TEXT NOT NULL, seq INTEGER NOT NULL, item INTEGER NOT NULL,
          value REAL NOT NULL, monitor_id INTEGER, PRIMARY KEY (series_id, at_ms, journal, seq, item)) WITHOUT ROWID;
        INSERT INTO samples_v2 SELECT series_id, at_ms, journal, seq, item, value, monitor_id FROM samples WHERE value IS NOT NULL;
        DROP TABLE samples; ALTER TABLE samples_v2 RENAME TO samples; DELETE FROM sample_series WHERE id NOT IN (SELECT series_id FROM samples);
        DROP TABLE series_hours; DROP INDEX messages_action_station_received; DROP INDEX events_station_received_not_periodic; DELETE FROM schema_version WHERE version = 3`);
    } finally {
      raw.close();
    }
    return Promise.resolve();
  },
});

describe('sqlite store: the file', () => {
  it('is in WAL mode, records its schema version once, and keeps what was written across a reopen', async () => {
    const file = freshFile();
    const store = new SqliteStore(file);
    await store.migrate();
    await store.migrate();
    const id = await store.annotate({ station: 'CS-1', at: '2026-06-01T00:00:00.000Z', kind: 'note', text: 'kept' });
    await store.close();

    const reopened = new SqliteStore(file);
    await reopened.migrate();
    expect((await reopened.annotations()).map((a) => [a.id, a.text])).to.deep.equal([[id, 'kept']]);
    await reopened.close();

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).to.equal('wal');
      expect(raw.prepare('SELECT version FROM schema_version').all()).to.deep.equal([{ version: 1 }, { version: 2 }, { version: 3 }]);
    } finally {
      raw.close();
    }
  });

  it('upgrades a version-1 file written by the version-1 code in place: its samples derived, its events and annotations kept; a rebuild brings the plan outcomes', async () => {
    // The fixture is the dump of a file the version-1 store wrote (fixtures/pilot-store-v1.sql says how).
    const file = freshFile();
    const raw = new Database(file);
    raw.exec(readFileSync(new URL('fixtures/pilot-store-v1.sql', import.meta.url), 'utf8'));
    raw.close();
    const journal = observedJournal('CS-V1');
    const store = new SqliteStore(file);
    const reference = new SqliteStore(freshFile());
    try {
      await store.migrate();
      await reference.migrate();
      await reference.ingest('CS-V1/trace.jsonl', journal);
      const expected = storeRows('CS-V1/trace.jsonl', journal);
      expect(expected.events.flatMap((e) => sampleOf(e) ?? []), 'the journal has samples').to.have.length(4);
      expect((await collect(store.samples())).map((s) => [s.at, s.value])).to.deep.equal([
        ['2026-06-01T00:01:00.000Z', 21.5], ['2026-06-01T00:02:00.000Z', 22.5], ['2026-06-01T00:03:07.000Z', 23], ['2026-06-01T00:02:00.000Z', 30],
      ]);
      const { annotations, ...upgraded } = (await dump(store)) as Record<string, unknown>;
      const { annotations: _none, ...fresh } = (await dump(reference)) as Record<string, unknown>;
      expect(upgraded).to.deep.equal({ ...fresh, planOutcomes: [] });
      expect((annotations as Array<{ text: string }>).map((a) => a.text)).to.deep.equal(['converter tripped']);
      // What version 1 kept of the plan outcomes is a connection row each; the journal has their details.
      expect(await store.ingest('CS-V1/trace.jsonl', journal)).to.deep.equal({ added: 0, skipped: 8 });
      expect(await store.planOutcomes()).to.deep.equal(expected.planOutcomes).and.to.have.length(2);
      expect(await store.migrate()).to.equal(undefined);
    } finally {
      await store.close();
      await reference.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT version FROM schema_version ORDER BY version').all()).to.deep.equal([{ version: 1 }, { version: 2 }, { version: 3 }]);
    } finally {
      check.close();
    }
  });

  it('upgrades a version-2 file written by the version-2 code in place: its periodic reports made again from its events (the text ones too, with their lag), and their hours; the rest kept', async () => {
    // The fixture is the dump of a file the version-2 store wrote (fixtures/pilot-store-v2.sql says how).
    const file = freshFile();
    const raw = new Database(file);
    raw.exec(readFileSync(new URL('fixtures/pilot-store-v2.sql', import.meta.url), 'utf8'));
    raw.close();
    const journal = observedJournal('CS-V2');
    const store = new SqliteStore(file);
    const reference = new SqliteStore(freshFile());
    try {
      await store.migrate();
      await reference.migrate();
      await reference.ingest('CS-V2/trace.jsonl', journal);
      await reference.annotate({ station: 'CS-V2', at: '2026-06-01T00:03:30.000Z', kind: 'failure', text: 'converter tripped', author: 'tech 7' });
      const withoutWritten = (state: unknown): unknown => ({ ...(state as object), annotations: (state as { annotations: Array<Record<string, unknown>> }).annotations.map(({ recordedAt: _at, ...a }) => a) });
      const upgraded = withoutWritten(await dump(store)) as { seriesHours: Array<{ reports: number; samples: number }> };
      expect(upgraded).to.deep.equal(withoutWritten(await dump(reference)));
      expect(upgraded.seriesHours.map((h) => [h.reports, h.samples])).to.deep.equal([[1, 0], [1, 0], [4, 3], [1, 1]]);
      expect(await store.ingest('CS-V2/trace.jsonl', journal)).to.deep.equal({ added: 0, skipped: 8 });
      expect(withoutWritten(await dump(store))).to.deep.equal(upgraded);
    } finally {
      await store.close();
      await reference.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT version FROM schema_version ORDER BY version').all()).to.deep.equal([{ version: 1 }, { version: 2 }, { version: 3 }]);
    } finally {
      check.close();
    }
  });
});

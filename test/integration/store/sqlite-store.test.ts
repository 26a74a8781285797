import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../../src/observe/store/sqlite-store.js';
import { storeContract } from './store-contract.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-store-'));
  dirs.push(dir);
  return join(dir, 'pilot.sqlite');
}

storeContract('sqlite', () => Promise.resolve(new SqliteStore(freshFile())));

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
      expect(raw.prepare('SELECT version FROM schema_version').all()).to.deep.equal([{ version: 1 }]);
    } finally {
      raw.close();
    }
  });
});

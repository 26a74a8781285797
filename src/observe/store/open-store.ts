import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { ObservationStore } from './store.js';

/** Whether a `--store` value names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather than a SQLite file. */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/**
 * The pilot store a `--store` value names: a PostgreSQL database for a URL (several observe
 * processes writing into one), else a SQLite file (one machine). Not migrated yet.
 */
export async function openStore(store: string): Promise<ObservationStore> {
  return isPostgresUrl(store) ? PostgresStore.open(store) : new SqliteStore(store);
}

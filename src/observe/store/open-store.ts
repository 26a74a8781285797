import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ToolError } from '../../errors.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { ObservationStore } from './store.js';

/** Whether a `--store` value names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather than a SQLite file. */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/**
 * The store a command works on: a PostgreSQL database for a `--store` URL (several observe
 * processes writing into one), else a SQLite file, `--store` or `<out>/pilot.sqlite` (one
 * machine). Migrated before it is returned. Bad input is one line naming the option.
 */
export async function openStore(outDir: string, spec: string | undefined): Promise<ObservationStore> {
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new ToolError('ERR_INVALID_OPTION', `--out ${outDir}: no such directory`);
  let store: ObservationStore;
  if (spec !== undefined && isPostgresUrl(spec)) store = await PostgresStore.open(spec);
  else {
    const file = resolve(spec ?? join(outDir, 'pilot.sqlite'));
    if (!existsSync(dirname(file))) throw new ToolError('ERR_INVALID_OPTION', `--store ${spec ?? file}: the directory ${dirname(file)} does not exist`);
    store = new SqliteStore(file);
  }
  await store.migrate();
  return store;
}

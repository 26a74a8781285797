import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ToolError } from '../../errors.js';
import { SqliteStore } from './sqlite-store.js';
import type { ObservationStore } from './store.js';

/**
 * The store a command works on: `--store` as given (a SQLite file), or `<out>/pilot.sqlite`.
 * Migrated before it is returned. Bad input is one line naming the option.
 */
export async function openStore(outDir: string, spec: string | undefined): Promise<ObservationStore> {
  if (/^postgres(ql)?:\/\//.test(spec ?? '')) throw new ToolError('ERR_INVALID_OPTION', `--store ${spec ?? ''}: PostgreSQL is not supported by this command yet`);
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new ToolError('ERR_INVALID_OPTION', `--out ${outDir}: no such directory`);
  const file = resolve(spec ?? join(outDir, 'pilot.sqlite'));
  if (!existsSync(dirname(file))) throw new ToolError('ERR_INVALID_OPTION', `--store ${spec ?? file}: the directory ${dirname(file)} does not exist`);
  const store = new SqliteStore(file);
  await store.migrate();
  return store;
}

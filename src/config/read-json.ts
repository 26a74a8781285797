import { readFileSync } from 'node:fs';

/** Reads a JSON file: its value, or why it could not be read ("no such file", the parse error). */
export function readJson(path: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message };
  }
}

import { writeFileSync } from 'node:fs';
import { ToolError } from '../errors.js';

/** Writes a file the user named with --out; a path that cannot be written is a one-line error naming it. */
export function writeOutputFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new ToolError('ERR_OUTPUT_DIR', `${file}: cannot write: ${(error as Error).message}`);
  }
}

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { ToolError } from '../../errors.js';
import type { PlanFile } from './monitoring-plan.js';

export const PLAN_SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', 'schemas', 'monitoring-plan.schema.json');

/** Reads a plan file (`observe --plan`); a bad one is one line naming the file, the JSON pointer and the reason. */
export function loadPlanFile(file: string): PlanFile {
  const path = resolve(file);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_CONFIG', `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such plan file' : (error as Error).message}`);
  }
  const validate = new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(PLAN_SCHEMA_FILE, 'utf8')) as object);
  if (!validate(document)) {
    const error = validate.errors?.[0];
    const detail = error?.keyword === 'additionalProperties' ? `has an unknown field "${String(error.params['additionalProperty'])}"` : (error?.message ?? 'is invalid');
    throw new ToolError('ERR_INVALID_CONFIG', `${path}: ${error?.instancePath || '/'} ${detail}`);
  }
  return document as PlanFile;
}

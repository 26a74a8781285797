import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ToolError } from '../errors.js';
import { RESULT_VERSION, type AuditResult } from './audit-result.js';

// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule.default;

export const RESULT_SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'result.schema.json');

let compiled: ValidateFunction | undefined;

/** The published result.json schema, compiled once per process (`index` reads many results). */
function resultSchema(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(RESULT_SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled;
}

/**
 * Loads a saved result.json (for report, compare and index). Another version, a broken file or
 * one that does not follow schemas/result.schema.json is a one-line error naming the file and
 * the first thing wrong (exit 2), never a crash in a renderer that trusted it.
 */
export function readResultFile(path: string): AuditResult {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_OPTION', `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const version: unknown = (value as Partial<AuditResult> | null)?.resultVersion;
  if (version !== RESULT_VERSION) throw new ToolError('ERR_INVALID_OPTION', `${path}: resultVersion ${String(version)} is not ${RESULT_VERSION}`);
  const validate = resultSchema();
  if (!validate(value)) throw new ToolError('ERR_INVALID_OPTION', `${path}: not a result.json: ${describe(validate.errors?.[0])}`);
  return value as AuditResult;
}

/** One schema problem in words, with its JSON pointer: `/checks/0 must have required property 'id'`. */
function describe(error: ErrorObject | undefined): string {
  if (!error) return 'does not follow the result schema';
  const where = error.instancePath || '/';
  if (error.keyword === 'required') return `${where} has no "${String(error.params['missingProperty'])}"`;
  if (error.keyword === 'additionalProperties') return `${where} has an unknown field "${String(error.params['additionalProperty'])}"`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { readJson } from './read-json.js';
import { isToolError } from '../errors.js';
import { GUIDELINE_DIRECTORY, loadGuideline } from './guideline-loader.js';
import { loadTestCaseFile, TESTCASE_DIRECTORY } from '../scenario/testcase-loader.js';
import { loadStationProfile, PROFILE_DIRECTORY } from '../simulator/station-profile.js';
import { loadScoringConfig } from '../scoring/scoring-config.js';
import { loadPlanFile, PLAN_SCHEMA_FILE } from '../observe/plan/plan-file.js';

export type FileKind = 'guideline' | 'testcase' | 'profile' | 'scoring' | 'plan';

const SCHEMAS: Record<FileKind, string> = {
  guideline: join(GUIDELINE_DIRECTORY, 'guideline.schema.json'),
  testcase: join(TESTCASE_DIRECTORY, 'testcase.schema.json'),
  profile: join(PROFILE_DIRECTORY, 'station-profile.schema.json'),
  scoring: join(GUIDELINE_DIRECTORY, 'scoring.schema.json'),
  plan: PLAN_SCHEMA_FILE,
};

/**
 * Checks a guideline, test case, station profile, scoring or monitoring plan file (`ocpp-audit validate`): every schema
 * problem with its JSON pointer, then the loader's own consistency checks. The kind comes from
 * the file's `$schema`, or else from its shape.
 */
export function validateFile(file: string): { kind: FileKind | undefined; problems: string[] } {
  const path = resolve(file);
  const read = readJson(path);
  if (!read.ok) return { kind: undefined, problems: [`${path}: ${read.reason}`] };
  const document = read.value;
  const kind = kindOf(document);
  if (!kind) return { kind, problems: [`${path}: / is not a guideline, test case, station profile, scoring or monitoring plan file (no matching $schema, archetypes, steps, evses, verdictCredit or plans)`] };
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addKeyword('note');
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMAS[kind], 'utf8')) as object);
  if (!validate(document)) {
    // The if/then wrappers of the test case schema repeat their branch's errors; keep the specific ones.
    const problems = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
      // A `contains` (scoring grades: one boundary at 0) fails on every item; its own error says it.
      .filter((e) => !e.schemaPath.includes('/contains/'))
      .map((e) => `${path}: ${e.instancePath || '/'} ${e.keyword === 'additionalProperties' ? `has an unknown field "${String(e.params['additionalProperty'])}"` : (e.message ?? 'is invalid')}`);
    return { kind, problems: [...new Set(problems)] };
  }
  try {
    if (kind === 'guideline') loadGuideline(path);
    else if (kind === 'testcase') loadTestCaseFile(path);
    else if (kind === 'profile') loadStationProfile(path);
    else if (kind === 'scoring') loadScoringConfig(path);
    else loadPlanFile(path);
  } catch (error) {
    if (isToolError(error)) return { kind, problems: [error.message] };
    throw error;
  }
  return { kind, problems: [] };
}

function kindOf(document: unknown): FileKind | undefined {
  if (document === null || typeof document !== 'object') return undefined;
  const record = document as Record<string, unknown>;
  const schema = typeof record['$schema'] === 'string' ? record['$schema'] : '';
  if (schema.endsWith('guideline.schema.json')) return 'guideline';
  if (schema.endsWith('testcase.schema.json')) return 'testcase';
  if (schema.endsWith('station-profile.schema.json')) return 'profile';
  if (schema.endsWith('scoring.schema.json')) return 'scoring';
  if (schema.endsWith('monitoring-plan.schema.json')) return 'plan';
  if ('archetypes' in record) return 'guideline';
  if ('steps' in record) return 'testcase';
  if ('evses' in record || 'chargingStation' in record) return 'profile';
  if ('verdictCredit' in record || 'grades' in record) return 'scoring';
  if ('plans' in record) return 'plan';
  return undefined;
}

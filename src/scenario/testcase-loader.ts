import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { ToolError } from '../errors.js';
import { referencesIn } from './template.js';
import type { Step, TestCase } from './testcase.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The built-in catalogue ships as data at the package root (also when run from dist/). */
export const TESTCASE_DIRECTORY = resolve(here, '..', '..', 'testcases');
const SCHEMA_FILE = join(TESTCASE_DIRECTORY, 'testcase.schema.json');

let validate: ValidateFunction | undefined;

/** A loaded test case and the file it came from. */
export interface LoadedTestCase extends TestCase {
  file: string;
  /** Set when the case was not selected but runs first because these selected cases need it (prerequisites.ts). */
  prerequisiteOf?: string[];
}

/**
 * Loads the selected test cases, checked against the schema and for internal consistency,
 * sorted by `order`. `selection` items are ids, id patterns with `*` (`monitoring-*`), or paths
 * to a file or directory; none means the whole built-in catalogue. Any bad file fails with
 * ERR_INVALID_TESTCASE naming the file, the JSON pointer and the reason, before a socket opens.
 */
export function loadTestCases(selection: readonly string[] = []): LoadedTestCase[] {
  const files = new Set<string>();
  const builtIn = listJsonFiles(TESTCASE_DIRECTORY);
  if (selection.length === 0) for (const file of builtIn) files.add(file);
  for (const item of selection) {
    if (item.includes('/') || item.endsWith('.json')) {
      const path = resolve(item);
      if (!existsSync(path)) throw new ToolError('ERR_INVALID_TESTCASE', `${path}: no such test case file or directory`);
      for (const file of statSync(path).isDirectory() ? listJsonFiles(path) : [path]) files.add(file);
      continue;
    }
    const pattern = new RegExp(`^${item.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
    const matched = builtIn.filter((file) => pattern.test(basename(file, '.json')));
    if (matched.length === 0) {
      throw new ToolError('ERR_INVALID_TESTCASE', `no test case matches "${item}" (known: ${builtIn.map((f) => basename(f, '.json')).join(', ')})`);
    }
    for (const file of matched) files.add(file);
  }
  const cases = [...files].map(loadTestCaseFile);
  const seen = new Map<string, string>();
  for (const testCase of cases) {
    const other = seen.get(testCase.id);
    if (other) throw new ToolError('ERR_INVALID_TESTCASE', `${testCase.file}: /id "${testCase.id}" is also the id of ${other}`);
    seen.set(testCase.id, testCase.file);
  }
  return cases.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

function listJsonFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(directory, name));
}

/** Loads and checks one test case file. */
export function loadTestCaseFile(file: string): LoadedTestCase {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${(error as Error).message}`);
  }
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  if (!validate(document)) {
    const error = validate.errors?.[0];
    const detail = error?.keyword === 'additionalProperties' ? `has an unknown field "${String(error.params['additionalProperty'])}"` : (error?.message ?? 'is invalid');
    throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${error?.instancePath || '/'} ${detail}`);
  }
  const testCase = document as TestCase;
  const expectedId = basename(file, '.json');
  if (testCase.id !== expectedId) throw new ToolError('ERR_INVALID_TESTCASE', `${file}: /id "${testCase.id}" must equal the file name "${expectedId}"`);
  checkReferences(file, testCase);
  return { ...testCase, file };
}

/** Step ids unique; captures and cursors named before they are used (also inside `${...}`). */
function checkReferences(file: string, testCase: TestCase): void {
  const stepIds = new Set<string>();
  const captures = new Map<string, Step['kind']>();
  const walk = (steps: readonly Step[], phase: 'steps' | 'cleanup'): void => {
    steps.forEach((step, index) => {
      const pointer = `/${phase}/${index}`;
      if (stepIds.has(step.id)) throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/id "${step.id}" is used by an earlier step`);
      if ('after' in step && step.after !== undefined && !stepIds.has(step.after)) {
        throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/after names "${step.after}", which is not an earlier step`);
      }
      if ((step.kind === 'expect' || step.kind === 'await') && step.dependsOn !== undefined && !stepIds.has(step.dependsOn)) {
        throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/dependsOn names "${step.dependsOn}", which is not an earlier step`);
      }
      if (step.kind === 'liveness-probe' && step.while !== undefined && captures.get(step.while) !== 'send') {
        throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/while names "${step.while}", which is not an earlier send step`);
      }
      if (step.kind === 'expect' && !captures.has(step.of)) {
        throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/of names "${step.of}", which no earlier step captures`);
      }
      if (step.kind === 'restore-variables' && captures.get(step.from) !== 'read-variables') {
        throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/from names "${step.from}", which is not an earlier read-variables step`);
      }
      // A reference to a capture no earlier step makes is the case's mistake: found here, not while a station waits.
      for (const reference of referencesIn(step)) {
        const name = /^captures\.([\w-]+)/.exec(reference)?.[1];
        if (name !== undefined && !captures.has(name)) throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer} uses \${${reference}}, but no earlier step captures "${name}"`);
      }
      if (step.kind === 'restore-monitors') {
        if (captures.get(step.from) !== 'snapshot-monitors') throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/from names "${step.from}", which is not an earlier snapshot-monitors step`);
        (step.manufacturerReports ?? []).forEach((name, i) => {
          const kind = captures.get(name);
          if (kind !== 'collect-report' && kind !== 'snapshot-monitors') throw new ToolError('ERR_INVALID_TESTCASE', `${file}: ${pointer}/manufacturerReports/${i} names "${name}", which is not an earlier collect-report or snapshot-monitors step`);
        });
      }
      stepIds.add(step.id);
      if (step.kind === 'send' || step.kind === 'await' || step.kind === 'collect-report' || step.kind === 'read-variables' || step.kind === 'snapshot-monitors') {
        captures.set(step.as ?? step.id, step.kind);
      }
      if (step.kind === 'liveness-probe' || step.kind === 'limit-probe' || step.kind === 'stream-limit-probe') captures.set(step.id, step.kind);
    });
  };
  walk(testCase.steps, 'steps');
  walk(testCase.cleanup ?? [], 'cleanup');
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { ToolError } from '../errors.js';
import type { Guideline, GuidelineDocument } from './guideline.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The shipped guidelines are data at the package root (also when run from dist/). */
export const GUIDELINE_DIRECTORY = resolve(here, '..', '..', 'guidelines');
const SCHEMA_FILE = join(GUIDELINE_DIRECTORY, 'guideline.schema.json');
const DEFAULT_WEIGHTS = { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1 };

let validate: ValidateFunction | undefined;

/** The shipped guideline ids. */
export function builtInGuidelines(): string[] {
  return readdirSync(GUIDELINE_DIRECTORY)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json') && name !== 'scoring.json')
    .map((name) => name.slice(0, -5))
    .sort();
}

/**
 * Loads a guideline by shipped id or file path, checks it against the schema, and folds in its
 * `extends` chain (a base is looked up next to the file first, then among the shipped ones). An
 * entry of a derived guideline replaces the base's entry with the same key. A bad file fails
 * with ERR_INVALID_GUIDELINE naming the file, the JSON pointer and the reason.
 */
export function loadGuideline(idOrPath: string): Guideline {
  return resolveChain(locate(idOrPath, undefined), []);
}

/** Reads and checks one guideline file (no `extends` resolution): for `validate`. */
export function readGuidelineDocument(file: string): GuidelineDocument {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such guideline (shipped: ${builtInGuidelines().join(', ')})` : (error as Error).message;
    throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: ${reason}`);
  }
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  if (!validate(document)) {
    const error = validate.errors?.[0];
    const detail = error?.keyword === 'additionalProperties' ? `has an unknown field "${String(error.params['additionalProperty'])}"` : (error?.message ?? 'is invalid');
    throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: ${error?.instancePath || '/'} ${detail}`);
  }
  const guideline = document as GuidelineDocument;
  if (guideline.id !== basename(file, '.json')) throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: /id "${guideline.id}" must equal the file name "${basename(file, '.json')}"`);
  checkRanges(file, guideline);
  return guideline;
}

function locate(idOrPath: string, nextTo: string | undefined): string {
  if (/^[a-z0-9-]+$/.test(idOrPath)) {
    const sibling = nextTo ? join(dirname(nextTo), `${idOrPath}.json`) : undefined;
    if (sibling && existsSync(sibling)) return sibling;
    const shipped = join(GUIDELINE_DIRECTORY, `${idOrPath}.json`);
    if (existsSync(shipped)) return shipped;
    if (!nextTo) throw new ToolError('ERR_INVALID_GUIDELINE', `no guideline "${idOrPath}" (shipped: ${builtInGuidelines().join(', ')})`);
    throw new ToolError('ERR_INVALID_GUIDELINE', `${nextTo}: /extends names "${idOrPath}", which is neither next to it nor shipped`);
  }
  return resolve(idOrPath);
}

function resolveChain(file: string, seen: string[]): Guideline {
  const document = readGuidelineDocument(file);
  if (seen.includes(document.id)) throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: /extends makes a cycle (${[...seen, document.id].join(' → ')})`);
  const base = document.extends ? resolveChain(locate(document.extends, file), [...seen, document.id]) : undefined;
  const merge = <T>(inherited: T[] | undefined, own: T[] | undefined, key: (entry: T) => string): T[] => {
    const byKey = new Map<string, T>();
    for (const entry of [...(inherited ?? []), ...(own ?? [])]) byKey.set(key(entry), entry);
    return [...byKey.values()];
  };
  return {
    id: document.id,
    version: document.version,
    title: document.title,
    description: document.description,
    archetypes: document.archetypes,
    chain: [...(base?.chain ?? []), document.id],
    file,
    weights: { ...DEFAULT_WEIGHTS, ...base?.weights, ...document.weights },
    components: merge(base?.components, document.components, (c) => `${c.name}|${c.instance ?? ''}`.toLowerCase()),
    variables: merge(base?.variables, document.variables, (v) => `${v.component}|${v.componentInstance ?? ''}|${v.variable}|${v.instance ?? ''}`.toLowerCase()),
    monitors: merge(base?.monitors, document.monitors, (m) => `${m.component}|${m.variable}|${m.instance ?? ''}|${[...m.types].sort().join(',')}`.toLowerCase()),
    severities: merge(base?.severities, document.severities, (s) => s.category),
  };
}

/** Severity ranges the schema cannot check: min above max. */
function checkRanges(file: string, guideline: GuidelineDocument): void {
  const ranges: Array<[string, { min: number; max: number } | undefined]> = [
    ...(guideline.monitors ?? []).map((m, i) => [`/monitors/${i}/severity`, m.severity] as [string, { min: number; max: number } | undefined]),
    ...(guideline.severities ?? []).map((s, i) => [`/severities/${i}/severity`, s.severity] as [string, { min: number; max: number } | undefined]),
  ];
  for (const [pointer, range] of ranges) {
    if (range && range.min > range.max) throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: ${pointer} has min ${range.min} above max ${range.max}`);
  }
}

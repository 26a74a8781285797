import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { ToolError } from '../errors.js';
import type { Citation, Guideline, GuidelineDocument, GuidelineSource } from './guideline.js';
import { DEFAULT_VERSIONS } from '../evidence/ocpp-version.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The shipped guidelines are data at the package root (also when run from dist/). */
export const GUIDELINE_DIRECTORY = resolve(here, '..', '..', 'guidelines');
const SCHEMA_FILE = join(GUIDELINE_DIRECTORY, 'guideline.schema.json');
/** The public references guideline lines cite, named once (issue 15). */
export const SOURCES_FILE = join(GUIDELINE_DIRECTORY, 'sources.json');
const SOURCES_SCHEMA_FILE = join(GUIDELINE_DIRECTORY, 'sources.schema.json');
/** Files of the guideline directory that are not guidelines. */
const NOT_GUIDELINES = new Set(['scoring.json', 'sources.json']);
const DEFAULT_WEIGHTS = { required: 2, recommended: 1, components: 1, variables: 1, monitors: 1, severities: 1, configurationKeys: 1, messages: 1 };

let validate: ValidateFunction | undefined;

/** The shipped guideline ids. */
export function builtInGuidelines(): string[] {
  return readdirSync(GUIDELINE_DIRECTORY)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json') && !NOT_GUIDELINES.has(name))
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
  checkCitations(file, guideline);
  return guideline;
}

let catalogue: Map<string, GuidelineSource> | undefined;

/** The shipped source catalogue (guidelines/sources.json), checked against its schema. */
export function guidelineSources(): Map<string, GuidelineSource> {
  if (catalogue) return catalogue;
  const document: unknown = JSON.parse(readFileSync(SOURCES_FILE, 'utf8'));
  const check = new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(SOURCES_SCHEMA_FILE, 'utf8')) as object);
  if (!check(document)) throw new ToolError('ERR_INVALID_GUIDELINE', `${SOURCES_FILE}: ${check.errors?.[0]?.instancePath || '/'} ${check.errors?.[0]?.message ?? 'is invalid'}`);
  catalogue = new Map((document as { sources: GuidelineSource[] }).sources.map((source) => [source.id, source]));
  return catalogue;
}

/** The source id a citation names (`ocpp201-part2#G05.FR.02` → `ocpp201-part2`); undefined for our own. */
export const citedSourceId = (citation: Citation): string | undefined => (typeof citation === 'string' ? citation.split('#')[0] : undefined);

/** Every line's source must name a catalogued reference: a typo must not pass for a citation. */
function checkCitations(file: string, guideline: GuidelineDocument): void {
  const known = guidelineSources();
  const sections = {
    components: guideline.components,
    variables: guideline.variables,
    monitors: guideline.monitors,
    severities: guideline.severities,
    configurationKeys: guideline.configurationKeys,
    messages: guideline.messages,
  } as const;
  for (const [section, lines] of Object.entries(sections)) {
    (lines ?? []).forEach((line: { source: Citation[] }, index) =>
      line.source.forEach((citation, at) => {
        const id = citedSourceId(citation);
        if (id !== undefined && !known.has(id)) throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: /${section}/${index}/source/${at} names "${id}", which is not in guidelines/sources.json (known: ${[...known.keys()].join(', ')})`);
      }),
    );
  }
}

/** The catalogued sources a guideline's lines cite, in the order first cited. */
function sourcesCited(lines: ReadonlyArray<{ source: Citation[] }>): GuidelineSource[] {
  const known = guidelineSources();
  const ids = new Set(lines.flatMap((line) => line.source.map(citedSourceId)).filter((id): id is string => id !== undefined));
  return [...ids].flatMap((id) => known.get(id) ?? []);
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
  const components = merge(base?.components, document.components, (c) => `${c.name}|${c.instance ?? ''}`.toLowerCase());
  const variables = merge(base?.variables, document.variables, (v) => `${v.component}|${v.componentInstance ?? ''}|${v.variable}|${v.instance ?? ''}`.toLowerCase());
  const monitors = merge(base?.monitors, document.monitors, (m) => `${m.component}|${m.variable}|${m.instance ?? ''}|${[...m.types].sort().join(',')}`.toLowerCase());
  const severities = merge(base?.severities, document.severities, (s) => s.category);
  // A key line is the key, or one judgement of its value (a member it holds, its range).
  const configurationKeys = merge(base?.configurationKeys, document.configurationKeys, (k) => `${k.key}|${k.contains ?? ''}|${k.range ? 'range' : ''}`.toLowerCase());
  const messages = merge(base?.messages, document.messages, (m) => `${m.action}|${m.sentBy}|${(m.fields ?? []).join(',')}|${m.where ? `${m.where.field}!${m.where.not.join(',')}` : ''}`.toLowerCase());
  return {
    id: document.id,
    version: document.version,
    title: document.title,
    description: document.description,
    versions: document.versions ?? base?.versions ?? [...DEFAULT_VERSIONS],
    archetypes: document.archetypes,
    chain: [...(base?.chain ?? []), document.id],
    file,
    weights: { ...DEFAULT_WEIGHTS, ...base?.weights, ...document.weights },
    components,
    variables,
    monitors,
    severities,
    configurationKeys,
    messages,
    sources: sourcesCited([...components, ...variables, ...monitors, ...severities, ...configurationKeys, ...messages]),
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
  (guideline.configurationKeys ?? []).forEach((line, i) => {
    const { min, max } = line.range ?? {};
    if (min !== undefined && max !== undefined && min > max) throw new ToolError('ERR_INVALID_GUIDELINE', `${file}: /configurationKeys/${i}/range has min ${min} above max ${max}`);
  });
}

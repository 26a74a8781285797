import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';

/**
 * A small validator of Frictionless Tabular Data Packages (v1 `tabular-data-package`) for the
 * tests: no Python frictionless here. It reads datapackage.json and every resource, and checks
 * what a consumer relies on: the descriptor's shape, each file's bytes and hash, UTF-8, RFC 4180
 * quoting and the dialect's line ends, the header against the schema's field names in order,
 * every cell against its field's type, required cells, enums and unique primary keys. It is an
 * independent reading of the standard, written apart from the writer it tests.
 */
export interface ValidationError {
  /** The resource's path (or datapackage.json). */
  file: string;
  /** The physical line where the record starts (the header is line 1). */
  line?: number;
  message: string;
}

export interface ValidationReport {
  errors: ValidationError[];
  /** Data rows read per resource name. */
  rows: Record<string, number>;
}

interface Field {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; enum?: unknown[] };
  trueValues?: string[];
  falseValues?: string[];
}

interface Resource {
  name: string;
  path: string;
  profile?: string;
  encoding?: string;
  bytes?: number;
  hash?: string;
  dialect?: { delimiter?: string; lineTerminator?: string; quoteChar?: string; doubleQuote?: boolean; header?: boolean };
  schema: { fields: Field[]; primaryKey?: string[] | string; missingValues?: string[] };
}

const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'datetime']);

/** Validates a data package; at most `limit` errors are kept (the first ones). */
export async function validateDataPackage(descriptorPath: string, limit = 20): Promise<ValidationReport> {
  const report: ValidationReport = { errors: [], rows: {} };
  const fail = (file: string, message: string, line?: number): void => {
    if (report.errors.length < limit) report.errors.push({ file, ...(line !== undefined ? { line } : {}), message });
  };
  let descriptor: Record<string, unknown>;
  try {
    descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
  } catch (error) {
    fail('datapackage.json', `cannot be read as JSON: ${(error as Error).message}`);
    return report;
  }
  const resources = checkDescriptor(descriptor, (message) => fail('datapackage.json', message));
  for (const resource of resources) {
    await checkResource(join(dirname(descriptorPath), resource.path), resource, report, (message, line) => fail(resource.path, message, line));
  }
  return report;
}

/** A CSV file read back as one object per data row, keyed by the header (cells as text, '' when empty): for tests that check values. */
export async function readCsvTable(path: string): Promise<Array<Record<string, string>>> {
  const [header, ...rows] = [...csvRecords(await readFile(path, 'utf8'), '\r\n', () => undefined)].map((r) => r.cells);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/** One line per error, for assertion messages. */
export function describeErrors(report: ValidationReport): string {
  return report.errors.map((e) => `${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`).join('\n');
}

function checkDescriptor(descriptor: Record<string, unknown>, fail: (message: string) => void): Resource[] {
  if (descriptor['profile'] !== 'tabular-data-package') fail(`profile is ${JSON.stringify(descriptor['profile'])}, not "tabular-data-package"`);
  const licenses = descriptor['licenses'];
  if (licenses !== undefined && (!Array.isArray(licenses) || licenses.some((l) => typeof l?.name !== 'string' && typeof l?.path !== 'string'))) fail('every licence needs a name or a path');
  const sources = descriptor['sources'];
  if (sources !== undefined && (!Array.isArray(sources) || sources.some((s) => typeof s?.title !== 'string'))) fail('every source needs a title');
  const resources = descriptor['resources'];
  if (!Array.isArray(resources) || resources.length === 0) {
    fail('resources must be a non-empty array');
    return [];
  }
  const names = new Set<string>();
  const valid: Resource[] = [];
  for (const resource of resources as Resource[]) {
    const where = `resource ${JSON.stringify(resource?.name)}`;
    if (typeof resource?.name !== 'string' || !/^[-a-z0-9._/]+$/.test(resource.name)) fail(`${where}: name must be lower-case letters, digits and -._/`);
    else if (names.has(resource.name)) fail(`${where}: name used twice`);
    names.add(resource?.name);
    if (resource?.profile !== 'tabular-data-resource') fail(`${where}: profile must be "tabular-data-resource"`);
    if (typeof resource?.path !== 'string' || isAbsolute(resource.path) || resource.path.split('/').includes('..')) {
      fail(`${where}: path must be a relative path inside the package`);
      continue;
    }
    if (resource.encoding !== undefined && resource.encoding.toLowerCase() !== 'utf-8') fail(`${where}: encoding ${resource.encoding} is not utf-8`);
    const fields = resource.schema?.fields;
    if (!Array.isArray(fields) || fields.length === 0) {
      fail(`${where}: schema.fields must be a non-empty array`);
      continue;
    }
    for (const field of fields) {
      if (typeof field?.name !== 'string') fail(`${where}: a field has no name`);
      if (!TYPES.has(field?.type)) fail(`${where}: field ${field?.name}: type ${JSON.stringify(field?.type)} is not one this validator knows`);
      if (field?.format !== undefined && field.format !== 'default') fail(`${where}: field ${field.name}: only the default format is supported`);
    }
    for (const key of primaryKey(resource)) if (!fields.some((f) => f.name === key)) fail(`${where}: primary key field ${key} is not a field`);
    valid.push(resource);
  }
  return valid;
}

function primaryKey(resource: Resource): string[] {
  const key = resource.schema.primaryKey;
  return key === undefined ? [] : Array.isArray(key) ? key : [key];
}

async function checkResource(path: string, resource: Resource, report: ValidationReport, fail: (message: string, line?: number) => void): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    fail(`cannot be read: ${(error as Error).message}`);
    return;
  }
  if (resource.bytes !== undefined && resource.bytes !== bytes.length) fail(`is ${bytes.length} bytes, the descriptor says ${resource.bytes}`);
  if (resource.hash !== undefined) {
    const [algorithm, expected] = resource.hash.includes(':') ? resource.hash.split(':') : ['md5', resource.hash];
    const actual = createHash(algorithm).update(bytes).digest('hex');
    if (actual !== expected.toLowerCase()) fail(`${algorithm} is ${actual}, the descriptor says ${expected}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    fail('is not valid UTF-8');
    return;
  }
  if (text.startsWith('\uFEFF')) fail('starts with a byte order mark');
  const dialect = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true, ...resource.dialect };
  if (dialect.delimiter !== ',' || dialect.quoteChar !== '"' || !dialect.doubleQuote || !dialect.header) fail('this validator reads only comma-separated files with a header and doubled double quotes');
  const fields = resource.schema.fields;
  const missing = new Set(resource.schema.missingValues ?? ['']);
  const key = primaryKey(resource);
  const keyIndexes = key.map((k) => fields.findIndex((f) => f.name === k));
  const keys = new Map<string, number>();
  let header = true;
  let rows = 0;
  for (const record of csvRecords(text, dialect.lineTerminator, (message, line) => fail(message, line))) {
    if (header) {
      header = false;
      const names = fields.map((f) => f.name);
      if (record.cells.join('\u0000') !== names.join('\u0000')) fail(`header is ${record.cells.join(',')}; the schema's fields are ${names.join(',')}`, record.line);
      continue;
    }
    rows += 1;
    if (record.cells.length !== fields.length) {
      fail(`has ${record.cells.length} cells, the schema has ${fields.length} fields`, record.line);
      continue;
    }
    record.cells.forEach((cell, index) => {
      const field = fields[index];
      if (missing.has(cell)) {
        if (field.constraints?.required || keyIndexes.includes(index)) fail(`${field.name} is required and empty`, record.line);
        return;
      }
      const problem = typeProblem(field, cell);
      if (problem) fail(`${field.name}: ${JSON.stringify(cell)} ${problem}`, record.line);
      else if (field.constraints?.enum && !field.constraints.enum.map(String).includes(cell)) fail(`${field.name}: ${JSON.stringify(cell)} is not one of ${field.constraints.enum.join(', ')}`, record.line);
    });
    if (key.length > 0) {
      const value = keyIndexes.map((i) => record.cells[i]).join('\u0000');
      const first = keys.get(value);
      if (first !== undefined) fail(`primary key (${key.join(', ')}) ${keyIndexes.map((i) => record.cells[i]).join(', ')} repeats line ${first}`, record.line);
      else keys.set(value, record.line);
    }
  }
  if (header) fail('has no header row');
  report.rows[resource.name] = rows;
}

/** Why a cell is not of its field's type, or undefined when it is. */
function typeProblem(field: Field, cell: string): string | undefined {
  switch (field.type) {
    case 'string':
      return undefined;
    case 'integer':
      return /^[+-]?\d+$/.test(cell) ? undefined : 'is not an integer';
    case 'number':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(cell) || /^(nan|inf|-inf)$/i.test(cell) ? undefined : 'is not a number';
    case 'boolean': {
      const values = [...(field.trueValues ?? ['true', 'True', 'TRUE', '1']), ...(field.falseValues ?? ['false', 'False', 'FALSE', '0'])];
      return values.includes(cell) ? undefined : 'is not a boolean';
    }
    case 'datetime':
      return validDateTime(cell) ? undefined : 'is not an XML Schema dateTime';
    default:
      return `has an unknown type ${field.type}`;
  }
}

/** XML Schema dateTime: date and time required, fractions and zone optional; the calendar checked. */
function validDateTime(cell: string): boolean {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))?$/.exec(cell);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return m[10] === undefined || (Number(m[10]) <= 14 && Number(m[11]) <= 59);
}

/** RFC 4180 records with the line each starts on; quoting mistakes and wrong line ends are reported. */
function* csvRecords(text: string, terminator: string, fail: (message: string, line: number) => void): Generator<{ line: number; cells: string[] }> {
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') fail('a quoted cell goes on after its closing quote', start);
      } else {
        if (char === '\n') line += 1;
        cell += char;
        i += 1;
      }
      continue;
    }
    if (char === '"' && (cell !== '' || wasQuoted)) {
      // Read on as a plain character, so that one stray quote is one error.
      fail('a quote inside an unquoted cell', start);
      cell += char;
      i += 1;
    } else if (char === '"') {
      quoted = true;
      wasQuoted = true;
      i += 1;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
      i += 1;
    } else if (char === '\r' || char === '\n') {
      const ending = text.startsWith('\r\n', i) ? '\r\n' : char;
      if (ending !== terminator) fail(`a record ends with ${JSON.stringify(ending)}, the dialect says ${JSON.stringify(terminator)}`, start);
      cells.push(cell);
      yield { line: start, cells };
      cells = [];
      cell = '';
      wasQuoted = false;
      i += ending.length;
      line += 1;
      start = line;
    } else {
      cell += char;
      i += 1;
    }
  }
  if (quoted) fail('a quoted cell is not closed', start);
  // RFC 4180: the last record may end without a line break.
  if (cell !== '' || cells.length > 0 || wasQuoted) {
    cells.push(cell);
    yield { line: start, cells };
  }
}

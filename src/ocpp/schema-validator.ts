import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fastUri from 'fast-uri';
import { ToolError } from '../errors.js';
import type { OcppErrorCode } from './error-codes.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule.default;

/** A request, its response, or a SEND message (OCPP 2.1, type 6: one schema without a suffix). */
export type PayloadKind = 'request' | 'response' | 'send';

/** One schema violation, as recorded in the evidence. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message: string;
}

export type ValidationOutcome =
  | { valid: true }
  | {
      valid: false;
      /** The CALLERROR code Part 4 assigns to this kind of violation. */
      errorCode: OcppErrorCode;
      issues: ValidationIssue[];
    };

/**
 * Which CALLERROR a schema violation earns (Part 4 definitions): a value of the wrong JSON type is a
 * type constraint; a missing field or wrong item count an occurrence constraint; a value outside
 * its enum, length or range a property constraint; anything that breaks the message's structure
 * (unknown fields, bad date-time format, a payload that is not an object) a format violation.
 */
const ERROR_CODE_BY_KEYWORD: Record<string, OcppErrorCode> = {
  type: 'TypeConstraintViolation',
  required: 'OccurrenceConstraintViolation',
  minItems: 'OccurrenceConstraintViolation',
  maxItems: 'OccurrenceConstraintViolation',
  uniqueItems: 'OccurrenceConstraintViolation',
  minProperties: 'OccurrenceConstraintViolation',
  maxProperties: 'OccurrenceConstraintViolation',
  dependencies: 'OccurrenceConstraintViolation',
  enum: 'PropertyConstraintViolation',
  const: 'PropertyConstraintViolation',
  maxLength: 'PropertyConstraintViolation',
  minLength: 'PropertyConstraintViolation',
  minimum: 'PropertyConstraintViolation',
  maximum: 'PropertyConstraintViolation',
  exclusiveMinimum: 'PropertyConstraintViolation',
  exclusiveMaximum: 'PropertyConstraintViolation',
  multipleOf: 'PropertyConstraintViolation',
  pattern: 'PropertyConstraintViolation',
  format: 'FormatViolation',
  additionalProperties: 'FormatViolation',
};

export function errorCodeForIssue(issue: ValidationIssue): OcppErrorCode {
  // A payload that is not even an object cannot be read as the action's PDU at all.
  if (issue.keyword === 'type' && issue.instancePath === '') return 'FormatViolation';
  return ERROR_CODE_BY_KEYWORD[issue.keyword] ?? 'FormatViolation';
}

function toIssue(error: ErrorObject): ValidationIssue {
  let message = error.message ?? error.keyword;
  if (error.keyword === 'additionalProperties') {
    message = `must not have property "${String(error.params['additionalProperty'])}"`;
  } else if (error.keyword === 'enum') {
    message = `must be one of ${(error.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
  }
  return { keyword: error.keyword, instancePath: error.instancePath, message };
}

/** Where the unmodified OCA OCPP 2.0.1 schemas live (npm package `ocpp-messages`). */
export function ocpp201SchemaDirectory(): string {
  return join(dirname(require.resolve('ocpp-messages/package.json')), 'schema', 'v2.0');
}

/**
 * A set of message schemas of one OCPP version: where they come from and how an action's payload
 * is named in it (2.x `BootNotificationRequest`, 1.6 `BootNotification.req`).
 */
export interface SchemaSet {
  /** For messages: "OCPP 2.1". */
  label: string;
  /** Schemas by name. */
  schemas: ReadonlyMap<string, object>;
  /** The schema name of an action's payload of one kind. */
  nameOf: (action: string, kind: PayloadKind) => string;
  /** Extra JSON Schema meta-schemas the set is written against (the OCA 2.0.1 files are draft-06). */
  metaSchemas?: object[];
}

const twoXNames = (action: string, kind: PayloadKind): string => (kind === 'send' ? action : `${action}${kind === 'request' ? 'Request' : 'Response'}`);

/** The 128 OCA OCPP 2.0.1 schemas, one file each, as `ocpp-messages` ships them (draft-06). */
export function ocpp201SchemaSet(schemaDirectory = ocpp201SchemaDirectory()): SchemaSet {
  let files: string[];
  try {
    files = readdirSync(schemaDirectory).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new ToolError('ERR_SCHEMA_LOAD', `cannot read the OCPP schemas in ${schemaDirectory}: ${String(error)}`);
  }
  const schemas = new Map<string, object>();
  for (const file of files) {
    const path = join(schemaDirectory, file);
    try {
      schemas.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(path, 'utf8')) as object);
    } catch (error) {
      throw new ToolError('ERR_SCHEMA_LOAD', `${path}: cannot read schema: ${(error as Error).message}`);
    }
  }
  return { label: 'OCPP 2.0.1', schemas, nameOf: twoXNames, metaSchemas: [require('ajv/dist/refs/json-schema-draft-06.json') as object] };
}

/**
 * A schema set `ocpp-rpc` bundles as one JSON array: the OCA OCPP 2.1 Edition 1 schemas (181) or
 * the OCA OCPP 1.6 schemas with the security white paper's (78). Their content is OCA's; the
 * package only re-heads each file (`$id` `urn:<Name>`, draft-07), and they are used as shipped.
 */
function bundledSchemaSet(file: 'ocpp2_1.json' | 'ocpp1_6.json', label: string, nameOf: SchemaSet['nameOf']): SchemaSet {
  let path: string = file;
  let list: Array<Record<string, unknown>>;
  try {
    path = require.resolve(`ocpp-rpc/lib/schemas/${file}`);
    list = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
  } catch (error) {
    throw new ToolError('ERR_SCHEMA_LOAD', `cannot read the ${label} schemas (${path}): ${(error as Error).message}`);
  }
  const schemas = new Map<string, object>();
  for (const schema of list) schemas.set(String(schema['$id']).replace(/^urn:/, ''), schema);
  return { label, schemas, nameOf };
}

/** The OCA OCPP 2.1 Edition 1 schemas (`ocpp-rpc` `lib/schemas/ocpp2_1.json`). */
export function ocpp21SchemaSet(): SchemaSet {
  return bundledSchemaSet('ocpp2_1.json', 'OCPP 2.1', twoXNames);
}

/** The OCA OCPP 1.6 schemas and the security white paper's (`ocpp-rpc` `lib/schemas/ocpp1_6.json`). */
export function ocpp16SchemaSet(): SchemaSet {
  return bundledSchemaSet('ocpp1_6.json', 'OCPP 1.6', (action, kind) => `${action}.${kind === 'response' ? 'conf' : 'req'}`);
}

/**
 * ajv's own URI library (fast-uri), taught one thing: `ocpp-rpc` names each bundled schema
 * `urn:<Name>`, a URN without a namespace id, which fast-uri parses but refuses to write back. The
 * schemas' references are all local (`#/definitions/…`), so the name only has to survive as it is.
 */
const uriResolver = {
  parse: (uri: string) => fastUri.parse(uri),
  resolve: (base: string, path: string) => fastUri.resolve(base, path),
  serialize: (component: ReturnType<typeof fastUri.parse>): string => {
    if (component.scheme === 'urn' && component.path && !component.path.includes(':')) {
      return `urn:${component.path}${component.fragment !== undefined ? `#${component.fragment}` : ''}`;
    }
    return fastUri.serialize(component);
  },
};

/**
 * One version's OCA JSON schemas, compiled once (`strict: false` because the OCA files carry
 * `javaType` and `comment` keywords). Validates payloads in both directions.
 */
export class SchemaValidator {
  readonly label: string;
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #nameOf: SchemaSet['nameOf'];

  /** A directory of OCA 2.0.1 schema files (the default: `ocpp-messages`), or a whole schema set. */
  constructor(source: string | SchemaSet = ocpp201SchemaDirectory()) {
    const set = typeof source === 'string' ? ocpp201SchemaSet(source) : source;
    this.label = set.label;
    this.#nameOf = set.nameOf;
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: true, uriResolver });
    for (const meta of set.metaSchemas ?? []) ajv.addMetaSchema(meta);
    addFormats(ajv);
    for (const [name, schema] of set.schemas) {
      try {
        this.#validators.set(name, ajv.compile(schema));
      } catch (error) {
        throw new ToolError('ERR_SCHEMA_LOAD', `${set.label} schema ${name}: cannot compile: ${(error as Error).message}`);
      }
    }
  }

  /** Number of compiled schemas (128 for OCPP 2.0.1, 181 for 2.1, 78 for 1.6). */
  get size(): number {
    return this.#validators.size;
  }

  /** Schema names, such as `BootNotificationRequest`. */
  schemaNames(): string[] {
    return [...this.#validators.keys()].sort();
  }

  /** The name of the schema an action's payload is checked against (recorded with the frame). */
  schemaName(action: string, kind: PayloadKind): string {
    return this.#nameOf(action, kind);
  }

  hasSchema(action: string, kind: PayloadKind): boolean {
    return this.#validators.has(this.#nameOf(action, kind));
  }

  validate(action: string, kind: PayloadKind, payload: unknown): ValidationOutcome {
    const validator = this.#validators.get(this.#nameOf(action, kind));
    if (!validator) {
      const issue = { keyword: 'schema', instancePath: '', message: `no ${this.label} schema for ${action} ${kind}` };
      return { valid: false, errorCode: 'NotImplemented', issues: [issue] };
    }
    if (validator(payload)) return { valid: true };
    const issues = (validator.errors ?? []).map(toIssue);
    const first = issues[0] ?? { keyword: 'unknown', instancePath: '', message: 'invalid' };
    return { valid: false, errorCode: errorCodeForIssue(first), issues };
  }
}

let shared: SchemaValidator | undefined;

/** The process-wide OCPP 2.0.1 validator: the 128 schemas compile once, on first use. */
export function sharedSchemaValidator(): SchemaValidator {
  shared ??= new SchemaValidator();
  return shared;
}

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ToolError } from '../errors.js';
import type { OcppErrorCode } from './error-codes.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS with a default export; under NodeNext its callable sits on `.default`.
const addFormats = addFormatsModule.default;

export type PayloadKind = 'request' | 'response';

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
 * All OCA OCPP 2.0.1 JSON schemas, compiled once (draft-06, `strict: false` because the OCA files
 * carry `javaType` and `comment` keywords). Validates payloads in both directions.
 */
export class SchemaValidator {
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(schemaDirectory = ocpp201SchemaDirectory()) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    addFormats(ajv);
    let files: string[];
    try {
      files = readdirSync(schemaDirectory).filter((name) => name.endsWith('.json'));
    } catch (error) {
      throw new ToolError('ERR_SCHEMA_LOAD', `cannot read the OCPP schemas in ${schemaDirectory}: ${String(error)}`);
    }
    for (const file of files) {
      const path = join(schemaDirectory, file);
      try {
        const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
        this.#validators.set(file.slice(0, -'.json'.length), ajv.compile(schema));
      } catch (error) {
        throw new ToolError('ERR_SCHEMA_LOAD', `${path}: cannot compile schema: ${(error as Error).message}`);
      }
    }
  }

  /** Number of compiled schemas (128 for OCPP 2.0.1). */
  get size(): number {
    return this.#validators.size;
  }

  /** Schema names, such as `BootNotificationRequest`. */
  schemaNames(): string[] {
    return [...this.#validators.keys()].sort();
  }

  hasSchema(action: string, kind: PayloadKind): boolean {
    return this.#validators.has(schemaName(action, kind));
  }

  validate(action: string, kind: PayloadKind, payload: unknown): ValidationOutcome {
    const validator = this.#validators.get(schemaName(action, kind));
    if (!validator) {
      const issue = { keyword: 'schema', instancePath: '', message: `no OCPP 2.0.1 schema for ${action} ${kind}` };
      return { valid: false, errorCode: 'NotImplemented', issues: [issue] };
    }
    if (validator(payload)) return { valid: true };
    const issues = (validator.errors ?? []).map(toIssue);
    const first = issues[0] ?? { keyword: 'unknown', instancePath: '', message: 'invalid' };
    return { valid: false, errorCode: errorCodeForIssue(first), issues };
  }
}

function schemaName(action: string, kind: PayloadKind): string {
  return `${action}${kind === 'request' ? 'Request' : 'Response'}`;
}

let shared: SchemaValidator | undefined;

/** The process-wide validator: the 128 schemas compile once, on first use. */
export function sharedSchemaValidator(): SchemaValidator {
  shared ??= new SchemaValidator();
  return shared;
}

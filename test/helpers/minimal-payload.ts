import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ocpp201SchemaDirectory } from '../../src/ocpp/schema-validator.js';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  definitions?: Record<string, Schema>;
};

/**
 * The smallest payload an OCA 2.0.1 schema accepts: required fields only, first enum value,
 * short strings, one array item. Built from the schema itself so every action can be exercised.
 */
export function minimalPayload(action: string, kind: 'request' | 'response'): Record<string, unknown> {
  const file = join(ocpp201SchemaDirectory(), `${action}${kind === 'request' ? 'Request' : 'Response'}.json`);
  const root = JSON.parse(readFileSync(file, 'utf8')) as Schema;
  const build = (schema: Schema): unknown => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/definitions/', '');
      const target = root.definitions?.[name];
      if (!target) throw new Error(`${file}: unresolved ${schema.$ref}`);
      return build(target);
    }
    if (schema.enum) return schema.enum[0];
    switch (schema.type) {
      case 'object': {
        const result: Record<string, unknown> = {};
        for (const key of schema.required ?? []) {
          const property = schema.properties?.[key];
          if (property) result[key] = build(property);
        }
        return result;
      }
      case 'array':
        return [build(schema.items ?? {})];
      case 'string':
        if (schema.format === 'date-time') return '2026-11-23T10:00:00.000Z';
        return 'x'.repeat(Math.min(schema.maxLength ?? 3, 3));
      case 'integer':
        return schema.minimum ?? 1;
      case 'number':
        return schema.minimum ?? 1.5;
      case 'boolean':
        return true;
      default:
        return {};
    }
  };
  return build(root) as Record<string, unknown>;
}

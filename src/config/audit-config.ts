import { readJson } from './read-json.js';
import { resolve } from 'node:path';
import { ToolError } from '../errors.js';
import { CASE_OPTION_DEFAULTS } from '../audit/audit-defaults.js';
import { parseTargetOption, type TargetRole } from '../scenario/targets.js';
import type { ComponentRefJson, VariableRefJson } from '../evidence/evidence.js';

/** The optional `--config` file: targets, case options and the test case selection. */
export interface AuditConfig {
  testcases?: string[];
  targets: Partial<Record<TargetRole, { component: ComponentRefJson; variable: VariableRefJson }>>;
  caseOptions: Record<string, number>;
}

const KNOWN_KEYS = new Set(['testcases', 'targets', 'options']);

/**
 * Reads a config file like
 * `{ "testcases": ["monitoring-*"], "targets": { "numeric": "OCPPCommCtrlr/OfflineThreshold" }, "options": { "periodicIntervalS": 10 } }`.
 * Defaults < config file < command-line flags; a bad file fails with its name and the field.
 */
export function loadAuditConfig(file: string | undefined): AuditConfig {
  const config: AuditConfig = { targets: {}, caseOptions: {} };
  if (!file) return config;
  const path = resolve(file);
  const read = readJson(path);
  if (!read.ok) throw new ToolError('ERR_INVALID_CONFIG', `${path}: ${read.reason}`);
  const document = read.value;
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: / must be an object`);
  const record = document as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!KNOWN_KEYS.has(key)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /${key} is not a known field (testcases, targets, options)`);
  if (record['testcases'] !== undefined) {
    if (!Array.isArray(record['testcases']) || !record['testcases'].every((t) => typeof t === 'string')) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /testcases must be a list of ids or patterns`);
    config.testcases = record['testcases'];
  }
  const targets = record['targets'] ?? {};
  if (typeof targets !== 'object' || targets === null || Array.isArray(targets)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /targets must be an object of role → "Component/Variable"`);
  for (const [role, text] of Object.entries(targets)) {
    if (typeof text !== 'string') throw new ToolError('ERR_INVALID_CONFIG', `${path}: /targets/${role} must be "Component[.instance]/Variable[.instance]"`);
    try {
      const parsed = parseTargetOption(`${role}=${text}`);
      config.targets[parsed.role] = { component: parsed.component, variable: parsed.variable };
    } catch (error) {
      throw new ToolError('ERR_INVALID_CONFIG', `${path}: /targets/${role}: ${(error as Error).message.replace(/^--target "[^"]*": /, '')}`);
    }
  }
  const options = record['options'] ?? {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /options must be an object`);
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(CASE_OPTION_DEFAULTS, key)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /options/${key} is not a known option (${Object.keys(CASE_OPTION_DEFAULTS).join(', ')})`);
    if (typeof value !== 'number' || !(value > 0)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /options/${key} must be a positive number`);
    // A count of intervals is a whole number; the await step that uses it would refuse anything else.
    if (key === 'periodicIntervals' && !Number.isInteger(value)) throw new ToolError('ERR_INVALID_CONFIG', `${path}: /options/${key} must be a whole number`);
    config.caseOptions[key] = value;
  }
  return config;
}

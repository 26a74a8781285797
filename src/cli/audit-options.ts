import { Command, InvalidArgumentError, Option } from 'commander';
import { CASE_OPTION_DEFAULTS, RUNNER_DEFAULTS } from '../audit/audit-defaults.js';
import type { AuditOptions } from '../audit/audit-station.js';
import { loadAuditConfig } from '../config/audit-config.js';
import { loadGuideline } from '../config/guideline-loader.js';
import { loadScoringConfig } from '../scoring/scoring-config.js';
import { loadTestCases, type LoadedTestCase } from '../scenario/testcase-loader.js';
import { parseTargetOption } from '../scenario/targets.js';
import { withPrerequisites } from '../scenario/prerequisites.js';
import { collect } from './option-parsers.js';

/** Flags shared by `run` and `demo` that shape the audit. */
export interface AuditFlags {
  testcases?: string[];
  target?: string[];
  config?: string;
  nonInteractive?: boolean;
  timeoutScale: number;
  failOn: 'fail' | 'warn' | 'none';
  guideline?: string;
  scoring?: string;
  label?: string;
  uploadHost?: string;
}

export function addAuditOptions(command: Command, defaults: { failOn: AuditFlags['failOn'] }): Command {
  return command
    .option('--testcases <ids>', 'test case ids or patterns (comma-separated, e.g. "inventory-*,monitoring-bases"), or a file or directory', (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)])
    .option('--target <spec>', 'force a target variable: [role=]Component[.instance][@evse[:connector]]/Variable[.instance] (repeatable)', collect)
    .option('--config <file>', 'JSON file with testcases, targets and options (flags win)')
    .option('--non-interactive', 'skip steps that need a person at the station (they become NOT APPLICABLE)')
    .option('--guideline <id|file>', 'score against this guideline (default: the shipped one of the archetype detected from the device model)')
    .option('--scoring <file>', 'category weights and grades (default: guidelines/scoring.json)')
    .option('--label <text>', 'a name for this run, kept in result.json (options.label) and shown by compare and index')
    .option('--upload-host <address>', 'the address stations upload diagnostics and logs to (OCPP 1.6 GetDiagnostics, GetLog); default: the address each station connected to')
    .option('--timeout-scale <n>', 'multiply every timeout and time window (slow stations or links)', parseScale, RUNNER_DEFAULTS.timeoutScale)
    .addOption(new Option('--fail-on <level>', 'exit 3 when a check reaches this verdict').choices(['fail', 'warn', 'none']).default(defaults.failOn));
}

function parseScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0) throw new InvalidArgumentError('expected a positive number, e.g. 2 to double every timeout');
  return scale;
}

/**
 * Everything the audit needs from the flags, loaded and checked before any socket opens:
 * test cases (schema-checked, with the prerequisites a subset needs), config file, targets.
 */
export function resolveAudit(flags: AuditFlags, base: { callTimeoutMs: number; securityProfile: number; version: string; prompt: (message: string) => Promise<void> }): { cases: LoadedTestCase[]; options: AuditOptions } {
  const config = loadAuditConfig(flags.config);
  // Guideline and scoring files are checked here too, before any socket opens.
  const guideline = flags.guideline ? loadGuideline(flags.guideline) : undefined;
  const scoring = loadScoringConfig(flags.scoring);
  const targets = { ...config.targets };
  for (const text of flags.target ?? []) {
    const parsed = parseTargetOption(text);
    targets[parsed.role] = { component: parsed.component, variable: parsed.variable };
  }
  // A chosen subset runs with the cases it needs (the FullInventory for targets, the case that
  // remembers a fact), unless the user's targets stand in for the device model.
  const catalogue = loadTestCases();
  const cases = withPrerequisites(loadTestCases(flags.testcases ?? config.testcases ?? []), catalogue, new Set(Object.keys(targets)));
  return {
    cases,
    options: {
      timeoutScale: flags.timeoutScale,
      callTimeoutMs: base.callTimeoutMs,
      nonInteractive: flags.nonInteractive === true,
      reconnectWaitS: RUNNER_DEFAULTS.reconnectWaitS,
      targets,
      // The label rides with the case options: they are what result.json's `options` records.
      caseOptions: { ...CASE_OPTION_DEFAULTS, ...config.caseOptions, ...(flags.label !== undefined ? { label: flags.label } : {}) },
      prompt: base.prompt,
      tool: { name: 'ocpp-audit', version: base.version },
      securityProfile: base.securityProfile,
      catalogue: catalogue.map((c) => ({ id: c.id, category: c.category, ...(c.versions ? { versions: c.versions } : {}) })),
      ...(guideline ? { guideline } : {}),
      ...(flags.uploadHost !== undefined ? { uploadHost: flags.uploadHost } : {}),
      scoring,
    },
  };
}

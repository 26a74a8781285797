import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ToolError } from '../errors.js';
import type { Verdict } from '../checks/check.js';
import { GUIDELINE_DIRECTORY } from '../config/guideline-loader.js';
import type { MustHaveConfig } from './must-haves.js';
import { isOcppVersion, OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';

/** How check results become scores (guidelines/scoring.json): weights are configuration, not code. */
export interface ScoringConfig {
  verdictCredit: Record<Exclude<Verdict, 'NOT APPLICABLE'>, number>;
  /** `count`: an INCONCLUSIVE check weighs with its credit; `exclude`: it does not weigh. */
  inconclusive: 'count' | 'exclude';
  /** `versions`: the OCPP versions whose stations the category is scored for (default 2.0.1 and 2.1). */
  categories: Array<{ id: string; title: string; weight: number; checkCategories: string[]; versions?: OcppVersion[] }>;
  grades: Array<{ min: number; grade: string }>;
  /** Checks every station must pass, whatever its guideline; one FAIL caps the grade. */
  mustHaves?: MustHaveConfig;
}

export const DEFAULT_SCORING_FILE = join(GUIDELINE_DIRECTORY, 'scoring.json');

/** Loads and checks a scoring configuration; a bad file names itself and the field. */
export function loadScoringConfig(file = DEFAULT_SCORING_FILE): ScoringConfig {
  const path = resolve(file);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ToolError('ERR_INVALID_CONFIG', `${path}: ${(error as Error).message}`);
  }
  const fail = (pointer: string, problem: string): never => {
    throw new ToolError('ERR_INVALID_CONFIG', `${path}: ${pointer} ${problem}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('/', 'must be an object');
  const config = value as Partial<ScoringConfig>;
  for (const verdict of ['PASS', 'WARN', 'FAIL', 'INCONCLUSIVE'] as const) {
    const credit = config.verdictCredit?.[verdict];
    if (typeof credit !== 'number' || credit < 0 || credit > 1) fail(`/verdictCredit/${verdict}`, 'must be a number from 0 to 1');
  }
  if (config.inconclusive !== 'count' && config.inconclusive !== 'exclude') fail('/inconclusive', 'must be "count" or "exclude"');
  if (!Array.isArray(config.categories) || config.categories.length === 0) fail('/categories', 'must be a non-empty list');
  config.categories?.forEach((category, i) => {
    if (category === null || typeof category !== 'object') fail(`/categories/${i}`, 'must be an object');
    if (typeof category.id !== 'string' || typeof category.title !== 'string') fail(`/categories/${i}`, 'needs an id and a title');
    if (typeof category.weight !== 'number' || category.weight < 0) fail(`/categories/${i}/weight`, 'must be a number, 0 or more');
    if (!Array.isArray(category.checkCategories)) fail(`/categories/${i}/checkCategories`, 'must be a list of check categories');
    if (category.versions !== undefined && (!Array.isArray(category.versions) || !category.versions.every(isOcppVersion))) fail(`/categories/${i}/versions`, `must list OCPP versions (${OCPP_VERSIONS.join(', ')})`);
  });
  if (!Array.isArray(config.grades) || config.grades.some((g) => g === null || typeof g !== 'object' || typeof g.min !== 'number' || typeof g.grade !== 'string') || !config.grades.some((g) => g.min === 0)) fail('/grades', 'must list grade boundaries down to min 0');
  const mustHaves = config.mustHaves;
  if (mustHaves !== undefined) {
    if (mustHaves === null || typeof mustHaves !== 'object') fail('/mustHaves', 'must be an object');
    if (!config.grades?.some((g) => g.grade === mustHaves.gradeCap)) fail('/mustHaves/gradeCap', 'must be one of the grades');
    if (!Array.isArray(mustHaves.checks)) fail('/mustHaves/checks', 'must be a list');
    mustHaves.checks.forEach((rule, i) => {
      if (rule === null || typeof rule !== 'object' || typeof rule.check !== 'string' || rule.check === '' || typeof rule.why !== 'string' || rule.why === '') fail(`/mustHaves/checks/${i}`, 'needs a check id (or a prefix ending in *) and a why');
      if (rule.versions !== undefined && (!Array.isArray(rule.versions) || !rule.versions.every(isOcppVersion))) fail(`/mustHaves/checks/${i}/versions`, `must list OCPP versions (${OCPP_VERSIONS.join(', ')})`);
    });
  }
  return config as ScoringConfig;
}

import { appliesToVersion, type OcppVersion } from '../evidence/ocpp-version.js';
import type { Guideline } from './guideline.js';
import { sourcesCited } from './guideline-loader.js';

/**
 * The guideline as it applies to a station of `version`: the lines that declare other versions
 * (a 2.1 addition such as DataCollector) are left out, and so are the sources only they cite.
 */
export function guidelineForVersion(guideline: Guideline, version: OcppVersion): Guideline {
  const applies = (line: { versions?: readonly OcppVersion[] }): boolean => appliesToVersion(line, version);
  const components = guideline.components.filter(applies);
  const variables = guideline.variables.filter(applies);
  const monitors = guideline.monitors.filter(applies);
  const severities = guideline.severities.filter(applies);
  return { ...guideline, components, variables, monitors, severities, sources: sourcesCited([...components, ...variables, ...monitors, ...severities]) };
}

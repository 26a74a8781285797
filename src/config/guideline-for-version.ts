import { appliesToVersion, type OcppVersion } from '../evidence/ocpp-version.js';
import type { Guideline } from './guideline.js';
import { sourcesCited } from './guideline-loader.js';

/**
 * The guideline as it applies to a station of `version`: the lines that declare other versions
 * (a 2.1 addition such as DataCollector) are left out, and so are the sources only they cite. A
 * device-model line that declares no versions has its guideline's.
 */
export function guidelineForVersion(guideline: Guideline, version: OcppVersion): Guideline {
  const applies = (line: { versions?: readonly OcppVersion[] }): boolean => appliesToVersion({ versions: line.versions ?? guideline.versions }, version);
  const components = guideline.components.filter(applies);
  const variables = guideline.variables.filter(applies);
  const monitors = guideline.monitors.filter(applies);
  const severities = guideline.severities.filter(applies);
  // Configuration-key and message lines (the 1.6 guideline's) have no versions of their own.
  const lines = [...components, ...variables, ...monitors, ...severities, ...(guideline.configurationKeys ?? []), ...(guideline.messages ?? [])];
  return { ...guideline, components, variables, monitors, severities, sources: sourcesCited(lines) };
}

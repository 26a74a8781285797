import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { AuditResult } from '../result/audit-result.js';
import { TEMPLATE_DIRECTORY } from './html-renderer.js';
import { printable } from './printable.js';
import { runFacts, storedLabel, type RunFacts } from './run-facts.js';
import { ocppVersionOf, versionLabel } from '../evidence/ocpp-version.js';
import { OCPP_VERSIONS, type OcppVersion } from '../ocpp/protocol.js';
import { firstDeviceModelVersion, hasDeviceModelDiagnostics } from '../result/upgrade.js';

/** One station of a fleet run, and where its scorecard is. */
export interface FleetEntry {
  result: AuditResult;
  scorecard: string;
  /** The user's name for this run (`index --label`); default: the one given at `run --label`. */
  label?: string;
}

/** One line of the index: what the page shows, and the keys its column sort uses. */
export interface FleetRow extends Omit<RunFacts, 'label'> {
  identity: string;
  label: string;
  vendor: string;
  firmware: string;
  /** "OCPP 1.6", and the subprotocol the handshake settled on ("ocpp1.6"; empty for a result from before it was recorded). */
  ocpp: string;
  subprotocol: string;
  /** The OCPP_VERSIONS index of the version, for sorting (newest first). */
  versionOrder: number;
  guideline: string;
  /** Under the grade when the index mixes OCPP versions: the guideline it is a grade against. */
  gradeBasis: string;
  /** The score as a number for sorting (-1 when there is none). */
  scoreValue: number;
  link: string;
}

/** The runs of one OCPP version: grades are comparable only within a group. */
export interface FleetGroup {
  version: OcppVersion;
  /** "OCPP 1.6: 1 station, graded against ocpp-16-baseline", shown when the index holds several versions. */
  heading: string;
  /** The guidelines its stations were graded against. */
  guidelines: string[];
  rows: FleetRow[];
}

export interface FleetIndexModel {
  /** Every row, newest OCPP version first, then lowest score first. */
  rows: FleetRow[];
  /** The same rows by OCPP version, newest first. */
  groups: FleetGroup[];
  count: number;
  /** Whether any run has a label (the column is left out otherwise). */
  labelled: boolean;
  /** Several OCPP versions: their grades are against different guidelines and the page says so. */
  mixedVersions: boolean;
  /** What the grades of the versions present are against, when they are mixed. */
  versionsNote: string;
}

/**
 * The rows grouped by OCPP version, newest first (a 1.6 grade is against another guideline than a
 * 2.x one), each group lowest score first (the page's order without script), ties by station.
 */
export function buildFleetIndexModel(entries: readonly FleetEntry[], outDir: string): FleetIndexModel {
  const versions = new Set(entries.map(({ result }) => ocppVersionOf(result)));
  const mixedVersions = versions.size > 1;
  const rows = [...entries]
    .sort((a, b) => OCPP_VERSIONS.indexOf(ocppVersionOf(a.result)) - OCPP_VERSIONS.indexOf(ocppVersionOf(b.result)) || (a.result.score ?? -1) - (b.result.score ?? -1) || a.result.station.identity.localeCompare(b.result.station.identity))
    .map(({ result, scorecard, label }): FleetRow => {
      const facts = runFacts(result);
      const version = ocppVersionOf(result);
      return {
        ...facts,
        identity: result.station.identity,
        label: label ?? storedLabel(result) ?? '',
        vendor: `${result.station.boot?.vendorName ?? '–'} ${result.station.boot?.model ?? ''}`.trim(),
        firmware: result.station.boot?.firmwareVersion ?? '–',
        ocpp: versionLabel(version),
        subprotocol: result.station.protocol?.subprotocol ?? '',
        versionOrder: OCPP_VERSIONS.indexOf(version),
        guideline: result.guideline ? `${result.guideline.id} (${result.guideline.how})` : '–',
        gradeBasis: mixedVersions && result.guideline && result.grade ? `against ${result.guideline.id}` : '',
        scoreValue: typeof result.score === 'number' ? result.score : -1,
        link: relative(outDir, scorecard).split('\\').join('/'),
      };
    });
  const groups = OCPP_VERSIONS.filter((version) => versions.has(version)).map((version): FleetGroup => {
    const members = rows.filter((row) => row.ocpp === versionLabel(version));
    const guidelines = [...new Set(entries.filter(({ result }) => ocppVersionOf(result) === version).map(({ result }) => result.guideline?.id ?? 'no guideline'))];
    return { version, heading: `${versionLabel(version)}: ${members.length} station(s), graded against ${guidelines.join(', ')}`, guidelines, rows: members };
  });
  // A version without a device model is graded on far less (keys, error codes, logs): say so by name.
  const lesser = groups.filter((g) => !hasDeviceModelDiagnostics(g.version)).map((g) => versionLabel(g.version));
  const versionsNote = mixedVersions
    ? `Stations are listed by OCPP version, each graded against a guideline of its own version (${groups.map((g) => `${versionLabel(g.version)}: ${g.guidelines.join(', ')}`).join('; ')}), so a grade compares only with the grades of its own group.${lesser.length ? ` ${lesser.join(' and ')} ${lesser.length > 1 ? 'have' : 'has'} no device model and no monitors: ${lesser.length > 1 ? 'their' : 'its'} guideline asks for configuration keys, error codes and logs, far less than a device-model guideline, so ${lesser.length > 1 ? 'their' : 'its'} letters do not mean what the same letter means for an ${versionLabel(firstDeviceModelVersion())} station.` : ''}`
    : '';
  return { rows, groups, count: rows.length, labelled: rows.some((row) => row.label !== ''), mixedVersions, versionsNote };
}

/**
 * OUT/index.html after a run of several stations: each with its label, when it was audited, score,
 * grade (capped or none when incomplete), coverage and verdict counts, linking to its scorecard
 * (relative links, so the folder can be moved or zipped). Lowest score first; a small inline
 * script sorts by any column, and the page reads complete without it.
 */
export function renderFleetIndex(entries: readonly FleetEntry[], outDir: string, directory = TEMPLATE_DIRECTORY): string {
  const handlebars = Handlebars.create();
  const template = handlebars.compile(readFileSync(join(directory, 'index.hbs'), 'utf8'));
  return printable(template({ ...buildFleetIndexModel(entries, outDir), css: readFileSync(join(directory, 'scorecard.css'), 'utf8') }));
}

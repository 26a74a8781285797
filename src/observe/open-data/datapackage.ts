import { BEFORE_HOURS } from '../report/before-failure.js';
import { LATE_AFTER_S } from '../report/completeness.js';
import { DIALECT } from './csv.js';
import { tableSchema, type Table } from './table.js';

/** How one figure of the evidence report is made from the files, so that another party can make it again. */
export interface FigureRecipe {
  figure: string;
  resources: string[];
  method: string;
}

export const FIGURES: readonly FigureRecipe[] = [
  {
    figure: 'Stations and firmware',
    resources: ['stations', 'boots'],
    method: 'One line per station from stations.csv; its firmware over the period is the firmware_version of its boots in boots.csv in time order (the first row of a station is what it ran when the period began).',
  },
  {
    figure: 'Monitoring plan: what each station accepted, refused, lost and got back',
    resources: ['plan-outcomes'],
    method: 'Count plan-outcomes.csv rows per station and outcome; the latest row per station, component, variable and monitor_type is where each plan item stands at the end.',
  },
  {
    figure: 'Availability per port: uptime, T_outage, T_excluded and outages',
    resources: ['availability', 'statuses', 'connections', 'annotations'],
    method: 'Per port (station, evse_id, connector_id), sum known_s, outage_s and excluded_s of its availability.csv rows: uptime % = (known − (outage − excluded)) / known × 100, minutes = seconds / 60. The same numbers follow from statuses.csv, connections.csv and annotations.csv by the rule in the availability resource\'s description; an outage is a run of out time, its causes are in the causes column.',
  },
  {
    figure: '15-minute interval status',
    resources: ['availability'],
    method: 'The state column of availability.csv, one cell per port and slot_start.',
  },
  {
    figure: 'Events by component, variable, severity and fault code',
    resources: ['events', 'plan-outcomes'],
    method: 'Count events.csv rows per station, component (with its instance, EVSE and connector), variable and tech_code; ChargeX codes are the tech_code values of the ChargeX fault code list. An event\'s severity is that of its monitor: join monitor_id with plan-outcomes.csv (same station and monitor_id, the latest outcome before the event); events of hard-wired and preconfigured monitors have no plan severity.',
  },
  {
    figure: 'Timeline with the site notes',
    resources: ['events', 'annotations'],
    method: 'Each event at its station_time (received_at when empty), and each note of annotations.csv at its at (to until when given), per station.',
  },
  {
    figure: 'Before the failure',
    resources: ['annotations', 'samples', 'events'],
    method: `For each annotations.csv row of kind failure, the ${BEFORE_HOURS} hours before its at on that station: the samples.csv rows of that window per series, and the events.csv rows of the window that are not numeric periodic samples.`,
  },
  {
    figure: 'Sensor time series with thresholds',
    resources: ['samples', 'plan-outcomes', 'annotations'],
    method: 'samples.csv per series (station, component, component_instance, evse_id, connector_id, variable, variable_instance), value against at; the thresholds drawn are the value of the UpperThreshold and LowerThreshold monitors of the same component and variable in plan-outcomes.csv; zoomed out, the min and max of value per time bucket; notes from annotations.csv as markers.',
  },
  {
    figure: 'Data completeness',
    resources: ['connections', 'events'],
    method: `Offline spells: from a close to the next open in connections.csv. Late events: events.csv rows whose received_at is more than ${LATE_AFTER_S} s after station_time (the Periodic ones counted by their time, station_time else received_at, within the period); queued: of those, the ones stamped within an offline spell. Gaps: per series of the Periodic events (station, component, component_instance, evse_id, connector_id, variable, variable_instance), their times (station_time, else received_at) by UTC hour; the usual interval is the median of the intervals from each hour's last time to the next hour's first, and of each hour's mean interval ((last − first) / (reports − 1), counted reports − 1 times); a gap is an interval between hours longer than 1.5 times the usual one (round(interval / usual) − 1 missing), or an hour whose span (last − first) is longer than (reports − 0.5) times the usual interval (round(span / usual) − (reports − 1) missing, between its first and last time). Clock: per UTC day of station_time, the smallest received_at − station_time.`,
  },
];

export interface PackageInput {
  period: { from: string; to: string };
  stations?: readonly string[];
  /** The journal files the rows were read from (relative to observe's output directory). */
  journals: readonly string[];
  resources: ReadonlyArray<{ table: Table<never>; path: string; bytes: number; sha256: string }>;
  created: string;
}

/**
 * The data dictionary: a Frictionless Tabular Data Package (v1 profile `tabular-data-package`)
 * with a Table Schema per file, the scope, the sources and the recipe of each figure.
 */
export function dataPackage(input: PackageInput): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'ocpp-pilot-observation',
    title: `OCPP pilot observation, ${input.period.from} to ${input.period.to}`,
    description: description(input),
    created: input.created,
    // The tool cannot license data it does not own: the pilot that collected it sets the licence.
    // "notspecified" is the Open Definition id for exactly that state; edit it before publishing.
    licenses: [{ name: 'notspecified', title: 'License not specified: the pilot that collected this data sets its licence (e.g. CC-BY-4.0 or ODC-BY-1.0); replace this entry before publishing.' }],
    sources: input.journals.map((journal) => ({ title: `Journal ${journal} (every OCPP-J frame and connection event, JSON Lines)` })),
    period: input.period,
    ...(input.stations !== undefined ? { stations: [...input.stations] } : {}),
    figures: FIGURES,
    resources: input.resources.map(({ table, path, bytes, sha256 }) => ({
      profile: 'tabular-data-resource',
      name: table.name,
      path,
      title: table.title,
      description: table.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      bytes,
      hash: `sha256:${sha256}`,
      dialect: DIALECT,
      schema: tableSchema(table),
    })),
  };
}

function description(input: PackageInput): string {
  const scope = input.stations !== undefined ? `the stations ${input.stations.join(', ')}` : 'every station in the store';
  return [
    `What ocpp-audit observed of ${scope} from ${input.period.from} (inclusive) to ${input.period.to} (exclusive): the data behind the evidence report, so that anyone can make its figures again.`,
    'The journals (sources) are the evidence; these files are read from the store that indexes them, and each row names the journal and the record (journal, seq) it comes from. Site notes are the store\'s own.',
    'Format: CSV as RFC 4180 (comma, double quotes, CRLF line ends, a header row), UTF-8 without a byte order mark; times are ISO 8601 in UTC with milliseconds; an empty cell is a missing value.',
    'Spreadsheet safety: a text cell that begins with =, +, -, @, a tab or a carriage return (and is not a plain number), or with an apostrophe, is written with one apostrophe before it, so that a spreadsheet shows it as text instead of running it as a formula. To get the value as recorded, remove the first apostrophe of any text cell that begins with one.',
    'Licence: not specified. The data belongs to the pilot that collected it; set its licence in `licenses` before publishing.',
    '',
    'How each figure of the report is made (also in `figures`):',
    ...FIGURES.map((f) => `- ${f.figure} (${f.resources.map((r) => `${r}.csv`).join(', ')}): ${f.method}`),
  ].join('\n');
}

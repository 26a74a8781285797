/**
 * The OCPP 2.0.1 Part 5 certification profiles this audit can rehearse, and every TC_B / TC_N
 * charging-station test case each lists as mandatory or conditional. Data only: ids are the
 * spec's, titles are our own short words (never the spec's prose), from the team's facts sheet
 * (§5 "OCA test cases for blocks B and N": P6 2023 for Core, the 2.1 Ed2 Part 5 list for Advanced
 * Device Management, the 2023/2025 errata).
 *
 * Where the sheet names a condition (a PICS answer, an optional feature) the case is
 * `conditional` with that condition; a Core case the sheet lists with no condition is taken as
 * `mandatory`. CSMS-only cases (TC_B_31, TC_B_58, TC_N_29, TC_N_34, TC_N_46) are not listed:
 * they test the CSMS, not the station. TC_B_08_CS was withdrawn by the 2023 errata.
 *
 * `notRehearsed` says why no shipped test case or check covers a case; it must be present exactly
 * when the catalogue cites the id nowhere (a unit test holds the two together).
 */

import type { OcppVersion } from '../ocpp/protocol.js';

export type CaseStatus = 'mandatory' | 'conditional';
export type NotRehearsedWhy = 'needs a person' | 'needs hardware' | 'out of scope' | 'not in the catalogue';

export interface CertificationCase {
  id: string;
  title: string;
  status: CaseStatus;
  /** For a conditional case: what makes it apply. */
  condition?: string;
  notRehearsed?: { why: NotRehearsedWhy; detail: string };
  /** The OCPP versions whose certification lists the case (default: its profile's); 2.1's TC_N_100–109 are 2.1 only. */
  versions?: OcppVersion[];
}

export interface CertificationProfile {
  id: 'core' | 'advanced-device-management';
  /** The OCPP versions whose stations the profile certifies (default 2.0.1 and 2.1). */
  versions?: OcppVersion[];
  title: string;
  /** What the profile asks of the station, in our words. */
  about: string;
  cases: CertificationCase[];
}

const mandatory = (id: string, title: string, notRehearsed?: CertificationCase['notRehearsed']): CertificationCase => ({ id, title, status: 'mandatory', ...(notRehearsed ? { notRehearsed } : {}) });
const conditional = (id: string, title: string, condition: string, notRehearsed?: CertificationCase['notRehearsed']): CertificationCase => ({
  id,
  title,
  status: 'conditional',
  condition,
  ...(notRehearsed ? { notRehearsed } : {}),
});

const RESET = { why: 'out of scope', detail: 'the audit never resets the station; the transaction variants also need a vehicle' } as const;
const NETWORK_PROFILE = { why: 'out of scope', detail: 'the audit never moves the station to another connection profile or CSMS' } as const;
const LOG_UPLOAD = { why: 'not in the catalogue', detail: 'no shipped case makes a log upload fail or cancels one (logs-upload asks for the diagnostics and the security log)' } as const;
/** A test case OCPP 2.1 Edition 2 Part 5 adds: listed for 2.1 stations only. */
const only21 = (testCase: CertificationCase): CertificationCase => ({ ...testCase, versions: ['2.1'] });
const UPLOAD_AUTH = { why: 'not in the catalogue', detail: 'no shipped case gives the station an upload location with credentials (N01.FR.25)' } as const;
const CUSTOMER_DATA = { why: 'needs a person', detail: 'needs customer data on the station (an id token used for charging)' } as const;
const REBOOT = { why: 'out of scope', detail: 'needs a reboot; the audit never resets the station' } as const;
const OFFLINE = { why: 'not in the catalogue', detail: 'no shipped case takes the connection down while a monitor fires' } as const;

const resetCases = ['TC_B_20', 'TC_B_21', 'TC_B_22', 'TC_B_24', 'TC_B_25', 'TC_B_26', 'TC_B_27', 'TC_B_28', 'TC_B_29', 'TC_B_41'].map((id) => mandatory(id, 'Reset the station or an EVSE (one of the idle, immediate, in-transaction or refused variants)', RESET));
const migrateCases = ['TC_B_45', 'TC_B_46', 'TC_B_47', 'TC_B_48', 'TC_B_49', 'TC_B_50'].map((id) => mandatory(id, 'Move to a new connection profile (one of the success, fall-back and new-root variants)', NETWORK_PROFILE));

const SUMMARY = 'the station implements the SummaryInventory base report';
const DM0 = 'the station claims Advanced Device Management (PICS DM-0)';

/** Core: boot, the device model (get/set variables, base reports), reset, network profiles, logs and customer data. */
const CORE: CertificationProfile = {
  id: 'core',
  title: 'Core',
  about: 'Every certified station: boot, reading and writing variables, base reports (the device-model cases this audit rehearses), plus reset, network profiles, logs and customer data.',
  cases: [
    mandatory('TC_B_01', 'Boot accepted by the CSMS'),
    mandatory('TC_B_02', 'Boot answered Pending: the station waits and is provisioned'),
    mandatory('TC_B_03', 'Boot answered Rejected: the station retries later', { why: 'out of scope', detail: 'the audit accepts every boot; rejecting the station would end the audit' }),
    mandatory('TC_B_30', 'Before acceptance, other requests get a SecurityError'),
    mandatory('TC_B_51', 'Connector status changed while offline longer than OfflineThreshold', { why: 'needs a person', detail: 'a connector must change state while the station is offline' }),
    mandatory('TC_B_52', 'Connector status changed while offline shorter than OfflineThreshold', { why: 'needs a person', detail: 'a connector must change state while the station is offline' }),
    mandatory('TC_B_06', 'Read one variable'),
    mandatory('TC_B_07', 'Read several variables in one request', { why: 'not in the catalogue', detail: 'no shipped case reads several variables in one GetVariables yet' }),
    mandatory('TC_B_32', 'Read from an unknown component'),
    mandatory('TC_B_33', 'Read an unknown variable'),
    mandatory('TC_B_34', 'Read an attribute type the variable does not have'),
    mandatory('TC_B_09', 'Write one variable'),
    mandatory('TC_B_10', 'Write several variables in one request', { why: 'not in the catalogue', detail: 'no shipped case writes several variables in one SetVariables yet' }),
    mandatory('TC_B_35', 'Write to an unknown component'),
    mandatory('TC_B_36', 'Write an unknown variable'),
    mandatory('TC_B_37', 'Write an attribute type the variable does not have'),
    mandatory('TC_B_11', 'Write badly formatted values: refused as invalid'),
    mandatory('TC_B_39', 'Write a read-only variable: refused'),
    mandatory('TC_B_12', 'ConfigurationInventory base report: paging, writable variables only'),
    mandatory('TC_B_13', 'FullInventory base report: paging, everything reported'),
    conditional('TC_B_14', 'SummaryInventory base report', SUMMARY),
    conditional('TC_B_15', 'SummaryInventory refused as not supported', 'the station does not implement the SummaryInventory base report'),
    mandatory('TC_B_53', 'FullInventory holds every required device-model variable'),
    ...resetCases,
    mandatory('TC_B_23', 'An EVSE set unavailable stays so across a reset', RESET),
    mandatory('TC_B_42', 'New connection profile accepted', NETWORK_PROFILE),
    mandatory('TC_B_43', 'New connection profile rejected', NETWORK_PROFILE),
    mandatory('TC_B_44', 'New connection profile failed', NETWORK_PROFILE),
    ...migrateCases,
    mandatory('TC_B_57', 'Reconnect after losing the connection, with back-off', { why: 'not in the catalogue', detail: 'no shipped case drops the connection to time the reconnection' }),
    mandatory('TC_N_25', 'Diagnostics log upload succeeds'),
    mandatory('TC_N_26', 'Diagnostics log upload fails and says so', LOG_UPLOAD),
    mandatory('TC_N_35', 'Security log upload succeeds'),
    mandatory('TC_N_36', 'A second log request cancels the running upload', LOG_UPLOAD),
    only21(conditional('TC_N_100', 'DataCollector log retrieved and uploaded', 'the station supports DataCollectorLog (feature C-65)')),
    only21(conditional('TC_N_101', 'A log upload that is redirected fails and says so', 'the station uploads logs over HTTP or HTTPS')),
    only21(conditional('TC_N_102', 'Log upload with HTTP authentication', 'the station uploads logs over HTTP', UPLOAD_AUTH)),
    only21(conditional('TC_N_103', 'Log upload with HTTPS authentication', 'the station uploads logs over HTTPS', UPLOAD_AUTH)),
    mandatory('TC_N_27', 'Customer information requested, data found', CUSTOMER_DATA),
    mandatory('TC_N_28', 'Customer information requested, no data', CUSTOMER_DATA),
    mandatory('TC_N_30', 'Customer information cleared and reported, data found', CUSTOMER_DATA),
    mandatory('TC_N_31', 'Customer information cleared and reported, no data', CUSTOMER_DATA),
    mandatory('TC_N_32', 'Customer information cleared without a report', CUSTOMER_DATA),
    mandatory('TC_N_33', 'Customer information request that is invalid', CUSTOMER_DATA),
    conditional('TC_N_62', 'Customer information cleared by customer identifier', 'the station supports customer identifiers (feature C-14)', CUSTOMER_DATA),
    conditional('TC_N_63', 'Customer information cleared by customer certificate', 'the station supports ISO 15118 certificates', { why: 'needs hardware', detail: 'needs an ISO 15118 contract certificate on the station' }),
  ],
};

/** Advanced Device Management: custom reports and monitoring; every case applies only when the station claims it. */
const ADVANCED_DEVICE_MANAGEMENT: CertificationProfile = {
  id: 'advanced-device-management',
  title: 'Advanced Device Management',
  about: 'Stations that claim it: custom reports, variable monitors, monitoring bases and levels, and the events monitors raise.',
  cases: [
    conditional('TC_B_16', 'Custom report by component criteria', DM0),
    conditional('TC_B_17', 'Custom report by component and variable', DM0),
    conditional('TC_B_18', 'Custom report by criteria and component/variable together', DM0, { why: 'not in the catalogue', detail: 'no shipped case combines criteria with a component/variable list' }),
    conditional('TC_B_19', 'Custom report with unknown component criteria', DM0, { why: 'not in the catalogue', detail: 'no shipped case asks for unknown criteria' }),
    conditional('TC_B_54', 'Custom report for a component without an instance', DM0),
    conditional('TC_B_55', 'Custom report for a component with an instance', DM0, { why: 'not in the catalogue', detail: 'no shipped case names a component instance in GetReport' }),
    conditional('TC_B_56', 'Custom report for a component without an EVSE id', DM0, { why: 'not in the catalogue', detail: 'no shipped case leaves out the EVSE of an EVSE-bound component' }),
    conditional('TC_N_01', 'Monitoring report filtered by monitor criteria', DM0),
    conditional('TC_N_02', 'Monitoring report filtered by component/variable', DM0),
    conditional('TC_N_03', 'Monitoring report filtered by criteria and component/variable', DM0, { why: 'not in the catalogue', detail: 'no shipped case combines both filters' }),
    conditional('TC_N_04', 'Monitoring report with unknown component criteria', DM0, { why: 'not in the catalogue', detail: 'no shipped case asks for unknown criteria' }),
    conditional('TC_N_47', 'Monitoring report of every monitor', DM0),
    conditional('TC_N_60', 'Monitoring report by criteria and a list of components/variables', DM0, { why: 'not in the catalogue', detail: 'no shipped case combines criteria with a list' }),
    conditional('TC_N_05', 'Monitoring base switched', DM0),
    conditional('TC_N_06', 'Switching base removes custom monitors', DM0),
    conditional('TC_N_07', 'Unknown monitoring base refused', DM0, { why: 'not in the catalogue', detail: 'no shipped case asks for an unsupported base' }),
    conditional('TC_N_08', 'Set one monitor', DM0),
    conditional('TC_N_09', 'Set monitors on different variables in one request', DM0),
    conditional('TC_N_10', 'Set several monitors on one variable', DM0),
    conditional('TC_N_11', 'Monitor on an unknown component refused', DM0),
    conditional('TC_N_37', 'Monitor on an unknown variable refused', DM0),
    conditional('TC_N_38', 'Monitor type the variable does not support refused', DM0),
    conditional('TC_N_12', 'Negative delta monitor refused', DM0),
    conditional('TC_N_13', 'Threshold outside the variable limits refused', DM0),
    conditional('TC_N_15', 'Second monitor of the same type and severity refused as duplicate', DM0),
    conditional('TC_N_39', 'Monitor id that does not match its component/variable refused', DM0),
    conditional('TC_N_40', 'Monitor replaced by its id', DM0),
    conditional('TC_N_41', 'Monitors back to the factory default', DM0),
    conditional('TC_N_43', 'Three monitors, the middle one out of range: each judged on its own', DM0),
    conditional('TC_N_51', 'Changed monitor is evaluated again and fires', DM0, { why: 'not in the catalogue', detail: 'no shipped case changes a monitor that is already tripped' }),
    conditional('TC_N_52', 'Removed monitor sends no cleared event', DM0, { why: 'not in the catalogue', detail: 'no shipped case removes a tripped monitor and watches for a cleared event' }),
    conditional('TC_N_24', 'Periodic monitor reports on time', DM0),
    conditional('TC_N_16', 'Monitoring level set', DM0),
    conditional('TC_N_17', 'Monitoring level out of range refused', DM0),
    conditional('TC_N_18', 'Monitors cleared', DM0),
    conditional('TC_N_19', 'Clearing an unknown monitor says not found', DM0),
    conditional('TC_N_44', 'Clearing a hard-wired monitor refused', `${DM0} and has a hard-wired monitor (PICS AQ-5)`),
    conditional('TC_N_20', 'Threshold crossed: alert, then cleared', DM0),
    conditional('TC_N_21', 'Hard-wired monitor raises an alert', `${DM0} and has a hard-wired monitor (PICS AQ-5)`),
    conditional('TC_N_45', 'Delta exceeded raises an alert', DM0),
    conditional('TC_N_56', 'Any change of a non-numeric delta-monitored value raises an alert', DM0),
    conditional('TC_N_48', 'Monitor on a write-only variable reports no value', `${DM0} and monitors write-only variables (PICS AQ-10)`, { why: 'not in the catalogue', detail: 'no shipped case monitors a write-only variable' }),
    conditional('TC_N_49', 'Threshold alert cleared after a reboot', DM0, REBOOT),
    conditional('TC_N_50', 'Periodic monitor fires', DM0),
    conditional('TC_N_53', 'Monitors survive a reboot', DM0, REBOOT),
    conditional('TC_N_61', 'Monitor on a numeric variable', DM0, { why: 'not in the catalogue', detail: 'no shipped case cites it; its content is only known from secondary sources' }),
    only21(conditional('TC_N_104', 'Monitoring report of the Delta criterion lists the target-delta monitors', DM0)),
    only21(conditional('TC_N_105', 'Frequent periodic monitor reported through a stream', DM0)),
    only21(conditional('TC_N_106', 'A stream the CSMS rejects: the monitor reports with NotifyEvent', DM0)),
    only21(conditional('TC_N_107', 'Open streams listed', DM0)),
    only21(conditional('TC_N_108', 'Stream closed when its monitor is cleared', DM0)),
    only21(conditional('TC_N_109', 'Stream rate adjusted', DM0)),
    conditional('TC_N_22', 'Offline: events at or below the queuing severity are kept and sent later', `${DM0} and queues events offline (PICS DM-3)`, OFFLINE),
    conditional('TC_N_23', 'Offline: events above the queuing severity are dropped', `${DM0} and queues events offline (PICS DM-3)`, OFFLINE),
  ],
};

/** Ids the catalogue cites that no profile here lists as a station case, and why. */
export const OUTSIDE_PROFILES: Readonly<Record<string, string>> = {
  TC_B_08: 'station variant withdrawn by the 2023 errata (the limit is a CSMS requirement); the catalogue still checks the station keeps its own limits',
};

export const CERTIFICATION_PROFILES: readonly CertificationProfile[] = [CORE, ADVANCED_DEVICE_MANAGEMENT];

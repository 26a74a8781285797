import type { OcppVersion } from '../ocpp/protocol.js';
/**
 * The evidence of one audit: everything the scenario runner collected from one station, in a
 * versioned shape that checks read and `evidence.json` stores. Every observation carries the
 * journal sequence numbers (`seqs`) of the frames that show it, so a verdict can point at them.
 */
import type { StationMonitor } from './station-monitors.js';

/** 2: evidence.json no longer stores the device-model entries (they are derived from the report). */
export const EVIDENCE_VERSION = 2;

export interface ComponentRefJson {
  name: string;
  instance?: string;
  evse?: { id: number; connectorId?: number };
}

export interface VariableRefJson {
  name: string;
  instance?: string;
}

/** One report item of a NotifyReport, as the station sent it, with the frame it came in. */
export interface DeviceModelEntry {
  component: ComponentRefJson;
  variable: VariableRefJson;
  variableAttribute: Array<{ type?: string; value?: string; mutability?: string; persistent?: boolean; constant?: boolean }>;
  variableCharacteristics?: {
    dataType?: string;
    unit?: string;
    minLimit?: number;
    maxLimit?: number;
    valuesList?: string;
    supportsMonitoring?: boolean;
  };
  seq: number;
}

/** A station CALL as collected (NotifyReport part, NotifyEvent, ...). */
export interface CollectedMessage {
  seq: number;
  action: string;
  receivedAt: string;
  valid: boolean;
  connection: number;
  payload: Record<string, unknown>;
}

/** What a CALL from the audit produced: the response, or why there was none. */
export interface CallCapture {
  kind: 'call';
  action: string;
  request: Record<string, unknown>;
  ok: boolean;
  response?: Record<string, unknown>;
  /** CALLERROR code, or timeout / disconnected / invalid-response / malformed-response. */
  failure?: { kind: string; errorCode?: string; description: string };
  durationMs: number;
  sentAt: string;
  seqs: number[];
  /** The request went out in this many parts, to respect the station's message limits. */
  batches?: number;
  /** A request sent just beyond one of the station's message limits on purpose (limit-probe step). */
  limitProbe?: LimitProbeFacts;
  /** Monitors asking for one periodic event stream more than the station supports (stream-limit-probe step, OCPP 2.1). */
  streamLimitProbe?: StreamLimitProbeFacts;
  /** Set when the call timed out while the auditor itself was this late (ms): see ToolLateness. */
  toolLateMs?: number;
}

/** Station messages gathered by an await or collect-report step. */
export interface MessagesCapture {
  kind: 'messages';
  action: string;
  /** The wait started at this journal cursor; messages are those recorded after it. */
  after: number;
  startedAt: string;
  endedAt: string;
  /** How long the wait was allowed to take (the step's window × --timeout-scale), ms. */
  windowMs?: number;
  /** True when the awaited count or the report's last part (tbc false) arrived in time. */
  complete: boolean;
  messages: CollectedMessage[];
  /** The auditor's own worst lateness during the wait (its event loop blocked), ms; absent when it kept time. */
  toolLateMs?: number;
}

/** Variable values read with GetVariables (read-variables step). */
export interface VariablesCapture {
  kind: 'variables';
  values: Array<{ component: ComponentRefJson; variable: VariableRefJson; attributeType: string; status: string; value?: string }>;
  seqs: number[];
}

/** What a limit probe went beyond: the limit, as the station advertises it, and the request's size. */
/**
 * What a stream-limit-probe asked for and saw: MonitoringCtrlr.MaxPeriodicEventStreams + 1
 * monitors, each with a periodicEventStream, and the OpenPeriodicEventStream requests that
 * followed for them within the window, before the monitors were cleared again.
 */
export interface StreamLimitProbeFacts {
  /** MonitoringCtrlr.MaxPeriodicEventStreams as the station reports it. */
  maxPeriodicEventStreams: number;
  /** Monitors asked for, each with a stream (one more than the maximum). */
  monitors: number;
  /** Ids of the monitors the station accepted. */
  accepted: number[];
  /** OpenPeriodicEventStream requests for those monitors within the window. */
  opened: Array<{ seq: number; streamId?: number; variableMonitoringId?: number }>;
  /** How long the Opens were awaited, ms. */
  windowMs: number;
  /** Monitors cleared again at the end of the step. */
  cleared: number[];
}

export interface LimitProbeFacts {
  limit: 'items' | 'bytes';
  /** e.g. DeviceDataCtrlr.ItemsPerMessage[GetVariables]. */
  variable: string;
  value: number;
  /** Elements in the request's list. */
  elements: number;
  /** Bytes of the request's JSON payload. */
  bytes: number;
  /** An element-count probe that could not stay under BytesPerMessage as well. */
  alsoOverBytes?: true;
  /** Monitors a station accepted from the probe, cleared again at once. */
  clearedMonitors?: number[];
}

/** The monitors one GetMonitoringReport listed (snapshot-monitors step). */
export interface MonitorsCapture {
  kind: 'monitors';
  /** The GetMonitoringReport status (Accepted, EmptyResultSet, ...), or why no answer came. */
  status: string;
  /** Every report part arrived (the last with tbc false), or the station has none (EmptyResultSet). */
  complete: boolean;
  monitors: StationMonitor[];
  /** An id none of these monitors has: a probe of an unknown id touches nothing that is there. */
  unusedId: number;
  seqs: number[];
}

/** A custom monitor the case removed, and what restore-monitors did to set it again. */
export interface LostMonitor {
  /** The monitor as it was recorded before the case changed anything. */
  monitor: StationMonitor;
  /** The SetVariableMonitoring that set it again. */
  recreate?: {
    /** Id of the station's monitor with the same place, type and severity whose settings were put back (N04.FR.12, N04.FR.15). */
    replacing?: number;
    /** The result status, or `not sent` with the reason in `detail`. */
    status: string;
    id?: number;
    /** statusInfo of the result, a CALLERROR, a timeout, or why it was not sent. */
    detail?: string;
    /** The station gave no answer (timeout, disconnect): the outcome is unknown. */
    unanswered?: true;
  };
  /** Id of the monitor with the same settings in the report that followed; absent when none was listed. */
  verifiedAs?: number;
}

/**
 * What restore-monitors found and did. A monitor recorded before the case and gone after it is
 * custom (set through a CSMS; SetMonitoringBase FactoryDefault / HardWiredOnly delete those, N03)
 * unless a report taken after such a base still listed it: then it is the manufacturer's, and only
 * the station can bring it back.
 */
export interface MonitorRestoreCapture {
  kind: 'monitor-restore';
  /** The record taken before the case changed anything. */
  found: { count: number; complete: boolean };
  /** The report taken after the case's cleanup, before setting anything again. */
  present?: { status: string; complete: boolean; count: number };
  /** The report taken after setting them again; absent when nothing was sent. */
  verified?: { status: string; complete: boolean; count: number };
  /** The custom monitors that were gone, each with what the audit did to set it again. */
  custom: LostMonitor[];
  /** The manufacturer's monitors that were gone (not set again by the audit). */
  manufacturer: StationMonitor[];
  seqs: number[];
}

export type Capture = CallCapture | MessagesCapture | VariablesCapture | MonitorsCapture | MonitorRestoreCapture;

export type StepStatus = 'ok' | 'unmet' | 'skipped' | 'failed';

/** What one step did. `unmet`: an expectation was not met; `failed`: the step could not run. */
export interface StepOutcome {
  index: number;
  id: string;
  kind: string;
  phase: 'steps' | 'cleanup';
  status: StepStatus;
  detail: string;
  startedAt: string;
  durationMs: number;
  seqs: number[];
  /** The outcome cannot be judged (the station timed out or was gone): its check is INCONCLUSIVE. */
  inconclusive?: true;
  /** The step did not apply to this station (its `needs`, e.g. no read-only variable): its check is NOT APPLICABLE with `detail`. */
  notApplicable?: true;
  /** The test case's own error (file, JSON pointer, reference) when the tool could not build the step; never the station's doing. */
  authoringError?: string;
  /** The station broke a rule outright (e.g. GetVariables Accepted without a value): its check is FAIL even at level warn. */
  defect?: true;
  /** The check this step declares (expect/await steps with `check`), copied for the checks. */
  check?: { title: string; refs: string[]; level: 'fail' | 'warn' };
}

export type CaseStatus = 'completed' | 'not-applicable' | 'inconclusive';

/** A case's reason when the station left for good before it: the audit is incomplete (src/scoring/coverage.ts). */
export const STATION_GONE = 'the station is not connected and did not come back';

/**
 * A file a station uploaded to the audit's receiver during a case (GetDiagnostics, GetLog), with
 * the journal record that marks its arrival.
 */
export interface ReceivedUpload {
  /** The name the station gave it: the multipart file name, Content-Disposition, or the path below the location. */
  name?: string;
  /** Bytes received (for a refused oversize upload: how many were sent before it was cut). */
  size: number;
  sha256: string;
  method: string;
  /** The request path below the location ('' for the location itself). */
  path: string;
  contentType?: string;
  receivedAt: string;
  /** The file's name in the audit's `uploads/` folder, when it could be kept. */
  savedAs?: string;
  /** Larger than the receiver takes: refused (413), not kept. */
  truncated?: true;
  /** Arrived at the address the receiver redirected to: the station followed a redirect (a case with `upload.redirect`). */
  viaRedirect?: true;
  /** Journal seq of the `upload-received` record. */
  seq?: number;
}

export interface CaseEvidence {
  id: string;
  title: string;
  proves: string;
  refs: string[];
  category: string;
  status: CaseStatus;
  /** Why not applicable or inconclusive. */
  reason?: string;
  startedAt?: string;
  finishedAt?: string;
  steps: StepOutcome[];
  captures: Record<string, Capture>;
  /** The selected cases that needed this one: it was not selected, and ran first as their prerequisite. */
  prerequisiteOf?: string[];
  /** Where the case told the station to upload files (`${upload.location}`), and what arrived there. */
  /** `redirects`: the uploads answered with a redirect, when the case asked for one (`upload.redirect`). */
  uploads?: { location: string; received: ReceivedUpload[]; redirects?: Array<{ method: string; path: string; receivedAt: string; seq?: number }> };
}

/** A variable the runner chose for a role (or the user forced), and why. */
export interface TargetChoice {
  role: string;
  component: ComponentRefJson;
  variable: VariableRefJson;
  source: 'auto' | 'user';
  reason: string;
  dataType?: string;
  minLimit?: number;
  maxLimit?: number;
  /** The Actual value when chosen (the value to restore). */
  value?: string;
}

export interface Evidence {
  /** EVIDENCE_VERSION when written by this tool; 1 when read from an older evidence.json. */
  evidenceVersion: number;
  tool: { name: string; version: string };
  station: {
    identity: string;
    boot?: { reason?: string; vendorName?: string; model?: string; serialNumber?: string; firmwareVersion?: string; seq?: number };
    securityProfile: number;
    /** The OCPP version the handshake settled on, and what the station offered (absent before issue 17: 2.0.1). */
    protocol?: { version: OcppVersion; subprotocol: string; offered: string[] };
  };
  options: Record<string, unknown>;
  startedAt: string;
  finishedAt?: string;
  /** Set when the audit stopped early (Ctrl-C, station gone for good). */
  interrupted?: { reason: string };
  /** The device model as the FullInventory reported it (empty when it never came). */
  deviceModel: { source?: string; complete: boolean; entries: DeviceModelEntry[] };
  targets: TargetChoice[];
  /** Roles no variable could fill, with the reason. */
  missingTargets: Array<{ role: string; reason: string }>;
  cases: CaseEvidence[];
  /** Every case the tool had to offer for the station's OCPP version (id, category), selected or not; absent in older evidence. */
  catalogue?: Array<{ id: string; category: string }>;
  /** Every StatusNotification and NotifyEvent of the whole audit (topology, event quality, rates). */
  statusNotifications: CollectedMessage[];
  /** Every BootNotification of the session, the first before the audit began (Pending windows, reboots). */
  boots: CollectedMessage[];
  notifyEvents: CollectedMessage[];
  /** Every SecurityEventNotification of the session (OCPP 2.x, 1.6 security WP A04); absent in older evidence. */
  securityEvents?: CollectedMessage[];
  /** Every DiagnosticsStatusNotification and LogStatusNotification of the session (1.6 §4.4, security WP N01); absent in older evidence. */
  uploadStatusNotifications?: CollectedMessage[];
  /** A cheap round trip after each monitoring case: did the station still answer? */
  liveness: LivenessProbe[];
  /** Protocol faults of the station's frames over the whole session (first 10 000). */
  protocolFindings: Array<{ seq: number; messageType?: string; action?: string; findings: Array<{ code: string; message: string }> }>;
  connections: Array<{ connection: number; event: 'open' | 'close'; at: string; seq: number; code?: number }>;
  /** trace.jsonl and its SHA-256 (taken at close); `connections`: the connection events beside it (see journal-files.ts). */
  journal: { file: string; sha256?: string; connections?: { file: string; sha256: string } };
}

/**
 * One liveness round trip. Any answer proves the station alive, a CALLERROR included; only
 * silence on an open connection means it has wedged.
 */
export interface LivenessProbe {
  afterCase: string;
  /** The station answered (a CALLRESULT or a CALLERROR). */
  ok: boolean;
  /**
   * How it went; absent in evidence written before issue 13, where `ok: false` meant any failure.
   * `not-kept`: no answer, but the auditor's own event loop was too blocked to keep the wait.
   */
  outcome?: 'answered' | 'silent' | 'disconnected' | 'not-kept';
  /** The request used: something the station had already answered in this audit, when there was one. */
  probe?: string;
  detail: string;
  durationMs: number;
  seqs: number[];
}

/** Evidence with nothing collected yet: the start of every audit (and of test fixtures). */
export function newEvidence(start: Pick<Evidence, 'tool' | 'station' | 'options' | 'startedAt'> & { journalFile: string }): Evidence {
  return {
    evidenceVersion: EVIDENCE_VERSION,
    tool: start.tool,
    station: start.station,
    options: start.options,
    startedAt: start.startedAt,
    deviceModel: { complete: false, entries: [] },
    targets: [],
    missingTargets: [],
    cases: [],
    statusNotifications: [],
    boots: [],
    notifyEvents: [],
    liveness: [],
    protocolFindings: [],
    connections: [],
    journal: { file: start.journalFile },
  };
}

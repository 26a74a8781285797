import type { OcppVersion } from '../ocpp/protocol.js';
/**
 * A declarative test case (`testcases/<id>.json`, checked against testcases/testcase.schema.json).
 * Strings in payloads and parameters may hold `${path}` references into the case context
 * (targets, captures, request ids, options); see template.ts.
 */
export interface TestCase {
  id: string;
  title: string;
  /** What passing this case shows about the station, in one or two sentences. */
  proves: string;
  /** Use cases (N03), requirement ids (N03.FR.01) and OCTT test case ids (TC_N_06). */
  refs: string[];
  /** Scoring category of its checks (protocol, inventory, variables, monitoring, events, robustness; diagnostics: 1.6 logs and triggers). */
  category: string;
  /** Order in the catalogue; cases run in ascending order. */
  order: number;
  /** The OCPP versions the case is played on (default DEFAULT_VERSIONS: 2.0.1 and 2.1). */
  versions?: OcppVersion[];
  /** Conditions for the case to apply; the first unmet one makes it NOT APPLICABLE with its reason. */
  needs?: Need[];
  /** Ask for a liveness round trip after the case (monitoring cases: the wedge bug). */
  liveness?: boolean;
  /** The collect-report capture of a FullInventory that becomes the audit's device model. */
  deviceModelFrom?: string;
  /** Facts for later cases: `known.<name>` gets the value at the path (e.g. a hard-wired monitor's id). */
  remember?: Record<string, string>;
  /** How the case's upload receiver (`${upload.location}`) answers: `redirect` sends every upload elsewhere (TC_N_101). */
  upload?: { redirect?: boolean };
  steps: Step[];
  /** Run after the steps, whatever happened in them (restores what the case changed). */
  cleanup?: Step[];
}

/**
 * `monitoring`: the station does not say it lacks monitoring (a refused monitoring request or
 * probe monitor, or no MonitoringCtrlr, with no monitoring request accepted) and has not switched
 * it off;
 * `has:<path>`: the context holds a value there, e.g. `has:targets.numeric.outOfRange`, `has:known.hardWiredMonitor`;
 * `lacks:<path>`: it does not (a fallback for stations without, e.g., a writable numeric target);
 * `periodicEventStreams`: the station does not report MonitoringCtrlr.MaxPeriodicEventStreams 0 (OCPP 2.1);
 * `dataCollector`: the station's device model has a DataCollector with Enabled true (OCPP 2.1 N01.FR.24);
 * `interactive`: an operator is present (not with --non-interactive).
 */
export type Need = string;

/** A verdict the step contributes: PASS when met, FAIL (or WARN for level warn) when not. */
export interface StepCheck {
  title: string;
  refs: string[];
  level?: 'fail' | 'warn';
}

interface StepBase {
  /** Unique within the case; names the step in evidence and check ids (`<case>/<step>`). */
  id: string;
  check?: StepCheck;
  /** When the step's expectation is unmet, skip the remaining steps (cleanup still runs). */
  stopIfUnmet?: boolean;
  /**
   * Conditions for this step alone (same language as the case's `needs`): unmet, the step and its
   * check are NOT APPLICABLE with the reason, and so are the steps that use its capture; the
   * case's other steps still run (one probe per variable the station has).
   */
  needs?: Need[];
}

export interface SendStep extends StepBase {
  kind: 'send';
  action: string;
  payload: Record<string, unknown>;
  /** Capture name (default: the step id). */
  as?: string;
  timeoutS?: number;
  /** An optional feature: CALLERROR NotSupported / NotImplemented makes the case NOT APPLICABLE. */
  optional?: boolean;
  /** false: send the list as written even beyond the station's limits (a probe of the limit). Default true. */
  split?: boolean;
}

/**
 * An ordinary request that only has to be answered (any CALLRESULT or CALLERROR): no answer while
 * the connection stays open is a definite failure. Captured like a send step, under its id.
 */
export interface LivenessProbeStep extends StepBase {
  kind: 'liveness-probe';
  action: string;
  payload: Record<string, unknown>;
  /** A send step whose request set what is in force (monitors): the detail names it and the time since. */
  while?: string;
  timeoutS?: number;
}

/**
 * One request just beyond a limit the station advertises (ItemsPerMessage or BytesPerMessage of
 * the action), built by the tool and judged by the message-limits check (it declares no check).
 */
export interface LimitProbeStep extends Omit<StepBase, 'check'> {
  kind: 'limit-probe';
  action: 'GetVariables' | 'SetVariables' | 'SetVariableMonitoring' | 'ClearVariableMonitoring';
  limit: 'items' | 'bytes';
  timeoutS?: number;
  check?: undefined;
}

/** A condition on a capture: the value at `at` (dot path, `*` for every array element). */
export interface Condition {
  at: string;
  oneOf?: unknown[];
  equals?: unknown;
  exists?: boolean;
  atLeast?: number;
  atMost?: number;
  /** Deep partial match: every given field equals. */
  matches?: Record<string, unknown>;
}

/**
 * An earlier step whose result this one needs (the report it reads). When that step was unmet
 * because of the station (not a timeout or disconnect), this step is unmet with the same
 * reason instead of running: its check is FAIL, not INCONCLUSIVE, nor a PASS that only holds
 * because nothing arrived (N02: an accepted GetMonitoringReport that never sends its report).
 */
interface Dependent {
  dependsOn?: string;
}

export interface ExpectStep extends StepBase, Condition, Dependent {
  kind: 'expect';
  /** The capture the condition reads. */
  of: string;
}

export interface AwaitStep extends StepBase, Dependent {
  kind: 'await';
  action: string;
  /** Dot-path → expected value (`*` matches any array element); all must hold. */
  match?: Record<string, unknown>;
  /** How many matching messages to wait for (default 1); may be a `${...}` reference, e.g. `${options.periodicIntervals}`. */
  count?: number | string;
  withinS: number;
  /** Look at messages from the start of this step on (default: the last send step's start). */
  after?: string;
  /**
   * With `after` naming a send step: only messages after the station's answer to it count, so a
   * message sent before the answer (or one that was on its way anyway) is not taken for the one
   * asked for (1.6 §5.17: the answer first, then the triggered message).
   */
  afterAnswer?: boolean;
  as?: string;
}

export interface CollectReportStep extends StepBase {
  kind: 'collect-report';
  action: 'NotifyReport' | 'NotifyMonitoringReport';
  requestId: string | number;
  withinS: number;
  after?: string;
  as?: string;
}

export interface WaitStep extends StepBase {
  kind: 'wait';
  seconds: number | string;
}

/** Waits until the station's clock stands at `phase` of an interval (a measurement placed mid-interval). */
export interface WaitUntilPhaseStep extends StepBase {
  kind: 'wait-until-phase';
  /** The interval, s; may be a `${...}` reference, e.g. `${options.clockAlignedIntervalS}`. */
  intervalS: number | string;
  /** Where in the interval, 0 (on a boundary) to below 1; default 0.5 (mid-interval). */
  phase?: number;
}

export interface ReadVariablesStep extends StepBase {
  kind: 'read-variables';
  variables: Array<{ component: unknown; variable: unknown; attributeType?: string }>;
  as?: string;
}

export interface RestoreVariablesStep extends StepBase {
  kind: 'restore-variables';
  /** A read-variables capture: every Accepted value is written back with SetVariables. */
  from: string;
}

/**
 * GetMonitoringReport and the monitors it lists, as a capture (`captures.<id>.monitors`,
 * `captures.<id>.unusedId`). EmptyResultSet is a complete, empty list. Unmet when the list is not
 * complete, or, with `sameAs`, when the monitors differ from those (ids and order aside).
 */
export interface SnapshotMonitorsStep extends StepBase {
  kind: 'snapshot-monitors';
  requestId: string | number;
  withinS: number | string;
  /** Report parts or monitors to compare with, usually `${known.…}`: unmet, naming each difference, unless the same monitors are listed. */
  sameAs?: unknown;
  /** Monitors left out of the `sameAs` comparison on both sides, e.g. `${known.…}` of what another case already judged. */
  ignoring?: unknown;
  as?: string;
}

/**
 * Puts back the monitors a snapshot-monitors step recorded and the case removed (SetMonitoringBase
 * FactoryDefault / HardWiredOnly delete custom monitors, N03): reads the monitors now, sets each
 * missing custom monitor again (type, value, severity, transaction flag; the station gives new
 * ids) and reads them again to verify.
 */
export interface RestoreMonitorsStep extends StepBase {
  kind: 'restore-monitors';
  /** The snapshot-monitors capture taken before the case changed anything. */
  from: string;
  /**
   * Report captures (collect-report or snapshot-monitors) taken right after FactoryDefault or
   * HardWiredOnly: a monitor they list survived a base that deletes custom monitors, so it is the
   * manufacturer's and never set again by the audit.
   */
  manufacturerReports?: string[];
  /** For the report before setting anything, and for the one that verifies. */
  requestId: string | number;
  verifyRequestId: string | number;
  withinS: number | string;
}

/**
 * Scripts the CSMS's answer to the station's next request of `action`, once (TC_N_106: the CSMS
 * rejects a periodic event stream). With `cancel`, forgets such an answer the station never asked
 * for (in cleanup, so it cannot answer a later case's request).
 */
export interface AnswerNextStep extends StepBase {
  kind: 'answer-next';
  action: string;
  payload?: Record<string, unknown>;
  cancel?: boolean;
}

/**
 * Sets one monitor more than MonitoringCtrlr.MaxPeriodicEventStreams, each asking for a periodic
 * event stream (`monitor`, once per severity from 0: one monitor per type and severity on a
 * variable, N04.FR.10), waits `withinS` for the OpenPeriodicEventStream requests that follow, and
 * clears the monitors again. Captured like a send step, with what was seen (`streamLimitProbe`).
 */
export interface StreamLimitProbeStep extends StepBase {
  kind: 'stream-limit-probe';
  /** One setMonitoringData element with a periodicEventStream; its severity is set by the step. */
  monitor: Record<string, unknown>;
  withinS: number | string;
  timeoutS?: number;
}

export interface PromptStep extends StepBase {
  kind: 'prompt';
  message: string;
}

export type Step = SendStep | LivenessProbeStep | LimitProbeStep | ExpectStep | AwaitStep | CollectReportStep | WaitStep | WaitUntilPhaseStep | ReadVariablesStep | RestoreVariablesStep | SnapshotMonitorsStep | RestoreMonitorsStep | PromptStep | AnswerNextStep | StreamLimitProbeStep;
export type StepKind = Step['kind'];

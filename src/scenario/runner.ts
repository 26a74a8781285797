import { EventEmitter } from 'node:events';
import { dirname } from 'node:path';
import { ToolError } from '../errors.js';
import type { CaseEvidence, ComponentRefJson, DeviceModelEntry, Evidence, LivenessProbe, StepOutcome, VariableRefJson } from '../evidence/evidence.js';
import { newEvidence, STATION_GONE } from '../evidence/evidence.js';
import { ocppVersionOf } from '../evidence/ocpp-version.js';
import { protocolFor, type OcppVersion } from '../ocpp/protocol.js';
import type { StationSession } from '../session/station-session.js';
import { unmetNeed } from './applicability.js';
import { openCaseUploads, usesUploads, type CaseUploads } from './case-uploads.js';
import { roundTrip } from './liveness-round-trip.js';
import { actualValue, assembleDeviceModel } from '../evidence/device-model-assembly.js';
import { valueAt } from './json-path.js';
import type { LoadedTestCase } from './testcase-loader.js';
import type { Step } from './testcase.js';
import { chooseTargets, type TargetRole } from './targets.js';
import { referencesIn, UnresolvedReference } from './template.js';
import { unresolvedReason } from './unresolved-reason.js';
import { runStep } from './steps/index.js';
import { sleep, type StepRun } from './step-run.js';
import { toCollected } from './steps/await.js';

export interface RunnerOptions {
  timeoutScale: number;
  callTimeoutMs: number;
  nonInteractive: boolean;
  /** How long to wait for a station that went away to come back before a case, s (scaled). */
  reconnectWaitS: number;
  targets: Partial<Record<TargetRole, { component: ComponentRefJson; variable: VariableRefJson }>>;
  /** Picks the guideline once the device model is known; its monitoring probes go into `${guideline.*}`. */
  chooseGuideline?: (entries: readonly DeviceModelEntry[]) => { id: string; monitoringProbes: Array<Record<string, unknown>> } | undefined;
  /** Free-form options test cases read as `${options.*}` (periodic interval, tolerance, ...). */
  caseOptions: Record<string, unknown>;
  prompt: (message: string) => Promise<void>;
  tool: { name: string; version: string };
  securityProfile: number;
  journalFile: string;
  /** Every case the tool had to offer (id, category, versions), selected or not: the coverage is counted against it. */
  catalogue?: Array<{ id: string; category: string; versions?: OcppVersion[] }>;
  /**
   * The address the upload receiver of a case that asks for files (`${upload.location}`) listens on
   * and names in the location; default: the address the station reached the CSMS on.
   */
  uploadHost?: string;
}

/** Progress for consoles and logs; declared once as data (as newman and mocha do). */
export interface RunnerEvents {
  'case-start': [{ id: string; title: string; index: number; total: number; prerequisiteOf?: string[] }];
  'case-end': [{ id: string; status: CaseEvidence['status']; reason?: string; durationMs: number }];
  step: [{ caseId: string; step: StepOutcome }];
  waiting: [{ caseId: string; what: string; untilMs: number }];
}

/**
 * Plays test cases against one station session and gathers the evidence. A station's
 * misbehaviour only ever shapes the evidence: the runner always finishes (or stops on
 * `interrupt`) and returns what it collected.
 */
export class ScenarioRunner extends EventEmitter<RunnerEvents> {
  readonly evidence: Evidence;
  readonly #session: StationSession;
  readonly #cases: readonly LoadedTestCase[];
  readonly #options: RunnerOptions;
  readonly #abort = new AbortController();
  readonly #known: Record<string, unknown> = {};
  #targets: Record<string, unknown> = {};
  #guideline: Record<string, unknown> | undefined;
  /** The station went away and did not come back within reconnectWaitS. */
  #gone = false;
  /** The case after which the station failed two liveness probes in a row: it is wedged. */
  #wedgedAfter: string | undefined;
  #nextRequestId = 1000 + Math.floor(Math.random() * 1000) * 100;

  constructor(session: StationSession, cases: readonly LoadedTestCase[], options: RunnerOptions) {
    super();
    this.#session = session;
    this.#cases = cases;
    this.#options = options;
    const boot = session.bootNotification;
    this.evidence = newEvidence({
      tool: options.tool,
      station: {
        identity: session.identity,
        ...(boot ? { boot: (session.protocol ?? protocolFor('2.0.1')).bootFacts(boot) } : {}),
        securityProfile: options.securityProfile,
        ...(session.protocol ? { protocol: { version: session.protocol.version, subprotocol: session.protocol.subprotocol, offered: session.offeredSubprotocols } } : {}),
      },
      options: { timeoutScale: options.timeoutScale, callTimeoutMs: options.callTimeoutMs, nonInteractive: options.nonInteractive, ...options.caseOptions, ...derivedOptions(options.caseOptions) },
      startedAt: new Date().toISOString(),
      journalFile: options.journalFile,
    });
    if (options.catalogue) this.evidence.catalogue = options.catalogue.map(({ id, category }) => ({ id, category }));
    // The user's targets need no FullInventory: cases that only name them run without one.
    if (Object.keys(options.targets).length > 0) this.#setTargets(chooseTargets(undefined, options.targets));
  }

  /** Stops the audit: the running case ends INCONCLUSIVE, the rest are not run. */
  interrupt(reason: string): void {
    if (this.#abort.signal.aborted) return;
    this.evidence.interrupted = { reason };
    this.#abort.abort();
  }

  async run(): Promise<Evidence> {
    const bootSeq = this.#session.messages((m) => m.action === 'BootNotification').at(-1)?.seq;
    if (bootSeq !== undefined && this.evidence.station.boot) this.evidence.station.boot.seq = bootSeq;
    const trackConnection = (event: 'open' | 'close') => (info: { connection: number; code?: number }) => {
      this.evidence.connections.push({ connection: info.connection, event, at: new Date().toISOString(), seq: this.#session.mark(), ...(info.code !== undefined ? { code: info.code } : {}) });
    };
    const onOpen = trackConnection('open');
    const onClose = trackConnection('close');
    this.#session.on('connected', onOpen);
    this.#session.on('disconnected', onClose);
    const startCursor = 0;
    try {
      for (const [index, testCase] of this.#cases.entries()) {
        if (this.#abort.signal.aborted) {
          this.evidence.cases.push(notRun(testCase, 'inconclusive', `not run: the audit was interrupted (${this.evidence.interrupted?.reason ?? ''})`));
          continue;
        }
        // A station that failed a liveness probe gets one more chance before each case; answering
        // nothing twice in a row, it is wedged, and the rest would only pile up timeouts.
        const lastProbe = this.evidence.liveness.at(-1);
        if (!this.#wedgedAfter && lastProbe?.outcome === 'silent' && (await this.#probeLiveness(`${lastProbe.afterCase} (retry)`)) === 'silent') this.#wedgedAfter = lastProbe.afterCase;
        if (this.#wedgedAfter) {
          this.evidence.cases.push(notRun(testCase, 'inconclusive', `not run: the station stopped answering (liveness failed twice after ${this.#wedgedAfter})`));
          continue;
        }
        this.emit('case-start', { id: testCase.id, title: testCase.title, index, total: this.#cases.length, ...(testCase.prerequisiteOf ? { prerequisiteOf: testCase.prerequisiteOf } : {}) });
        const started = Date.now();
        const evidence = await this.#runCase(testCase);
        this.evidence.cases.push(evidence);
        this.emit('case-end', { id: testCase.id, status: evidence.status, ...(evidence.reason ? { reason: evidence.reason } : {}), durationMs: Date.now() - started });
        if (testCase.deviceModelFrom && evidence.status === 'completed') this.#adoptDeviceModel(testCase, evidence);
        if (testCase.liveness && evidence.status !== 'not-applicable' && !this.#abort.signal.aborted) await this.#probeLiveness(testCase.id);
      }
    } finally {
      this.#session.off('connected', onOpen);
      this.#session.off('disconnected', onClose);
      this.evidence.statusNotifications = this.#session.messages((m) => m.action === 'StatusNotification', startCursor).map(toCollected);
      this.evidence.notifyEvents = this.#session.messages((m) => m.action === 'NotifyEvent', startCursor).map(toCollected);
      this.evidence.protocolFindings = [...this.#session.protocolFindings()];
      this.evidence.boots = this.#session.messages((m) => m.action === 'BootNotification').map(toCollected);
      this.evidence.securityEvents = this.#session.messages((m) => m.action === 'SecurityEventNotification', startCursor).map(toCollected);
      this.evidence.uploadStatusNotifications = this.#session.messages((m) => m.action === 'DiagnosticsStatusNotification' || m.action === 'LogStatusNotification', startCursor).map(toCollected);
      this.evidence.finishedAt = new Date().toISOString();
    }
    return this.evidence;
  }

  async #runCase(testCase: LoadedTestCase): Promise<CaseEvidence> {
    const evidence: CaseEvidence = { ...caseHead(testCase), status: 'completed', steps: [], captures: {} };
    // `${boot.interval}`: the heartbeat interval the CSMS gave with the station's Accepted boot.
    const boot = this.#session.bootInterval !== undefined ? { boot: { interval: this.#session.bootInterval } } : {};
    const context = { targets: this.#targets, ...(this.#guideline ? { guideline: this.#guideline } : {}), captures: evidence.captures, requestIds: this.#allocateRequestIds(testCase), options: this.evidence.options, known: this.#known, ...boot };
    const unmet = unmetNeed(testCase, context, this.evidence, this.#options.nonInteractive);
    if (unmet) {
      evidence.status = 'not-applicable';
      evidence.reason = unmet;
      skipAll(evidence, testCase, unmet);
      return evidence;
    }
    if (!(await this.#stationPresent())) {
      evidence.status = 'inconclusive';
      evidence.reason = STATION_GONE;
      skipAll(evidence, testCase, evidence.reason);
      return evidence;
    }
    let uploads: CaseUploads | undefined;
    if (usesUploads(testCase)) {
      const host = this.#options.uploadHost ?? this.#session.localAddress ?? '127.0.0.1';
      try {
        uploads = await openCaseUploads(testCase.id, this.#session, host, dirname(this.#options.journalFile), testCase.upload);
      } catch (error) {
        evidence.status = 'inconclusive';
        evidence.reason = `the audit could not open its upload receiver on ${host} (${(error as Error).message}), so it cannot ask the station for files`;
        skipAll(evidence, testCase, evidence.reason);
        return evidence;
      }
      Object.assign(context, { upload: uploads.context });
      evidence.uploads = uploads.evidence;
    }
    try {
      return await this.#playCase(testCase, evidence, context);
    } finally {
      await uploads?.close();
    }
  }

  async #playCase(testCase: LoadedTestCase, evidence: CaseEvidence, context: StepRun['context']): Promise<CaseEvidence> {
    evidence.startedAt = new Date().toISOString();
    const run: StepRun = {
      session: this.#session,
      context,
      cursors: new Map(),
      lastSendCursor: this.#session.mark(),
      timeoutScale: this.#options.timeoutScale,
      callTimeoutMs: this.#options.callTimeoutMs,
      nonInteractive: this.#options.nonInteractive,
      prompt: this.#options.prompt,
      signal: this.#abort.signal,
      waiting: (what, untilMs) => this.emit('waiting', { caseId: testCase.id, what, untilMs }),
      limit: (controller, variable, instance) => {
        const value = Number(actualValue(this.evidence.deviceModel.entries, controller, variable, instance));
        return Number.isFinite(value) && value > 0 ? value : undefined;
      },
      where: testCase.file,
    };
    let stopped: string | undefined;
    /** Why a step did not apply, by the name of its capture: steps that use the capture do not apply either. */
    const notApplicable = new Map<string, string>();
    let cleanupNotNeeded: string | undefined;
    let stoppedByRefusal = false;
    const play = async (steps: readonly Step[], phase: 'steps' | 'cleanup'): Promise<void> => {
      for (const [index, step] of steps.entries()) {
        const dependency = failedDependency(step, evidence);
        if (dependency) {
          // What this step needed never came, by the station's doing: the same reason, judged, not skipped.
          this.#record(evidence, testCase.id, { ...outcome(step, index, phase, 'unmet', dependency.detail), seqs: dependency.seqs });
          if (step.stopIfUnmet) stopped ??= `step ${step.id} unmet: ${dependency.detail}`;
          continue;
        }
        if (phase === 'steps' && stopped) {
          // After a refusal (judged by the step that met it) what follows does not apply; after anything else it is unknown.
          const skipped = outcome(step, index, phase, 'skipped', `not reached: ${stopped}`);
          this.#record(evidence, testCase.id, stoppedByRefusal ? { ...skipped, notApplicable: true } : skipped);
          continue;
        }
        if (phase === 'cleanup' && cleanupNotNeeded) {
          this.#record(evidence, testCase.id, outcome(step, index, phase, 'skipped', `not needed: ${cleanupNotNeeded}`));
          continue;
        }
        if (this.#abort.signal.aborted && phase === 'steps') {
          stopped ??= 'the audit was interrupted';
          this.#record(evidence, testCase.id, outcome(step, index, phase, 'skipped', 'not reached: the audit was interrupted'));
          continue;
        }
        const doesNotApply = this.#stepNotApplicable(step, context, notApplicable);
        if (doesNotApply) {
          notApplicable.set('as' in step && step.as ? step.as : step.id, doesNotApply);
          this.#record(evidence, testCase.id, { ...outcome(step, index, phase, 'skipped', doesNotApply), notApplicable: true });
          continue;
        }
        const cursor = this.#session.mark();
        run.cursors.set(step.id, cursor);
        if (step.kind === 'send') run.lastSendCursor = cursor;
        run.where = `${testCase.file}: /${phase}/${index}`;
        const startedAt = new Date();
        let result: Awaited<ReturnType<typeof runStep>> & { authoringError?: string };
        try {
          result = await runStep(step, run);
        } catch (error) {
          const failed = this.#stepError(error, context);
          // A station defect found while filling the step in is judged (FAIL); any other gap leaves it unjudged.
          result = failed.defect ? { ...failed, seqs: [] } : { ...failed, seqs: [], inconclusive: true };
        }
        if (result.capture) evidence.captures['as' in step && step.as ? step.as : step.id] = result.capture;
        const done: StepOutcome = { ...outcome(step, index, phase, result.status, result.detail), startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), seqs: result.seqs };
        if (result.inconclusive) done.inconclusive = true;
        if (result.authoringError) done.authoringError = result.authoringError;
        if (result.defect) done.defect = true;
        this.#record(evidence, testCase.id, done);
        const refusal = result.capture?.kind === 'call' ? result.capture.failure?.errorCode : undefined;
        if (step.kind === 'send' && step.optional && phase === 'steps' && (refusal === 'NotSupported' || refusal === 'NotImplemented')) {
          evidence.status = 'not-applicable';
          evidence.reason = `optional feature not supported: ${step.action} answered CALLERROR ${refusal}`;
          stopped = evidence.reason;
        } else if (step.kind === 'prompt' && result.status === 'skipped') {
          evidence.status = 'not-applicable';
          evidence.reason = 'needs physical action (--non-interactive)';
          stopped = evidence.reason;
        } else if (result.status === 'failed' && result.inconclusive) {
          stopped ??= `step ${step.id} could not run: ${result.detail}`;
          if (phase === 'steps') {
            evidence.status = 'inconclusive';
            evidence.reason = stopped;
          }
        } else if (phase === 'cleanup' && result.status === 'unmet' && step.stopIfUnmet) {
          // A guard in cleanup (e.g. "the station gave monitor ids"): nothing after it has anything to undo.
          cleanupNotNeeded = `step ${step.id} unmet: ${result.detail}`;
        } else if (result.status === 'unmet' && (step.stopIfUnmet || result.inconclusive)) {
          if (stopped === undefined) stoppedByRefusal = result.refused === true;
          stopped ??= `step ${step.id} unmet: ${result.detail}`;
          if (result.inconclusive && phase === 'steps') {
            evidence.status = 'inconclusive';
            evidence.reason = stopped;
          }
        }
      }
    };
    await play(testCase.steps, 'steps');
    if (this.#abort.signal.aborted && evidence.status === 'completed') {
      evidence.status = 'inconclusive';
      evidence.reason = `interrupted: ${this.evidence.interrupted?.reason ?? ''}`;
    }
    // Cleanup always runs, even after an interruption: the station is to be left as found.
    await play(testCase.cleanup ?? [], 'cleanup');
    this.#remember(testCase, context);
    evidence.finishedAt = new Date().toISOString();
    return evidence;
  }

  /**
   * Why a step does not apply, or undefined: its own `needs`, or a capture it uses that came from a
   * step that did not apply (the expectation on a probe that was not sent).
   */
  #stepNotApplicable(step: Step, context: Record<string, unknown>, notApplicable: ReadonlyMap<string, string>): string | undefined {
    const unmet = step.needs ? unmetNeed({ needs: step.needs }, context, this.evidence, this.#options.nonInteractive) : undefined;
    if (unmet) return unmet;
    const used = [step.kind === 'expect' ? step.of : step.kind === 'restore-variables' ? step.from : undefined, ...referencesIn(step).map((r) => /^captures\.([\w-]+)/.exec(r)?.[1])];
    return used.map((name) => (name === undefined ? undefined : notApplicable.get(name))).find((reason) => reason !== undefined);
  }

  /**
   * A step the tool could not build. A reference the station left empty (a value it did not return)
   * is said in words about the station; the test case's own mistakes keep their file and JSON
   * pointer in `authoringError`, out of the verdict's reason.
   */
  #stepError(error: unknown, context: Record<string, unknown>): { status: 'failed' | 'unmet'; detail: string; authoringError?: string; defect?: true } {
    if (error instanceof UnresolvedReference) {
      const { station, text, defect } = unresolvedReason(error, context, this.evidence);
      if (defect) return { status: 'unmet', detail: text, defect };
      if (station) return { status: 'failed', detail: text };
      return { status: 'failed', detail: `not judged: ${text} (an error of the test case, not the station's)`, authoringError: error.message };
    }
    if (error instanceof ToolError) return { status: 'failed', detail: 'not judged: the test case could not be played (an error of the test case, not the station\'s)', authoringError: error.message };
    return { status: 'failed', detail: `not judged: the tool failed (${(error as Error).message})` };
  }

  #record(evidence: CaseEvidence, caseId: string, step: StepOutcome): void {
    evidence.steps.push(step);
    this.emit('step', { caseId, step });
  }

  /** Fresh request ids for the `${requestIds.x}` names the case uses. */
  #allocateRequestIds(testCase: LoadedTestCase): Record<string, number> {
    const ids: Record<string, number> = {};
    for (const reference of referencesIn([testCase.steps, testCase.cleanup ?? []])) {
      const match = /^requestIds\.(\w+)/.exec(reference);
      if (match?.[1] && ids[match[1]] === undefined) ids[match[1]] = this.#nextRequestId++;
    }
    return ids;
  }

  /** Keeps what the case says later cases may use (`remember`: name → path in its context). */
  #remember(testCase: LoadedTestCase, context: Record<string, unknown>): void {
    for (const [name, path] of Object.entries(testCase.remember ?? {})) {
      const value = valueAt(context, path);
      if (value !== undefined) this.#known[name] = value;
    }
  }

  #adoptDeviceModel(testCase: LoadedTestCase, evidence: CaseEvidence): void {
    const capture = evidence.captures[testCase.deviceModelFrom ?? ''];
    if (capture?.kind !== 'messages') return;
    const entries = assembleDeviceModel(capture);
    this.evidence.deviceModel = { source: `${testCase.id}/${testCase.deviceModelFrom ?? ''}`, complete: capture.complete, entries };
    this.#setTargets(chooseTargets(entries, this.#options.targets, ocppVersionOf(this.evidence)));
    const guideline = this.#options.chooseGuideline?.(entries);
    if (guideline) this.#guideline = guideline;
  }

  #setTargets({ targets, missing }: ReturnType<typeof chooseTargets>): void {
    this.#targets = targets;
    this.evidence.targets = Object.values(targets);
    this.evidence.missingTargets = missing;
  }

  /** A cheap round trip, recorded in the evidence (liveness-probe.ts). */
  async #probeLiveness(afterCase: string): Promise<NonNullable<LivenessProbe['outcome']>> {
    const probe = await roundTrip(this.#session, this.evidence.cases, afterCase, 10_000 * this.#options.timeoutScale);
    this.evidence.liveness.push(probe);
    return probe.outcome ?? 'answered';
  }

  /**
   * Waits a while for a station that dropped its connection to come back; once it has not,
   * later cases do not wait again (they end INCONCLUSIVE at once unless it is back by then).
   */
  async #stationPresent(): Promise<boolean> {
    if (this.#session.isConnected) {
      this.#gone = false;
      return true;
    }
    if (this.#gone) return false;
    const deadline = Date.now() + this.#options.reconnectWaitS * 1000 * this.#options.timeoutScale;
    while (!this.#session.isConnected && Date.now() < deadline && !this.#abort.signal.aborted) await sleep(200, this.#abort.signal);
    this.#gone = !this.#session.isConnected;
    return this.#session.isConnected;
  }
}

/**
 * Windows computed from other options (templates only add): long enough for every periodic
 * event of the measurement, one interval of slack for a late first event, and the event window.
 */
function derivedOptions(options: Record<string, unknown>): Record<string, number> {
  const number = (key: string): number | undefined => (typeof options[key] === 'number' ? options[key] : undefined);
  const count = number('periodicIntervals');
  const slack = number('eventWindowS') ?? 10;
  const derived: Record<string, number> = {};
  const periodic = number('periodicIntervalS');
  const aligned = number('clockAlignedIntervalS');
  if (count !== undefined && periodic !== undefined) derived['periodicWindowS'] = periodic * (count + 1) + slack;
  if (count !== undefined && aligned !== undefined) derived['clockAlignedWindowS'] = aligned * (count + 1) + slack;
  // One event of the monitoring probe: its interval plus the same slack.
  if (periodic !== undefined) derived['periodicProbeWindowS'] = periodic + slack;
  return derived;
}

function outcome(step: Step, index: number, phase: 'steps' | 'cleanup', status: StepOutcome['status'], detail: string): StepOutcome {
  const result: StepOutcome = { index, id: step.id, kind: step.kind, phase, status, detail, startedAt: new Date().toISOString(), durationMs: 0, seqs: [] };
  if (step.check) result.check = { title: step.check.title, refs: step.check.refs, level: step.check.level ?? 'fail' };
  return result;
}

/** The earlier step this one depends on (`dependsOn`), when it was unmet because of the station. */
function failedDependency(step: Step, evidence: CaseEvidence): StepOutcome | undefined {
  const name = 'dependsOn' in step ? step.dependsOn : undefined;
  if (name === undefined) return undefined;
  const dependency = evidence.steps.find((s) => s.id === name);
  return dependency?.status === 'unmet' && dependency.inconclusive !== true ? dependency : undefined;
}

function skipAll(evidence: CaseEvidence, testCase: LoadedTestCase, reason: string): void {
  testCase.steps.forEach((step, index) => evidence.steps.push(outcome(step, index, 'steps', 'skipped', reason)));
}

/** What the evidence says of a case before it runs; a prerequisite says whose. */
function caseHead(testCase: LoadedTestCase): Pick<CaseEvidence, 'id' | 'title' | 'proves' | 'refs' | 'category' | 'prerequisiteOf'> {
  return { id: testCase.id, title: testCase.title, proves: testCase.proves, refs: testCase.refs, category: testCase.category, ...(testCase.prerequisiteOf ? { prerequisiteOf: [...testCase.prerequisiteOf] } : {}) };
}

function notRun(testCase: LoadedTestCase, status: CaseEvidence['status'], reason: string): CaseEvidence {
  const evidence: CaseEvidence = { ...caseHead(testCase), status, reason, steps: [], captures: {} };
  skipAll(evidence, testCase, reason);
  return evidence;
}



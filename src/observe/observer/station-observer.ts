import { join } from 'node:path';
import { assembleDeviceModel } from '../../evidence/device-model-assembly.js';
import type { DeviceModelEntry } from '../../evidence/evidence.js';
import { asRecord, asString } from '../../evidence/payload-read.js';
import { safeDirName } from '../../session/safe-dir-name.js';
import type { StationSession } from '../../session/station-session.js';
import type { MonitoringPlan } from '../plan/monitoring-plan.js';
import type { PlanOutcome, PlanOutcomeDetails } from '../plan/plan-outcome.js';
import { monitorCycle } from './apply-monitors.js';
import { plannedSettings, settingKey, settingsCycle, type PlannedSetting } from './apply-settings.js';
import { ObserverState } from './observer-state.js';
import type { CycleReason } from './plan-reconcile.js';
import { requestReport } from './report-request.js';
import { placementKey, placePlan, type PlacedMonitor, type UnplacedMonitor } from './resolve-plan.js';

export interface StationObserverOptions {
  outDir: string;
  /** The plan for a station, from its inventory (the default plan of its guideline, or a plan file's entry). */
  planFor: (identity: string, entries: readonly DeviceModelEntry[]) => MonitoringPlan;
  /** How long a paged report may take to arrive, ms. */
  reportWindowMs: number;
  /** How often the plan is checked for drift while the station stays connected, ms (0: only on boots and reconnects). */
  checkIntervalMs: number;
  /** A station that reconnected and did not boot within this long gets a reconnect cycle, ms. */
  reconnectGraceMs: number;
  /** Something worth a line on the console (an inventory read, a plan applied, a failure). */
  log: (line: string) => void;
}

/** What the status line says of the plan on a station. */
export interface PlanState {
  phase: 'waiting' | 'inventory' | 'applying' | 'kept' | 'no inventory';
  counts: Partial<Record<PlanOutcome, number>>;
}

/**
 * Keeps the monitoring plan on one station for as long as observe runs (issue 16): on every boot
 * the inventory (FullInventory on first contact and when the firmware changes, B07), then the
 * plan's settings and monitors applied and verified; on a reconnect and at every check interval
 * the same look without the inventory, recording drift. Cycles of one station never overlap; a
 * station that goes away mid-cycle leaves the rest for its next connection.
 */
export class StationObserver {
  readonly session: StationSession;
  readonly #options: StationObserverOptions;
  readonly #state: ObserverState;
  #plan: MonitoringPlan | undefined;
  #placed: PlacedMonitor[] = [];
  #unplaced: UnplacedMonitor[] = [];
  #settings: PlannedSetting[] = [];
  /** MonitoringCtrlr.ItemsPerMessage[SetVariableMonitoring] of the placed inventory. */
  #itemsPerMessage = 1;
  #queue: Promise<void> = Promise.resolve();
  #phase: PlanState['phase'] = 'waiting';
  #requestId: number;
  #checkTimer: NodeJS.Timeout | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(session: StationSession, options: StationObserverOptions) {
    this.session = session;
    this.#options = options;
    this.#state = ObserverState.load(join(options.outDir, safeDirName(session.identity), 'observe-state.json'));
    // Request ids that a restarted observe does not reuse for a while (the station may still answer an old one).
    this.#requestId = Math.floor(Date.now() / 1000) % 1_000_000_000;
    session.on('boot', ({ payload, status, adopted }) => {
      if (status !== 'Accepted') return;
      clearTimeout(this.#reconnectTimer);
      // A boot the CSMS asked for (TriggerMessage, reason Triggered) or an adopted station did not restart.
      const restarted = !adopted && asString(payload['reason']) !== 'Triggered';
      this.#enqueue(restarted ? 'boot' : 'reconnect', asString(asRecord(payload['chargingStation'])?.['firmwareVersion']));
    });
    session.on('connected', () => {
      if (session.bootState !== 'Accepted') return;
      clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = setTimeout(() => this.#enqueue('reconnect', undefined), options.reconnectGraceMs);
      this.#reconnectTimer.unref();
    });
    // Watched after its boot (observe was still starting): the cycle that boot would have started.
    if (session.isConnected && session.bootState === 'Accepted') {
      const boot = session.bootNotification ?? {};
      this.#enqueue(asString(boot['reason']) === undefined || asString(boot['reason']) === 'Triggered' ? 'reconnect' : 'boot', asString(asRecord(boot['chargingStation'])?.['firmwareVersion']));
    }
    if (options.checkIntervalMs > 0) {
      this.#checkTimer = setInterval(() => {
        if (session.isConnected && session.bootState === 'Accepted') this.#enqueue('check', undefined);
      }, options.checkIntervalMs);
      this.#checkTimer.unref();
    }
  }

  get planState(): PlanState {
    const counts: PlanState['counts'] = {};
    for (const held of [...this.#state.monitors.values(), ...this.#state.settings.values()]) counts[held.outcome] = (counts[held.outcome] ?? 0) + 1;
    return { phase: this.#phase, counts };
  }

  /** Resolves when the cycles queued so far are done (tests, shutdown). */
  idle(): Promise<void> {
    return this.#queue;
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#checkTimer);
    clearTimeout(this.#reconnectTimer);
  }

  #enqueue(reason: CycleReason, firmware: string | undefined): void {
    this.#queue = this.#queue
      .then(() => (this.#stopped || !this.session.isConnected ? undefined : this.#cycle(reason, firmware)))
      .catch((error: unknown) => this.#options.log(`${this.session.identity}: the plan cycle failed: ${(error as Error).message}`));
  }

  async #cycle(reason: CycleReason, firmware: string | undefined): Promise<void> {
    const identity = this.session.identity;
    if (reason === 'boot' || this.#plan === undefined) {
      const known = this.#state.inventory;
      const firmwareChanged = known !== undefined && firmware !== undefined && known.firmware !== firmware;
      const readAgain = known === undefined || firmwareChanged;
      // Not read again: the kept one, when this process has not placed the plan yet (a restart).
      let entries: readonly DeviceModelEntry[] | undefined = !readAgain && this.#plan === undefined ? this.#state.readInventory() : undefined;
      if (readAgain || (this.#plan === undefined && entries === undefined)) {
        this.#phase = 'inventory';
        entries = await this.#readInventory(firmwareChanged ? `the firmware changed from ${known?.firmware ?? '?'} to ${firmware}` : known === undefined ? 'first contact' : 'the kept inventory could not be read');
        if (entries === undefined) {
          this.#phase = 'no inventory';
          return;
        }
        try {
          this.#state.keepInventory({ ...(firmware !== undefined ? { firmware } : {}), at: new Date().toISOString() }, entries);
        } catch (error) {
          this.#options.log(`${identity}: the inventory could not be kept (${(error as Error).message}); it is read again next time`);
        }
      }
      if (entries !== undefined) this.#place(entries);
    }
    const plan = this.#plan!;
    this.#phase = 'applying';
    for (const unplaced of this.#unplaced) this.#recordUnplaced(plan, unplaced);
    await settingsCycle({ session: this.session, settings: this.#settings, held: this.#state.settings, record: (setting, outcome, detail) => this.#recordSetting(plan, setting, outcome, detail) }, reason);
    await monitorCycle(
      {
        session: this.session,
        placed: this.#placed,
        held: this.#state.monitors,
        itemsPerMessage: this.#itemsPerMessage,
        reportWindowMs: this.#options.reportWindowMs,
        nextRequestId: () => ++this.#requestId,
        record: (placed, outcome, detail, monitorId) => this.#recordMonitor(plan, placed, outcome, detail, monitorId),
      },
      reason,
    );
    this.#state.save();
    this.#phase = 'kept';
    if (reason !== 'check') this.#options.log(`${identity}: plan ${plan.source} after ${reason === 'boot' ? 'a boot' : 'a reconnect'}: ${describeCounts(this.planState.counts)}`);
  }

  async #readInventory(why: string): Promise<readonly DeviceModelEntry[] | undefined> {
    const identity = this.session.identity;
    const answer = await requestReport(this.session, 'GetBaseReport', { requestId: ++this.#requestId, reportBase: 'FullInventory' }, this.#options.reportWindowMs);
    if (!answer.complete) {
      this.#options.log(`${identity}: no inventory (${why}): ${answer.why ?? 'incomplete'}; the plan waits for the next boot or reconnect`);
      return undefined;
    }
    const entries = assembleDeviceModel({ kind: 'messages', action: 'NotifyReport', after: 0, startedAt: '', endedAt: '', windowMs: 0, complete: true, messages: answer.parts });
    this.#options.log(`${identity}: inventory read (${why}): ${entries.length} variables`);
    return entries;
  }

  #place(entries: readonly DeviceModelEntry[]): void {
    this.#itemsPerMessage = itemsPerMessage(entries);
    this.#plan = this.#options.planFor(this.session.identity, entries);
    const { placed, unplaced } = placePlan(this.#plan, entries);
    this.#placed = placed;
    this.#unplaced = unplaced;
    const reported = (component: string, variable: string): boolean => entries.some((e) => e.component.name.toLowerCase() === component.toLowerCase() && !e.component.evse && e.variable.name.toLowerCase() === variable.toLowerCase());
    this.#settings = plannedSettings(this.#plan.settings, reported);
  }

  #recordMonitor(plan: MonitoringPlan, placed: PlacedMonitor, outcome: PlanOutcome, detail: string, monitorId: number | undefined): void {
    const held = this.#state.monitors.get(placed.key);
    const id = monitorId ?? held?.id;
    this.#state.monitors.set(placed.key, { ...(id !== undefined ? { id } : {}), outcome, detail });
    if (held?.outcome === outcome && held.detail === detail) return;
    this.#journal({
      plan: plan.source,
      item: 'monitor',
      component: placed.component.name,
      ...(placed.component.instance !== undefined ? { componentInstance: placed.component.instance } : {}),
      ...(placed.component.evse ? { evseId: placed.component.evse.id, ...(placed.component.evse.connectorId !== undefined ? { connectorId: placed.component.evse.connectorId } : {}) } : {}),
      variable: placed.variable.name,
      ...(placed.variable.instance !== undefined ? { variableInstance: placed.variable.instance } : {}),
      monitorType: placed.type,
      value: String(placed.value),
      severity: placed.severity,
      ...(id !== undefined ? { monitorId: id } : {}),
      outcome,
      detail,
    });
  }

  #recordUnplaced(plan: MonitoringPlan, unplaced: UnplacedMonitor): void {
    const { monitor } = unplaced;
    const key = `absent|${placementKey(monitor.component, monitor.variable, monitor.type)}`;
    if (this.#state.monitors.get(key)?.detail === unplaced.why) return;
    this.#state.monitors.set(key, { outcome: 'absent', detail: unplaced.why });
    this.#journal({
      plan: plan.source,
      item: 'monitor',
      component: monitor.component.name,
      ...(monitor.component.instance !== undefined ? { componentInstance: monitor.component.instance } : {}),
      ...(monitor.component.evse ? { evseId: monitor.component.evse.id } : {}),
      variable: monitor.variable.name,
      ...(monitor.variable.instance !== undefined ? { variableInstance: monitor.variable.instance } : {}),
      monitorType: monitor.type,
      value: String(monitor.value),
      severity: monitor.severity,
      outcome: 'absent',
      detail: unplaced.why,
    });
  }

  #recordSetting(plan: MonitoringPlan, setting: PlannedSetting, outcome: PlanOutcome, detail: string): void {
    const key = settingKey(setting);
    const held = this.#state.settings.get(key);
    this.#state.settings.set(key, { value: setting.value, outcome, detail });
    if (held?.outcome === outcome && held.detail === detail) return;
    this.#journal({ plan: plan.source, item: 'setting', component: setting.component, variable: setting.variable, value: setting.value, outcome, detail });
  }

  #journal(details: PlanOutcomeDetails): void {
    this.session.journal.appendConnectionEvent('plan-outcome', { ...details });
  }
}

/** MonitoringCtrlr.ItemsPerMessage[SetVariableMonitoring] from the inventory; 1 when the station does not say (every station takes one). */
function itemsPerMessage(entries: readonly DeviceModelEntry[]): number {
  const entry = entries.find((e) => e.component.name === 'MonitoringCtrlr' && e.variable.name === 'ItemsPerMessage' && e.variable.instance === 'SetVariableMonitoring');
  const value = Number(entry?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/** "12 accepted, 2 refused, 1 absent". */
export function describeCounts(counts: PlanState['counts']): string {
  const parts = Object.entries(counts).map(([outcome, n]) => `${n} ${outcome}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing yet';
}

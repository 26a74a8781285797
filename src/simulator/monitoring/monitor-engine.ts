import { EventEmitter } from 'node:events';
import type { DeviceModel } from '../device-model/device-model.js';
import type { AttributeType, ComponentRef, ValueChange, VariableRef } from '../device-model/types.js';
import { isNumeric } from '../device-model/value-check.js';
import type { Clock } from './clock.js';
import { cut, eventActualValue, parseNumber } from './event-data.js';
import type { EventData, EventTrigger } from './messages.js';
import { alertsAndClears, cleanComponent, cleanVariable, isPeriodic, isTargetDelta, isThreshold, type Monitor, triggerOf } from './monitor.js';
import type { MonitoringState } from './monitoring-state.js';
import { firstDue, nextDue } from './periodic-timing.js';
import { outsideTargetBand } from './target-band.js';

/** What the engine needs from the station besides the model and the monitors. */
export interface MonitorEngineOptions {
  clock: Clock;
  /** Whether a transaction runs on the EVSE (undefined: the station as a whole). Default: never. */
  isTransactionActive?: (evseId?: number) => boolean;
  /** The running transaction's id, put into events of transaction monitors (EventDataType.transactionId). */
  transactionId?: (evseId?: number) => string | undefined;
  /** Fault injection: periodic intervals are multiplied by this (default 1). */
  periodicIntervalFactor?: number;
  /** Fault injection: milliseconds added to each periodic firing, given the interval (default none). */
  periodicJitterMs?: (intervalMs: number) => number;
  /** Fault injection: the ways field stations get N07/N08 wrong (all off by default). */
  quirks?: MonitorQuirks;
  /**
   * The fault code (techCode, techInfo) the station's own software attaches to its notification of
   * a Problem/Tripped change on this variable, e.g. a ChargeX code; none by default.
   */
  faultCodeOf?: (component: ComponentRef, variable: VariableRef) => { techCode: string; techInfo?: string } | undefined;
}

/** Wrong monitor behaviours of field stations, switched on by the virtual station's named faults. */
export interface MonitorQuirks {
  /** PeriodicClockAligned monitors fire at set time + k × interval, like Periodic ones (breaks N08.FR.07). */
  clockAlignedFromSetTime?: boolean;
  /** Threshold monitors send an Alerting event on every change of the value, exceeded or not (breaks N07.FR.16/17). */
  thresholdEveryChange?: boolean;
  /** Numeric Delta monitors fire on every change, whatever its size (breaks N07.FR.18). */
  deltaEveryChange?: boolean;
  /** Numeric Delta monitors keep the value at set time as their reference for good (breaks N07.FR.18). */
  deltaNotRebased?: boolean;
  /**
   * 2.1 target monitors go down the Delta path: an event with trigger Delta whenever Actual moved
   * by more than the value from its reference, whatever Target says, never cleared (breaks
   * N07.FR.22/23 and N07.FR.02).
   */
  targetDeltaAsDelta?: boolean;
}

/** Optional content of a HardWiredNotification (EventDataType fields, plus the severity for the outbox). */
export interface HardWiredNotificationOptions {
  cleared?: boolean;
  /** Cut to 50 characters. */
  techCode?: string;
  /** Cut to 500 characters. */
  techInfo?: string;
  /** eventId of the event that caused this one (N07.FR.05). */
  cause?: number;
  /** For the outbox (and, in 2.1, the payload: N07.FR.21). Default 5, "default severity for any monitoring event". */
  severity?: number;
  /** Default Alerting (a fault); a state report such as a connector's availability is Delta (G01). */
  trigger?: EventTrigger;
}

/** `event`: one NotifyEvent eventData item, and the severity the sender filters and queues by. */
export interface MonitorEngineEvents {
  event: [eventData: EventData, severity: number];
}

/** Boolean variables whose flips the station reports by itself when no monitor does (Part 1 §4.6). */
const PROBLEM_VARIABLES = new Set(['problem', 'tripped']);

/**
 * Makes the monitors of a MonitoringState act (N07, N08): threshold alerts and their clearing,
 * delta events, periodic and clock-aligned events, and hard-wired notifications, emitted as
 * NotifyEvent eventData items with the level filter (N05.FR.03) applied. Watches the device
 * model's Actual values and the state's monitor changes while started.
 */
export class MonitorEngine extends EventEmitter<MonitorEngineEvents> {
  readonly #model: DeviceModel;
  readonly #state: MonitoringState;
  readonly #clock: Clock;
  readonly #isTransactionActive: (evseId?: number) => boolean;
  readonly #transactionId: ((evseId?: number) => string | undefined) | undefined;
  /** Delta reference values by monitor id (N07.FR.18). */
  readonly #reference = new Map<number, string>();
  readonly #timers = new Map<number, unknown>();
  #nextEventId = 1;
  #running = false;

  readonly #onChange = (change: ValueChange): void => this.#handleChange(change);
  readonly #onAdded = (monitor: Monitor): void => this.#begin(monitor);
  readonly #onReplaced = (monitor: Monitor, previous: Monitor): void => {
    this.#end(previous);
    // A replaced threshold (or target band) keeps its exceeded state so the new value can clear or trigger it (N07.FR.11).
    if (!alertsAndClears(monitor.type)) this.#state.setExceeded(monitor.id, false);
    this.#begin(monitor);
  };
  readonly #onRemoved = (monitor: Monitor): void => this.#end(monitor);

  readonly #intervalFactor: number;
  readonly #jitter: ((intervalMs: number) => number) | undefined;
  readonly #quirks: MonitorQuirks;
  readonly #faultCodeOf: MonitorEngineOptions['faultCodeOf'];
  /** Fields the station's OCPP version adds to every event item (2.1: severity, N07.FR.20/21). */
  #eventFields: ((eventData: EventData, severity: number) => void) | undefined;

  constructor(model: DeviceModel, state: MonitoringState, options: MonitorEngineOptions) {
    super();
    this.#model = model;
    this.#state = state;
    this.#clock = options.clock;
    this.#isTransactionActive = options.isTransactionActive ?? (() => false);
    this.#transactionId = options.transactionId;
    this.#intervalFactor = options.periodicIntervalFactor ?? 1;
    this.#jitter = options.periodicJitterMs;
    this.#quirks = options.quirks ?? {};
    this.#faultCodeOf = options.faultCodeOf;
  }

  /** Adds the fields of the station's OCPP version to every event item it emits (2.1: severity). */
  setEventFields(fill: (eventData: EventData, severity: number) => void): void {
    this.#eventFields = fill;
  }

  /** Between start() and stop(). */
  get running(): boolean {
    return this.#running;
  }

  /**
   * Starts watching (at boot, and again after a Reset: the monitors live on in the state,
   * N07.FR.13). Thresholds are evaluated at once, so one that was exceeded before and is
   * back within limits now reports cleared (N07.FR.14); deltas take a new reference; periodic
   * monitors count from now.
   */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#model.on('change', this.#onChange);
    this.#state.on('added', this.#onAdded).on('replaced', this.#onReplaced).on('removed', this.#onRemoved);
    for (const monitor of this.#state.monitors()) if (monitor.active) this.#begin(monitor);
  }

  /** Stops watching and cancels every timer. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#model.off('change', this.#onChange);
    this.#state.off('added', this.#onAdded).off('replaced', this.#onReplaced).off('removed', this.#onRemoved);
    for (const handle of this.#timers.values()) this.#clock.clearTimeout(handle);
    this.#timers.clear();
    this.#reference.clear();
  }

  /**
   * Evaluates every threshold again after a transaction started or ended. A transaction monitor
   * that stops acting forgets its exceeded state without an event, like a removed monitor
   * (N07.FR.12), so the next transaction reports the excess afresh.
   */
  reevaluate(): void {
    if (!this.#running) return;
    for (const monitor of this.#state.monitors()) {
      if (!monitor.active || !alertsAndClears(monitor.type)) continue;
      if (!this.#acting(monitor)) this.#state.setExceeded(monitor.id, false);
      else if (isThreshold(monitor.type)) this.#checkThreshold(monitor, this.#actual(monitor));
      else this.#checkTarget(monitor);
    }
  }

  /**
   * Reports a fault the station's own software detected, without a monitor (eventNotificationType
   * HardWiredNotification, trigger Alerting, no variableMonitoringId). Not subject to the
   * monitoring level, which N05.FR.03 defines for monitors. Returns the emitted item.
   */
  hardWiredNotification(component: ComponentRef, variable: VariableRef, actualValue: string, options: HardWiredNotificationOptions = {}): EventData {
    const eventData: EventData = {
      eventId: this.#nextEventId++,
      timestamp: new Date(this.#clock.now()).toISOString(),
      trigger: options.trigger ?? 'Alerting',
      actualValue: eventActualValue(this.#model, component, variable, actualValue),
      component: cleanComponent(component),
      variable: cleanVariable(variable),
      eventNotificationType: 'HardWiredNotification',
    };
    if (options.cleared) eventData.cleared = true;
    if (options.techCode !== undefined) eventData.techCode = cut(options.techCode, 50);
    if (options.techInfo !== undefined) eventData.techInfo = cut(options.techInfo, 500);
    if (options.cause !== undefined) eventData.cause = options.cause;
    const severity = options.severity ?? 5;
    this.#eventFields?.(eventData, severity);
    this.emit('event', eventData, severity);
    return eventData;
  }

  #handleChange(change: ValueChange): void {
    const { component, variable } = change.entry;
    const monitors = this.#state.monitorsOn(component, variable);
    const targetAsDelta = this.#quirks.targetDeltaAsDelta === true;
    // A 2.1 target monitor watches both edges of its band: the Actual and the Target value (N07.FR.22/23).
    if (change.attributeType === 'Actual' || change.attributeType === 'Target') {
      for (const monitor of monitors) if (isTargetDelta(monitor.type)) this.#checkTarget(monitor);
    }
    if (change.attributeType !== 'Actual') return;
    for (const monitor of monitors) {
      if (isThreshold(monitor.type)) this.#checkThreshold(monitor, change.current, this.#quirks.thresholdEveryChange === true);
      else if (monitor.type === 'Delta' || (targetAsDelta && isTargetDelta(monitor.type))) this.#checkDelta(monitor, change);
    }
    // A station reports its own faults even without monitors (Part 1 §4.6); a Delta monitor on the variable already does.
    if (
      change.source === 'station' &&
      change.entry.characteristics.dataType === 'boolean' &&
      PROBLEM_VARIABLES.has(variable.name.toLowerCase()) &&
      (change.current === 'true' || change.current === 'false') &&
      !monitors.some((m) => m.type === 'Delta' && this.#acting(m))
    ) {
      this.hardWiredNotification(component, variable, change.current, { cleared: change.current === 'false', ...this.#faultCodeOf?.(component, variable) });
    }
  }

  /**
   * UpperThreshold fires when strictly above, LowerThreshold strictly below (N07.FR.16/17); once,
   * then cleared once on return (N07.FR.02). `everyChange` is the quirk: an event for any change.
   */
  #checkThreshold(monitor: Monitor, text: string | undefined, everyChange = false): void {
    if (!this.#acting(monitor)) return;
    const value = parseNumber(text);
    if (value === undefined) return;
    const exceeded = monitor.type === 'UpperThreshold' ? value > monitor.value : value < monitor.value;
    if (exceeded === this.#state.isExceeded(monitor.id) && !everyChange) return;
    const cleared = !exceeded && this.#state.isExceeded(monitor.id);
    this.#state.setExceeded(monitor.id, exceeded);
    this.#report(monitor, text ?? '', cleared);
  }

  /**
   * Numeric Delta: fires when the value moved by more than `value` from the reference, which is
   * the value when set or at the last Delta event (N07.FR.18). Other dataTypes: every change
   * (N07.FR.19; dateTime too, as libocpp does). While a transaction monitor is idle the
   * reference follows the value, so only moves during a transaction count.
   */
  #checkDelta(monitor: Monitor, change: ValueChange): void {
    if (!this.#acting(monitor) || !isNumeric(change.entry.characteristics.dataType)) {
      this.#reference.set(monitor.id, change.current);
      if (this.#acting(monitor)) this.#report(monitor, change.current, false, 'Delta');
      return;
    }
    const current = parseNumber(change.current);
    if (current === undefined) return;
    const reference = parseNumber(this.#reference.get(monitor.id));
    if (reference !== undefined && Math.abs(current - reference) <= monitor.value && this.#quirks.deltaEveryChange !== true) return;
    if (this.#quirks.deltaNotRebased !== true || reference === undefined) this.#reference.set(monitor.id, change.current);
    if (reference !== undefined) this.#report(monitor, change.current, false, 'Delta');
  }

  /**
   * TargetDelta / TargetDeltaRelative (2.1): Alerting once when Actual leaves the band around Target
   * (N07.FR.22/23), cleared once when it is back inside (N07.FR.02 as 2.1 extends it), like a
   * threshold. The actualValue is the Actual value.
   */
  #checkTarget(monitor: Monitor): void {
    // The quirk sends target monitors down the Delta path instead (#checkDelta).
    if (!this.#acting(monitor) || this.#quirks.targetDeltaAsDelta === true) return;
    const actual = this.#actual(monitor);
    const target = this.#attribute(monitor, 'Target');
    const found = this.#model.lookup(monitor.component, monitor.variable);
    const numeric = found.status === 'Found' && isNumeric(found.entry.characteristics.dataType);
    const outside = outsideTargetBand(monitor.type, monitor.value, actual, target, numeric);
    if (outside === undefined || outside === this.#state.isExceeded(monitor.id)) return;
    this.#state.setExceeded(monitor.id, outside);
    this.#report(monitor, actual ?? '', !outside);
  }

  #begin(monitor: Monitor): void {
    const targetAsDelta = this.#quirks.targetDeltaAsDelta === true && isTargetDelta(monitor.type);
    if (isThreshold(monitor.type)) this.#checkThreshold(monitor, this.#actual(monitor));
    else if (isTargetDelta(monitor.type) && !targetAsDelta) this.#checkTarget(monitor);
    else if (monitor.type === 'Delta' || targetAsDelta) this.#reference.set(monitor.id, this.#actual(monitor) ?? '');
    else if (isPeriodic(monitor.type)) this.#schedule(monitor, firstDue(this.#schedulingType(monitor), this.#intervalMs(monitor), this.#clock.now()));
  }

  /** Forgets a monitor without any event: a removed exceeded threshold does not report cleared (N07.FR.12). */
  #end(monitor: Monitor): void {
    this.#reference.delete(monitor.id);
    const handle = this.#timers.get(monitor.id);
    if (handle !== undefined) this.#clock.clearTimeout(handle);
    this.#timers.delete(monitor.id);
  }

  /** How a periodic monitor is scheduled: as its type says, unless the fault counts clock-aligned ones from the set. */
  #schedulingType(monitor: Monitor): Monitor['type'] {
    return this.#quirks.clockAlignedFromSetTime === true && monitor.type === 'PeriodicClockAligned' ? 'Periodic' : monitor.type;
  }

  #intervalMs(monitor: Monitor): number {
    return monitor.value * 1000 * this.#intervalFactor;
  }

  #schedule(monitor: Monitor, due: number): void {
    const handle = this.#clock.setTimeout(() => {
      this.#timers.delete(monitor.id);
      if (!this.#running || this.#state.monitor(monitor.id) !== monitor) return;
      // N08.FR.05: trigger Periodic with the current Actual value.
      if (this.#acting(monitor)) this.#report(monitor, this.#actual(monitor) ?? '', false);
      this.#schedule(monitor, nextDue(this.#schedulingType(monitor), this.#intervalMs(monitor), due, this.#clock.now()));
    }, Math.max(0, due - this.#clock.now() + (this.#jitter?.(this.#intervalMs(monitor)) ?? 0)));
    this.#timers.set(monitor.id, handle);
  }

  /** Active, and for transaction monitors only while a transaction runs on the related EVSE (SetMonitoringDataType.transaction). */
  #acting(monitor: Monitor): boolean {
    return monitor.active && (!monitor.transaction || this.#isTransactionActive(monitor.component.evse?.id));
  }

  #actual(monitor: Monitor): string | undefined {
    return this.#model.actual(monitor.component, monitor.variable);
  }

  #attribute(monitor: Monitor, type: AttributeType): string | undefined {
    const found = this.#model.lookup(monitor.component, monitor.variable);
    return found.status === 'Found' ? found.entry.attributes.find((a) => a.type === type)?.value : undefined;
  }

  /** Builds and emits the event, unless the monitor's severity is above the monitoring level (N05.FR.03, N07.FR.15). */
  #report(monitor: Monitor, value: string, cleared: boolean, trigger: EventTrigger = triggerOf(monitor.type)): void {
    if (monitor.severity > this.#state.level) return;
    const eventData: EventData = {
      eventId: this.#nextEventId++,
      timestamp: new Date(this.#clock.now()).toISOString(),
      trigger,
      actualValue: eventActualValue(this.#model, monitor.component, monitor.variable, value),
      component: cleanComponent(monitor.component),
      variable: cleanVariable(monitor.variable),
      variableMonitoringId: monitor.id, // N07.FR.06
      eventNotificationType: monitor.origin,
    };
    if (cleared) eventData.cleared = true; // thresholds and target bands only: Delta and Periodic never pass true
    // A monitor on a flag the station's software has a fault code for carries that code too.
    const fault = this.#faultCodeOf?.(monitor.component, monitor.variable);
    if (fault) {
      eventData.techCode = cut(fault.techCode, 50);
      if (fault.techInfo !== undefined) eventData.techInfo = cut(fault.techInfo, 500);
    }
    if (monitor.transaction) {
      const transactionId = this.#transactionId?.(monitor.component.evse?.id);
      if (transactionId !== undefined) eventData.transactionId = cut(transactionId, 36);
    }
    this.#eventFields?.(eventData, monitor.severity);
    this.emit('event', eventData, monitor.severity);
  }
}

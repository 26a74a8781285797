import { OcppCallError } from '../../ocpp/error-codes.js';
import { EventOutbox } from '../monitoring/event-outbox.js';
import type {
  ClearVariableMonitoringRequest,
  EventData,
  GetMonitoringReportRequest,
  MonitoringBase,
  SetVariableMonitoringRequest,
} from '../monitoring/messages.js';
import { MonitorEngine } from '../monitoring/monitor-engine.js';
import { MonitoringState } from '../monitoring/monitoring-state.js';
import { attachEventFlood } from './event-flood.js';
import { attachChargeXFaultCodes, attachUnknownTechCode, FaultCodeBook } from './fault-codes.js';
import { attachWedgeWhileMonitorsActive } from './wedge-while-monitors-active.js';
import { limitOf } from './message-limits.js';
import { setOperatorMonitors } from './operator-monitors.js';
import { seededRandom } from './seeded-random.js';
import type { VirtualStation } from './virtual-station.js';

/**
 * Plugs the monitoring block (N02–N08) into a station whose profile has it: the requests, the
 * engine that fires monitors on sensor changes and writes, and the outbox that sends NotifyEvent
 * or queues it while offline. The state outlives reconnects and resets (N07.FR.13).
 */
export function attachMonitoring(station: VirtualStation): { state: MonitoringState; engine: MonitorEngine; outbox: EventOutbox; faultCodes: FaultCodeBook; takeEvents: (taker: EventTaker) => void } {
  const { model, profile } = station;
  const state = new MonitoringState(model, profile.monitors);
  station.monitoring = state;
  const jitterRandom = seededRandom(0x6a17 ^ (station.context.seed ?? 1));
  const faultCodes = new FaultCodeBook();
  const engine = new MonitorEngine(model, state, {
    clock: station.clock,
    isTransactionActive: (evseId) => station.sessions.isActive(evseId),
    transactionId: (evseId) => station.sessions.transactionOn(evseId)?.id,
    periodicIntervalFactor: station.faults.has('periodic-wrong-interval') ? 2 : 1,
    // Up to half an interval late, never early, so the order of events is kept.
    ...(station.faults.has('periodic-jitter') ? { periodicJitterMs: (intervalMs: number) => jitterRandom() * intervalMs * 0.5 } : {}),
    quirks: {
      clockAlignedFromSetTime: station.faults.has('clock-aligned-from-set-time'),
      thresholdEveryChange: station.faults.has('threshold-every-change'),
      deltaEveryChange: station.faults.has('delta-every-change'),
      deltaNotRebased: station.faults.has('delta-not-rebased'),
      targetDeltaAsDelta: station.faults.has('target-delta-as-delta'),
    },
    faultCodeOf: faultCodes.codeOf,
  });
  const outbox = new EventOutbox(async (payload) => (await station.send('NotifyEvent', payload as unknown as Record<string, unknown>)).ok, {
    offlineQueuingSeverity: () => state.offlineQueuingSeverity(),
    clock: station.clock,
  });
  const { faults } = station;
  if (faults.has('event-flood')) attachEventFlood(station, () => outbox.queued);
  if (faults.has('operator-monitors')) for (const line of setOperatorMonitors(state)) station.context.log(`operator monitor ${line}`);
  if (faults.has('wedge-while-monitors-active')) attachWedgeWhileMonitorsActive(station, state);
  if (faults.has('chargex-fault-codes')) attachChargeXFaultCodes(station, faultCodes);
  if (faults.has('unknown-tech-code')) attachUnknownTechCode(station, engine);
  // Behaviours that report some monitors' events another way (2.1 periodic event streams, N15).
  const takers: EventTaker[] = [];
  engine.on('event', (eventData, severity) => {
    if (faults.has('monitors-never-fire') && eventData.variableMonitoringId !== undefined) return;
    if (faults.has('threshold-without-cleared') && eventData.cleared === true) return;
    if (takers.some((take) => take(eventData))) return;
    outbox.push(eventData, severity);
  });
  station.on('booted', ({ status }) => {
    if (status !== 'Accepted') return;
    outbox.setOnline(true);
    if (!engine.running) engine.start();
  });
  station.on('connected', () => {
    if (station.isAccepted) outbox.setOnline(true);
  });
  station.on('disconnected', () => outbox.setOnline(false));
  station.on('reset', () => engine.stop());
  station.sessions.on('started', () => engine.reevaluate()).on('ended', () => engine.reevaluate());

  const refuseOverLimit = (action: 'SetVariableMonitoring' | 'ClearVariableMonitoring', request: SetVariableMonitoringRequest | ClearVariableMonitoringRequest): void => {
    const violation = state.checkLimits(action, request);
    if (!violation) return;
    const code = violation === 'OccurrenceConstraintViolation' && station.faults.has('ocpp16-error-code') ? 'OccurenceConstraintViolation' : violation;
    throw new OcppCallError(code as 'OccurrenceConstraintViolation', `the request exceeds MonitoringCtrlr limits for ${action} (N04.FR.09, N06.FR.06/07)`);
  };

  // The field's wedge: a periodic monitor plus one SetVariables, and the station answers nothing more.
  let periodicSet = false;
  const setVariables = station.handler('SetVariables');
  if (faults.has('silent-after-periodic-set') && setVariables) {
    station.addHandlers({
      SetVariables: (payload) => {
        if (periodicSet) {
          station.wedge();
          return new Promise(() => undefined);
        }
        return setVariables(payload);
      },
    });
  }

  station.addHandlers({
    SetVariableMonitoring: (payload) => {
      const request = payload as unknown as SetVariableMonitoringRequest;
      refuseOverLimit('SetVariableMonitoring', request);
      if (faults.has('monitoring-accepted-empty')) {
        // Says yes to everything, keeps nothing, and gives no ids.
        return {
          setMonitoringResult: request.setMonitoringData.map(({ component, variable, type, severity }) => ({ status: 'Accepted', type, severity, component, variable })),
        };
      }
      const response = state.setVariableMonitoring(request);
      if (faults.has('silent-after-periodic-set') && response.setMonitoringResult.some((r) => r.status === 'Accepted' && (r.type === 'Periodic' || r.type === 'PeriodicClockAligned'))) {
        periodicSet = true;
      }
      return response;
    },
    ClearVariableMonitoring: (payload) => {
      const request = payload as unknown as ClearVariableMonitoringRequest;
      refuseOverLimit('ClearVariableMonitoring', request);
      return state.clearVariableMonitoring(request);
    },
    SetMonitoringBase: (payload) => {
      const base = payload['monitoringBase'] as MonitoringBase;
      if (faults.has('base-keeps-custom') && base !== 'All') return { status: 'Accepted' };
      return state.setMonitoringBase(base);
    },
    SetMonitoringLevel: (payload) => {
      const severity = payload['severity'] as number;
      if (faults.has('ignore-monitoring-level') && severity >= 0 && severity <= 9) return { status: 'Accepted' };
      return state.setMonitoringLevel(severity);
    },
    GetMonitoringReport: (payload) => {
      const request = payload as unknown as GetMonitoringReportRequest;
      const { status, monitors } = state.report(request);
      if (status === 'Accepted') {
        station.context.afterResponse(async () => {
          const items = limitOf(model, 'DeviceDataCtrlr', 'ItemsPerMessage', 'GetReport', 100);
          const pages = MonitoringState.notifyMonitoringReportPages(request.requestId, monitors, items, new Date(station.clock.now()).toISOString(), (monitor) => state.reported(monitor));
          for (const page of pages) {
            const outcome = await station.send('NotifyMonitoringReport', page as unknown as Record<string, unknown>);
            if (!outcome.ok && outcome.failure.kind === 'disconnected') return;
          }
        });
      }
      return { status };
    },
  });
  return { state, engine, outbox, faultCodes, takeEvents: (taker) => takers.push(taker) };
}

/** Takes a monitor's event instead of NotifyEvent (returns true), or leaves it to NotifyEvent (false). */
export type EventTaker = (eventData: EventData) => boolean;

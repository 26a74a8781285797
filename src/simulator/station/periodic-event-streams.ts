import { randomUUID } from 'node:crypto';
import type { DeviceModel } from '../device-model/device-model.js';
import { PeriodicEventStreams, type StreamParams } from '../monitoring/event-streams.js';
import type { AttachedMonitoring } from '../scenarios/scenario.js';
import type { VirtualStation } from './virtual-station.js';

const CONTROLLER = { name: 'MonitoringCtrlr' };
const MAX_STREAMS = { name: 'MaxPeriodicEventStreams' };
/** What the station reports when its profile says nothing: a few streams side by side. */

/**
 * Plugs OCPP 2.1 periodic event streams (N11–N15) into a station that speaks 2.1 and has the
 * monitoring block: SetVariableMonitoring elements with `periodicEventStream` get a stream once
 * their monitor is accepted, the stream takes the monitor's events instead of NotifyEvent,
 * NotifyPeriodicEventStream goes out as SEND, GetPeriodicEventStream and AdjustPeriodicEventStream
 * are answered, and a monitor that is cleared or set again without a stream has its stream
 * flushed and closed (N13.FR.05/06). The named stream faults are switched on here.
 */
export function attachPeriodicEventStreams(station: VirtualStation, monitoring: AttachedMonitoring): PeriodicEventStreams {
  const { faults, model } = station;
  const streams = new PeriodicEventStreams({
    clock: station.clock,
    maxStreams: () => maxStreams(model),
    link: {
      open: async (constantStreamData) => {
        const outcome = await station.send('OpenPeriodicEventStream', { constantStreamData });
        return outcome.ok && outcome.payload['status'] === 'Accepted';
      },
      notify: (payload) => {
        if (!faults.has('stream-as-call')) {
          try {
            return station.sendUnconfirmed('NotifyPeriodicEventStream', { ...payload });
          } catch (error) {
            // A payload its own schema refuses is dropped with a line, never thrown into a timer.
            station.context.log(`stream ${payload.id}: message not sent: ${(error as Error).message}`);
            return true;
          }
        }
        // The fault: a CALL (type 2) where 2.1 wants a SEND (type 6); the answer is never read.
        if (!station.isConnected) return false;
        station.context.sendRaw(JSON.stringify([2, randomUUID(), 'NotifyPeriodicEventStream', payload]));
        return true;
      },
      close: async (id) => {
        await station.send('ClosePeriodicEventStream', { id });
      },
    },
    quirks: {
      neverOpen: faults.has('stream-never-opens'),
      intervalFactor: faults.has('stream-wrong-interval') ? 2 : 1,
      basetimeNotFirstValue: faults.has('stream-first-t-not-zero'),
      ignoreValues: faults.has('stream-ignores-values'),
      ignoreReject: faults.has('stream-ignores-reject'),
      keepOnClear: faults.has('stream-not-closed-on-clear'),
      ignoreAdjust: faults.has('adjust-ignored'),
      ignoreMax: faults.has('streams-beyond-max'),
    },
    log: (line) => station.context.log(line),
  });
  monitoring.takeEvents((eventData) => streams.take(eventData));
  // N13.FR.05: a monitor that goes (ClearVariableMonitoring, a base reset) takes its stream with it, after the answer.
  monitoring.state.on('removed', (monitor) => station.context.afterResponse(() => streams.end(monitor.id)));
  station.on('reset', () => streams.suspend());
  station.on('booted', ({ status }) => {
    if (status === 'Accepted') streams.resume((id) => monitoring.state.monitor(id) !== undefined);
  });

  const setVariableMonitoring = station.handler('SetVariableMonitoring');
  if (setVariableMonitoring) {
    station.addHandlers({
      SetVariableMonitoring: async (payload) => {
        const response = (await setVariableMonitoring(payload)) as { setMonitoringResult?: Array<{ status?: string; id?: number }> };
        const elements = Array.isArray(payload['setMonitoringData']) ? (payload['setMonitoringData'] as Array<Record<string, unknown>>) : [];
        elements.forEach((element, index) => {
          const result = response.setMonitoringResult?.[index];
          const id = result?.id;
          if (result?.status !== 'Accepted' || id === undefined) return;
          const params = element['periodicEventStream'];
          // N11.FR.01/02 after the answer; N13.FR.06: the same monitor again without a stream closes it.
          if (params !== undefined) station.context.afterResponse(() => streams.request(id, paramsOf(params)));
          else if (element['id'] !== undefined) station.context.afterResponse(() => streams.end(id));
        });
        return response;
      },
    });
  }
  station.addHandlers({
    // N12.FR.01: the open streams; the list is left out when there are none (minItems 1).
    GetPeriodicEventStream: () => {
      const open = streams.list();
      return open.length > 0 ? { constantStreamData: open } : {};
    },
    AdjustPeriodicEventStream: (payload) => streams.adjust(Number(payload['id']), paramsOf(payload['params'])),
  });
  return streams;
}

/** Only the schema's two numbers (no customData echoed into Open or Get). */
function paramsOf(value: unknown): StreamParams {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const params: StreamParams = {};
  if (typeof record['interval'] === 'number') params.interval = record['interval'];
  if (typeof record['values'] === 'number') params.values = record['values'];
  return params;
}

/** MonitoringCtrlr.MaxPeriodicEventStreams as a whole number ≥ 0 (0: no streams), or undefined when absent. */
function maxStreams(model: DeviceModel): number | undefined {
  const text = model.actual(CONTROLLER, MAX_STREAMS);
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

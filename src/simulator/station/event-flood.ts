import type { VirtualStation } from './virtual-station.js';

/** NotifyEvents per second the `event-flood` fault raises: far beyond the event-rate check's 1/s. */
export const EVENT_FLOOD_PER_S = 50;
/** Events the flood lets wait in the station's outbox before it skips a flap. */
const FLOOD_QUEUE_LIMIT = 4;

/**
 * The `event-flood` fault (field notes: NotifyEvent floods that error-loop backends): while the
 * station is connected and accepted, ChargingStation.Problem flaps between true and false,
 * EVENT_FLOOD_PER_S times a second, and every flap becomes a NotifyEvent. They go through the
 * normal outbox, one CALL at a time, so the flood is valid OCPP-J that only the event-rate check
 * should object to.
 *
 * The flood goes as fast as the CSMS answers, up to that rate: a flap waits while more than
 * FLOOD_QUEUE_LIMIT events are still to be sent. Otherwise, wherever the round trip takes longer
 * than 1/EVENT_FLOOD_PER_S (a slow or busy machine), the flood filled the station's own queue and
 * its other events (a periodic monitor's) left seconds after they were stamped: a station starving
 * its own queue is a fault of its own, not this one, and it made the fleet benchmark's verdicts
 * depend on the machine.
 *
 * Each flap is a raise and its clear in the same tick, so between ticks Problem reads false: what
 * a report or a GetVariables sees does not depend on the phase of the flood (with single flaps,
 * a criteria report for Problem came back empty or not by chance, and the audit's verdicts with it).
 */
export function attachEventFlood(station: VirtualStation, eventsQueued: () => number): void {
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  // Flapped in the device model, as a loose contact would: the station's own change detection
  // (a hard-wired notification, or a monitor if one watches the flag) turns each flap into an event.
  const flap = (): void => {
    if (eventsQueued() > FLOOD_QUEUE_LIMIT) return;
    station.model.setByStation({ name: 'ChargingStation' }, { name: 'Problem' }, 'true');
    station.model.setByStation({ name: 'ChargingStation' }, { name: 'Problem' }, 'false');
  };
  const start = (): void => {
    if (timer) return;
    timer = setInterval(flap, 2000 / EVENT_FLOOD_PER_S);
    // Like the sensors' timer: the flood alone must not keep a process alive.
    timer.unref();
  };
  station.on('booted', ({ status }) => {
    if (status === 'Accepted') start();
  });
  // A reconnection without a new boot picks the flood up again.
  station.on('connected', () => {
    if (station.isAccepted) start();
  });
  station.on('disconnected', stop);
  station.on('reset', stop);
}

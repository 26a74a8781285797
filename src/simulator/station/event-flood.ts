import type { VirtualStation } from './virtual-station.js';

/** NotifyEvents per second the `event-flood` fault raises: far beyond the event-rate check's 1/s. */
export const EVENT_FLOOD_PER_S = 50;

/**
 * The `event-flood` fault (field notes: NotifyEvent floods that error-loop backends): while the
 * station is connected and accepted, ChargingStation.Problem flaps between true and false,
 * EVENT_FLOOD_PER_S times a second, and every flap becomes a NotifyEvent. They go through the
 * normal outbox, one CALL at a time, so the flood is valid OCPP-J that only the event-rate check
 * should object to.
 */
export function attachEventFlood(station: VirtualStation): void {
  let timer: NodeJS.Timeout | undefined;
  let problem = false;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  // Flapped in the device model, as a loose contact would: the station's own change detection
  // (a hard-wired notification, or a monitor if one watches the flag) turns each flap into an event.
  const flap = (): void => {
    problem = !problem;
    station.model.setByStation({ name: 'ChargingStation' }, { name: 'Problem' }, String(problem));
  };
  const start = (): void => {
    if (timer) return;
    timer = setInterval(flap, 1000 / EVENT_FLOOD_PER_S);
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

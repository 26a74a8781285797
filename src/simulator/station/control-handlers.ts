import type { ChargingSessions } from './charging-sessions.js';
import type { StationContext, StationHandler } from './station-context.js';

export interface StationControls {
  boot: (reason: 'Triggered') => Promise<void>;
  heartbeat: () => void;
  statusNotifications: (evseId?: number, connectorId?: number) => Promise<void>;
  reset: (type: string) => void;
}

/**
 * TriggerMessage (F06) and Reset (B11/B12). A triggered message follows the answer; a Reset
 * answers Accepted and then reboots the station, which boots again with reason RemoteReset.
 * With transactions running, Immediate ends them first (stoppedReason ImmediateReset) and
 * OnIdle answers Scheduled and reboots when the last one has ended (B11).
 */
export function controlHandlers(context: StationContext, controls: StationControls, sessions: ChargingSessions): Record<string, StationHandler> {
  const { profile } = context;
  let resetScheduled = false;
  return {
    TriggerMessage: (payload) => {
      const requested = payload['requestedMessage'] as string;
      const evse = payload['evse'] as { id: number; connectorId?: number } | undefined;
      if (evse && !profile.evses.some((e) => e.id === evse.id)) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
      const later = (work: () => Promise<unknown> | void): { status: 'Accepted' } => {
        context.afterResponse(async () => {
          await work();
        });
        return { status: 'Accepted' };
      };
      switch (requested) {
        case 'BootNotification':
          return later(() => controls.boot('Triggered'));
        case 'Heartbeat':
          return later(() => controls.heartbeat());
        case 'StatusNotification':
          return later(() => controls.statusNotifications(evse?.id, evse?.connectorId));
        case 'MeterValues':
          return later(() => sendMeterValues(context, evse?.id));
        case 'LogStatusNotification':
          return later(() => context.send('LogStatusNotification', { status: 'Idle' }));
        case 'FirmwareStatusNotification':
          return later(() => context.send('FirmwareStatusNotification', { status: 'Idle' }));
        default:
          return { status: 'NotImplemented' };
      }
    },
    Reset: (payload) => {
      const type = payload['type'] as string;
      const evseId = payload['evseId'] as number | undefined;
      if (evseId !== undefined) {
        // Resetting a single EVSE is optional (B12); this station resets only as a whole.
        return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest', additionalInfo: 'only the whole station can be reset' } };
      }
      if (sessions.isActive() && type === 'OnIdle') {
        if (!resetScheduled) {
          resetScheduled = true;
          const whenIdle = (): void => {
            if (sessions.isActive()) return;
            sessions.off('ended', whenIdle);
            resetScheduled = false;
            controls.reset(type);
          };
          sessions.on('ended', whenIdle);
        }
        return { status: 'Scheduled' };
      }
      context.afterResponse(async () => {
        await sessions.stopAll('ImmediateReset');
        controls.reset(type);
      });
      return { status: 'Accepted' };
    },
  };
}

/** One MeterValues per EVSE with the EVSE power and, when the profile has it, the energy register. */
async function sendMeterValues(context: StationContext, evseId?: number): Promise<void> {
  for (const evse of context.profile.evses) {
    if (evseId !== undefined && evse.id !== evseId) continue;
    const power = Number(context.model.actual({ name: 'EVSE', evse: { id: evse.id } }, { name: 'Power' }) ?? 0);
    await context.send('MeterValues', {
      evseId: evse.id,
      meterValue: [{ timestamp: new Date(context.clock.now()).toISOString(), sampledValue: [{ value: power, measurand: 'Power.Active.Import', context: 'Trigger' }] }],
    });
  }
}

import type { AfterReply, Station16Context, Station16Controls, Station16Handler } from './context.js';
import type { UploadState } from './file-uploads.js';
import { meterValuesOf } from './meter-values.js';

type Triggered = (connectorId: number | undefined) => Promise<unknown>;

/**
 * TriggerMessage (RemoteTrigger, 1.6 §5.17) and ExtendedTriggerMessage (security WP): the answer
 * goes first, then the message. A connector the station does not have is Rejected; so is
 * BootNotification once the boot was Accepted (1.6 errata v4.0 §3.35). StatusNotification without
 * connectorId reports connector 0 and every connector; MeterValues without one, every connector.
 */
export function triggerHandlers(context: Station16Context, controls: Station16Controls, uploads: UploadState): Record<string, Station16Handler> {
  const { connectors } = context;
  const common: Record<string, Triggered> = {
    BootNotification: () => controls.boot(),
    Heartbeat: () => controls.heartbeat(),
    StatusNotification: (connectorId) => controls.statusNotifications(connectorId),
    MeterValues: async (connectorId) => {
      for (const id of connectorId !== undefined ? [connectorId] : connectors.ids()) await context.send('MeterValues', meterValuesOf(context, id));
    },
  };
  const trigger = (triggered: Record<string, Triggered>) => (payload: Record<string, unknown>, afterReply: AfterReply) => {
    const requested = payload['requestedMessage'] as string;
    const connectorId = payload['connectorId'] as number | undefined;
    if (connectorId !== undefined && !connectors.has(connectorId)) return { status: 'Rejected' };
    if (requested === 'BootNotification' && controls.isAccepted()) return { status: 'Rejected' };
    const send = triggered[requested];
    if (!send) return { status: 'NotImplemented' };
    afterReply(() => send(connectorId));
    return { status: 'Accepted' };
  };
  return {
    TriggerMessage: trigger({
      ...common,
      // Idle: no upload runs (1.6 §6.19: Idle only in answer to a trigger).
      DiagnosticsStatusNotification: () => context.send('DiagnosticsStatusNotification', { status: uploads.diagnosticsUploading ? 'Uploading' : 'Idle' }),
      FirmwareStatusNotification: () => context.send('FirmwareStatusNotification', { status: uploads.firmwareStatus ?? 'Idle' }),
    }),
    ExtendedTriggerMessage: (payload, afterReply) => {
      // No key pair to sign: the virtual station cannot make a certificate signing request.
      if (payload['requestedMessage'] === 'SignChargePointCertificate') return { status: 'Rejected' };
      return trigger({
        ...common,
        LogStatusNotification: () => context.send('LogStatusNotification', uploads.log ? { status: 'Uploading', requestId: uploads.log.requestId } : { status: 'Idle' }),
        // The white paper's firmware status is SignedFirmwareStatusNotification.
        FirmwareStatusNotification: () => context.send('SignedFirmwareStatusNotification', { status: 'Idle' }),
      })(payload, afterReply);
    },
  };
}

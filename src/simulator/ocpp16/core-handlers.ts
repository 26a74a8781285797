import type { Station16Context, Station16Controls, Station16Handler } from './context.js';

/**
 * The rest of the Core profile (1.6 §5) as a charger that is idle and charges nobody through this
 * tool: Reset reboots, ChangeAvailability switches connectors (and reports them), remote starts
 * and stops are refused, no vendor data is known, there is no authorization cache to clear.
 */
export function coreHandlers(context: Station16Context, controls: Station16Controls): Record<string, Station16Handler> {
  const { connectors } = context;
  return {
    Reset: (payload, afterReply) => {
      afterReply(() => controls.reset(payload['type'] as string));
      return { status: 'Accepted' };
    },
    ChangeAvailability: (payload, afterReply) => {
      const connectorId = payload['connectorId'] as number;
      if (!connectors.has(connectorId)) return { status: 'Rejected' };
      const status = payload['type'] === 'Inoperative' ? 'Unavailable' : 'Available';
      const ids = connectorId === 0 ? [0, ...connectors.ids()] : [connectorId];
      for (const id of ids) {
        const state = connectors.state(id);
        // A faulted connector stays Faulted; its availability applies once the fault clears.
        if (state.status !== 'Faulted') connectors.set(id, { status, errorCode: state.errorCode });
      }
      afterReply(async () => {
        for (const id of ids) await controls.statusNotifications(id);
      });
      return { status: 'Accepted' };
    },
    ClearCache: () => ({ status: context.configuration.has('AuthorizationCacheEnabled') ? 'Accepted' : 'Rejected' }),
    DataTransfer: () => ({ status: 'UnknownVendorId' }),
    RemoteStartTransaction: () => ({ status: 'Rejected' }),
    RemoteStopTransaction: () => ({ status: 'Rejected' }),
    UnlockConnector: (payload) => ({ status: connectors.has(payload['connectorId'] as number) && (payload['connectorId'] as number) > 0 ? 'Unlocked' : 'NotSupported' }),
  };
}

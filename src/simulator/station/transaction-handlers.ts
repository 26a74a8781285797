import type { ChargingSessions } from './charging-sessions.js';
import type { StationContext, StationHandler } from './station-context.js';

/**
 * RequestStartTransaction (F01) and RequestStopTransaction (F03), so that a CSMS, or the audit,
 * can put the station under load and make transaction-only monitors active. With
 * AuthCtrlr.AuthorizeRemoteStart true the token is authorized first, as if presented locally.
 */
export function transactionHandlers(context: StationContext, sessions: ChargingSessions): Record<string, StationHandler> {
  return {
    RequestStartTransaction: (payload) => {
      const evseId = payload['evseId'] as number | undefined;
      const idToken = payload['idToken'] as Record<string, unknown>;
      const remoteStartId = payload['remoteStartId'] as number;
      if (evseId !== undefined && !context.profile.evses.some((evse) => evse.id === evseId)) {
        return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
      }
      const running = sessions.transactionOn(evseId);
      if (evseId !== undefined && running) {
        return { status: 'Rejected', transactionId: running.id, statusInfo: { reasonCode: 'TxInProgress' } };
      }
      const target = sessions.freeEvse(evseId);
      if (target === undefined) return { status: 'Rejected', statusInfo: { reasonCode: 'NoFreeEvse' } };
      context.afterResponse(async () => {
        if (context.model.actual({ name: 'AuthCtrlr' }, { name: 'AuthorizeRemoteStart' }) === 'true') {
          const outcome = await context.send('Authorize', { idToken });
          const status = outcome.ok ? (outcome.payload['idTokenInfo'] as { status?: string } | undefined)?.status : undefined;
          if (status !== 'Accepted') {
            context.log(`remote start ${remoteStartId}: token not authorized (${status ?? 'no answer'})`);
            return;
          }
        }
        if (sessions.isActive(target)) return;
        await sessions.start(target, idToken, remoteStartId);
      });
      return { status: 'Accepted' };
    },
    RequestStopTransaction: (payload) => {
      const transaction = sessions.byId(String(payload['transactionId']));
      if (!transaction) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownTransaction' } };
      context.afterResponse(() => sessions.stop(transaction, 'Remote'));
      return { status: 'Accepted' };
    },
  };
}

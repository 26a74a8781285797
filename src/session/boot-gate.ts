import { OcppCallError } from '../ocpp/error-codes.js';
import type { BootStatus } from './default-replies.js';

/** Where the station stands: no BootNotification yet on this session, or the last answer we gave. */
export type BootState = 'none' | BootStatus;

/** What the CSMS asked for while the station was not yet accepted, which makes a message solicited. */
export interface Solicitations {
  /** requestId values of CSMS requests sent on this session (GetBaseReport, GetLog, ...). */
  requestIds: ReadonlySet<number>;
  /** Actions requested with TriggerMessage. */
  triggeredActions: ReadonlySet<string>;
}

/** TriggerMessage's requestedMessage values and the action each one makes the station send. */
export const TRIGGERED_ACTION: Record<string, string> = {
  BootNotification: 'BootNotification',
  LogStatusNotification: 'LogStatusNotification',
  FirmwareStatusNotification: 'FirmwareStatusNotification',
  Heartbeat: 'Heartbeat',
  MeterValues: 'MeterValues',
  SignChargingStationCertificate: 'SignCertificate',
  SignV2GCertificate: 'SignCertificate',
  StatusNotification: 'StatusNotification',
  TransactionEvent: 'TransactionEvent',
  SignCombinedCertificate: 'SignCertificate',
  PublishFirmwareStatusNotification: 'PublishFirmwareStatusNotification',
  // OCPP 1.6 (RemoteTrigger profile; ExtendedTriggerMessage of the security white paper).
  DiagnosticsStatusNotification: 'DiagnosticsStatusNotification',
  SignChargePointCertificate: 'SignCertificate',
};

/**
 * Decides whether a station message may be served in the current boot state. After a refused boot
 * the CSMS answers CALLERROR SecurityError (B02/B03, OCTT TC_B_30): always after Rejected; while
 * Pending only unsolicited messages (those answering a CSMS request by requestId, or a
 * TriggerMessage, pass). Before any BootNotification the message is served: a station accepted
 * before reconnects without booting (Part 4), and the session asks it to boot instead.
 * Returns the error to answer with, or undefined to serve the message.
 */
export function gateBeforeAcceptance(
  state: BootState,
  action: string,
  payload: Record<string, unknown>,
  solicited: Solicitations,
): OcppCallError | undefined {
  if (action === 'BootNotification' || state === 'Accepted') return undefined;
  if (state === 'Rejected') {
    return new OcppCallError('SecurityError', 'the BootNotification was rejected; only BootNotification is served', {
      finding: { code: 'call-after-rejected-boot', message: `${action} sent after the CSMS rejected the boot (B03, TC_B_30)` },
    });
  }
  if (state === 'none') return undefined;
  const requestId = payload['requestId'];
  if (typeof requestId === 'number' && solicited.requestIds.has(requestId)) return undefined;
  if (solicited.triggeredActions.has(action)) return undefined;
  return new OcppCallError('SecurityError', 'the boot is Pending; only messages the CSMS asked for are served', {
    finding: { code: 'call-while-pending', message: `unsolicited ${action} while the boot is Pending (B02, TC_B_30)` },
  });
}

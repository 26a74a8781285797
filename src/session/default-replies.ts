import type { StationInitiatedAction } from '../ocpp/actions.js';

export type BootStatus = 'Accepted' | 'Pending' | 'Rejected';

export interface ReplyContext {
  bootStatus: BootStatus;
  /** Seconds: the heartbeat interval when Accepted, the retry interval when Pending or Rejected (B01–B03). */
  interval: number;
  now: Date;
}

type Reply = (payload: Record<string, unknown>, context: ReplyContext) => Record<string, unknown>;

const empty: Reply = () => ({});

/**
 * What a plain, permissive CSMS answers to each station-initiated action: schema-valid, accepting
 * where acceptance is harmless, declining what an audit has no business granting (certificates,
 * vendor data). The audit's own behaviour is layered on top by the session, not here.
 */
export const DEFAULT_REPLIES: Record<StationInitiatedAction, Reply> = {
  BootNotification: (_payload, { bootStatus, interval, now }) => ({
    currentTime: now.toISOString(),
    interval,
    status: bootStatus,
  }),
  Heartbeat: (_payload, { now }) => ({ currentTime: now.toISOString() }),
  StatusNotification: empty,
  NotifyReport: empty,
  NotifyMonitoringReport: empty,
  NotifyEvent: empty,
  SecurityEventNotification: empty,
  // Only when the station asks about an idToken is there anything to say (E01–E07): accept it.
  TransactionEvent: (payload) => ('idToken' in payload ? { idTokenInfo: { status: 'Accepted' } } : {}),
  MeterValues: empty,
  Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
  LogStatusNotification: empty,
  FirmwareStatusNotification: empty,
  PublishFirmwareStatusNotification: empty,
  NotifyCustomerInformation: empty,
  // No vendor-specific extensions are known to an audit CSMS (P01.FR.06).
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  ClearedChargingLimit: empty,
  NotifyChargingLimit: empty,
  NotifyDisplayMessages: empty,
  NotifyEVChargingNeeds: () => ({ status: 'Rejected' }),
  NotifyEVChargingSchedule: () => ({ status: 'Accepted' }),
  ReportChargingProfiles: empty,
  ReservationStatusUpdate: empty,
  // An audit CSMS is no certificate authority: certificate requests are declined, never faked.
  SignCertificate: () => ({ status: 'Rejected' }),
  GetCertificateStatus: () => ({ status: 'Failed' }),
  Get15118EVCertificate: () => ({ status: 'Failed', exiResponse: '' }),
};

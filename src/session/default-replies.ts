import type { StationInitiatedAction } from '../ocpp/actions.js';
import type { OcppVersion } from '../ocpp/protocol.js';

export type BootStatus = 'Accepted' | 'Pending' | 'Rejected';

export interface ReplyContext {
  bootStatus: BootStatus;
  /** Seconds: the heartbeat interval when Accepted, the retry interval when Pending or Rejected (B01–B03). */
  interval: number;
  now: Date;
}

export type Reply = (payload: Record<string, unknown>, context: ReplyContext) => Record<string, unknown>;

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

/**
 * OCPP 2.1 keeps 2.0.1's answers and adds its own station-initiated actions. A periodic event stream
 * is accepted (N11.FR.06): the CSMS can take its data; a case that needs a refusal (TC_N_106)
 * says so for the next request only (StationSession.answerNext).
 */
const OCPP21_REPLIES: Record<string, Reply> = {
  ...DEFAULT_REPLIES,
  OpenPeriodicEventStream: () => ({ status: 'Accepted' }),
  ClosePeriodicEventStream: empty,
  NotifyDERAlarm: empty,
  NotifyDERStartStop: empty,
  NotifyPriorityCharging: empty,
  NotifySettlement: empty,
  ReportDERControl: empty,
  BatterySwap: empty,
  PullDynamicScheduleUpdate: () => ({ status: 'Rejected' }),
  // As for GetCertificateStatus: no certificate authority here, so no status can be vouched for.
  GetCertificateChainStatus: (payload) => ({
    certificateStatus: ((payload['certificateStatusRequests'] ?? []) as Array<Record<string, unknown>>).map((request) => ({
      certificateHashData: request['certificateHashData'],
      source: request['source'],
      status: 'Failed',
      nextUpdate: new Date().toISOString(),
    })),
  }),
  VatNumberValidation: (payload) => ({ vatNumber: typeof payload['vatNumber'] === 'string' ? payload['vatNumber'] : '', status: 'Rejected' }),
};

/** What a plain OCPP 1.6 Central System answers (1.6 §6, security white paper): the same stance as for 2.x. */
const OCPP16_REPLIES: Record<string, Reply> = {
  BootNotification: DEFAULT_REPLIES.BootNotification,
  Heartbeat: DEFAULT_REPLIES.Heartbeat,
  StatusNotification: empty,
  MeterValues: empty,
  DiagnosticsStatusNotification: empty,
  FirmwareStatusNotification: empty,
  Authorize: () => ({ idTagInfo: { status: 'Accepted' } }),
  StartTransaction: (_payload, { now }) => ({ idTagInfo: { status: 'Accepted' }, transactionId: Math.floor(now.getTime() / 1000) % 2_000_000_000 }),
  StopTransaction: empty,
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  SecurityEventNotification: empty,
  LogStatusNotification: empty,
  SignedFirmwareStatusNotification: empty,
  SignCertificate: () => ({ status: 'Rejected' }),
};

/** The CSMS's plain answers for each OCPP version, by action. */
export const REPLIES_BY_VERSION: Readonly<Record<OcppVersion, Readonly<Record<string, Reply>>>> = {
  '2.0.1': DEFAULT_REPLIES,
  '2.1': OCPP21_REPLIES,
  '1.6': OCPP16_REPLIES,
};

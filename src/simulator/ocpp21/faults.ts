/**
 * Named faults of a station speaking OCPP 2.1: its 2.1 diagnostics done wrong, as ports of 2.0.1
 * firmware get them (issue 17). The 2.1 station has these besides the 2.x faults (FAULTS); a
 * station of another version refuses them (start-virtual-station.ts).
 */
const OCPP21_DIAGNOSTICS_FAULTS = {
  'target-delta-as-delta': 'TargetDelta and TargetDeltaRelative monitors go down the Delta path: an event with trigger Delta when Actual moves by more than the value, whatever Target says, never cleared (needs a profile with monitoring)',
  'target-delta-refused': 'TargetDelta and TargetDeltaRelative monitors are answered UnsupportedMonitorType, as a 2.0.1 monitor engine does (needs a profile with monitoring)',
  'no-event-severity': 'NotifyEvent items carry no severity (needs a profile with monitoring)',
  'event-severity-mismatch': 'NotifyEvent severity on an inverted scale, 9 minus the severity of the monitor that fired (needs a profile with monitoring)',
  'no-event-notification-type': 'NotifyMonitoringReport monitors lack the required eventNotificationType, sent anyway as a 2.0.1 port does (needs a profile with monitoring)',
  'status-notification-only': 'availability only through StatusNotification, never a NotifyEvent on Connector.AvailabilityState (after boot or on a change)',
  'data-collector-log-never-uploads': 'GetLog DataCollectorLog is accepted and LogStatusNotification says Uploading, then Uploaded, but no file is sent (needs an enabled DataCollector)',
  'follows-redirect': 'a log upload answered with an HTTP redirect follows it to the new address and reports Uploaded, where 2.1 wants UploadFailure (N01.FR.30)',
  'no-2-1-device-model': 'none of the 2.1 device-model additions (hierarchy variables, DataCollector, OCPPCommCtrlr.ExternalConfigChangeDate, MonitoringCtrlr.MaxPeriodicEventStreams, the target setpoint)',
} as const;

/**
 * Periodic event streams done wrong (N11–N15): they live in the monitoring block, so they need a
 * profile with monitoring (checkStreamFaultsFit).
 */
export const OCPP21_STREAM_FAULTS = {
  'stream-never-opens': 'a monitor set with periodicEventStream is accepted, but no OpenPeriodicEventStream follows: it reports with NotifyEvent',
  'stream-as-call': 'NotifyPeriodicEventStream is sent as a CALL (type 2) instead of a SEND (type 6)',
  'stream-wrong-interval': 'periodic event streams send their messages at twice the requested interval',
  'stream-first-t-not-zero': 'a NotifyPeriodicEventStream basetime is the previous message\'s time, not its first value\'s: the first t is not 0',
  'stream-ignores-values': 'periodic event streams ignore values: everything buffered goes in one message every interval',
  'stream-ignores-reject': 'a periodic event stream the CSMS rejected is used anyway, and the monitor sends no NotifyEvent',
  'stream-not-closed-on-clear': 'clearing a monitor leaves its periodic event stream open: no flush, no ClosePeriodicEventStream',
  'adjust-ignored': 'AdjustPeriodicEventStream is answered Accepted and the stream keeps its old rate',
  'streams-beyond-max': 'periodic event streams are opened beyond MonitoringCtrlr.MaxPeriodicEventStreams',
} as const;

/** Every fault of the 2.1 station beyond the 2.x ones. */
export const OCPP21_FAULTS = { ...OCPP21_DIAGNOSTICS_FAULTS, ...OCPP21_STREAM_FAULTS } as const;

export type Ocpp21FaultName = keyof typeof OCPP21_FAULTS;

export function isOcpp21FaultName(name: string): name is Ocpp21FaultName {
  return Object.hasOwn(OCPP21_FAULTS, name);
}

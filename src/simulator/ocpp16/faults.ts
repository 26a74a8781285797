/**
 * Named behaviours of the OCPP 1.6 virtual station: the bad 1.6 firmware the 1.6 audit must catch,
 * and the correct behaviours it must judge right. They combine freely and are refused on a station
 * that speaks 2.x (start-virtual-station.ts), as the 2.x faults are refused on a 1.6 station.
 */
export const OCPP16_FAULTS = {
  'chargex-fault-codes': 'correct firmware: once after boot, connector 1 goes Faulted with errorCode GroundFailure and vendorErrorCode CX002 under vendorId https://chargex.inl.gov, clears with NoError 2 s later, then the same with OtherError and CX014 (PilotFault, no 1.6 errorCode of its own)',
  'readonly-change-accepted': 'ChangeConfiguration on a read-only key answers Accepted and changes its value',
  'missing-required-keys': 'the required Core keys ConnectorPhaseRotation, MeterValuesAlignedData and ResetRetries are absent (GetConfiguration lists them as unknown)',
  'feature-profiles-lie': 'SupportedFeatureProfiles claims RemoteTrigger, but every TriggerMessage is answered NotImplemented',
  'diagnostics-never-upload': 'GetDiagnostics answers a fileName, then nothing: no DiagnosticsStatusNotification, no upload',
  'error-never-cleared': 'once after boot, connector 1 goes Faulted (GroundFailure, CX002 under the ChargeX vendorId) and no StatusNotification with NoError ever follows',
  'unknown-vendor-error-code': 'once after boot, connector 1 goes Faulted with OtherError and vendorErrorCode E-4711, not a ChargeX code, under the ChargeX vendorId, then clears with NoError',
  'no-security-extensions': 'firmware without the security white paper: no SecurityEventNotification, GetLog and ExtendedTriggerMessage answered CALLERROR NotImplemented, no security configuration keys',
  'boot-without-serial': 'BootNotification carries no chargePointSerialNumber',
} as const;

export type Ocpp16FaultName = keyof typeof OCPP16_FAULTS;

export function isOcpp16FaultName(name: string): name is Ocpp16FaultName {
  return Object.hasOwn(OCPP16_FAULTS, name);
}

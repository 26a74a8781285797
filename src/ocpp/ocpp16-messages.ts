/** OCPP 1.6 message facts the audit judges by, as data (1.6 §6, §7): enumerations and field limits. */

/** The sixteen ChargePointErrorCode values of StatusNotification.req (1.6 §7.6). */
export const OCPP16_ERROR_CODES: readonly string[] = [
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'LocalListConflict',
  'NoError',
  'OtherError',
  'OverCurrentFailure',
  'OverVoltage',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'WeakSignal',
];

/** Field limits of StatusNotification.req (1.6 §6.47: CiString50 / CiString255). */
export const STATUS_NOTIFICATION_LIMITS = { info: 50, vendorId: 255, vendorErrorCode: 50 } as const;

/** Field limits of BootNotification.req (1.6 §6.3). */
export const BOOT_NOTIFICATION_LIMITS: Readonly<Record<string, number>> = {
  chargePointVendor: 20,
  chargePointModel: 20,
  chargePointSerialNumber: 25,
  chargeBoxSerialNumber: 25,
  firmwareVersion: 50,
  iccid: 20,
  imsi: 20,
  meterType: 25,
  meterSerialNumber: 25,
};

/**
 * The ChargeX Consortium's Minimum Required Error Codes (MREC), CX001–CX026: the fault codes a
 * station sends in NotifyEvent `eventData.techCode` under OCPP 2.0.1 (OCA uptime white paper
 * v1.1 §7; shared/reference/guideline-sources.md §3). MREC gives each code a name; the meanings
 * below are our own short words, and MREC defines no OCPP severity and no component/variable.
 */
export interface ChargeXCode {
  code: string;
  name: string;
  /** What the fault is, in our words. */
  meaning: string;
}

export const CHARGEX_CODES: readonly ChargeXCode[] = [
  { code: 'CX001', name: 'ConnectorLockFailure', meaning: 'the connector lock did not lock or unlock' },
  { code: 'CX002', name: 'GroundFailure', meaning: 'a ground-fault protection tripped' },
  { code: 'CX003', name: 'HighTemperature', meaning: 'the charger runs hot and reduces power' },
  { code: 'CX004', name: 'OverCurrentFailure', meaning: 'an overcurrent protection tripped' },
  { code: 'CX005', name: 'OverVoltage', meaning: 'the voltage to the vehicle is too high' },
  { code: 'CX006', name: 'UnderVoltage', meaning: 'the voltage to the vehicle is too low' },
  { code: 'CX007', name: 'WeakSignal', meaning: 'the wireless link is weak' },
  { code: 'CX008', name: 'EmergencyStop', meaning: 'the emergency stop was pressed' },
  { code: 'CX009', name: 'AuthorizationTimeout', meaning: 'plugged in but not authorized in time' },
  { code: 'CX010', name: 'InvalidVehicleMode', meaning: 'the vehicle is in a state that cannot charge' },
  { code: 'CX011', name: 'CableCheckFailure', meaning: 'the cable or isolation check failed' },
  { code: 'CX012', name: 'PreChargeFailure', meaning: 'the pre-charge voltage was not reached' },
  { code: 'CX013', name: 'NoInternet', meaning: 'the charger is offline' },
  { code: 'CX014', name: 'PilotFault', meaning: 'the control pilot voltage is out of range' },
  { code: 'CX015', name: 'PowerLoss', meaning: 'the charger lost its mains supply' },
  { code: 'CX016', name: 'EVContactorFault', meaning: 'a contactor of the vehicle failed or welded' },
  { code: 'CX017', name: 'EVSEContactorFault', meaning: 'a contactor of the charger failed or welded' },
  { code: 'CX018', name: 'CableOverTempDerate', meaning: 'the cable or connector is hot and power is reduced' },
  { code: 'CX019', name: 'CableOverTempStop', meaning: 'the cable or connector is hot and the session stopped' },
  { code: 'CX020', name: 'PartialInsertion', meaning: 'the plug is not fully inserted' },
  { code: 'CX021', name: 'CapacitanceFault', meaning: 'the isolation monitor saw too much capacitance while charging' },
  { code: 'CX022', name: 'ResistanceFault', meaning: 'the isolation monitor saw too little resistance to chassis while charging' },
  { code: 'CX023', name: 'ProximityFault', meaning: 'the proximity voltage is out of range' },
  { code: 'CX024', name: 'ConnectorVoltageHigh', meaning: 'voltage on the output before or after charging' },
  { code: 'CX025', name: 'BrokenLatch', meaning: 'the connector latch is broken' },
  { code: 'CX026', name: 'CutCable', meaning: 'the output cable is cut' },
];

const BY_CODE = new Map(CHARGEX_CODES.map((entry) => [entry.code, entry]));

/**
 * The ChargeX entry of a techCode, or undefined when it is not one. Exact spelling: `CX002` is
 * the code; a station that sends `cx2` or `GroundFailure` has not sent a ChargeX code.
 */
export function chargeXCode(techCode: string): ChargeXCode | undefined {
  return BY_CODE.get(techCode);
}

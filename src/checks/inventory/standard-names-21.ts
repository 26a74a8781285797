import type { OcppVersion } from '../../ocpp/protocol.js';

/**
 * What OCPP 2.1 adds to the standardized device-model names (2.1 Part 2 appendices v2.0, Part 1
 * Chapter 4; facts §7–§8): a 2.1 station may use every 2.0.1 name and these. Names only; the
 * diagnostics-relevant ones are judged further by device-model-21 and the guidelines.
 */
export interface StandardNameAdditions {
  components: readonly string[];
  /** Variables any component may carry. */
  genericVariables: readonly string[];
  /** Variables named for one component. */
  componentVariables: Readonly<Record<string, readonly string[]>>;
}

const OCPP21: StandardNameAdditions = {
  components: ['ACDERCtrlr', 'BatterySwapCtrlr', 'DCDERCtrlr', 'V2XChargingCtrlr', 'WebPaymentsCtrlr', 'DataCollector'],
  // Part 1 Chapter 4: the hierarchy variables and Label may sit on any component.
  genericVariables: ['ActiveTransactionId', 'ChargingState', 'CommunicationParent', 'DischargePower', 'ElectricalParent', 'Label', 'LogicalParent', 'PhysicalParent', 'SlotStatus'],
  componentVariables: {
    CustomizationCtrlr: ['CustomTriggers'],
    DataCollector: ['SampledMeasurands', 'SamplingInterval'],
    MonitoringCtrlr: ['MaxPeriodicEventStreams'],
    OCPPCommCtrlr: ['ExternalConfigChangeDate'],
  },
};

/** The additions of each version beyond 2.0.1 (none for 2.0.1 itself). */
export const STANDARD_NAMES_ADDED: Partial<Record<OcppVersion, StandardNameAdditions>> = { '2.1': OCPP21 };

import { CSMS_INITIATED_ACTIONS } from '../../ocpp/actions.js';
import { OcppCallError } from '../../ocpp/error-codes.js';
import type { StationHandler } from './station-context.js';
import type { VirtualStation } from './virtual-station.js';

/** N02–N06: refused even when the profile implements monitoring, as SAP's simulator does while it advertises MonitoringCtrlr. */
const MONITORING_ACTIONS: readonly string[] = ['SetVariableMonitoring', 'ClearVariableMonitoring', 'SetMonitoringBase', 'SetMonitoringLevel', 'GetMonitoringReport'];

/**
 * The `not-implemented-known` fault (field notes: SAP, MicroOcpp, mobilityhouse/ocpp): every
 * OCPP 2.0.1 action the station knows but does not handle, and the monitoring actions, are
 * answered CALLERROR NotImplemented with an empty description (MicroOcpp's way), where OCPP-J
 * wants NotSupported. Plugged in after the monitoring block, so it replaces its handlers.
 */
export function answerNotImplementedForKnownActions(station: VirtualStation): void {
  const refuse: StationHandler = () => {
    throw new OcppCallError('NotImplemented', '');
  };
  const refused = CSMS_INITIATED_ACTIONS.filter((action) => MONITORING_ACTIONS.includes(action) || !station.handler(action));
  station.addHandlers(Object.fromEntries(refused.map((action) => [action, refuse])));
}

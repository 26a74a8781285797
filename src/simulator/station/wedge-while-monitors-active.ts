import { isPeriodic } from '../monitoring/monitor.js';
import type { MonitoringState } from '../monitoring/monitoring-state.js';
import type { VirtualStation } from './virtual-station.js';

/**
 * The `wedge-while-monitors-active` fault (field notes: a periodic monitor wedges the station's
 * inbound processing): a request that arrives while any periodic monitor is active is carried
 * out, but its answer never goes out. Once the last periodic monitor is gone (its
 * ClearVariableMonitoring is carried out too, unanswered), the station answers again, so a
 * liveness round trip made after the audit's cleanup sees nothing wrong; only requests made
 * while the monitors run do.
 */
export function attachWedgeWhileMonitorsActive(station: VirtualStation, state: MonitoringState): void {
  station.muteAnswersWhile(() => state.monitors().some((monitor) => monitor.active && isPeriodic(monitor.type)));
}

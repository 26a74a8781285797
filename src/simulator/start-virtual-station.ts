import { attachMonitoring } from './station/monitoring-handlers.js';
import { VirtualStation, type VirtualStationOptions } from './station/virtual-station.js';

/**
 * Builds a virtual station from its options, plugs in the blocks its profile implements, and
 * starts it. The station keeps reconnecting on its own until `stop()`.
 */
export async function startVirtualStation(options: VirtualStationOptions): Promise<VirtualStation> {
  const station = new VirtualStation(options);
  if (options.profile.supports.monitoring) attachMonitoring(station);
  await station.start();
  return station;
}

import type { StationContext } from '../station/station-context.js';
import type { VirtualStation } from '../station/virtual-station.js';

/** How many samples of each enabled DataCollector go into a DataCollectorLog. */
const SAMPLES = 20;

/**
 * GetLog as OCPP 2.1 has it: DataCollectorLog uploaded when the station has an enabled
 * DataCollector (N01.FR.24; Rejected otherwise), a remoteLocation ending in "/" gets the file name
 * appended and any other is used as received (N01.FR.21, N01.FR.29), and a redirect is not followed
 * (N01.FR.30, the shared transfer's default). Faults: `data-collector-log-never-uploads` reports
 * Uploaded and sends nothing; `follows-redirect` follows redirects.
 */
export function attachLogUploads21(station: VirtualStation): void {
  const { logs, faults } = station;
  logs.sources.set('DataCollectorLog', dataCollectorLog);
  logs.uploadUrl = (location, fileName) => (location.endsWith('/') ? `${location}${encodeURIComponent(fileName)}` : location);
  if (faults.has('data-collector-log-never-uploads')) logs.reportedOnly.add('DataCollectorLog');
  if (faults.has('follows-redirect')) logs.followRedirects = true;
}

/**
 * The samples of every DataCollector whose Enabled is true: one line per sample and EVSE, at its
 * SamplingInterval back from now, with its SampledMeasurands and the EVSE's power as the station
 * reads it. Undefined when no DataCollector is enabled: nothing to upload.
 */
function dataCollectorLog(context: StationContext): string[] | undefined {
  const { model } = context;
  const enabled = model.components().filter((component) => component.name === 'DataCollector' && model.actual(component, { name: 'Enabled' }) === 'true');
  if (enabled.length === 0) return undefined;
  const now = context.clock.now();
  const lines: string[] = [];
  for (const collector of enabled) {
    const intervalS = Number(model.actual(collector, { name: 'SamplingInterval' }) ?? '1') || 1;
    const measurands = model.actual(collector, { name: 'SampledMeasurands' }) ?? '';
    const evseId = collector.evse?.id;
    const power = evseId !== undefined ? model.actual({ name: 'EVSE', evse: { id: evseId } }, { name: 'Power' }) : undefined;
    for (let i = SAMPLES - 1; i >= 0; i -= 1) {
      lines.push(`${new Date(now - i * intervalS * 1000).toISOString()} evse ${evseId ?? '-'} ${measurands} power=${power ?? 'unknown'}`);
    }
  }
  return lines;
}

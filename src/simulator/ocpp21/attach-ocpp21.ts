import { ToolError } from '../../errors.js';
import type { EventData } from '../monitoring/messages.js';
import { TARGET_MONITOR_TYPES } from '../monitoring/monitor.js';
import type { AttachedMonitoring } from '../scenarios/scenario.js';
import type { StationProfile } from '../station-profile.js';
import type { FaultName } from '../station/faults.js';
import type { VirtualStation } from '../station/virtual-station.js';
import { attachAvailabilityEvents } from './availability-events.js';
import { attachLogUploads21 } from './log-uploads-21.js';

/**
 * What a station speaking OCPP 2.1 does beyond 2.0.1 in its diagnostics, attached in this one
 * place when it starts (src/simulator/start-virtual-station.ts): its device model gains the
 * profile's 2.1 additions (hierarchy variables, DataCollector, ExternalConfigChangeDate,
 * MaxPeriodicEventStreams, a setpoint with a Target), the monitoring block takes TargetDelta and
 * TargetDeltaRelative monitors (N07.FR.22/23), events carry their severity (N07.FR.20/21), reported
 * monitors their eventNotificationType (N02.FR.22), and connector availability goes out as
 * NotifyEvent (B01.FR.05, G01), and GetLog takes DataCollectorLog and the 2.1 upload rules (N01.FR.21,
 * N01.FR.24, N01.FR.30). Each has a named fault that leaves it out or gets it wrong.
 */
export function attachOcpp21(station: VirtualStation, monitoring: AttachedMonitoring | undefined): void {
  const { faults } = station;
  if (!faults.has('no-2-1-device-model')) {
    for (const entry of station.profile.additionsFor('2.1', station.identity)) station.model.addBesideComponent(entry);
  }
  if (monitoring) {
    if (!faults.has('target-delta-refused')) monitoring.state.acceptTypes(TARGET_MONITOR_TYPES);
    if (!faults.has('no-event-severity')) monitoring.engine.setEventFields(faults.has('event-severity-mismatch') ? invertedSeverity : monitorSeverity);
    if (!faults.has('no-event-notification-type')) {
      monitoring.state.setReportFields((reported, monitor) => {
        reported.eventNotificationType = monitor.origin;
      });
    } else {
      // A 2.0.1 port does not know its reports have become schema-invalid: it sends them anyway.
      station.sendUnchecked('NotifyMonitoringReport');
    }
  }
  if (!faults.has('status-notification-only')) attachAvailabilityEvents(station, monitoring);
  attachLogUploads21(station);
}

/** N07.FR.20: the severity of the monitor that fired; N07.FR.21: the station's own for a hard-wired notification. */
function monitorSeverity(eventData: EventData, severity: number): void {
  eventData.severity = severity;
}

/** The `event-severity-mismatch` fault: a firmware that counts severities the other way round (9 most severe). */
function invertedSeverity(eventData: EventData, severity: number): void {
  eventData.severity = 9 - severity;
}

/** The 2.1 faults shown by the monitoring block. */
const MONITORING_FAULTS_21: readonly FaultName[] = ['target-delta-as-delta', 'target-delta-refused', 'no-event-severity', 'event-severity-mismatch', 'no-event-notification-type'];

/** Refuses a 2.1 fault the profile could not show: the monitoring ones without a monitoring block, the device-model one without 2.1 additions, the DataCollectorLog one without a DataCollector. */
export function checkOcpp21FaultsFit(profile: StationProfile, faults: readonly FaultName[]): void {
  for (const fault of faults) {
    if (MONITORING_FAULTS_21.includes(fault) && !profile.supports.monitoring) {
      throw new ToolError('ERR_INVALID_OPTION', `--fault ${fault}: profile ${profile.id} does not implement monitoring, so there is nothing for it to get wrong`);
    }
    if (fault === 'data-collector-log-never-uploads' && !profile.additionsFor('2.1').some((entry) => entry.component.name === 'DataCollector')) {
      throw new ToolError('ERR_INVALID_OPTION', `--fault ${fault}: profile ${profile.id} has no DataCollector, so it has no DataCollectorLog to get wrong`);
    }
    if (fault === 'no-2-1-device-model' && profile.additionsFor('2.1').length === 0) {
      throw new ToolError('ERR_INVALID_OPTION', `--fault no-2-1-device-model: profile ${profile.id} has no 2.1 device-model additions to leave out`);
    }
  }
}

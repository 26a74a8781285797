import type { ComponentRef, VariableRef } from '../device-model/types.js';
import type { EventData } from '../monitoring/messages.js';
import type { AttachedMonitoring } from '../scenarios/scenario.js';
import type { VirtualStation } from '../station/virtual-station.js';

const AVAILABILITY: VariableRef = { name: 'AvailabilityState' };

/** Severity of availability reports: a state, not a fault (8, Informational; the station's own choice, N07.FR.21). */
const INFORMATIONAL = 8;

/**
 * OCPP 2.1 availability through the device model, where StatusNotification is deprecated (G01
 * remark; this station still sends it too, as 2.1 allows): after an Accepted boot a NotifyEvent on
 * Connector.AvailabilityState for each connector (B01.FR.05), and one on each later change of a
 * connector's state (G01.FR.03–.07, trigger Delta). They are hard-wired notifications; with the
 * monitoring block they go through its outbox, so they queue and order like every other event.
 */
export function attachAvailabilityEvents(station: VirtualStation, monitoring: AttachedMonitoring | undefined): void {
  const notify = monitoring
    ? (component: ComponentRef, value: string): void => {
        monitoring.engine.hardWiredNotification(component, AVAILABILITY, value, { trigger: 'Delta', severity: INFORMATIONAL });
      }
    : directNotifier(station);
  station.on('booted', ({ status }) => {
    if (status !== 'Accepted') return;
    for (const evse of station.profile.evses) {
      for (const connector of evse.connectors) {
        const component: ComponentRef = { name: 'Connector', evse: { id: evse.id, connectorId: connector.id } };
        notify(component, station.model.actual(component, AVAILABILITY) ?? 'Available');
      }
    }
  });
  station.model.on('change', (change) => {
    const { component, variable } = change.entry;
    if (change.attributeType !== 'Actual' || change.source !== 'station' || component.name !== 'Connector' || variable.name !== 'AvailabilityState' || variable.instance !== undefined) return;
    // A Delta monitor on the variable reports the change with its own event already (N07).
    if (monitoring?.state.monitorsOn(component, variable).some((m) => m.type === 'Delta')) return;
    notify(component, change.current);
  });
}

/** A station without the monitoring block still reports availability (Part 1 §3.6 recommends NotifyEvent anyway), one message per event. */
function directNotifier(station: VirtualStation): (component: ComponentRef, value: string) => void {
  let nextEventId = 1;
  return (component, value) => {
    const eventData: EventData = {
      eventId: nextEventId++,
      timestamp: new Date(station.clock.now()).toISOString(),
      trigger: 'Delta',
      actualValue: value,
      component,
      variable: AVAILABILITY,
      eventNotificationType: 'HardWiredNotification',
      severity: INFORMATIONAL,
    };
    void station.send('NotifyEvent', { generatedAt: eventData.timestamp, seqNo: 0, tbc: false, eventData: [eventData] });
  };
}

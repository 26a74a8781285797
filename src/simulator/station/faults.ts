/**
 * Named faults: switches that make the virtual station behave like the bad stations met in the
 * field (shared/reference/field-notes.md), so the audit can be tested against each one. They
 * combine freely.
 */
export const FAULTS = {
  'report-seqno-from-1': 'NotifyReport parts are numbered from 1 instead of 0',
  'report-stops-tbc': 'the last NotifyReport part is never sent: the report ends with tbc=true',
  'monitoring-accepted-empty': 'SetVariableMonitoring answers Accepted without monitor ids and nothing is behind it',
  'monitors-never-fire': 'monitors are stored and reported but never send NotifyEvent',
  'ignore-monitoring-level': 'SetMonitoringLevel is accepted but events of every severity keep coming',
  'base-keeps-custom': 'SetMonitoringBase FactoryDefault/HardWiredOnly is accepted but changes nothing: custom monitors stay',
  'periodic-wrong-interval': 'periodic monitors fire at twice the requested interval',
  'periodic-jitter': 'periodic events come with heavy random jitter (up to half the interval)',
  'clock-aligned-from-set-time': 'PeriodicClockAligned monitors fire at set time + k × interval instead of on clock boundaries',
  'threshold-without-cleared': 'threshold monitors never send the cleared=true event on return',
  'threshold-every-change': 'threshold monitors send an Alerting event on every change of the value, exceeded or not',
  'delta-every-change': 'numeric Delta monitors fire on every change of the value, whatever its size',
  'delta-not-rebased': 'numeric Delta monitors keep the value at set time as their reference instead of the value of their last event',
  'schema-violations': 'reports carry over-long component names and null fields',
  'ocpp16-error-code': 'CALLERRORs for too many elements use the OCPP 1.6 spelling OccurenceConstraintViolation',
  'silent-after-periodic-set': 'after a periodic monitor is set, the next SetVariables wedges the station: it answers nothing more',
  'wedge-while-monitors-active': 'while any periodic monitor is active, requests are carried out but never answered; answers resume once none is left',
  'slow-responses': 'every answer is delayed by 3 s',
  'disconnect-mid-report': 'the connection drops in the middle of a multi-part report',
  'event-flood': 'ChargingStation.Problem flaps and every flap is sent as a NotifyEvent, 50 a second, while connected (needs a profile with monitoring)',
} as const;

export type FaultName = keyof typeof FAULTS;

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}

/** The faults a station runs with. */
export class FaultSet {
  readonly #active: ReadonlySet<FaultName>;

  constructor(names: Iterable<FaultName> = []) {
    this.#active = new Set(names);
  }

  has(name: FaultName): boolean {
    return this.#active.has(name);
  }

  list(): FaultName[] {
    return [...this.#active];
  }
}

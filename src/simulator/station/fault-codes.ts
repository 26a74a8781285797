import type { ComponentRef, VariableRef } from '../device-model/types.js';
import type { MonitorEngine } from '../monitoring/monitor-engine.js';
import type { VirtualStation } from './virtual-station.js';

/** After the accepted boot, when the first fault is raised; and how long a passing fault lasts. */
export const FAULT_RAISE_AFTER_MS = 1000;
export const FAULT_CLEAR_AFTER_MS = 2000;

/** A vendor's own code, outside the ChargeX list, for the `unknown-tech-code` fault. */
export const VENDOR_FAULT_CODE = 'E-4711';
/** A component no profile reports, where the `unknown-tech-code` fault is raised. */
const UNREPORTED_COMPONENT: ComponentRef = { name: 'PowerModule', instance: 'PM1' };

interface CodedFault {
  techCode: string;
  techInfo: string;
}

/**
 * The fault codes the station's software attaches to its own Problem/Tripped notifications
 * (MonitorEngine `faultCodeOf`): set while a coded fault is raised, so the raise and its clear
 * carry the same techCode, as EVerest sends them (guideline-sources.md §7).
 */
export class FaultCodeBook {
  readonly #codes = new Map<string, CodedFault>();

  set(component: ComponentRef, variable: VariableRef, fault: CodedFault | undefined): void {
    if (fault) this.#codes.set(keyOf(component, variable), fault);
    else this.#codes.delete(keyOf(component, variable));
  }

  readonly codeOf = (component: ComponentRef, variable: VariableRef): CodedFault | undefined => this.#codes.get(keyOf(component, variable));
}

/**
 * The `chargex-fault-codes` behaviour (correct firmware): once, shortly after the first accepted
 * boot, the station's hardware reports two faults through its own device model, each a
 * HardWiredNotification with a ChargeX code (OCA uptime white paper §7: techCode):
 * - CX002 (ground failure) on RCD.Tripped, or ChargingStation.Problem without an RCD, cleared
 *   again FAULT_CLEAR_AFTER_MS later (`cleared` true, same techCode; where a hard-wired Delta
 *   monitor watches the flag, as on ac-wallbox, its two events carry the code instead);
 * - CX025 (broken latch) on the connector lock's Problem, which stays raised: a broken latch
 *   waits for a technician, longer than any audit.
 */
export function attachChargeXFaultCodes(station: VirtualStation, book: FaultCodeBook): void {
  afterFirstBoot(station, () => {
    const ground = problemFlag(station, ['RCD'], 'Tripped') ?? problemFlag(station, ['ChargingStation'], 'Problem');
    if (ground) raise(station, book, ground, { techCode: 'CX002', techInfo: 'ground fault protection tripped' }, FAULT_CLEAR_AFTER_MS);
    const latch = problemFlag(station, ['ConnectorPlugRetentionLock', 'EVRetentionLock'], 'Problem');
    if (latch) raise(station, book, latch, { techCode: 'CX025', techInfo: 'connector latch broken' });
  });
}

/**
 * The `unknown-tech-code` fault: once after the first accepted boot the station raises a fault with
 * its own vendor code (not a ChargeX one) on a component its device model does not have, and
 * clears it FAULT_CLEAR_AFTER_MS later. Sent straight as HardWiredNotifications, since there is
 * no such variable to change.
 */
export function attachUnknownTechCode(station: VirtualStation, engine: MonitorEngine): void {
  const variable: VariableRef = { name: 'Problem' };
  const fault = { techCode: VENDOR_FAULT_CODE, techInfo: 'power module fault' };
  afterFirstBoot(station, () => {
    engine.hardWiredNotification(UNREPORTED_COMPONENT, variable, 'true', fault);
    later(FAULT_CLEAR_AFTER_MS, () => engine.hardWiredNotification(UNREPORTED_COMPONENT, variable, 'false', { ...fault, cleared: true }));
  });
}

/** Runs `work` FAULT_RAISE_AFTER_MS after the first accepted boot, once for the station's life. */
function afterFirstBoot(station: VirtualStation, work: () => void): void {
  let done = false;
  station.on('booted', ({ status }) => {
    if (status !== 'Accepted' || done) return;
    done = true;
    later(FAULT_RAISE_AFTER_MS, work);
  });
}

/** Sets the flag true with its code; with `clearAfterMs`, false again later (the engine sends the clear). */
function raise(station: VirtualStation, book: FaultCodeBook, flag: Flag, fault: CodedFault, clearAfterMs?: number): void {
  book.set(flag.component, flag.variable, fault);
  station.model.setByStation(flag.component, flag.variable, 'true');
  if (clearAfterMs === undefined) return;
  later(clearAfterMs, () => {
    station.model.setByStation(flag.component, flag.variable, 'false');
    book.set(flag.component, flag.variable, undefined);
  });
}

interface Flag {
  component: ComponentRef;
  variable: VariableRef;
}

/** The first boolean `variable` of a component named in `components` (in that order) the model has. */
function problemFlag(station: VirtualStation, components: readonly string[], variable: string): Flag | undefined {
  const entries = station.model.entries();
  for (const name of components) {
    const entry = entries.find((e) => e.component.name === name && e.variable.name === variable && e.variable.instance === undefined && e.characteristics.dataType === 'boolean');
    if (entry) return { component: entry.component, variable: entry.variable };
  }
  return undefined;
}

/** A timer that alone does not keep the process alive (like the sensors' and the flood's). */
function later(ms: number, work: () => void): void {
  setTimeout(work, ms).unref();
}

function keyOf(component: ComponentRef, variable: VariableRef): string {
  return JSON.stringify([component.name, component.instance ?? '', component.evse?.id ?? '', component.evse?.connectorId ?? '', variable.name, variable.instance ?? '']);
}

import type { Ocpp16Station } from './station16.js';
import type { ConnectorState } from './connectors.js';

/** The vendorId EVerest puts on ChargeX MREC codes in 1.6 StatusNotifications (facts §15). */
export const CHARGEX_VENDOR_ID = 'https://chargex.inl.gov';
/** A vendor's own code, not a ChargeX one (as the 2.x `unknown-tech-code` fault uses). */
export const VENDOR_ERROR_CODE = 'E-4711';
/** After the first accepted boot, when the first fault is raised; how long each lasts; the pause between two. */
export const RAISE_AFTER_MS = 1000;
export const CLEAR_AFTER_MS = 2000;
const PAUSE_MS = 500;

/** One fault the station's hardware reports: the 1.6 errorCode, the vendor code and a few words. */
export interface ConnectorFault {
  errorCode: string;
  vendorErrorCode: string;
  info: string;
}

/**
 * The ChargeX faults of the `chargex-fault-codes` behaviour: the MREC code in vendorErrorCode, the
 * 1.6 errorCode MREC lists for it (CX001–CX007), OtherError where 1.6 has none (facts §15).
 */
export const CHARGEX_FAULTS: readonly ConnectorFault[] = [
  { errorCode: 'GroundFailure', vendorErrorCode: 'CX002', info: 'ground fault protection tripped' },
  { errorCode: 'OtherError', vendorErrorCode: 'CX014', info: 'control pilot voltage out of range' },
];

/**
 * Once, RAISE_AFTER_MS after the first accepted boot, connector 1 reports each fault in turn:
 * Faulted with the fault's errorCode, vendorId and vendorErrorCode, then (unless `clear` is false)
 * Available with NoError CLEAR_AFTER_MS later, as 1.6 clears a level-triggered error (OCA uptime
 * WP §4.1.3). Each change is a StatusNotification (errata v4.0 §3.19).
 */
export function raiseConnectorFaults(station: Ocpp16Station, faults: readonly ConnectorFault[], options: { clear: boolean }): void {
  let done = false;
  station.on('booted', ({ status }) => {
    if (status !== 'Accepted' || done) return;
    done = true;
    void play(station, faults, options.clear);
  });
}

async function play(station: Ocpp16Station, faults: readonly ConnectorFault[], clear: boolean): Promise<void> {
  const connectorId = 1;
  await wait(RAISE_AFTER_MS);
  for (const [index, fault] of faults.entries()) {
    if (index > 0) await wait(PAUSE_MS);
    await report(station, connectorId, { status: 'Faulted', errorCode: fault.errorCode, info: fault.info, vendorId: CHARGEX_VENDOR_ID, vendorErrorCode: fault.vendorErrorCode });
    if (!clear) return;
    await wait(CLEAR_AFTER_MS);
    await report(station, connectorId, { status: 'Available', errorCode: 'NoError' });
  }
}

async function report(station: Ocpp16Station, connectorId: number, state: ConnectorState): Promise<void> {
  station.connectors.set(connectorId, state);
  station.context.note(`connector ${connectorId}: ${state.status} ${state.errorCode}${state.vendorErrorCode ? ` ${state.vendorErrorCode}` : ''}`);
  await station.sendStatusNotifications(connectorId);
}

/** A timer that alone does not keep the process alive. */
function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

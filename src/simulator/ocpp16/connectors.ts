import type { StationProfile } from '../station-profile.js';

/** ChargePointStatus of OCPP 1.6 §7.7 (connector 0 uses only Available, Unavailable and Faulted). */
export type ConnectorStatus = 'Available' | 'Preparing' | 'Charging' | 'SuspendedEVSE' | 'SuspendedEV' | 'Finishing' | 'Reserved' | 'Unavailable' | 'Faulted';

/** What a connector reports in StatusNotification besides its id: status, errorCode and the vendor detail. */
export interface ConnectorState {
  status: ConnectorStatus;
  /** ChargePointErrorCode of OCPP 1.6 §7.6; NoError when nothing is wrong. */
  errorCode: string;
  info?: string;
  vendorId?: string;
  vendorErrorCode?: string;
}

/** Connector types that carry AC, whose phase rotation means something (ConnectorPhaseRotation). */
const AC_TYPES = new Set(['cType1', 'cType2', 'sType2', 'sType3', 'wInductive', 'Other1PhMax16A', 'Other1PhOver16A', 'Other3Ph']);

/**
 * The connectors of a 1.6 station. OCPP 1.6 has no EVSE: the profile's connectors are numbered
 * 1..N across its EVSEs in order, and connector 0 is the charge point itself (1.6 §4.9).
 */
export class Connectors {
  readonly count: number;
  readonly #types: string[];
  readonly #states: ConnectorState[];

  constructor(profile: StationProfile) {
    this.#types = profile.evses.flatMap((evse) => evse.connectors.map((connector) => connector.connectorType));
    this.count = this.#types.length;
    this.#states = Array.from({ length: this.count + 1 }, () => ({ status: 'Available', errorCode: 'NoError' }));
  }

  /** 1..N, the connectors proper. */
  ids(): number[] {
    return this.#types.map((_, index) => index + 1);
  }

  /** True for 0..N. */
  has(connectorId: number): boolean {
    return Number.isInteger(connectorId) && connectorId >= 0 && connectorId <= this.count;
  }

  isAc(connectorId: number): boolean {
    return AC_TYPES.has(this.#types[connectorId - 1] ?? '');
  }

  state(connectorId: number): ConnectorState {
    const state = this.#states[connectorId];
    if (!state) throw new RangeError(`no connector ${connectorId}`);
    return state;
  }

  /** Replaces the state of a connector (the vendor detail goes with the error it belongs to). */
  set(connectorId: number, state: ConnectorState): void {
    if (!this.has(connectorId)) throw new RangeError(`no connector ${connectorId}`);
    this.#states[connectorId] = { ...state };
  }

  /** The StatusNotification.req of a connector as it stands (1.6 §6.47). */
  notification(connectorId: number, now: number): Record<string, unknown> {
    const { status, errorCode, info, vendorId, vendorErrorCode } = this.state(connectorId);
    return {
      connectorId,
      errorCode,
      status,
      timestamp: new Date(now).toISOString(),
      ...(info !== undefined ? { info } : {}),
      ...(vendorId !== undefined ? { vendorId } : {}),
      ...(vendorErrorCode !== undefined ? { vendorErrorCode } : {}),
    };
  }
}

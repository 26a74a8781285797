import { EventEmitter } from 'node:events';
import type { StationContext } from './station-context.js';

/** One running transaction on an EVSE. */
export interface Transaction {
  id: string;
  evseId: number;
  connectorId: number;
  remoteStartId?: number;
  idToken: Record<string, unknown>;
  /** TransactionEvent seqNo of the next message of this transaction (E01: from 0, by 1). */
  nextSeqNo: number;
}

export type StopReason = 'Remote' | 'ImmediateReset' | 'Local';

export interface ChargingSessionEvents {
  started: [Transaction];
  ended: [Transaction];
}

/**
 * The station's charging sessions: at most one transaction per EVSE, started and stopped from
 * the CSMS (F01, F03) or by a Reset (B11). Starting one occupies the connector and draws power
 * on the EVSE; ending one gives both back. Transaction-only monitors watch `isActive`.
 */
export class ChargingSessions extends EventEmitter<ChargingSessionEvents> {
  readonly #context: StationContext;
  readonly #byEvse = new Map<number, Transaction>();
  #counter = 0;

  constructor(context: StationContext) {
    super();
    this.#context = context;
  }

  /** Whether a transaction runs on the EVSE, or on any EVSE when none is given. */
  isActive(evseId?: number): boolean {
    return evseId === undefined ? this.#byEvse.size > 0 : this.#byEvse.has(evseId);
  }

  /** The transaction on the EVSE; with no EVSE, the only one running (undefined if none or several). */
  transactionOn(evseId?: number): Transaction | undefined {
    if (evseId !== undefined) return this.#byEvse.get(evseId);
    return this.#byEvse.size === 1 ? [...this.#byEvse.values()][0] : undefined;
  }

  byId(transactionId: string): Transaction | undefined {
    return [...this.#byEvse.values()].find((t) => t.id === transactionId);
  }

  get all(): Transaction[] {
    return [...this.#byEvse.values()];
  }

  /**
   * Picks the EVSE a remote start goes to: the one asked for if it is known, free and
   * operative; otherwise the first free one. Undefined when none fits.
   */
  freeEvse(evseId?: number): number | undefined {
    const candidates = this.#context.profile.evses.filter((evse) => evseId === undefined || evse.id === evseId);
    return candidates.find((evse) => !this.#byEvse.has(evse.id) && this.#isOperative(evse.id))?.id;
  }

  /** Starts a transaction (after the response to RequestStartTransaction has gone out). */
  async start(evseId: number, idToken: Record<string, unknown>, remoteStartId?: number): Promise<Transaction> {
    const evse = this.#context.profile.evses.find((e) => e.id === evseId);
    const connectorId = evse?.connectors[0]?.id ?? 1;
    this.#counter += 1;
    const transaction: Transaction = {
      id: `${this.#context.identity}-${this.#context.clock.now().toString(36)}-${this.#counter}`.slice(-36),
      evseId,
      connectorId,
      ...(remoteStartId !== undefined ? { remoteStartId } : {}),
      idToken,
      nextSeqNo: 0,
    };
    this.#byEvse.set(evseId, transaction);
    this.#setConnectorState(evseId, connectorId, 'Occupied');
    this.#setPower(evseId, this.#chargingPower(evseId));
    this.emit('started', transaction);
    await this.#context.send('StatusNotification', {
      timestamp: new Date(this.#context.clock.now()).toISOString(),
      connectorStatus: 'Occupied',
      evseId,
      connectorId,
    });
    await this.#event(transaction, 'Started', 'RemoteStart', { chargingState: 'Charging', ...(remoteStartId !== undefined ? { remoteStartId } : {}) }, true);
    return transaction;
  }

  /** Ends a transaction: TransactionEvent Ended with the reason, then the connector is free again. */
  async stop(transaction: Transaction, reason: StopReason): Promise<void> {
    if (this.#byEvse.get(transaction.evseId) !== transaction) return;
    this.#byEvse.delete(transaction.evseId);
    this.#setPower(transaction.evseId, 0);
    this.#setConnectorState(transaction.evseId, transaction.connectorId, 'Available');
    const trigger = reason === 'Remote' ? 'RemoteStop' : reason === 'ImmediateReset' ? 'ResetCommand' : 'StopAuthorized';
    await this.#event(transaction, 'Ended', trigger, { chargingState: 'Idle', stoppedReason: reason }, false);
    await this.#context.send('StatusNotification', {
      timestamp: new Date(this.#context.clock.now()).toISOString(),
      connectorStatus: 'Available',
      evseId: transaction.evseId,
      connectorId: transaction.connectorId,
    });
    // After the messages, so that a Reset waiting for idle does not cut them off.
    this.emit('ended', transaction);
  }

  async stopAll(reason: StopReason): Promise<void> {
    for (const transaction of this.all) await this.stop(transaction, reason);
  }

  async #event(transaction: Transaction, eventType: 'Started' | 'Ended', triggerReason: string, info: Record<string, unknown>, withEvse: boolean): Promise<void> {
    const seqNo = transaction.nextSeqNo;
    transaction.nextSeqNo += 1;
    await this.#context.send('TransactionEvent', {
      eventType,
      timestamp: new Date(this.#context.clock.now()).toISOString(),
      triggerReason,
      seqNo,
      transactionInfo: { transactionId: transaction.id, ...info },
      // E01: the EVSE and the token go with the first message of a transaction.
      ...(withEvse ? { evse: { id: transaction.evseId, connectorId: transaction.connectorId }, idToken: transaction.idToken } : {}),
    });
  }

  #isOperative(evseId: number): boolean {
    const state = this.#context.model.actual({ name: 'EVSE', evse: { id: evseId } }, { name: 'AvailabilityState' });
    return state === undefined || state === 'Available';
  }

  /** The station's own writes; a profile without these variables simply has nothing to update. */
  #setConnectorState(evseId: number, connectorId: number, state: string): void {
    this.#context.model.setByStation({ name: 'Connector', evse: { id: evseId, connectorId } }, { name: 'AvailabilityState' }, state);
    this.#context.model.setByStation({ name: 'EVSE', evse: { id: evseId } }, { name: 'AvailabilityState' }, state);
  }

  /** Charging draws the EVSE's rated power (its Power maxLimit), or 7.4 kW when it has none. */
  #chargingPower(evseId: number): number {
    const found = this.#context.model.lookup({ name: 'EVSE', evse: { id: evseId } }, { name: 'Power' });
    return found.status === 'Found' ? (found.entry.characteristics.maxLimit ?? 7400) : 7400;
  }

  #setPower(evseId: number, watts: number): void {
    this.#context.model.setByStation({ name: 'EVSE', evse: { id: evseId } }, { name: 'Power' }, String(watts));
  }
}

/** What ChangeConfiguration.conf can say (OCPP 1.6 §6.9). */
export type ChangeStatus = 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported';

/** One configuration key of a 1.6 station (OCPP 1.6 §9): its access, value and the rule a new value must meet. */
export interface ConfigurationKey {
  readonly key: string;
  readonly readonly: boolean;
  value: string;
  /** Why `value` cannot be set, in plain words, or undefined when it can. */
  readonly check?: (value: string, configuration: Configuration) => string | undefined;
  /** The spelling the station stores (booleans in lower case). */
  readonly normalise?: (value: string) => string;
  /** Never read back: GetConfiguration lists the key without a value (security WP §7: AuthorizationKey). */
  readonly writeOnly?: boolean;
}

/** The key as GetConfiguration.conf lists it. */
export interface ReportedKey {
  key: string;
  readonly: boolean;
  value?: string;
}

export interface ChangeOutcome {
  status: ChangeStatus;
  /** Why the change was refused, for the station's log. */
  reason?: string;
}

type Listener = (key: string, value: string) => void;

/**
 * The flat key/value configuration that is all a 1.6 station has of a device model (OCPP 1.6 §9,
 * facts §13). Keys are matched exactly as spelt. Changes from the Central System go through
 * `change`, which applies the 1.6 rules; the station's own updates through `setByStation`.
 */
export class Configuration {
  readonly #keys = new Map<string, ConfigurationKey>();
  readonly #listeners: Listener[] = [];

  constructor(keys: readonly ConfigurationKey[]) {
    for (const key of keys) this.#keys.set(key.key, { ...key });
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** The value the station works with (also of a write-only key), or undefined when the key is absent. */
  get(key: string): string | undefined {
    return this.#keys.get(key)?.value;
  }

  /** The value as a number, or `fallback` when the key is absent or not a number. */
  number(key: string, fallback: number): number {
    const value = Number(this.get(key));
    return this.has(key) && Number.isFinite(value) ? value : fallback;
  }

  /** All keys in the station's order, as GetConfiguration lists them. */
  report(): ReportedKey[] {
    return [...this.#keys.values()].map(reported);
  }

  /** One key as GetConfiguration lists it, or undefined when the station does not know it. */
  reportKey(key: string): ReportedKey | undefined {
    const entry = this.#keys.get(key);
    return entry ? reported(entry) : undefined;
  }

  /** Drops a key, as firmware that never had it. */
  remove(key: string): void {
    this.#keys.delete(key);
  }

  /**
   * A ChangeConfiguration from the Central System (1.6 §5.3): an unknown key is NotSupported, a
   * read-only key or a value the key cannot take is Rejected, anything else is applied and Accepted.
   */
  change(key: string, value: string): ChangeOutcome {
    const entry = this.#keys.get(key);
    if (!entry) return { status: 'NotSupported', reason: `${key} is not a key of this station` };
    if (entry.readonly) return { status: 'Rejected', reason: `${key} is read-only` };
    const problem = entry.check?.(value, this);
    if (problem !== undefined) return { status: 'Rejected', reason: `${key}: ${problem}` };
    this.setByStation(key, value);
    return { status: 'Accepted' };
  }

  /** Sets a value without the Central System's rules (the boot interval, a fault that writes a read-only key). */
  setByStation(key: string, value: string): void {
    const entry = this.#keys.get(key);
    if (!entry) return;
    entry.value = entry.normalise ? entry.normalise(value) : value;
    for (const listener of this.#listeners) listener(key, entry.value);
  }

  /** Called after every change of a value. */
  onChange(listener: Listener): void {
    this.#listeners.push(listener);
  }
}

function reported(entry: ConfigurationKey): ReportedKey {
  return entry.writeOnly ? { key: entry.key, readonly: entry.readonly } : { key: entry.key, readonly: entry.readonly, value: entry.value };
}

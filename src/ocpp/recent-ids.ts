/**
 * A bounded memory of message ids, oldest forgotten first, with what became of each. Used to
 * tell a late or duplicate response from one for an id never sent, and to spot reused ids,
 * without growing without end on a long audit.
 */
export class RecentIds<Value> {
  readonly #entries = new Map<string, Value>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(id: string): Value | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  set(id: string, value: Value): void {
    this.#entries.delete(id);
    this.#entries.set(id, value);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/** One line of a station's own log, stamped with station time. */
export interface LogLine {
  at: number;
  text: string;
}

/**
 * A bounded log the station keeps of what it did, by station time: the body of the files it uploads
 * for GetDiagnostics (1.6 §5.9) and GetLog (security WP). The oldest lines go first when it is full.
 */
export class StationLog {
  readonly #lines: LogLine[] = [];
  readonly #capacity: number;

  constructor(capacity = 2000) {
    this.#capacity = capacity;
  }

  add(at: number, text: string): void {
    this.#lines.push({ at, text });
    if (this.#lines.length > this.#capacity) this.#lines.shift();
  }

  /** The lines from `from` to `to` (epoch ms, both ends included; absent = open). */
  between(from?: number, to?: number): LogLine[] {
    return this.#lines.filter((line) => (from === undefined || line.at >= from) && (to === undefined || line.at <= to));
  }
}

/** The text of a log file: one line per entry, its ISO time first. */
export function logFileText(lines: readonly LogLine[]): string {
  return lines.map((line) => `${new Date(line.at).toISOString()} ${line.text}\n`).join('');
}

/** An ISO date-time of a request as epoch ms, or undefined when absent. */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

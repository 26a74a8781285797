/**
 * Follows the console output of `observe` (a log file the benchmark's child writes) and keeps what
 * its lines say per station: connections and disconnections, the plan cycle done after a boot or
 * a reconnect, a missing inventory or a failed cycle, and the status lines printed at shutdown.
 * The file is read from where the last read stopped, so following a run of 1,000 stations costs
 * the benchmark little.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface StationLog {
  connects: number;
  disconnects: number;
  /** Epoch ms of the first "connected" line seen for it (when the benchmark read it, ±0.5 s). */
  firstConnectedAt?: number;
  /** The counts of the last "plan … after a boot|reconnect: …" line, and when it was read. */
  plan?: { after: string; counts: string; at: number };
  problems: string[];
  /** From the status line printed at shutdown. */
  final?: { connected: boolean; events: number; phase: string; counts: string };
}

const CONNECTED = /^(\S+): connected(?: \(replacing its older connection\))?$/;
const DISCONNECTED = /^(\S+): disconnected \((\d+)\)$/;
const PLAN = /^(\S+): plan \S+ after a (boot|reconnect): (.*)$/;
const PROBLEM = /^(\S+): (no inventory .*|the plan cycle failed: .*)$/;
const STATUS = /^(\S+): (connected|offline), .*, (\d+) event message\(s\) today, plan ([a-z ]+) \((.*)\)$/;
const INDEXED = /^store: (\d+) record\(s\) indexed/;
const JOURNAL_CLOSED = /: \d+ records, sha256 [0-9a-f]{64}$/;

export class ObserveLog {
  readonly stations = new Map<string, StationLog>();
  /** Lines that are none of the above (start-up, shutdown, store messages), kept for the summary. */
  readonly other: string[] = [];
  indexedAtExit: number | undefined;
  /** Journals closed at shutdown (the "<path>: N records, sha256 …" lines). */
  journalsClosed = 0;
  readonly #file: string;
  #offset = 0;
  #partial = '';
  #shuttingDown = false;

  constructor(file: string) {
    this.#file = file;
  }

  /** Reads what was appended since the last call. */
  poll(now = Date.now()): void {
    const fd = openSync(this.#file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, this.#offset);
        if (read === 0) break;
        this.#offset += read;
        const lines = (this.#partial + buffer.toString('utf8', 0, read)).split('\n');
        this.#partial = lines.pop() ?? '';
        for (const line of lines) this.#line(line, now);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Stations whose plan cycle after a boot or reconnect has ended. */
  get planned(): number {
    let n = 0;
    for (const station of this.stations.values()) if (station.plan) n += 1;
    return n;
  }

  /** Stations connected now, by the log. */
  get connectedNow(): number {
    let n = 0;
    for (const station of this.stations.values()) if (station.connects > station.disconnects) n += 1;
    return n;
  }

  #station(identity: string): StationLog {
    let station = this.stations.get(identity);
    if (!station) this.stations.set(identity, (station = { connects: 0, disconnects: 0, problems: [] }));
    return station;
  }

  #line(line: string, now: number): void {
    if (line.includes(': closing connections, journals and the store')) this.#shuttingDown = true;
    let match = this.#shuttingDown ? STATUS.exec(line) : null;
    if (match) {
      this.#station(match[1]).final = { connected: match[2] === 'connected', events: Number(match[3]), phase: match[4], counts: match[5] };
      return;
    }
    if ((match = CONNECTED.exec(line))) {
      const station = this.#station(match[1]);
      station.connects += 1;
      station.firstConnectedAt ??= now;
    } else if ((match = DISCONNECTED.exec(line))) {
      this.#station(match[1]).disconnects += 1;
    } else if ((match = PLAN.exec(line))) {
      this.#station(match[1]).plan = { after: match[2], counts: match[3], at: now };
    } else if ((match = PROBLEM.exec(line))) {
      this.#station(match[1]).problems.push(match[2]);
    } else if ((match = INDEXED.exec(line))) {
      this.indexedAtExit = Number(match[1]);
      this.other.push(line);
    } else if (JOURNAL_CLOSED.test(line)) {
      this.journalsClosed += 1;
    } else if (!/: inventory read \(/.test(line) && line.trim() !== '') {
      this.other.push(line);
    }
  }
}

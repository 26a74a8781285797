import { relative, sep } from 'node:path';
import { readJournalRecords } from '../../evidence/journal-files.js';
import type { JournalRecord } from '../../evidence/journal-record.js';
import type { ObservationStore } from '../store/store.js';

/** How often buffered records go into the store, ms, and how many make a batch go at once. */
const FLUSH_MS = 1000;
const BATCH_RECORDS = 2000;
/** Records held while the store is slow or away; beyond this the oldest of the journal file being added to are left to `store rebuild` (the journal has them). */
const MAX_BUFFERED = 200_000;

/**
 * Feeds what the journals record into the store as it happens, in batches per journal file (one
 * transaction each). The journal is written first and is the evidence: when the store is slow or
 * down, records wait in a bounded buffer and, past it, are left for `store rebuild`, which is said
 * once on the console and counted; nothing in the journal is lost either way.
 */
export class LiveIngest {
  readonly #store: ObservationStore;
  readonly #outDir: string;
  readonly #log: (line: string) => void;
  readonly #buffer = new Map<string, JournalRecord[]>();
  #buffered = 0;
  #flushing: Promise<void> = Promise.resolve();
  readonly #timer: NodeJS.Timeout;
  #failing: string | undefined;
  /** Records indexed, and records left to a rebuild (dropped from the buffer or refused by the store). */
  readonly counts = { indexed: 0, leftForRebuild: 0 };

  constructor(store: ObservationStore, outDir: string, log: (line: string) => void) {
    this.#store = store;
    this.#outDir = outDir;
    this.#log = log;
    this.#timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.#timer.unref();
  }

  /** Takes one record of the journal file at `tracePath`. */
  add(tracePath: string, record: JournalRecord): void {
    const journal = relative(this.#outDir, tracePath).split(sep).join('/');
    let list = this.#buffer.get(journal);
    if (!list) this.#buffer.set(journal, (list = []));
    list.push(record);
    this.#buffered += 1;
    if (this.#buffered > MAX_BUFFERED) {
      list.shift();
      this.#buffered -= 1;
      this.counts.leftForRebuild += 1;
    }
    if (this.#buffered >= BATCH_RECORDS) void this.flush();
  }

  /** Takes every complete record already in a journal file (the store skips what it has). */
  catchUp(tracePath: string): void {
    for (const record of readJournalRecords(tracePath)) this.add(tracePath, record);
  }

  /** Writes what is buffered; resolves when it (and any flush before it) is done. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      const batches = [...this.#buffer.entries()];
      this.#buffer.clear();
      this.#buffered = 0;
      for (const [journal, records] of batches) {
        if (records.length === 0) continue;
        try {
          const result = await this.#store.ingest(journal, records);
          this.counts.indexed += result.added;
          if (this.#failing !== undefined) this.#log(`store: writing again (${this.#store.description})`);
          this.#failing = undefined;
        } catch (error) {
          this.counts.leftForRebuild += records.length;
          const message = (error as Error).message;
          if (this.#failing === undefined) this.#log(`store: cannot write (${message}); the journals keep everything, \`ocpp-audit store rebuild\` indexes what is missed`);
          this.#failing = message;
        }
      }
    });
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}

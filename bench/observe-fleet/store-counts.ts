/**
 * Row counts of the pilot store that `observe` is writing (SQLite in WAL mode, so a reader in
 * another process sees the last committed batch without holding up the writer). Read at the start
 * and the end of the steady period: their difference over its length is the indexing rate.
 */
import Database from 'better-sqlite3';

export interface StoreCounts {
  at: number;
  /** Rows of the events table: one per eventData item of a NotifyEvent. */
  events: number;
  /** Rows of the messages table: every CALL a station sent. */
  messages: number;
  notifyEvents: number;
  connections: number;
}

export function storeCounts(file: string): StoreCounts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      at: Date.now(),
      events: count('SELECT count(*) AS n FROM events'),
      messages: count('SELECT count(*) AS n FROM messages'),
      notifyEvents: count("SELECT count(*) AS n FROM messages WHERE action = 'NotifyEvent'"),
      connections: count('SELECT count(*) AS n FROM connections'),
    };
  } finally {
    db.close();
  }
}

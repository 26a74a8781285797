import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ToolError } from '../errors.js';

interface LockOwner {
  pid: number;
  host: string;
  identity: string;
  since: string;
}

/**
 * Who writes a journal: a `<journal>.lock` file beside it, created exclusively (`wx`), so that two
 * live sessions never write one journal, whether they are in one process or in two `run`
 * processes sharing an `--out` (README, "Fleets larger than one machine"). It is removed when the
 * session closes; one left by a process that died on this host (`kill -9`) is taken over. A lock
 * of another host is never guessed stale: it is refused, and says where it came from.
 */
export class JournalLock {
  readonly path: string;
  #held = true;

  private constructor(path: string) {
    this.path = path;
  }

  /** Takes the lock of the journal at `journalPath`; throws ERR_JOURNAL_IN_USE when a live session holds it. */
  static acquire(journalPath: string, identity: string): JournalLock {
    const path = `${journalPath}.lock`;
    const owner: LockOwner = { pid: process.pid, host: hostname(), identity, since: new Date().toISOString() };
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new ToolError('ERR_OUTPUT_DIR', `${dirname(path)}: cannot create the station's folder: ${(error as Error).message}`);
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(path, 'wx');
        try {
          writeSync(fd, `${JSON.stringify(owner)}\n`);
        } catch (error) {
          // A lock without its owner (a full disk) would read as held for ever: take it back.
          closeSync(fd);
          unlinkSync(path);
          throw error;
        }
        closeSync(fd);
        return new JournalLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new ToolError('ERR_OUTPUT_DIR', `${path}: cannot lock the journal: ${(error as Error).message}`);
        }
      }
      const holder = readOwner(path);
      if (holder === undefined || !isStale(holder)) {
        const who = holder ? `process ${holder.pid} on ${holder.host} (station ${JSON.stringify(holder.identity)}, since ${holder.since})` : 'another session';
        throw new ToolError('ERR_JOURNAL_IN_USE', `${journalPath} is being written by ${who}`);
      }
      // The process that held it is gone: its journal is closed (or torn, which opening repairs).
      try {
        unlinkSync(path);
      } catch {
        // Another process took it over first; the next attempt finds out.
      }
    }
    throw new ToolError('ERR_JOURNAL_IN_USE', `${journalPath} is being written by another session`);
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone (the folder was removed): nothing is held any more either way.
    }
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, identity: String(owner.identity ?? ''), since: String(owner.since ?? '') };
  } catch {
    // Being written this very moment, or unreadable: treat as held.
    return undefined;
  }
}

/** A lock of this host whose process no longer exists. Our own pid is alive: a second session of this process is refused. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

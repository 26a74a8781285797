import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { connectionsPathOf } from './journal-files.js';
import { repairJournalTail, type JournalTail } from './journal-tail.js';

/** One append-only file of a journal. */
export interface JournalFile {
  path: string;
  fd: number | undefined;
  /** Bytes of complete records in the file: a failed write is cut back to this. */
  size: number;
}

export interface OpenedFile {
  file: JournalFile;
  /** What opening found at its end (the seq to continue, a torn line it cut). */
  tail: JournalTail;
}

/**
 * Repairs the tails of a journal's files (see repairJournalTail) and opens them for appending:
 * the trace at `path` and the connections file beside it, or `path` alone (`oneFile`).
 */
export function openJournalFiles(path: string, oneFile: boolean): OpenedFile[] {
  const files: OpenedFile[] = [];
  try {
    mkdirSync(dirname(path), { recursive: true });
    for (const file of oneFile ? [path] : [path, connectionsPathOf(path)]) {
      const tail = repairJournalTail(file);
      files.push({ file: { path: file, fd: undefined, size: tail.size }, tail });
    }
    for (const { file } of files) file.fd = openSync(file.path, 'a');
  } catch (error) {
    for (const { file } of files) if (file.fd !== undefined) closeSync(file.fd);
    throw error;
  }
  return files;
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The `.sha256` file beside a journal file, in `sha256sum -c` format. */
export function writeSha256File(path: string, sha256: string): void {
  writeFileSync(`${path}.sha256`, `${sha256}  ${basename(path)}\n`);
}

let sealQueue: Promise<void> = Promise.resolve();

/**
 * Writes the `.sha256` files of ended days' journal files, one batch after another across the
 * process (midnight ends every station's day at once: thousands of files must not be read at
 * once). Never rejects: a file that cannot be hashed stays without its `.sha256`, which
 * listJournalDays reports and the journal's next open makes up for.
 */
export function sealInTurn(paths: readonly string[]): Promise<void> {
  const turn = sealQueue.then(async () => {
    for (const path of paths) {
      try {
        writeSha256File(path, await sha256OfFile(path));
      } catch {
        // Left unhashed, see above.
      }
    }
  });
  sealQueue = turn;
  return turn;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A child process running one of this folder's scripts, read as JSON lines. */
export interface Child {
  process: ChildProcess;
  /** The next JSON line the child prints. */
  nextLine<T>(): Promise<T>;
  exited: Promise<number | null>;
}

/**
 * Starts `<script>.ts` of this folder in its own Node process with tsx's loader (one process, not
 * the tsx CLI and a grandchild, so the child's CPU and RSS are the script's own). `nodeArgs` go to
 * node (e.g. --cpu-prof).
 */
export function startChild(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Child {
  const path = fileURLToPath(new URL(`./${script}.ts`, import.meta.url));
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else queue.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    exited,
    nextLine<T>(): Promise<T> {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(JSON.parse(queued) as T);
      return new Promise<T>((resolve, reject) => {
        waiting.push((line) => resolve(JSON.parse(line) as T));
        void exited.then((code) => reject(new Error(`${script} exited (code ${code}) before printing what was expected`)));
      });
    },
  };
}

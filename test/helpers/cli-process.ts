/**
 * The real CLI (bin/ocpp-audit.js, which runs the compiled code in dist/) in a child process,
 * its output collected as it comes. Shared by the end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'ocpp-audit.js');
/** Generous: the machine is a loaded 2-core box. */
export const WAIT_MS = 15_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of the real CLI, its output collected as it comes. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  exit: Exit | undefined;
  readonly exited: Promise<Exit>;
  readonly #listeners = new Set<() => void>();

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.#wake();
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.#wake();
    });
    // 'close' (not 'exit'): all of stdout and stderr has been read by then.
    this.exited = new Promise((resolveExit) => {
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        this.#wake();
        resolveExit(this.exit);
      });
    });
  }

  get stdoutLines(): string[] {
    return this.stdout.split('\n').filter((line) => line.length > 0);
  }

  get stderrLines(): string[] {
    return this.stderr.split('\n').filter((line) => line.length > 0);
  }

  /** Resolves with the first match of `pattern` in stdout; fails if the CLI exits first or on timeout. */
  waitForStdout(pattern: RegExp, timeoutMs = WAIT_MS): Promise<RegExpExecArray> {
    return new Promise((resolveMatch, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} on stdout\n${this.#transcript()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      const check = (): void => {
        const match = pattern.exec(this.stdout);
        if (match) {
          done();
          resolveMatch(match);
        } else if (this.exit) {
          done();
          reject(new Error(`the CLI exited (${JSON.stringify(this.exit)}) before printing ${pattern}\n${this.#transcript()}`));
        }
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Waits for the process to end; kills it and fails when it does not end in time. */
  async waitForExit(timeoutMs = WAIT_MS): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`the CLI did not exit within ${timeoutMs} ms\n${this.#transcript()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ctrl-C: SIGINT, then wait for the exit. */
  async interrupt(): Promise<Exit> {
    this.child.kill('SIGINT');
    return this.waitForExit();
  }

  #wake(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #transcript(): string {
    return `--- stdout ---\n${this.stdout}--- stderr ---\n${this.stderr}`;
  }
}

/** Ends every CLI a test left running (SIGKILL) and waits for each to exit; empties the list. */
export async function killRunning(children: CliProcess[]): Promise<void> {
  for (const cli of children.splice(0)) {
    if (!cli.exit) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  }
}

/** The child's environment, without a password the person running the tests may have exported. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('OCPP_AUDIT_PASSWORD' in extra)) delete env['OCPP_AUDIT_PASSWORD'];
  return env;
}


/** What an end-to-end file needs: CLIs it starts and temporary directories, cleaned up after each test. */
export interface CliBed {
  /** Starts the CLI (not waited for). */
  cli: (args: string[], env?: NodeJS.ProcessEnv) => CliProcess;
  /** Runs the CLI to its exit. */
  runToExit: (args: string[], env?: NodeJS.ProcessEnv) => Promise<CliProcess>;
  /** A new temporary directory, removed after the test. */
  tempDir: () => string;
}

/**
 * Call inside a `describe`: after each test, every CLI still running is killed (and waited for)
 * and every temporary directory removed, whatever the test's outcome.
 */
export function useCliBed(prefix: string): CliBed {
  const children: CliProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await killRunning(children);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const cli = (args: string[], env: NodeJS.ProcessEnv = childEnv()): CliProcess => {
    const child = new CliProcess(args, env);
    children.push(child);
    return child;
  };
  return {
    cli,
    runToExit: async (args, env) => {
      const child = cli(args, env);
      await child.waitForExit();
      return child;
    },
    tempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), `ocpp-audit-${prefix}-`));
      dirs.push(dir);
      return dir;
    },
  };
}

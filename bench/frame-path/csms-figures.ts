import { performance } from 'node:perf_hooks';

/** What a CSMS child prints, as one JSON line, once the flood is done and the station has left. */
export interface CsmsFigures {
  /** `floor`: the bare parse-and-answer server, the ceiling for any Node CSMS here. */
  csms: 'ours' | 'ocpp-rpc' | 'floor';
  /** NotifyReport frames the CSMS handled, and the report items in them. */
  frames: number;
  entries: number;
  /** CPU time of the whole CSMS process (user + system) from the boot to the flood's end. */
  cpuMs: number;
  /** Peak resident set of the CSMS process over its whole life, MB. */
  peakRssMb: number;
  /** From the first NotifyReport received to the flood handled (for ours: assembled). */
  spanMs: number;
  /** Every frame journaled (ours), with the journal's size; ocpp-rpc journals nothing. */
  journaled: boolean;
  journalBytes?: number;
}

/**
 * Brackets the flood inside a CSMS process: CPU time from `start()` (the boot) and the span from
 * the first NotifyReport to `end()`. process.cpuUsage() counts this process alone, which is why
 * each CSMS runs in its own child.
 */
export class FloodMeter {
  #cpuAtBoot: NodeJS.CpuUsage | undefined;
  #firstFrameAt: number | undefined;
  #ended: { cpuMs: number; spanMs: number } | undefined;

  start(): void {
    this.#cpuAtBoot = process.cpuUsage();
  }

  frame(): void {
    this.#firstFrameAt ??= performance.now();
  }

  end(): void {
    const cpu = process.cpuUsage(this.#cpuAtBoot);
    this.#ended ??= { cpuMs: (cpu.user + cpu.system) / 1000, spanMs: performance.now() - (this.#firstFrameAt ?? performance.now()) };
  }

  figures(fields: Omit<CsmsFigures, 'cpuMs' | 'spanMs' | 'peakRssMb'>): CsmsFigures {
    if (!this.#ended) throw new Error('the flood has not ended');
    // maxRSS is in kilobytes.
    return { ...fields, ...this.#ended, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  }
}

/** One JSON line on stdout: how a child hands its URL and its figures to the orchestrator. */
export function printLine(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

import { cpus, totalmem, platform, release } from 'node:os';

/** The machine a benchmark ran on, printed with its figures. */
export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`;
}

/** Prints a table of figures: name, value, goal, verdict. */
export function printTable(title: string, rows: Array<{ figure: string; value: string; goal?: string; ok?: boolean }>): void {
  const width = Math.max(...rows.map((r) => r.figure.length), 6);
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const row of rows) {
    const verdict = row.ok === undefined ? '' : row.ok ? '  ok' : '  MISSED';
    process.stdout.write(`${row.figure.padEnd(width)}  ${row.value.padStart(12)}${row.goal ? `   goal ${row.goal}` : ''}${verdict}\n`);
  }
  process.stdout.write(`machine: ${machine()}\n`);
}

/**
 * What the journals say of each station's monitoring plan: the `plan-outcome` records `observe`
 * wrote (issue 16), read back from every journal file under the station's directory (whatever
 * the rotation), the last outcome of each plan item counted. The console's "plan … after a boot"
 * line says a cycle ended; this says what it found, from the evidence.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanOutcome, PlanOutcomeDetails } from '../../src/observe/plan/plan-outcome.js';

export interface StationPlan {
  identity: string;
  /** plan-outcome records in its journals. */
  records: number;
  /** The last outcome of each plan item, counted. */
  final: Partial<Record<PlanOutcome, number>>;
  /** Every item's last outcome is accepted, reapplied or absent (its device model has no place for it). */
  applied: boolean;
}

const APPLIED: ReadonlySet<PlanOutcome> = new Set(['accepted', 'reapplied', 'absent']);

function journalFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...journalFiles(path));
    else if (entry.name.endsWith('.jsonl')) files.push(path);
  }
  return files;
}

function itemKey(d: PlanOutcomeDetails): string {
  return [d.item, d.component, d.componentInstance ?? '', d.evseId ?? '', d.connectorId ?? '', d.variable, d.variableInstance ?? '', d.monitorType ?? ''].join('|');
}

/** The plan as the journals of `identity` under `outDir` record it. */
export function stationPlan(outDir: string, identity: string): StationPlan {
  const records: Array<{ timestamp: string; seq: number; details: PlanOutcomeDetails }> = [];
  for (const file of journalFiles(join(outDir, identity))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('"plan-outcome"')) continue;
      const record = JSON.parse(line) as { event?: string; timestamp: string; seq: number; details: PlanOutcomeDetails };
      if (record.event === 'plan-outcome') records.push(record);
    }
  }
  records.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.seq - b.seq);
  const last = new Map<string, PlanOutcome>();
  for (const { details } of records) last.set(itemKey(details), details.outcome);
  const final: StationPlan['final'] = {};
  for (const outcome of last.values()) final[outcome] = (final[outcome] ?? 0) + 1;
  const applied = last.size > 0 && [...last.values()].every((outcome) => APPLIED.has(outcome));
  return { identity, records: records.length, final, applied };
}

/** "19 accepted, 3 absent", in a fixed order. */
export function describeFinal(final: StationPlan['final']): string {
  const parts = Object.entries(final)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, n]) => `${n} ${outcome}`);
  return parts.length > 0 ? parts.join(', ') : 'no plan-outcome record';
}

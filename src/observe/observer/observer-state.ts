import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeviceModelEntry } from '../../evidence/evidence.js';
import type { HeldMonitor } from './plan-reconcile.js';

/** A setting of the plan as the observer last knew it on the station. */
export interface HeldSetting {
  value: string;
  outcome: HeldMonitor['outcome'];
  detail?: string;
}

interface StateFile {
  version: 1;
  inventory?: { firmware?: string; at: string; entries: DeviceModelEntry[] };
  monitors: Record<string, HeldMonitor>;
  settings: Record<string, HeldSetting>;
}

/**
 * What observe knows of one station across its own restarts: the last inventory (read again only
 * on first contact and when the firmware changes) and, per plan item, the station's id for it and
 * the last outcome recorded (so a reboot's losses are told from a first application, and an
 * unchanged outcome is not recorded again). A cache beside the journal: the journal's
 * `plan-outcome` records are the evidence. Written whole to a temporary file and renamed, so a
 * kill -9 leaves the old or the new state, never half of one.
 */
export class ObserverState {
  readonly path: string;
  inventory: StateFile['inventory'];
  readonly monitors: Map<string, HeldMonitor>;
  readonly settings: Map<string, HeldSetting>;
  /** Why the last save failed (the disk); the observation goes on, the journal keeps the outcomes. */
  saveFailure: string | undefined;

  private constructor(path: string, file: StateFile) {
    this.path = path;
    this.inventory = file.inventory;
    this.monitors = new Map(Object.entries(file.monitors));
    this.settings = new Map(Object.entries(file.settings));
  }

  /** The state at `path`, or an empty one when there is none or it cannot be read (then everything is looked at afresh). */
  static load(path: string): ObserverState {
    let file: StateFile = { version: 1, monitors: {}, settings: {} };
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as StateFile;
      if (parsed.version === 1 && typeof parsed.monitors === 'object' && typeof parsed.settings === 'object') file = parsed;
    } catch {
      // No state yet, or a damaged one: the first cycle reads the inventory and the monitors again.
    }
    return new ObserverState(path, file);
  }

  save(): void {
    const file: StateFile = { version: 1, ...(this.inventory ? { inventory: this.inventory } : {}), monitors: Object.fromEntries(this.monitors), settings: Object.fromEntries(this.settings) };
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, JSON.stringify(file));
      renameSync(temporary, this.path);
      this.saveFailure = undefined;
    } catch (error) {
      this.saveFailure = (error as Error).message;
    }
  }
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DeviceModelEntry } from '../../evidence/evidence.js';
import type { HeldMonitor } from './plan-reconcile.js';

/** A setting of the plan as the observer last knew it on the station. */
export interface HeldSetting {
  value: string;
  outcome: HeldMonitor['outcome'];
  detail?: string;
}

/** When the inventory was read last, and on which firmware (the entries themselves are in their own file, read when needed). */
export interface InventoryMark {
  firmware?: string;
  at: string;
}

interface StateFile {
  version: 1;
  inventory?: InventoryMark;
  monitors: Record<string, HeldMonitor>;
  settings: Record<string, HeldSetting>;
}

/**
 * What observe knows of one station across its own restarts: the last inventory (read again only
 * on first contact and when the firmware changes) and, per plan item, the station's id for it and
 * the last outcome recorded (so a reboot's losses are told from a first application, and an
 * unchanged outcome is not recorded again). A cache beside the journal: the journal's
 * `plan-outcome` records are the evidence. Written whole to a temporary file and renamed, so a
 * kill -9 leaves the old or the new state, never half of one. The inventory's entries go to a file
 * of their own (`observe-inventory.json`), written when read and read when the plan is placed, so
 * a thousand stations' device models do not stay in memory.
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
  /** Where the last inventory's entries are kept. */
  get inventoryPath(): string {
    return join(dirname(this.path), 'observe-inventory.json');
  }

  /** Keeps a freshly read inventory (entries to their file, the mark in the state). */
  keepInventory(mark: InventoryMark, entries: readonly DeviceModelEntry[]): void {
    this.inventory = mark;
    writeWhole(this.inventoryPath, JSON.stringify(entries));
    this.save();
  }

  /** The kept inventory's entries, or undefined when there is none (or it cannot be read: it is read again). */
  readInventory(): DeviceModelEntry[] | undefined {
    try {
      const entries = JSON.parse(readFileSync(this.inventoryPath, 'utf8')) as unknown;
      return Array.isArray(entries) ? (entries as DeviceModelEntry[]) : undefined;
    } catch {
      return undefined;
    }
  }

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
    try {
      writeWhole(this.path, JSON.stringify(file));
      this.saveFailure = undefined;
    } catch (error) {
      this.saveFailure = (error as Error).message;
    }
  }
}

/** Writes a file whole or not at all (a temporary file renamed over it). */
function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

import type { DeviceModel } from '../device-model/device-model.js';
import type { ComponentRef, VariableEntry } from '../device-model/types.js';

export type ReportBase = 'ConfigurationInventory' | 'FullInventory' | 'SummaryInventory';

/** One reportData element of NotifyReport (Part 2, ReportDataType). */
export interface ReportData {
  component: ComponentRef;
  variable: { name: string; instance?: string };
  variableAttribute: Array<{ type: string; value?: string; mutability: string; persistent: boolean; constant: boolean }>;
  variableCharacteristics: Record<string, unknown>;
}

/** Abnormal-state booleans a SummaryInventory reports when they are set. */
const PROBLEM_VARIABLES = new Set(['problem', 'tripped', 'overload', 'fallback']);

/**
 * The entries a base report holds: FullInventory everything; ConfigurationInventory what the CSMS
 * can set (an attribute that is ReadWrite or WriteOnly, OCTT TC_B_12); SummaryInventory the
 * availability of station, EVSEs and connectors plus the problem flags that are raised.
 */
export function entriesForBase(model: DeviceModel, base: ReportBase): VariableEntry[] {
  const entries = model.entries();
  switch (base) {
    case 'FullInventory':
      return [...entries];
    case 'ConfigurationInventory':
      return entries.filter((e) => e.attributes.some((a) => a.mutability !== 'ReadOnly'));
    case 'SummaryInventory':
      return entries.filter((e) => {
        const name = e.variable.name.toLowerCase();
        if (name === 'availabilitystate') return true;
        return PROBLEM_VARIABLES.has(name) && e.attributes.some((a) => a.type === 'Actual' && a.value === 'true');
      });
  }
}

/** The wire form of an entry. WriteOnly values never leave the station (B07/B08, OCTT TC_B_13). */
export function toReportData(entry: VariableEntry): ReportData {
  return {
    component: entry.component,
    variable: entry.variable,
    variableAttribute: entry.attributes.map((attribute) => ({
      type: attribute.type,
      ...(attribute.mutability === 'WriteOnly' ? {} : { value: attribute.value }),
      mutability: attribute.mutability,
      persistent: attribute.persistent,
      constant: attribute.constant,
    })),
    variableCharacteristics: { ...entry.characteristics },
  };
}

/** Approximate size of a frame carrying `payload`: the CALL envelope adds about 60 characters. */
export function frameBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8') + 60;
}

/**
 * Splits report items into pages of at most `items` elements whose frames stay under `bytes`
 * (DeviceDataCtrlr.ItemsPerMessage / BytesPerMessage). An item too large on its own still gets a
 * page of its own rather than being lost. Sizes add up item by item (the envelope once, each
 * item once, a comma between), so a 100,000-variable report pages in linear time.
 */
export function paginate<Item>(list: readonly Item[], items: number, bytes: number, envelope: (page: Item[]) => unknown): Item[][] {
  const pages: Item[][] = [];
  const empty = frameBytes(envelope([]));
  let page: Item[] = [];
  let size = empty;
  for (const item of list) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item), 'utf8') + (page.length > 0 ? 1 : 0);
    if (page.length > 0 && (page.length + 1 > items || size + itemBytes > bytes)) {
      pages.push(page);
      page = [item];
      size = empty + itemBytes - 1;
    } else {
      page.push(item);
      size += itemBytes;
    }
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

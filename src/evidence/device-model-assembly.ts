import type { DeviceModelEntry, MessagesCapture } from '../evidence/evidence.js';

/** Flattens the parts of a NotifyReport into device-model entries, each pointing at its frame. */
export function assembleDeviceModel(report: MessagesCapture): DeviceModelEntry[] {
  const entries: DeviceModelEntry[] = [];
  const parts = [...report.messages].sort((a, b) => Number(a.payload['seqNo']) - Number(b.payload['seqNo']) || a.seq - b.seq);
  for (const part of parts) {
    const items = part.payload['reportData'];
    if (!Array.isArray(items)) continue;
    for (const item of items as Array<Record<string, unknown>>) {
      if (item === null || typeof item !== 'object') continue;
      const component = item['component'] as DeviceModelEntry['component'] | undefined;
      const variable = item['variable'] as DeviceModelEntry['variable'] | undefined;
      // A schema-violating part is kept in the evidence; only well-formed items join the model.
      if (typeof component?.name !== 'string' || typeof variable?.name !== 'string') continue;
      const entry: DeviceModelEntry = {
        component,
        variable,
        variableAttribute: Array.isArray(item['variableAttribute']) ? (item['variableAttribute'] as unknown[]).filter((a): a is DeviceModelEntry['variableAttribute'][number] => typeof a === 'object' && a !== null) : [],
        seq: part.seq,
      };
      const characteristics = item['variableCharacteristics'];
      if (characteristics && typeof characteristics === 'object') entry.variableCharacteristics = characteristics;
      entries.push(entry);
    }
  }
  return entries;
}

/** The Actual value of a variable in the assembled model (names compared case-insensitively). */
export function actualValue(entries: readonly DeviceModelEntry[], component: string, variable: string, instance?: string): string | undefined {
  const entry = entries.find(
    (e) => e.component.name.toLowerCase() === component.toLowerCase() && !e.component.evse && e.variable.name.toLowerCase() === variable.toLowerCase() && (e.variable.instance ?? '') === (instance ?? ''),
  );
  return entry?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value;
}

import type { CollectedMessage, ComponentRefJson, DeviceModelEntry, VariableRefJson } from '../../evidence/evidence.js';

/**
 * Flattening of report parts (NotifyReport `reportData[]`) into one item per component/variable,
 * plus the labels and keys the inventory checks share. A report part is station data and may be
 * malformed: anything without a component name and a variable name is counted, never thrown on.
 */

/** The items of a report's parts, in arrival order, and the seqs of parts that held malformed items. */
export interface FlattenedReport {
  items: DeviceModelEntry[];
  /** Journal seqs of parts with at least one reportData element lacking a component or variable name. */
  malformedSeqs: number[];
  malformedCount: number;
}

export function reportItems(messages: readonly CollectedMessage[]): FlattenedReport {
  const items: DeviceModelEntry[] = [];
  const malformedSeqs: number[] = [];
  let malformedCount = 0;
  for (const message of messages) {
    const data = message.payload['reportData'];
    if (!Array.isArray(data)) continue;
    let malformedHere = false;
    for (const element of data as unknown[]) {
      const item = toEntry(element, message.seq);
      if (item) {
        items.push(item);
      } else {
        malformedCount += 1;
        malformedHere = true;
      }
    }
    if (malformedHere) malformedSeqs.push(message.seq);
  }
  return { items, malformedSeqs, malformedCount };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Device-model entries as checks can trust them: whatever the evidence holds (entries assembled
 * by the runner keep the station's own types), re-read field by field. Entries without a string
 * component and variable name are dropped.
 */
export function sanitizeEntries(entries: readonly unknown[]): DeviceModelEntry[] {
  return entries.flatMap((entry) => {
    const seq = isRecord(entry) && typeof entry['seq'] === 'number' ? entry['seq'] : -1;
    const item = toEntry(entry, seq);
    return item ? [item] : [];
  });
}

function toEntry(element: unknown, seq: number): DeviceModelEntry | undefined {
  if (!isRecord(element)) return undefined;
  const component = toComponent(element['component']);
  const variable = toVariable(element['variable']);
  if (!component || !variable) return undefined;
  const attributes = Array.isArray(element['variableAttribute']) ? (element['variableAttribute'] as unknown[]).filter(isRecord).map(toAttribute) : [];
  const entry: DeviceModelEntry = { component, variable, variableAttribute: attributes, seq };
  const characteristics = element['variableCharacteristics'];
  if (isRecord(characteristics)) entry.variableCharacteristics = toCharacteristics(characteristics);
  return entry;
}

function toComponent(value: unknown): ComponentRefJson | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string') return undefined;
  const component: ComponentRefJson = { name: value['name'] };
  if (typeof value['instance'] === 'string') component.instance = value['instance'];
  const evse = value['evse'];
  if (isRecord(evse) && typeof evse['id'] === 'number') {
    component.evse = { id: evse['id'] };
    if (typeof evse['connectorId'] === 'number') component.evse.connectorId = evse['connectorId'];
  }
  return component;
}

function toVariable(value: unknown): VariableRefJson | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string') return undefined;
  const variable: VariableRefJson = { name: value['name'] };
  if (typeof value['instance'] === 'string') variable.instance = value['instance'];
  return variable;
}

type Attribute = DeviceModelEntry['variableAttribute'][number];

function toAttribute(value: Record<string, unknown>): Attribute {
  const attribute: Attribute = {};
  if (typeof value['type'] === 'string') attribute.type = value['type'];
  // A number or boolean where the schema wants a string is still the station's value: keep it readable.
  const raw = value['value'];
  if (typeof raw === 'string') attribute.value = raw;
  else if (typeof raw === 'number' || typeof raw === 'boolean') attribute.value = String(raw);
  if (typeof value['mutability'] === 'string') attribute.mutability = value['mutability'];
  if (typeof value['persistent'] === 'boolean') attribute.persistent = value['persistent'];
  if (typeof value['constant'] === 'boolean') attribute.constant = value['constant'];
  return attribute;
}

function toCharacteristics(value: Record<string, unknown>): NonNullable<DeviceModelEntry['variableCharacteristics']> {
  const characteristics: NonNullable<DeviceModelEntry['variableCharacteristics']> = {};
  if (typeof value['dataType'] === 'string') characteristics.dataType = value['dataType'];
  if (typeof value['unit'] === 'string') characteristics.unit = value['unit'];
  if (typeof value['minLimit'] === 'number') characteristics.minLimit = value['minLimit'];
  if (typeof value['maxLimit'] === 'number') characteristics.maxLimit = value['maxLimit'];
  if (typeof value['valuesList'] === 'string') characteristics.valuesList = value['valuesList'];
  if (typeof value['supportsMonitoring'] === 'boolean') characteristics.supportsMonitoring = value['supportsMonitoring'];
  return characteristics;
}

/** `Connector@1/1`, `TemperatureSensor[inlet]@1`, `OCPPCommCtrlr`. */
export function componentLabel(component: ComponentRefJson): string {
  let label = component.name;
  if (component.instance !== undefined) label += `[${component.instance}]`;
  if (component.evse) label += `@${component.evse.id}${component.evse.connectorId !== undefined ? `/${component.evse.connectorId}` : ''}`;
  return label;
}

/** `ItemsPerMessage[GetReport]`, `Temperature`. */
export function variableLabel(variable: VariableRefJson): string {
  return variable.instance !== undefined ? `${variable.name}[${variable.instance}]` : variable.name;
}

/** `Connector@1/1.Temperature`, the way reasons name a report item. */
export function itemLabel(item: Pick<DeviceModelEntry, 'component' | 'variable'>): string {
  return `${componentLabel(item.component)}.${variableLabel(item.variable)}`;
}

/**
 * Identity of a report item: component name + instance + EVSE + connector + variable name +
 * instance. Component and variable names are case-insensitive in OCPP (ComponentType.name), so
 * they are compared lower-cased; instances are compared as sent.
 */
export function itemKey(item: Pick<DeviceModelEntry, 'component' | 'variable'>): string {
  const { component, variable } = item;
  return JSON.stringify([component.name.toLowerCase(), component.instance ?? null, component.evse?.id ?? null, component.evse?.connectorId ?? null, variable.name.toLowerCase(), variable.instance ?? null]);
}

/** OCPP names compare case-insensitively. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** An attribute's type; absent means Actual (AttributeEnumType default). */
export function attributeType(attribute: Attribute): string {
  return attribute.type ?? 'Actual';
}

/** An attribute's mutability; absent means ReadWrite (MutabilityEnumType default). */
export function attributeMutability(attribute: Attribute): string {
  return attribute.mutability ?? 'ReadWrite';
}

/**
 * A mutability other than expected, in words. A left-out mutability is the schema default
 * (ReadWrite), not a value the station chose, so it reads `mutability omitted (defaults to
 * ReadWrite; expected ReadOnly)` rather than `ReadWrite (expected ReadOnly)`.
 */
export function mutabilityMismatch(attribute: Attribute, expected: string, prefix = ''): string {
  return attribute.mutability === undefined ? `mutability omitted (defaults to ReadWrite; expected ${expected})` : `${prefix}${attribute.mutability} (expected ${expected})`;
}

/** The Actual attribute of an item, if it reported one. */
export function actualAttribute(item: DeviceModelEntry): Attribute | undefined {
  return item.variableAttribute.find((attribute) => attributeType(attribute) === 'Actual');
}

/** Sorted, de-duplicated journal seqs. */
export function uniqueSeqs(seqs: Iterable<number>): number[] {
  return [...new Set(seqs)].sort((a, b) => a - b);
}

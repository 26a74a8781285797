/** The OCPP 2.0.1 device model as the virtual station keeps it (Part 1 §4, Part 2 §2 types). */

export const DATA_TYPES = ['string', 'decimal', 'integer', 'dateTime', 'boolean', 'OptionList', 'SequenceList', 'MemberList'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const ATTRIBUTE_TYPES = ['Actual', 'Target', 'MinSet', 'MaxSet'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export type Mutability = 'ReadOnly' | 'WriteOnly' | 'ReadWrite';

export interface EvseRef {
  id: number;
  connectorId?: number;
}

export interface ComponentRef {
  name: string;
  instance?: string;
  evse?: EvseRef;
}

export interface VariableRef {
  name: string;
  instance?: string;
}

export interface VariableAttribute {
  type: AttributeType;
  /** Values are strings on the wire; the characteristics say how to read them. */
  value: string;
  mutability: Mutability;
  persistent: boolean;
  constant: boolean;
}

export interface VariableCharacteristics {
  dataType: DataType;
  unit?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  supportsMonitoring: boolean;
}

/** One variable of one component, with its attributes and characteristics. */
export interface VariableEntry {
  component: ComponentRef;
  variable: VariableRef;
  attributes: VariableAttribute[];
  characteristics: VariableCharacteristics;
  /** A change from the CSMS takes effect only after a reboot (SetVariables → RebootRequired). */
  rebootRequired?: boolean;
}

/** The status vocabulary of GetVariables / SetVariables results (B05/B06). */
export type AttributeStatus = 'Accepted' | 'Rejected' | 'UnknownComponent' | 'UnknownVariable' | 'NotSupportedAttributeType' | 'RebootRequired';

export interface StatusInfo {
  reasonCode: string;
  additionalInfo?: string;
}

/** A change of one attribute's value, from any source. Monitors listen to these (N07). */
export interface ValueChange {
  entry: VariableEntry;
  attributeType: AttributeType;
  previous: string;
  current: string;
  /** Who changed it: the CSMS through SetVariables, or the station itself (a sensor, a state change). */
  source: 'csms' | 'station';
}

export function componentLabel(component: ComponentRef): string {
  const parts = [component.name];
  if (component.instance !== undefined) parts.push(`[${component.instance}]`);
  if (component.evse) parts.push(`@${component.evse.id}${component.evse.connectorId !== undefined ? `/${component.evse.connectorId}` : ''}`);
  return parts.join('');
}

export function variableLabel(variable: VariableRef): string {
  return variable.instance !== undefined ? `${variable.name}[${variable.instance}]` : variable.name;
}

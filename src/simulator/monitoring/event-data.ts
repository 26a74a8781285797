import type { DeviceModel } from '../device-model/device-model.js';
import type { ComponentRef, VariableRef } from '../device-model/types.js';

/** EventDataType.actualValue is at most 2500 characters (NotifyEventRequest schema). */
export const ACTUAL_VALUE_MAX = 2500;

/**
 * The actualValue of an event about a variable: empty when its Actual attribute is WriteOnly
 * (N07.FR.10, e.g. SecurityCtrlr.BasicAuthPassword), otherwise the value cut to 2500 characters,
 * or to DeviceDataCtrlr.ReportingValueSize when the station declares a smaller one.
 */
export function eventActualValue(model: DeviceModel, component: ComponentRef, variable: VariableRef, value: string): string {
  const found = model.lookup(component, variable);
  if (found.status === 'Found' && found.entry.attributes.find((a) => a.type === 'Actual')?.mutability === 'WriteOnly') return '';
  return value.slice(0, reportingValueSize(model));
}

function reportingValueSize(model: DeviceModel): number {
  const text = model.actual({ name: 'DeviceDataCtrlr' }, { name: 'ReportingValueSize' });
  const size = text !== undefined && /^\d+$/.test(text) ? Number(text) : 0;
  return size > 0 ? Math.min(ACTUAL_VALUE_MAX, size) : ACTUAL_VALUE_MAX;
}

/** Whether a value text is a number (an empty or garbled sensor value is not, and must not fire). */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Cuts a text to a schema maximum length (techCode 50, techInfo 500). */
export function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

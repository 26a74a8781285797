import { DeviceModel } from '../device-model/device-model.js';
import type { VariableEntry } from '../device-model/types.js';

/**
 * Variables small firmware leaves out of its device model (field notes: MicroOcpp has no
 * HeartbeatInterval; shiv3's simulator and MicroOcpp have no OfflineThreshold and no
 * DeviceDataCtrlr.ItemsPerMessage[GetReport]). None is in the TC_B_53 list except the last, so a
 * station without them is still a station the audit must judge on what it does have.
 */
const ABSENT: ReadonlyArray<{ component: string; variable: string; instance?: string }> = [
  { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' },
  { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' },
  { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', instance: 'GetReport' },
];

const isAbsent = (entry: VariableEntry): boolean =>
  ABSENT.some((a) => a.component === entry.component.name && a.variable === entry.variable.name && a.instance === entry.variable.instance);

/** The `tiny-model` fault: the profile's model without the variables tiny firmware lacks. */
export function tinyModel(model: DeviceModel): DeviceModel {
  return new DeviceModel(model.entries().filter((entry) => !isAbsent(entry)));
}

import type { DeviceModel } from '../device-model/device-model.js';
import type { StatusInfo, VariableEntry } from '../device-model/types.js';
import type { SetMonitoringData, SetMonitoringStatus } from './messages.js';
import { isPeriodic, isTargetDelta, isThreshold, typeSupported } from './monitor.js';

/** The outcome of the checks that do not depend on the monitors already set. */
export type DataCheck = { ok: true; entry: VariableEntry } | { ok: false; status: SetMonitoringStatus; statusInfo?: StatusInfo };

/**
 * Checks one setMonitoringData element against the device model alone: the address must exist
 * (N04.FR.03/04), the variable must support monitoring, the type must suit its dataType
 * (N04.FR.05), the severity must be 0–9 and the value must make sense for the type (N04.FR.06,
 * N04.FR.14; a 2.1 target monitor needs a Target attribute, N07.FR.22/23). Id and duplicate rules need the monitor list and live in MonitoringState.
 */
export function checkMonitoringData(model: DeviceModel, data: SetMonitoringData): DataCheck {
  const found = model.lookup(data.component, data.variable);
  if (found.status !== 'Found') return { ok: false, status: found.status };
  const { characteristics } = found.entry;
  if (!characteristics.supportsMonitoring) {
    return rejected('UnsupportedParam', 'this variable does not support monitoring (supportsMonitoring = false)');
  }
  if (!typeSupported(characteristics.dataType, data.type)) {
    return { ok: false, status: 'UnsupportedMonitorType', statusInfo: { reasonCode: 'UnsupportedParam', additionalInfo: `${data.type} does not apply to dataType ${characteristics.dataType}` } };
  }
  // The schema allows any integer; the scale itself is 0–9 (SetMonitoringDataType.severity).
  if (!Number.isInteger(data.severity) || data.severity < 0 || data.severity > 9) {
    return rejected('ValueOutOfRange', `severity ${data.severity} is outside 0–9`);
  }
  if (!Number.isFinite(data.value)) return rejected('InvalidValue', 'value is not a finite number');
  if (isThreshold(data.type)) {
    // N04.FR.06 (ERR25 2.61): a threshold the variable can never take is refused.
    const { minLimit, maxLimit } = characteristics;
    if (minLimit !== undefined && data.value < minLimit) return rejected('ValueOutOfRange', `threshold ${data.value} is below minLimit ${minLimit}`);
    if (maxLimit !== undefined && data.value > maxLimit) return rejected('ValueOutOfRange', `threshold ${data.value} is above maxLimit ${maxLimit}`);
  } else if (data.type === 'Delta') {
    // N04.FR.14: a delta is an absolute amount (ERR25 1.1), so a negative one is meaningless.
    if (data.value < 0) return rejected('ValueOutOfRange', `a Delta of ${data.value} is negative`);
  } else if (isTargetDelta(data.type)) {
    // N07.FR.22/23 (2.1): the band is around the Target attribute, so the variable needs one beside its Actual.
    const types = new Set(found.entry.attributes.map((a) => a.type));
    if (!types.has('Actual') || !types.has('Target')) return rejected('UnsupportedParam', `${data.type} needs a variable with both an Actual and a Target attribute, and this one has ${[...types].join(' and ')} only`);
    if (data.value < 0) return rejected('ValueOutOfRange', `a ${data.type} of ${data.value} is negative`);
  } else if (isPeriodic(data.type) && data.value <= 0) {
    // An interval of zero seconds or less would fire without end.
    return rejected('ValueOutOfRange', `an interval of ${data.value} s is not positive`);
  }
  return { ok: true, entry: found.entry };
}

function rejected(reasonCode: string, additionalInfo: string): DataCheck {
  return { ok: false, status: 'Rejected', statusInfo: { reasonCode, additionalInfo } };
}

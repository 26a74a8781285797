import type { DeviceModel } from '../device-model/device-model.js';
import { OcppCallError } from '../../ocpp/error-codes.js';
import { frameBytes } from './report-data.js';

/** A numeric limit from the device model, e.g. DeviceDataCtrlr.ItemsPerMessage[GetVariables]. */
export function limitOf(model: DeviceModel, component: string, variable: string, instance: string, fallback: number): number {
  return model.limit(component, variable, instance || undefined) ?? fallback;
}

/**
 * Refuses a request over the station's advertised limits the way Part 4 and libocpp do:
 * CALLERROR OccurrenceConstraintViolation for too many elements, FormatViolation for too many
 * bytes (B06.FR.16/17, B08.FR.17/18, N04.FR.09, N06.FR.06/07).
 */
export function enforceLimits(
  model: DeviceModel,
  controller: 'DeviceDataCtrlr' | 'MonitoringCtrlr',
  action: string,
  count: number,
  payload: unknown,
  errorSpelling: 'OccurrenceConstraintViolation' | 'OccurenceConstraintViolation' = 'OccurrenceConstraintViolation',
): void {
  const items = limitOf(model, controller, 'ItemsPerMessage', action, Number.POSITIVE_INFINITY);
  const bytes = limitOf(model, controller, 'BytesPerMessage', action, Number.POSITIVE_INFINITY);
  if (count > items) {
    // The 1.6 spelling is a named fault: some stations still send it.
    throw new OcppCallError(errorSpelling as 'OccurrenceConstraintViolation', `${count} elements, more than ${controller}.ItemsPerMessage[${action}] = ${items}`);
  }
  if (frameBytes(payload) > bytes) {
    throw new OcppCallError('FormatViolation', `the request is larger than ${controller}.BytesPerMessage[${action}] = ${bytes}`);
  }
}

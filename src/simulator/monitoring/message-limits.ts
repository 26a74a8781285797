import type { DeviceModel } from '../device-model/device-model.js';
import type { ClearVariableMonitoringRequest, SetVariableMonitoringRequest } from './messages.js';

/** The two requests whose size MonitoringCtrlr limits (N04.FR.09, N06.FR.04). */
export type LimitedMonitoringAction = 'SetVariableMonitoring' | 'ClearVariableMonitoring';

/** The CALLERROR a station may answer an over-limit request with (N06.FR.06/07; libocpp does the same for N04). */
export type LimitViolation = 'OccurrenceConstraintViolation' | 'FormatViolation';

/** MonitoringCtrlr.ItemsPerMessage / BytesPerMessage for one action; absent = no limit. */
export interface MessageLimits {
  items?: number;
  bytes?: number;
}

/**
 * Whether a SetVariableMonitoring or ClearVariableMonitoring request breaks the station's limits:
 * more elements than ItemsPerMessage → OccurrenceConstraintViolation, more bytes than
 * BytesPerMessage → FormatViolation (N04.FR.09, N06.FR.04/06/07). The byte count is that of the
 * JSON payload, the part of the frame the CSMS controls. An absent limit is no limit.
 */
export function exceedsLimits(
  request: SetVariableMonitoringRequest | ClearVariableMonitoringRequest,
  itemsLimit: number | undefined,
  bytesLimit: number | undefined,
): LimitViolation | undefined {
  const items = 'setMonitoringData' in request ? request.setMonitoringData.length : request.id.length;
  if (itemsLimit !== undefined && items > itemsLimit) return 'OccurrenceConstraintViolation';
  if (bytesLimit !== undefined && Buffer.byteLength(JSON.stringify(request), 'utf8') > bytesLimit) return 'FormatViolation';
  return undefined;
}

/**
 * Reads MonitoringCtrlr.ItemsPerMessage[action] and BytesPerMessage[action] from the device
 * model; a missing variable or a value that is not a positive integer counts as no limit.
 */
export function monitoringMessageLimits(model: DeviceModel, action: LimitedMonitoringAction): MessageLimits {
  const limits: MessageLimits = {};
  const items = model.limit('MonitoringCtrlr', 'ItemsPerMessage', action);
  const bytes = model.limit('MonitoringCtrlr', 'BytesPerMessage', action);
  if (items !== undefined) limits.items = items;
  if (bytes !== undefined) limits.bytes = bytes;
  return limits;
}

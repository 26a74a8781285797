/**
 * Which list of a request the station limits, by which controller variable, and where the
 * per-item results come back: the audit splits its own batches so that it never exceeds what
 * the station advertises (B05.FR.11, B06.FR.05, N04.FR.09, N06.FR.04).
 */
export const BATCHED_ACTIONS: Record<string, { list: string; results: string; controller: string }> = {
  GetVariables: { list: 'getVariableData', results: 'getVariableResult', controller: 'DeviceDataCtrlr' },
  SetVariables: { list: 'setVariableData', results: 'setVariableResult', controller: 'DeviceDataCtrlr' },
  SetVariableMonitoring: { list: 'setMonitoringData', results: 'setMonitoringResult', controller: 'MonitoringCtrlr' },
  ClearVariableMonitoring: { list: 'id', results: 'clearMonitoringResult', controller: 'MonitoringCtrlr' },
};

/** Splits a request's list into payloads of at most `items` elements and `bytes` bytes each. */
export function splitPayload(action: string, payload: Record<string, unknown>, items: number, bytes: number): Array<Record<string, unknown>> {
  const batched = BATCHED_ACTIONS[action];
  const list = batched ? payload[batched.list] : undefined;
  if (!batched || !Array.isArray(list) || list.length <= 1) return [payload];
  const size = (part: unknown[]): number => Buffer.byteLength(JSON.stringify([2, '00000000-0000-0000-0000-000000000000', action, { ...payload, [batched.list]: part }]), 'utf8');
  const parts: unknown[][] = [];
  let current: unknown[] = [];
  for (const element of list as unknown[]) {
    const candidate = [...current, element];
    if (current.length > 0 && (candidate.length > items || size(candidate) > bytes)) {
      parts.push(current);
      current = [element];
    } else current = candidate;
  }
  if (current.length > 0) parts.push(current);
  return parts.map((part) => ({ ...payload, [batched.list]: part }));
}

import { BATCHED_ACTIONS } from './batching.js';

/** The four requests whose size the station limits by ItemsPerMessage / BytesPerMessage. */
export type LimitedAction = 'GetVariables' | 'SetVariables' | 'SetVariableMonitoring' | 'ClearVariableMonitoring';
export type LimitKind = 'items' | 'bytes';

export const LIMITED_ACTIONS: readonly LimitedAction[] = ['GetVariables', 'SetVariables', 'SetVariableMonitoring', 'ClearVariableMonitoring'];

/** Limits beyond these are not probed: the request would be absurd to send. */
export const LARGEST_PROBED = { items: 10_000, bytes: 1_000_000 } as const;

/** A component no station has: every element of a probe is harmless, whatever the station does with it. */
const NO_SUCH_COMPONENT = { name: 'AuditNoSuchComponent' };

/** The highest monitor id; probe ids count down from it, skipping ids the station has reported. */
const HIGHEST_ID = 2_147_483_647;

/** The controller variable that limits an action, e.g. DeviceDataCtrlr.ItemsPerMessage[GetVariables]. */
export function limitVariable(action: LimitedAction, limit: LimitKind): { controller: string; variable: string; instance: string; label: string } {
  const controller = BATCHED_ACTIONS[action]?.controller ?? 'DeviceDataCtrlr';
  const variable = limit === 'items' ? 'ItemsPerMessage' : 'BytesPerMessage';
  return { controller, variable, instance: action, label: `${controller}.${variable}[${action}]` };
}

/**
 * Bytes of the request as it goes on the wire: the JSON payload, which is what a station
 * measures at the least (the OCPP-J frame around it only adds).
 */
export function payloadBytes(payload: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}

/** Bytes of the whole OCPP-J CALL frame carrying the payload (with a full-length message id). */
export function frameBytes(action: string, payload: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify([2, '00000000-0000-0000-0000-000000000000', action, payload]), 'utf8');
}

/**
 * One element that changes nothing on any station: an unknown component to read, to write, to
 * monitor (answered UnknownComponent one by one, or refused whole), or a monitor id to clear that
 * the station has never reported (NotFound).
 */
function element(action: LimitedAction, index: number, freeIds: () => number): unknown {
  const variable = { name: `AuditProbe${index}` };
  switch (action) {
    case 'GetVariables':
      return { component: NO_SUCH_COMPONENT, variable };
    case 'SetVariables':
      return { component: NO_SUCH_COMPONENT, variable, attributeValue: '0' };
    case 'SetVariableMonitoring':
      return { type: 'Periodic', value: 86_400, severity: 9, component: NO_SUCH_COMPONENT, variable };
    case 'ClearVariableMonitoring':
      return freeIds();
  }
}

/**
 * The request of a limit probe, valid against the action's schema: `items` elements when probing
 * ItemsPerMessage, or one element padded with customData (which every OCPP 2.0.1 request may
 * carry, with any extra properties) to exactly `bytes` payload bytes when probing BytesPerMessage.
 * `knownIds` are monitor ids the station reported, never used as ids to clear.
 */
export function limitProbeRequest(action: LimitedAction, size: { items: number } | { bytes: number }, knownIds: ReadonlySet<number> = new Set()): Record<string, unknown> {
  const list = BATCHED_ACTIONS[action]?.list ?? 'id';
  let nextId = HIGHEST_ID;
  const freeIds = (): number => {
    while (knownIds.has(nextId)) nextId--;
    return nextId--;
  };
  if ('items' in size) return { [list]: Array.from({ length: size.items }, (_, i) => element(action, i + 1, freeIds)) };
  const only = element(action, 1, freeIds);
  const padded = (padding: string): Record<string, unknown> => ({ customData: { vendorId: 'ocpp-audit', padding }, [list]: [only] });
  const base = payloadBytes(padded(''));
  return padded('x'.repeat(Math.max(0, size.bytes - base)));
}

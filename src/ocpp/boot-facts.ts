/** What a BootNotification says about the station, whatever the version spells it. */
export interface BootFacts {
  vendorName?: string;
  model?: string;
  serialNumber?: string;
  firmwareVersion?: string;
  /** 2.x only: PowerUp, RemoteReset, Triggered, … (1.6 gives no reason). */
  reason?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function pick(values: Record<keyof BootFacts, unknown>): BootFacts {
  const facts: BootFacts = {};
  for (const [key, value] of Object.entries(values) as Array<[keyof BootFacts, unknown]>) {
    const read = text(value);
    if (read !== undefined) facts[key] = read;
  }
  return facts;
}

/** 2.0.1 and 2.1: `chargingStation {vendorName, model, serialNumber, firmwareVersion}` and `reason`. */
export function bootFacts2x(payload: Record<string, unknown>): BootFacts {
  const station = (payload['chargingStation'] ?? {}) as Record<string, unknown>;
  return pick({ vendorName: station['vendorName'], model: station['model'], serialNumber: station['serialNumber'], firmwareVersion: station['firmwareVersion'], reason: payload['reason'] });
}

/**
 * 1.6: flat `chargePointVendor`, `chargePointModel`, `chargePointSerialNumber` (or the deprecated
 * `chargeBoxSerialNumber`), `firmwareVersion`; no reason.
 */
export function bootFacts16(payload: Record<string, unknown>): BootFacts {
  return pick({
    vendorName: payload['chargePointVendor'],
    model: payload['chargePointModel'],
    serialNumber: payload['chargePointSerialNumber'] ?? payload['chargeBoxSerialNumber'],
    firmwareVersion: payload['firmwareVersion'],
    reason: undefined,
  });
}

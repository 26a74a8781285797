import type { CollectedMessage, Evidence } from '../evidence/evidence.js';
import { BOOT_NOTIFICATION_LIMITS } from '../ocpp/ocpp16-messages.js';
import { resultOf, type Check, type CheckResult } from './check.js';

/** A field's text, or undefined when absent or blank (a blank vendor names nobody). */
const text = (payload: Record<string, unknown>, field: string): string | undefined => {
  const value = payload[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/**
 * What the station says of itself at boot, from the BootNotifications of the session (1.6 §4.2,
 * §6.3): vendor and model (required), a serial number and the firmware version (optional in 1.6,
 * but without them an owner cannot tell units or firmware apart, so their absence is a WARN), each
 * within its length; and the same vendor and model at every boot. chargeBoxSerialNumber is
 * deprecated but still a serial number.
 */
export const ocpp16BootNotification: Check = {
  id: 'ocpp16-boot-notification',
  title: 'BootNotification names vendor, model, serial number and firmware, within their limits',
  refs: ['OCPP 1.6 §4.2', 'OCPP 1.6 §6.3'],
  category: 'protocol',
  versions: ['1.6'],
  evaluate(evidence: Evidence): CheckResult {
    const boots = evidence.boots ?? [];
    const last = boots.at(-1);
    if (!last) return resultOf(this, 'INCONCLUSIVE', 'No BootNotification came in this session (the station was taken as it was, already booted), so what it says of itself at boot is unknown.');
    const payload = last.payload;
    const seqs = boots.map((boot) => boot.seq);
    const details = { vendor: text(payload, 'chargePointVendor') ?? null, model: text(payload, 'chargePointModel') ?? null, serialNumber: serialOf(payload) ?? null, firmwareVersion: text(payload, 'firmwareVersion') ?? null, boots: boots.length };

    const failures: string[] = [];
    const missing = ['chargePointVendor', 'chargePointModel'].filter((field) => text(payload, field) === undefined);
    if (missing.length > 0) failures.push(`it leaves out ${missing.join(' and ')}, which 1.6 requires`);
    const long = Object.entries(BOOT_NOTIFICATION_LIMITS).flatMap(([field, limit]) => {
      const value = payload[field];
      return typeof value === 'string' && value.length > limit ? [`${field} is ${value.length} characters, over its ${limit}`] : [];
    });
    if (long.length > 0) failures.push(long.join('; '));
    if (failures.length > 0) return resultOf(this, 'FAIL', `The BootNotification is not what 1.6 asks for: ${failures.join('; ')}.`, seqs, details);

    const warnings: string[] = [];
    if (serialOf(payload) === undefined) warnings.push('no serial number (chargePointSerialNumber), so an owner cannot tell this unit from others of its model');
    if (text(payload, 'firmwareVersion') === undefined) warnings.push('no firmwareVersion, so an owner cannot tell which firmware was audited');
    const changed = changedIdentity(boots);
    if (changed) warnings.push(changed);
    const who = `${details.vendor ?? ''} ${details.model ?? ''}`.trim();
    if (warnings.length > 0) return resultOf(this, 'WARN', `The station boots as ${who}, but gives ${warnings.join('; ')}.`, seqs, details);
    const deprecated = text(payload, 'chargePointSerialNumber') === undefined ? ' (in chargeBoxSerialNumber, which 1.6 deprecates)' : '';
    return resultOf(this, 'PASS', `The station boots as ${who}, serial number ${details.serialNumber ?? ''}${deprecated}, firmware ${details.firmwareVersion ?? ''}, every field within its limit.`, seqs, details);
  },
};

function serialOf(payload: Record<string, unknown>): string | undefined {
  return text(payload, 'chargePointSerialNumber') ?? text(payload, 'chargeBoxSerialNumber');
}

/** A station that boots under another vendor or model within one session is not one station to an owner. */
function changedIdentity(boots: readonly CollectedMessage[]): string | undefined {
  const names = [...new Set(boots.map((boot) => `${text(boot.payload, 'chargePointVendor') ?? '?'} ${text(boot.payload, 'chargePointModel') ?? '?'}`))];
  return names.length > 1 ? `a different vendor or model at its ${boots.length} boots (${names.join('; ')})` : undefined;
}

import { FLOOD } from './flood-config.js';

/**
 * The frames the flooding station sends, as OCPP-J text, built before any timing starts: a
 * BootNotification, then one paged NotifyReport (one requestId, seqNo 0..N-1, tbc true except on
 * the last part). Each part carries 100 report items that are schema-valid for both CSMSs and
 * unique across the whole flood (component instance = part, variable instance = item).
 */
export function bootNotificationFrame(): string {
  return JSON.stringify([2, 'boot', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'FloodStation', vendorName: 'ocpp-audit-bench' } }]);
}

export function notifyReportFrames(): string[] {
  const generatedAt = new Date().toISOString();
  const frames: string[] = [];
  for (let part = 0; part < FLOOD.frames; part++) {
    const reportData = Array.from({ length: FLOOD.entriesPerFrame }, (_, item) => ({
      component: { name: 'PowerModule', instance: `M${part}` },
      variable: { name: 'Reading', instance: `R${item}` },
      variableAttribute: [{ type: 'Actual', value: ((part * FLOOD.entriesPerFrame + item) / 10).toFixed(1) }],
      variableCharacteristics: { dataType: 'decimal', supportsMonitoring: true },
    }));
    const payload = { requestId: FLOOD.requestId, generatedAt, tbc: part < FLOOD.frames - 1, seqNo: part, reportData };
    // Message ids are unique over the flood (and differ from the boot's).
    frames.push(JSON.stringify([2, `nr-${part}`, 'NotifyReport', payload]));
  }
  return frames;
}

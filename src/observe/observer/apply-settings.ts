import { asArray, asRecord, asString } from '../../evidence/payload-read.js';
import { describeFailure } from '../../ocpp/call-outcome.js';
import type { StationSession } from '../../session/station-session.js';
import type { MonitoringPlan } from '../plan/monitoring-plan.js';
import type { PlanOutcome } from '../plan/plan-outcome.js';
import type { HeldSetting } from './observer-state.js';
import type { CycleReason } from './plan-reconcile.js';

/** A setting of the plan: where it lives in the device model, and its value as the station writes it. */
export interface PlannedSetting {
  component: string;
  variable: string;
  value: string;
  /** How it is set: SetMonitoringLevel (N05) or SetVariables (B05). */
  via: 'SetMonitoringLevel' | 'SetVariables';
  /** Whether the station's inventory lists the variable (so it can be read back to verify). */
  reported: boolean;
}

/** The plan's settings, placed on the station's inventory. */
export function plannedSettings(settings: MonitoringPlan['settings'], reported: (component: string, variable: string) => boolean): PlannedSetting[] {
  const list: PlannedSetting[] = [];
  const add = (component: string, variable: string, value: string, via: PlannedSetting['via']): void => {
    list.push({ component, variable, value, via, reported: reported(component, variable) });
  };
  if (settings.activeMonitoringLevel !== undefined) add('MonitoringCtrlr', 'ActiveMonitoringLevel', String(settings.activeMonitoringLevel), 'SetMonitoringLevel');
  if (settings.offlineQueuingSeverity !== undefined) add('MonitoringCtrlr', 'OfflineQueuingSeverity', String(settings.offlineQueuingSeverity), 'SetVariables');
  if (settings.queueAllMessages !== undefined) add('OCPPCommCtrlr', 'QueueAllMessages', String(settings.queueAllMessages), 'SetVariables');
  return list;
}

export interface SettingsCycleContext {
  session: StationSession;
  settings: readonly PlannedSetting[];
  held: ReadonlyMap<string, HeldSetting>;
  record: (setting: PlannedSetting, outcome: PlanOutcome, detail: string) => void;
}

/** The observer's name for a setting. */
export function settingKey(setting: Pick<PlannedSetting, 'component' | 'variable'>): string {
  return `${setting.component}.${setting.variable}`;
}

const HELD: ReadonlySet<PlanOutcome> = new Set(['accepted', 'reapplied']);

/**
 * One look at the plan's settings: read them (GetVariables), record a held one that changed (lost
 * after a boot, drifted otherwise), set what differs, and read back to verify. A variable the
 * station does not report is still set where a message of its own exists (SetMonitoringLevel),
 * and then stays `unverified`; a SetVariables for an unreported one is the station's to refuse.
 */
export async function settingsCycle(context: SettingsCycleContext, reason: CycleReason): Promise<void> {
  const { session } = context;
  const before = await readSettings(session, context.settings);
  for (const setting of context.settings) {
    const held = context.held.get(settingKey(setting));
    if (setting.via === 'SetVariables' && !setting.reported) {
      // Like a monitor the device model has no place for: not asked for (a station is not probed for what it says it lacks).
      if (held?.outcome !== 'absent') context.record(setting, 'absent', `the station does not report ${settingKey(setting)}`);
      continue;
    }
    const now = before.values.get(settingKey(setting));
    if (now === setting.value) {
      if (!held || !HELD.has(held.outcome)) context.record(setting, 'accepted', `reads ${now} as planned`);
      continue;
    }
    let wasLost = false;
    if (held && HELD.has(held.outcome) && now !== undefined) {
      wasLost = true;
      const when = reason === 'boot' ? 'after the station rebooted' : reason === 'reconnect' ? 'after the station reconnected without rebooting' : 'while the station stayed connected';
      context.record(setting, reason === 'boot' ? 'lost' : 'drifted', `reads ${now} instead of ${setting.value} ${when}`);
    } else if (held && HELD.has(held.outcome)) {
      continue;
    } else if (held && reason === 'check') {
      continue;
    }
    const answer = await setOne(session, setting);
    if (answer.outcome !== 'accepted') {
      context.record(setting, answer.outcome, answer.detail);
      continue;
    }
    if (!setting.reported) {
      context.record(setting, 'unverified', `${answer.detail}; the station does not report ${settingKey(setting)}, so it cannot be read back`);
      continue;
    }
    const after = await readSettings(session, [setting]);
    const read = after.values.get(settingKey(setting));
    if (read === setting.value) context.record(setting, wasLost ? 'reapplied' : 'accepted', `${answer.detail}; reads ${read}`);
    else if (read === undefined) context.record(setting, 'unverified', `${answer.detail}; it could not be read back (${after.why ?? 'no value'})`);
    else context.record(setting, 'missing', `${answer.detail}, yet it still reads ${read}`);
  }
}

async function setOne(session: StationSession, setting: PlannedSetting): Promise<{ outcome: PlanOutcome; detail: string }> {
  if (setting.via === 'SetMonitoringLevel') {
    const outcome = await session.call('SetMonitoringLevel', { severity: Number(setting.value) });
    if (!outcome.ok) return { outcome: 'error', detail: `SetMonitoringLevel: ${describeFailure(outcome.failure)}` };
    const status = asString(outcome.payload['status']) ?? '?';
    return status === 'Accepted' ? { outcome: 'accepted', detail: 'SetMonitoringLevel answered Accepted' } : { outcome: 'refused', detail: `SetMonitoringLevel answered ${status}` };
  }
  const outcome = await session.call('SetVariables', { setVariableData: [{ attributeValue: setting.value, component: { name: setting.component }, variable: { name: setting.variable } }] });
  if (!outcome.ok) return { outcome: 'error', detail: `SetVariables: ${describeFailure(outcome.failure)}` };
  const result = asRecord(asArray(outcome.payload['setVariableResult'])[0]);
  const status = asString(result?.['attributeStatus']) ?? '?';
  const reasonCode = asString(asRecord(result?.['attributeStatusInfo'])?.['reasonCode']);
  if (status === 'Accepted') return { outcome: 'accepted', detail: 'SetVariables answered Accepted' };
  // B05: RebootRequired means the value is taken and applies after the next boot; the next boot's cycle verifies it.
  if (status === 'RebootRequired') return { outcome: 'unverified', detail: 'SetVariables answered RebootRequired: it applies after the next reboot' };
  return { outcome: 'refused', detail: `SetVariables answered ${status}${reasonCode ? ` (${reasonCode})` : ''}` };
}

/** The Actual values of the reported settings (GetVariables, one call), or why not. */
async function readSettings(session: StationSession, settings: readonly PlannedSetting[]): Promise<{ values: Map<string, string>; why?: string }> {
  const values = new Map<string, string>();
  const reported = settings.filter((s) => s.reported);
  if (reported.length === 0) return { values };
  const outcome = await session.call('GetVariables', { getVariableData: reported.map((s) => ({ component: { name: s.component }, variable: { name: s.variable } })) });
  if (!outcome.ok) return { values, why: `GetVariables: ${describeFailure(outcome.failure)}` };
  for (const raw of asArray(outcome.payload['getVariableResult'])) {
    const result = asRecord(raw);
    const component = asString(asRecord(result?.['component'])?.['name']);
    const variable = asString(asRecord(result?.['variable'])?.['name']);
    const value = asString(result?.['attributeValue']);
    if (result?.['attributeStatus'] !== 'Accepted' || component === undefined || variable === undefined || value === undefined) continue;
    const setting = reported.find((s) => s.component.toLowerCase() === component.toLowerCase() && s.variable.toLowerCase() === variable.toLowerCase());
    if (setting) values.set(settingKey(setting), normalise(value, setting.value));
  }
  return { values };
}

/** Booleans compare case-insensitively ("True" is true); numbers as numbers ("9.0" is 9). */
function normalise(value: string, planned: string): string {
  if (planned === 'true' || planned === 'false') return value.toLowerCase();
  if (Number.isFinite(Number(planned)) && value.trim() !== '' && Number(value) === Number(planned)) return planned;
  return value;
}

import type { Guideline } from '../../config/guideline.js';
import type { MonitoringPlan, PlanMonitor } from './monitoring-plan.js';

/** How often the default plan samples a sensor variable (Periodic monitor), s. */
export const DEFAULT_SAMPLE_INTERVAL_S = 300;
/** Samples are information, not alarms: N07's Informational. */
const SAMPLE_SEVERITY = 8;
/** Queue Critical and worse while offline (N07.FR.04), so a failure during an outage still arrives. */
const OFFLINE_QUEUING_SEVERITY = 3;

const NUMERIC = new Set(['decimal', 'integer']);
const FLAG = new Set(['boolean']);

/**
 * The default plan from a station's guideline: every monitorable numeric variable the guideline
 * lists is sampled with a Periodic monitor (a sensor series for the evidence report), every
 * boolean flag its severity categories watch gets a Delta monitor (any change is an event) at the
 * category's least urgent allowed severity, the monitoring level reports everything, and
 * Critical and worse are queued while offline. A guideline's own hard-wired monitors are not set:
 * the station has them; observe checks they are there.
 */
export function defaultPlan(guideline: Guideline, sampleIntervalS = DEFAULT_SAMPLE_INTERVAL_S): MonitoringPlan {
  const monitors: PlanMonitor[] = [];
  const seen = new Set<string>();
  const add = (monitor: PlanMonitor): void => {
    const key = `${monitor.component.name}|${monitor.component.instance ?? ''}|${monitor.variable.name}|${monitor.variable.instance ?? ''}|${monitor.type}`;
    if (seen.has(key)) return;
    seen.add(key);
    monitors.push(monitor);
  };
  for (const line of guideline.variables) {
    if (line.monitoring === undefined || !NUMERIC.has(line.dataType ?? '')) continue;
    add({
      component: { name: line.component, ...(line.componentInstance ? { instance: line.componentInstance } : {}) },
      variable: { name: line.variable, ...(line.instance && line.instance !== '*' ? { instance: line.instance } : {}) },
      type: 'Periodic',
      value: sampleIntervalS,
      severity: SAMPLE_SEVERITY,
      why: `a sample of ${line.component}.${line.variable} every ${sampleIntervalS} s: ${line.why}`,
    });
  }
  const types = new Map(guideline.variables.map((line) => [`${line.component}.${line.variable}`, line.dataType]));
  for (const category of guideline.severities) {
    for (const match of category.match) {
      if (!FLAG.has(types.get(`${match.component}.${match.variable}`) ?? '')) continue;
      add({
        component: { name: match.component },
        variable: { name: match.variable },
        type: 'Delta',
        value: 1,
        severity: category.severity.max,
        why: `${category.title}: every change of ${match.component}.${match.variable}, at severity ${category.severity.max} (the category allows ${category.severity.min}–${category.severity.max})`,
      });
    }
  }
  return { source: `guideline:${guideline.id}`, settings: { activeMonitoringLevel: 9, offlineQueuingSeverity: OFFLINE_QUEUING_SEVERITY, queueAllMessages: false }, monitors };
}

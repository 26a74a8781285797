import type { CheckResult } from '../checks/check.js';
import { NO_CONFIGURATION } from './configuration-key-checks.js';

/**
 * One cause, one finding's weight. Some failures drag others after them: a component the station
 * does not report fails every variable the guideline wants of it; monitors that never fire fail
 * every wait for their events; a FullInventory cut off leaves every requirement it did not reach
 * unknown. Each follower keeps its own verdict and reason (a reader still sees all of them), but is
 * marked `causedBy` its root and does not weigh in the score: the cause weighs once, in its root.
 * Verdicts never change here, so no station is judged differently, only counted once.
 */
export function attributeRootCauses(checks: readonly CheckResult[]): CheckResult[] {
  const causes = new Map<string, string>();
  for (const [follower, root] of [...missingComponents(checks), ...silentMonitors(checks), ...cutOffReport(checks), ...unansweredConfiguration(checks)]) {
    if (follower !== root && !causes.has(follower)) causes.set(follower, root);
  }
  return checks.map((check) => {
    const root = causes.get(check.id);
    return root === undefined ? check : { ...check, causedBy: root };
  });
}

const failed = (check: CheckResult): boolean => check.verdict === 'FAIL' || check.verdict === 'WARN';

/**
 * A component the station does not report at all (the variable lines say so, guideline-checks.ts
 * NO_COMPONENT): its guideline component line is the root of its variable lines. Without a
 * component line, the first such variable line is the root of the others. A variable missing
 * from a component that is there is a finding of its own.
 */
function* missingComponents(checks: readonly CheckResult[]): Generator<[string, string]> {
  const byComponent = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const match = /^guideline\/variables\/([^.]+)\./.exec(check.id);
    const component = match?.[1];
    if (component === undefined || !failed(check) || !check.reason.includes(' at all)')) continue;
    byComponent.set(component, [...(byComponent.get(component) ?? []), check]);
  }
  for (const [component, variables] of byComponent) {
    const line = checks.find((c) => c.id === `guideline/components/${component}` && failed(c));
    const root = line?.id ?? (variables.length > 1 ? variables[0]?.id : undefined);
    if (root === undefined) continue;
    for (const variable of variables) yield [variable.id, root];
  }
}

/** What a wait for events that never came says, in the catalogue's words. */
const NO_EVENT = /\b0 of \d+ NotifyEvent|no NotifyEvent came|Only 0 event/;

/** Monitors accepted but never firing (monitoring-support FAIL): every wait for their events that came back empty follows from it. */
function* silentMonitors(checks: readonly CheckResult[]): Generator<[string, string]> {
  const support = checks.find((c) => c.id === 'monitoring-support');
  if (support?.verdict !== 'FAIL' || !support.reason.includes('never sent a NotifyEvent')) return;
  for (const check of checks) {
    if (check.id === support.id || (check.verdict !== 'FAIL' && check.verdict !== 'INCONCLUSIVE')) continue;
    if (NO_EVENT.test(check.reason)) yield [check.id, support.id];
  }
}

/** A FullInventory cut off: the requirements it did not reach are unknown because of it, and say so. */
function* cutOffReport(checks: readonly CheckResult[]): Generator<[string, string]> {
  const report = checks.find((c) => c.id === 'inventory-full/report');
  if (report?.verdict !== 'FAIL') return;
  for (const check of checks) {
    if (check.verdict === 'INCONCLUSIVE' && check.reason.includes('judged once, by inventory-full/report')) yield [check.id, report.id];
  }
}

/** An OCPP 1.6 station that does not answer GetConfiguration: every key line it left unjudged follows from the guideline's GetConfiguration line. */
function* unansweredConfiguration(checks: readonly CheckResult[]): Generator<[string, string]> {
  const line = checks.find((c) => c.id === 'guideline/messages/GetConfiguration' && failed(c));
  if (line === undefined) return;
  for (const check of checks) {
    if (check.id !== line.id && check.verdict !== 'PASS' && check.reason.includes(NO_CONFIGURATION)) yield [check.id, line.id];
  }
}

import type { Evidence } from '../evidence/evidence.js';
import { type Check, type CheckResult, resultOf } from './check.js';

/**
 * No more streams open than MonitoringCtrlr.MaxPeriodicEventStreams says the station supports
 * (appendix v2.0). The `event-streams-max` case asks for one more, each monitor with a stream
 * (N11.FR.01). The spec names no answer for the one too many; a station may refuse that monitor
 * or take it without a stream, reporting it with NotifyEvent as after a stream it could not open
 * (N11 error handling): both pass. Opening it fails.
 */
export const eventStreamsWithinMax: Check = {
  id: 'event-streams-within-max',
  title: 'No more periodic event streams open than MonitoringCtrlr.MaxPeriodicEventStreams',
  refs: ['N11', 'N11.FR.01', 'Part 2 Appendices: MonitoringCtrlr.MaxPeriodicEventStreams'],
  category: 'events',
  versions: ['2.1'],
  evaluate(evidence: Evidence): CheckResult {
    const found = evidence.cases.find((c) => c.id === 'event-streams-max');
    if (found === undefined) return resultOf(this, 'NOT APPLICABLE', 'The audit did not run the event-streams-max case.');
    if (found.status === 'not-applicable') return resultOf(this, 'NOT APPLICABLE', `The event-streams-max case did not apply: ${found.reason ?? 'no reason given'}.`);
    const probe = found.captures['probe'];
    const step = found.steps.find((s) => s.id === 'probe');
    if (probe?.kind !== 'call') {
      if (step?.status === 'ok') return resultOf(this, 'NOT APPLICABLE', `Nothing to probe: ${step.detail}.`);
      return resultOf(this, 'INCONCLUSIVE', `The probe could not run: ${step?.detail ?? found.reason ?? 'no record of it'}.`);
    }
    const facts = probe.streamLimitProbe;
    if (!probe.ok || facts === undefined) {
      const unsupported = probe.failure?.errorCode === 'NotSupported' || probe.failure?.errorCode === 'NotImplemented';
      return resultOf(this, unsupported ? 'NOT APPLICABLE' : 'INCONCLUSIVE', `SetVariableMonitoring of the monitors with streams got no answer to judge (${probe.failure?.errorCode ?? probe.failure?.kind ?? 'none'}: ${probe.failure?.description ?? ''}).`, probe.seqs);
    }
    const { maxPeriodicEventStreams: max, monitors, accepted, opened } = facts;
    const details = { maxPeriodicEventStreams: max, monitorsAsked: monitors, monitorsAccepted: accepted.length, streamsOpened: opened.length, windowS: facts.windowMs / 1000 };
    if (opened.length > max) {
      return resultOf(this, 'FAIL', `The station says it supports ${max} periodic event stream(s) (MonitoringCtrlr.MaxPeriodicEventStreams) but opened ${opened.length} for the ${monitors} monitors asking for one.`, probe.seqs, details);
    }
    const rest = monitors - opened.length;
    const how = accepted.length === monitors ? `took ${opened.length === 0 ? 'all' : 'the other'} ${rest} monitor(s) without a stream` : `refused ${monitors - accepted.length} monitor(s)${accepted.length > opened.length ? ` and took ${accepted.length - opened.length} without a stream` : ''}`;
    const fewer = opened.length < max ? `; it opened fewer than its maximum (streams of its own may be open)` : '';
    return resultOf(this, 'PASS', `Asked for ${monitors} streams with MonitoringCtrlr.MaxPeriodicEventStreams ${max}, the station opened ${opened.length} and ${how}${fewer}.`, probe.seqs, details);
  },
};

import { expect } from 'chai';
import type { AuditOutcome } from '../../../src/audit/audit-station.js';
import { loadTestCases } from '../../../src/scenario/testcase-loader.js';
import { EVENT_FLOOD_PER_S } from '../../../src/simulator/station/event-flood.js';
import { FLOOD_FAIL_EVENTS_PER_S } from '../../../src/checks/event-rate.js';
import { useAuditBed } from '../../helpers/audit-fixture.js';

function verdictsOf(outcome: AuditOutcome): Map<string, string> {
  return new Map(outcome.result.checks.map((check) => [check.id, check.verdict]));
}

/** NotifyEvents of ChargingStation.Problem in the evidence: the flood's own messages. */
function floodEvents(outcome: AuditOutcome): number {
  return outcome.evidence.notifyEvents.filter((message) => {
    const items = (message.payload['eventData'] ?? []) as Array<{ component?: { name?: string }; variable?: { name?: string } }>;
    return items.some((item) => item.component?.name === 'ChargingStation' && item.variable?.name === 'Problem');
  }).length;
}

describe('audit: a station that floods NotifyEvent (field notes: floods that error-loop backends)', function () {
  this.timeout(120_000);
  const audit = useAuditBed();

  it('the audit finishes, event-rate FAILs (or WARNs) naming the flooding component, and every verdict but the two about the station\'s own events is the one it earns without the flood', async () => {
    const cases = loadTestCases(['inventory-full', 'monitoring-preflight', 'events-threshold', 'monitoring-level']);
    const quiet = await audit('AUDIT-FLOOD-QUIET', cases);
    const flooded = await audit('AUDIT-FLOOD', cases, { faults: ['event-flood'] });

    expect(flooded.evidence.finishedAt).to.be.a('string');
    expect(flooded.evidence.cases).to.have.length(cases.length);
    // The flood really ran: at least a quarter of its nominal rate over the audit, on a loaded machine.
    const seconds = (Date.parse(flooded.evidence.finishedAt ?? '') - Date.parse(flooded.evidence.startedAt)) / 1000;
    expect(floodEvents(flooded)).to.be.greaterThan(seconds * EVENT_FLOOD_PER_S * 0.25);
    expect(floodEvents(quiet)).to.equal(0);

    const rate = flooded.result.checks.find((check) => check.id === 'event-rate');
    // 10/s or more over the audit is a FAIL; a loaded machine may slow the flood below that (WARN).
    const perSecond = (rate?.details?.['table'] as Array<{ perSecond: number }> | undefined)?.[0]?.perSecond ?? 0;
    expect(rate?.verdict).to.equal(perSecond >= FLOOD_FAIL_EVENTS_PER_S ? 'FAIL' : 'WARN');
    expect(rate?.reason).to.match(/ChargingStation: \d+ events/);
    expect(verdictsOf(quiet).get('event-rate')).to.equal('PASS');

    // Information, not a verdict on the station: the flood's notifications are the events it raised by itself.
    const preset = flooded.result.checks.find((check) => check.id === 'preset-monitor-events');
    expect(preset?.reason).to.match(/HardWiredNotification, .*most on ChargingStation\.Problem/);

    // The flood must not hide, delay past a window or imitate the events the cases provoke.
    const quietVerdicts = verdictsOf(quiet);
    const judgedByFlood = new Set(['event-rate', 'preset-monitor-events']);
    const changed = [...verdictsOf(flooded)]
      .filter(([id, verdict]) => !judgedByFlood.has(id) && quietVerdicts.get(id) !== verdict)
      .map(([id, verdict]) => `${id}: ${quietVerdicts.get(id)} → ${verdict}`);
    expect(changed).to.deep.equal([]);
    expect(flooded.result.checks.length).to.equal(quiet.result.checks.length);
  });
});

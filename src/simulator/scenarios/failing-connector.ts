import { HOUR_MS, MINUTE_MS, profileHas, type Scenario, seededFraction } from './scenario.js';

/** The connector that fails: the first one of EVSE 1. */
const CONNECTOR = { name: 'Connector', evse: { id: 1, connectorId: 1 } };
/** ChargeX CX023 ProximityFault: the proximity contact of a worn connector reads out of range. */
export const CONNECTOR_FAULT = { techCode: 'CX023', techInfo: 'proximity signal out of range: connector contact worn' };
/** Glitches before the connector fails for good. */
export const GLITCHES = 3;

/**
 * When the connector glitches and when it fails, in station time after the start. Pure: the first
 * glitch 1–2 h in, then one every 20–40 min, each lasting 1–3 min; the failure 30 min after the last.
 */
export function connectorTimeline(seed: number): { glitches: Array<{ fromMs: number; toMs: number }>; failsAtMs: number } {
  const glitches: Array<{ fromMs: number; toMs: number }> = [];
  let at = HOUR_MS * (1 + seededFraction(seed, 'connector-first'));
  for (let i = 0; i < GLITCHES; i++) {
    const length = MINUTE_MS * (1 + 2 * seededFraction(seed, `connector-glitch-${i}`));
    glitches.push({ fromMs: at, toMs: at + length });
    at += length + MINUTE_MS * (20 + 20 * seededFraction(seed, `connector-gap-${i}`));
  }
  return { glitches, failsAtMs: glitches.at(-1)!.toMs + 30 * MINUTE_MS };
}

/**
 * `failing-connector`: a worn connector. Connector 1/1's Problem flag comes and goes a few times
 * (each raise a HardWiredNotification with ChargeX CX023, cleared when it goes), then it stays
 * raised and the connector reports Faulted (AvailabilityState and StatusNotification): the
 * pattern an evidence report should show leading up to the failure.
 */
export const failingConnector: Scenario = {
  description: 'connector 1/1 glitches 3 times from 1–2 h after the start (Problem with ChargeX CX023, cleared again), then stays Problem and reports Faulted',
  unfit: (profile) => (profileHas(profile, 'Connector', 'Problem') && profileHas(profile, 'Connector', 'AvailabilityState') ? undefined : `profile ${profile.id} has no Connector.Problem and AvailabilityState to fail`),
  attach: ({ station, monitoring, seed, startedAt }) => {
    const { glitches, failsAtMs } = connectorTimeline(seed);
    const at = (elapsedMs: number, step: () => void): void => {
      station.clock.setTimeout(step, Math.max(0, startedAt + elapsedMs - station.clock.now()));
    };
    const problem = (raised: boolean): void => {
      monitoring?.faultCodes.set(CONNECTOR, { name: 'Problem' }, CONNECTOR_FAULT);
      station.model.setByStation(CONNECTOR, { name: 'Problem' }, String(raised));
    };
    for (const glitch of glitches) {
      at(glitch.fromMs, () => problem(true));
      at(glitch.toMs, () => problem(false));
    }
    at(failsAtMs, () => {
      problem(true);
      station.model.setByStation(CONNECTOR, { name: 'AvailabilityState' }, 'Faulted');
      station.context.log('scenario failing-connector: connector 1/1 Faulted');
      void station.reportStatus(CONNECTOR.evse.id, CONNECTOR.evse.connectorId);
    });
  },
};

import { protocolConformance } from './protocol-conformance.js';
import type { Check } from './check.js';

/**
 * protocol-conformance for an OCPP 1.6 station: the same judgement of the session's protocol
 * findings (framing, the connection's schemas, unknown error codes, the boot gate), with 1.6's
 * title and references. The findings are already per version: on a 1.6 connection the frames are
 * validated against the 1.6 schemas, and the 1.6 spellings FormationViolation and
 * OccurenceConstraintViolation are its own codes, never a finding (OCPP-J 1.6 errata §5.1, §5.2).
 * Same id, so the scoring and the must-haves read it as the one protocol-conformance verdict.
 */
export const ocpp16ProtocolConformance: Check = {
  ...protocolConformance,
  title: "The station's frames follow OCPP-J 1.6 and the OCPP 1.6 schemas",
  refs: ['OCPP-J 1.6 §4', 'OCPP-J 1.6 errata §5.1', 'OCPP-J 1.6 errata §5.2', 'OCPP 1.6 §4.2', 'OCPP-J 1.6 errata §3.10'],
  versions: ['1.6'],
};

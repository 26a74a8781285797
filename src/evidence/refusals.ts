import { CSMS_INITIATED_ACTIONS } from '../ocpp/actions.js';
import type { CallCapture, Evidence } from './evidence.js';

/**
 * How a station refuses what it does not do, read from its CALLERRORs. OCPP-J (Part 4, RPC
 * framework) gives NotImplemented to an action the receiver does not know and NotSupported to a
 * known action it does not support. Every action the audit sends is an OCPP 2.0.1 action, so a
 * 2.0.1 station knows them all: NotImplemented from it means "not supported" with the wrong code
 * (SAP's simulator, MicroOcpp, mobilityhouse/ocpp in the field notes). Checks read both codes as
 * "not supported" through this view, and error-code-semantics reports the misnaming once.
 */
export interface Refusal {
  action: string;
  errorCode: 'NotSupported' | 'NotImplemented';
  /** NotImplemented for an action OCPP 2.0.1 defines: the station's word for "not supported". */
  misnamed: boolean;
  seqs: number[];
}

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(CSMS_INITIATED_ACTIONS);

/** The refusal a call got, if it was refused as not implemented or not supported. */
export function refusalOf(capture: CallCapture): Refusal | undefined {
  const code = capture.failure?.kind === 'call-error' ? capture.failure.errorCode : undefined;
  if (code !== 'NotSupported' && code !== 'NotImplemented') return undefined;
  return { action: capture.action, errorCode: code, misnamed: code === 'NotImplemented' && KNOWN_ACTIONS.has(capture.action), seqs: [...capture.seqs] };
}

/** Every refusal of the audit's calls, in case order. */
export function refusals(evidence: Evidence): Refusal[] {
  return evidence.cases.flatMap((testCase) => Object.values(testCase.captures).flatMap((capture) => (capture.kind === 'call' ? (refusalOf(capture) ?? []) : [])));
}

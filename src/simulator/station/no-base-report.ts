import { OcppCallError } from '../../ocpp/error-codes.js';
import type { StationHandler } from './station-context.js';

/**
 * The `no-base-report` behaviour (field notes: ocpp-go's example station): GetBaseReport and
 * GetReport are answered CALLERROR NotSupported, so the station never reports its device model.
 * OCPP-J's NotSupported means "the action is known but not supported"; GetBaseReport is required
 * of every station (Part 1 §4.6), so an audit must still give definite verdicts about it.
 */
export function noBaseReportHandlers(): Record<string, StationHandler> {
  const refuse = (action: string): StationHandler => () => {
    throw new OcppCallError('NotSupported', `${action} is not supported`);
  };
  return { GetBaseReport: refuse('GetBaseReport'), GetReport: refuse('GetReport') };
}

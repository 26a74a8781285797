import { ToolError } from '../../errors.js';
import type { VirtualStationOptions } from '../station/virtual-station.js';
import { attachBehaviours } from './behaviours.js';
import { configurationHandlers } from './configuration-handlers.js';
import { coreHandlers } from './core-handlers.js';
import { diagnosticsHandlers } from './diagnostics-handlers.js';
import { UploadState } from './file-uploads.js';
import { firmwareHandlers } from './firmware-handlers.js';
import { logHandlers } from './log-handlers.js';
import { Ocpp16Station } from './station16.js';
import { triggerHandlers } from './trigger-handlers.js';

/** The 1.6 fault stories that each play on connector 1 after boot: one at a time. */
const CONNECTOR_STORIES = ['chargex-fault-codes', 'error-never-cleared', 'unknown-vendor-error-code'] as const;

/**
 * Builds the OCPP 1.6 virtual station, plugs in its handlers (Core, FirmwareManagement,
 * RemoteTrigger, the security white paper's GetLog and ExtendedTriggerMessage) and its named
 * behaviours, and starts it. It keeps reconnecting on its own until `stop()`.
 */
export async function startOcpp16Station(options: VirtualStationOptions): Promise<Ocpp16Station> {
  checkOcpp16Options(options);
  const station = new Ocpp16Station(options);
  const { context, controls } = station;
  const uploads = new UploadState();
  station.addHandlers({
    ...coreHandlers(context, controls),
    ...configurationHandlers(context),
    ...triggerHandlers(context, controls, uploads),
    ...diagnosticsHandlers(context, uploads),
    ...firmwareHandlers(context, uploads),
    ...logHandlers(context, uploads),
  });
  attachBehaviours(station);
  await station.start();
  return station;
}

/** Refuses what a 1.6 station cannot be: a profile identity longer than 1.6 allows, 2.x scenarios, two fault stories at once. */
export function checkOcpp16Options(options: VirtualStationOptions): void {
  const { vendorName, model } = options.profile.chargingStation;
  // BootNotification.req (1.6 §6.3): chargePointVendor and chargePointModel are CiString20.
  if (vendorName.length > 20) throw new ToolError('ERR_INVALID_OPTION', `--ocpp-version 1.6: profile ${options.profile.id}'s vendorName "${vendorName}" is longer than the 20 characters of chargePointVendor`);
  if (model.length > 20) throw new ToolError('ERR_INVALID_OPTION', `--ocpp-version 1.6: profile ${options.profile.id}'s model "${model}" is longer than the 20 characters of chargePointModel`);
  if ((options.scenarios ?? []).length > 0) throw new ToolError('ERR_INVALID_OPTION', '--scenario: the scenarios play on a 2.x device model; the OCPP 1.6 station has none');
  const stories = CONNECTOR_STORIES.filter((name) => options.faults?.includes(name));
  if (stories.length > 1) throw new ToolError('ERR_INVALID_OPTION', `--fault ${stories.join(', ')}: each plays its own fault story on connector 1; choose one`);
}

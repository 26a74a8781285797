import { OcppCallError } from '../../ocpp/error-codes.js';
import { CHARGEX_FAULTS, raiseConnectorFaults, VENDOR_ERROR_CODE } from './chargex-faults.js';
import { SECURITY_KEYS } from './configuration-keys.js';
import type { Station16Handler } from './context.js';
import type { Ocpp16Station } from './station16.js';

/** Required Core keys (1.6 §9.1) the `missing-required-keys` firmware lacks. */
export const MISSING_REQUIRED_KEYS = ['ConnectorPhaseRotation', 'MeterValuesAlignedData', 'ResetRetries'];
/** The Central System requests of the security white paper: unknown to firmware without it. */
const SECURITY_ACTIONS = ['CertificateSigned', 'DeleteCertificate', 'ExtendedTriggerMessage', 'GetInstalledCertificateIds', 'GetLog', 'InstallCertificate', 'SignedUpdateFirmware'];

/**
 * Attaches the station's named behaviours (OCPP16_FAULTS), each as a small change made once at
 * start: a handler replaced or wrapped, keys removed, a fault story played. The handlers
 * themselves know nothing of faults.
 */
export function attachBehaviours(station: Ocpp16Station): void {
  const { faults, configuration } = station;
  if (faults.has('chargex-fault-codes')) raiseConnectorFaults(station, CHARGEX_FAULTS, { clear: true });
  if (faults.has('error-never-cleared')) raiseConnectorFaults(station, CHARGEX_FAULTS.slice(0, 1), { clear: false });
  if (faults.has('unknown-vendor-error-code')) {
    raiseConnectorFaults(station, [{ errorCode: 'OtherError', vendorErrorCode: VENDOR_ERROR_CODE, info: 'power module fault' }], { clear: true });
  }
  if (faults.has('readonly-change-accepted')) {
    const inner = required(station, 'ChangeConfiguration');
    station.addHandlers({
      ChangeConfiguration: (payload, afterReply) => {
        const key = payload['key'] as string;
        if (!configuration.reportKey(key)?.readonly) return inner(payload, afterReply);
        configuration.setByStation(key, payload['value'] as string);
        return { status: 'Accepted' };
      },
    });
  }
  if (faults.has('missing-required-keys')) for (const key of MISSING_REQUIRED_KEYS) configuration.remove(key);
  if (faults.has('feature-profiles-lie')) station.addHandlers({ TriggerMessage: () => ({ status: 'NotImplemented' }) });
  if (faults.has('diagnostics-never-upload')) {
    const inner = required(station, 'GetDiagnostics');
    // The answer of the real handler, whose upload is never started.
    station.addHandlers({ GetDiagnostics: (payload) => inner(payload, () => undefined) });
  }
  if (faults.has('no-security-extensions')) {
    for (const key of SECURITY_KEYS) configuration.remove(key);
    station.security.stopDelivering();
    station.addHandlers(
      Object.fromEntries(
        SECURITY_ACTIONS.map((action) => [
          action,
          () => {
            throw new OcppCallError('NotImplemented', `${action} is not known to this firmware`);
          },
        ]),
      ),
    );
  }
  if (faults.has('boot-without-serial')) {
    station.editBootPayload(({ chargePointSerialNumber: _serial, chargeBoxSerialNumber: _box, ...rest }) => rest);
  }
}

function required(station: Ocpp16Station, action: string): Station16Handler {
  const handler = station.handler(action);
  if (!handler) throw new Error(`no ${action} handler to wrap`);
  return handler;
}

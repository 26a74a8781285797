import type { Check } from './check.js';
import { ocpp16BootNotification } from './ocpp16-boot-notification.js';
import { ocpp16Connectors } from './ocpp16-connectors.js';
import { ocpp16DiagnosticsUpload } from './ocpp16-diagnostics-upload.js';
import { ocpp16FeatureProfiles } from './ocpp16-feature-profiles.js';
import { ocpp16LogUpload } from './ocpp16-log-upload.js';
import { ocpp16ReadonlyFlags } from './ocpp16-readonly-flags.js';
import { ocpp16RequiredKeys } from './ocpp16-required-keys.js';
import { ocpp16SecurityEvents } from './ocpp16-security-events.js';
import { ocpp16StatusErrorCodes } from './ocpp16-status-error-codes.js';

/** The checks of the OCPP 1.6 diagnostics baseline (issue 17), in report order; each declares `versions: ['1.6']`. */
export const ocpp16Checks: readonly Check[] = [
  ocpp16BootNotification,
  ocpp16RequiredKeys,
  ocpp16ReadonlyFlags,
  ocpp16Connectors,
  ocpp16FeatureProfiles,
  ocpp16StatusErrorCodes,
  ocpp16DiagnosticsUpload,
  ocpp16LogUpload,
  ocpp16SecurityEvents,
];

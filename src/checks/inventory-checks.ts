import type { Check } from './check.js';
import { characteristicsSanity } from './characteristics-sanity.js';
import { configurationInventoryWritableOnly } from './configuration-inventory-writable-only.js';
import { customReportFilters } from './custom-report-filters.js';
import { deviceModel21 } from './device-model-21.js';
import { fullInventoryRequiredVariables } from './full-inventory-required-variables.js';
import { nonStandardComponents } from './non-standard-components.js';
import { nonStandardVariables } from './non-standard-variables.js';
import { reportPaging } from './report-paging.js';
import { summaryInventory } from './summary-inventory.js';
import { topologyMatchesStatus } from './topology-matches-status.js';

/**
 * The checks over the reports (B07, B08): first whether the reports arrived intact, then what the
 * FullInventory holds, then the other two report bases and the custom reports.
 */
export const inventoryChecks: Check[] = [
  reportPaging,
  fullInventoryRequiredVariables,
  characteristicsSanity,
  topologyMatchesStatus,
  nonStandardComponents,
  nonStandardVariables,
  deviceModel21,
  configurationInventoryWritableOnly,
  summaryInventory,
  customReportFilters,
];

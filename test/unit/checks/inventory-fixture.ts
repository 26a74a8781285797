/**
 * Inventory fixtures for the inventory check tests: a FullInventory holding every TC_B_53 core
 * variable with sound values, for a given EVSE/connector layout, wrapped in evidence.
 */
import type { CollectedMessage, Evidence } from '../../../src/evidence/evidence.js';
import { REQUIRED_CORE_VARIABLES, type RequiredVariable } from '../../../src/checks/inventory/required-core-variables.js';
import { FIXTURE_TIME, deviceModelFrom, makeEvidence, makeReportCase, makeReportItem, makeStatusNotification, type ReportCaseOptions, type ReportItem } from '../../helpers/evidence-fixture.js';

/** EVSE id → connector ids. */
export type Layout = Array<[evse: number, connectors: number[]]>;

export const ONE_CONNECTOR: Layout = [[1, [1]]];
export const AVAILABILITY_STATES = 'Available,Occupied,Reserved,Unavailable,Faulted';

/** One sound item per required core variable and place. */
export function requiredItems(layout: Layout = ONE_CONNECTOR): ReportItem[] {
  return REQUIRED_CORE_VARIABLES.flatMap((row) => {
    switch (row.tier) {
      case 'station':
        return [itemFor(row)];
      case 'evse':
        return layout.map(([evse]) => itemFor(row, evse));
      case 'connector':
        return layout.flatMap(([evse, connectors]) => connectors.map((connector) => itemFor(row, evse, connector)));
    }
  });
}

function itemFor(row: RequiredVariable, evse?: number, connector?: number): ReportItem {
  const dataType = row.dataTypes[0];
  const list = ['OptionList', 'SequenceList', 'MemberList'].includes(dataType);
  const valuesList = row.variable === 'AvailabilityState' ? AVAILABILITY_STATES : list ? 'A,B' : undefined;
  const values: Record<string, string> = { integer: '10', decimal: '0', boolean: 'true', dateTime: FIXTURE_TIME, string: 'x', OptionList: 'Available', SequenceList: 'A', MemberList: 'A,B' };
  return makeReportItem(row.component, row.variable, {
    ...(evse !== undefined ? { evse } : {}),
    ...(connector !== undefined ? { connector } : {}),
    ...(row.instance !== undefined ? { variableInstance: row.instance } : {}),
    dataType,
    value: row.variable === 'AvailabilityState' ? 'Available' : values[dataType],
    mutability: row.mutability[0],
    ...(row.units ? { unit: row.units[0] } : {}),
    ...(row.maxLimitPositive ? { maxLimit: 100000 } : {}),
    ...(valuesList !== undefined ? { valuesList } : {}),
  });
}

/** StatusNotifications for every connector of a layout, seqs from 1. */
export function statusFor(layout: Layout = ONE_CONNECTOR): CollectedMessage[] {
  let seq = 1;
  return layout.flatMap(([evse, connectors]) => connectors.map((connector) => makeStatusNotification(seq++, evse, connector)));
}

export interface InventoryEvidenceOptions extends ReportCaseOptions {
  /** Fill evidence.deviceModel from the report (as the runner does); default true. */
  deviceModel?: boolean;
  evidence?: Partial<Evidence>;
}

/** Evidence with an inventory-full case carrying `items` (default: the required core items). */
export function fullInventoryEvidence(items: ReportItem[] = requiredItems(), options: InventoryEvidenceOptions = {}): Evidence {
  const { deviceModel = true, evidence = {}, ...caseOptions } = options;
  const full = makeReportCase('inventory-full', { items, ...caseOptions });
  return makeEvidence({
    cases: [full],
    ...(deviceModel ? { deviceModel: deviceModelFrom(full) } : {}),
    ...evidence,
  });
}

import type { AttributeType, ComponentRef, VariableRef } from '../device-model/types.js';
import { enforceLimits } from './message-limits.js';
import type { StationContext, StationHandler } from './station-context.js';

interface GetVariableData {
  component: ComponentRef;
  variable: VariableRef;
  attributeType?: AttributeType;
}

interface SetVariableData extends GetVariableData {
  attributeValue: string;
}

/**
 * GetVariables (B06) and SetVariables (B05): one result per element, echoing component, variable
 * and attribute type (B05.FR.01–03, B06.FR.01–03); requests over DeviceDataCtrlr's limits get a
 * CALLERROR (B06.FR.16/17).
 */
export function variableHandlers(context: StationContext, onSet: (changed: SetVariableData[]) => void): Record<string, StationHandler> {
  const { model } = context;
  const spelling = (): 'OccurrenceConstraintViolation' | 'OccurenceConstraintViolation' =>
    context.faults.has('ocpp16-error-code') ? 'OccurenceConstraintViolation' : 'OccurrenceConstraintViolation';
  return {
    GetVariables: (payload) => {
      const data = payload['getVariableData'] as GetVariableData[];
      enforceLimits(model, 'DeviceDataCtrlr', 'GetVariables', data.length, payload, spelling());
      return {
        getVariableResult: data.map(({ component, variable, attributeType }) => {
          const result = model.read(component, variable, attributeType ?? 'Actual');
          return {
            attributeStatus: result.attributeStatus,
            ...(attributeType ? { attributeType } : {}),
            // An empty value is only allowed with a status other than Accepted; long values are cut
            // to the 2500 characters of the schema (ReportingValueSize).
            ...(result.attributeValue !== undefined ? { attributeValue: result.attributeValue.slice(0, 2500) } : {}),
            ...(result.attributeStatusInfo ? { attributeStatusInfo: result.attributeStatusInfo } : {}),
            component,
            variable,
          };
        }),
      };
    },
    SetVariables: (payload) => {
      const data = payload['setVariableData'] as SetVariableData[];
      enforceLimits(model, 'DeviceDataCtrlr', 'SetVariables', data.length, payload, spelling());
      const accepted: SetVariableData[] = [];
      const results = data.map((item) => {
        const { component, variable, attributeType, attributeValue } = item;
        const result = model.write(component, variable, attributeType ?? 'Actual', attributeValue);
        if (result.attributeStatus === 'Accepted' || result.attributeStatus === 'RebootRequired') accepted.push(item);
        return {
          attributeStatus: result.attributeStatus,
          ...(attributeType ? { attributeType } : {}),
          ...(result.attributeStatusInfo ? { attributeStatusInfo: result.attributeStatusInfo } : {}),
          component,
          variable,
        };
      });
      onSet(accepted);
      return { setVariableResult: results };
    },
  };
}

import type { ClearVariableMonitoringRequest, SetVariableMonitoringRequest } from '../monitoring/messages.js';
import type { StationHandler } from './station-context.js';

interface VariableData {
  component: unknown;
  variable: unknown;
  attributeType?: string;
}

/**
 * The `accepts-everything` behaviour (field notes: the Solidstudio virtual charge point, and
 * ocpp-go for monitoring): every device-model and monitoring request is answered Accepted and
 * nothing is behind it. GetVariables gives no value, even for components that do not exist;
 * SetVariables changes nothing; a new monitor gets no id (the request's id is echoed when it
 * had one); GetMonitoringReport is followed by no report. The station has no monitoring engine,
 * so it never sends a NotifyEvent. The inventory (GetBaseReport) stays the profile's own.
 */
export function acceptsEverythingHandlers(): Record<string, StationHandler> {
  const echo = ({ component, variable, attributeType }: VariableData) => ({ attributeStatus: 'Accepted', ...(attributeType ? { attributeType } : {}), component, variable });
  return {
    GetVariables: (payload) => ({ getVariableResult: (payload['getVariableData'] as VariableData[]).map(echo) }),
    SetVariables: (payload) => ({ setVariableResult: (payload['setVariableData'] as VariableData[]).map(echo) }),
    SetVariableMonitoring: (payload) => ({
      setMonitoringResult: (payload as unknown as SetVariableMonitoringRequest).setMonitoringData.map(({ id, type, severity, component, variable }) => ({
        ...(id !== undefined ? { id } : {}),
        status: 'Accepted',
        type,
        severity,
        component,
        variable,
      })),
    }),
    ClearVariableMonitoring: (payload) => ({ clearMonitoringResult: (payload as unknown as ClearVariableMonitoringRequest).id.map((id) => ({ id, status: 'Accepted' })) }),
    SetMonitoringBase: () => ({ status: 'Accepted' }),
    SetMonitoringLevel: () => ({ status: 'Accepted' }),
    GetMonitoringReport: () => ({ status: 'Accepted' }),
  };
}

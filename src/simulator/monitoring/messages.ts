/**
 * The OCPP 2.0.1 payloads of the monitoring functional block (N02–N08), as far as the virtual
 * station reads or writes them. Field names and enums follow the OCA 2.0.1 JSON schemas
 * (SetVariableMonitoring, ClearVariableMonitoring, SetMonitoringBase, SetMonitoringLevel,
 * GetMonitoringReport, NotifyMonitoringReport, NotifyEvent); the unit tests validate every
 * produced payload against those schemas.
 */
import type { ComponentRef, StatusInfo, VariableRef } from '../device-model/types.js';
import type { MonitorType } from '../station-profile.js';

/** One element of SetVariableMonitoringRequest.setMonitoringData (N04). */
export interface SetMonitoringData {
  /** Only to replace an existing monitor (N04.FR.12); the station assigns ids for new ones. */
  id?: number;
  transaction?: boolean;
  value: number;
  type: MonitorType;
  severity: number;
  component: ComponentRef;
  variable: VariableRef;
}

export interface SetVariableMonitoringRequest {
  setMonitoringData: SetMonitoringData[];
}

export type SetMonitoringStatus = 'Accepted' | 'UnknownComponent' | 'UnknownVariable' | 'UnsupportedMonitorType' | 'Rejected' | 'Duplicate';

export interface SetMonitoringResult {
  /** Present only when Accepted. */
  id?: number;
  status: SetMonitoringStatus;
  statusInfo?: StatusInfo;
  type: MonitorType;
  severity: number;
  component: ComponentRef;
  variable: VariableRef;
}

export interface SetVariableMonitoringResponse {
  setMonitoringResult: SetMonitoringResult[];
}

export interface ClearVariableMonitoringRequest {
  id: number[];
}

export type ClearMonitoringStatus = 'Accepted' | 'Rejected' | 'NotFound';

export interface ClearMonitoringResult {
  id: number;
  status: ClearMonitoringStatus;
  statusInfo?: StatusInfo;
}

export interface ClearVariableMonitoringResponse {
  clearMonitoringResult: ClearMonitoringResult[];
}

/** SetMonitoringBaseRequest.monitoringBase (note the capital W of HardWiredOnly). */
export type MonitoringBase = 'All' | 'FactoryDefault' | 'HardWiredOnly';

export const MONITORING_BASES: readonly MonitoringBase[] = ['All', 'FactoryDefault', 'HardWiredOnly'];

export type GenericDeviceModelStatus = 'Accepted' | 'Rejected' | 'NotSupported' | 'EmptyResultSet';

export interface SetMonitoringBaseResponse {
  status: GenericDeviceModelStatus;
  statusInfo?: StatusInfo;
}

export interface SetMonitoringLevelResponse {
  status: 'Accepted' | 'Rejected';
  statusInfo?: StatusInfo;
}

export type MonitoringCriterion = 'ThresholdMonitoring' | 'DeltaMonitoring' | 'PeriodicMonitoring';

/** One element of GetMonitoringReportRequest.componentVariable; `variable` may be left out. */
export interface ComponentVariable {
  component: ComponentRef;
  variable?: VariableRef;
}

export interface GetMonitoringReportRequest {
  requestId: number;
  componentVariable?: ComponentVariable[];
  monitoringCriteria?: MonitoringCriterion[];
}

export interface GetMonitoringReportResponse {
  status: GenericDeviceModelStatus;
  statusInfo?: StatusInfo;
}

/** VariableMonitoringType: all five fields are required in 2.0.1, and there is no origin field; 2.1 requires the origin too (N02.FR.22). */
export interface VariableMonitoring {
  id: number;
  transaction: boolean;
  value: number;
  type: MonitorType;
  severity: number;
  /** OCPP 2.1 only, and there required. */
  eventNotificationType?: EventNotificationType;
}

export interface MonitoringData {
  component: ComponentRef;
  variable: VariableRef;
  variableMonitoring: VariableMonitoring[];
}

export interface NotifyMonitoringReportRequest {
  requestId: number;
  seqNo: number;
  generatedAt: string;
  tbc?: boolean;
  monitor?: MonitoringData[];
}

export type EventTrigger = 'Alerting' | 'Delta' | 'Periodic';

export type EventNotificationType = 'HardWiredNotification' | 'HardWiredMonitor' | 'PreconfiguredMonitor' | 'CustomMonitor';

/** NotifyEventRequest.eventData item (N07/N08). */
export interface EventData {
  eventId: number;
  timestamp: string;
  trigger: EventTrigger;
  cause?: number;
  /** Max 2500 characters; empty for a WriteOnly variable (N07.FR.10). */
  actualValue: string;
  techCode?: string;
  techInfo?: string;
  cleared?: boolean;
  transactionId?: string;
  component: ComponentRef;
  variable: VariableRef;
  variableMonitoringId?: number;
  eventNotificationType: EventNotificationType;
  /** OCPP 2.1 only: the severity of the monitor that fired, or the station's own for a hard-wired notification (N07.FR.20/21). */
  severity?: number;
}

export interface NotifyEventRequest {
  generatedAt: string;
  seqNo: number;
  tbc?: boolean;
  eventData: EventData[];
}

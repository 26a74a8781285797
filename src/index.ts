/**
 * ocpp-audit as a library: the same pieces the CLI uses.
 */
export { ToolError, isToolError, type ToolErrorCode } from './errors.js';
export { STATION_INITIATED_ACTIONS, CSMS_INITIATED_ACTIONS, isOcppAction } from './ocpp/actions.js';
export { describeFailure, type CallFailure, type CallOutcome } from './ocpp/call-outcome.js';
export { CsmsServer, type CsmsServerOptions, type Handshake, type Rejection, type SecurityProfile, type TlsMaterial } from './ocpp/csms-server.js';
export { OCPP_ERROR_CODES, OcppCallError, isOcppErrorCode, type OcppErrorCode } from './ocpp/error-codes.js';
export type { FrameEvent, ProtocolFinding, ProtocolFindingCode, TraceDirection } from './ocpp/frame-event.js';
export { parseFrame, serializeFrame, type Frame, type FrameProblem } from './ocpp/frame.js';
export { RpcConnection, type CallHandler, type RpcConnectionOptions } from './ocpp/rpc-connection.js';
export { SchemaValidator, sharedSchemaValidator, type ValidationOutcome } from './ocpp/schema-validator.js';
export { connectAsStation, type StationConnectOptions } from './ocpp/station-client.js';
export { Journal, sha256OfFile, type JournalSummary } from './evidence/journal.js';
export { framePayload, type ConnectionRecord, type FrameRecord, type JournalRecord } from './evidence/journal-record.js';
export { connectionsPathOf, readJournalRecords } from './evidence/journal-files.js';
export { Csms, CSMS_DEFAULTS, type CsmsOptions } from './session/csms.js';
export { StationSession, type SessionOptions } from './session/station-session.js';
export type { StationMessage } from './session/station-inbox.js';
export type { BootStatus } from './session/default-replies.js';
export { main } from './cli/main.js';
export { auditStation, type AuditOptions, type AuditOutcome } from './audit/audit-station.js';
export { serveAudits, type FinishedAudit, type ServeOptions, type ServeOutcome } from './audit/audit-server.js';
export { CASE_OPTION_DEFAULTS, RUNNER_DEFAULTS } from './audit/audit-defaults.js';
export { loadTestCases, loadTestCaseFile, TESTCASE_DIRECTORY, type LoadedTestCase } from './scenario/testcase-loader.js';
export { withPrerequisites } from './scenario/prerequisites.js';
export type { TestCase, Step } from './scenario/testcase.js';
export { ScenarioRunner, type RunnerEvents, type RunnerOptions } from './scenario/runner.js';
export { ALL_CHECKS } from './checks/index.js';
export { runChecks } from './checks/run-checks.js';
export type { Check, CheckResult, Verdict } from './checks/check.js';
export { EVIDENCE_VERSION, type Evidence } from './evidence/evidence.js';
export { readEvidenceFile } from './evidence/evidence-file.js';
export { RESULT_VERSION, buildResult, type AuditResult } from './result/audit-result.js';
export { startVirtualStation } from './simulator/start-virtual-station.js';
export { loadStationProfile, builtInProfiles } from './simulator/station-profile.js';

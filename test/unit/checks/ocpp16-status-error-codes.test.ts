import { expect } from 'chai';
import { ocpp16StatusErrorCodes } from '../../../src/checks/ocpp16-status-error-codes.js';
import type { CollectedMessage } from '../../../src/evidence/evidence.js';
import { makeMessage } from '../../helpers/evidence-fixture.js';
import { evaluateOne, evidence16 } from './ocpp16-fixture.js';

const CHARGEX = 'https://chargex.inl.gov';
const status = (seq: number, connectorId: number, status: string, errorCode: string, extra: Record<string, unknown> = {}): CollectedMessage =>
  makeMessage(seq, 'StatusNotification', { connectorId, status, errorCode, ...extra });
const judge = (notifications: CollectedMessage[]) => evaluateOne(ocpp16StatusErrorCodes, evidence16({ statusNotifications: notifications }));

describe('check ocpp16-status-error-codes (OCPP 1.6 §4.9, §7.6; ChargeX MREC)', () => {
  it('ChargeX faults raised under the ChargeX vendorId and cleared with NoError: PASS, codes recognised', () => {
    const result = judge([
      status(1, 1, 'Available', 'NoError'),
      status(2, 1, 'Faulted', 'GroundFailure', { vendorId: CHARGEX, vendorErrorCode: 'CX002' }),
      status(3, 1, 'Available', 'NoError'),
      status(4, 2, 'Faulted', 'OtherError', { vendorId: CHARGEX, vendorErrorCode: 'CX014', info: 'pilot' }),
      status(5, 2, 'Available', 'NoError'),
    ]);
    expect(result.verdict, result.reason).to.equal('PASS');
    expect(result.reason).to.contain('2 error(s) were raised and cleared with NoError (GroundFailure CX002 on connector 1, OtherError CX014 on connector 2)');
    expect(result.reason).to.contain('ChargeX codes recognised: CX002 GroundFailure, CX014 PilotFault (2 of 26)');
    expect(result.seqs).to.deep.equal([2, 3, 4, 5]);
  });

  it('an errorCode outside the 16 of 1.6, or a field beyond its length: FAIL', () => {
    expect(judge([status(1, 1, 'Faulted', 'GroundFault')]).reason).to.contain('errorCode "GroundFault" is not one of the 16 codes of 1.6');
    const long = judge([status(1, 1, 'Faulted', 'OtherError', { info: 'x'.repeat(51) })]);
    expect(long.verdict).to.equal('FAIL');
    expect(long.reason).to.contain('info of #1 over 50 characters');
  });

  it('an error still raised at the end: WARN naming it (a fault may outlast an audit); the same error repeated is one error', () => {
    const result = judge([status(1, 1, 'Faulted', 'HighTemperature'), status(2, 1, 'Faulted', 'HighTemperature'), status(3, 2, 'Available', 'NoError')]);
    expect(result.verdict).to.equal('WARN');
    expect(result.reason).to.contain('HighTemperature on connector 1 stayed raised until the audit ended');
    expect(result.details?.['errors']).to.have.length(1);
  });

  it('under a ChargeX vendorId: a code outside the list, CX001–CX007 under another errorCode, or no code at all: WARN', () => {
    expect(judge([status(1, 1, 'Faulted', 'OtherError', { vendorId: CHARGEX, vendorErrorCode: 'E-4711' }), status(2, 1, 'Available', 'NoError')]).reason).to.contain('vendorErrorCode "E-4711", which is not a ChargeX code');
    expect(judge([status(1, 1, 'Faulted', 'OtherError', { vendorId: CHARGEX, vendorErrorCode: 'CX002' }), status(2, 1, 'Available', 'NoError')]).reason).to.contain('CX002 under OtherError (MREC: GroundFailure)');
    expect(judge([status(1, 1, 'Faulted', 'OtherError', { vendorId: CHARGEX }), status(2, 1, 'Available', 'NoError')]).reason).to.contain('name a ChargeX vendorId but carry no vendorErrorCode');
  });

  it("EVgo's comma-separated MREC codes are each judged; another vendor's codes are its own", () => {
    expect(judge([status(1, 1, 'Faulted', 'OtherError', { vendorId: 'com.evgo.mrec', vendorErrorCode: 'CX014,CX019' }), status(2, 1, 'Available', 'NoError')]).verdict).to.equal('PASS');
    expect(judge([status(1, 1, 'Faulted', 'OtherError', { vendorId: 'com.example', vendorErrorCode: 'E-4711' }), status(2, 1, 'Available', 'NoError')]).verdict).to.equal('PASS');
  });

  it('Faulted with NoError: WARN, nothing tells what is wrong', () => {
    expect(judge([status(1, 0, 'Faulted', 'NoError')]).reason).to.contain('say Faulted with errorCode NoError');
  });

  it('no StatusNotification at all: INCONCLUSIVE', () => {
    expect(judge([]).verdict).to.equal('INCONCLUSIVE');
  });
});
